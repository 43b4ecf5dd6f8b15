/**
 * generateDemo: the synthetic demo county (Anji-like, real outline), deterministic from a seed.
 * Rasters (GeoTIFF, EPSG:4549) are written to `outDir`; vectors are returned in memory as
 * GeoJSON features (EPSG:4326) keyed by the insertFeatures target they belong to.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import * as pc from 'polyclip-ts';
import type { Feature, Geometry } from 'geojson';
import { DEMO_RASTER_CRS } from '../../layers/geo/crs.ts';
import { pointInRing, ringSignedArea, type PolygonXY, type XY } from '../../layers/geo/planar.ts';
import { writeGeoTiff, type RasterArray } from '../geotiff-write.ts';
import { northUpFrame, squareCellSize, squareGrid, type Grid } from '../../layers/raster/grid.ts';
import { boxMean } from '../../layers/raster/focal.ts';
import { polygonizeMask } from '../../layers/raster/polygonize.ts';
import { rasterizePolygons } from '../../layers/raster/rasterize.ts';
import { aspectDegrees, slopeDegrees } from '../../layers/raster/terrain.ts';
import { buildCells, multiArea, unionCells } from './cells.ts';
import { generateTerrain } from './terrain.ts';
import { COUNTY_ID, COUNTY_NAME_ZH, countyOutlineXY, project, townshipsAndVillages, unproject } from './sources.ts';
import { assignAdmin, buildSettlements, buildStands, classifyLandCover, LC } from './landscape.ts';
import { buildRoads } from './roads.ts';
import { buildPower, buildStations, populationGrids } from './infra.ts';
import { ghiRaster, weatherCsv, windRaster } from './climate.ts';
import type { RasterRecord } from '../../api/store/catalog.ts';
import { englishName } from './names-en.ts';

/** A feature's Chinese name and the English one made from it (names-en.ts); both null when unnamed. */
const named = (name_zh: string | null) => ({ name_zh, name_en: name_zh === null ? null : englishName(name_zh) });

export type ProgressFn = (step: string, fraction: number) => void;

export interface GenerateOptions {
  seed: number;
  outDir: string;
  onProgress?: ProgressFn;
  /** Raster cell size in metres (default 30). Tests use coarser cells to run fast. */
  cellSizeM?: number;
  /** Mean Voronoi cell (≈ stand) area in hectares (default 15). */
  standHa?: number;
}

export type DemoTarget = 'regions' | 'stands' | 'wetlands' | 'protected_areas' | 'roads' | 'places' | 'stations' | 'substations' | 'power_lines';
export type DemoVectors = Record<DemoTarget, Feature[]>;

/** A written demo raster: its raster-store record (path absolute) plus file name, size and checksum. */
export interface DemoRaster extends Omit<RasterRecord, 'source'> {
  file: string;
  bytes: number;
  sha256: string;
}

export interface DemoResult {
  seed: number;
  source: string;
  rasters: DemoRaster[];
  /** The hourly weather file (typical year). */
  weather: { path: string; rows: number; ghi_kwh_per_m2_yr: number; sha256: string };
  vectors: DemoVectors;
  /** sha256 per raster layer id, 'weather' and 'vectors', plus 'all' over them. */
  checksums: Record<string, string>;
  stats: { cellSizeM: number; grid: [number, number]; maxElevationM: number; countyAreaKm2: number; seconds: number };
}

export function demoSource(seed: number): string {
  return `synthetic demo (seed ${seed})`;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function dedupe(ring: number[][]): number[][] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
}

