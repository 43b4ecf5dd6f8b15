/**
 * The charging network kept in memory: the road graph (CSR, normal and peak-hour speeds), the
 * demand cells of the population raster snapped to it, and the county/township/village of every
 * cell. Built on first use and rebuilt when the roads, regions or population rasters change
 * (a fingerprint of those tables, checked at most every FINGERPRINT_TTL_MS). Stations are read
 * on every request (they are few): what changes them needs no rebuild.
 */
import type { Sql } from 'postgres';
import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import { getRaster } from '../../store/catalog.ts';
import { rasterStore } from '../../store/rasters.ts';
import type { CrsCode } from '../../../layers/geo/crs.ts';
import { transformer } from '../../../layers/geo/project.ts';
import { pointInRing, type PlanarPoint } from '../../../layers/geo/planar.ts';
import { northUpFrame, type Grid, type GeoTransform } from '../../../layers/raster/grid.ts';
import { rasterizePolygons } from '../../../layers/raster/rasterize.ts';
import { buildRoadGraph, type RoadGraph, type RoadLine } from '../../../layers/charging/road-graph.ts';
import { coverageModel, urbanByDensity, type CoverageModel, type DemandCells } from '../../../layers/charging/coverage.ts';
import { ACCESS, ROAD_CLASSES, URBAN_DENSITY_PER_KM2, type RoadClass } from '../../../layers/charging/speeds.ts';
import { ProblemError } from '../problem.ts';

export const FINGERPRINT_TTL_MS = 2000;

export interface RegionSet {
  ids: string[];
  names: string[];
  parents: (string | null)[];
  /** Per demand cell: index into ids, −1 when in none. */
  group: Int32Array;
  /** Projected polygons (for point-in-polygon of stations). */
  polygons: PlanarPoint[][][][];
}

export interface Network {
  fingerprint: string;
  crs: CrsCode;
  /** The population grid. */
  grid: Grid;
  /** Demand cell k lies at grid index cellIndex[k]. */
  cellIndex: Int32Array;
  cells: DemandCells;
  county: { id: string; name_zh: string } | null;
  townships: RegionSet;
  villages: RegionSet;
  /** Service-area roads by name (segments of the graph). */
  serviceAreas: { name_zh: string; segs: number[] }[];
  urbanRule: string;
  roads: { count: number };
  built: { ms: number; at: string; snap_ms: number; graph_ms: number };
  toGrid: (lon: number, lat: number) => [number, number];
  toLonLat: (x: number, y: number) => [number, number];
  model(peak: boolean): CoverageModel;
}

let current: Network | undefined;
let building: Promise<Network> | undefined;
let checkedAt = 0;

async function fingerprint(sql: Sql): Promise<string> {
  const [r] = await sql<{ f: string }[]>`
    SELECT concat_ws('|',
      (SELECT concat_ws(',', count(*), coalesce(sum(ST_NPoints(geom)), 0), coalesce(sum(speed_kmh), 0), coalesce(sum(oneway), 0),
        coalesce(round(sum(ST_X(ST_StartPoint(geom)) + ST_Y(ST_EndPoint(geom)))::numeric, 6), 0), string_agg(DISTINCT road_class, ',')) FROM roads),
      (SELECT concat_ws(',', count(*), coalesce(round(sum(ST_NPoints(geom))::numeric), 0)) FROM regions),
      (SELECT string_agg(layer_id || ':' || path || ':' || width || 'x' || height, ',' ORDER BY layer_id) FROM rasters WHERE layer_id IN ('population', 'urban_rural'))) AS f`;
  return r.f;
}

/** The network for the current data (built or rebuilt as needed). */
export async function chargingNetwork(sql: Sql): Promise<Network> {
  const now = Date.now();
  if (current && now - checkedAt < FINGERPRINT_TTL_MS) return current;
  const f = await fingerprint(sql);
  checkedAt = Date.now();
  if (current?.fingerprint === f) return current;
  building ??= buildNetwork(sql, f).finally(() => { building = undefined; });
  current = await building;
  return current;
}

