import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { pixelCoverage } from '../../../layers/raster/coverage.ts';
import type { Grid } from '../../../layers/raster/grid.ts';
import { polygonCategoricalAreas, polygonContinuousStats, zonalCategoricalAreas, zonalContinuousStats } from '../../../layers/raster/zonal.ts';
import { geodesicAreaM2 } from '../../../layers/geo/area.ts';
import { transformer } from '../../../layers/geo/project.ts';
import { ringSignedArea } from '../../../layers/geo/planar.ts';

// 4 × 4 grid of 10 m pixels (100 m² each), top-left (0, 40)
const g: Grid = { width: 4, height: 4, geotransform: [0, 10, 0, 40, 0, -10], crs: 'EPSG:4549' };
// polygon x 5…25, y 15…40: rows 0–1 full height, row 2 half (y 15…20); cols 0 half, 1 full, 2 half
const p: Polygon = { type: 'Polygon', coordinates: [[[5, 15], [25, 15], [25, 40], [5, 40], [5, 15]]] };
// fractions:  row 0: 0.5 1 0.5 0 | row 1: 0.5 1 0.5 0 | row 2: 0.25 0.5 0.25 0 | row 3: 0
const classes = [
  1, 2, 2, 9,
  1, 1, 2, 9,
  3, 3, 255, 9,
  3, 3, 3, 3,
];

describe('zonalCategoricalAreas', () => {
  it('per-class area = Σ fraction × 100 m², nodata footprint apart', () => {
    const cov = pixelCoverage(g, p);
    const z = zonalCategoricalAreas(g, cov, classes, { nodata: 255 });
    // class 1: (0,0) 0.5 + (1,0) 0.5 + (1,1) 1 = 2 px → 200 m²
    // class 2: (0,1) 1 + (0,2) 0.5 + (1,2) 0.5 = 2 px → 200 m²
    // class 3: (2,0) 0.25 + (2,1) 0.5 = 0.75 px → 75 m²;  nodata 255: (2,2) 0.25 px → 25 m²
    expect(Object.fromEntries(z.areaByClassM2)).toEqual({ 1: 200, 2: 200, 3: 75 });
    expect(z.countedAreaM2).toBe(475);
    expect(z.nodataAreaM2).toBe(25);
    expect(z.coveredAreaM2).toBe(500); // 20 m × 25 m
    expect(z.countedPixels).toBe(4.75);
  });
});

describe('polygonCategoricalAreas / polygonContinuousStats (coverage and sums in one call, for a worker)', () => {
  it('equal coverage followed by the zonal function', () => {
    expect(polygonCategoricalAreas(g, p, classes, { nodata: 255 })).toEqual(zonalCategoricalAreas(g, pixelCoverage(g, p), classes, { nodata: 255 }));
    const dens = Float32Array.from({ length: 16 }, (_, i) => i * 1.5);
    expect(polygonContinuousStats(g, p, dens)).toEqual(zonalContinuousStats(g, pixelCoverage(g, p), dens));
    expect(Object.fromEntries(polygonCategoricalAreas(g, p, classes, { nodata: 255 }).areaByClassM2)).toEqual({ 1: 200, 2: 200, 3: 75 });
  });
});

describe('zonalContinuousStats', () => {
  it('fraction-weighted sum, area-weighted sum and mean, min and max over covered valid pixels', () => {
    const dens = Float32Array.from([
      10, 20, 30, 99,
      10, 20, NaN, 99,
      40, 50, 60, 99,
      -5, -5, -5, -5,
    ]);
    const cov = pixelCoverage(g, p);
    const s = zonalContinuousStats(g, cov, dens);
    // Σ f·v = 0.5·10 + 1·20 + 0.5·30 + 0.5·10 + 1·20 + 0.25·40 + 0.5·50 + 0.25·60
    //       = 5 + 20 + 15 + 5 + 20 + 10 + 25 + 15 = 115   (NaN pixel (1,2), f 0.5, is nodata)
    expect(s.sum).toBeCloseTo(115, 12);
    expect(s.areaWeightedSumM2).toBeCloseTo(11500, 9); // × 100 m²
    // counted px = 5 − 0.5 = 4.5 → 450 m²; mean = 11 500 / 450 = 25.5556
    expect(s.countedAreaM2).toBeCloseTo(450, 12);
    expect(s.nodataAreaM2).toBeCloseTo(50, 12);
    expect(s.mean).toBeCloseTo(11500 / 450, 12);
    expect(s.min).toBe(10);
    expect(s.max).toBe(60); // 99 and −5 are not covered
  });

  it('reports NaN statistics when every covered pixel is nodata', () => {
    const cov = pixelCoverage(g, p);
    const s = zonalContinuousStats(g, cov, new Float32Array(16).fill(-9999), { nodata: -9999 });
    expect(s.mean).toBeNaN();
    expect(s.countedAreaM2).toBe(0);
    expect(s.nodataAreaM2).toBe(500);
  });

  it('rejects values that do not match the grid', () => {
    expect(() => zonalContinuousStats(g, pixelCoverage(g, p), new Float32Array(15))).toThrow(RangeError);
  });
});

