/**
 * Areas on the ellipsoid.
 *
 * - `geodesicAreaM2`: area of a GeoJSON Polygon/MultiPolygon (lon/lat degrees, EPSG:4326; EPSG:4490
 *   input is treated as 4326) whose edges are geodesics, holes subtracted. Computed with
 *   GeographicLib's polygon area (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 43–55,
 *   2013, doi:10.1007/s00190-012-0578-z) — the same algorithm PostGIS uses for
 *   `ST_Area(geography)` (use_spheroid = true) since PostGIS 2.2, so numbers agree with the database.
 * - `cellAreaM2ForRow`: exact area of a lon/lat grid cell bounded by two parallels and two meridians
 *   (parallels are not geodesics, so this is *not* `geodesicAreaM2` of the four corners). Closed form
 *   of the area of an ellipsoidal zone (e.g. Snyder, "Map Projections — A Working Manual", USGS PP 1395,
 *   1987, eq. 3-12 for q and the authalic latitude):
 *
 *       S(φ) = (b² Δλ / 2) · [ sinφ / (1 − e² sin²φ) + atanh(e sinφ) / e ]      (m²)
 *       cell = |S(φ_north) − S(φ_south)|
 *
 *   which equals R_q² · Δλ · (sin β_north − sin β_south) with β the authalic latitude.
 */
import geographiclib from 'geographiclib-geodesic';

// A CommonJS package: Node's ESM loader exposes only its default export.
const { Geodesic } = geographiclib;
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** An ellipsoid: semi-major axis a (m) and flattening f (dimensionless). */
export interface Ellipsoid {
  a_m: number;
  f: number;
}

/** WGS 84 (EPSG:7030): a = 6 378 137 m, 1/f = 298.257223563. */
export const WGS84: Ellipsoid = { a_m: 6378137, f: 1 / 298.257223563 };
/** CGCS2000 (EPSG:1024), = GRS 80 to 0.1 mm: a = 6 378 137 m, 1/f = 298.257222101. */
export const CGCS2000: Ellipsoid = { a_m: 6378137, f: 1 / 298.257222101 };

const geodesicCache = new Map<string, InstanceType<typeof Geodesic.Geodesic>>();
function geodesicFor(e: Ellipsoid): InstanceType<typeof Geodesic.Geodesic> {
  if (e.a_m === WGS84.a_m && e.f === WGS84.f) return Geodesic.WGS84;
  const key = `${e.a_m}/${e.f}`;
  let g = geodesicCache.get(key);
  if (!g) {
    g = new Geodesic.Geodesic(e.a_m, e.f);
    geodesicCache.set(key, g);
  }
  return g;
}

/** |area| of one ring (lon/lat degrees, closed or not) on the ellipsoid, m². */
function ringAreaM2(ring: Position[], g: InstanceType<typeof Geodesic.Geodesic>): number {
  let n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n -= 1;
  if (n < 3) return 0;
  const p = g.Polygon(false);
  for (let i = 0; i < n; i++) p.AddPoint(ring[i][1], ring[i][0]);
  // reverse = false, sign = true: signed area, so a ring of either orientation gives ±area
  // (rings are assumed smaller than half the ellipsoid, true for any parcel or region).
  return Math.abs(p.Compute(false, true).area ?? 0);
}

/**
 * Area of a Polygon or MultiPolygon on the ellipsoid, in m². Coordinates are lon/lat degrees
 * (EPSG:4326 / 4490); edges are geodesics; the first ring of each polygon is its shell and the
 * others are holes, subtracted whatever their orientation. Overlapping MultiPolygon parts are
 * counted twice (validate first: see validate.ts).
 *
 * @param geometry GeoJSON Polygon or MultiPolygon, lon/lat degrees
 * @param ellipsoid defaults to WGS 84
 * @returns area in m²
 */
export function geodesicAreaM2(geometry: Polygon | MultiPolygon, ellipsoid: Ellipsoid = WGS84): number {
  const g = geodesicFor(ellipsoid);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const rings of polygons) {
    if (rings.length === 0) continue;
    let a = ringAreaM2(rings[0], g);
    for (let i = 1; i < rings.length; i++) a -= ringAreaM2(rings[i], g);
    total += a;
  }
  return total;
}

const DEG = Math.PI / 180;

/**
 * Area between the equator and the parallel φ for a longitude span of 1 radian, m² (signed with φ).
 * S(φ) = (b²/2)·[sinφ/(1 − e² sin²φ) + atanh(e sinφ)/e]
 */
function zoneAreaPerRadianM2(latDeg: number, e: Ellipsoid): number {
  const e2 = e.f * (2 - e.f);
  const ecc = Math.sqrt(e2);
  const b2 = e.a_m * e.a_m * (1 - e2);
  const s = Math.sin(latDeg * DEG);
  return (b2 / 2) * (s / (1 - e2 * s * s) + Math.atanh(ecc * s) / ecc);
}

/**
 * Exact ellipsoidal area of one cell of a lon/lat grid: the quadrangle between parallels
 * `latADeg` and `latBDeg` (either order) and two meridians `lonWidthDeg` apart. All cells of a
 * row of a geographic raster share this area.
 *
 * Reference: 1° × 1° at the equator on WGS 84 = 12 308.778 km² (e.g. the standard table of
 * "areas of 1° quadrangles"; checked in test/unit/geo/area.test.ts against the closed form).
 *
 * @param latADeg latitude of one edge of the row, degrees
 * @param latBDeg latitude of the other edge, degrees
 * @param lonWidthDeg cell width in longitude, degrees (the geotransform's pixel width)
 * @param ellipsoid defaults to WGS 84
 * @returns area in m² (≥ 0)
 */
export function cellAreaM2ForRow(
  latADeg: number,
  latBDeg: number,
  lonWidthDeg: number,
  ellipsoid: Ellipsoid = WGS84,
): number {
  const dLon = Math.abs(lonWidthDeg) * DEG;
  return Math.abs(zoneAreaPerRadianM2(latADeg, ellipsoid) - zoneAreaPerRadianM2(latBDeg, ellipsoid)) * dLon;
}
