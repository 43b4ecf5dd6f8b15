/**
 * Raster store: GeoTIFFs (local path or http(s) URL, read with range requests) read window by
 * window. One open handle per raster; decoded blocks are kept in an LRU cache bounded by bytes,
 * so tiles and zonal statistics that touch the same area decode it once.
 *
 * Pixel coordinates are (column, row) of the image grid, origin at the top-left corner of the
 * top-left pixel, as in GDAL; a window is [x0, x1) × [y0, y1).
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fromFile, fromUrl, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import type { RasterRecord } from './catalog.ts';
import { worldToPixel } from '../../layers/raster/grid.ts';
import { sampleBilinear, sampleNearest, type RasterArray, type RasterWindow } from '../../layers/raster/sample.ts';

export interface ReadOptions {
  /** Band (sample) index, 0-based. Default 0. */
  band?: number;
  /** Image level: 0 = full resolution, 1.. = internal overviews (COG), coarsest last. Default 0. */
  level?: number;
}

/** One resolution level of an open raster. */
export interface RasterLevel {
  width: number;
  height: number;
  /** Full-resolution pixels per pixel of this level. */
  scale: number;
}

interface Level extends RasterLevel {
  image: GeoTIFFImage;
  blockWidth: number;
  blockHeight: number;
}

interface Handle {
  key: string;
  tiff: GeoTIFF;
  levels: Level[];
}

interface CachedBlock {
  data: RasterArray;
  width: number;
  height: number;
}

export interface RasterStoreOptions {
  /** Upper bound of decoded block bytes kept in memory. Default 256 MiB (TANTU_RASTER_CACHE_MB). */
  maxBytes?: number;
  /** Folder that relative raster paths are resolved against. Default: the working directory. */
  baseDir?: string;
}

const isUrl = (p: string) => /^https?:\/\//i.test(p);

/** Aim for cache blocks of about this many pixels on a side (aligned to the file's tiles or strips). */
const TARGET_BLOCK_PX = 256;

export class RasterStore {
  readonly maxBytes: number;
  private baseDir: string;
  private handles = new Map<string, Promise<Handle>>();
  private blocks = new Map<string, CachedBlock>();
  private pending = new Map<string, Promise<CachedBlock>>();
  private bytes = 0;
  private stats = { hits: 0, misses: 0, evictions: 0 };

  constructor(opts: RasterStoreOptions = {}) {
    const envMb = Number(process.env.TANTU_RASTER_CACHE_MB);
    this.maxBytes = opts.maxBytes ?? (Number.isFinite(envMb) && envMb > 0 ? envMb * 2 ** 20 : 256 * 2 ** 20);
    this.baseDir = opts.baseDir ?? process.cwd();
  }

  /** Where relative paths are resolved (e.g. the data folder). */
  setBaseDir(dir: string): void {
    this.baseDir = dir;
  }

  /** The absolute path or URL of a raster's file. */
  location(path: string): string {
    return isUrl(path) || isAbsolute(path) ? path : resolve(this.baseDir, path);
  }

  /** The resolution levels of a raster (level 0 = full resolution, then internal overviews). */
  async levels(record: Pick<RasterRecord, 'path' | 'width' | 'height'>): Promise<RasterLevel[]> {
    const h = await this.open(record);
    return h.levels.map(({ width, height, scale }) => ({ width, height, scale }));
  }

