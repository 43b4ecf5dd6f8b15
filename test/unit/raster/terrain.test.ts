import { describe, expect, it } from 'vitest';
import { aspectDegrees, hillshade, slopeDegrees } from '../../../layers/raster/terrain.ts';

const o = { width: 3, height: 3, cellSizeX: 10, cellSizeY: 10 };
// windows are row-major, north at the top
const risingEast = [0, 10, 20, 0, 10, 20, 0, 10, 20];
const risingNorth = [20, 20, 20, 10, 10, 10, 0, 0, 0];
const risingNorthEast = [10, 20, 30, 0, 10, 20, -10, 0, 10];
const flat = [5, 5, 5, 5, 5, 5, 5, 5, 5];

describe('slopeDegrees (Horn)', () => {
  it('a plane rising 10 m per 10 m cell eastwards is 45°', () => {
    // ∂z/∂x = ((c + 2f + i) − (a + 2d + g)) / (8·Δx) = ((20 + 40 + 20) − 0) / 80 = 1 → atan 1 = 45°
    expect(slopeDegrees(risingEast, o)[4]).toBeCloseTo(45, 5);
  });
  it('rising both east and north: atan √2 = 54.7356°', () => {
    // ∂z/∂x = ((30 + 40 + 10) − (10 + 0 − 10)) / 80 = 1; ∂z/∂y = ((10 + 40 + 30) − (−10 + 0 + 10)) / 80 = 1
    expect(slopeDegrees(risingNorthEast, o)[4]).toBeCloseTo(54.7356103, 5);
  });
  it('uses the cell size, the z factor and the scale', () => {
    // 20 m cells halve the gradient: atan 0.5 = 26.5651°; z = 2 doubles it back to 45°
    expect(slopeDegrees(risingEast, { ...o, cellSizeX: 20, cellSizeY: 20 })[4]).toBeCloseTo(26.5650512, 5);
    expect(slopeDegrees(risingEast, { ...o, cellSizeX: 20, cellSizeY: 20, zFactor: 2 })[4]).toBeCloseTo(45, 5);
    // degree grid (cell 10/111120°) with scale 111120 behaves like 10 m cells
    expect(slopeDegrees(risingEast, { ...o, cellSizeX: 10 / 111120, cellSizeY: 10 / 111120, scale: 111120 })[4]).toBeCloseTo(45, 4);
  });
  it('edges are nodata unless computeEdges, which extrapolates a plane exactly', () => {
    const s = slopeDegrees(risingEast, o);
    expect(Number.isNaN(s[0])).toBe(true);
    expect(Array.from(slopeDegrees(risingEast, { ...o, computeEdges: true })).map((v) => +v.toFixed(4))).toEqual(Array(9).fill(45));
  });
  it('a nodata neighbour makes the pixel nodata (or takes the centre value with computeEdges)', () => {
    const dem = [...risingEast];
    dem[0] = -9999;
    expect(Number.isNaN(slopeDegrees(dem, { ...o, nodata: -9999 })[4])).toBe(true);
    // with a = e = 10: ∂z/∂x = ((20 + 40 + 20) − (10 + 0 + 0)) / 80 = 0.875, ∂z/∂y = (10 + 20 + 20 − 0 − 20 − 20)/80 = 0.125
    // slope = atan √(0.875² + 0.125²) = atan 0.883883 = 41.4729°
    expect(slopeDegrees(dem, { ...o, nodata: -9999, computeEdges: true })[4]).toBeCloseTo(41.4729, 3);
  });
});

describe('aspectDegrees (azimuth of the downslope direction)', () => {
  it('faces west when rising east, south when rising north, south-west when rising north-east', () => {
    expect(aspectDegrees(risingEast, o)[4]).toBe(270);
    expect(aspectDegrees(risingNorth, o)[4]).toBe(180);
    expect(aspectDegrees(risingNorthEast, o)[4]).toBe(225);
    expect(aspectDegrees(risingEast.map((v) => -v), o)[4]).toBe(90);
    expect(aspectDegrees(risingNorth.map((v) => -v), o)[4]).toBe(0);
  });
  it('flat is nodata, or 0 with zeroForFlat', () => {
    expect(Number.isNaN(aspectDegrees(flat, o)[4])).toBe(true);
    expect(aspectDegrees(flat, { ...o, zeroForFlat: true })[4]).toBe(0);
  });
});

describe('hillshade (GDAL, azimuth 315°, altitude 45°)', () => {
  it('flat ground: 1 + 254·sin 45° = 180.6 → 181', () => {
    expect(hillshade(flat, o)[4]).toBe(181);
  });
  it('slope 45° facing west, lit from the north-west: cos i = cos45·cos45 + sin45·sin45·cos45 = 0.853553 → 1 + 216.8 = 218', () => {
    expect(hillshade(risingEast, o)[4]).toBe(218);
  });
  it('slope 45° facing south: cos i = 0.5 + 0.5·cos 135° = 0.146447 → 1 + 37.2 = 38', () => {
    expect(hillshade(risingNorth, o)[4]).toBe(38);
  });
  it('slope 54.74° facing south-west (90° from the light): cos i = sin45·cos 54.74° = 0.408248 → 1 + 103.7 = 105', () => {
    expect(hillshade(risingNorthEast, o)[4]).toBe(105);
  });
  it('in full shadow it is 1; edges are 0 (nodata)', () => {
    // a 45° slope facing south-east, lit from the north-west at 30°: cos i = sin30·cos45 − cos30·sin45 < 0 → 1
    const risingNorthWest = [30, 20, 10, 20, 10, 0, 10, 0, -10];
    const h = hillshade(risingNorthWest, { ...o, altitudeDeg: 30 });
    expect(h[4]).toBe(1);
    expect(h[0]).toBe(0);
  });
});
