/** A small WKT / EWKT geometry reader (POINT, LINESTRING, POLYGON, their MULTI forms, GEOMETRYCOLLECTION; Z/M ignored). */
import type { Geometry, Position } from 'geojson';

/** Parse WKT; returns the geometry and an SRID when written as EWKT (`SRID=4549;POLYGON(...)`). Throws Error on bad text. */
export function parseWktGeometry(text: string): { geometry: Geometry; srid?: number } {
  let s = text.trim();
  let srid: number | undefined;
  const m = /^SRID=(\d+);/i.exec(s);
  if (m) {
    srid = Number(m[1]);
    s = s.slice(m[0].length);
  }
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const expect = (c: string) => {
    ws();
    if (s[i] !== c) throw new Error(`expected '${c}' at character ${i + 1}${s[i] ? `, found '${s[i]}'` : ' (text ends)'}`);
    i++;
  };
  const peek = () => {
    ws();
    return s[i];
  };
  const position = (): Position => {
    const nums: number[] = [];
    for (;;) {
      ws();
      const n = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(s.slice(i));
      if (!n) break;
      nums.push(Number(n[0]));
      i += n[0].length;
    }
    if (nums.length < 2) throw new Error(`expected a coordinate pair at character ${i + 1}`);
    return [nums[0], nums[1]];
  };
  const list = <T>(item: () => T): T[] => {
    expect('(');
    const out = [item()];
    while (peek() === ',') {
      i++;
      out.push(item());
    }
    expect(')');
    return out;
  };
  // MULTIPOINT may be written (1 2, 3 4) or ((1 2), (3 4)).
  const multiPointItem = () => {
    if (peek() === '(') {
      expect('(');
      const p = position();
      expect(')');
      return p;
    }
    return position();
  };
  const ring = () => list(position);
  const geometry = (): Geometry => {
    ws();
    const kw = /^[A-Za-z]+/.exec(s.slice(i));
    if (!kw) throw new Error(`expected a geometry type at character ${i + 1}`);
    i += kw[0].length;
    ws();
    const zm = /^(ZM|Z|M)\b/i.exec(s.slice(i));
    if (zm) i += zm[0].length;
    const KNOWN = ['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION'];
    let type = kw[0].toUpperCase();
    if (!KNOWN.includes(type)) type = type.replace(/(ZM|Z|M)$/, '');
    if (/^\s*EMPTY/i.test(s.slice(i))) throw new Error(`${type} EMPTY has no coordinates`);
    switch (type) {
      case 'POINT':
        return { type: 'Point', coordinates: list(position)[0] };
      case 'LINESTRING':
        return { type: 'LineString', coordinates: list(position) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: list(ring) };
      case 'MULTIPOINT':
        return { type: 'MultiPoint', coordinates: list(multiPointItem) };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: list(ring) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: list(() => list(ring)) };
      case 'GEOMETRYCOLLECTION':
        return { type: 'GeometryCollection', geometries: list(geometry) };
      default:
        throw new Error(`unknown geometry type ${kw[0]}`);
    }
  };
  const g = geometry();
  ws();
  if (i < s.length) throw new Error(`unexpected text after the geometry at character ${i + 1}`);
  return { geometry: g, srid };
}
