import { describe, expect, it } from 'vitest';
import { seedPlan, seedTiles, tilesInBounds, type SeedLayer } from '../../../api/services/tiles/seed.ts';
import { tileBounds4326 } from '../../../api/services/tiles/tile-math.ts';

const county: [number, number, number, number] = [119.229, 30.374, 119.886, 30.876];
const layer = (id: string, minzoom = 0, bounds: SeedLayer['bounds'] = county): SeedLayer =>
  ({ id, kind: 'vector', tiles: `/tiles/${id}/{z}/{x}/{y}.mvt`, bounds, minzoom, maxzoom: 16 });

describe('tilesInBounds', () => {
  it('gives exactly the tiles that overlap the box', () => {
    for (const z of [0, 8, 12]) {
      const tiles = tilesInBounds(county, z);
      for (const t of tiles) {
        const [w, s, e, n] = tileBounds4326(t);
        expect(w <= county[2] && e >= county[0] && s <= county[3] && n >= county[1]).toBe(true);
      }
      // Neighbours just outside the range do not overlap.
      const xs = tiles.map((t) => t.x), ys = tiles.map((t) => t.y);
      const [w] = tileBounds4326({ z, x: Math.max(...xs) + 1, y: ys[0] });
      expect(w).toBeGreaterThan(county[2]);
    }
    expect(tilesInBounds(county, 0)).toEqual([{ z: 0, x: 0, y: 0 }]);
  });
});

describe('seedPlan', () => {
  it('goes zoom by zoom across layers, skips layers without data or below their minzoom, and stops before a level over the cap', () => {
    const layers = [layer('a'), layer('b', 9), layer('none', 0, null)];
    const plan = seedPlan(layers, { maxZoom: { vector: 10, raster: 10 }, maxTiles: 1_000 });
    const zooms = plan.map((p) => p.z);
    expect(zooms).toEqual([...zooms].sort((x, y) => x - y));
    expect(plan.some((p) => p.path.startsWith('/tiles/none/'))).toBe(false);
    expect(plan.filter((p) => p.path.startsWith('/tiles/b/')).every((p) => p.z >= 9)).toBe(true);
    expect(plan.filter((p) => p.z === 10)).toHaveLength(2 * tilesInBounds(county, 10).length);
    const upTo = (z: number) => plan.filter((p) => p.z <= z).length;
    const capped = seedPlan(layers, { maxZoom: { vector: 10, raster: 10 }, maxTiles: upTo(9) + 1 });
    expect(capped).toHaveLength(upTo(9));
    expect(capped.at(-1)!.z).toBe(9);
  });

  it('stops raster layers at their own zoom', () => {
    const plan = seedPlan([layer('v'), { ...layer('r'), kind: 'raster', tiles: '/tiles/r/{z}/{x}/{y}.png' }], { maxZoom: { vector: 9, raster: 6 }, maxTiles: 1_000 });
    expect(Math.max(...plan.filter((p) => p.path.startsWith('/tiles/r/')).map((p) => p.z))).toBe(6);
    expect(Math.max(...plan.filter((p) => p.path.startsWith('/tiles/v/')).map((p) => p.z))).toBe(9);
  });
});

describe('seedTiles', () => {
  it('asks for each planned tile once, counts failures and answers ≥ 400, and stops on abort', async () => {
    const layers = [layer('a')];
    const asked: string[] = [];
    const report = await seedTiles(async (path) => {
      asked.push(path);
      if (path === '/tiles/a/1/1/0.mvt') throw new Error('down');
      return new Response(null, { status: path.startsWith('/tiles/a/2/') ? 500 : 204 });
    }, layers, { maxZoom: { vector: 3, raster: 3 }, maxTiles: 100 });
    expect(asked).toEqual(seedPlan(layers, { maxZoom: { vector: 3, raster: 3 }, maxTiles: 100 }).map((p) => p.path));
    expect(report.tiles).toBe(asked.length);
    expect(report.zoom).toBe(3);
    expect(report.failed).toBe(1 + asked.filter((p) => p.startsWith('/tiles/a/2/')).length);

    const stop = new AbortController();
    const partial = await seedTiles(async () => { stop.abort(); return new Response(null, { status: 204 }); }, layers, { maxZoom: { vector: 3, raster: 3 }, maxTiles: 100 }, stop.signal);
    expect(partial).toMatchObject({ tiles: 1, zoom: 0 }); // zoom 0 is one tile: it was done
  });
});
