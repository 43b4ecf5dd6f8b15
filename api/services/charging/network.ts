/**
 * The charging network, main-thread side. The road graph, the snapped demand cells and every
 * search on them live in the one thread of the worker pool 'charging' (model.ts, tasks.ts), so a network rebuild or
 * a county-wide coverage does not hold the event loop. Here: the data fingerprint (roads, regions,
 * population rasters; checked at most every FINGERPRINT_TTL_MS), reading the build inputs from the
 * store when a thread does not hold the network of that fingerprint yet, and `onNetwork`, which
 * runs one charging operation in a thread with the stations read now (they are few: what changes
 * them needs no rebuild).
 *
 * Transfer: a request sends only the key, the stations and its own arguments; the inputs (road
 * rows as GeoJSON text, the population and urban/rural rasters, the regions) cross once per thread
 * and key, on the thread's first miss, and the thread builds and keeps the model.
 */
import type { Sql } from 'postgres';
import { getRaster } from '../../store/catalog.ts';
import { rasterStore } from '../../store/rasters.ts';
import type { CrsCode } from '../../../layers/geo/crs.ts';
import { transformer } from '../../../layers/geo/project.ts';
import type { Grid, GeoTransform } from '../../../layers/raster/grid.ts';
import type { RoadClass } from '../../../layers/charging/speeds.ts';
import { runInWorker } from '../worker-pool.ts';
import { ProblemError } from '../problem.ts';
import type { NetworkInputs } from './model.ts';
import type { StationRow, TaskOutcome, TaskRequest } from './tasks.ts';

export const FINGERPRINT_TTL_MS = 2000;

/** The charging operations' module in the pool threads (warmed by api/server.ts). */
export const CHARGING_TASKS = new URL('./tasks.ts', import.meta.url);

/** What the main thread knows of the network (the indicators split chargers urban / rural with it). */
export interface Network {
  fingerprint: string;
  crs: CrsCode;
  grid: Grid;
  /** Demand cell k lies at grid index cellIndex[k]. */
  cellIndex: Int32Array;
  cells: { urban: Uint8Array };
  roads: { count: number };
  built: { ms: number; at: string; snap_ms: number; graph_ms: number; read_ms: number };
  toGrid: (lon: number, lat: number) => [number, number];
  toLonLat: (x: number, y: number) => [number, number];
}

let generation = 0;
let fp: { value: string; at: number } | undefined;
let handle: Network | undefined;

async function fingerprint(sql: Sql): Promise<string> {
  const [r] = await sql<{ f: string }[]>`
    SELECT concat_ws('|',
      (SELECT concat_ws(',', count(*), coalesce(sum(ST_NPoints(geom)), 0), coalesce(sum(speed_kmh), 0), coalesce(sum(oneway), 0),
        coalesce(round(sum(ST_X(ST_StartPoint(geom)) + ST_Y(ST_EndPoint(geom)))::numeric, 6), 0), string_agg(DISTINCT road_class, ',')) FROM roads),
      (SELECT concat_ws(',', count(*), coalesce(round(sum(ST_NPoints(geom))::numeric), 0)) FROM regions),
      (SELECT string_agg(layer_id || ':' || path || ':' || width || 'x' || height, ',' ORDER BY layer_id) FROM rasters WHERE layer_id IN ('population', 'urban_rural'))) AS f`;
  return r.f;
}

/** The key of the current data: its fingerprint (re-read after FINGERPRINT_TTL_MS) and the generation. */
export async function networkKey(sql: Sql): Promise<string> {
  const now = Date.now();
  if (!fp || now - fp.at >= FINGERPRINT_TTL_MS) fp = { value: await fingerprint(sql), at: Date.now() };
  return `${fp.value}#${generation}`;
}

/** Forget the network (tests, benches): the next request reads the inputs again and the threads rebuild. */
export function resetChargingNetwork(): void {
  generation++;
  fp = undefined;
  handle = undefined;
}

