/**
 * OpenStreetMap PBF extracts (.osm.pbf, https://wiki.openstreetmap.org/wiki/PBF_Format) for the
 * roads import's OSM preset: every way becomes a GeoJSON LineString with its tags as properties
 * (and "@id": "way/<id>", as osmium's GeoJSON export writes it), in WGS 84 lon/lat; then the same
 * path as a GeoJSON extract (layers/charging/osm-roads.ts: classes, speeds, directions, splitting).
 *
 * Parser: tiny-osmpbf — pure JavaScript (mapbox's pbf + tiny-inflate, no native build, works in
 * Node and browsers), synchronous over the bytes the importer already holds, OSM-JSON out. Chosen
 * over osm-read 0.7 (pins protobufjs 6.8.8 and pulls in http-server and an XML parser for a file-path
 * callback API) and osm-pbf-parser 2.3 (stream API on readable-stream 2 / protocol-buffers / brfs).
 *
 * tiny-osmpbf trusts the file's framing and reads past the end of a truncated one, so the framing is
 * checked first here: each blob's header length (≤ 64 KiB), its BlobHeader type (OSMHeader first,
 * then OSMData) and datasize (within the file), its Blob's kind (raw or zlib) and uncompressed size
 * (≤ 32 MiB, the format's limits), and — since tiny-inflate ignores the zlib checksum, so damaged
 * data would come out as other roads — that each zlib stream inflates (node:zlib, Adler-32 checked)
 * to exactly that size. That takes a few lines of protobuf (varints and
 * length-delimited fields only) rather than a second protobuf library. Anything the parser then
 * refuses, and a way whose nodes are not in the file, is a ParseError: nothing is imported.
 */
import { inflateSync } from 'node:zlib';
import type { Feature, LineString } from 'geojson';
import tinyosmpbf, { type OsmElement } from 'tiny-osmpbf';
import { ParseError } from './errors.ts';
import type { SourceData } from './source.ts';

const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
const HINT = 'the file is not a complete OpenStreetMap PBF extract: download it again, or export the roads as GeoJSON (e.g. osmium export) and import that with --preset osm';

/** Fields of a protobuf message: varints as numbers, length-delimited ones as byte ranges. */
function fields(b: Uint8Array, what: string): Map<number, (number | Uint8Array)[]> {
  const out = new Map<number, (number | Uint8Array)[]>();
  let pos = 0;
  const varint = () => {
    let v = 0, mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= b.length) throw new ParseError(`${what} ends inside a number`, HINT);
      const byte = b[pos++];
      v += (byte & 0x7f) * mul;
      if (byte < 0x80) return v;
      mul *= 128;
    }
    throw new ParseError(`${what} holds a malformed number`, HINT);
  };
  while (pos < b.length) {
    const key = varint(), field = Math.floor(key / 8), wire = key % 8;
    let value: number | Uint8Array;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const n = varint();
      if (pos + n > b.length) throw new ParseError(`${what} is cut short (field ${field} needs ${n} bytes, ${b.length - pos} left)`, HINT);
      value = b.subarray(pos, pos + n);
      pos += n;
    } else throw new ParseError(`${what} has a field of wire type ${wire}, which an OSM PBF header never uses`, HINT);
    (out.get(field) ?? out.set(field, []).get(field)!).push(value);
  }
  return out;
}

