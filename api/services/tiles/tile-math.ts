/** Web Mercator (EPSG:3857) XYZ tile arithmetic. Coordinates in metres (3857) or degrees (4326). */

/** Half the Web Mercator world width, metres (π × 6 378 137). */
export const MERC_HALF = Math.PI * 6378137;

export const MAX_TILE_ZOOM = 24;

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** [minx, miny, maxx, maxy] of a tile in EPSG:3857 metres. */
export function tileBounds3857({ z, x, y }: TileCoord): [number, number, number, number] {
  const size = (2 * MERC_HALF) / 2 ** z;
  const minx = -MERC_HALF + x * size;
  const maxy = MERC_HALF - y * size;
  return [minx, maxy - size, minx + size, maxy];
}

/** Longitude/latitude (degrees) of a Web Mercator point (metres). */
export function mercToLonLat(mx: number, my: number): [number, number] {
  return [(mx / MERC_HALF) * 180, (Math.atan(Math.exp(my / 6378137)) * 360) / Math.PI - 90];
}

/** Web Mercator point (metres) of a longitude/latitude (degrees); latitude clamped to ±85.0511°. */
export function lonLatToMerc(lon: number, lat: number): [number, number] {
  const l = Math.max(-85.05112878, Math.min(85.05112878, lat));
  return [(lon / 180) * MERC_HALF, 6378137 * Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360))];
}

/**
 * [west, south, east, north] of a tile in degrees, grown by `buffer` (fraction of the tile size,
 * e.g. 64/4096) on each side.
 */
export function tileBounds4326(t: TileCoord, buffer = 0): [number, number, number, number] {
  const [minx, miny, maxx, maxy] = tileBounds3857(t);
  const b = (maxx - minx) * buffer;
  const [w, s] = mercToLonLat(minx - b, Math.max(-MERC_HALF, miny - b));
  const [e, n] = mercToLonLat(maxx + b, Math.min(MERC_HALF, maxy + b));
  return [w, s, e, n];
}

/** True when two [w, s, e, n] boxes overlap (touching edges do not count). */
export function boxesIntersect(a: readonly number[], b: readonly number[]): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Why z/x/y is not a valid tile, or undefined when it is. */
export function tileCoordError({ z, x, y }: TileCoord): string | undefined {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) return `zoom ${z} must be an integer from 0 to ${MAX_TILE_ZOOM}`;
  const n = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= n) return `x ${x} must be an integer from 0 to ${n - 1} at zoom ${z}`;
  if (!Number.isInteger(y) || y < 0 || y >= n) return `y ${y} must be an integer from 0 to ${n - 1} at zoom ${z}`;
  return undefined;
}

/** The tile at zoom z containing a longitude/latitude. */
export function tileAt(lon: number, lat: number, z: number): TileCoord {
  const [mx, my] = lonLatToMerc(lon, lat);
  const n = 2 ** z;
  const x = Math.min(n - 1, Math.max(0, Math.floor(((mx + MERC_HALF) / (2 * MERC_HALF)) * n)));
  const y = Math.min(n - 1, Math.max(0, Math.floor(((MERC_HALF - my) / (2 * MERC_HALF)) * n)));
  return { z, x, y };
}