/** Round lon/lat to 1e-7° (~1 cm) and drop repeated vertices. */
function llRing(ring: XY[]): number[][] {
  const out: number[][] = [];
  for (const [x, y] of ring) {
    const [lon, lat] = unproject(x, y);
    const p = [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function llPolygon(poly: XY[][]): number[][][] | null {
  const rings: number[][][] = [];
  for (let k = 0; k < poly.length; k++) {
    const r = llRing(poly[k]);
    if (r.length && (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1])) r.push([...r[0]]);
    if (r.length < 4) { if (k === 0) return null; continue; }
    rings.push(r);
  }
  return rings;
}

/** Split a closed ring that touches itself at vertices into simple closed rings. */
function splitRing(ring: number[][]): number[][][] {
  const out: number[][][] = [];
  const path: number[][] = [];
  const at = new Map<string, number>();
  for (let i = 0; i < ring.length - 1; i++) {
    const p = ring[i];
    const k = `${p[0]},${p[1]}`;
    const j = at.get(k);
    if (j !== undefined) {
      const loop = path.splice(j);
      for (const q of loop) at.delete(`${q[0]},${q[1]}`);
      if (loop.length >= 3) out.push([...loop, loop[0]]);
    }
    at.set(k, path.length);
    path.push(p);
  }
  if (path.length >= 3) out.push([...path, path[0]]);
  return out;
}

/**
 * Make polygons OGC/PostGIS-valid after clipping and rounding: rings that touch themselves are
 * split (a pinched-off loop turning the other way is a hole, one turning the same way a shell).
 */
export function fixPolygon(rings: number[][][]): number[][][][] {
  const shells: number[][][] = [];
  const holes: number[][][] = [];
  rings.forEach((ring, idx) => {
    const s0 = Math.sign(ringSignedArea(ring));
    for (const part of splitRing(ring)) {
      const a = ringSignedArea(part);
      if (a === 0) continue;
      const same = Math.sign(a) === s0;
      if ((idx === 0) === same) shells.push(part);
      else holes.push(part);
    }
  });
  const polys: number[][][][] = shells.map((s) => [s]);
  for (const h of holes) {
    const mx = (h[0][0] + h[1][0]) / 2, my = (h[0][1] + h[1][1]) / 2;
    const owner = polys.length === 1 ? polys[0] : polys.filter((p) => pointInRing(mx, my, p[0])).sort((a, b) => Math.abs(ringSignedArea(a[0])) - Math.abs(ringSignedArea(b[0])))[0];
    if (owner) owner.push(h);
  }
  return polys;
}

function multiPolygon(mp: XY[][][]): Geometry | null {
  const polys = mp.map(llPolygon).filter((p): p is number[][][] => p !== null).flatMap(fixPolygon);
  if (!polys.length) return null;
  return { type: 'MultiPolygon', coordinates: polys };
}

function lineString(line: XY[]): Geometry {
  return { type: 'LineString', coordinates: llRing(line) };
}

function point(xy: XY): Geometry {
  const [lon, lat] = unproject(xy[0], xy[1]);
  return { type: 'Point', coordinates: [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7] };
}

function feature(geometry: Geometry, properties: Record<string, unknown>): Feature {
  return { type: 'Feature', properties, geometry };
}

/** Bounds in EPSG:4326 of a projected grid (edges sampled). */
function gridBounds(g: Grid): [number, number, number, number] {
  const { x0, y0 } = northUpFrame(g), cell = squareCellSize(g);
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const X1 = x0 + g.width * cell, Y1 = y0 - g.height * cell;
  for (let k = 0; k <= 20; k++) {
    const t = k / 20;
    for (const [x, y] of [[x0 + t * (X1 - x0), y0], [x0 + t * (X1 - x0), Y1], [x0, y0 + t * (Y1 - y0)], [X1, y0 + t * (Y1 - y0)]]) {
      const [lon, lat] = unproject(x, y);
      w = Math.min(w, lon); e = Math.max(e, lon); s = Math.min(s, lat); n = Math.max(n, lat);
    }
  }
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(w), r(s), r(e), r(n)];
}

export async function generateDemo(opts: GenerateOptions): Promise<DemoResult> {
  const t0 = performance.now();
  const seed = opts.seed;
  const cell = opts.cellSizeM ?? 30;
  const standHa = opts.standHa ?? 15;
  const progress = opts.onProgress ?? (() => {});
  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const source = demoSource(seed);

  // grid over the county (EPSG:4549), aligned to the cell size
  progress('demo: terrain', 0);
  const county = countyOutlineXY();
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  for (const [x, y] of county[0]) { minx = Math.min(minx, x); maxx = Math.max(maxx, x); miny = Math.min(miny, y); maxy = Math.max(maxy, y); }
  const x0 = Math.floor(minx / cell) * cell - cell, y0 = Math.ceil(maxy / cell) * cell + cell;
  const g = squareGrid({ x0, y0, cell, width: Math.ceil((maxx - x0) / cell) + 1, height: Math.ceil((y0 - miny) / cell) + 1, crs: DEMO_RASTER_CRS });
  const N = g.width * g.height;
  const inside = new Uint8Array(N);
  rasterizePolygons(g, [county], inside, 1);

  const terrain = generateTerrain(g, seed, (f) => progress('demo: terrain', f));
  const demGrid = { width: g.width, height: g.height, cellSizeX: cell, cellSizeY: cell, computeEdges: true };
  const slope = slopeDegrees(terrain.dem, demGrid);
  const aspect = aspectDegrees(terrain.dem, { ...demGrid, zeroForFlat: true });
  const tpi = new Float32Array(N);
  {
    const mean = boxMean(g.width, g.height, terrain.dem, Math.max(2, Math.round(600 / cell)));
    for (let i = 0; i < N; i++) tpi[i] = terrain.dem[i] - mean[i];
  }

  progress('demo: cells and villages', 0);
  const cells = buildCells(g, inside, county, seed, standHa, (f) => progress('demo: cells and villages', f * 0.8));
  const { townships, villages: villageList } = townshipsAndVillages();
  const admin = assignAdmin(g, cells, terrain, townships, villageList, seed);
  const settlements = buildSettlements(townships, admin, terrain, g, seed);
  progress('demo: cells and villages', 1);

  progress('demo: land cover and stands', 0);
  const lcr = classifyLandCover(g, inside, terrain, cells, settlements, slope, aspect, tpi, seed, (f) => progress('demo: land cover and stands', f * 0.7));
  const stands = buildStands(g, cells, lcr, terrain, admin, seed);
  progress('demo: land cover and stands', 1);

  progress('demo: roads and infrastructure', 0);
  const roads = buildRoads(g, inside, terrain, settlements, seed);
  progress('demo: roads and infrastructure', 0.6);
  const stations = buildStations(settlements, roads, seed);
  const nearestOnOutline = (lon: number, lat: number): XY => {
    const p = project(lon, lat);
    return county[0].reduce((a, b) => (Math.hypot(b[0] - p[0], b[1] - p[1]) < Math.hypot(a[0] - p[0], a[1] - p[1]) ? b : a));
  };
  const power = buildPower(settlements, [nearestOnOutline(119.885, 30.79), nearestOnOutline(119.70, 30.42)], seed);
  const pop = populationGrids(g, inside, lcr.landcover, settlements, Math.max(1, Math.round(120 / cell)), roads.hamlets);
  progress('demo: roads and infrastructure', 1);

  // ---------- vectors ----------
  progress('demo: vectors', 0);
  const vectors: DemoVectors = { regions: [], stands: [], wetlands: [], protected_areas: [], roads: [], places: [], stations: [], substations: [], power_lines: [] };
  // regions
  const popByVillage = new Map<string, number>();
  const popByTownship = new Map<string, number>();
  for (const s of settlements) {
    if (s.kind === 'village') popByVillage.set(s.id.slice(1), s.population);
    popByTownship.set(s.township, (popByTownship.get(s.township) ?? 0) + s.population);
  }
  const countyPop = settlements.reduce((a, s) => a + s.population, 0);
  vectors.regions.push(feature(multiPolygon([county])!, { id: COUNTY_ID, parent_id: '330500', level: 'county', name_zh: COUNTY_NAME_ZH, name_en: 'Anji County', population: countyPop }));
  // villages = unions of their cells; townships = unions of their villages (fewer, longer edges)
  const villageCells = new Map<number, number[]>();
  for (let k = 0; k < cells.count; k++) if (admin.village[k] >= 0) (villageCells.get(admin.village[k]) ?? villageCells.set(admin.village[k], []).get(admin.village[k])!).push(k);
  const villagePolys = admin.villages.map((_, vi) => unionCells(cells, villageCells.get(vi) ?? []));
  progress('demo: vectors', 0.25);
  townships.forEach((t, ti) => {
    const villages = admin.villages.map((v, vi) => vi).filter((vi) => admin.villages[vi].township === t.id && villagePolys[vi].length);
    // the union of the villages is the union of their cells
    const merged = villages.length > 1 ? unionCells(cells, villages.flatMap((vi) => villageCells.get(vi) ?? [])) : (villagePolys[villages[0]] ?? []);
    const geom = multiPolygon(merged);
    if (geom) vectors.regions.push(feature(geom, { id: t.id, parent_id: COUNTY_ID, level: 'township', name_zh: t.name_zh, name_en: t.name_en, population: popByTownship.get(t.id) ?? null }));
  });
  admin.villages.forEach((v, vi) => {
    const geom = multiPolygon(villagePolys[vi]);
    if (geom) vectors.regions.push(feature(geom, { id: v.id, parent_id: v.township, level: 'village', name_zh: v.name_zh, name_en: englishName(v.name_zh), population: popByVillage.get(v.id) ?? null }));
  });
  progress('demo: vectors', 0.5);
  // stands
  for (const s of stands) {
    const geom = multiPolygon(cells.polys[s.cell]);
    if (!geom) continue;
    const { cell: _c, landcover: _l, ...props } = s;
    vectors.stands.push(feature(geom, props));
  }
  // protected areas: eco red line (high mountains + reservoir catchment + reservoir) and basic farmland (on cropland)
  {
    const zSum = new Float64Array(cells.count), lake = new Uint8Array(cells.count), catch_ = new Int32Array(cells.count), crop = new Int32Array(cells.count), built = new Int32Array(cells.count);
    for (let i = 0; i < N; i++) {
      const k = cells.label[i];
      if (k < 0) continue;
      zSum[k] += terrain.dem[i];
      if (terrain.lakeMask[i]) lake[k] = 1;
      catch_[k] += terrain.catchment[i];
      if (lcr.landcover[i] === LC.cropland) crop[k]++;
      if (lcr.landcover[i] === LC.built) built[k]++;
    }
    const eco: number[] = [], farm: number[] = [];
    for (let k = 0; k < cells.count; k++) {
      const n = cells.pixels[k];
      if (!n) continue;
      const z = zSum[k] / n;
      if (z > 650 || lake[k] || (catch_[k] > n / 2 && z > 180)) eco.push(k);
      else if (crop[k] >= 0.55 * n && built[k] <= 0.1 * n) farm.push(k);
    }
    const parts = (ids: number[], minHa: number) => unionCells(cells, ids).filter((p) => multiArea([p]) >= minHa * 1e4);
    parts(eco, 100).forEach((p, i) => {
      const geom = multiPolygon([p]);
      if (geom) vectors.protected_areas.push(feature(geom, { id: `ECO-${String(i + 1).padStart(3, '0')}`, kind: 'eco_redline', ...named('生态保护红线（示意）') }));
    });
    parts(farm, 5).forEach((p, i) => {
      const geom = multiPolygon([p]);
      if (geom) vectors.protected_areas.push(feature(geom, { id: `BF-${String(i + 1).padStart(4, '0')}`, kind: 'basic_farmland', ...named('永久基本农田（示意）') }));
    });
  }
  progress('demo: vectors', 0.7);
  // wetlands
  {
    const lakeMask = new Uint8Array(N);
    for (let i = 0; i < N; i++) lakeMask[i] = terrain.lakeMask[i] & inside[i];
    const lakePolys = polygonizeMask(g, lakeMask, 4);
    lakePolys.forEach((p, i) => {
      const geom = multiPolygon([p]);
      if (geom) vectors.wetlands.push(feature(geom, { id: `WL-RES-${i + 1}`, wetland_type: 'reservoir', ...named(i === 0 ? terrain.dam.name_zh : null) }));
    });
    // rivers: buffered centrelines outside the reservoir, clipped to the county
    const countyLL = [llPolygon(county)!] as pc.Geom;
    const lakeLL = lakePolys.map(llPolygon).filter(Boolean) as pc.Geom[];
    for (const r of terrain.rivers) {
      const pieces: pc.Geom[] = [];
      const chunk = Math.max(4, Math.ceil(3000 / 250));
      for (let k = 0; k < r.line.length - 1; k += chunk) {
        const sub = r.line.slice(k, Math.min(r.line.length, k + chunk + 1));
        const w = r.width.slice(k, k + chunk + 1).reduce((a, b) => a + b, 0) / Math.min(chunk + 1, r.width.length - k);
        const ll = sub.map(([x, y]) => unproject(x, y));
        const buf = turf.buffer(turf.lineString(ll), Math.max(4, w / 2), { units: 'meters', steps: 4 });
        if (buf) pieces.push(buf.geometry.coordinates as pc.Geom);
      }
      let geom = pc.union(pieces[0], ...pieces.slice(1));
      if (lakeLL.length) geom = pc.difference(geom, ...lakeLL);
      geom = pc.intersection(geom, countyLL);
      const rounded = (geom as number[][][][]).map((p) => p.map((ring) => dedupe(ring.map(([a, b]) => [Math.round(a * 1e7) / 1e7, Math.round(b * 1e7) / 1e7]))).filter((r) => r.length >= 4)).filter((p) => p.length).flatMap(fixPolygon);
      if (rounded.length) vectors.wetlands.push(feature({ type: 'MultiPolygon', coordinates: rounded }, { id: `WL-RIV-${r.id}`, wetland_type: 'river', ...named(r.name_zh) }));
    }
    const marsh = new Uint8Array(N), ponds = new Uint8Array(N), lakes = new Uint8Array(N);
    for (let i = 0; i < N; i++) {
      if (lcr.landcover[i] === LC.marsh) marsh[i] = 1;
      if (lcr.landcover[i] === LC.water && lcr.waterBody[i] === 1) ponds[i] = 1;
      if (lcr.landcover[i] === LC.water && lcr.waterBody[i] === 2) lakes[i] = 1;
    }
    polygonizeMask(g, lakes, 4).forEach((p, i) => {
      const geom = multiPolygon([p]);
      if (geom) vectors.wetlands.push(feature(geom, { id: `WL-LAKE-${i + 1}`, wetland_type: 'lake', ...named(i === 0 ? '天子湖（示意）' : null) }));
    });
    polygonizeMask(g, marsh, Math.max(2, Math.round(2000 / (cell * cell)))).forEach((p, i) => {
      const geom = multiPolygon([p]);
      if (geom) vectors.wetlands.push(feature(geom, { id: `WL-MAR-${String(i + 1).padStart(4, '0')}`, wetland_type: 'marsh', name_zh: null }));
    });
    polygonizeMask(g, ponds, 2).forEach((p, i) => {
      const geom = multiPolygon([p]);
      if (geom) vectors.wetlands.push(feature(geom, { id: `WL-PND-${String(i + 1).padStart(4, '0')}`, wetland_type: 'pond', name_zh: null }));
    });
  }
  progress('demo: vectors', 0.85);
  for (const r of roads.segments) {
    vectors.roads.push(feature(lineString(r.line), { id: r.id, road_class: r.road_class, ...named(r.name_zh), speed_kmh: r.speed_kmh, oneway: r.oneway }));
  }
  for (const s of settlements) {
    vectors.places.push(feature(point(s.xy), { id: s.id, kind: s.kind, name_zh: s.name_zh, name_en: s.name_en ?? englishName(s.name_zh), population: s.population }));
  }
  for (const s of stations) vectors.stations.push(feature(point(s.xy), { id: s.id, ...named(s.name_zh), chargers: s.chargers, power_kw: s.power_kw, site_kind: s.site_kind }));
  for (const s of power.substations) vectors.substations.push(feature(point(s.xy), { id: s.id, ...named(s.name_zh), voltage_kv: s.voltage_kv }));
  for (const l of power.lines) vectors.power_lines.push(feature(lineString(l.line), { id: l.id, voltage_kv: l.voltage_kv }));
  progress('demo: vectors', 1);

  // ---------- rasters ----------
  progress('demo: write rasters', 0);
  const dem = new Float32Array(N);
  for (let i = 0; i < N; i++) dem[i] = inside[i] ? Math.round(terrain.dem[i] * 10) / 10 : -9999;
  const ghi = ghiRaster(g, inside, terrain.dem, slope, aspect, tpi, seed);
  const wind = windRaster(g, inside, terrain.dem, tpi, seed);
  const bounds = gridBounds(g);
  const rasters: DemoRaster[] = [];
  const write = (layer_id: string, grid: Grid, data: RasterArray, nodata: number, unit: string | null) => {
    const file = `${layer_id}.tif`;
    const path = join(outDir, file);
    const { x0: originX, y0: originY } = northUpFrame(grid), size = squareCellSize(grid);
    const bytes = writeGeoTiff(path, {
      width: grid.width, height: grid.height, data, crs: DEMO_RASTER_CRS, originX, originY,
      pixelSizeX: size, pixelSizeY: size, nodata,
    });
    rasters.push({
      layer_id, path, file, crs: DEMO_RASTER_CRS, width: grid.width, height: grid.height,
      geotransform: [...grid.geotransform], nodata, unit,
      bounds: grid === g ? bounds : gridBounds(grid), bytes, sha256: sha256(readFileSync(path)),
    });
    progress('demo: write rasters', rasters.length / 6);
  };
  write('dem', g, dem, -9999, 'm');
  write('landcover', g, lcr.landcover, 0, null);
  write('ghi', g, ghi, -9999, 'kWh/m²/yr');
  write('wind100', g, wind, -9999, 'm/s');
  write('population', pop.grid, pop.people, -1, 'people per cell');
  write('urban_rural', pop.grid, pop.klass, 0, null);
  const w = weatherCsv(seed);
  const weatherPath = join(outDir, 'weather_tmy_hourly.csv');
  writeFileSync(weatherPath, w.csv);

  const checksums: Record<string, string> = {};
  for (const r of rasters) checksums[r.layer_id] = r.sha256;
  checksums.weather = sha256(w.csv);
  checksums.vectors = vectorChecksum(vectors);
  checksums.all = sha256(Object.keys(checksums).sort().map((k) => `${k}:${checksums[k]}`).join('\n'));
  progress('demo: write rasters', 1);

  let countyAreaKm2 = 0;
  for (let i = 0; i < N; i++) countyAreaKm2 += inside[i];
  return {
    seed, source, rasters, vectors,
    weather: { path: weatherPath, rows: 8760, ghi_kwh_per_m2_yr: w.ghi_kwh_per_m2_yr, sha256: checksums.weather },
    checksums,
    stats: {
      cellSizeM: cell, grid: [g.width, g.height], maxElevationM: maxInside(dem),
      countyAreaKm2: Math.round((countyAreaKm2 * cell * cell) / 1e4) / 100, seconds: Math.round((performance.now() - t0) / 100) / 10,
    },
  };
}

function maxInside(dem: Float32Array): number {
  let m = -Infinity;
  for (let i = 0; i < dem.length; i++) if (dem[i] > m) m = dem[i];
  return m;
}

/** sha256 of the vectors as canonical JSON (targets in a fixed order). */
export function vectorChecksum(vectors: DemoVectors): string {
  const order: DemoTarget[] = ['regions', 'stands', 'wetlands', 'protected_areas', 'roads', 'places', 'stations', 'substations', 'power_lines'];
  const h = createHash('sha256');
  for (const t of order) h.update(t).update(JSON.stringify(vectors[t]));
  return h.digest('hex');
}

/** sha256 of each raster file, the weather CSV, the vectors, and 'all' over them (recomputed). */
export function demoChecksums(result: Pick<DemoResult, 'rasters' | 'vectors' | 'weather'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of result.rasters) out[r.layer_id] = sha256(readFileSync(r.path));
  out.weather = sha256(readFileSync(result.weather.path));
  out.vectors = vectorChecksum(result.vectors);
  out.all = sha256(Object.keys(out).sort().map((k) => `${k}:${out[k]}`).join('\n'));
  return out;
}

export type { PolygonXY };
