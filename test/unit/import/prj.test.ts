import { describe, expect, it } from 'vitest';
import { detectCrsFromWkt } from '../../../data-pipeline/import/prj.ts';
import { PRJ_4549 } from '../../fixtures/import/expected.ts';

const CGCS_GEOG = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const WGS_GEOG = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const tm = (name: string, geog: string, fe: number, cm: number, k: number, fn = 0) =>
  `PROJCS["${name}",${geog},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",${fn}],` +
  `PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",${k}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

describe('.prj CRS detection', () => {
  it('reads ArcGIS CGCS2000 3° GK CM 120E as EPSG:4549 from its parameters', () => {
    expect(detectCrsFromWkt(PRJ_4549).code).toBe('EPSG:4549');
  });
  it('reads 3° GK zones with the zone number in the false easting (zone 40 → EPSG:4528)', () => {
    expect(detectCrsFromWkt(tm('CGCS2000_3_Degree_GK_Zone_40', CGCS_GEOG, 40500000, 120, 1)).code).toBe('EPSG:4528');
  });
  it('reads 6° GK zones (zone 20 prefixed → EPSG:4498; CM 117 named 6 degree → EPSG:4509)', () => {
    expect(detectCrsFromWkt(tm('CGCS2000_6_Degree_GK_Zone_20', CGCS_GEOG, 20500000, 117, 1)).code).toBe('EPSG:4498');
    expect(detectCrsFromWkt(tm('CGCS2000_6_Degree_GK_CM_117E', CGCS_GEOG, 500000, 117, 1)).code).toBe('EPSG:4509');
  });
  it('reads UTM north and south on WGS 84', () => {
    expect(detectCrsFromWkt(tm('WGS_1984_UTM_Zone_50N', WGS_GEOG, 500000, 117, 0.9996)).code).toBe('EPSG:32650');
    expect(detectCrsFromWkt(tm('WGS_1984_UTM_Zone_51S', WGS_GEOG, 500000, 123, 0.9996, 10000000)).code).toBe('EPSG:32751');
  });
  it('reads geographic WGS 84 and CGCS2000', () => {
    expect(detectCrsFromWkt(WGS_GEOG).code).toBe('EPSG:4326');
    expect(detectCrsFromWkt(CGCS_GEOG).code).toBe('EPSG:4490');
  });
  it('prefers an EPSG AUTHORITY when present', () => {
    const wkt = `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 120E",${CGCS_GEOG},PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",120],UNIT["metre",1],AUTHORITY["EPSG","4549"]]`;
    expect(detectCrsFromWkt(wkt).code).toBe('EPSG:4549');
  });
  it('reads Web Mercator', () => {
    const wkt = `PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",${WGS_GEOG},PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["Central_Meridian",0.0],UNIT["Meter",1.0]]`;
    expect(detectCrsFromWkt(wkt).code).toBe('EPSG:3857');
  });
  it('does not guess for Xian 1980 or Beijing 1954 and says what it found', () => {
    const xian = 'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    const d = detectCrsFromWkt(tm('Xian_1980_3_Degree_GK_CM_120E', xian, 500000, 120, 1));
    expect(d.code).toBeUndefined();
    expect(d.description).toMatch(/Xian_1980/);
    expect(detectCrsFromWkt('PROJCS["broken"').code).toBeUndefined();
  });
});
