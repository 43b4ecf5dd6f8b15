/**
 * The county's siting source layers (layers/siting/layers.ts), on the land-cover grid (30 m in
 * the demo county): built once from the registered rasters and the vector tables, kept in memory
 * and written under <dataDir>/siting/ keyed by the data version (a hash of the raster records
 * with their files' sizes and times, and of every vector row that feeds a layer), so a restart
 * reads them back in well under a second and any change to the data rebuilds them.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import type { MultiPolygon, Polygon, LineString, Point } from 'geojson';
import { transformer } from '../../../layers/geo/project.ts';
import { rasterizePolygons } from '../../../layers/raster/rasterize.ts';
import { rasterizeLines, rasterizePoints } from '../../../layers/raster/lines.ts';
import { euclideanDistance } from '../../../layers/raster/edt.ts';
import { aspectDegrees, slopeDegrees } from '../../../layers/raster/terrain.ts';
import { squareCellSize, type GeoTransform, type Grid } from '../../../layers/raster/grid.ts';
import { gammaFn, powerDensity } from '../../../layers/wind/weibull.ts';
import { landCoverByKey } from '../../../layers/landcover/classes.ts';
import { WATER_BODY_CODES } from '../../../layers/siting/layers.ts';
import { specificYieldRaster, type YieldPerGhi } from '../../../layers/solar/specific-yield.ts';
import { getRaster, type RasterRecord } from '../../store/catalog.ts';
import { getWeatherSeries, nearestWeatherStation } from '../../store/weather.ts';
import { RasterStore, rasterStore } from '../../store/rasters.ts';
import { ProblemError } from '../problem.ts';
import { runInWorker } from '../worker-pool.ts';

const SPECIFIC_YIELD = new URL('../../../layers/solar/specific-yield.ts', import.meta.url);

export type LayerArray = Float32Array | Uint8Array;

export interface SitingData {
  version: string;
  grid: Grid;
  /** The land-cover raster record (CRS, geotransform, bounds). */
  record: RasterRecord;
  width: number;
  height: number;
  cellSizeM: number;
  /** Projected cell area, m². */
  cellAreaM2: number;
  /** 1 inside the study area (cells with land cover), 0 outside. */
  domain: Uint8Array;
  layers: Map<string, { values: LayerArray; nodata: number | null }>;
  /**
   * How the specific PV yield layer was made (the station's full-chain yield per kWh/m²), or null
   * when there is no weather station (then the layer is missing and PV siting scores GHI only).
   */
  pv_yield: (YieldPerGhi & { station_id: number; station_name: string }) | null;
  /** Seconds the build took (0 when read from the cache) and where it came from. */
  build: { seconds: number; from: 'built' | 'disk' | 'memory' };
}

const RASTERS = ['landcover', 'dem', 'ghi', 'wind100'] as const;
const VECTOR_TABLES = ['protected_areas', 'wetlands', 'roads', 'power_lines', 'substations', 'places'] as const;

async function requireRaster(sql: Sql, id: string): Promise<RasterRecord> {
  const r = await getRaster(sql, id);
  if (!r) {
    throw new ProblemError(422, 'Siting data missing', `The siting layers need the "${id}" raster: load the demo county (npm run tantu -- demo) or import one (npm run tantu -- import <tif> --as raster:${id}).`, { missing_raster: id },
      { title: '缺少选址数据', detail: `选址图层需要栅格"${id}"：请加载演示县（npm run tantu -- demo）或导入（npm run tantu -- import <tif> --as raster:${id}）。` });
  }
  return r;
}

/** The data version: sha256 over the raster records (with file size and mtime) and the vector rows the layers read. */
export async function sitingDataVersion(sql: Sql): Promise<string> {
  const h = createHash('sha256');
  h.update('siting-layers-v2\n');
  for (const id of RASTERS) {
    const r = await requireRaster(sql, id);
    const loc = rasterStore.location(r.path);
    const s = await stat(loc).catch(() => undefined);
    h.update(JSON.stringify([r.layer_id, r.path, r.width, r.height, r.geotransform, r.crs, r.nodata, s?.size, s?.mtimeMs]));
  }
  for (const t of VECTOR_TABLES) {
    const extra = t === 'protected_areas' ? 'kind' : t === 'wetlands' ? 'wetland_type' : "''";
    const [row] = await sql.unsafe<{ n: string; m: string | null }[]>(
      `SELECT count(*)::text n, md5(string_agg(id || ':' || ${extra} || ':' || md5(ST_AsBinary(geom)), ',' ORDER BY id)) m FROM ${t}`);
    h.update(`${t}:${row.n}:${row.m ?? ''}\n`);
  }
  // the specific PV yield layer comes from the weather station nearest the county
  const [ws] = await sql<{ n: string; m: string | null }[]>`SELECT count(*)::text n, md5(string_agg(id || ':' || n_hours || ':' || annual_ghi_kwh_per_m2 || ':' || md5(ST_AsBinary(geom)), ',' ORDER BY id)) m FROM weather_stations`;
  h.update(`weather_stations:${ws.n}:${ws.m ?? ''}\n`);
  return h.digest('hex').slice(0, 24);
}

