/**
 * A small GeoTIFF writer: one band, tiled (256 × 256 by default), deflate-compressed
 * (Adobe deflate, TIFF compression 8, via node:zlib) with the horizontal (integers) or
 * floating-point (float32) predictor, little-endian classic TIFF.
 *
 * geotiff.js's own `writeArrayBuffer` only writes uncompressed strips, which is why tantu
 * carries this writer. Output is byte-for-byte deterministic (no timestamps), so tests can
 * compare checksums.
 *
 * Georeferencing: ModelPixelScale + ModelTiepoint (north-up, no rotation), GeoKeys for a
 * projected EPSG code (GTModelType 1, ProjectedCSTypeGeoKey, metres) or for EPSG:4326/4490
 * (GTModelType 2, GeographicTypeGeoKey, degrees), PixelIsArea, and the GDAL_NODATA tag (42113).
 * The result reads with geotiff.js (`fromFile`/`fromArrayBuffer`) and GDAL.
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { epsgNumber, isGeographic } from '../layers/geo/crs.ts';

export type RasterArray = Uint8Array | Int16Array | Uint16Array | Int32Array | Float32Array;

export interface GeoTiffSpec {
  width: number;
  height: number;
  data: RasterArray;
  /** 'EPSG:4549', 'EPSG:4326', … */
  crs: string;
  /** Upper-left corner of the upper-left pixel, in CRS units (metres or degrees). */
  originX: number;
  originY: number;
  /** Pixel size in CRS units, both positive (the image is north-up). */
  pixelSizeX: number;
  pixelSizeY: number;
  nodata?: number | null;
  /** Tile edge in pixels, a multiple of 16 (default 256). */
  tileSize?: number;
  /** zlib level 1–9 (default 6). */
  level?: number;
}

const enum T { SHORT = 3, LONG = 4, DOUBLE = 12, ASCII = 2 }

interface Tag { code: number; type: T; values: number[] | string }

function sampleFormat(a: RasterArray): { bits: number; format: number } {
  if (a instanceof Uint8Array) return { bits: 8, format: 1 };
  if (a instanceof Uint16Array) return { bits: 16, format: 1 };
  if (a instanceof Int16Array) return { bits: 16, format: 2 };
  if (a instanceof Int32Array) return { bits: 32, format: 2 };
  return { bits: 32, format: 3 };
}

/** GeoKeyDirectory values for a CRS code. */
export function geoKeys(crs: string): number[] {
  const n = epsgNumber(crs);
  if (n === undefined) throw new RangeError(`not an EPSG code: ${crs}`);
  const keys: [number, number][] = [[1025, 1]]; // GTRasterTypeGeoKey = PixelIsArea
  if (isGeographic(crs)) {
    keys.push([1024, 2], [2048, n], [2054, 9102]); // geographic, GeographicTypeGeoKey, degrees
  } else {
    keys.push([1024, 1], [3072, n], [3076, 9001]); // projected, ProjectedCSTypeGeoKey, metres
  }
  keys.sort((a, b) => a[0] - b[0]);
  const out = [1, 1, 0, keys.length];
  for (const [k, v] of keys) out.push(k, 0, 1, v);
  return out;
}

/** Encode one tile (already padded to tileSize²) with the predictor, then deflate. */
function encodeTile(tile: RasterArray, tileSize: number, level: number): Buffer {
  const bytes = new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
  const bps = tile.BYTES_PER_ELEMENT;
  if (tile instanceof Float32Array) {
    // Floating-point predictor (TIFF Technical Note 3): per row, bytes regrouped most-significant
    // first, then byte-wise horizontal differencing.
    const out = new Uint8Array(bytes.length);
    const rowBytes = tileSize * bps;
    for (let r = 0; r < tileSize; r++) {
      const base = r * rowBytes;
      for (let i = 0; i < tileSize; i++) {
        for (let b = 0; b < bps; b++) out[base + b * tileSize + i] = bytes[base + i * bps + (bps - 1 - b)];
      }
      for (let k = rowBytes - 1; k > 0; k--) out[base + k] = (out[base + k] - out[base + k - 1]) & 0xff;
    }
    return deflateSync(out, { level });
  }
  // Horizontal differencing predictor on samples (integers, little-endian).
  const diff = new (tile.constructor as { new (n: number): RasterArray })(tile.length);
  for (let r = 0; r < tileSize; r++) {
    const base = r * tileSize;
    diff[base] = tile[base];
    for (let i = 1; i < tileSize; i++) diff[base + i] = tile[base + i] - tile[base + i - 1];
  }
  void bps;
  return deflateSync(new Uint8Array(diff.buffer), { level });
}

