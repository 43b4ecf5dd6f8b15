/**
 * Coordinate reference systems tantu reads and writes, as proj4 definitions.
 *
 * - EPSG:4326 WGS 84 and EPSG:4490 CGCS2000 (geographic, lon/lat degrees). They differ by
 *   centimetres, so 4490 input is treated as 4326 (and reported as such).
 * - EPSG:3857 Web Mercator (tiles only; never for areas).
 * - EPSG:326zz / 327zz UTM north/south on WGS 84.
 * - EPSG:26901–26923 NAD83 / UTM zones 1N–23N (North America; InVEST's test rasters use
 *   EPSG:26910). NAD83 is taken as coincident with WGS 84 (proj4 `+datum=NAD83`, towgs84 0),
 *   a metre-level approximation that does not affect areas.
 * - CGCS2000 Gauss–Krüger (transverse Mercator on GRS 80, k = 1), the Chinese practice:
 *   EPSG:4491–4501 6° zones 13–23 with the zone number prefixed to the false easting,
 *   EPSG:4502–4512 6° zones by central meridian 75°E–135°E (false easting 500 km),
 *   EPSG:4513–4533 3° zones 25–45 with prefixed false easting,
 *   EPSG:4534–4554 3° zones by central meridian 75°E–135°E (false easting 500 km).
 * Source: EPSG registry definitions of these codes (epsg.org).
 */
export type CrsCode = string;

const GEOGRAPHIC = '+proj=longlat +datum=WGS84 +no_defs';

function gaussKruger(centralMeridianDeg: number, falseEastingM: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridianDeg} +k=1 +x_0=${falseEastingM} +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
}

/** proj4 definition for an EPSG code tantu supports, or undefined. Accepts 'EPSG:4549' or '4549'. */
export function proj4Definition(code: CrsCode): string | undefined {
  const n = epsgNumber(code);
  if (n === undefined) return undefined;
  if (n === 4326 || n === 4490) return GEOGRAPHIC;
  if (n === 3857) {
    return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';
  }
  if (n >= 32601 && n <= 32660) return `+proj=utm +zone=${n - 32600} +datum=WGS84 +units=m +no_defs`;
  if (n >= 32701 && n <= 32760) return `+proj=utm +zone=${n - 32700} +south +datum=WGS84 +units=m +no_defs`;
  if (n >= 26901 && n <= 26923) return `+proj=utm +zone=${n - 26900} +datum=NAD83 +units=m +no_defs`;
  if (n >= 4491 && n <= 4501) {
    const zone = n - 4491 + 13;
    return gaussKruger(zone * 6 - 3, zone * 1e6 + 500000);
  }
  if (n >= 4502 && n <= 4512) return gaussKruger(75 + (n - 4502) * 6, 500000);
  if (n >= 4513 && n <= 4533) {
    const zone = n - 4513 + 25;
    return gaussKruger(zone * 3, zone * 1e6 + 500000);
  }
  if (n >= 4534 && n <= 4554) return gaussKruger(75 + (n - 4534) * 3, 500000);
  return undefined;
}

/** The EPSG number in 'EPSG:4549', 'epsg:4549' or '4549'; undefined if it is not one. */
export function epsgNumber(code: CrsCode): number | undefined {
  const m = /^(?:epsg:)?(\d{4,5})$/i.exec(code.trim());
  return m ? Number(m[1]) : undefined;
}

/** True for lon/lat CRSs (cell areas must then be computed on the ellipsoid). */
export function isGeographic(code: CrsCode): boolean {
  const n = epsgNumber(code);
  return n === 4326 || n === 4490;
}

/** The CGCS2000 3° Gauss–Krüger zone (by central meridian, EPSG:4534–4554) containing a longitude. */
export function gaussKruger3DegreeCode(lonDeg: number): CrsCode {
  const cm = Math.round(lonDeg / 3) * 3;
  if (cm < 75 || cm > 135) throw new RangeError(`longitude ${lonDeg} is outside China's Gauss–Krüger zones (75–135°E)`);
  return `EPSG:${4534 + (cm - 75) / 3}`;
}

/** The CRS of the demo county's rasters: CGCS2000 3° GK, central meridian 120°E. */
export const DEMO_RASTER_CRS: CrsCode = 'EPSG:4549';
