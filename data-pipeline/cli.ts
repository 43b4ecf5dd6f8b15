/**
 * The data-pipeline CLI: `npm run tantu -- <command> [options]`.
 *   demo     generate and load the synthetic demo county (--seed N, --force to reload)
 *   import   load real data: import <file> --as <target> [--crs <code|gcj02>] [--encoding gbk] [--map field=column …]
 *   layers   list the layer catalog
 *   carbon   InVEST-compatible carbon model on GeoTIFF files (no database)
 *   build carbon  carbon density / annual sink rasters from land cover, stands and wetlands
 * Uses DATABASE_URL when set, otherwise the embedded PostGIS under TANTU_DATA_DIR (default ./data).
 * Commands with `db: false` run without opening the database (the database modules are loaded
 * lazily, only for commands that need them).
 */
import { readConfig } from '../api/config.ts';
import type { Database } from '../api/store/connect.ts';
import { catalog } from '../api/services/catalog.ts';
import { syncCatalog } from '../api/store/catalog.ts';
import { progressReporter } from './progress.ts';
import { DEMO_SEED, loadDemo } from './demo/index.ts';
import { runImportCommand } from './commands/import.ts';
import { CARBON_USAGE, carbonCommand } from './commands/carbon.ts';
import { buildCarbonLayers } from './build/carbon-layers.ts';
import { PV_USAGE, WIND_USAGE, pvCommand, windCommand, type EnergyDeps } from './commands/energy.ts';
import { horizonAt } from '../api/services/horizon.ts';
import { LOCATE_USAGE, LocateUsageError, locateCommand } from './commands/locate.ts';
import { userCommand } from './commands/user.ts';

const USAGE = `tantu 碳图 data pipeline

  npm run tantu -- demo [--seed N] [--force]       generate + load the synthetic demo county (replaces earlier demo rows)
  npm run tantu -- import <file> --as <target> [--crs <epsg-code|gcj02>] [--encoding gbk] [--map field=column ...]
        targets: regions stands wetlands protected_areas roads places stations substations power_lines raster:<layer-id>
  npm run tantu -- import <weather file> --as weather [--utc-offset 8] [--name ...] [--lat --lon --elevation (plain CSV)]
        EPW, TMY3 CSV, PVGIS TMY JSON/CSV or an hourly CSV → a weather station
  npm run tantu -- layers                          list the layer catalog
  ${CARBON_USAGE}
  ${PV_USAGE}
  ${WIND_USAGE}
  ${LOCATE_USAGE}
  npm run tantu -- build carbon                    carbon density (t C/ha) and annual sink (t CO2e/ha/yr) rasters

Database: DATABASE_URL if set, else the embedded PostGIS in TANTU_DATA_DIR (default ./data).`;

type Command = (db: Database, args: string[], dataDir: string) => Promise<void>;
type FileCommand = (args: string[], dataDir: string) => Promise<void>;

function flagValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const commands: Record<string, { db?: true; loadDemo: boolean; run: Command } | { db: false; run: FileCommand }> = {
  demo: {
    loadDemo: false,
    async run(db, args, dataDir) {
      const seed = Number(flagValue(args, '--seed') ?? DEMO_SEED);
      if (!Number.isInteger(seed)) throw new Error('--seed takes a whole number');
      const [{ n }] = await db.sql<{ n: number }[]>`SELECT count(*)::int n FROM regions`;
      if (n > 0 && !args.includes('--force')) {
        console.log('The database already holds regions; nothing loaded. Use --force to replace the demo county.');
        return;
      }
      const progress = progressReporter();
      const result = await loadDemo(db, dataDir, { seed, onProgress: progress.update });
      await buildCarbonLayers(db, dataDir, { onProgress: progress.update });
      progress.done();
      await syncCatalog(db.sql);
      console.log(`demo county (seed ${seed}) generated in ${result.seconds.generate} s, loaded in ${result.seconds.load} s: ${JSON.stringify(result.counts)}`);
    },
  },
  import: {
    loadDemo: false,
    async run(db, args, dataDir) {
      await runImportCommand(args, { db, dataDir, log: (line: string) => console.log(line) });
      await syncCatalog(db.sql);
    },
  },
  layers: {
    loadDemo: true,
    async run(db) {
      const rows = await catalog(db.sql);
      console.table(rows.map((l) => ({ id: l.id, 名称: l.title_zh, title: l.title_en, kind: l.kind, unit: l.unit ?? '', source: l.source })));
    },
  },
  carbon: {
    db: false,
    async run(args) {
      const progress = progressReporter();
      try {
        await carbonCommand(args, { onProgress: progress.update });
      } finally {
        progress.done();
      }
    },
  },
  pv: { db: false, run: (args, dataDir) => pvCommand(args, energyDeps(dataDir)) },
  wind: { db: false, run: (args, dataDir) => windCommand(args, energyDeps(dataDir)) },
  build: {
    loadDemo: true,
    async run(db, args, dataDir) {
      const [what, ...rest] = args;
      if (what !== 'carbon') throw new Error(`build what? known: carbon (got ${what ?? 'nothing'})`);
      if (rest.length) throw new Error(`build carbon takes no options (got ${rest.join(' ')})`);
      const progress = progressReporter();
      const result = await buildCarbonLayers(db, dataDir, { onProgress: progress.update });
      progress.done();
      await syncCatalog(db.sql);
      console.log(`carbon layers ${result.layers.join(', ')} built in ${result.seconds.toFixed(1)} s ` +
        `(${result.stands.burned} of ${result.stands.read} stands, ${result.wetlands.burned} of ${result.wetlands.read} wetlands burned in)`);
      console.log(`  stock ${result.totals.stock_tC.toPrecision(8)} t C over ${result.totals.counted_area_ha.toPrecision(8)} ha; ` +
        `sink ${result.totals.sink_tCO2e_per_yr.toPrecision(8)} t CO2e/yr`);
    },
  },
  locate: {
    db: false,
    async run(args) {
      if (!args.length || args.includes('--help')) { console.log(LOCATE_USAGE); return; }
      try { await locateCommand(args); } catch (err) { if (err instanceof LocateUsageError) console.error(LOCATE_USAGE); throw err; }
    },
  },
  user: { loadDemo: false, run: (db, args) => userCommand(db, args) },
};

/** pv / wind open the database only when they need it (a station id, the DEM horizon). */
function energyDeps(dataDir: string): EnergyDeps {
  return {
    async openDb() {
      const { startup } = await import('./startup.ts');
      const { db } = await startup({ ...readConfig(), dataDir });
      const { useRasterDir } = await import('../api/services/raster-dir.ts');
      useRasterDir(dataDir);
      return db;
    },
    horizonAt: (sql, lon, lat) => horizonAt(sql, lon, lat),
  };
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log(USAGE);
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  const config = readConfig();
  if (command.db === false) {
    try {
      await command.run(args, config.dataDir);
      return 0;
    } catch (err) {
      console.error(`error: ${(err as Error).message}`);
      return 1;
    }
  }
  const { startup } = await import('./startup.ts');
  const progress = progressReporter();
  const { db } = await startup({ ...config, loadDemo: config.loadDemo && command.loadDemo }, progress.update);
  progress.done();
  try {
    await command.run(db, args, config.dataDir);
    return 0;
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
