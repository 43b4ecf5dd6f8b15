import { describe, expect, it } from 'vitest';
import { rasterizePolygons } from '../../../layers/raster/rasterize.ts';
import type { Grid } from '../../../layers/raster/grid.ts';
import { squareGrid } from '../../../layers/raster/grid.ts';

// 4 × 4 cells of 10 m from (0, 40): cell centres at x = 5, 15, 25, 35 and y = 35, 25, 15, 5
const g = squareGrid({ width: 4, height: 4, x0: 0, y0: 40, cell: 10, crs: 'EPSG:4549' });
const box = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const burn = (grid: Grid, polys: number[][][][]) => {
  const out = new Uint8Array(grid.width * grid.height);
  rasterizePolygons(grid, polys, out, 1);
  return [...out];
};

describe('rasterizePolygons (cell centre inside)', () => {
  it('burns the cells whose centres a square covers', () => {
    // x 10…30 holds centres 15, 25 (cols 1, 2); y 10…30 holds 25, 15 (rows 1, 2)
    expect(burn(g, [[box(10, 10, 30, 30)]])).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('follows a slanted edge: x + y < 41', () => {
    expect(burn(g, [[[[0, 0], [41, 0], [0, 41], [0, 0]]]])).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1]);
  });

  it('leaves holes out and cancels overlaps (even–odd over all rings)', () => {
    expect(burn(g, [[box(0, 0, 40, 40), box(10, 10, 30, 30)]])).toEqual([1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
    expect(burn(g, [[box(0, 20, 30, 40)], [box(10, 20, 40, 40)]])).toEqual([1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('writes the value given, leaves other cells alone and clips to the grid', () => {
    const out = new Int32Array(16).fill(-1);
    rasterizePolygons(g, [[box(-100, -100, 20, 20)]], out, 7);
    expect([...out]).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, 7, 7, -1, -1, 7, 7, -1, -1]);
    rasterizePolygons(g, [[box(100, 100, 200, 200)]], out, 9); // entirely outside
    expect(out.includes(9)).toBe(false);
  });

  it('works on north-up grids with non-square cells', () => {
    // 4 × 2 cells of 10 × 20 m: centres x = 5…35, y = 30, 10
    const tall: Grid = { width: 4, height: 2, geotransform: [0, 10, 0, 40, 0, -20], crs: 'EPSG:4549' };
    expect(burn(tall, [[box(0, 0, 20, 20)]])).toEqual([0, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('refuses rotated grids', () => {
    const rotated: Grid = { width: 4, height: 4, geotransform: [0, 10, 1, 40, 0, -10], crs: 'EPSG:4549' };
    expect(() => burn(rotated, [[box(0, 0, 10, 10)]])).toThrow(RangeError);
  });
});
