import { describe, expect, it } from 'vitest';
import { transformer } from '../../../layers/geo/project.ts';

describe('transformer', () => {
  it('maps the central meridian of EPSG:4549 to easting 500 000 and the equator-distance to northing', () => {
    const t = transformer('EPSG:4326', 'EPSG:4549');
    const [x, y] = t.point(120, 30);
    expect(x).toBeCloseTo(500000, 6);
    // meridian arc length from the equator to 30° on GRS 80 = 3 320 113.398 m
    // (Σ series: a(1−e²)[A0·φ − A2·sin2φ + A4·sin4φ …], published value 3 320 113.40 m)
    expect(y).toBeCloseTo(3320113.398, 2);
  });

  it('round-trips and is cached per pair', () => {
    const f = transformer('4326', '4549');
    const g = transformer('EPSG:4549', 'EPSG:4326');
    expect(transformer('EPSG:4326', 'EPSG:4549')).toBe(f);
    const [x, y] = f.point(120.6, 30.6);
    const [lon, lat] = g.point(x, y);
    expect(lon).toBeCloseTo(120.6, 9);
    expect(lat).toBeCloseTo(30.6, 9);
  });

  it('treats 4326 ↔ 4490 as the identity', () => {
    const t = transformer('EPSG:4490', 'EPSG:4326');
    expect(t.identity).toBe(true);
    expect(t.point(120.1, 30.2)).toEqual([120.1, 30.2]);
  });

  it('transforms interleaved arrays in place', () => {
    const t = transformer('EPSG:4326', 'EPSG:4549');
    const xy = new Float64Array([120, 30, 120.6, 30.6]);
    t.inPlace(xy);
    expect(xy[0]).toBeCloseTo(500000, 6);
    expect([xy[2], xy[3]]).toEqual(t.point(120.6, 30.6));
  });

  it('densifies bounds: the GK image of a lon/lat box bulges north away from the central meridian', () => {
    const t = transformer('EPSG:4326', 'EPSG:4549');
    const [minX, minY, maxX, maxY] = t.bounds([119, 30, 121, 31]);
    // the top edge at 31°N reaches its largest northing at 119° and 121° (parallels curve poleward away
    // from the CM), the bottom edge its smallest at the CM: minY = northing(120, 30) exactly
    expect(minY).toBeCloseTo(t.point(120, 30)[1], 3);
    expect(maxY).toBeCloseTo(t.point(121, 31)[1], 3);
    // the west/east extremes are on the southern edge (meridians converge northwards)
    expect(minX).toBeCloseTo(t.point(119, 30)[0], 3);
    expect(maxX).toBeCloseTo(t.point(121, 30)[0], 3);
    // corners alone would miss the bottom-middle minimum
    expect(minY).toBeLessThan(t.point(119, 30)[1]);
  });

  it('throws for an unsupported CRS', () => {
    expect(() => transformer('EPSG:2000', 'EPSG:4326')).toThrow(RangeError);
  });
});
