/**
 * Parcel files read in the browser: GeoJSON (FeatureCollection, Feature or bare geometry),
 * KML/KMZ, zipped Shapefile (.shp/.dbf/.prj/.cpg; GBK attribute names and values), CSV with a
 * WKT column or longitude/latitude columns (one polygon per id/name, vertices in order).
 * Coordinates are converted to WGS-84: GCJ-02 with layers/geo/gcj02.ts, projected CGCS2000
 * Gauss–Krüger with proj4 and layers/geo/crs.ts. Only polygons are kept.
 */
import { kml } from '@tmcw/togeojson';
import { unzipSync, strFromU8 } from 'fflate';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import { gcj02ToWgs84 } from '../../layers/geo/gcj02.ts';
import { proj4Definition } from '../../layers/geo/crs.ts';

export type CrsChoice = 'auto' | 'EPSG:4326' | 'EPSG:4490' | 'gcj02' | `EPSG:${number}`;

export interface ParsedParcel {
  name: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  properties: Record<string, unknown>;
}

/** An error whose message is an i18n key plus values (see i18n.ts err_*). */
export class UploadError extends Error {
  constructor(public key: 'err_empty' | 'err_format' | 'err_json' | 'err_no_shp' | 'err_csv' | 'err_coords' | 'err_kml', public vars: Record<string, string> = {}) {
    super(`${key} ${JSON.stringify(vars)}`);
  }
}

type Pos = GeoJSON.Position;

function mapCoords(g: GeoJSON.Polygon | GeoJSON.MultiPolygon, f: (p: Pos) => Pos): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
}

function firstPosition(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): Pos {
  return g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0];
}

/** CRS from a .prj (ESRI WKT): CGCS2000 3° GK zones by central meridian, else geographic. */
export function crsFromPrj(prj: string): CrsChoice {
  const cm = /CM[_ ]?(\d{2,3})E/i.exec(prj) ?? /central_meridian"?\s*,\s*(\d+(?:\.\d+)?)/i.exec(prj);
  if (/PROJCS/i.test(prj) && cm) {
    const lon = Number(cm[1]);
    const falseEasting = /false_easting"?\s*,\s*(\d+(?:\.\d+)?)/i.exec(prj);
    const fe = falseEasting ? Number(falseEasting[1]) : 500000;
    if (lon % 3 === 0 && fe === 500000) return `EPSG:${4534 + (lon - 75) / 3}`;
    if (lon % 3 === 0 && fe > 1e6) return `EPSG:${4513 + Math.round(fe / 1e6) - 25}`;
  }
  if (/GCJ/i.test(prj)) return 'gcj02';
  return 'EPSG:4326';
}

/** Convert a parcel geometry from the chosen CRS to WGS-84 lon/lat; throws if it is still out of range. */
export function toWgs84(g: GeoJSON.Polygon | GeoJSON.MultiPolygon, crs: CrsChoice): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  let out = g;
  const [x, y] = firstPosition(g);
  const looksProjected = Math.abs(x) > 180 || Math.abs(y) > 90;
  if (crs === 'gcj02') {
    out = mapCoords(g, ([lon, lat]) => gcj02ToWgs84(lon, lat));
  } else if (crs !== 'auto' && crs !== 'EPSG:4326' && crs !== 'EPSG:4490') {
    const def = proj4Definition(crs);
    if (!def) throw new UploadError('err_coords');
    const conv = proj4(def, 'EPSG:4326');
    out = mapCoords(g, (p) => conv.forward([p[0], p[1]]));
  } else if (looksProjected) {
    // Auto: guess CGCS2000 3° GK. Coordinates with a zone prefix (e.g. 40 500 000) tell the zone;
    // otherwise we cannot know the central meridian.
    const zone = Math.floor(x / 1e6);
    if (zone >= 25 && zone <= 45) {
      const conv = proj4(proj4Definition(`EPSG:${4513 + zone - 25}`)!, 'EPSG:4326');
      out = mapCoords(g, (p) => conv.forward([p[0], p[1]]));
    } else {
      throw new UploadError('err_coords');
    }
  }
  const round = (p: Pos): Pos => [Math.round(p[0] * 1e8) / 1e8, Math.round(p[1] * 1e8) / 1e8];
  out = mapCoords(out, round);
  const [lon, lat] = firstPosition(out);
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) throw new UploadError('err_coords');
  return out;
}