/** Encode a single-band GeoTIFF in memory. */
export function encodeGeoTiff(spec: GeoTiffSpec): Uint8Array {
  const { width, height, data } = spec;
  if (data.length !== width * height) throw new RangeError(`data has ${data.length} values, expected ${width * height}`);
  const tileSize = spec.tileSize ?? 256;
  if (tileSize % 16 !== 0) throw new RangeError('tileSize must be a multiple of 16');
  const level = spec.level ?? 6;
  const { bits, format } = sampleFormat(data);
  const tilesAcross = Math.ceil(width / tileSize);
  const tilesDown = Math.ceil(height / tileSize);
  const Ctor = data.constructor as { new (n: number): RasterArray };
  const fill = spec.nodata ?? 0;

  const tiles: Buffer[] = [];
  for (let ty = 0; ty < tilesDown; ty++) {
    for (let tx = 0; tx < tilesAcross; tx++) {
      const tile = new Ctor(tileSize * tileSize);
      if (fill !== 0) tile.fill(fill);
      const x0 = tx * tileSize;
      const w = Math.min(tileSize, width - x0);
      for (let r = 0; r < tileSize; r++) {
        const y = ty * tileSize + r;
        if (y >= height) break;
        tile.set(data.subarray(y * width + x0, y * width + x0 + w) as never, r * tileSize);
      }
      tiles.push(encodeTile(tile, tileSize, level));
    }
  }

  const tags: Tag[] = [
    { code: 256, type: T.LONG, values: [width] },
    { code: 257, type: T.LONG, values: [height] },
    { code: 258, type: T.SHORT, values: [bits] },
    { code: 259, type: T.SHORT, values: [8] },
    { code: 262, type: T.SHORT, values: [1] },
    { code: 277, type: T.SHORT, values: [1] },
    { code: 284, type: T.SHORT, values: [1] },
    { code: 317, type: T.SHORT, values: [format === 3 ? 3 : 2] },
    { code: 322, type: T.LONG, values: [tileSize] },
    { code: 323, type: T.LONG, values: [tileSize] },
    { code: 324, type: T.LONG, values: new Array(tiles.length).fill(0) },
    { code: 325, type: T.LONG, values: tiles.map((t) => t.length) },
    { code: 339, type: T.SHORT, values: [format] },
    { code: 33550, type: T.DOUBLE, values: [spec.pixelSizeX, spec.pixelSizeY, 0] },
    { code: 33922, type: T.DOUBLE, values: [0, 0, 0, spec.originX, spec.originY, 0] },
    { code: 34735, type: T.SHORT, values: geoKeys(spec.crs) },
  ];
  if (spec.nodata !== undefined && spec.nodata !== null) {
    tags.push({ code: 42113, type: T.ASCII, values: `${spec.nodata}\0` });
  }
  tags.sort((a, b) => a.code - b.code);

  const size = (t: Tag) => (t.type === T.ASCII ? (t.values as string).length : (t.values as number[]).length * (t.type === T.SHORT ? 2 : t.type === T.LONG ? 4 : 8));
  const ifdOffset = 8;
  const ifdSize = 2 + tags.length * 12 + 4;
  let extra = ifdOffset + ifdSize;
  const extraOffsets = new Map<Tag, number>();
  for (const t of tags) {
    const s = size(t);
    if (s > 4) {
      extra += extra % 8 === 0 ? 0 : 8 - (extra % 8);
      extraOffsets.set(t, extra);
      extra += s;
    }
  }
  extra += extra % 8 === 0 ? 0 : 8 - (extra % 8);
  let dataOffset = extra;
  const offsets = (tags.find((t) => t.code === 324)!.values as number[]);
  for (let i = 0; i < tiles.length; i++) {
    offsets[i] = dataOffset;
    dataOffset += tiles[i].length;
    if (dataOffset > 0xffffffff) throw new RangeError('GeoTIFF larger than 4 GiB: use BigTIFF');
  }

  const buf = new Uint8Array(dataOffset);
  const dv = new DataView(buf.buffer);
  buf[0] = 0x49; buf[1] = 0x49; dv.setUint16(2, 42, true); dv.setUint32(4, ifdOffset, true);
  dv.setUint16(ifdOffset, tags.length, true);
  const writeValues = (t: Tag, at: number) => {
    if (t.type === T.ASCII) {
      const s = t.values as string;
      for (let i = 0; i < s.length; i++) buf[at + i] = s.charCodeAt(i);
      return;
    }
    const vals = t.values as number[];
    vals.forEach((v, i) => {
      if (t.type === T.SHORT) dv.setUint16(at + i * 2, v, true);
      else if (t.type === T.LONG) dv.setUint32(at + i * 4, v, true);
      else dv.setFloat64(at + i * 8, v, true);
    });
  };
  tags.forEach((t, i) => {
    const p = ifdOffset + 2 + i * 12;
    const count = t.type === T.ASCII ? (t.values as string).length : (t.values as number[]).length;
    dv.setUint16(p, t.code, true);
    dv.setUint16(p + 2, t.type, true);
    dv.setUint32(p + 4, count, true);
    const off = extraOffsets.get(t);
    if (off !== undefined) {
      dv.setUint32(p + 8, off, true);
      writeValues(t, off);
    } else {
      writeValues(t, p + 8);
    }
  });
  dv.setUint32(ifdOffset + 2 + tags.length * 12, 0, true);
  for (let i = 0; i < tiles.length; i++) buf.set(tiles[i], offsets[i]);
  return buf;
}

/** Write a single-band GeoTIFF file; returns its size in bytes. */
export function writeGeoTiff(path: string, spec: GeoTiffSpec): number {
  const bytes = encodeGeoTiff(spec);
  writeFileSync(path, bytes);
  return bytes.length;
}