/** Check the blob framing of the whole file (see the module comment); returns the number of blobs. */
export function checkOsmPbfFraming(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0, k = 0;
  if (bytes.length < 4) throw new ParseError(`the file has ${bytes.length} byte(s); an OSM PBF file starts with a 4-byte header length`, HINT);
  while (pos < bytes.length) {
    const where = `blob ${k + 1} at byte ${pos}`;
    if (pos + 4 > bytes.length) throw new ParseError(`${where}: the file is cut short (${bytes.length - pos} byte(s) where a 4-byte header length should be)`, HINT);
    const hl = view.getInt32(pos, false);
    if (!(hl > 0 && hl <= MAX_HEADER_BYTES)) throw new ParseError(`${where}: header length ${hl} is not between 1 and ${MAX_HEADER_BYTES} — not an OSM PBF file`, HINT);
    pos += 4;
    if (pos + hl > bytes.length) throw new ParseError(`${where}: the file is cut short (its header needs ${hl} bytes, ${bytes.length - pos} left)`, HINT);
    const h = fields(bytes.subarray(pos, pos + hl), `${where}: the blob header`);
    pos += hl;
    const typeBytes = h.get(1)?.[0];
    const type = typeBytes instanceof Uint8Array ? new TextDecoder().decode(typeBytes) : '';
    const datasize = h.get(3)?.[0];
    if (k === 0 && type !== 'OSMHeader') throw new ParseError(`${where}: the first blob is "${type}", not "OSMHeader" — not an OSM PBF file`, HINT);
    if (k > 0 && type !== 'OSMData') throw new ParseError(`${where}: blob type "${type}"; after the header only "OSMData" blobs are read`, HINT);
    if (typeof datasize !== 'number' || !(datasize > 0 && datasize <= MAX_BLOB_BYTES)) throw new ParseError(`${where}: data size ${datasize} is not between 1 and ${MAX_BLOB_BYTES}`, HINT);
    if (pos + datasize > bytes.length) throw new ParseError(`${where} (${type}): the file is cut short (the blob needs ${datasize} bytes, ${bytes.length - pos} left)`, HINT);
    const blob = fields(bytes.subarray(pos, pos + datasize), `${where}: the blob`);
    const rawSize = blob.get(2)?.[0];
    if (!blob.has(1) && !blob.has(3)) throw new ParseError(`${where}: the blob is neither raw nor zlib-compressed (lzma and bzip2 blobs are not supported)`, 'write the extract with zlib compression (the default of osmium and osmosis)');
    if (blob.has(3)) {
      if (typeof rawSize !== 'number' || !(rawSize > 0 && rawSize <= MAX_BLOB_BYTES)) throw new ParseError(`${where}: uncompressed size ${rawSize} is not between 1 and ${MAX_BLOB_BYTES}`, HINT);
      // tiny-inflate skips the zlib header and its Adler-32 checksum: check both here, and the size
      let n: number;
      try {
        n = inflateSync(blob.get(3)![0] as Uint8Array, { maxOutputLength: MAX_BLOB_BYTES }).length;
      } catch (e) {
        throw new ParseError(`${where} (${type}): the compressed data is damaged (${(e as Error).message})`, HINT);
      }
      if (n !== rawSize) throw new ParseError(`${where} (${type}): the data inflates to ${n} bytes, the blob says ${rawSize}`, HINT);
    }
    pos += datasize;
    k++;
  }
  return k;
}

/** The ways of an .osm.pbf file as LineString features with their tags. @throws ParseError */
export function readOsmPbf(bytes: Uint8Array): SourceData {
  checkOsmPbfFraming(bytes);
  const nodes = new Map<number, [number, number]>();
  const ways: Extract<OsmElement, { type: 'way' }>[] = [];
  let relations = 0;
  try {
    tinyosmpbf(bytes, (e) => {
      if (e.type === 'node') nodes.set(e.id, [e.lon, e.lat]);
      else if (e.type === 'way') ways.push(e);
      else relations++;
    });
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(`the OSM PBF data cannot be read (${(e as Error).message})`, HINT);
  }
  const features: Feature<LineString>[] = [];
  for (const w of ways) {
    const coordinates = w.nodes.map((ref) => {
      const p = nodes.get(ref);
      if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        throw new ParseError(`way ${w.id} refers to node ${ref}, which is not in the file`, 'extract with complete ways (e.g. osmium extract --strategy complete_ways) so every way keeps all its nodes', `way ${w.id}`);
      }
      return p;
    });
    features.push({ type: 'Feature', properties: { '@id': `way/${w.id}`, ...w.tags }, geometry: { type: 'LineString', coordinates } });
  }
  const warnings = relations ? [`${relations} relation(s) in the file were not read (roads are ways)`] : [];
  return { features, labels: ways.map((w) => `way ${w.id}`), crs: 'EPSG:4326', crsNote: 'OSM PBF: WGS 84 lon/lat', warnings };
}
