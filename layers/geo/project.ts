/**
 * Coordinate transformation between the CRSs of crs.ts, via proj4 (proj4js, a port of PROJ's
 * projection formulas; the Gauss–Krüger zones are transverse Mercator on GRS 80 and agree with
 * PROJ to well below a millimetre in the zone).
 *
 * `transformer(from, to)` returns an object cached per (from, to) pair with:
 * - `point(x, y)`: one position → [x, y];
 * - `inPlace(xy)`: an interleaved Float64Array [x0, y0, x1, y1, …] transformed in place (no allocation
 *   per point beyond proj4's own);
 * - `bounds([minX, minY, maxX, maxY], densifyPerEdge)`: the bounding box of the transformed box, with
 *   each edge densified (as GDAL's OCTTransformBounds / pyproj transform_bounds do), because straight
 *   edges do not map to straight edges.
 * EPSG:4326 and EPSG:4490 are the same here (centimetre difference, see crs.ts), so 4326 ↔ 4490 is the
 * identity. Geographic coordinates are [lon, lat] degrees.
 */
import proj4 from 'proj4';
import { epsgNumber, proj4Definition, type CrsCode } from './crs.ts';

/** [minX, minY, maxX, maxY] in CRS units. */
export type Bounds = [number, number, number, number];

export interface Transformer {
  readonly from: CrsCode;
  readonly to: CrsCode;
  readonly identity: boolean;
  /** Transform one position (CRS units → CRS units). */
  point(x: number, y: number): [number, number];
  /** Transform an interleaved [x0, y0, x1, y1, …] array in place; returns it. */
  inPlace(xy: Float64Array): Float64Array;
  /**
   * Bounding box of a box after transformation, edges densified with `densifyPerEdge` intermediate
   * points (default 21). Non-finite results (points outside the target's domain) are skipped.
   */
  bounds(box: Bounds, densifyPerEdge?: number): Bounds;
}

const cache = new Map<string, Transformer>();

function definitionOrThrow(code: CrsCode): string {
  const def = proj4Definition(code);
  if (!def) throw new RangeError(`unsupported CRS ${code}: see layers/geo/crs.ts for the supported EPSG codes`);
  return def;
}

/**
 * A transformer between two CRSs of crs.ts ('EPSG:4326', '4549', …), cached per pair.
 * @throws RangeError for a CRS that crs.ts does not define
 */
export function transformer(from: CrsCode, to: CrsCode): Transformer {
  const key = `${epsgNumber(from) ?? from}>${epsgNumber(to) ?? to}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const defFrom = definitionOrThrow(from);
  const defTo = definitionOrThrow(to);
  const identity = defFrom === defTo;
  const conv = identity ? undefined : proj4(defFrom, defTo);
  const buf: [number, number] = [0, 0];
  const point = (x: number, y: number): [number, number] => {
    if (!conv) return [x, y];
    buf[0] = x;
    buf[1] = y;
    const r = conv.forward(buf) as number[];
    return [r[0], r[1]];
  };
  const t: Transformer = {
    from,
    to,
    identity,
    point,
    inPlace(xy) {
      if (!conv) return xy;
      for (let i = 0; i + 1 < xy.length; i += 2) {
        buf[0] = xy[i];
        buf[1] = xy[i + 1];
        const r = conv.forward(buf) as number[];
        xy[i] = r[0];
        xy[i + 1] = r[1];
      }
      return xy;
    },
    bounds(box, densifyPerEdge = 21) {
      const [x0, y0, x1, y1] = box;
      if (!conv) return [x0, y0, x1, y1];
      const n = Math.max(0, Math.floor(densifyPerEdge)) + 1; // segments per edge
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      const take = (x: number, y: number) => {
        const [u, v] = point(x, y);
        if (!Number.isFinite(u) || !Number.isFinite(v)) return;
        if (u < minX) minX = u;
        if (u > maxX) maxX = u;
        if (v < minY) minY = v;
        if (v > maxY) maxY = v;
      };
      for (let i = 0; i <= n; i++) {
        const f = i / n;
        take(x0 + f * (x1 - x0), y0); // bottom
        take(x0 + f * (x1 - x0), y1); // top
        take(x0, y0 + f * (y1 - y0)); // left
        take(x1, y0 + f * (y1 - y0)); // right
      }
      return [minX, minY, maxX, maxY];
    },
  };
  cache.set(key, t);
  return t;
}
