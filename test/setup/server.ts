/**
 * Global setup for browser tests: build the web app (dist/web) if it changed, boot the API in-process on a
 * fresh embedded database with the demo county, serve both on 127.0.0.1:<random port>.
 * Tests read `inject('baseUrl')` and `inject('chromium')`. The web app is built only when its inputs changed (web/build.ts).
 * Without a browser ($CHROMIUM_PATH, else /usr/bin/chromium) nothing is booted and the browser
 * tests skip, saying so — except under CI (CI=true), where a missing browser fails the run.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { TestProject } from 'vitest/node';
import { chromiumPath, missingBrowser } from '../e2e/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The browser's executable, or null when there is none (the browser tests skip). */
    chromium: string | null;
  }
}

/** CI as CI services set it (CI=true; "0", "false" or empty mean no). */
function underCi(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}

export default async function setup(project: TestProject) {
  const missing = missingBrowser();
  if (missing) {
    if (underCi()) throw new Error(`browser tests cannot run: ${missing} (CI=${process.env.CI}: a missing browser is a failure)`);
    console.warn(`\n  browser tests skipped: ${missing}\n`);
    project.provide('baseUrl', '');
    project.provide('chromium', null);
    return;
  }
  project.provide('chromium', chromiumPath());
  const t0 = performance.now();
  const { ensureWebBuild } = await import('../../web/build.ts');
  await ensureWebBuild();
  const t1 = performance.now();
  // Imported after the build: createApp serves dist/web only if it exists when it is created.
  const { startup } = await import('../../data-pipeline/startup.ts');
  const { createApp } = await import('../../api/app.ts');
  const { VERSION } = await import('../../api/version.ts');
  const { readConfig } = await import('../../api/config.ts');
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = resolve('.tantu-test', `e2e-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  // The cooperative test creates users with the administrator token (TANTU_ADMIN_TOKEN, default e2e-admin-token).
  const base = readConfig();
  const config = { ...base, port: 0, dataDir, databaseUrl, loadDemo: true, adminToken: base.adminToken ?? 'e2e-admin-token' };
  const { db } = await startup(config);
  const app = createApp({ db, config, version: VERSION });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => (server.listening ? ok() : server.once('listening', () => ok())));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  console.log(`[e2e] web built in ${((t1 - t0) / 1e3).toFixed(1)} s; API (${db.backend}) at ${baseUrl} after ${((performance.now() - t1) / 1e3).toFixed(1)} s`);
  project.provide('baseUrl', baseUrl);
  return async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    await db.close();
    if (!databaseUrl) rmSync(dataDir, { recursive: true, force: true });
  };
}