// ------------------------------------------------------------------------------ build

async function readAll(store: RasterStore, r: RasterRecord): Promise<ArrayLike<number>> {
  const w = await store.readWindow(r, 0, 0, r.width, r.height);
  return w.data;
}

type Geo = Polygon | MultiPolygon;

function polygonsXY(geojson: string, t: (x: number, y: number) => [number, number]): number[][][][] {
  const g = JSON.parse(geojson) as Geo;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((p) => p.map((ring) => ring.map(([x, y]) => t(x, y))));
}

/** Build every source layer (see the module comment); `onStep` hears each step's name. */
export async function buildSitingLayers(sql: Sql, version: string, onStep: (step: string) => void = () => {}): Promise<SitingData> {
  const t0 = performance.now();
  const lc = await requireRaster(sql, 'landcover');
  const gt = lc.geotransform as unknown as GeoTransform;
  const grid: Grid = { width: lc.width, height: lc.height, geotransform: gt, crs: lc.crs };
  const cell = squareCellSize(grid);
  const W = lc.width, H = lc.height, N = W * H;
  const store = new RasterStore({ maxBytes: 32 * 2 ** 20 });
  store.setBaseDir(rasterStore.location('.'));
  const layers = new Map<string, { values: LayerArray; nodata: number | null }>();

  // the station's full yield chain (~0.6 s of CPU) runs in the worker pool while this thread builds the rest
  const [clon, clat] = [(lc.bounds[0] + lc.bounds[2]) / 2, (lc.bounds[1] + lc.bounds[3]) / 2];
  const near = await nearestWeatherStation(sql, clon, clat);
  const series = near ? await getWeatherSeries(sql, near.id) : null;
  const yieldTask = near && series ? runInWorker<YieldPerGhi>(SPECIFIC_YIELD, 'yieldPerGhi', [series]) : null;
  yieldTask?.catch(() => {}); // awaited below; no unhandled rejection meanwhile

  onStep('land cover');
  const lcv = await readAll(store, lc);
  const landcover = new Uint8Array(N);
  const domain = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const v = lcv[i];
    if (v === v && v !== lc.nodata && v > 0) { landcover[i] = v; domain[i] = 1; }
  }
  layers.set('landcover', { values: landcover, nodata: 0 });

  // Other rasters must share the land-cover grid (the demo's do); resampling is not done here.
  const same = async (id: string) => {
    const r = await requireRaster(sql, id);
    if (r.width !== W || r.height !== H || r.geotransform.some((v, k) => Math.abs(v - lc.geotransform[k]) > 1e-6) || r.crs !== lc.crs) {
      throw new ProblemError(422, 'Raster grids differ', `The "${id}" raster (${r.width}×${r.height}, ${r.crs}) is not on the land-cover grid (${W}×${H}, ${lc.crs}); siting needs them aligned.`, { raster: id },
        { title: '栅格网格不一致', detail: `栅格"${id}"(${r.width}×${r.height}，${r.crs})与土地覆盖网格(${W}×${H}，${lc.crs})不一致，选址需要对齐的栅格。` });
    }
    return { r, v: await readAll(store, r) };
  };

  onStep('terrain');
  const dem = await same('dem');
  const elevation = new Float32Array(N);
  for (let i = 0; i < N; i++) { const v = dem.v[i]; elevation[i] = v === dem.r.nodata || !domain[i] ? NaN : v; }
  const demOpts = { width: W, height: H, cellSizeX: cell, cellSizeY: cell, computeEdges: true };
  const slope = slopeDegrees(elevation, demOpts);
  const aspect = aspectDegrees(elevation, { ...demOpts, zeroForFlat: false });
  const southDev = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    const a = aspect[i];
    southDev[i] = !domain[i] ? NaN : a !== a ? 0 : Math.abs(a - 180);
  }
  layers.set('elevation_m', { values: elevation, nodata: null });
  layers.set('slope_deg', { values: slope, nodata: null });
  layers.set('aspect_south_dev_deg', { values: southDev, nodata: null });

  onStep('resource');
  const ghi = await same('ghi');
  const ghiV = new Float32Array(N);
  for (let i = 0; i < N; i++) { const v = ghi.v[i]; ghiV[i] = v === ghi.r.nodata || !domain[i] ? NaN : v; }
  layers.set('ghi_kwh_m2_yr', { values: ghiV, nodata: null });
  const wind = await same('wind100');
  // Weibull k = 2: P/A = ½ ρ A³ Γ(1 + 3/k) with A = v̄ / Γ(1 + 1/k), i.e. a constant × v̄³
  const wpdPerV3 = powerDensity(1 / gammaFn(1 + 1 / 2), 2, 1.225);
  const wpd = new Float32Array(N);
  for (let i = 0; i < N; i++) { const v = wind.v[i]; wpd[i] = v === wind.r.nodata || !domain[i] ? NaN : wpdPerV3 * v * v * v; }
  layers.set('wind_wpd_w_m2', { values: wpd, nodata: null });

  const toGrid = transformer('EPSG:4326', lc.crs).point;
  const [w, s, e, n] = lc.bounds;
  const env = sql`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;

  onStep('protected areas and water');
  for (const kind of ['basic_farmland', 'eco_redline'] as const) {
    const out = new Uint8Array(N);
    const rows = await sql<{ g: string }[]>`SELECT ST_AsGeoJSON(geom) g FROM protected_areas WHERE kind = ${kind} AND geom && ${env}`;
    rasterizePolygons(grid, rows.flatMap((r) => polygonsXY(r.g, toGrid)), out, 1);
    layers.set(kind, { values: out, nodata: null });
  }
  const water = new Uint8Array(N);
  for (const [type, codeV] of Object.entries(WATER_BODY_CODES)) {
    const rows = await sql<{ g: string }[]>`SELECT ST_AsGeoJSON(geom) g FROM wetlands WHERE wetland_type = ${type} AND geom && ${env}`;
    // burn one polygon at a time (even–odd across overlapping polygons would punch holes)
    for (const r of rows) rasterizePolygons(grid, polygonsXY(r.g, toGrid), water, codeV);
  }
  layers.set('water_body', { values: water, nodata: null });

  onStep('distances');
  const lines = async (table: string) => {
    const rows = await sql.unsafe<{ g: string }[]>(`SELECT ST_AsGeoJSON(geom) g FROM ${table} WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`, [w, s, e, n]);
    return rows.map((r) => (JSON.parse(r.g) as LineString).coordinates.map(([x, y]) => toGrid(x, y)));
  };
  const points = async (table: string) => {
    const rows = await sql.unsafe<{ g: string }[]>(`SELECT ST_AsGeoJSON(geom) g FROM ${table} WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`, [w, s, e, n]);
    return rows.map((r) => { const [x, y] = (JSON.parse(r.g) as Point).coordinates; return toGrid(x, y); });
  };
  const dist = (src: Uint8Array) => {
    const d = euclideanDistance(W, H, src, cell);
    for (let i = 0; i < N; i++) if (!domain[i]) d[i] = NaN;
    return d;
  };
  const roads = new Uint8Array(N);
  rasterizeLines(grid, await lines('roads'), roads, 1);
  layers.set('dist_road_m', { values: dist(roads), nodata: null });
  const pl = new Uint8Array(N);
  rasterizeLines(grid, await lines('power_lines'), pl, 1);
  layers.set('dist_power_line_m', { values: dist(pl), nodata: null });
  const sub = new Uint8Array(N);
  rasterizePoints(grid, await points('substations'), sub, 1);
  layers.set('dist_substation_m', { values: dist(sub), nodata: null });
  const settle = new Uint8Array(N);
  const built = landCoverByKey('built_up')!.code;
  for (let i = 0; i < N; i++) if (landcover[i] === built) settle[i] = 1;
  rasterizePoints(grid, await points('places'), settle, 1);
  layers.set('dist_settlement_m', { values: dist(settle), nodata: null });

  onStep('specific PV yield');
  let pv_yield: SitingData['pv_yield'] = null;
  if (yieldTask && near && series) {
    pv_yield = { ...(await yieldTask), station_id: near.id, station_name: series.station.name };
    layers.set('pv_yield_kwh_per_kwp_yr', { values: specificYieldRaster(ghiV, pv_yield.kwh_per_kwp_per_kwh_per_m2), nodata: null });
  }

  return {
    version, grid, record: lc, width: W, height: H, cellSizeM: cell, cellAreaM2: cell * cell, domain, layers, pv_yield,
    build: { seconds: (performance.now() - t0) / 1e3, from: 'built' },
  };
}

// ------------------------------------------------------------------------------ disk cache

interface Header {
  version: string;
  record: RasterRecord;
  layers: { id: string; type: 'f32' | 'u8'; nodata: number | null; offset: number; bytes: number }[];
  domain: { offset: number; bytes: number };
  pv_yield: SitingData['pv_yield'];
}

const fileOf = (dir: string, version: string) => join(dir, 'siting', `layers-${version}.bin`);

async function writeCache(dir: string, d: SitingData): Promise<void> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const add = (a: LayerArray) => {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const o = offset;
    parts.push(bytes);
    offset += bytes.byteLength;
    const pad = (8 - (offset % 8)) % 8;
    if (pad) { parts.push(new Uint8Array(pad)); offset += pad; }
    return o;
  };
  const domain = { offset: add(d.domain), bytes: d.domain.byteLength };
  const layers: Header['layers'] = [];
  for (const [id, l] of d.layers) layers.push({ id, type: l.values instanceof Float32Array ? 'f32' : 'u8', nodata: l.nodata, offset: add(l.values), bytes: l.values.byteLength });
  const header = Buffer.from(JSON.stringify({ version: d.version, record: d.record, layers, domain, pv_yield: d.pv_yield } satisfies Header));
  const head = Buffer.alloc(8);
  head.writeUInt32LE(header.byteLength, 0);
  const pad = (8 - ((8 + header.byteLength) % 8)) % 8;
  const file = fileOf(dir, d.version);
  await mkdir(join(dir, 'siting'), { recursive: true });
  // drop caches of older versions
  for (const f of await readdir(join(dir, 'siting')).catch(() => [] as string[])) if (f.startsWith('layers-') && f !== `layers-${d.version}.bin`) await unlink(join(dir, 'siting', f)).catch(() => {});
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.concat([head, header, Buffer.alloc(pad), ...parts]));
  await rename(tmp, file);
}

async function readCache(dir: string, version: string): Promise<SitingData | undefined> {
  const t0 = performance.now();
  const buf = await readFile(fileOf(dir, version)).catch(() => undefined);
  if (!buf) return undefined;
  try {
    const hl = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(8, 8 + hl).toString()) as Header;
    if (header.version !== version) return undefined;
    const base = 8 + hl + ((8 - ((8 + hl) % 8)) % 8);
    // copy into fresh, aligned buffers
    const slice = (o: number, b: number) => { const a = new ArrayBuffer(b); new Uint8Array(a).set(buf.subarray(base + o, base + o + b)); return a; };
    const layers = new Map<string, { values: LayerArray; nodata: number | null }>();
    for (const l of header.layers) layers.set(l.id, { values: l.type === 'f32' ? new Float32Array(slice(l.offset, l.bytes)) : new Uint8Array(slice(l.offset, l.bytes)), nodata: l.nodata });
    const r = header.record;
    const grid: Grid = { width: r.width, height: r.height, geotransform: r.geotransform as unknown as GeoTransform, crs: r.crs };
    const cell = squareCellSize(grid);
    return {
      version, grid, record: r, width: r.width, height: r.height, cellSizeM: cell, cellAreaM2: cell * cell,
      domain: new Uint8Array(slice(header.domain.offset, header.domain.bytes)), layers, pv_yield: header.pv_yield ?? null,
      build: { seconds: (performance.now() - t0) / 1e3, from: 'disk' },
    };
  } catch {
    return undefined;
  }
}

let current: { version: string; data: Promise<SitingData> } | undefined;

/**
 * The siting layers of the current data: from memory, else from the data folder, else built
 * (and written there). The version is re-read when older than 5 s, so an import shows within seconds.
 */
/** The data version is re-read at most this often (tiles ask for the data on every request). */
const VERSION_TTL_MS = 5000;
let versionMemo: { at: number; sql: Sql; value: Promise<string> } | undefined;

function currentVersion(sql: Sql): Promise<string> {
  const now = Date.now();
  if (versionMemo && versionMemo.sql === sql && now - versionMemo.at < VERSION_TTL_MS) return versionMemo.value;
  const value = sitingDataVersion(sql);
  versionMemo = { at: now, sql, value };
  value.catch(() => { if (versionMemo?.value === value) versionMemo = undefined; });
  return value;
}

export async function sitingData(sql: Sql, dataDir: string): Promise<SitingData> {
  const version = await currentVersion(sql);
  if (current?.version === version) {
    const d = await current.data;
    return { ...d, build: { ...d.build, from: 'memory' } };
  }
  const p = (async () => {
    const cached = await readCache(dataDir, version);
    if (cached) return cached;
    const d = await buildSitingLayers(sql, version);
    await writeCache(dataDir, d).catch(() => {});
    return d;
  })();
  current = { version, data: p };
  p.catch(() => { if (current?.data === p) current = undefined; });
  return p;
}

/** Forget the in-memory layers (tests and the bench). */
export function forgetSitingData(): void {
  current = undefined;
  versionMemo = undefined;
}
