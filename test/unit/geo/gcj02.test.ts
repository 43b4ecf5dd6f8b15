import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from '../../../layers/geo/gcj02.ts';

/** Great-circle distance in metres (spherical, R = 6371 km) — accurate enough for offsets. */
function distanceM(a: [number, number], b: [number, number]): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

describe('GCJ-02', () => {
  it('matches the reference eviltransform value (Beijing test vector)', () => {
    // eviltransform's test suite: WGS (39.90733345, 116.391244079) → GCJ (39.908734, 116.397482)
    // (to ~1e-5°, i.e. the values published there are rounded).
    const [lon, lat] = wgs84ToGcj02(116.391244079, 39.90733345);
    expect(lon).toBeCloseTo(116.397482, 4);
    expect(lat).toBeCloseTo(39.908734, 4);
  });

  it('offsets Hangzhou by 400–600 m, mostly to the east/south-east', () => {
    const wgs: [number, number] = [120.1551, 30.2741];
    const gcj = wgs84ToGcj02(...wgs);
    const d = distanceM(wgs, gcj);
    expect(d).toBeGreaterThan(400);
    expect(d).toBeLessThan(600);
    expect(gcj[0]).toBeGreaterThan(wgs[0]);
  });

  it('inverse round-trips to < 1e-6° over Zhejiang', () => {
    for (let lon = 118; lon <= 123; lon += 0.37) {
      for (let lat = 27; lat <= 31.5; lat += 0.41) {
        const [gl, ga] = wgs84ToGcj02(lon, lat);
        const [bl, ba] = gcj02ToWgs84(gl, ga);
        expect(Math.abs(bl - lon)).toBeLessThan(1e-6);
        expect(Math.abs(ba - lat)).toBeLessThan(1e-6);
      }
    }
  });

  it('leaves points outside China untouched', () => {
    expect(outOfChina(2.35, 48.85)).toBe(true);
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual([2.35, 48.85]);
    expect(gcj02ToWgs84(-74.0, 40.7)).toEqual([-74.0, 40.7]);
    expect(outOfChina(120.15, 30.27)).toBe(false);
  });
});
