import { describe, expect, it } from 'vitest';
import { isNodata, sampleBilinear, sampleNearest, type RasterWindow } from '../../../layers/raster/sample.ts';

// a 2 × 2 window whose first pixel is pixel (10, 20) of the level grid
const win = (data: number[], nodata: number | null = -9999): RasterWindow =>
  ({ data: Float32Array.from(data), width: 2, height: 2, x0: 10, y0: 20, nodata, scale: 1 });

describe('isNodata', () => {
  it('is true for the nodata value and for NaN', () => {
    expect(isNodata(-9999, -9999)).toBe(true);
    expect(isNodata(NaN, null)).toBe(true);
    expect(isNodata(NaN, 0)).toBe(true);
    expect(isNodata(0, null)).toBe(false);
    expect(isNodata(5, -9999)).toBe(false);
  });
});

describe('sampleNearest', () => {
  it('returns the pixel containing (col, row), undefined outside the window', () => {
    const w = win([1, 2, 3, 4]);
    expect(sampleNearest(w, 10.2, 20.7)).toBe(1);
    expect(sampleNearest(w, 11.9, 21.1)).toBe(4);
    expect(sampleNearest(w, 11, 20)).toBe(2); // pixel corners belong to the pixel right/below
    expect(sampleNearest(w, 9.99, 20)).toBeUndefined();
    expect(sampleNearest(w, 12, 20)).toBeUndefined();
    expect(sampleNearest(w, 10, 22)).toBeUndefined();
  });
  it('returns undefined at nodata', () => {
    expect(sampleNearest(win([1, 2, 3, -9999]), 11.5, 21.5)).toBeUndefined();
  });
});

describe('sampleBilinear', () => {
  const w = win([1, 2, 3, 4]);
  it('is exact at pixel centres and interpolates between them', () => {
    expect(sampleBilinear(w, 10.5, 20.5)).toBe(1);
    expect(sampleBilinear(w, 10.75, 20.5)).toBe(1.25); // ¾·1 + ¼·2
    expect(sampleBilinear(w, 10.5, 21)).toBe(2); // ½·1 + ½·3
    expect(sampleBilinear(w, 11, 21)).toBe(2.5); // mean of the four
  });
  it('falls back to the nearest pixel at the window edge', () => {
    expect(sampleBilinear(w, 11.5, 20.5)).toBe(2); // no column right of the centre of pixel 11
    expect(sampleBilinear(w, 10.2, 20.2)).toBe(1); // above-left of the first centre
    expect(sampleBilinear(w, 12.5, 20.5)).toBeUndefined();
  });
  it('falls back to the nearest pixel when a neighbour is nodata', () => {
    const holey = win([1, 2, 3, -9999]);
    expect(sampleBilinear(holey, 10.9, 20.9)).toBe(1);
    expect(sampleBilinear(holey, 11, 21)).toBeUndefined(); // nearest pixel is the nodata one
    expect(sampleBilinear(win([1, 2, 3, NaN], null), 10.9, 21.2)).toBe(3);
  });
});
