/** Vite config for the tantu web app: root web/, output dist/web (served by the API at /). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.TANTU_API ?? 'http://localhost:8787';

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': api,
      '/tiles': api,
    },
  },
});
