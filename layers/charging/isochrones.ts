/**
 * Isochrones from cell travel times: for each threshold T the area where t ≤ T, traced by
 * marching squares (d3-contour; linear interpolation between cell centres) so unreachable pockets
 * inside a band stay holes. Polygons are for display only — the population of a band is summed
 * from the cells themselves (t ≤ T), never from the polygon (reference/charging.md §4), like
 * openrouteservice's `total_pop`.
 */
import { contours } from 'd3-contour';
import type { GeoTransform } from '../raster/grid.ts';

/** A ring or polygon list in the grid's CRS. */
export type Ring = [number, number][];

export interface IsochroneBand {
  /** Upper time of the band, seconds (the area is t ≤ threshold_s). */
  threshold_s: number;
  /** Polygons (outer ring counter-clockwise, then holes clockwise) in the grid's CRS. */
  polygons: Ring[][];
  /** People in cells with t ≤ threshold_s. */
  total_pop: number;
  /** People with previous threshold < t ≤ threshold_s. */
  band_pop: number;
  /** Area of the cells with t ≤ threshold_s, km² (cell count × cell area). */
  area_km2: number;
}

const signedArea = (r: Ring) => {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  return a / 2;
};

/**
 * Bands for ascending thresholds from a north-up or rotated grid of times (row-major, width ×
 * height; Infinity or NaN = unreachable) and people per cell (≤ 0 or NaN = nobody).
 * @throws RangeError when the arrays do not match the grid
 */
export function isochroneBands(
  grid: { width: number; height: number; geotransform: GeoTransform }, time_s: ArrayLike<number>, pop: ArrayLike<number>, thresholds_s: readonly number[],
): IsochroneBand[] {
  const { width: w, height: h, geotransform: gt } = grid;
  if (time_s.length !== w * h || pop.length !== w * h) throw new RangeError(`times and population need ${w * h} cells (${w} × ${h})`);
  const ts = [...thresholds_s].sort((a, b) => a - b);
  const neg = new Float64Array(w * h);
  for (let i = 0; i < neg.length; i++) neg[i] = time_s[i] < Infinity ? -time_s[i] : -Infinity;
  const gen = contours().size([w, h]).smooth(true);
  const cellKm2 = Math.abs(gt[1] * gt[5] - gt[2] * gt[4]) / 1e6;
  let prev = 0;
  return ts.map((T) => {
    const mp = gen.contour(neg as unknown as number[], -T);
    let total = 0, n = 0;
    for (let i = 0; i < neg.length; i++) if (time_s[i] <= T) { n++; if (pop[i] > 0) total += pop[i]; }
    const polygons = mp.coordinates.map((poly) => poly.map((ring, k) => {
      const r: Ring = ring.map(([c, rr]) => [gt[0] + c * gt[1] + rr * gt[2], gt[3] + c * gt[4] + rr * gt[5]]);
      const ccw = signedArea(r) > 0;
      return (k === 0) !== ccw ? r.reverse() : r;
    }));
    const band = { threshold_s: T, polygons, total_pop: total, band_pop: total - prev, area_km2: n * cellKm2 };
    prev = total;
    return band;
  });
}
