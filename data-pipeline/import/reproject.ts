/**
 * The one reprojection step of every vector import: source CRS → EPSG:4326 lon/lat.
 * EPSG codes go through proj4 with the definitions in layers/geo/crs.ts; 'gcj02' (coordinates
 * copied from Chinese web maps) goes through the iterative GCJ-02 → WGS-84 inverse.
 * EPSG:4490 (CGCS2000) is treated as EPSG:4326: the two differ by centimetres.
 */
import proj4 from 'proj4';
import type { Feature, Geometry, Position } from 'geojson';
import { epsgNumber, proj4Definition } from '../../layers/geo/crs.ts';
import { gcj02ToWgs84 } from '../../layers/geo/gcj02.ts';

export type SourceCrs = { kind: 'epsg'; code: string; geographic: boolean } | { kind: 'gcj02'; code: 'gcj02' };

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

/** Normalise a user- or file-given CRS ('EPSG:4549', '4549', 'gcj02', 'GCJ-02', 'wgs84', 'cgcs2000'); undefined if unsupported. */
export function resolveCrs(input: string): SourceCrs | undefined {
  const s = input.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (s === 'gcj02' || s === 'gcj' || s === 'mars') return { kind: 'gcj02', code: 'gcj02' };
  if (s === 'wgs84') return { kind: 'epsg', code: 'EPSG:4326', geographic: true };
  if (s === 'cgcs2000') return { kind: 'epsg', code: 'EPSG:4490', geographic: true };
  const m = /^(?:urn:ogc:def:crs:)?(?:epsg:{1,2})?(?:[\d.]*:)?(\d{4,5})$/.exec(s);
  const n = m ? Number(m[1]) : epsgNumber(input);
  if (n === undefined) {
    if (/crs84$/.test(s)) return { kind: 'epsg', code: 'EPSG:4326', geographic: true };
    return undefined;
  }
  const code = `EPSG:${n}`;
  if (!proj4Definition(code)) return undefined;
  return { kind: 'epsg', code, geographic: n === 4326 || n === 4490 };
}

/** A function [x, y] in the source CRS → [lon, lat] in EPSG:4326. */
export function toWgs84(crs: SourceCrs): (xy: Position) => [number, number] {
  if (crs.kind === 'gcj02') return ([x, y]) => gcj02ToWgs84(x, y);
  if (crs.geographic) return ([x, y]) => [x, y];
  const conv = proj4(proj4Definition(crs.code)!, WGS84);
  return ([x, y]) => conv.forward([x, y]) as [number, number];
}

/** Map every position of a geometry (dropping Z/M values). */
export function mapGeometry(g: Geometry, f: (p: Position) => Position): Geometry {
  const ring = (r: Position[]) => r.map(f);
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: ring(g.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: ring(g.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map(ring) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapGeometry(x, f)) };
  }
}

/** All positions of a geometry (for checks). */
export function* positions(g: Geometry): Generator<Position> {
  switch (g.type) {
    case 'Point':
      yield g.coordinates;
      break;
    case 'MultiPoint':
    case 'LineString':
      yield* g.coordinates;
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const r of g.coordinates) yield* r;
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) yield* r;
      break;
    case 'GeometryCollection':
      for (const x of g.geometries) yield* positions(x);
  }
}

/**
 * A guess at the CRS of coordinates that are not lon/lat, for the hint of an error message:
 * Gauss–Krüger eastings carry the zone number in front (e.g. 40 512 345 → 3° zone 40).
 */
export function guessProjectedCrs(x: number, y: number): string {
  const zone = Math.floor(x / 1e6);
  if (zone >= 25 && zone <= 45 && y > 1e6) {
    return `these look like CGCS2000 3° Gauss–Krüger coordinates with zone ${zone} prefixed: pass --crs EPSG:${4513 + zone - 25}`;
  }
  if (zone >= 13 && zone <= 23 && y > 1e6) {
    return `these look like CGCS2000 6° Gauss–Krüger coordinates with zone ${zone} prefixed: pass --crs EPSG:${4491 + zone - 13}`;
  }
  if (x > 1e5 && x < 1e6 && y > 1e6) {
    return 'these look like projected metres: pass --crs with the EPSG code, e.g. --crs EPSG:4549 (CGCS2000 3° GK 120°E, most of Zhejiang), EPSG:4548 (117°E) or EPSG:32650/32651 (UTM 50N/51N)';
  }
  return 'pass --crs with the EPSG code of the coordinates (e.g. --crs EPSG:4549), or export the file as WGS 84 lon/lat';
}

export interface ReprojectOutcome {
  features: Feature[];
  /** 0-based index and a description of the first feature whose coordinates are not valid lon/lat after reprojection. */
  bad?: { index: number; x: number; y: number };
}

/** Reproject features to EPSG:4326 (2D). Reports the first feature whose result is not a valid lon/lat. */
export function reprojectFeatures(features: Feature[], crs: SourceCrs): ReprojectOutcome {
  const f = toWgs84(crs);
  const out: Feature[] = [];
  for (let i = 0; i < features.length; i++) {
    const src = features[i];
    if (!src.geometry) {
      out.push(src);
      continue;
    }
    for (const p of positions(src.geometry)) {
      const [x, y] = p;
      if (!Number.isFinite(x) || !Number.isFinite(y)) return { features: out, bad: { index: i, x, y } };
      if (crs.kind !== 'epsg' || crs.geographic) {
        if (Math.abs(x) > 180 || Math.abs(y) > 90) return { features: out, bad: { index: i, x, y } };
      }
    }
    const geometry = mapGeometry(src.geometry, (p) => f(p));
    for (const [lon, lat] of positions(geometry)) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        const [x, y] = positions(src.geometry).next().value as Position;
        return { features: out, bad: { index: i, x, y } };
      }
    }
    out.push({ ...src, geometry });
  }
  return { features: out };
}
