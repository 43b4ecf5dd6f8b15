/**
 * GCJ-02 ("Mars coordinates", 火星坐标) ↔ WGS-84.
 *
 * Chinese web maps (Amap/高德, Tencent, Google China) publish coordinates obfuscated
 * with GCJ-02: a smooth offset of a few hundred metres. The forward transform is the
 * widely reproduced public algorithm ("eviltransform", github.com/googollee/eviltransform)
 * on the Krasovsky 1940 ellipsoid (a = 6378245 m, e² = 0.00669342162296594323).
 * Points outside mainland China (the coarse bounding box used by that algorithm) are
 * left unchanged. The inverse has no closed form; it is solved by fixed-point iteration
 * until the forward transform reproduces the input to < 1e-7° (≈ 1 cm).
 *
 * All coordinates are [lon, lat] in degrees.
 */

/** Krasovsky 1940 semi-major axis, metres. */
const A = 6378245.0;
/** Krasovsky 1940 first eccentricity squared. */
const EE = 0.00669342162296594323;

/** True if the point is outside the box the GCJ-02 algorithm treats as China (left unchanged). */
export function outOfChina(lonDeg: number, latDeg: number): boolean {
  return lonDeg < 72.004 || lonDeg > 137.8347 || latDeg < 0.8293 || latDeg > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLon(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** The GCJ-02 offset [dLon, dLat] in degrees at a WGS-84 point (zero outside China). */
function delta(lonDeg: number, latDeg: number): [number, number] {
  if (outOfChina(lonDeg, latDeg)) return [0, 0];
  let dLat = transformLat(lonDeg - 105.0, latDeg - 35.0);
  let dLon = transformLon(lonDeg - 105.0, latDeg - 35.0);
  const radLat = (latDeg / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

/** WGS-84 [lon, lat] (degrees) → GCJ-02 [lon, lat] (degrees). Unchanged outside China. */
export function wgs84ToGcj02(lonDeg: number, latDeg: number): [number, number] {
  const [dLon, dLat] = delta(lonDeg, latDeg);
  return [lonDeg + dLon, latDeg + dLat];
}

/**
 * GCJ-02 [lon, lat] (degrees) → WGS-84 [lon, lat] (degrees), by iteration until the forward
 * transform of the result matches the input to < `toleranceDeg` (default 1e-7°). Unchanged outside China.
 */
export function gcj02ToWgs84(lonDeg: number, latDeg: number, toleranceDeg = 1e-7): [number, number] {
  if (outOfChina(lonDeg, latDeg)) return [lonDeg, latDeg];
  let lon = lonDeg;
  let lat = latDeg;
  for (let i = 0; i < 30; i++) {
    const [gLon, gLat] = wgs84ToGcj02(lon, lat);
    const eLon = gLon - lonDeg;
    const eLat = gLat - latDeg;
    if (Math.abs(eLon) < toleranceDeg && Math.abs(eLat) < toleranceDeg) break;
    lon -= eLon;
    lat -= eLat;
  }
  return [lon, lat];
}
