/**
 * Build the web app (vite → dist/web) only when its inputs changed since the last build: the web
 * sources, the science it bundles (layers/) and the locked package versions. `npm start` calls
 * this, so a start after the first build costs a hash of those files, not a vite build; `npm run
 * build:web` forces a build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'web');
const STAMP = join(OUT, '.inputs-sha256');
const INPUTS = ['web', 'layers', 'package-lock.json'];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))));
}

/** SHA-256 over the names and contents of every input file. */
export function webInputsHash(): string {
  const h = createHash('sha256');
  for (const f of INPUTS.flatMap(files).sort()) h.update(f).update('\0').update(readFileSync(join(ROOT, f))).update('\0');
  return h.digest('hex');
}

export interface WebBuild {
  built: boolean;
  seconds: number;
}

/** Build dist/web unless it was built from the same inputs (or always, with `force`). */
export async function ensureWebBuild({ force = false, log = (_: string) => {} } = {}): Promise<WebBuild> {
  const t0 = performance.now();
  const hash = webInputsHash();
  if (!force && existsSync(join(OUT, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) {
    return { built: false, seconds: (performance.now() - t0) / 1e3 };
  }
  log('building the web app (once per change of web/ or layers/) …');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(STAMP, hash);
  return { built: true, seconds: (performance.now() - t0) / 1e3 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await ensureWebBuild({ force: process.argv.includes('--force'), log: console.log });
  console.log(r.built ? `web app built in ${r.seconds.toFixed(1)} s (dist/web)` : 'web app up to date (dist/web)');
}
