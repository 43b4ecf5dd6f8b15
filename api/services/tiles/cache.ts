/**
 * Rendered tiles kept for reuse: in memory (least recently used first out, bounded in bytes) and on
 * disk under `<dataDir>/tile-cache/<layer>/<version>/<z>/<x>/<y>.<ext>`, so browsing the map does not
 * queue behind analyses and a restart keeps the warm tiles. The key carries the layer's data version
 * (see `layerVersion` in ./index.ts): an import or a rebuilt raster gives new keys, and the folders
 * of a layer's older versions are removed when a newer one is first seen. Empty tiles are kept too
 * (as zero bytes). Concurrent requests for one missing tile render it once.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface TileKey {
  layer: string;
  /** The layer's data version: any string; hashed into a folder name. */
  version: string;
  z: number;
  x: number;
  y: number;
  ext: string;
}

export interface TileCacheOptions {
  /** Memory budget in bytes (0 = no memory cache). */
  maxBytes: number;
  /** Folder for the disk cache; undefined = memory only. */
  dir?: string;
}

const EMPTY = new Uint8Array(0);
const versionFolder = (v: string) => createHash('sha256').update(v).digest('hex').slice(0, 16);
/** Layer ids are catalog ids (letters, digits, _ and -); anything else is encoded for the file system. */
const layerFolder = (id: string) => encodeURIComponent(id).replace(/\./g, '%2E');

export class TileCache {
  private readonly memory = new Map<string, Uint8Array>();
  private bytes = 0;
  private readonly rendering = new Map<string, Promise<Uint8Array | null>>();
  private readonly currentVersion = new Map<string, string>();
  private readonly stats = { memoryHits: 0, diskHits: 0, misses: 0, evictions: 0 };

  constructor(private readonly opts: TileCacheOptions) {}

  /**
   * The tile for `key`: from memory, else from disk, else `render()` (null = empty tile), which is
   * then kept. A failed render is not kept and its error reaches every waiting caller.
   */
  async tile(key: TileKey, render: () => Promise<Uint8Array | null>): Promise<Uint8Array | null> {
    this.noteVersion(key);
    const id = `${layerFolder(key.layer)}/${versionFolder(key.version)}/${key.z}/${key.x}/${key.y}.${key.ext}`;
    const mem = this.memory.get(id);
    if (mem) {
      this.memory.delete(id);
      this.memory.set(id, mem);
      this.stats.memoryHits++;
      return mem.byteLength ? mem : null;
    }
    let pending = this.rendering.get(id);
    if (!pending) {
      pending = this.load(id, render).finally(() => this.rendering.delete(id));
      this.rendering.set(id, pending);
    }
    return pending;
  }

  /** Counters and bytes held in memory (for the bench and health checks). */
  info() {
    return { bytes: this.bytes, maxBytes: this.opts.maxBytes, tiles: this.memory.size, ...this.stats };
  }

  private async load(id: string, render: () => Promise<Uint8Array | null>): Promise<Uint8Array | null> {
    const file = this.opts.dir ? join(this.opts.dir, id) : undefined;
    if (file) {
      const disk = await readFile(file).catch(() => undefined);
      if (disk) {
        this.stats.diskHits++;
        const body = new Uint8Array(disk.buffer, disk.byteOffset, disk.byteLength);
        this.remember(id, body);
        return body.byteLength ? body : null;
      }
    }
    this.stats.misses++;
    const body = await render();
    this.remember(id, body ?? EMPTY);
    if (file) void this.write(file, body ?? EMPTY);
    return body;
  }

  private remember(id: string, body: Uint8Array): void {
    const cost = body.byteLength + 64;
    if (cost > this.opts.maxBytes) return;
    this.memory.set(id, body);
    this.bytes += cost;
    for (const [k, v] of this.memory) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.memory.delete(k);
      this.bytes -= v.byteLength + 64;
      this.stats.evictions++;
    }
  }

  /** Written to a temporary name and renamed, so a reader never sees half a tile. Best effort: a full disk only costs speed. */
  private async write(file: string, body: Uint8Array): Promise<void> {
    try {
      await mkdir(join(file, '..'), { recursive: true });
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, file);
    } catch {
      // The cache is an optimisation; the tile was served.
    }
  }

  /** A layer's first tile of a new version drops what is kept of its other versions. */
  private noteVersion(key: TileKey): void {
    const folder = versionFolder(key.version);
    const layer = layerFolder(key.layer);
    if (this.currentVersion.get(layer) === folder) return;
    this.currentVersion.set(layer, folder);
    for (const [k, v] of this.memory) {
      if (k.startsWith(`${layer}/`) && !k.startsWith(`${layer}/${folder}/`)) {
        this.memory.delete(k);
        this.bytes -= v.byteLength + 64;
      }
    }
    if (this.opts.dir) void this.dropOtherVersions(join(this.opts.dir, layer), folder);
  }

  private async dropOtherVersions(layerDir: string, keep: string): Promise<void> {
    const entries = await readdir(layerDir).catch(() => [] as string[]);
    await Promise.all(entries.filter((e) => e !== keep).map((e) => rm(join(layerDir, e), { recursive: true, force: true }).catch(() => {})));
  }
}
