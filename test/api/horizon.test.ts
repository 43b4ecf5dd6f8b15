/**
 * The horizon service on the demo county's 30 m DEM: a summit against a valley floor under the
 * highest relief nearby, the window read against the whole raster, and points the DEM does not cover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../setup/app.ts';
import { horizonAt } from '../../api/services/horizon.ts';
import { ProblemError } from '../../api/services/problem.ts';
import { getRaster, type RasterRecord } from '../../api/store/catalog.ts';
import { rasterStore } from '../../api/store/rasters.ts';
import { transformer } from '../../layers/geo/project.ts';
import { pixelCenterToWorld, type Grid } from '../../layers/raster/grid.ts';
import { horizonProfile } from '../../layers/solar/horizon.ts';
import type { RasterArray } from '../../layers/raster/sample.ts';

const db = testDatabase();
afterAll(() => db.close());

let record: RasterRecord;
let dem: RasterArray;
let grid: Grid;
const toLonLat = (col: number, row: number) => transformer(record.crs, 'EPSG:4326').point(...pixelCenterToWorld(grid, col, row));

/** The cell with the highest elevation. */
function summit(): [number, number] {
  let best = 0;
  for (let i = 1; i < dem.length; i++) if (dem[i] > dem[best]) best = i;
  return [best % grid.width, Math.floor(best / grid.width)];
}

/**
 * A valley floor under a high massif: over blocks of 10 × 10 cells, the block minimum with the
 * greatest rise to the highest block maximum within ±8 blocks (2.4 km).
 */
function valley(): [number, number] {
  const B = 10, R = 8;
  const bw = Math.floor(grid.width / B), bh = Math.floor(grid.height / B);
  const maxB = new Float64Array(bw * bh).fill(-Infinity);
  const minB = new Float64Array(bw * bh).fill(Infinity);
  const minAt = new Int32Array(bw * bh).fill(-1);
  for (let r = 0; r < bh * B; r++) {
    for (let c = 0; c < bw * B; c++) {
      const v = dem[r * grid.width + c];
      if (v === record.nodata) continue;
      const b = Math.floor(r / B) * bw + Math.floor(c / B);
      if (v > maxB[b]) maxB[b] = v;
      if (v < minB[b]) { minB[b] = v; minAt[b] = r * grid.width + c; }
    }
  }
  let best = -1, rise = -Infinity;
  for (let by = R; by < bh - R; by++) {
    for (let bx = R; bx < bw - R; bx++) {
      const b = by * bw + bx;
      if (minAt[b] < 0) continue;
      let top = -Infinity;
      for (let dy = -R; dy <= R; dy++) for (let dx = -R; dx <= R; dx++) top = Math.max(top, maxB[(by + dy) * bw + bx + dx]);
      if (top - minB[b] > rise) { rise = top - minB[b]; best = minAt[b]; }
    }
  }
  return [best % grid.width, Math.floor(best / grid.width)];
}

beforeAll(async () => {
  record = (await getRaster(db.sql, 'dem'))!;
  grid = { width: record.width, height: record.height, geotransform: record.geotransform as unknown as Grid['geotransform'], crs: record.crs };
  dem = (await rasterStore.readWindow(record, 0, 0, record.width, record.height)).data;
});

