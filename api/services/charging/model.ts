/**
 * The charging network as the worker pool's threads hold it (see network.ts for the main-thread
 * side): the road graph (CSR, normal and peak-hour speeds), the demand cells of the population
 * raster snapped to it, and the county/township/village of every cell — built from plain inputs
 * the main thread read from the store (NetworkInputs), so this module does no I/O. A thread keeps
 * the model of the latest key (data fingerprint) and builds another only when the key changes.
 */
import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import type { CrsCode } from '../../../layers/geo/crs.ts';
import { transformer } from '../../../layers/geo/project.ts';
import { pointInRing, type PlanarPoint } from '../../../layers/geo/planar.ts';
import { northUpFrame, type Grid, type GeoTransform } from '../../../layers/raster/grid.ts';
import { rasterizePolygons } from '../../../layers/raster/rasterize.ts';
import { buildRoadGraph, type RoadGraph, type RoadLine } from '../../../layers/charging/road-graph.ts';
import { coverageModel, urbanByDensity, type CoverageModel, type DemandCells } from '../../../layers/charging/coverage.ts';
import { ACCESS, ROAD_CLASSES, URBAN_DENSITY_PER_KM2, type RoadClass } from '../../../layers/charging/speeds.ts';

/** What the main thread reads from the store for a build (structured-cloneable). */
export interface NetworkInputs {
  /** The data fingerprint (roads, regions, rasters) plus the main thread's generation. */
  key: string;
  pop: { width: number; height: number; geotransform: number[]; crs: string; nodata: number | null; data: ArrayLike<number> };
  /** The urban_rural raster's values when it has the population grid's size. */
  urban: ArrayLike<number> | null;
  /** Road rows in id order; g is ST_AsGeoJSON (a LineString). */
  roads: { road_class: RoadClass; speed_kmh: number | null; oneway: number; name_zh: string | null; name_en: string | null; g: string }[];
  /** County, township and village rows ordered by level, id; g is ST_AsGeoJSON. */
  regions: { id: string; parent_id: string | null; level: string; name_zh: string; name_en: string | null; g: string }[];
  /** ms the main thread spent reading them. */
  read_ms: number;
}

export interface RegionSet {
  ids: string[];
  names: string[];
  /** English names where the regions table has them. */
  namesEn: (string | null)[];
  parents: (string | null)[];
  /** Per demand cell: index into ids, −1 when in none. */
  group: Int32Array;
  /** Projected polygons (for point-in-polygon of stations). */
  polygons: PlanarPoint[][][][];
}

export interface NetworkModel {
  fingerprint: string;
  crs: CrsCode;
  /** The population grid. */
  grid: Grid;
  /** Demand cell k lies at grid index cellIndex[k]. */
  cellIndex: Int32Array;
  cells: DemandCells;
  county: { id: string; name_zh: string; name_en: string | null } | null;
  townships: RegionSet;
  villages: RegionSet;
  /** Service-area roads by name (segments of the graph). */
  serviceAreas: { name_zh: string; name_en: string | null; segs: number[] }[];
  urbanRule: string;
  roads: { count: number };
  /** ms: whole build (read on the main thread + build here), graph alone, snapping alone. */
  built: { ms: number; at: string; snap_ms: number; graph_ms: number; read_ms: number };
  toGrid: (lon: number, lat: number) => [number, number];
  toLonLat: (x: number, y: number) => [number, number];
  model(peak: boolean): CoverageModel;
}

/** Models built by this thread so far (a test on the main thread checks it stays 0 there). */
export let buildsInThisThread = 0;

function polygonsOf(g: Geometry): number[][][][] {
  if (g.type === 'Polygon') return [(g as Polygon).coordinates];
  if (g.type === 'MultiPolygon') return (g as MultiPolygon).coordinates;
  return [];
}

