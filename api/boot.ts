/** Start-up shared by the server, the CLI, tests and benchmarks: open, migrate, load the demo, sync the catalog. */
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { syncCatalog } from './services/catalog.ts';
import { ensureDemo } from '../data-pipeline/demo/index.ts';
import { buildCarbonLayers } from '../data-pipeline/build/carbon-layers.ts';

export type Progress = (step: string, fraction: number) => void;

export interface BootResult {
  db: Database;
  demoLoaded: boolean;
  seconds: { open: number; migrate: number; demo: number };
}

export async function boot(config: Config, onProgress: Progress = () => {}): Promise<BootResult> {
  const t0 = performance.now();
  onProgress(config.databaseUrl ? 'connecting to PostgreSQL' : 'opening embedded PostGIS', 0);
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const t1 = performance.now();
  onProgress('migrating', 0);
  await migrate(db.sql);
  const t2 = performance.now();
  let demoLoaded = false;
  if (config.loadDemo) {
    demoLoaded = (await ensureDemo(db, config.dataDir, { onProgress })).loaded;
    // Carbon density and sink layers are derived from the demo's land cover, stands and wetlands.
    if (demoLoaded) await buildCarbonLayers(db, config.dataDir, { onProgress });
  }
  await syncCatalog(db.sql);
  const t3 = performance.now();
  return { db, demoLoaded, seconds: { open: (t1 - t0) / 1e3, migrate: (t2 - t1) / 1e3, demo: (t3 - t2) / 1e3 } };
}
