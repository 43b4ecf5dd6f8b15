/**
 * Carbon layers built from the registered land cover, the forest stands (小班) and the wetlands:
 *
 *   carbon_density        total carbon density, t C/ha            (above + below + soil + dead)
 *   carbon_density_above  above-ground biomass carbon, t C/ha
 *   carbon_density_below  below-ground biomass carbon, t C/ha
 *   carbon_density_soil   soil organic carbon, t C/ha
 *   carbon_density_dead   dead organic matter, t C/ha
 *   carbon_sink           annual sink, t CO2e/ha/yr
 *
 * One single-band Float32 GeoTIFF per layer (the writer is single-band; separate files also let
 * each pool be registered, tiled and summed by zonal statistics on its own) under
 * <dataDir>/rasters/derived/, on the land-cover grid and CRS, nodata = NaN (outside the land
 * cover). No forest/bamboo/wetland variants are written: they would repeat the same pixels, and a
 * per-group figure is a zonal sum of these layers over the stands / wetlands polygons or the
 * land-cover classes (api/services/zonal.ts).
 *
 * PIXEL ROUTING — the per-pixel form of the rule in layers/carbon/parcel.ts; the per-ha values are
 * the parcel analysis's own (layers/carbon/stand-carbon.ts), with the shipped tables:
 * 1. Every pixel starts from its land-cover class's default pools and sink (`classDefaultPerHa`):
 *    the pools table row (TANTU_POOLS); forest classes grow along the curve of the class's
 *    representative species (CLASS_ROUTING), calibrated so its volume reproduces the class's
 *    above-ground carbon; bamboo gets the managed bamboo sink; marsh the marsh burial rate; every
 *    other class none.
 * 2. Arbor stands replace the biomass pools (above, below) on pixels of forest classes (1–4) with
 *    the stand route V·SVD·BEF·(1+R)·CF (stand.ts) and the sink with C(t+1) − C(t) on the stand's
 *    calibrated growth curve (growth.ts); bamboo stands do the same on bamboo pixels (5) with the
 *    culm allometry (or the stand-level fallback) and the managed steady-state sink (bamboo.ts)
 *    (`standPerHa`). Soil and dead organic matter stay the class's. Stands with neither volume nor
 *    age (route 'class_pools'), shrub stands, and stand area on land cover of another kind keep the
 *    class values (the raster says the land is something else).
 * 3. Wetland polygons replace all four pools and the sink on marsh / open-water pixels (9, 10)
 *    with the wetland type's stock and burial rate (wetland.ts).
 * 4. Weighting: a polygon covering a fraction f of a pixel (exact coverage, layers/raster/coverage.ts)
 *    contributes f × its values; the uncovered rest 1 − Σf keeps the class values. Where polygons
 *    overlap (Σf > 1) their contributions are scaled by 1/Σf.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { CARBON_MODEL_VERSION } from '../../layers/carbon/parcel.ts';
import { MissingLucodeError, indexPools } from '../../layers/carbon/pools.ts';
import { DEFAULT_STAND_CARBON_TABLES, classDefaultPerHa, standPerHa, type StandAttributes } from '../../layers/carbon/stand-carbon.ts';
import { CO2E_PER_C, M2_PER_HA, sumPrecise } from '../../layers/core/units.ts';
import { transformer } from '../../layers/geo/project.ts';
import { forEachCoveredPixel, pixelCoverage } from '../../layers/raster/coverage.ts';
import { rowAreasM2, type GeoTransform, type Grid } from '../../layers/raster/grid.ts';
import { getRaster, registerRaster, type RasterRecord } from '../../api/store/catalog.ts';
import { RasterStore } from '../../api/store/rasters.ts';
import { sqlOf, type DbLike } from '../../api/store/connect.ts';
import { writeGeoTiff } from '../geotiff-write.ts';

export type Progress = (step: string, fraction: number) => void;

export interface CarbonLayersOptions {
  onProgress?: Progress;
  /** Land-cover raster layer id (default 'landcover'). */
  landcoverLayer?: string;
}

/** The layer ids this builder writes and registers. */
export const CARBON_LAYER_IDS = [
  'carbon_density',
  'carbon_density_above',
  'carbon_density_below',
  'carbon_density_soil',
  'carbon_density_dead',
  'carbon_sink',
] as const;
export type CarbonLayerId = (typeof CARBON_LAYER_IDS)[number];

