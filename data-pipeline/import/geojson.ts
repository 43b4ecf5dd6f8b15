/** GeoJSON reader: a FeatureCollection, a single Feature, a bare geometry (common from drawing tools), or an array of those. */
import type { Feature, Geometry } from 'geojson';
import { ParseError } from './errors.ts';
import type { SourceData } from './source.ts';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Decode bytes as UTF-8 (RFC 8259), dropping a BOM. */
export function decodeJsonText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** Parse GeoJSON text. The legacy `crs` member (2008 spec, still written by GDAL/ArcGIS) is reported as `crs`. */
export function readGeoJson(text: string): SourceData {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ParseError(`not valid JSON (${(e as Error).message})`, 'check that the file is GeoJSON and complete (not truncated)');
  }
  const features: Feature[] = [];
  const labels: string[] = [];
  const add = (item: unknown, label: string) => {
    const o = item as { type?: unknown; geometry?: unknown; properties?: unknown; id?: unknown };
    if (!o || typeof o !== 'object') throw new ParseError('is not a GeoJSON object', 'each item must be a Feature or a geometry', label);
    if (o.type === 'Feature') {
      const props = { ...((o.properties as Record<string, unknown> | null) ?? {}) };
      if (o.id !== undefined && props.id === undefined) props.id = o.id;
      features.push({ type: 'Feature', properties: props, geometry: (o.geometry as Geometry | null) ?? null } as Feature);
      labels.push(label);
    } else if (typeof o.type === 'string' && GEOMETRY_TYPES.has(o.type)) {
      features.push({ type: 'Feature', properties: {}, geometry: o as Geometry });
      labels.push(label);
    } else {
      throw new ParseError(`unexpected GeoJSON type "${String(o.type)}"`, 'expected a FeatureCollection, a Feature or a geometry', label);
    }
  };
  const root = doc as { type?: string; features?: unknown[]; crs?: { properties?: { name?: string } } };
  if (Array.isArray(doc)) doc.forEach((x, i) => add(x, `feature ${i + 1}`));
  else if (root?.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) throw new ParseError('FeatureCollection has no "features" array', 'check the file is complete');
    root.features.forEach((x, i) => add(x, `feature ${i + 1}`));
  } else add(doc, 'feature 1');
  const crsName = root && !Array.isArray(doc) ? root.crs?.properties?.name : undefined;
  return {
    features,
    labels,
    crs: crsName,
    crsNote: crsName ? `GeoJSON "crs" member: ${crsName}` : undefined,
    warnings: [],
  };
}
