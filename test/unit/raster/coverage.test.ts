import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { forEachCoveredPixel, pixelCoverage } from '../../../layers/raster/coverage.ts';
import type { Grid } from '../../../layers/raster/grid.ts';
import { ringSignedArea } from '../../../layers/geo/planar.ts';

// 10 × 10 grid of 1 m pixels, top-left corner (0, 10): pixel (col c, row r) spans x c…c+1, y 9−r…10−r
const grid: Grid = { width: 10, height: 10, geotransform: [0, 1, 0, 10, 0, -1], crs: 'EPSG:4549' };

function toMap(cov: ReturnType<typeof pixelCoverage>): Map<string, number> {
  const m = new Map<string, number>();
  forEachCoveredPixel(cov, (r, c, f) => m.set(`${r},${c}`, f));
  return m;
}

/** Sutherland–Hodgman clip of a ring by an axis-aligned box, then shoelace |area|. */
function clippedArea(ring: number[][], x0: number, y0: number, x1: number, y1: number): number {
  let pts = ring.slice(0, -1);
  const edges: [(p: number[]) => boolean, (a: number[], b: number[]) => number[]][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((x0 - a[0]) * (b[1] - a[1])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((x1 - a[0]) * (b[1] - a[1])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((y0 - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((y1 - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), y1]],
  ];
  for (const [inside, cut] of edges) {
    const out: number[][] = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[(i + pts.length - 1) % pts.length];
      const b = pts[i];
      if (inside(b)) {
        if (!inside(a)) out.push(cut(a, b));
        out.push(b);
      } else if (inside(a)) out.push(cut(a, b));
    }
    pts = out;
    if (!pts.length) return 0;
  }
  return Math.abs(ringSignedArea(pts));
}

function bruteForce(g: Grid, polygon: Polygon): Map<string, number> {
  const m = new Map<string, number>();
  for (let r = 0; r < g.height; r++) {
    for (let c = 0; c < g.width; c++) {
      const [x0, y1] = [g.geotransform[0] + c, g.geotransform[3] - r];
      let a = clippedArea(polygon.coordinates[0], x0, y1 - 1, x0 + 1, y1);
      for (const hole of polygon.coordinates.slice(1)) a -= clippedArea(hole, x0, y1 - 1, x0 + 1, y1);
      if (a > 1e-12) m.set(`${r},${c}`, a);
    }
  }
  return m;
}

describe('pixelCoverage exact', () => {
  it('a 3 × 2.75 m rectangle: corner, edge and interior fractions by hand', () => {
    // x 1.5…4.5, y 1.5…4.25 → rows 5 (y 4…5: covered 4…4.25 = 0.25), 6, 7, 8 (y 1…2: covered 1.5…2 = 0.5);
    // cols 1 (x 1…2: 1.5…2 = 0.5), 2, 3, 4 (x 4…5: 4…4.5 = 0.5)
    const sq: Polygon = { type: 'Polygon', coordinates: [[[1.5, 1.5], [4.5, 1.5], [4.5, 4.25], [1.5, 4.25], [1.5, 1.5]]] };
    const cov = pixelCoverage(grid, sq);
    const m = toMap(cov);
    expect(m.get('5,1')).toBeCloseTo(0.125, 12); // 0.5 × 0.25
    expect(m.get('5,2')).toBeCloseTo(0.25, 12); // 1 × 0.25
    expect(m.get('6,1')).toBeCloseTo(0.5, 12);
    expect(m.get('6,2')).toBe(1);
    expect(m.get('8,4')).toBeCloseTo(0.25, 12); // 0.5 × 0.5
    expect(m.size).toBe(16);
    expect(cov.pixelCount).toBe(16);
    expect(cov.fractionSum).toBeCloseTo(8.25, 12); // 3 × 2.75
    // full pixels are stored as spans without per-pixel fractions: rows 6 and 7, cols 2…3
    const fullSpans = Array.from(cov.spanFractionOffset).filter((o) => o === -1).length;
    expect(fullSpans).toBe(2);
  });

  it('a right triangle: the diagonal halves pixels exactly', () => {
    // (0,0) (4,0) (0,4): the hypotenuse x + y = 4 passes through pixel corners, so pixels on it are ½
    const tri: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [0, 4], [0, 0]]] };
    const cov = pixelCoverage(grid, tri);
    const m = toMap(cov);
    expect(m.get('9,3')).toBeCloseTo(0.5, 12); // x 3…4, y 0…1
    expect(m.get('9,0')).toBe(1);
    expect(m.get('6,0')).toBeCloseTo(0.5, 12); // x 0…1, y 3…4
    expect(cov.fractionSum).toBeCloseTo(8, 12); // ½ · 4 · 4
  });

  it('agrees with per-pixel Sutherland–Hodgman clipping for a concave polygon with a hole, partly outside the grid, any orientation', () => {
    const shell = [[-3, -3], [13, 5], [6, 6.5], [2, 13], [3.3, 4.1], [-3, -3]];
    const hole = [[4, 4], [6, 4], [6, 5.7], [4.5, 5], [4, 4]];
    for (const [s, h] of [[shell, hole], [[...shell].reverse(), hole], [shell, [...hole].reverse()]]) {
      const p: Polygon = { type: 'Polygon', coordinates: [s, h] };
      const got = toMap(pixelCoverage(grid, p));
      const want = bruteForce(grid, { type: 'Polygon', coordinates: [shell, hole] });
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [k, v] of want) expect(got.get(k)).toBeCloseTo(v, 10);
    }
  });

  it('sums to the exact polygon area in pixel units on a rotated, non-square grid', () => {
    // geotransform [100, 2, 0.5, 200, 0.25, −3]: pixel area |2·(−3) − 0.5·0.25| = 6.125
    const g: Grid = { width: 40, height: 40, geotransform: [100, 2, 0.5, 200, 0.25, -3], crs: 'EPSG:4549' };
    const ring = [[110, 150], [160, 140], [150, 110], [120, 100], [110, 150]];
    // shoelace: ½|Σ xᵢyᵢ₊₁ − xᵢ₊₁yᵢ| = ½|(110·140 − 160·150) + (160·110 − 150·140) + (150·100 − 120·110) + (120·150 − 110·100)|
    //         = ½|−8600 − 3400 + 1800 + 7000| = 1600 m²
    const cov = pixelCoverage(g, { type: 'Polygon', coordinates: [ring] });
    expect(cov.fractionSum * 6.125).toBeCloseTo(1600, 9);
  });

  it('MultiPolygon parts add; a polygon outside the grid covers nothing', () => {
    const a = [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]];
    const b = [[5, 5], [7, 5], [7, 6], [5, 6], [5, 5]];
    const mp: MultiPolygon = { type: 'MultiPolygon', coordinates: [[a], [b]] };
    expect(pixelCoverage(grid, mp).fractionSum).toBeCloseTo(3, 12);
    const far: Polygon = { type: 'Polygon', coordinates: [[[20, 20], [21, 20], [21, 21], [20, 20]]] };
    expect(pixelCoverage(grid, far).spanCount).toBe(0);
  });

  it('a polygon larger than the grid covers every pixel fully', () => {
    const big: Polygon = { type: 'Polygon', coordinates: [[[-5, -5], [15, -5], [15, 15], [-5, 15], [-5, -5]]] };
    const cov = pixelCoverage(grid, big);
    expect(cov.fractionSum).toBe(100);
    expect(cov.spanCount).toBe(10); // one full span per row
    expect(cov.fractions.length).toBe(0);
  });
});

describe('pixelCoverage center', () => {
  it('takes pixels whose centre is inside, holes removed', () => {
    // shell x 0.6…5.4, y 0.6…5.4 → centres x = c + 0.5 inside for c = 1…4; rows whose centre y = 9.5 − r
    // lies in 0.6…5.4: r = 5…8 → 4 × 4 = 16; hole x 2…4, y 2…4 takes centres (2.5|3.5, 2.5|3.5) → 4
    const p: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[0.6, 0.6], [5.4, 0.6], [5.4, 5.4], [0.6, 5.4], [0.6, 0.6]],
        [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]],
      ],
    };
    const cov = pixelCoverage(grid, p, { mode: 'center' });
    expect(cov.pixelCount).toBe(12);
    const m = toMap(cov);
    expect(m.has('5,1')).toBe(true);
    expect(m.has('6,2')).toBe(false); // centre (2.5, 3.5) in the hole
    expect(m.has('4,1')).toBe(false); // centre y 5.5 outside
  });
});