  /**
   * Read the window [x0, x1) × [y0, y1) (pixels of the chosen level) of one band. The window is
   * clipped to the image: the result's x0/y0/width/height say what was read (width or height 0
   * when the window misses the image).
   */
  async readWindow(
    record: Pick<RasterRecord, 'path' | 'width' | 'height' | 'nodata'>,
    x0: number, y0: number, x1: number, y1: number,
    opts: ReadOptions = {},
  ): Promise<RasterWindow> {
    const h = await this.open(record);
    const levelIndex = Math.min(Math.max(0, opts.level ?? 0), h.levels.length - 1);
    const level = h.levels[levelIndex];
    const band = opts.band ?? 0;
    if (band < 0 || band >= level.image.getSamplesPerPixel()) {
      throw new RangeError(`band ${band} does not exist in ${record.path} (${level.image.getSamplesPerPixel()} bands)`);
    }
    const cx0 = Math.max(0, Math.floor(x0));
    const cy0 = Math.max(0, Math.floor(y0));
    const cx1 = Math.min(level.width, Math.ceil(x1));
    const cy1 = Math.min(level.height, Math.ceil(y1));
    const width = Math.max(0, cx1 - cx0);
    const height = Math.max(0, cy1 - cy0);
    const nodata = record.nodata ?? null;
    if (width === 0 || height === 0) {
      return { data: new Float32Array(0), width: 0, height: 0, x0: cx0, y0: cy0, nodata, scale: level.scale };
    }
    const bx0 = Math.floor(cx0 / level.blockWidth);
    const bx1 = Math.floor((cx1 - 1) / level.blockWidth);
    const by0 = Math.floor(cy0 / level.blockHeight);
    const by1 = Math.floor((cy1 - 1) / level.blockHeight);
    const jobs: Promise<[number, number, CachedBlock]>[] = [];
    for (let by = by0; by <= by1; by++) {
      for (let bx = bx0; bx <= bx1; bx++) {
        jobs.push(this.block(h, levelIndex, band, bx, by).then((b) => [bx, by, b]));
      }
    }
    const blocks = await Promise.all(jobs);
    const first = blocks[0][2];
    const Ctor = first.data.constructor as new (n: number) => RasterArray;
    const out = new Ctor(width * height);
    for (const [bx, by, b] of blocks) {
      const ox = bx * level.blockWidth;
      const oy = by * level.blockHeight;
      const sx0 = Math.max(cx0, ox);
      const sx1 = Math.min(cx1, ox + b.width);
      const sy0 = Math.max(cy0, oy);
      const sy1 = Math.min(cy1, oy + b.height);
      const n = sx1 - sx0;
      if (n <= 0) continue;
      for (let y = sy0; y < sy1; y++) {
        const src = (y - oy) * b.width + (sx0 - ox);
        out.set(b.data.subarray(src, src + n) as never, (y - cy0) * width + (sx0 - cx0));
      }
    }
    return { data: out, width, height, x0: cx0, y0: cy0, nodata, scale: level.scale };
  }

  /** Cache statistics (bytes held, hits, misses, evictions). */
  cacheStats() {
    return { bytes: this.bytes, maxBytes: this.maxBytes, blocks: this.blocks.size, handles: this.handles.size, ...this.stats };
  }

  /** Forget a raster (after its file was rewritten): closes the handle and drops its blocks. */
  async invalidate(path: string): Promise<void> {
    for (const [key, p] of [...this.handles]) {
      if (!key.startsWith(`${this.location(path)}|`)) continue;
      this.handles.delete(key);
      for (const bk of [...this.blocks.keys()]) {
        if (bk.startsWith(`${key}#`)) this.drop(bk);
      }
      try {
        await (await p).tiff.close();
      } catch { /* already gone */ }
    }
  }

  /** Close every handle and empty the cache. */
  async close(): Promise<void> {
    const all = [...this.handles.values()];
    this.handles.clear();
    this.blocks.clear();
    this.pending.clear();
    this.bytes = 0;
    for (const p of all) {
      try {
        await (await p).tiff.close();
      } catch { /* ignore */ }
    }
  }

  private drop(key: string) {
    const b = this.blocks.get(key);
    if (!b) return;
    this.blocks.delete(key);
    this.bytes -= b.data.byteLength;
  }

  /**
   * The version of a raster's file: size and mtime of a local file (so a file rewritten in place gets
   * a new version and stale blocks or tiles are never served); '' for a URL.
   */
  async fileVersion(path: string): Promise<string> {
    const loc = this.location(path);
    if (isUrl(loc)) return '';
    const s = await stat(loc).catch(() => undefined);
    if (!s) throw new Error(`raster file ${loc} does not exist`);
    return `${s.size}:${s.mtimeMs}`;
  }

  private async open(record: Pick<RasterRecord, 'path' | 'width' | 'height'>): Promise<Handle> {
    const loc = this.location(record.path);
    const version = await this.fileVersion(record.path);
    const key = `${loc}|${record.width}x${record.height}|${version}`;
    let h = this.handles.get(key);
    if (!h) {
      // Drop older versions of the same file.
      for (const k of this.handles.keys()) if (k.startsWith(`${loc}|`)) void this.invalidateKey(k);
      h = openHandle(key, loc, record);
      this.handles.set(key, h);
      h.catch(() => this.handles.delete(key));
    }
    return h;
  }

  private async invalidateKey(key: string) {
    const p = this.handles.get(key);
    this.handles.delete(key);
    for (const bk of [...this.blocks.keys()]) if (bk.startsWith(`${key}#`)) this.drop(bk);
    try {
      await (await p)?.tiff.close();
    } catch { /* ignore */ }
  }

