/**
 * Start-up shared by the server, the CLI, tests and benchmarks: open the database, migrate, load
 * the demo county into an empty one (and build its carbon layers), sync the layer catalog.
 * It lives in the data pipeline because loading the demo is pipeline work; the API's entry point
 * (api/server.ts) calls it before serving.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../api/store/connect.ts';
import { migrate } from '../api/store/migrate.ts';
import { syncCatalog } from '../api/store/catalog.ts';
import { DEMO_SEED, demoDir } from './demo/seed.ts';
import { generateDemoInWorker } from './demo/worker.ts';
import { buildCarbonLayers } from './build/carbon-layers.ts';
import { ensureDemoWeatherStation } from './demo/weather-station.ts';
import { ensureDemoEnglishNames } from './demo/english-names.ts';

export type Progress = (step: string, fraction: number) => void;

export interface StartupOptions {
  /** Folder of the embedded database and the rasters. */
  dataDir: string;
  /** PostgreSQL server to use instead of the embedded database. */
  databaseUrl?: string;
  /** Load the demo county into an empty database. */
  loadDemo: boolean;
}

export interface StartupResult {
  db: Database;
  demoLoaded: boolean;
  seconds: { open: number; migrate: number; demo: number };
}

/** Whether the embedded database in `dataDir` has not been created yet. */
function freshEmbedded(options: StartupOptions): boolean {
  return !options.databaseUrl && !existsSync(join(options.dataDir, 'pg', 'PG_VERSION'));
}

export async function startup(options: StartupOptions, onProgress: Progress = () => {}): Promise<StartupResult> {
  const t0 = performance.now();
  // A new embedded database is empty: generate the demo county on the other core while PostGIS is created.
  const generated = options.loadDemo && freshEmbedded(options)
    ? generateDemoInWorker({ seed: DEMO_SEED, outDir: demoDir(options.dataDir) }, onProgress)
    : undefined;
  generated?.catch(() => {}); // awaited (and its error thrown) by loadDemo below
  onProgress(options.databaseUrl ? 'connecting to PostgreSQL' : generated ? 'creating embedded PostGIS (and the demo county)' : 'opening embedded PostGIS', 0);
  const db = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  const t1 = performance.now();
  onProgress('migrating', 0);
  await migrate(db.sql);
  const t2 = performance.now();
  let demoLoaded = false;
  if (options.loadDemo) {
    const [{ empty }] = await db.sql<{ empty: boolean }[]>`SELECT NOT EXISTS (SELECT 1 FROM regions) empty`;
    if (empty) {
      // The generator (and turf, polyclip) is loaded only when a county is to be generated.
      const { loadDemo } = await import('./demo/index.ts');
      await loadDemo(db, options.dataDir, { onProgress, generated });
      // Carbon density and sink layers are derived from the demo's land cover, stands and wetlands.
      await buildCarbonLayers(db, options.dataDir, { onProgress });
      demoLoaded = true;
    } else {
      // A demo county loaded before weather stations (or English names) existed gets them.
      await ensureDemoWeatherStation(db.sql);
      await ensureDemoEnglishNames(db.sql);
    }
  }
  await syncCatalog(db.sql);
  const t3 = performance.now();
  return { db, demoLoaded, seconds: { open: (t1 - t0) / 1e3, migrate: (t2 - t1) / 1e3, demo: (t3 - t2) / 1e3 } };
}
