import { describe, expect, it } from 'vitest';
import { rasterizeLines, rasterizePoints } from '../../../layers/raster/lines.ts';
import { squareGrid } from '../../../layers/raster/grid.ts';

const g = squareGrid({ width: 4, height: 3, x0: 0, y0: 30, cell: 10, crs: 'EPSG:4549' });
const show = (a: Uint8Array) => Array.from({ length: 3 }, (_, r) => [...a.subarray(r * 4, r * 4 + 4)].join('')).join('/');

describe('rasterizeLines / rasterizePoints', () => {
  it('a horizontal line sets the cells of its row from end to end', () => {
    const a = new Uint8Array(12);
    rasterizeLines(g, [[[1, 15], [39, 15]]], a, 1);
    expect(show(a)).toBe('0000/1111/0000');
  });
  it('a diagonal sets every cell it passes through (supercover), not only corners', () => {
    const a = new Uint8Array(12);
    rasterizeLines(g, [[[1, 29], [39, 2]]], a, 1);
    // from (0.1, 0.1) to (3.9, 2.8) in pixels
    expect(show(a)).toBe('1100/0110/0011');
  });
  it('points burn their cell; outside points are skipped', () => {
    const a = new Uint8Array(12);
    rasterizePoints(g, [[25, 5], [-5, 5], [15, 31]], a, 7);
    expect(show(a)).toBe('0000/0000/0070');
  });
});
