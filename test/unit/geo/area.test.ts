import { describe, expect, it } from 'vitest';
import { CGCS2000, cellAreaM2ForRow, geodesicAreaM2 } from '../../../layers/geo/area.ts';

// Reference values marked "PostGIS" were computed with PostGIS 3.6 (PGlite build) as
// ST_Area('<wkt>'::geography), which uses the same GeographicLib algorithm (Karney 2013).

describe('cellAreaM2ForRow (lon/lat grid cell bounded by parallels)', () => {
  it('1° × 1° at the equator = 12 308.464 km² on WGS 84 (closed form, worked by hand)', () => {
    // a = 6 378 137, e² = f(2 − f) = 0.00669437999014, b² = a²(1 − e²) = 4.04082999847e13 m²
    // s = sin 1° = 0.0174524064373
    // s/(1 − e²s²) = 0.0174524420231 ; atanh(e·s)/e = 0.0174524182992
    // S(1°) = b²/2 · (0.0174524420231 + 0.0174524182992) = 7.05223033414e11 m² per radian; S(0) = 0
    // cell = S · π/180 = 1.2308463894e10 m² = 12 308.464 km²
    // Cross-check by the midpoint rule M·N·cosφ·Δφ·Δλ at φ = 0.5°: M = 6 335 444.17, N = 6 378 138.63,
    // cos = 0.99996192 → 12 308.616 km², high by ≈ Δφ²/24 = 1.27e-5 (0.156 km²) as the rule predicts.
    // NB the often-quoted 12 308.8 km² is the *geodesic* quadrangle (top edge a geodesic, not the
    // parallel): see the geodesicAreaM2 test below (PostGIS gives 12 308.778 km² for it).
    expect(cellAreaM2ForRow(0, 1, 1)).toBeCloseTo(12_308_463_893.98, 1);
    expect(Math.abs(cellAreaM2ForRow(0, 1, 1) / 12_308_615_937 - 1 + 1.27e-5)).toBeLessThan(1e-6);
  });

  it('the whole ellipsoid is 510 065 621.724 km² (WGS 84; = 8 × the GeographicLib octant)', () => {
    // 8 × 63 758 202 715 511.05 (octant from GeographicLib, PostGIS: 63 758 202 715 511.07) = 5.10065621724088e14
    expect(cellAreaM2ForRow(-90, 90, 360)).toBeCloseTo(510_065_621_724_088, -2);
  });

  it('is symmetric in the order of the parallels, in the hemispheres and in the sign of the width', () => {
    const a = cellAreaM2ForRow(30.6, 30.61, 0.01);
    expect(cellAreaM2ForRow(30.61, 30.6, -0.01)).toBe(a);
    expect(cellAreaM2ForRow(-30.6, -30.61, 0.01)).toBeCloseTo(a, 6);
  });

  it('a 0.01° cell at 30.6°N: 1 063 125.108 m² (≈ M·N·cosφ·Δφ·Δλ)', () => {
    // φ = 30.605°: M = 6 351 964.865 m, N = 6 383 677.822 m, cosφ = 0.860697601, (0.01·π/180)² = 3.0461742e-8
    // M·N·cosφ·Δφ·Δλ = 1 063 125.109 m² (midpoint rule error ~ Δφ²/24 ≈ 1.3e-9, i.e. 0.001 m²)
    expect(cellAreaM2ForRow(30.6, 30.61, 0.01)).toBeCloseTo(1_063_125.108, 2);
  });

  it('CGCS2000 differs from WGS 84 by < 1e-8 relative', () => {
    const w = cellAreaM2ForRow(30, 31, 1);
    expect(Math.abs(cellAreaM2ForRow(30, 31, 1, CGCS2000) / w - 1)).toBeLessThan(1e-8);
  });
});

describe('geodesicAreaM2', () => {
  it('octant (equator and two meridians, all geodesics) = 1/8 of the ellipsoid', () => {
    const octant = geodesicAreaM2({ type: 'Polygon', coordinates: [[[0, 0], [90, 0], [0, 90], [0, 0]]] });
    expect(octant).toBeCloseTo(510_065_621_724_088 / 8, -1); // PostGIS: 63 758 202 715 511.07
  });

  it('1° × 1° geodesic quadrangle at the equator = 12 308.778 km² (PostGIS), 0.314 km² more than the cell', () => {
    // The top edge is a geodesic and bulges poleward of the parallel by δ ≈ (Δλ²/8)·sinφ·cosφ·a
    // = (0.0174533²/8)·0.0174524·0.9998·6 378 137 m ≈ 4.24 m at mid-edge; the lens ≈ (2/3)·111 302 m·4.24 m
    // ≈ 0.315 km², which is the difference 12 308.778 − 12 308.464.
    const a = geodesicAreaM2({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] });
    expect(a).toBeCloseTo(12_308_778_361.47, 0);
    expect((a - cellAreaM2ForRow(0, 1, 1)) / 1e6).toBeCloseTo(0.3145, 3);
  });

  it('a 0.01° parcel near 30.6°N = 1 063 125.1086 m² (PostGIS 1 063 125.108575), ≈ the parallel-bounded cell', () => {
    const ring = [[120, 30.6], [120.01, 30.6], [120.01, 30.61], [120, 30.61], [120, 30.6]];
    const a = geodesicAreaM2({ type: 'Polygon', coordinates: [ring] });
    expect(a).toBeCloseTo(1_063_125.108575, 4);
    // the same parcel clockwise gives the same area
    expect(geodesicAreaM2({ type: 'Polygon', coordinates: [[...ring].reverse()] })).toBeCloseTo(a, 6);
    // the geodesic edges bulge by millimetres over 0.01°: the two areas differ by 0.0006 m²
    expect(Math.abs(a - cellAreaM2ForRow(30.6, 30.61, 0.01))).toBeLessThan(1);
  });

  it('subtracts holes whatever their orientation (PostGIS 83 803 272.335 m²)', () => {
    const shell = [[119.5, 29.5], [119.6, 29.5], [119.62, 29.58], [119.55, 29.6], [119.5, 29.5]];
    const hole = [[119.54, 29.52], [119.56, 29.52], [119.56, 29.54], [119.54, 29.52]];
    const withHole = geodesicAreaM2({ type: 'Polygon', coordinates: [shell, hole] });
    expect(withHole).toBeCloseTo(83_803_272.335, 2);
    const reversedHole = geodesicAreaM2({ type: 'Polygon', coordinates: [shell, [...hole].reverse()] });
    expect(reversedHole).toBeCloseTo(withHole, 6);
    const shellOnly = geodesicAreaM2({ type: 'Polygon', coordinates: [shell] });
    const holeOnly = geodesicAreaM2({ type: 'Polygon', coordinates: [hole] });
    expect(shellOnly - holeOnly).toBeCloseTo(withHole, 6);
  });

  it('sums MultiPolygon parts; unclosed rings and empty polygons are tolerated', () => {
    const p1 = [[120, 30.6], [120.01, 30.6], [120.01, 30.61], [120, 30.61]]; // not closed
    const p2 = [[121, 30.6], [121.01, 30.6], [121.01, 30.61], [121, 30.61], [121, 30.6]];
    const m = geodesicAreaM2({ type: 'MultiPolygon', coordinates: [[p1], [p2], []] });
    // both parcels have the same shape and latitude → 2 × 1 063 125.1086
    expect(m).toBeCloseTo(2 * 1_063_125.108575, 3);
  });
});
