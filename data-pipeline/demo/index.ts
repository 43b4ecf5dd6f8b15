/**
 * The demo county loader: generate (deterministic from a seed) into <dataDir>/rasters/demo/,
 * insert all vectors in one transaction through insertFeatures, register the rasters, and
 * record the seed and checksum in `meta`.
 */
import { insertFeatures, type VectorTarget } from '../../api/store/vectors.ts';
import { registerRaster } from '../../api/store/catalog.ts';
import { sqlOf, type DbLike } from '../../api/store/connect.ts';
import { DEMO_RASTER_CRS } from '../../layers/geo/crs.ts';
import { DEMO_SEED, demoDir } from './seed.ts';
import { insertDemoWeatherStation } from './weather-station.ts';
import { generateDemo, demoChecksums, demoSource, vectorChecksum, type DemoResult, type DemoTarget, type ProgressFn } from './generate.ts';

export { generateDemo, demoChecksums, demoSource, vectorChecksum };
export type { DemoResult, DemoTarget, ProgressFn };
export type { DemoRaster, DemoVectors, GenerateOptions } from './generate.ts';

export { DEMO_SEED, demoDir } from './seed.ts';

export interface DemoLoadOptions {
  seed?: number;
  onProgress?: ProgressFn;
  /** Passed to generateDemo (tests may load a coarser county). */
  cellSizeM?: number;
  standHa?: number;
  /** The county already generated (e.g. in a worker while the database started), for this seed and data folder. */
  generated?: Promise<DemoResult>;
}

export interface DemoLoadResult {
  seed: number;
  checksum: string;
  counts: Record<DemoTarget, number>;
  rasters: string[];
  seconds: { generate: number; load: number };
}

const ORDER: DemoTarget[] = ['regions', 'stands', 'wetlands', 'protected_areas', 'roads', 'places', 'stations', 'substations', 'power_lines'];

const TABLE: Record<DemoTarget, string> = {
  regions: 'regions', stands: 'stands', wetlands: 'wetlands', protected_areas: 'protected_areas', roads: 'roads',
  places: 'places', stations: 'charging_stations', substations: 'substations', power_lines: 'power_lines',
};

/** Generate the demo county and load it. Replaces earlier demo rows (same source) of every table. */
export async function loadDemo(db: DbLike, dataDir: string, opts: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const sql = sqlOf(db);
  const seed = opts.seed ?? DEMO_SEED;
  const onProgress = opts.onProgress ?? (() => {});
  const t0 = performance.now();
  const demo = await (opts.generated ?? generateDemo({
    seed, outDir: demoDir(dataDir), onProgress, cellSizeM: opts.cellSizeM, standHa: opts.standHa,
  }));
  const t1 = performance.now();
  const source = demo.source;
  const total = ORDER.reduce((a, t) => a + demo.vectors[t].length, 0);
  let done = 0;
  const counts = {} as Record<DemoTarget, number>;
  onProgress('demo: load database', 0);
  await sql.begin(async (tx) => {
    for (const t of ORDER) await tx.unsafe(`DELETE FROM ${TABLE[t]} WHERE source LIKE 'synthetic demo%'`);
    for (const t of ORDER) {
      counts[t] = await insertFeatures(tx, t as VectorTarget, demo.vectors[t], source);
      await tx`INSERT INTO imports (target, file_name, source_crs, feature_count) VALUES (${t}, ${source}, 'EPSG:4326', ${counts[t]})`;
      done += demo.vectors[t].length;
      onProgress('demo: load database', (0.9 * done) / total);
    }
    for (const r of demo.rasters) {
      await registerRaster(tx, {
        layer_id: r.layer_id, path: r.path, crs: DEMO_RASTER_CRS, width: r.width, height: r.height,
        geotransform: r.geotransform, nodata: r.nodata, unit: r.unit, source, bounds: r.bounds,
      });
    }
    await insertDemoWeatherStation(tx, demo.weather.path, seed);
    const meta: [string, string][] = [
      ['demo_seed', String(seed)],
      ['demo_checksum', demo.checksums.all],
      ['demo_checksums', JSON.stringify(demo.checksums)],
      ['demo_weather_csv', demo.weather.path],
      ['demo_source', source],
    ];
    for (const [key, value] of meta) {
      await tx`INSERT INTO meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`;
    }
  });
  onProgress('demo: load database', 1);
  const t2 = performance.now();
  return {
    seed, checksum: demo.checksums.all, counts, rasters: demo.rasters.map((r) => r.layer_id),
    seconds: { generate: Math.round((t1 - t0) / 100) / 10, load: Math.round((t2 - t1) / 100) / 10 },
  };
}