function nameOf(props: Record<string, unknown> | null | undefined, fallback: string): string {
  if (!props) return fallback;
  for (const k of ['name', 'name_zh', 'NAME', 'Name', '名称', '地块名称', '小班号', 'XBH', 'id', 'ID', 'FID']) {
    const v = props[k];
    if (v !== undefined && v !== null && String(v).trim()) return String(v).trim();
  }
  return fallback;
}

/** Polygons of any GeoJSON object: FeatureCollection, Feature, GeometryCollection or bare geometry. */
export function polygonsOfGeoJson(obj: unknown, baseName: string): ParsedParcel[] {
  const out: ParsedParcel[] = [];
  const visit = (o: unknown, props: Record<string, unknown>) => {
    if (!o || typeof o !== 'object') return;
    const g = o as { type?: string; [k: string]: unknown };
    switch (g.type) {
      case 'FeatureCollection':
        for (const f of (g.features as unknown[]) ?? []) visit(f, {});
        break;
      case 'Feature':
        visit(g.geometry, (g.properties as Record<string, unknown>) ?? {});
        break;
      case 'GeometryCollection':
        for (const x of (g.geometries as unknown[]) ?? []) visit(x, props);
        break;
      case 'Polygon':
      case 'MultiPolygon':
        if (Array.isArray(g.coordinates) && g.coordinates.length) {
          out.push({ name: nameOf(props, `${baseName} ${out.length + 1}`), geometry: g as never, properties: props });
        }
        break;
      default:
        break;
    }
  };
  visit(obj, {});
  return out;
}

function splitCsvLine(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { cells.push(cur); cur = ''; } else cur += c;
  }
  cells.push(cur);
  return cells.map((s) => s.trim());
}

/** WKT POLYGON / MULTIPOLYGON (2D; Z/M ignored) → GeoJSON. */
export function parseWkt(wkt: string): GeoJSON.Polygon | GeoJSON.MultiPolygon | null {
  const m = /^\s*(?:SRID=\d+;)?\s*(MULTIPOLYGON|POLYGON)\s*(?:Z|M|ZM)?\s*(\(.*\))\s*$/is.exec(wkt);
  if (!m) return null;
  // Turn "(( 1 2, 3 4 ))" into nested JSON arrays.
  const json = m[2]
    .replace(/\(/g, '[')
    .replace(/\)/g, ']')
    .replace(/(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?:\s+(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?))+/gi, (s) => `[${s.trim().split(/\s+/).slice(0, 2).join(',')}]`);
  try {
    const coords = JSON.parse(json);
    return m[1].toUpperCase() === 'POLYGON' ? { type: 'Polygon', coordinates: coords } : { type: 'MultiPolygon', coordinates: coords };
  } catch {
    return null;
  }
}

function closeRing(r: Pos[]): Pos[] {
  const a = r[0];
  const b = r[r.length - 1];
  return a[0] === b[0] && a[1] === b[1] ? r : [...r, a];
}

/** CSV: a WKT/geometry column, or lon/lat columns with an optional id/name column grouping vertices. */
export function parseCsv(text: string, baseName: string): ParsedParcel[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2) throw new UploadError('err_csv');
  const sep = [',', ';', '\t'].sort((a, b) => lines[0].split(b).length - lines[0].split(a).length)[0];
  const header = splitCsvLine(lines[0], sep).map((h) => h.toLowerCase());
  const find = (names: string[]) => header.findIndex((h) => names.includes(h));
  const wktCol = find(['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何']);
  const nameCol = find(['name', 'name_zh', '名称', '地块名称', 'parcel', 'id', 'parcel_id', '编号']);
  const rows = lines.slice(1).map((l) => splitCsvLine(l, sep));
  const props = (r: string[]) => Object.fromEntries(header.map((h, i) => [h, r[i]]).filter(([, v], i) => i !== wktCol && v !== undefined));
  if (wktCol >= 0) {
    const out: ParsedParcel[] = [];
    rows.forEach((r, i) => {
      const g = parseWkt(r[wktCol] ?? '');
      if (g) out.push({ name: nameCol >= 0 && r[nameCol] ? r[nameCol] : `${baseName} ${i + 1}`, geometry: g, properties: props(r) });
    });
    if (!out.length) throw new UploadError('err_empty');
    return out;
  }
  const lonCol = find(['lon', 'lng', 'long', 'longitude', 'x', '经度']);
  const latCol = find(['lat', 'latitude', 'y', '纬度']);
  if (lonCol < 0 || latCol < 0) throw new UploadError('err_csv');
  const groups = new Map<string, Pos[]>();
  for (const r of rows) {
    const key = nameCol >= 0 ? r[nameCol] || baseName : baseName;
    const x = Number(r[lonCol]);
    const y = Number(r[latCol]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push([x, y]);
  }
  const out: ParsedParcel[] = [];
  for (const [name, ring] of groups) {
    if (ring.length >= 3) out.push({ name, geometry: { type: 'Polygon', coordinates: [closeRing(ring)] }, properties: {} });
  }
  if (!out.length) throw new UploadError('err_empty');
  return out;
}