  private block(h: Handle, levelIndex: number, band: number, bx: number, by: number): Promise<CachedBlock> {
    const key = `${h.key}#${levelIndex}/${band}/${bx}/${by}`;
    const hit = this.blocks.get(key);
    if (hit) {
      // LRU: move to the most recent end.
      this.blocks.delete(key);
      this.blocks.set(key, hit);
      this.stats.hits++;
      return Promise.resolve(hit);
    }
    const inflight = this.pending.get(key);
    if (inflight) return inflight;
    this.stats.misses++;
    const level = h.levels[levelIndex];
    const x0 = bx * level.blockWidth;
    const y0 = by * level.blockHeight;
    const x1 = Math.min(level.width, x0 + level.blockWidth);
    const y1 = Math.min(level.height, y0 + level.blockHeight);
    const p = level.image
      .readRasters({ window: [x0, y0, x1, y1], samples: [band], interleave: false })
      .then((r) => {
        const data = (r as unknown as RasterArray[])[0];
        const b: CachedBlock = { data, width: x1 - x0, height: y1 - y0 };
        this.pending.delete(key);
        if (this.handles.has(h.key)) this.remember(key, b);
        return b;
      }, (err) => {
        this.pending.delete(key);
        throw err;
      });
    this.pending.set(key, p);
    return p;
  }

  private remember(key: string, b: CachedBlock) {
    this.blocks.set(key, b);
    this.bytes += b.data.byteLength;
    while (this.bytes > this.maxBytes && this.blocks.size > 1) {
      const oldest = this.blocks.keys().next().value as string;
      this.drop(oldest);
      this.stats.evictions++;
    }
  }
}

async function openHandle(key: string, loc: string, record: Pick<RasterRecord, 'path' | 'width' | 'height'>): Promise<Handle> {
  const tiff = isUrl(loc) ? await fromUrl(loc, { allowFullFile: false }) : await fromFile(loc);
  const count = await tiff.getImageCount();
  const levels: Level[] = [];
  for (let i = 0; i < count; i++) {
    const image = await tiff.getImage(i);
    const subfile = Number(image.getFileDirectory().getValue('NewSubfileType') ?? 0);
    if (subfile & 4) continue; // transparency mask, not data
    const width = image.getWidth();
    const height = image.getHeight();
    if (levels.length === 0 && (width !== record.width || height !== record.height)) {
      await tiff.close();
      throw new Error(`raster ${loc} is ${width}×${height} pixels but is registered as ${record.width}×${record.height}`);
    }
    const tw = image.getTileWidth();
    const th = image.getTileHeight();
    const blockWidth = image.isTiled ? tw * Math.max(1, Math.floor(TARGET_BLOCK_PX / tw)) : width;
    const blockHeight = th * Math.max(1, Math.floor(TARGET_BLOCK_PX / th));
    levels.push({ image, width, height, scale: levels.length ? record.width / width : 1, blockWidth, blockHeight });
  }
  levels.sort((a, b) => a.scale - b.scale);
  return { key, tiff, levels };
}

/** The process-wide raster store (one handle per raster, one cache). */
export const rasterStore = new RasterStore();

/** Read a window of one band from the process-wide store; see `RasterStore.readWindow`. */
export function readWindow(
  record: Pick<RasterRecord, 'path' | 'width' | 'height' | 'nodata'>,
  x0: number, y0: number, x1: number, y1: number,
  opts?: ReadOptions,
): Promise<RasterWindow> {
  return rasterStore.readWindow(record, x0, y0, x1, y1, opts);
}

/**
 * Values of one band at points given in the raster's CRS (nearest pixel), reading only the
 * window that covers them. Undefined for points outside the raster or at nodata.
 */
export async function samplePoints(
  record: Pick<RasterRecord, 'path' | 'width' | 'height' | 'nodata' | 'geotransform' | 'crs'>,
  points: readonly (readonly [number, number])[],
  opts: { band?: number; bilinear?: boolean; store?: RasterStore } = {},
): Promise<(number | undefined)[]> {
  if (!points.length) return [];
  const px = points.map(([x, y]) => worldToPixel(record, x, y));
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [c, r] of px) {
    x0 = Math.min(x0, c); y0 = Math.min(y0, r); x1 = Math.max(x1, c); y1 = Math.max(y1, r);
  }
  const w = await (opts.store ?? rasterStore).readWindow(record, Math.floor(x0) - 1, Math.floor(y0) - 1, Math.floor(x1) + 2, Math.floor(y1) + 2, { band: opts.band });
  return px.map(([c, r]) => (opts.bilinear ? sampleBilinear(w, c, r) : sampleNearest(w, c, r)));
}
