/**
 * CSV reader: points from lon/lat columns (lon/lng/longitude/经度, lat/latitude/纬度, and x/y
 * when nothing else matches) or any geometry from a WKT column (wkt/geometry/geom/the_geom/shape/几何).
 * Quoted fields (RFC 4180, "" escapes, newlines inside quotes); comma, tab or semicolon separated;
 * UTF-8 (with or without BOM) or GBK, detected or given by --encoding.
 */
import type { Feature, Geometry } from 'geojson';
import { ParseError } from './errors.ts';
import type { SourceData } from './source.ts';
import { decodeText } from './text.ts';
import { parseWktGeometry } from './wkt.ts';

/** Split CSV text into rows of fields, with the 1-based line number each row starts on. */
export function parseCsv(text: string, delimiter?: string): { rows: string[][]; lines: number[]; delimiter: string } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delim = delimiter ?? [',', '\t', ';', '|'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0].trim() === '')) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      i++;
    } else if (c === delim) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new ParseError(`a quoted field starting on line ${rowLine} is never closed`, 'check the quotes (") in the file', `line ${rowLine}`);
  if (field !== '' || row.length) endRow();
  return { rows, lines, delimiter: delim };
}

const LON_NAMES = ['lon', 'lng', 'long', 'longitude', '经度', 'lon_gcj02', 'gcj_lng', 'gcj_lon', 'wgs_lng', 'wgs_lon', 'wgs84_lon', 'lon84'];
const LAT_NAMES = ['lat', 'latitude', '纬度', 'lat_gcj02', 'gcj_lat', 'wgs_lat', 'wgs84_lat', 'lat84'];
const WKT_NAMES = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', 'wkt_geom', '几何', '空间信息'];

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s()（）°]+/g, '');

function findColumn(header: string[], names: string[], explicit?: string): number {
  if (explicit) return header.findIndex((h) => norm(h) === norm(explicit));
  for (const n of names) {
    const i = header.findIndex((h) => norm(h) === norm(n));
    if (i >= 0) return i;
  }
  // 经度(GCJ-02), 经度_wgs etc.
  return header.findIndex((h) => names.some((n) => /[^\x00-\x7f]/.test(n) && norm(h).startsWith(norm(n))));
}

export interface CsvOptions {
  encoding?: string;
  /** Explicit coordinate columns (from --map lon=… / lat=… / wkt=…). */
  lonColumn?: string;
  latColumn?: string;
  wktColumn?: string;
}

/** Parse a number, accepting a trailing ° and a comma as decimal separator when there is no dot. */
function coordinate(s: string): number {
  const t = s.trim().replace(/°$/, '');
  return t === '' ? NaN : Number(/^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t);
}

export function readCsv(bytes: Uint8Array, opts: CsvOptions = {}): SourceData {
  const { text, encoding } = decodeText(bytes, opts.encoding);
  const { rows, lines } = parseCsv(text);
  if (rows.length === 0) throw new ParseError('the CSV file is empty', 'the first row must hold the column names');
  const header = rows[0].map((h) => h.trim());
  const wktCol = opts.lonColumn || opts.latColumn ? -1 : findColumn(header, WKT_NAMES, opts.wktColumn);
  let lonCol = -1;
  let latCol = -1;
  if (wktCol < 0) {
    if (opts.wktColumn) {
      throw new ParseError(`WKT column "${opts.wktColumn}" is not in the file`, `the columns are: ${header.join(', ')}`);
    }
    lonCol = findColumn(header, LON_NAMES, opts.lonColumn);
    latCol = findColumn(header, LAT_NAMES, opts.latColumn);
    if (lonCol < 0 && latCol < 0 && !opts.lonColumn && !opts.latColumn) {
      lonCol = findColumn(header, ['x']);
      latCol = findColumn(header, ['y']);
    }
    if (lonCol < 0 || latCol < 0) {
      const missing = [lonCol < 0 ? `longitude${opts.lonColumn ? ` "${opts.lonColumn}"` : ''}` : '', latCol < 0 ? `latitude${opts.latColumn ? ` "${opts.latColumn}"` : ''}` : '']
        .filter(Boolean)
        .join(' and ');
      throw new ParseError(
        `no ${missing} column (columns are: ${header.join(', ')})`,
        'name the columns lon/lat (or 经度/纬度), add a WKT column, or say which ones with --map lon=<column> --map lat=<column>',
      );
    }
  }
  const geomCols = new Set([wktCol, lonCol, latCol].filter((c) => c >= 0));
  const features: Feature[] = [];
  const labels: string[] = [];
  let srid: number | undefined;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const label = `row ${r} (line ${lines[r]})`;
    if (row.length !== header.length && row.length > 1) {
      throw new ParseError(
        `has ${row.length} fields but the header has ${header.length}`,
        'check for an unquoted separator inside a value: quote such values with "…"',
        label,
      );
    }
    let geometry: Geometry;
    if (wktCol >= 0) {
      const w = (row[wktCol] ?? '').trim();
      if (!w) throw new ParseError(`the ${header[wktCol]} column is empty`, 'every row needs a geometry', label);
      try {
        const parsed = parseWktGeometry(w);
        geometry = parsed.geometry;
        if (parsed.srid !== undefined) srid ??= parsed.srid;
      } catch (e) {
        throw new ParseError(`the ${header[wktCol]} value is not valid WKT (${(e as Error).message})`, 'write geometries as WKT, e.g. POINT(119.68 30.63)', label);
      }
    } else {
      const lon = coordinate(row[lonCol] ?? '');
      const lat = coordinate(row[latCol] ?? '');
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
        throw new ParseError(
          `${header[lonCol]}/${header[latCol]} "${row[lonCol] ?? ''}", "${row[latCol] ?? ''}" are not numbers`,
          'write coordinates as decimal numbers (degrees or metres), e.g. 119.68',
          label,
        );
      }
      geometry = { type: 'Point', coordinates: [lon, lat] };
    }
    const properties: Record<string, string> = {};
    header.forEach((h, c) => {
      if (!geomCols.has(c)) properties[h] = row[c] ?? '';
    });
    features.push({ type: 'Feature', properties, geometry });
    labels.push(label);
  }
  return {
    features,
    labels,
    crs: srid !== undefined ? `EPSG:${srid}` : undefined,
    crsNote: srid !== undefined ? `EWKT SRID=${srid}` : undefined,
    encoding,
    columns: header.filter((_, c) => !geomCols.has(c)),
    warnings: [],
  };
}
