/**
 * Map tiles: GET /tiles/:layer/:z/:x/:y.mvt (vector layers), .png (raster layers) and
 * GET /tiles/:layer.json (TileJSON 3.0). Tiles carry an ETag (hash of the body) and answer
 * If-None-Match with 304; empty tiles and tiles outside the data are 204 with no body.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { describe } from '../openapi.ts';
import { ProblemError } from '../problem.ts';
import { rasterStore } from '../stores/rasters.ts';
import { formatOf, knownLayerIds, renderTile, tileCoordError, tileJson, tileSource, type TileSource } from '../services/tiles/index.ts';

/** Browsers and CDNs may reuse a tile for 5 minutes, then revalidate with the ETag. */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=3600';

const CONTENT_TYPE = { mvt: 'application/vnd.mapbox-vector-tile', png: 'image/png' } as const;

describe({ method: 'get', path: '/tiles/:layer/:z/:x/:y.mvt', summary: 'Vector tile (Mapbox Vector Tile 2.1) of a vector layer; 204 when empty', tags: ['tiles'], responseType: CONTENT_TYPE.mvt, response: z.string().describe('binary MVT') });
describe({ method: 'get', path: '/tiles/:layer/:z/:x/:y.png', summary: 'Raster tile (256×256 RGBA PNG, Web Mercator) of a raster layer; 204 when empty', tags: ['tiles'], responseType: CONTENT_TYPE.png, response: z.string().describe('binary PNG') });
describe({
  method: 'get', path: '/tiles/:layer.json', summary: 'TileJSON 3.0 of a layer', tags: ['tiles'],
  response: z.object({
    tilejson: z.literal('3.0.0'),
    tiles: z.array(z.string()),
    minzoom: z.number(),
    maxzoom: z.number(),
    bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    vector_layers: z.array(z.object({ id: z.string(), fields: z.record(z.string(), z.string()) })).optional(),
  }).loose(),
});

function etagOf(body: Uint8Array | string): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

function notModified(c: Context, etag: string): boolean {
  const inm = c.req.header('if-none-match');
  if (!inm) return false;
  if (inm.trim() === '*') return true;
  return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

function requestOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0].trim() || url.protocol.replace(/:$/, '');
  const host = c.req.header('x-forwarded-host')?.split(',')[0].trim() || c.req.header('host') || url.host;
  return `${proto}://${host}`;
}

async function sourceOr404(deps: AppDeps, id: string): Promise<TileSource> {
  const src = await tileSource(deps.db.sql, id);
  if (src) return src;
  const known = await knownLayerIds(deps.db.sql);
  throw new ProblemError(404, 'Unknown layer', `There is no layer "${id}". Known layers: ${known.join(', ') || '(none: load data first)'}.`, { layer: id, known_layers: known });
}

export function tilesRouter(deps: AppDeps) {
  const ctx = { sql: deps.db.sql, backend: deps.db.backend, store: rasterStore };
  if (deps.config?.dataDir) rasterStore.setBaseDir(deps.config.dataDir);
  const app = new Hono();

  app.get('/:layer/:z/:x/:tile', async (c) => {
    const { layer: id, z: zs, x: xs, tile } = c.req.param();
    const m = /^(\d+)(?:\.(\w+))?$/.exec(tile);
    const isInt = (s: string) => /^\d+$/.test(s);
    if (!isInt(zs) || !isInt(xs) || !m) {
      throw new ProblemError(400, 'Invalid tile coordinates', `Tile coordinates must be integers: /tiles/${id}/{z}/{x}/{y}.mvt or .png, got /${zs}/${xs}/${tile}.`);
    }
    const t = { z: Number(zs), x: Number(xs), y: Number(m[1]) };
    const coordError = tileCoordError(t);
    if (coordError) throw new ProblemError(400, 'Invalid tile coordinates', `${coordError}.`, { z: t.z, x: t.x, y: t.y });
    const src = await sourceOr404(deps, id);
    const want = formatOf(src.layer.kind);
    if (m[2] !== want) {
      throw new ProblemError(400, 'Wrong tile format', `Layer "${id}" is a ${src.layer.kind} layer: request /tiles/${id}/${t.z}/${t.x}/${t.y}.${want}${m[2] ? ` (not .${m[2]})` : ''}.`);
    }
    const body = await renderTile(ctx, src, t);
    if (!body) return c.body(null, 204, { 'cache-control': CACHE_CONTROL });
    const etag = etagOf(body);
    const headers = { etag, 'cache-control': CACHE_CONTROL, vary: 'accept-encoding' };
    if (notModified(c, etag)) return c.body(null, 304, headers);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-type': CONTENT_TYPE[want] });
  });

  app.get('/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.json')) {
      throw new ProblemError(404, 'Not found', `No tile endpoint /tiles/${file}: use /tiles/{layer}.json or /tiles/{layer}/{z}/{x}/{y}.mvt|.png.`);
    }
    const src = await sourceOr404(deps, file.slice(0, -'.json'.length));
    const body = JSON.stringify(await tileJson(deps.db.sql, src, requestOrigin(c)));
    const etag = etagOf(body);
    const headers = { etag, 'cache-control': 'public, max-age=60' };
    if (notModified(c, etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  });

  app.all('*', (c) => {
    throw new ProblemError(404, 'Not found', `No tile endpoint ${c.req.method} ${c.req.path}: use GET /tiles/{layer}.json or /tiles/{layer}/{z}/{x}/{y}.mvt|.png.`);
  });

  return app;
}