export const CARBON_LAYER_UNITS: Record<CarbonLayerId, string> = {
  carbon_density: 't C/ha',
  carbon_density_above: 't C/ha',
  carbon_density_below: 't C/ha',
  carbon_density_soil: 't C/ha',
  carbon_density_dead: 't C/ha',
  carbon_sink: 't CO2e/ha/yr',
};

export interface CarbonLayersResult {
  layers: CarbonLayerId[];
  /** Absolute GeoTIFF path per layer id. */
  files: Record<CarbonLayerId, string>;
  grid: { width: number; height: number; crs: string; geotransform: number[] };
  stands: { read: number; burned: number; class_pools: number; errors: number };
  wetlands: { read: number; burned: number };
  totals: {
    /** Σ density × pixel area over land-cover pixels, t C. */
    stock_tC: number;
    /** Σ sink × pixel area, t CO2e/yr. */
    sink_tCO2e_per_yr: number;
    /** Area of the counted (land-cover) pixels, ha (projected pixel areas). */
    counted_area_ha: number;
  };
  /** Stands or wetlands that could not be routed (they keep the class values), one line each. */
  warnings: string[];
  seconds: number;
}

interface StandRow extends StandAttributes {
  id: string;
  forest_type: 'arbor' | 'bamboo';
  geojson: string;
}

// ------------------------------------------------------------------------- the build

function projectGeometry(geojson: string, t: (x: number, y: number) => [number, number]): Polygon | MultiPolygon | null {
  const g = JSON.parse(geojson) as Polygon | MultiPolygon;
  const ring = (r: Position[]) => r.map((p) => t(p[0]!, p[1]!));
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
  return null;
}

/**
 * Build the carbon density and annual sink rasters (see the module comment), write them under
 * <dataDir>/rasters/derived/ and register them (layer ids CARBON_LAYER_IDS). Call syncCatalog
 * afterwards to list them. Replaces an earlier build.
 * @throws Error when no land-cover raster is registered; MissingLucodeError for classes that
 *   TANTU_POOLS does not have
 */
