/** The tile cache: memory LRU by bytes, disk that survives a restart, versions, one render per missing tile. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TileCache, type TileKey } from '../../../api/services/tiles/cache.ts';

const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'tantu-tiles-')); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const key = (over: Partial<TileKey> = {}): TileKey => ({ layer: 'roads', version: 'v1', z: 10, x: 850, y: 420, ext: 'mvt', ...over });
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);
/** A renderer that counts its calls. */
function renderer(body: Uint8Array | null) {
  const r = { calls: 0, render: async () => { r.calls++; await new Promise((res) => setTimeout(res, 5)); return body; } };
  return r;
}
/** Lets the fire-and-forget disk writes finish. */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('TileCache', () => {
  it('renders a missing tile once for concurrent requests, then serves it from memory', async () => {
    const cache = new TileCache({ maxBytes: 1 << 20 });
    const r = renderer(bytes(100));
    const got = await Promise.all([1, 2, 3].map(() => cache.tile(key(), r.render)));
    expect(r.calls).toBe(1);
    for (const g of got) expect(g).toEqual(bytes(100));
    await cache.tile(key(), r.render);
    expect(r.calls).toBe(1);
    expect(cache.info()).toMatchObject({ tiles: 1, misses: 1, memoryHits: 1 });
  });

  it('keeps empty tiles as empty (null), without rendering them again', async () => {
    const cache = new TileCache({ maxBytes: 1 << 20 });
    const r = renderer(null);
    expect(await cache.tile(key(), r.render)).toBeNull();
    expect(await cache.tile(key(), r.render)).toBeNull();
    expect(r.calls).toBe(1);
  });

  it('evicts the least recently used tiles beyond its memory budget', async () => {
    const cache = new TileCache({ maxBytes: 3 * (1000 + 64) });
    for (const y of [1, 2, 3]) await cache.tile(key({ y }), async () => bytes(1000));
    await cache.tile(key({ y: 1 }), async () => bytes(1000)); // y=1 is now the most recent
    await cache.tile(key({ y: 4 }), async () => bytes(1000)); // evicts y=2
    const again = renderer(bytes(1000));
    await cache.tile(key({ y: 1 }), again.render);
    expect(again.calls).toBe(0);
    await cache.tile(key({ y: 2 }), again.render);
    expect(again.calls).toBe(1);
    expect(cache.info().bytes).toBeLessThanOrEqual(3 * 1064);
    expect(cache.info().evictions).toBeGreaterThanOrEqual(1);
  });

  it('keeps tiles on disk for the next process, and an empty tile as zero bytes', async () => {
    const dir = tmp();
    const first = new TileCache({ maxBytes: 1 << 20, dir });
    await first.tile(key(), async () => bytes(10, 3));
    await first.tile(key({ y: 421 }), async () => null);
    await settle();
    const second = new TileCache({ maxBytes: 1 << 20, dir });
    const r = renderer(bytes(1));
    expect(await second.tile(key(), r.render)).toEqual(bytes(10, 3));
    expect(await second.tile(key({ y: 421 }), r.render)).toBeNull();
    expect(r.calls).toBe(0);
    expect(second.info().diskHits).toBe(2);
  });

  it('a new data version draws new tiles and removes the older version from memory and disk', async () => {
    const dir = tmp();
    const cache = new TileCache({ maxBytes: 1 << 20, dir });
    await cache.tile(key(), async () => bytes(10, 1));
    await settle();
    expect(readdirSync(join(dir, 'roads'))).toHaveLength(1);
    const r = renderer(bytes(10, 2));
    expect(await cache.tile(key({ version: 'v2' }), r.render)).toEqual(bytes(10, 2));
    expect(r.calls).toBe(1);
    await settle();
    expect(readdirSync(join(dir, 'roads'))).toHaveLength(1);
    expect(cache.info().tiles).toBe(1);
  });

  it('does not keep a failed render, and tells every waiting caller', async () => {
    const cache = new TileCache({ maxBytes: 1 << 20, dir: tmp() });
    const failing = async () => { throw new Error('raster file missing'); };
    await expect(Promise.all([cache.tile(key(), failing), cache.tile(key(), failing)])).rejects.toThrow('raster file missing');
    const r = renderer(bytes(5));
    expect(await cache.tile(key(), r.render)).toEqual(bytes(5));
    expect(r.calls).toBe(1);
  });

  it('encodes a layer id that is not a plain file name', async () => {
    const dir = tmp();
    const cache = new TileCache({ maxBytes: 1 << 20, dir });
    await cache.tile(key({ layer: '../x' }), async () => bytes(2));
    await settle();
    expect(existsSync(join(dir, '%2E%2E%2Fx'))).toBe(true);
    expect(existsSync(join(dir, '..', 'x'))).toBe(false);
  });
});
