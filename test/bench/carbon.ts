/**
 * Parcel carbon analysis time for 1, 10, 100 and 1,000 km² squares at the county centre, and the
 * zonal-statistics core (window read + exact coverage + class areas) against rasterio.mask + numpy
 * on the same raster and polygon, in the same run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';
import type { Polygon } from 'geojson';
import { getRaster } from '../../api/store/catalog.ts';
import { coveredWindow } from '../../api/services/zonal.ts';
import { RasterStore } from '../../api/store/rasters.ts';
import { transformer } from '../../layers/geo/project.ts';
import { zonalCategoricalAreas } from '../../layers/raster/zonal.ts';
import { median, type BenchResult } from './result.ts';

const SIZES_KM2 = [1, 10, 100, 1000];
/** Debian's python3-rasterio installs for the system interpreter, which may not be the first python3 on PATH. */
const PYTHON = process.env.TANTU_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** A square of `km2` around (lon, lat), sides along meridians and parallels. */
function square(lon: number, lat: number, km2: number): Polygon {
  const halfKm = Math.sqrt(km2) / 2;
  const dLat = halfKm / 110.574;
  const dLon = halfKm / (111.32 * Math.cos((lat * Math.PI) / 180));
  return { type: 'Polygon', coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]] };
}

/** A point on the surface of the county (the demo county's centre). */
export async function countyCentre(sql: Sql): Promise<[number, number]> {
  const [r] = await sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(ST_Union(geom)) p FROM regions WHERE level = 'county') q`;
  return [r.lon, r.lat];
}

export async function benchCarbon(ctx: { app: { request(path: string, init?: RequestInit): Response | Promise<Response> }; sql: Sql; backend: string }): Promise<BenchResult[]> {
  const [lon, lat] = await countyCentre(ctx.sql);
  const out: BenchResult[] = [];
  for (const km2 of SIZES_KM2) {
    const body = JSON.stringify({ geometry: square(lon, lat, km2) });
    const times: number[] = [];
    let area = 0;
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      const res = await ctx.app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = await res.json();
      if (res.status !== 200) throw new Error(`analysis of ${km2} km² failed: ${json.detail}`);
      area = json.area_ha;
      times.push(performance.now() - t0);
    }
    out.push({
      name: `carbon analysis ${km2} km² (${ctx.backend})`, value: median(times.slice(1)), unit: 'ms',
      note: `first call ${times[0].toFixed(0)} ms; analysed ${(area / 100).toFixed(0)} km² inside the county`,
    });
  }
  return out;
}

/** Our zonal core vs rasterio.mask on the demo land-cover raster, per parcel size. */
export async function benchZonalVsRasterio(sql: Sql, dataDir: string): Promise<BenchResult[]> {
  const record = await getRaster(sql, 'landcover');
  if (!record) throw new Error('no landcover raster registered');
  const [lon, lat] = await countyCentre(sql);
  const dir = mkdtempSync(join(tmpdir(), 'tantu-bench-'));
  const script = fileURLToPath(new URL('./zonal_rasterio.py', import.meta.url));
  const t = transformer('EPSG:4326', record.crs);
  const out: BenchResult[] = [];
  for (const km2 of SIZES_KM2) {
    const poly = square(lon, lat, km2);
    const projected = { type: 'Polygon', coordinates: poly.coordinates.map((r) => r.map(([x, y]) => t.point(x, y))) };
    const polyPath = join(dir, `p${km2}.geojson`);
    writeFileSync(polyPath, JSON.stringify(projected));
    let ref: { ms: number[]; areas_m2: Record<string, number> };
    try {
      ref = JSON.parse(execFileSync(PYTHON, [script, record.path.startsWith('/') ? record.path : join(dataDir, record.path), polyPath, '6'], { encoding: 'utf8' }));
    } catch (err) {
      out.push({ name: `zonal ${km2} km² vs rasterio`, value: NaN, unit: 'ratio', note: `rasterio not available (apt-get install python3-rasterio): ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const cold: number[] = [];
    const warm: number[] = [];
    let ours = new Map<number, number>();
    for (let i = 0; i < 6; i++) {
      const store = new RasterStore();
      const t0 = performance.now();
      const w = await coveredWindow(record, poly, store);
      ours = zonalCategoricalAreas(w.grid, w.coverage, w.window.data, { nodata: record.nodata }).areaByClassM2;
      cold.push(performance.now() - t0);
      const t1 = performance.now();
      const w2 = await coveredWindow(record, poly, store);
      zonalCategoricalAreas(w2.grid, w2.coverage, w2.window.data, { nodata: record.nodata });
      warm.push(performance.now() - t1);
    }
    const refMs = median(ref.ms.slice(1));
    const ourCold = median(cold.slice(1));
    const totalRef = Object.values(ref.areas_m2).reduce((a, b) => a + b, 0);
    const totalOurs = [...ours.values()].reduce((a, b) => a + b, 0);
    const ourWarm = median(warm);
    const areaNote = `areas differ by ${((100 * (totalOurs - totalRef)) / totalRef).toFixed(2)} % (exact coverage vs rasterio's pixel centres)`;
    out.push(
      {
        name: `zonal class areas ${km2} km²: rasterio / tantu, both opening the file`, value: refMs / ourCold, unit: '×',
        note: `rasterio ${refMs.toFixed(1)} ms, tantu ${ourCold.toFixed(1)} ms (geotiff.js decode in JS); ${areaNote}`,
      },
      {
        name: `zonal class areas ${km2} km²: rasterio / tantu, tantu's raster blocks cached as in a running server`, value: refMs / ourWarm, unit: '×',
        note: `rasterio ${refMs.toFixed(1)} ms, tantu ${ourWarm.toFixed(1)} ms`,
      },
    );
  }
  return out;
}
