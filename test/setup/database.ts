/**
 * Global setup for database tests: a real PostGIS — the server at DATABASE_URL, or a fresh
 * embedded PGlite + PostGIS — migrated, with the demo county loaded once for the whole run.
 * Tests read `inject('databaseUrl')`, `inject('dataDir')` and `inject('backend')`.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startup } from '../../data-pipeline/startup.ts';
import { readConfig } from '../../api/config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
    backend: 'embedded' | 'server';
  }
}

export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = resolve('.tantu-test', databaseUrl ? 'server' : `embedded-${process.pid}`);
  // A server database keeps its demo county between runs, and with it the rasters in its data folder.
  if (!databaseUrl) rmSync(dataDir, { recursive: true, force: true });
  const started = performance.now();
  const { db } = await startup({ ...readConfig({}), dataDir, databaseUrl, loadDemo: true });
  console.log(`[test db] ${db.backend} ready in ${((performance.now() - started) / 1e3).toFixed(1)} s`);
  project.provide('databaseUrl', db.url);
  project.provide('dataDir', dataDir);
  project.provide('backend', db.backend);
  return async () => {
    await db.close();
    if (!databaseUrl) rmSync(dataDir, { recursive: true, force: true });
  };
}
