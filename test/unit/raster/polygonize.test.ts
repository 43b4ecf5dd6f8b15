import { describe, expect, it } from 'vitest';
import { polygonizeMask } from '../../../layers/raster/polygonize.ts';
import { rasterizePolygons } from '../../../layers/raster/rasterize.ts';
import { squareGrid } from '../../../layers/raster/grid.ts';
import { ringSignedArea, type XY } from '../../../layers/geo/planar.ts';

// 4 × 4 cells of 10 m from (0, 40); cell (r, c) spans x 10c…10c + 10, y 40 − 10r − 10…40 − 10r
const g = squareGrid({ width: 4, height: 4, x0: 0, y0: 40, cell: 10, crs: 'EPSG:4549' });
const mask = (rows: string[]) => Uint8Array.from(rows.join('').split('').map((ch) => (ch === '#' ? 1 : 0)));
/** A ring's vertices as a set of "x,y" strings (starting vertex and direction do not matter). */
const vertices = (ring: XY[]) => new Set(ring.map(([x, y]) => `${x},${y}`));

describe('polygonizeMask', () => {
  it('traces one cell as a counter-clockwise closed square in map metres', () => {
    const polys = polygonizeMask(g, mask(['....', '.#..', '....', '....']));
    expect(polys).toHaveLength(1);
    const [ring] = polys[0];
    expect(polys[0]).toHaveLength(1);
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    expect(vertices(ring)).toEqual(new Set(['10,30', '20,30', '20,20', '10,20']));
    expect(ringSignedArea(ring)).toBe(100);
  });

  it('drops collinear vertices: a 3 × 2 block is a rectangle of 4 corners', () => {
    const [[ring]] = polygonizeMask(g, mask(['###.', '###.', '....', '....']));
    expect(vertices(ring)).toEqual(new Set(['0,40', '30,40', '30,20', '0,20']));
    expect(ringSignedArea(ring)).toBe(600);
  });

  it('gives a hole as a clockwise ring of its shell', () => {
    const polys = polygonizeMask(g, mask(['###.', '#.#.', '###.', '....']));
    expect(polys).toHaveLength(1);
    const [shell, hole] = polys[0];
    expect(ringSignedArea(shell)).toBe(900);
    expect(ringSignedArea(hole)).toBe(-100);
    expect(vertices(hole)).toEqual(new Set(['10,30', '20,30', '20,20', '10,20']));
  });

  it('removes corner-only contacts by filling one cell, so rings stay simple', () => {
    // cells (0,0) and (1,1) touch at a corner: (0,1) is filled, giving one L of three cells
    const polys = polygonizeMask(g, mask(['#...', '.#..', '....', '....']));
    expect(polys).toHaveLength(1);
    expect(ringSignedArea(polys[0][0])).toBe(300);
    expect(vertices(polys[0][0])).toEqual(new Set(['0,40', '20,40', '20,20', '10,20', '10,30', '0,30']));
  });

  it('keeps separate components apart and drops those under minCells', () => {
    const m = mask(['#..#', '...#', '...#', '....']);
    expect(polygonizeMask(g, m).map((p) => ringSignedArea(p[0])).sort((a, b) => a - b)).toEqual([100, 300]);
    expect(polygonizeMask(g, m, 2).map((p) => ringSignedArea(p[0]))).toEqual([300]);
    expect(polygonizeMask(g, new Uint8Array(16))).toEqual([]);
  });

  it('rasterises back to the mask plus the cells that closed corner contacts (random masks)', () => {
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const W = 30, H = 20;
    const big = squareGrid({ width: W, height: H, x0: 500000, y0: 3400000, cell: 30, crs: 'EPSG:4549' });
    const roundTrip = (m: Uint8Array) => {
      const polys = polygonizeMask(big, m);
      const back = new Uint8Array(W * H);
      rasterizePolygons(big, polys, back, 1);
      let area = 0;
      for (const p of polys) for (const r of p) area += ringSignedArea(r);
      return { back, area };
    };
    for (let trial = 0; trial < 20; trial++) {
      const m = new Uint8Array(W * H).map(() => (rand() < 0.45 ? 1 : 0));
      const { back, area } = roundTrip(m);
      const cells = back.reduce((s, v) => s + v, 0);
      expect(area).toBeCloseTo(cells * 900, 3);
      expect(m.every((v, i) => !v || back[i] === 1)).toBe(true); // cells are only ever added
      // no 2 × 2 window holds a diagonal pair alone: the traced rings never touch at a corner
      let cornerContacts = 0;
      for (let r = 0; r + 1 < H; r++) for (let c = 0; c + 1 < W; c++) {
        const a = back[r * W + c], b = back[r * W + c + 1], d = back[(r + 1) * W + c], e = back[(r + 1) * W + c + 1];
        if ((a && e && !b && !d) || (b && d && !a && !e)) cornerContacts++;
      }
      expect(cornerContacts).toBe(0);
      // and a mask without corner contacts comes back exactly
      expect([...roundTrip(back).back]).toEqual([...back]);
    }
  });
});
