/**
 * Seeding the tile cache after start: every layer's tiles over its bounds, zoom by zoom from its
 * minimum zoom up to a highest zoom per kind, are asked for once, one at a time, so that browsing the map (and
 * every later start, from the disk cache) finds them drawn instead of queueing behind analyses for
 * the one embedded database connection. Like MapProxy's `seed`, and bounded the same way: whole zoom
 * levels are seeded while the running total stays within `maxTiles`, so a province-sized import does
 * not keep a laptop busy for hours. Tiles already on disk cost a file read. The tiles are requested
 * through the app itself (`request`), so they go through the same cache, layer bounds and version
 * keys as a browser's. Raster layers stop lower by default: their PNG tiles are ten times the size
 * of vector tiles (the demo county to zoom 14: 140 MB of raster tiles, 15 MB of vector tiles) and
 * are drawn from a block cache anyway.
 */
import { tileAt, type TileCoord } from './tile-math.ts';

export interface SeedLayer {
  id: string;
  kind: 'vector' | 'raster';
  /** URL template with {z}/{x}/{y}, as in /api/layers. */
  tiles: string;
  /** [west, south, east, north] degrees, or null for a layer without data. */
  bounds: [number, number, number, number] | null;
  minzoom: number;
  maxzoom: number;
}

export interface SeedOptions {
  /** Highest zoom to seed, per layer kind (TANTU_TILE_SEED_ZOOM, TANTU_TILE_SEED_RASTER_ZOOM); below 0 none of that kind. */
  maxZoom: Record<SeedLayer['kind'], number>;
  /** Most tiles to ask for in all (TANTU_TILE_SEED_MAX): the zoom level that would pass it is not started. */
  maxTiles: number;
}

/** Tiles at zoom z covering [w, s, e, n]. */
export function tilesInBounds([w, s, e, n]: [number, number, number, number], z: number): TileCoord[] {
  const a = tileAt(w, n, z), b = tileAt(e, s, z);
  const out: TileCoord[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  return out;
}

/**
 * The seeding order: zoom 0 of every layer, then zoom 1 …, so the views people open first are ready
 * first. Stops before the zoom level whose tiles would bring the total over `maxTiles`.
 */
export function seedPlan(layers: SeedLayer[], { maxZoom, maxTiles }: SeedOptions): { path: string; z: number }[] {
  const plan: { path: string; z: number }[] = [];
  for (let z = 0; z <= Math.max(maxZoom.vector, maxZoom.raster); z++) {
    const level: { path: string; z: number }[] = [];
    for (const l of layers) {
      if (!l.bounds || z < l.minzoom || z > l.maxzoom || z > maxZoom[l.kind]) continue;
      for (const t of tilesInBounds(l.bounds, z)) {
        level.push({ path: l.tiles.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y)), z });
      }
    }
    if (plan.length + level.length > maxTiles) break;
    plan.push(...level);
  }
  return plan;
}

export interface SeedReport {
  tiles: number;
  /** Highest zoom whose tiles were all asked for, -1 when none. */
  zoom: number;
  failed: number;
  seconds: number;
}

/**
 * Ask `request` for every tile of the plan, one after another. A failed tile is counted and skipped
 * (seeding is an optimisation); `signal` stops it, e.g. at shutdown.
 */
export async function seedTiles(request: (path: string) => Response | Promise<Response>, layers: SeedLayer[], opts: SeedOptions, signal?: AbortSignal): Promise<SeedReport> {
  const t0 = performance.now();
  const plan = seedPlan(layers, opts);
  let failed = 0, done = 0;
  for (const { path } of plan) {
    if (signal?.aborted) break;
    try {
      const res = await request(path);
      await res.arrayBuffer();
      if (res.status >= 400) failed++;
    } catch {
      failed++;
    }
    done++;
  }
  const zoom = done === plan.length ? (plan.at(-1)?.z ?? -1) : plan[done].z - 1;
  return { tiles: done, zoom, failed, seconds: (performance.now() - t0) / 1e3 };
}