describe('horizonAt on the demo DEM', () => {
  it('sees a higher horizon from a valley floor under a massif than from the highest summit, all within 0–60°', async () => {
    const [sc, sr] = summit();
    const [vc, vr] = valley();
    const top = await horizonAt(db.sql, ...toLonLat(sc, sr));
    const low = await horizonAt(db.sql, ...toLonLat(vc, vr));
    expect(top.elevation_m).toBeCloseTo(dem[sr * grid.width + sc], 2);
    expect(low.elevation_m).toBeCloseTo(dem[vr * grid.width + vc], 2);
    expect(top.elevation_m - low.elevation_m).toBeGreaterThan(300);
    const topEl = Array.from(top.profile.elevation_deg);
    const lowEl = Array.from(low.profile.elevation_deg);
    expect(topEl.length).toBe(48);
    // the highest cell looks down in (almost) every direction; the valley floor looks up at the massif
    expect(Math.max(...topEl)).toBeLessThan(1);
    expect(Math.max(...lowEl)).toBeGreaterThan(10);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(lowEl)).toBeGreaterThan(mean(topEl) + 5);
    for (const v of lowEl) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(60);
    }
    // below the summit's horizontal plane, steeply where the DEM ends a few km away at the county edge
    for (const v of topEl) expect(v).toBeGreaterThan(-30);
    expect(low.sky_view_factor).toBeLessThan(top.sky_view_factor);
    expect(top.sky_view_factor).toBeGreaterThan(0.99);
    expect(low.profile.distance_m.every((d) => d > 0 && d <= 20_000)).toBe(true);
    expect(low.dem).toEqual({ layer_id: 'dem', source: record.source, cell_m: 30 });
    expect(low.crs).toBe('EPSG:4549');
  });

  it('reads a window that gives the profile of the whole raster', async () => {
    const [vc, vr] = valley();
    const site = await horizonAt(db.sql, ...toLonLat(vc, vr), { max_distance_m: 5000, sectors: 36 });
    const whole = horizonProfile(dem, { ...grid, nodata: record.nodata }, site.x, site.y, { max_distance_m: 5000, sectors: 36 });
    for (let i = 0; i < 36; i++) {
      // the same samples; pixel coordinates relative to the window differ only in rounding
      expect(site.profile.elevation_deg[i]).toBeCloseTo(whole.elevation_deg[i], 9);
      expect(site.profile.distance_m[i]).toBe(whole.distance_m[i]);
      expect(site.profile.searched_m[i]).toBe(whole.searched_m[i]);
    }
  });

  it('gives slope and aspect of the site and the plane of modules laid on it', async () => {
    const [vc, vr] = valley();
    const site = await horizonAt(db.sql, ...toLonLat(vc, vr));
    expect(site.slope_deg).toBeGreaterThanOrEqual(0);
    expect(site.slope_deg).toBeLessThan(60);
    expect(site.terrain_plane.surface_tilt).toBe(site.slope_deg);
    if (site.aspect_deg !== null) expect(site.terrain_plane.surface_azimuth).toBeCloseTo(site.aspect_deg, 9);
    // a point on the steepest slope of the massif: Horn's slope there is large and the plane follows it
    const [sc, sr] = summit();
    const side = await horizonAt(db.sql, ...toLonLat(sc + 3, sr + 3));
    expect(side.slope_deg).toBeGreaterThan(3);
    expect(side.aspect_deg).not.toBeNull();
    expect(side.terrain_plane).toEqual({ surface_tilt: side.slope_deg, surface_azimuth: side.aspect_deg });
  });

  it('answers 422 for a point outside the DEM and for one it has no data at', async () => {
    const outside = horizonAt(db.sql, 116.4, 39.9);
    await expect(outside).rejects.toBeInstanceOf(ProblemError);
    await expect(outside).rejects.toMatchObject({ status: 422, title: 'Point outside the DEM' });
    await expect(horizonAt(db.sql, 0, 0)).rejects.toMatchObject({ status: 422 });
    // the north-west corner of the raster lies outside the county: nodata
    const corner = toLonLat(1, 1);
    expect(dem[grid.width + 1]).toBe(record.nodata);
    await expect(horizonAt(db.sql, ...corner)).rejects.toMatchObject({ status: 422, title: 'No elevation at the point' });
    await expect(horizonAt(db.sql, NaN, 30)).rejects.toMatchObject({ status: 422, title: 'Invalid point' });
    await expect(horizonAt(db.sql, 119.6, 30.6, { layer_id: 'no_such_dem' })).rejects.toMatchObject({ status: 422, title: 'Raster not loaded' });
  });
});