async function parseShapefileZip(files: Record<string, Uint8Array>, baseName: string): Promise<{ parcels: ParsedParcel[]; crs: CrsChoice }> {
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/'));
  const shpName = names.find((n) => n.toLowerCase().endsWith('.shp'));
  if (!shpName) throw new UploadError('err_no_shp');
  const stem = shpName.slice(0, -4);
  const sibling = (ext: string) => {
    const n = names.find((x) => x.toLowerCase() === `${stem}.${ext}`.toLowerCase());
    return n ? files[n] : undefined;
  };
  const cpg = sibling('cpg');
  const prj = sibling('prj');
  let encoding = cpg ? strFromU8(cpg).trim() : 'gbk';
  if (/^(utf-?8|65001)$/i.test(encoding)) encoding = 'utf-8';
  else if (/^(936|gb2312|gbk|cp936|gb18030)$/i.test(encoding)) encoding = 'gbk';
  const dbf = sibling('dbf');
  const fc = await shapefile.read(files[shpName], dbf, { encoding });
  const crs = prj ? crsFromPrj(strFromU8(prj)) : 'auto';
  return { parcels: polygonsOfGeoJson(fc, baseName), crs };
}

function parseKmlText(text: string, baseName: string): ParsedParcel[] {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw new UploadError('err_kml');
  return polygonsOfGeoJson(kml(doc), baseName);
}

/** Read one file into WGS-84 parcels. `crs` applies to files that do not state theirs (KML is always WGS-84). */
export async function parseParcelFile(file: File, crs: CrsChoice): Promise<ParsedParcel[]> {
  const lower = file.name.toLowerCase();
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  const baseName = file.name.replace(/\.[^.]+$/, '');
  let parcels: ParsedParcel[];
  let fileCrs: CrsChoice = 'auto';
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (ext === 'geojson' || ext === 'json') {
    let obj: unknown;
    try {
      obj = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new UploadError('err_json', { msg: (e as Error).message });
    }
    parcels = polygonsOfGeoJson(obj, baseName);
  } else if (ext === 'kml') {
    parcels = parseKmlText(new TextDecoder().decode(bytes), baseName);
    fileCrs = 'EPSG:4326';
  } else if (ext === 'kmz' || ext === 'zip') {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes);
    } catch {
      throw new UploadError('err_format', { ext });
    }
    const kmlName = Object.keys(files).find((n) => n.toLowerCase().endsWith('.kml'));
    if (ext === 'kmz' || (kmlName && !Object.keys(files).some((n) => n.toLowerCase().endsWith('.shp')))) {
      if (!kmlName) throw new UploadError('err_kml');
      parcels = parseKmlText(strFromU8(files[kmlName]), baseName);
      fileCrs = 'EPSG:4326';
    } else {
      const r = await parseShapefileZip(files, baseName);
      parcels = r.parcels;
      fileCrs = r.crs;
    }
  } else if (ext === 'csv' || ext === 'txt') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('gbk').decode(bytes);
    }
    parcels = parseCsv(text, baseName);
  } else {
    throw new UploadError('err_format', { ext: ext || file.name });
  }
  if (!parcels.length) throw new UploadError('err_empty');
  const effective = crs !== 'auto' ? crs : fileCrs;
  return parcels.map((p) => ({ ...p, geometry: toWgs84(p.geometry, effective) }));
}
