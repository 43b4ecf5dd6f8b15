/**
 * Tile throughput: tiles per second for one vector layer (stands) and one raster layer (landcover)
 * over a 3×3 block of tiles around the demo county centre at each zoom 10–14 (sequential requests
 * through the app, as a map would send them one connection at a time). Each is measured twice:
 * drawn (`drawApp`, without the tile cache: a warm-up pass for raster blocks and layer lookups, then
 * the timed pass) and cached (`app`: the second pass of the same tiles, served from the tile cache).
 * On the server backend also the ratio, per stands tile, of the drawing endpoint's time to the time
 * of the bare ST_AsMVT SQL it runs (what the Node/HTTP layer costs on top).
 */
import type { Sql } from 'postgres';
import { getLayer } from '../../api/store/catalog.ts';
import { mvtSql, tileAt, type TileCoord } from '../../api/services/tiles/index.ts';
import type { BenchResult } from './result.ts';

type App = { request(path: string): Response | Promise<Response> };

export interface BenchContext {
  /** The app as served (with its tile cache). */
  app: App;
  /** The same app without a tile cache (TANTU_TILE_CACHE_MB=0): what drawing a tile costs. */
  drawApp: App;
  sql: Sql;
  backend: 'embedded' | 'server';
}

const ZOOMS = [10, 11, 12, 13, 14];

async function countyCentre(sql: Sql): Promise<[number, number]> {
  const rows = await sql<{ lon: number | null; lat: number | null }[]>`
    SELECT ST_X(c) lon, ST_Y(c) lat FROM (
      SELECT ST_Centroid(coalesce(
        (SELECT ST_Collect(geom) FROM regions WHERE level = 'county'),
        (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4326) FROM stands))) c) q`;
  const { lon, lat } = rows[0] ?? {};
  if (lon == null || lat == null) throw new Error('benchTiles needs the demo county (regions or stands)');
  return [lon, lat];
}

function block(lon: number, lat: number, z: number): TileCoord[] {
  const c = tileAt(lon, lat, z);
  const out: TileCoord[] = [];
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) out.push({ z, x: c.x + dx, y: c.y + dy });
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function fetchTile(app: App, path: string): Promise<{ ms: number; status: number; bytes: number }> {
  const t0 = performance.now();
  const res = await app.request(path);
  const body = await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200 && res.status !== 204) throw new Error(`${path}: HTTP ${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
  return { ms, status: res.status, bytes: body.byteLength };
}

export async function benchTiles(ctx: BenchContext): Promise<BenchResult[]> {
  const { app, drawApp, sql, backend } = ctx;
  const [lon, lat] = await countyCentre(sql);
  const tiles = ZOOMS.flatMap((z) => block(lon, lat, z));
  const results: BenchResult[] = [];

  for (const [layer, ext] of [['stands', 'mvt'], ['landcover', 'png']] as const) {
    const paths = tiles.map((t) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.${ext}`);
    const pass = async (via: App) => {
      const t0 = performance.now();
      let empty = 0, bytes = 0;
      for (const p of paths) {
        const r = await fetchTile(via, p);
        if (r.status === 204) empty++;
        bytes += r.bytes;
      }
      return { seconds: (performance.now() - t0) / 1e3, empty, bytes };
    };
    await pass(drawApp);
    const drawn = await pass(drawApp);
    await pass(app);
    const cached = await pass(app);
    const rate = (p: { seconds: number }) => Math.round((paths.length / p.seconds) * 10) / 10;
    results.push({
      name: `tiles ${layer} .${ext} z${ZOOMS[0]}–${ZOOMS[ZOOMS.length - 1]}, drawn (${backend})`,
      value: rate(drawn),
      unit: 'tiles/s',
      note: `${paths.length} tiles (3×3 per zoom around the county centre), ${drawn.empty} empty, ` +
        `mean ${Math.round(drawn.bytes / Math.max(1, paths.length - drawn.empty) / 1024 * 10) / 10} KiB`,
    });
    results.push({
      name: `tiles ${layer} .${ext} z${ZOOMS[0]}–${ZOOMS[ZOOMS.length - 1]}, from the tile cache (${backend})`,
      value: rate(cached),
      unit: 'tiles/s',
      note: `${Math.round((drawn.seconds / cached.seconds) * 10) / 10}× the drawn rate`,
    });
  }

  if (backend === 'server') {
    const layer = await getLayer(sql, 'stands');
    if (layer) {
      const query = await mvtSql(sql, layer);
      const ratios: number[] = [];
      let endpointMs = 0, sqlMs = 0;
      for (const t of tiles) {
        const path = `/tiles/stands/${t.z}/${t.x}/${t.y}.mvt`;
        // Best of 3 each, alternating, so neither side pays for a cold cache.
        let e = Infinity, s = Infinity;
        for (let k = 0; k < 3; k++) {
          e = Math.min(e, (await fetchTile(drawApp, path)).ms);
          const t0 = performance.now();
          await sql.unsafe(query, [t.z, t.x, t.y, layer.id]);
          s = Math.min(s, performance.now() - t0);
        }
        endpointMs += e;
        sqlMs += s;
        ratios.push(e / s);
      }
      const sorted = [...ratios].sort((a, b) => a - b);
      results.push({
        name: 'tiles stands endpoint / raw ST_AsMVT time (server)',
        value: Math.round(median(ratios) * 100) / 100,
        unit: '×',
        note: `median over ${tiles.length} tiles z${ZOOMS[0]}–${ZOOMS[ZOOMS.length - 1]}; p90 ${Math.round(sorted[Math.floor(sorted.length * 0.9)] * 100) / 100}×; ` +
          `mean endpoint ${(endpointMs / tiles.length).toFixed(1)} ms vs SQL ${(sqlMs / tiles.length).toFixed(1)} ms`,
      });
    }
  }
  return results;
}
