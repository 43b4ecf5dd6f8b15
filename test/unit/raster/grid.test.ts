import { describe, expect, it } from 'vitest';
import {
  forEachCellCenter, gridBounds, northUpFrame, pixelAreaM2, pixelCenterToWorld, pixelToWorld, rowAreasM2, squareCellSize, squareGrid, worldToPixel,
  type Grid,
} from '../../../layers/raster/grid.ts';
import { cellAreaM2ForRow } from '../../../layers/geo/area.ts';

const gk: Grid = { width: 100, height: 50, geotransform: [500000, 30, 0, 3390000, 0, -30], crs: 'EPSG:4549' };

describe('Grid', () => {
  it('converts pixel ↔ world with the GDAL geotransform', () => {
    expect(pixelToWorld(gk, 0, 0)).toEqual([500000, 3390000]);
    expect(pixelToWorld(gk, 10, 2)).toEqual([500300, 3389940]); // 500000 + 10·30, 3390000 − 2·30
    expect(pixelCenterToWorld(gk, 0, 0)).toEqual([500015, 3389985]);
    expect(worldToPixel(gk, 500315, 3389925)).toEqual([10.5, 2.5]);
    expect(gridBounds(gk)).toEqual([500000, 3388500, 503000, 3390000]); // 100·30 wide, 50·30 high
  });

  it('inverts a rotated geotransform', () => {
    const g: Grid = { width: 10, height: 10, geotransform: [100, 2, 1, 200, 0.5, -3], crs: 'EPSG:4549' };
    const [x, y] = pixelToWorld(g, 3.25, 4.5);
    const [c, r] = worldToPixel(g, x, y);
    expect(c).toBeCloseTo(3.25, 12);
    expect(r).toBeCloseTo(4.5, 12);
    // |det| = |2·(−3) − 1·0.5| = 6.5 m²
    expect(pixelAreaM2(g, 0)).toBe(6.5);
  });

  it('projected pixel area is |px·py|', () => {
    expect(pixelAreaM2(gk, 0)).toBe(900);
    expect(Array.from(rowAreasM2(gk).slice(0, 3))).toEqual([900, 900, 900]);
  });

  it('geographic pixel area is the ellipsoidal cell area of its row', () => {
    // 1″ grid starting at 30.61°N: row 0 spans 30.61° … 30.61° − 1/3600°
    const g: Grid = { width: 10, height: 10, geotransform: [120, 1 / 3600, 0, 30.61, 0, -1 / 3600], crs: 'EPSG:4326' };
    const a0 = pixelAreaM2(g, 0);
    expect(a0).toBeCloseTo(cellAreaM2ForRow(30.61, 30.61 - 1 / 3600, 1 / 3600), 9);
    // ≈ M·N·cosφ·(π/648000)² = 6 351 965 · 6 383 678 · 0.86066 · 2.3504e-11 ≈ 820.3 m²
    expect(a0).toBeCloseTo(820.3, 1);
    const rows = rowAreasM2(g);
    expect(rows[9]).toBeGreaterThan(rows[0]); // further south → larger
  });

  it('builds north-up square-cell grids and reads origin and cell size back', () => {
    const g = squareGrid({ width: 3, height: 2, x0: 500000, y0: 3390000, cell: 30, crs: 'EPSG:4549' });
    expect(g.geotransform).toEqual([500000, 30, 0, 3390000, 0, -30]);
    expect(northUpFrame(g)).toEqual({ x0: 500000, y0: 3390000, dx: 30, dy: 30 });
    expect(squareCellSize(g)).toBe(30);
    const tall: Grid = { width: 1, height: 1, geotransform: [0, 10, 0, 0, 0, -20], crs: 'EPSG:4549' };
    expect(northUpFrame(tall)).toEqual({ x0: 0, y0: 0, dx: 10, dy: 20 });
    expect(() => squareCellSize(tall)).toThrow(RangeError);
    expect(() => northUpFrame({ ...tall, geotransform: [0, 10, 0, 0, 0, 20] })).toThrow(RangeError); // rows run north
    expect(() => northUpFrame({ ...tall, geotransform: [0, 10, 1, 0, 0, -20] })).toThrow(RangeError); // rotated
  });

  it('visits masked cell centres in row-major order', () => {
    const g = squareGrid({ width: 3, height: 2, x0: 0, y0: 60, cell: 30, crs: 'EPSG:4549' });
    const seen: number[][] = [];
    forEachCellCenter(g, [1, 0, 1, 0, 1, 0], (i, x, y) => seen.push([i, x, y]));
    expect(seen).toEqual([[0, 15, 45], [2, 75, 45], [4, 45, 15]]);
  });
});