export async function buildCarbonLayers(db: DbLike, dataDir: string, opts: CarbonLayersOptions = {}): Promise<CarbonLayersResult> {
  const t0 = performance.now();
  const sql = sqlOf(db);
  const progress = opts.onProgress ?? (() => {});
  const lcId = opts.landcoverLayer ?? 'landcover';
  const lc = await getRaster(sql, lcId);
  if (!lc) {
    throw new Error(`no "${lcId}" raster is registered: load the demo (npm run tantu -- demo) or import one (npm run tantu -- import <tif> --as raster:${lcId})`);
  }
  const gt = lc.geotransform as unknown as GeoTransform;
  if (gt[2] !== 0 || gt[4] !== 0 || !(gt[5] < 0)) throw new Error(`the ${lcId} raster must be north-up without rotation`);
  const grid: Grid = { width: lc.width, height: lc.height, geotransform: gt, crs: lc.crs };
  const W = lc.width;
  const H = lc.height;
  const N = W * H;

  // ---- land cover (a private store: a rebuilt demo must not be served from an old cache)
  progress('carbon layers: read land cover', 0);
  const store = new RasterStore({ maxBytes: 64 * 2 ** 20 });
  const win = await store.readWindow(lc, 0, 0, W, H);
  const classes = win.data;
  const nodata = lc.nodata;

  // ---- class table as dense lookups by code
  const tables = DEFAULT_STAND_CARBON_TABLES;
  const pools = indexPools(tables.pools);
  let maxCode = 0;
  const present = new Set<number>();
  for (let i = 0; i < N; i++) {
    const c = classes[i]!;
    if (c !== c || c === nodata) continue;
    present.add(c);
  }
  const missing = [...present].filter((c) => !pools.has(c) || !Number.isInteger(c) || c < 0);
  if (missing.length) throw new MissingLucodeError(missing);
  for (const c of present) maxCode = Math.max(maxCode, c);
  const L = maxCode + 1;
  const cAbove = new Float64Array(L), cBelow = new Float64Array(L), cSoil = new Float64Array(L), cDead = new Float64Array(L), cSink = new Float64Array(L);
  const arborOk = new Uint8Array(L), bambooOk = new Uint8Array(L), wetOk = new Uint8Array(L);
  for (const code of present) {
    const d = classDefaultPerHa(code, tables);
    const group = d.group;
    cAbove[code] = d.above_tC_per_ha; cBelow[code] = d.below_tC_per_ha; cSoil[code] = d.soil_tC_per_ha; cDead[code] = d.dead_tC_per_ha; cSink[code] = d.sink_tC_per_ha_yr;
    arborOk[code] = group === 'forest' ? 1 : 0;
    bambooOk[code] = group === 'bamboo' ? 1 : 0;
    wetOk[code] = group === 'marsh' || group === 'water' ? 1 : 0;
  }
  progress('carbon layers: read land cover', 1);

  // ---- accumulators: Σ f·value of the polygons burnt into each pixel, and Σ f
  const cov = new Float32Array(N);
  const above = new Float32Array(N), below = new Float32Array(N), soil = new Float32Array(N), dead = new Float32Array(N), sink = new Float32Array(N);
  const warnings: string[] = [];
  const toGrid = transformer('EPSG:4326', lc.crs);
  const [w, s, e, n] = lc.bounds;

  // ---- stands
  progress('carbon layers: stands', 0);
  const stands = await sql<StandRow[]>`
    SELECT id, species_group, forest_type, age_yr, site_class, volume_m3_per_ha, culm_density_per_ha, mean_dbh_cm,
           ST_AsGeoJSON(geom) AS geojson
      FROM stands
     WHERE forest_type IN ('arbor', 'bamboo') AND geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)
     ORDER BY id`;
  let burned = 0, classPools = 0, errors = 0;
  stands.forEach((st, k) => {
    let v: ReturnType<typeof standPerHa>;
    try {
      v = standPerHa(st, tables);
    } catch (err) {
      errors++;
      warnings.push(`stand ${st.id}: ${(err as Error).message} — class pools kept`);
      return;
    }
    if (v.route === 'class_pools') {
      classPools++;
      return;
    }
    const geom = projectGeometry(st.geojson, toGrid.point);
    if (!geom) return;
    const ok = st.forest_type === 'bamboo' ? bambooOk : arborOk;
    let touched = false;
    forEachCoveredPixel(pixelCoverage(grid, geom), (r, c, f) => {
      const i = r * W + c;
      const code = classes[i]!;
      if (code !== code || code === nodata || !ok[code]) return;
      cov[i] += f;
      above[i] += f * v.above_tC_per_ha;
      below[i] += f * v.below_tC_per_ha;
      soil[i] += f * cSoil[code]!;
      dead[i] += f * cDead[code]!;
      sink[i] += f * v.sink_tC_per_ha_yr;
      touched = true;
    });
    if (touched) burned++;
    if (k % 256 === 0) progress('carbon layers: stands', k / stands.length);
  });
  progress('carbon layers: stands', 1);

  // ---- wetlands
  progress('carbon layers: wetlands', 0);
  const wetlands = await sql<{ id: string; wetland_type: string; geojson: string }[]>`
    SELECT id, wetland_type, ST_AsGeoJSON(geom) AS geojson
      FROM wetlands WHERE geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326) ORDER BY id`;
  let wetBurned = 0;
  wetlands.forEach((wl, k) => {
    const p = Object.prototype.hasOwnProperty.call(tables.wetland, wl.wetland_type) ? tables.wetland[wl.wetland_type]! : null;
    if (!p) {
      warnings.push(`wetland ${wl.id}: unknown type '${wl.wetland_type}' — class pools kept`);
      return;
    }
    const geom = projectGeometry(wl.geojson, toGrid.point);
    if (!geom) return;
    const burial = p.burial_tC_per_ha_yr.value;
    let touched = false;
    forEachCoveredPixel(pixelCoverage(grid, geom), (r, c, f) => {
      const i = r * W + c;
      const code = classes[i]!;
      if (code !== code || code === nodata || !wetOk[code]) return;
      cov[i] += f;
      above[i] += f * p.stock.c_above;
      below[i] += f * p.stock.c_below;
      soil[i] += f * p.stock.c_soil;
      dead[i] += f * p.stock.c_dead;
      sink[i] += f * burial;
      touched = true;
    });
    if (touched) wetBurned++;
    if (k % 64 === 0) progress('carbon layers: wetlands', k / wetlands.length);
  });
  progress('carbon layers: wetlands', 1);

  // ---- finish: class values for the uncovered rest, totals (rows in float64)
  progress('carbon layers: combine', 0);
  const total = new Float32Array(N);
  const rowArea = rowAreasM2(grid);
  const stockTerms: number[] = [];
  const sinkTerms: number[] = [];
  const areaTerms: number[] = [];
  for (let r = 0; r < H; r++) {
    let rowStock = 0, rowSink = 0, rowPx = 0;
    for (let i = r * W, end = i + W; i < end; i++) {
      const code = classes[i]!;
      if (code !== code || code === nodata) {
        above[i] = below[i] = soil[i] = dead[i] = sink[i] = total[i] = NaN;
        continue;
      }
      const f = cov[i]!;
      let a = cAbove[code]!, b = cBelow[code]!, so = cSoil[code]!, d = cDead[code]!, sk = cSink[code]!;
      if (f > 0) {
        const scale = f > 1 ? 1 / f : 1;
        const rest = 1 - f * scale;
        a = above[i]! * scale + rest * a;
        b = below[i]! * scale + rest * b;
        so = soil[i]! * scale + rest * so;
        d = dead[i]! * scale + rest * d;
        sk = sink[i]! * scale + rest * sk;
      }
      above[i] = a; below[i] = b; soil[i] = so; dead[i] = d;
      const t = a + b + so + d;
      total[i] = t;
      sink[i] = sk * CO2E_PER_C;
      rowStock += t;
      rowSink += sk * CO2E_PER_C;
      rowPx++;
    }
    const A = rowArea[r]! / M2_PER_HA;
    stockTerms.push(rowStock * A);
    sinkTerms.push(rowSink * A);
    areaTerms.push(rowPx * A);
    if (r % 128 === 0) progress('carbon layers: combine', r / H);
  }
  progress('carbon layers: combine', 1);

  // ---- write + register
  const outDir = join(dataDir, 'rasters', 'derived');
  await mkdir(outDir, { recursive: true });
  const data: Record<CarbonLayerId, Float32Array> = {
    carbon_density: total, carbon_density_above: above, carbon_density_below: below,
    carbon_density_soil: soil, carbon_density_dead: dead, carbon_sink: sink,
  };
  const files = {} as Record<CarbonLayerId, string>;
  CARBON_LAYER_IDS.forEach((id, k) => {
    progress('carbon layers: write rasters', k / CARBON_LAYER_IDS.length);
    const path = join(outDir, `${id}.tif`);
    writeGeoTiff(path, {
      width: W, height: H, data: data[id], crs: lc.crs, originX: gt[0], originY: gt[3], pixelSizeX: gt[1], pixelSizeY: -gt[5],
      nodata: NaN, level: 1,
    });
    files[id] = path;
  });
  progress('carbon layers: write rasters', 1);

  const source = `${lc.source}; carbon layers (${CARBON_MODEL_VERSION}: TANTU_POOLS + stand/bamboo/wetland routes, ${stands.length} stands, ${wetlands.length} wetlands)`;
  const totals = { stock_tC: sumPrecise(stockTerms), sink_tCO2e_per_yr: sumPrecise(sinkTerms), counted_area_ha: sumPrecise(areaTerms) };
  await writeFile(
    join(outDir, 'carbon_layers.json'),
    JSON.stringify({
      model_version: CARBON_MODEL_VERSION, built_from: { landcover: { layer_id: lcId, path: lc.path, source: lc.source }, stands: stands.length, wetlands: wetlands.length },
      units: CARBON_LAYER_UNITS, nodata: 'NaN', routing: 'data-pipeline/build/carbon-layers.ts module comment', totals, warnings,
      tables: { pools: tables.pools, stand: tables.stand, bamboo: tables.bamboo, wetland: tables.wetland, growth: tables.growth, class_routing: tables.class_routing },
    }, null, 1) + '\n',
  );
  progress('carbon layers: register', 0);
  await sql.begin(async (tx) => {
    for (const id of CARBON_LAYER_IDS) {
      const rec: RasterRecord = {
        layer_id: id, path: files[id], crs: lc.crs, width: W, height: H, geotransform: [...gt], nodata: null,
        unit: CARBON_LAYER_UNITS[id], source, bounds: lc.bounds,
      };
      await registerRaster(tx, rec);
    }
  });
  progress('carbon layers: register', 1);

  return {
    layers: [...CARBON_LAYER_IDS],
    files,
    grid: { width: W, height: H, crs: lc.crs, geotransform: [...gt] },
    stands: { read: stands.length, burned, class_pools: classPools, errors },
    wetlands: { read: wetlands.length, burned: wetBurned },
    totals,
    warnings,
    seconds: (performance.now() - t0) / 1e3,
  };
}
