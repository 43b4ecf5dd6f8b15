/**
 * Zipped ESRI Shapefile reader (.shp + .dbf [+ .prj] [+ .cpg] [+ .shx]) via fflate.
 * Geometry through the `shapefile` package; the DBF is read here so that GBK (and any
 * code page) works for both values and Chinese column names. Encoding precedence:
 * --encoding, then .cpg, then the DBF language-driver byte, then UTF-8 if the bytes are
 * valid UTF-8, else GBK. The CRS comes from the .prj (see prj.ts).
 */
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { openShp } from 'shapefile';
import type { Feature } from 'geojson';
import { ParseError } from './errors.ts';
import { detectCrsFromWkt } from './prj.ts';
import type { SourceData } from './source.ts';
import { isUtf8, normaliseEncoding } from './text.ts';

/** Files of one shapefile, by lower-case extension ('shp', 'dbf', 'prj', 'cpg', 'shx'). */
export type ShapefileParts = Partial<Record<'shp' | 'dbf' | 'prj' | 'cpg' | 'shx', Uint8Array>> & { name: string };

/** Unzip and pick the one shapefile inside (any folder). Throws ParseError for corrupt zips or ambiguous content. */
export function unzipShapefile(zip: Uint8Array): ShapefileParts {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (e) {
    throw new ParseError(
      `not a readable zip archive (${(e as Error).message})`,
      'the file is truncated or damaged: zip the .shp, .shx, .dbf, .prj and .cpg files again and re-upload',
    );
  }
  const stems = new Map<string, ShapefileParts>();
  for (const [path, bytes] of Object.entries(files)) {
    if (path.endsWith('/') || /(^|\/)__MACOSX\//.test(path)) continue;
    const m = /^(.*)\.(shp|dbf|prj|cpg|shx)$/i.exec(path);
    if (!m) continue;
    const stem = m[1].toLowerCase();
    const part = stems.get(stem) ?? { name: m[1].split('/').pop()! };
    part[m[2].toLowerCase() as 'shp'] = bytes;
    stems.set(stem, part);
  }
  const withShp = [...stems.values()].filter((p) => p.shp);
  if (withShp.length === 0) {
    throw new ParseError(
      `no .shp file in the zip (it holds: ${Object.keys(files).join(', ') || 'nothing'})`,
      'a zipped shapefile needs at least the .shp and .dbf files',
    );
  }
  if (withShp.length > 1) {
    throw new ParseError(
      `the zip holds ${withShp.length} shapefiles (${withShp.map((p) => p.name).join(', ')})`,
      'import them one at a time: one shapefile per zip',
    );
  }
  return withShp[0];
}

/** DBF language-driver ids of Chinese code pages (byte 29 of the header). */
const LDID: Record<number, string> = { 0x4d: 'gb18030', 0x7a: 'gb18030', 0x4e: 'cp949', 0x4f: 'big5', 0x78: 'big5', 0x57: 'cp1252', 0x03: 'cp1252' };

export interface DbfTable {
  fields: { name: string; type: string; length: number; decimals: number }[];
  records: Record<string, string | number | boolean | null>[];
  encoding: string;
  encodingNote: string;
}

/** Read a dBASE III/IV table. `encoding` (already normalised) wins; otherwise the language driver or a UTF-8 check decides. */
export function readDbf(bytes: Uint8Array, encoding?: string): DbfTable {
  if (bytes.length < 33) throw new ParseError('the .dbf file is too short to be a dBASE table', 're-export the shapefile');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const ldid = bytes[29];
  const rawFields: { nameBytes: Uint8Array; type: string; length: number; decimals: number }[] = [];
  for (let off = 32; off + 32 <= headerLength && bytes[off] !== 0x0d; off += 32) {
    let end = off;
    while (end < off + 11 && bytes[end] !== 0) end++;
    rawFields.push({
      nameBytes: bytes.subarray(off, end),
      type: String.fromCharCode(bytes[off + 11]),
      length: bytes[off + 16],
      decimals: bytes[off + 17],
    });
  }
  if (headerLength + count * recordLength > bytes.length) {
    throw new ParseError(
      `the .dbf file is truncated (${count} records of ${recordLength} bytes announced, ${bytes.length} bytes present)`,
      're-export the shapefile',
    );
  }
  let enc = encoding;
  let encodingNote = encoding ? `--encoding ${encoding}` : '';
  if (!enc && LDID[ldid] && ldid !== 0x57 && ldid !== 0x03) {
    enc = LDID[ldid];
    encodingNote = `DBF language driver 0x${ldid.toString(16)}`;
  }
  if (!enc) {
    const text = bytes.subarray(32, headerLength + count * recordLength);
    enc = isUtf8(text) ? 'utf-8' : 'gb18030';
    encodingNote = enc === 'utf-8' ? 'bytes are valid UTF-8' : 'bytes are not UTF-8: assumed GBK';
  }
  const dec = (b: Uint8Array) => iconv.decode(Buffer.from(b), enc!);
  const fields = rawFields.map((f) => ({ name: dec(f.nameBytes).trim(), type: f.type, length: f.length, decimals: f.decimals }));
  const records: DbfTable['records'] = [];
  for (let r = 0; r < count; r++) {
    const start = headerLength + r * recordLength;
    if (bytes[start] === 0x2a) continue; // deleted
    let off = start + 1;
    const rec: DbfTable['records'][number] = {};
    for (const f of fields) {
      const raw = bytes.subarray(off, off + f.length);
      off += f.length;
      const s = dec(raw).replace(/\0+$/, '').trim();
      if (f.type === 'N' || f.type === 'F') rec[f.name] = s === '' || /^\*+$/.test(s) ? null : Number(s);
      else if (f.type === 'L') rec[f.name] = /^[YyTt]$/.test(s) ? true : /^[NnFf]$/.test(s) ? false : null;
      else rec[f.name] = s === '' ? null : s;
    }
    records.push(rec);
  }
  return { fields, records, encoding: enc, encodingNote };
}

/** Read shapefile parts into features (source CRS). */
export async function readShapefileParts(parts: ShapefileParts, opts: { encoding?: string } = {}): Promise<SourceData> {
  const warnings: string[] = [];
  if (!parts.shp) throw new ParseError('no .shp file', 'a shapefile needs its .shp file');
  if (!parts.dbf) throw new ParseError(`${parts.name}.dbf is missing`, 'include the .dbf file (the attribute table) next to the .shp');
  let encoding: string | undefined;
  let encodingNote = '';
  if (opts.encoding) {
    encoding = normaliseEncoding(opts.encoding);
    if (!encoding) throw new ParseError(`unknown text encoding "${opts.encoding}"`, 'use --encoding gbk or --encoding utf-8');
    encodingNote = `--encoding ${opts.encoding}`;
  } else if (parts.cpg) {
    const cpg = new TextDecoder().decode(parts.cpg).trim();
    encoding = normaliseEncoding(cpg);
    if (encoding) encodingNote = `.cpg says ${cpg}`;
    else warnings.push(`.cpg names an unknown encoding "${cpg}"; guessing from the bytes`);
  }
  const table = readDbf(parts.dbf, encoding);
  encodingNote ||= table.encodingNote;
  const features: Feature[] = [];
  const labels: string[] = [];
  let source;
  try {
    source = await openShp(parts.shp);
    for (let i = 0; ; i++) {
      const { done, value } = await source.read();
      if (done) break;
      features.push({ type: 'Feature', properties: table.records[i] ?? {}, geometry: value } as Feature);
      labels.push(`record ${i + 1}`);
    }
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(`the .shp file cannot be read (${(e as Error).message})`, 'the .shp is damaged or truncated: re-export the shapefile');
  }
  if (features.length !== table.records.length) {
    warnings.push(`.shp has ${features.length} shapes but .dbf has ${table.records.length} records`);
  }
  let crs: string | undefined;
  let crsNote: string | undefined;
  let crsUnsupported: string | undefined;
  if (parts.prj) {
    const wkt = new TextDecoder().decode(parts.prj);
    const d = detectCrsFromWkt(wkt);
    crs = d.code;
    crsNote = `.prj: ${d.description}`;
    if (!d.code) crsUnsupported = crsNote;
  }
  return {
    features,
    labels,
    crs,
    crsNote,
    crsUnsupported,
    encoding: `${table.encoding} (${encodingNote})`,
    columns: table.fields.map((f) => f.name),
    warnings,
  };
}

/** Read a zipped shapefile. */
export async function readZippedShapefile(zip: Uint8Array, opts: { encoding?: string } = {}): Promise<SourceData & { prjMissing: boolean }> {
  const parts = unzipShapefile(zip);
  const data = await readShapefileParts(parts, opts);
  return { ...data, prjMissing: !parts.prj };
}