/** Read what a build needs from the store. @throws ProblemError 422 without a population raster or roads */
export async function networkInputs(sql: Sql, key: string): Promise<NetworkInputs> {
  const t0 = performance.now();
  const pop = await getRaster(sql, 'population');
  if (!pop) {
    throw new ProblemError(422, 'Population raster not loaded',
      'Charging coverage is counted per person: load the demo county or import a population raster with `npm run tantu -- import <file> --as raster:population`.', {},
      { title: '未加载人口栅格', detail: '充电覆盖按人口计算：请加载示范县或用 `npm run tantu -- import <文件> --as raster:population` 导入人口栅格。' });
  }
  const roads = await sql<NetworkInputs['roads']>`
    SELECT road_class, speed_kmh, oneway, name_zh, name_en, ST_AsGeoJSON(geom, 7) AS g FROM roads ORDER BY id`;
  if (!roads.length) {
    throw new ProblemError(422, 'No roads loaded', 'Charging coverage routes on the roads table, which is empty: load the demo county or import roads (`npm run tantu -- import <file> --as roads --map road_class=<column> speed_kmh=<column>`).', {},
      { title: '未加载道路', detail: '充电覆盖基于道路表计算，但道路表为空：请加载示范县或导入道路（`npm run tantu -- import <文件> --as roads --map road_class=<列名> speed_kmh=<列名>`）。' });
  }
  const popWin = await rasterStore.readWindow(pop, 0, 0, pop.width, pop.height);
  const ur = await getRaster(sql, 'urban_rural');
  const urWin = ur && ur.width === pop.width && ur.height === pop.height ? await rasterStore.readWindow(ur, 0, 0, ur.width, ur.height) : null;
  const regions = await sql<NetworkInputs['regions']>`
    SELECT id, parent_id, level, name_zh, name_en, ST_AsGeoJSON(geom, 7) AS g FROM regions WHERE level IN ('county', 'township', 'village') ORDER BY level, id`;
  return {
    key,
    pop: { width: pop.width, height: pop.height, geotransform: pop.geotransform, crs: pop.crs, nodata: pop.nodata, data: popWin.data },
    urban: urWin?.data ?? null,
    roads: roads.map((r) => ({ road_class: r.road_class as RoadClass, speed_kmh: r.speed_kmh, oneway: r.oneway, name_zh: r.name_zh, name_en: r.name_en, g: r.g })),
    regions: regions.map((r) => ({ id: r.id, parent_id: r.parent_id, level: r.level, name_zh: r.name_zh, name_en: r.name_en, g: r.g })),
    read_ms: performance.now() - t0,
  };
}

/** Public and service-area chargers of the stations table (private ones are not public charging). */
export async function stationRows(sql: Sql): Promise<StationRow[]> {
  const rows = await sql<StationRow[]>`
    SELECT id, name_zh, site_kind, ST_X(geom) lon, ST_Y(geom) lat FROM charging_stations WHERE site_kind <> 'private' ORDER BY id`;
  return rows.map((r) => ({ id: r.id, name_zh: r.name_zh, site_kind: r.site_kind, lon: r.lon, lat: r.lat }));
}

/**
 * Run charging operation `op` in a pool thread on the network of the current data, with the
 * public stations and `args`; a ProblemError thrown there is thrown here again.
 */
export async function onNetwork<T>(sql: Sql, op: TaskRequest['op'], args: unknown[]): Promise<T> {
  const key = await networkKey(sql);
  const stations = await stationRows(sql);
  let out = await runInWorker<TaskOutcome<T>>(CHARGING_TASKS, 'chargingTask', [{ key, op, args, stations } satisfies TaskRequest], { pool: 'charging' });
  if ('need' in out) {
    const inputs = await networkInputs(sql, key);
    out = await runInWorker<TaskOutcome<T>>(CHARGING_TASKS, 'chargingTask', [{ key, op, args, stations, inputs } satisfies TaskRequest], { pool: 'charging' });
  }
  if ('problem' in out) {
    const p = out.problem;
    throw new ProblemError(p.status as ProblemError['status'], p.title, p.detail, p.extensions, p.zh);
  }
  if ('need' in out) throw new Error('the charging network was not built in the worker');
  return out.value;
}

/** The network of the current data as the main thread sees it (grid, cells' urban flags, CRS). */
export async function chargingNetwork(sql: Sql): Promise<Network> {
  const key = await networkKey(sql);
  if (handle?.fingerprint === key) return handle;
  const info = await onNetwork<Omit<Network, 'toGrid' | 'toLonLat'>>(sql, 'info', []);
  const fwd = transformer('EPSG:4326', info.crs), inv = transformer(info.crs, 'EPSG:4326');
  handle = { ...info, grid: { ...info.grid, geotransform: info.grid.geotransform as GeoTransform }, toGrid: (lon, lat) => fwd.point(lon, lat), toLonLat: (x, y) => inv.point(x, y) };
  return handle;
}