/** Build the model from what the main thread read (CPU only: graph, cells, regions, snapping). */
export function buildNetwork(inputs: NetworkInputs): NetworkModel {
  buildsInThisThread++;
  const t0 = performance.now();
  const pop = inputs.pop;
  const crs = pop.crs as CrsCode;
  const grid: Grid = { width: pop.width, height: pop.height, geotransform: pop.geotransform as unknown as GeoTransform, crs };
  const fwd = transformer('EPSG:4326', crs), inv = transformer(crs, 'EPSG:4326');
  const toGrid = (lon: number, lat: number) => fwd.point(lon, lat);
  const toLonLat = (x: number, y: number) => inv.point(x, y);

  const rows = inputs.roads;
  const lines: RoadLine[] = rows.map((r) => ({
    xy: (JSON.parse(r.g) as LineString).coordinates.map(([lon, lat]) => toGrid(lon, lat)),
    road_class: ROAD_CLASSES.includes(r.road_class) ? r.road_class : 'village', speed_kmh: r.speed_kmh, oneway: r.oneway === 1,
  }));
  const tg = performance.now();
  const graphs = new Map<boolean, RoadGraph>([[false, buildRoadGraph(lines)]]);
  const graphMs = performance.now() - tg;

  // demand cells: every cell of the population grid with data
  const popData = pop.data;
  const { x0, y0, dx, dy } = northUpFrame(grid);
  const idx: number[] = [];
  for (let i = 0; i < popData.length; i++) {
    const v = popData[i];
    if (v === pop.nodata || !(v >= 0)) continue;
    idx.push(i);
  }
  const n = idx.length;
  const cells: DemandCells = { x: new Float64Array(n), y: new Float64Array(n), pop: new Float64Array(n), urban: new Uint8Array(n) };
  idx.forEach((i, k) => {
    const c = i % grid.width, r = (i - c) / grid.width;
    cells.x[k] = x0 + (c + 0.5) * dx;
    cells.y[k] = y0 - (r + 0.5) * dy;
    cells.pop[k] = popData[i];
  });
  const cellKm2 = Math.abs(dx * dy) / 1e6;
  let urbanRule: string;
  const ur = inputs.urban;
  if (ur) {
    idx.forEach((i, k) => { cells.urban[k] = ur[i] === 1 ? 1 : 0; });
    urbanRule = 'urban_rural raster: class 1 (urban) — in the demo county ≥ 1,500 people/km² and ≥ 40 % built-up land; every other cell rural';
  } else {
    cells.urban.set(urbanByDensity(cells.pop, cellKm2, URBAN_DENSITY_PER_KM2.value));
    urbanRule = `population density ≥ ${URBAN_DENSITY_PER_KM2.value} people/km² (${URBAN_DENSITY_PER_KM2.source})`;
  }

  // regions → cells (cell centre inside, as GDAL rasterises)
  const regions = inputs.regions;
  const label = (level: string): RegionSet => {
    const rs = regions.filter((r) => r.level === level);
    const full = new Int32Array(grid.width * grid.height).fill(-1);
    const polygons = rs.map((r, k) => {
      const polys = polygonsOf(JSON.parse(r.g) as Geometry).map((p) => p.map((ring) => ring.map(([lon, lat]) => toGrid(lon, lat) as PlanarPoint)));
      rasterizePolygons(grid, polys, full, k);
      return polys;
    });
    const group = Int32Array.from(idx, (i) => full[i]);
    return { ids: rs.map((r) => r.id), names: rs.map((r) => r.name_zh), namesEn: rs.map((r) => r.name_en), parents: rs.map((r) => r.parent_id), group, polygons };
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
  // A service area is named by its roads without the side in brackets: 安吉服务区（北区） → 安吉服务区, Anji Service Area (north) → Anji Service Area.
  const sa = new Map<string, { name_en: string | null; segs: number[] }>();
  const unbracket = (name: string) => name.replace(/（.*?）|\(.*?\)/g, '').trim();
  for (let s = 0; s < g0.segCount; s++) {
    const r = rows[g0.segLine[s]];
    if (r.road_class === 'expressway' && r.name_zh && /服务区/.test(r.name_zh)) {
      const name = unbracket(r.name_zh);
      const area = sa.get(name) ?? sa.set(name, { name_en: null, segs: [] }).get(name)!;
      area.segs.push(s);
      area.name_en ??= r.name_en ? unbracket(r.name_en) : null;
    }
  }
  return {
    fingerprint: inputs.key, crs, grid, cellIndex: Int32Array.from(idx), cells,
    county: countyRow ? { id: countyRow.id, name_zh: countyRow.name_zh, name_en: countyRow.name_en } : null,
    townships, villages, serviceAreas: [...sa].map(([name_zh, a]) => ({ name_zh, ...a })),
    urbanRule, roads: { count: rows.length },
    built: { ms: inputs.read_ms + performance.now() - t0, at: new Date().toISOString(), snap_ms: snapMs, graph_ms: graphMs, read_ms: inputs.read_ms },
    toGrid, toLonLat, model,
  };
}

/** Index of the region (of `set`) containing the point (x, y) in the grid CRS; −1 when none. */
export function regionOfPoint(set: RegionSet, x: number, y: number): number {
  // stations and candidates are asked about again and again: remember each position's answer
  let memo = regionMemo.get(set);
  if (!memo) { memo = new Map(); regionMemo.set(set, memo); }
  const key = `${x},${y}`;
  let k = memo.get(key);
  if (k === undefined) {
    k = regionOfPointUncached(set, x, y);
    if (memo.size > 100_000) memo.clear();
    memo.set(key, k);
  }
  return k;
}

const regionMemo = new WeakMap<RegionSet, Map<string, number>>();

function regionOfPointUncached(set: RegionSet, x: number, y: number): number {
  for (let k = 0; k < set.polygons.length; k++) {
    for (const poly of set.polygons[k]) {
      if (!pointInRing(x, y, poly[0])) continue;
      if (poly.slice(1).some((h) => pointInRing(x, y, h))) continue;
      return k;
    }
  }
  return -1;
}