// An irregular parcel of ≈ 5.6 km² near 30.6°N (Anji/Deqing, Zhejiang), lon/lat
const parcelLonLat: Polygon = {
  type: 'Polygon',
  coordinates: [[
    [119.95, 30.58], [119.985, 30.575], [120.0, 30.6], [119.99, 30.612], [119.97, 30.605], [119.955, 30.615],
    [119.95, 30.58],
  ], [
    [119.965, 30.59], [119.975, 30.59], [119.97, 30.597], [119.965, 30.59],
  ]],
};

describe('Σ fraction × pixel area = polygon area (reference/carbon.md §1)', () => {
  it('projected 30 m grid in EPSG:4549: equals the planar area exactly and the ellipsoidal area within 0.1 %', () => {
    const t = transformer('EPSG:4326', 'EPSG:4549');
    const projected: Polygon = { type: 'Polygon', coordinates: parcelLonLat.coordinates.map((r) => r.map(([x, y]) => t.point(x, y))) };
    // the parcel spans x ≈ 495 200…500 000, y ≈ 3 383 900…3 388 300: a 300 × 300 grid from (494 000, 3 390 000) holds it
    const grid: Grid = { width: 300, height: 300, geotransform: [494000, 30, 0, 3390000, 0, -30], crs: 'EPSG:4549' };
    const cov = pixelCoverage(grid, projected);
    const z = zonalCategoricalAreas(grid, cov, new Uint8Array(300 * 300).fill(1));
    let planar = 0;
    for (const [k, ring] of projected.coordinates.entries()) {
      planar += (k === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring));
    }
    expect(z.coveredAreaM2 / planar - 1).toBeCloseTo(0, 9);
    const ellipsoidal = geodesicAreaM2(parcelLonLat);
    // 0.05° west of the CM the GK scale error is ½(Δλ cosφ)² ≈ 3e-7 in area: far inside 0.1 %
    expect(Math.abs(z.coveredAreaM2 / ellipsoidal - 1)).toBeLessThan(1e-3);
    expect(Math.abs(z.coveredAreaM2 / ellipsoidal - 1)).toBeLessThan(1e-5);
  });

  it('geographic 1″ grid in EPSG:4326: per-row ellipsoidal cell areas give the geodesic area within 0.1 %', () => {
    // 250″ × 250″ from (119.94, 30.62) reaches 120.0094°E, 30.5506°N
    const grid: Grid = { width: 250, height: 250, geotransform: [119.94, 1 / 3600, 0, 30.62, 0, -1 / 3600], crs: 'EPSG:4326' };
    const cov = pixelCoverage(grid, parcelLonLat);
    const z = zonalContinuousStats(grid, cov, new Float32Array(250 * 250).fill(2));
    const ellipsoidal = geodesicAreaM2(parcelLonLat);
    expect(Math.abs(z.countedAreaM2 / ellipsoidal - 1)).toBeLessThan(1e-3);
    // measured 1.7e-5: the coverage follows edges straight in lon/lat, the geodesic area geodesic edges
    expect(Math.abs(z.countedAreaM2 / ellipsoidal - 1)).toBeLessThan(5e-5);
    // the mean of a constant is the constant; the area-weighted sum is 2 × the area
    expect(z.mean).toBeCloseTo(2, 12);
    expect(z.areaWeightedSumM2 / z.countedAreaM2).toBeCloseTo(2, 12);
  });
});