/** Forget the cached network (tests, after imports). */
export function resetChargingNetwork(): void {
  current = undefined;
  checkedAt = 0;
}

function polygonsOf(g: Geometry): number[][][][] {
  if (g.type === 'Polygon') return [(g as Polygon).coordinates];
  if (g.type === 'MultiPolygon') return (g as MultiPolygon).coordinates;
  return [];
}

async function buildNetwork(sql: Sql, fp: string): Promise<Network> {
  const t0 = performance.now();
  const pop = await getRaster(sql, 'population');
  if (!pop) {
    throw new ProblemError(422, 'Population raster not loaded',
      'Charging coverage is counted per person: load the demo county or import a population raster with `npm run tantu -- import <file> --as raster:population`.', {},
      { title: '未加载人口栅格', detail: '充电覆盖按人口计算：请加载示范县或用 `npm run tantu -- import <文件> --as raster:population` 导入人口栅格。' });
  }
  const crs = pop.crs as CrsCode;
  const grid: Grid = { width: pop.width, height: pop.height, geotransform: pop.geotransform as unknown as GeoTransform, crs };
  const fwd = transformer('EPSG:4326', crs), inv = transformer(crs, 'EPSG:4326');
  const toGrid = (lon: number, lat: number) => fwd.point(lon, lat);
  const toLonLat = (x: number, y: number) => inv.point(x, y);

  // roads
  const rows = await sql<{ road_class: RoadClass; speed_kmh: number | null; oneway: number; name_zh: string | null; g: string }[]>`
    SELECT road_class, speed_kmh, oneway, name_zh, ST_AsGeoJSON(geom, 7) AS g FROM roads ORDER BY id`;
  if (!rows.length) {
    throw new ProblemError(422, 'No roads loaded', 'Charging coverage routes on the roads table, which is empty: load the demo county or import roads (`npm run tantu -- import <file> --as roads --map road_class=<column> speed_kmh=<column>`).', {},
      { title: '未加载道路', detail: '充电覆盖基于道路表计算，但道路表为空：请加载示范县或导入道路（`npm run tantu -- import <文件> --as roads --map road_class=<列名> speed_kmh=<列名>`）。' });
  }
  const lines: RoadLine[] = rows.map((r) => ({
    xy: (JSON.parse(r.g) as LineString).coordinates.map(([lon, lat]) => toGrid(lon, lat)),
    road_class: ROAD_CLASSES.includes(r.road_class) ? r.road_class : 'village', speed_kmh: r.speed_kmh, oneway: r.oneway === 1,
  }));
  const tg = performance.now();
  const graphs = new Map<boolean, RoadGraph>([[false, buildRoadGraph(lines)]]);
  const graphMs = performance.now() - tg;

  // demand cells: every cell of the population grid with data
  const popWin = await rasterStore.readWindow(pop, 0, 0, pop.width, pop.height);
  const ur = await getRaster(sql, 'urban_rural');
  const urWin = ur && ur.width === pop.width && ur.height === pop.height ? await rasterStore.readWindow(ur, 0, 0, ur.width, ur.height) : null;
  const { x0, y0, dx, dy } = northUpFrame(grid);
  const idx: number[] = [];
  for (let i = 0; i < popWin.data.length; i++) {
    const v = popWin.data[i];
    if (v === pop.nodata || !(v >= 0)) continue;
    idx.push(i);
  }
  const n = idx.length;
  const cells: DemandCells = { x: new Float64Array(n), y: new Float64Array(n), pop: new Float64Array(n), urban: new Uint8Array(n) };
  idx.forEach((i, k) => {
    const c = i % grid.width, r = (i - c) / grid.width;
    cells.x[k] = x0 + (c + 0.5) * dx;
    cells.y[k] = y0 - (r + 0.5) * dy;
    cells.pop[k] = popWin.data[i];
  });
  const cellKm2 = Math.abs(dx * dy) / 1e6;
  let urbanRule: string;
  if (urWin) {
    idx.forEach((i, k) => { cells.urban[k] = urWin.data[i] === 1 ? 1 : 0; });
    urbanRule = 'urban_rural raster: class 1 (urban) — in the demo county ≥ 1,500 people/km² and ≥ 40 % built-up land; every other cell rural';
  } else {
    cells.urban.set(urbanByDensity(cells.pop, cellKm2, URBAN_DENSITY_PER_KM2.value));
    urbanRule = `population density ≥ ${URBAN_DENSITY_PER_KM2.value} people/km² (${URBAN_DENSITY_PER_KM2.source})`;
  }

  // regions → cells (cell centre inside, as GDAL rasterises)
  const regions = await sql<{ id: string; parent_id: string | null; level: string; name_zh: string; g: string }[]>`
    SELECT id, parent_id, level, name_zh, ST_AsGeoJSON(geom, 7) AS g FROM regions WHERE level IN ('county', 'township', 'village') ORDER BY level, id`;
  const label = (level: string): RegionSet => {
    const rs = regions.filter((r) => r.level === level);
    const full = new Int32Array(grid.width * grid.height).fill(-1);
    const polygons = rs.map((r, k) => {
      const polys = polygonsOf(JSON.parse(r.g) as Geometry).map((p) => p.map((ring) => ring.map(([lon, lat]) => toGrid(lon, lat) as PlanarPoint)));
      rasterizePolygons(grid, polys, full, k);
      return polys;
    });
    const group = Int32Array.from(idx, (i) => full[i]);
    return { ids: rs.map((r) => r.id), names: rs.map((r) => r.name_zh), parents: rs.map((r) => r.parent_id), group, polygons };
  };
  const townships = label('township');
  const villages = label('village');
  // a cell in a village belongs to that village's township, so villages add up to their townships exactly
  const tIndex = new Map(townships.ids.map((id, k) => [id, k]));
  for (let k = 0; k < n; k++) {
    const v = villages.group[k];
    if (v >= 0) { const t = tIndex.get(villages.parents[v] ?? ''); if (t !== undefined) townships.group[k] = t; }
  }
  const countyRow = regions.find((r) => r.level === 'county');

  const ts = performance.now();
  const models = new Map<boolean, CoverageModel>([[false, coverageModel(graphs.get(false)!, cells, ACCESS)]]);
  const snapMs = performance.now() - ts;
  const model = (peak: boolean) => {
    let m = models.get(peak);
    if (!m) {
      const g = buildRoadGraph(lines, { peak });
      graphs.set(peak, g);
      // same vertices and segments: the snapped demand carries over, only times change
      const base = models.get(false)!;
      m = { ...base, graph: g };
      models.set(peak, m);
    }
    return m;
  };

  const g0 = graphs.get(false)!;
  const sa = new Map<string, number[]>();
  for (let s = 0; s < g0.segCount; s++) {
    const r = rows[g0.segLine[s]];
    if (r.road_class === 'expressway' && r.name_zh && /服务区/.test(r.name_zh)) {
      const name = r.name_zh.replace(/（.*?）|\(.*?\)/g, '');
      (sa.get(name) ?? sa.set(name, []).get(name)!).push(s);
    }
  }
  return {
    fingerprint: fp, crs, grid, cellIndex: Int32Array.from(idx), cells,
    county: countyRow ? { id: countyRow.id, name_zh: countyRow.name_zh } : null,
    townships, villages, serviceAreas: [...sa].map(([name_zh, segs]) => ({ name_zh, segs })),
    urbanRule, roads: { count: rows.length },
    built: { ms: performance.now() - t0, at: new Date().toISOString(), snap_ms: snapMs, graph_ms: graphMs },
    toGrid, toLonLat, model,
  };
}

/** Index of the region (of `set`) containing the point (x, y) in the grid CRS; −1 when none. */
export function regionOfPoint(set: RegionSet, x: number, y: number): number {
  for (let k = 0; k < set.polygons.length; k++) {
    for (const poly of set.polygons[k]) {
      if (!pointInRing(x, y, poly[0])) continue;
      if (poly.slice(1).some((h) => pointInRing(x, y, h))) continue;
      return k;
    }
  }
  return -1;
}
