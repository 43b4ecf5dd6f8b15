import { describe, expect, it } from 'vitest';
import { guessProjectedCrs, reprojectFeatures, resolveCrs } from '../../../data-pipeline/import/reproject.ts';
import { readGeoTiffInfo } from '../../../data-pipeline/import/raster.ts';
import { ParseError } from '../../../data-pipeline/import/errors.ts';
import { readCsv } from '../../../data-pipeline/import/csv.ts';
import { readZippedShapefile } from '../../../data-pipeline/import/shapefile.ts';
import { GK_RASTER, STANDS, STATIONS, UTM_RASTER } from '../../fixtures/import/expected.ts';
import { distanceM, fixture } from './helpers.ts';

describe('CRS names', () => {
  it('accepts EPSG codes, URNs and gcj02', () => {
    expect(resolveCrs('EPSG:4549')).toEqual({ kind: 'epsg', code: 'EPSG:4549', geographic: false });
    expect(resolveCrs('4490')).toEqual({ kind: 'epsg', code: 'EPSG:4490', geographic: true });
    expect(resolveCrs('urn:ogc:def:crs:EPSG::32650')?.code).toBe('EPSG:32650');
    expect(resolveCrs('urn:ogc:def:crs:OGC:1.3:CRS84')?.code).toBe('EPSG:4326');
    expect(resolveCrs('GCJ-02')?.kind).toBe('gcj02');
    expect(resolveCrs('EPSG:2385')).toBeUndefined();
    expect(resolveCrs('EPSG:9999')).toBeUndefined();
  });
  it('guesses Gauss–Krüger zones from prefixed eastings', () => {
    expect(guessProjectedCrs(40467300, 3388800)).toMatch(/EPSG:4528/);
    expect(guessProjectedCrs(467300, 3388800)).toMatch(/EPSG:4549/);
  });
});

describe('reprojection to EPSG:4326', () => {
  it('brings the GK shapefile stands back to their lon/lat centres', async () => {
    const data = await readZippedShapefile(fixture('stands-gbk.zip'));
    const { features, bad } = reprojectFeatures(data.features, resolveCrs(data.crs!)!);
    expect(bad).toBeUndefined();
    features.forEach((f, i) => {
      const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0];
      const cx = ring.slice(0, 4).reduce((s, p) => s + p[0], 0) / 4;
      const cy = ring.slice(0, 4).reduce((s, p) => s + p[1], 0) / 4;
      expect(distanceM([cx, cy], [STANDS[i].lon, STANDS[i].lat])).toBeLessThan(0.5);
    });
  });

  it('undoes the GCJ-02 offset of web-map points (several hundred metres)', () => {
    const data = readCsv(fixture('stations-gcj02.csv'));
    const { features } = reprojectFeatures(data.features, resolveCrs('gcj02')!);
    features.forEach((f, i) => {
      const raw = (data.features[i].geometry as { coordinates: number[] }).coordinates;
      const fixed = (f.geometry as { coordinates: number[] }).coordinates;
      expect(distanceM(fixed, [STATIONS[i].lon, STATIONS[i].lat])).toBeLessThan(0.05);
      const shift = distanceM(raw, fixed);
      expect(shift).toBeGreaterThan(300);
      expect(shift).toBeLessThan(700);
    });
  });

  it('flags projected numbers read as lon/lat', () => {
    const f = { type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: [467300, 3388800] } };
    expect(reprojectFeatures([f], resolveCrs('EPSG:4326')!).bad).toEqual({ index: 0, x: 467300, y: 3388800 });
  });
});

describe('GeoTIFF georeferencing', () => {
  it('reads the GK raster: CRS from ProjectedCSTypeGeoKey, geotransform, nodata, 4326 bounds', async () => {
    const info = await readGeoTiffInfo(fixture('carbon-gk4549.tif'));
    expect(info.crs).toBe('EPSG:4549');
    expect(info.geotransform).toEqual([GK_RASTER.x0, 100, 0, GK_RASTER.y0, 0, -100]);
    expect(info.nodata).toBe(-9999);
    expect([info.width, info.height]).toEqual([20, 15]);
    expect(info.min).toBe(40.5); // the nodata corner is skipped
    // 2 km × 1.5 km west of the 120°E meridian near 30.65°N.
    const [w, s, e, n] = info.bounds;
    expect(w).toBeCloseTo(119.63483, 4);
    expect(e).toBeCloseTo(119.65574, 4);
    expect(s).toBeCloseTo(30.64343, 4);
    expect(n).toBeCloseTo(30.65702, 4);
  });

  it('reads the UTM raster', async () => {
    const info = await readGeoTiffInfo(fixture('carbon-utm50n.tif'));
    expect(info.crs).toBe('EPSG:32650');
    expect(info.geotransform).toEqual([UTM_RASTER.x0, 250, 0, UTM_RASTER.y0, 0, -250]);
    expect(info.bounds[0]).toBeGreaterThan(119.6);
    expect(info.bounds[2]).toBeLessThan(119.75);
  });

  it('names an unknown CRS code and suggests reprojecting', async () => {
    const e = (await readGeoTiffInfo(fixture('bad-unknown-crs.tif')).catch((x) => x)) as ParseError;
    expect(e.problem).toBe('unknown CRS EPSG:2385 ("Xian 1980 / 3-degree Gauss-Kruger CM 120E")');
    expect(e.hint).toMatch(/gdalwarp -t_srs EPSG:4549/);
  });

  it('lets --crs override the GeoKeys', async () => {
    const info = await readGeoTiffInfo(fixture('bad-unknown-crs.tif'), 'EPSG:4549');
    expect(info.crs).toBe('EPSG:4549');
  });
});
