import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { isochroneBands } from '../../../layers/charging/isochrones.ts';

// 9 × 9 grid of 100 m cells, origin (0, 900), north-up: times rise with distance from the centre,
// the centre 3 × 3 block is unreachable (a pocket: a lake or a gated estate)
const W = 9, H = 9;
const grid = { width: W, height: H, geotransform: [0, 100, 0, 900, 0, -100] as const };
const time = new Float64Array(W * H), pop = new Float64Array(W * H).fill(1);
for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) {
  const d = Math.max(Math.abs(r - 4), Math.abs(c - 4));
  time[r * W + c] = d <= 1 ? Infinity : 100 * d;
}

describe('isochrone bands (marching squares)', () => {
  it('keeps an unreachable pocket as a hole and sums people from the cells', () => {
    const [b300, b400] = isochroneBands(grid, time, pop, [400, 300]);
    expect(b300.threshold_s).toBe(300);
    // t ≤ 300: the ring of cells at Chebyshev distance 2 and 3 (7×7 − 3×3 = 40 cells)
    expect(b300.total_pop).toBe(40);
    expect(b400.total_pop).toBe(81 - 9);
    expect(b400.band_pop).toBe(32);
    expect(b300.area_km2).toBeCloseTo(0.4, 12);
    expect(b300.polygons).toHaveLength(1);
    const [outer, hole] = b300.polygons[0];
    expect(b300.polygons[0]).toHaveLength(2);
    // outer counter-clockwise, hole clockwise (RFC 7946), in the grid's CRS
    const poly = turf.polygon([outer, hole]);
    expect(turf.booleanClockwise(outer)).toBe(false);
    expect(turf.booleanClockwise(hole)).toBe(true);
    // the hole is around the centre (450, 450), the outer ring around the 7 × 7 block
    expect(turf.booleanPointInPolygon([450, 450], poly)).toBe(false);
    expect(turf.booleanPointInPolygon([250, 450], poly)).toBe(true);
    const xs = outer.map((p) => p[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...xs)).toBeLessThanOrEqual(800);
  });

  it('rejects arrays that do not fit the grid', () => {
    expect(() => isochroneBands(grid, new Float64Array(3), pop, [300])).toThrow(RangeError);
  });
});
