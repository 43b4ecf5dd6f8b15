/**
 * Map tiles: GET /tiles/:layer/:z/:x/:y.mvt (vector layers), .png (raster layers) and
 * GET /tiles/:layer.json (TileJSON 3.0). ETag and 304 come from hono/etag; empty tiles and tiles
 * outside the data are 204 with no body.
 */
import { z } from '@hono/zod-openapi';
import { etag } from 'hono/etag';
import { requestOrigin } from '../middleware/forwarded.ts';
import { TileJsonSchema } from '../schemas/platform.ts';
import { ProblemError } from '../services/problem.ts';
import { join } from 'node:path';
import { formatOf, knownLayerIds, MAX_TILE_ZOOM, renderTile, TileCache, tileCoordError, tileJson, tileSource, type TileSource } from '../services/tiles/index.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

/** Browsers and CDNs may reuse a tile for 5 minutes, then revalidate with the ETag. */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=3600';

const CONTENT_TYPE = { mvt: 'application/vnd.mapbox-vector-tile', png: 'image/png' } as const;

const TileParams = z.object({ layer: z.string(), z: z.string(), x: z.string(), y: z.string() });
const binary = (mediaType: string, description: string) => ({
  description, content: { [mediaType]: { schema: z.string().openapi({ format: 'binary' }) } },
});

async function sourceOr404(deps: AppDeps, id: string): Promise<TileSource> {
  const src = await tileSource(deps.db.sql, id);
  if (src) return src;
  const known = await knownLayerIds(deps.db.sql);
  throw new ProblemError(404, 'Unknown layer', `There is no layer "${id}". Known layers: ${known.join(', ') || '(none: load data first)'}.`, { layer: id, known_layers: known },
    { title: '未知图层', detail: `没有图层 “${id}”。已有图层：${known.join('、') || '（无：请先加载数据）'}。` });
}

export function tilesRouter(deps: AppDeps) {
  const { tileCacheMb, dataDir } = deps.config;
  const cache = tileCacheMb > 0 ? new TileCache({ maxBytes: tileCacheMb * 1024 * 1024, dir: join(dataDir, 'tile-cache') }) : undefined;
  const ctx = { sql: deps.db.sql, backend: deps.db.backend, cache };
  const app = router();
  // The tile paths carry the format in the last segment, which OpenAPI cannot express as a parameter:
  // the operations are documented here and served by the two handlers below.
  const doc = app.openAPIRegistry;
  doc.registerPath({ method: 'get', path: '/{layer}/{z}/{x}/{y}.mvt', tags: ['tiles'], summary: 'Vector tile (Mapbox Vector Tile 2.1) of a vector layer; 204 when empty',
    request: { params: TileParams }, responses: { 200: binary(CONTENT_TYPE.mvt, 'The tile'), 204: { description: 'Empty tile' }, ...problemResponses } });
  doc.registerPath({ method: 'get', path: '/{layer}/{z}/{x}/{y}.png', tags: ['tiles'], summary: 'Raster tile (256×256 RGBA PNG, Web Mercator) of a raster layer; 204 when empty',
    request: { params: TileParams }, responses: { 200: binary(CONTENT_TYPE.png, 'The tile'), 204: { description: 'Empty tile' }, ...problemResponses } });
  doc.registerPath({ method: 'get', path: '/{layer}.json', tags: ['tiles'], summary: 'TileJSON 3.0 of a layer',
    request: { params: z.object({ layer: z.string() }) }, responses: { 200: jsonResponse(TileJsonSchema, 'TileJSON'), ...problemResponses } });

  app.use('*', etag());

  app.get('/:layer/:z/:x/:tile', async (c) => {
    const { layer: id, z: zs, x: xs, tile } = c.req.param();
    const m = /^(\d+)(?:\.(\w+))?$/.exec(tile);
    const isInt = (s: string) => /^\d+$/.test(s);
    if (!isInt(zs) || !isInt(xs) || !m) {
      throw new ProblemError(400, 'Invalid tile coordinates', `Tile coordinates must be integers: /tiles/${id}/{z}/{x}/{y}.mvt or .png, got /${zs}/${xs}/${tile}.`, {},
        { title: '瓦片坐标无效', detail: `瓦片坐标必须是整数：/tiles/${id}/{z}/{x}/{y}.mvt 或 .png，收到 /${zs}/${xs}/${tile}。` });
    }
    const t = { z: Number(zs), x: Number(xs), y: Number(m[1]) };
    const coordError = tileCoordError(t);
    if (coordError) throw new ProblemError(400, 'Invalid tile coordinates', `${coordError}.`, { z: t.z, x: t.x, y: t.y },
      { title: '瓦片坐标无效', detail: `瓦片坐标超出范围：z=${t.z} 须为 0–${MAX_TILE_ZOOM} 的整数，x、y 须为 0–2^z−1 的整数（收到 ${t.z}/${t.x}/${t.y}）。` });
    const src = await sourceOr404(deps, id);
    const want = formatOf(src.layer.kind);
    if (m[2] !== want) {
      throw new ProblemError(400, 'Wrong tile format', `Layer "${id}" is a ${src.layer.kind} layer: request /tiles/${id}/${t.z}/${t.x}/${t.y}.${want}${m[2] ? ` (not .${m[2]})` : ''}.`, {},
        { title: '瓦片格式不符', detail: `图层 “${id}” 是${src.layer.kind === 'vector' ? '矢量' : '栅格'}图层：请请求 /tiles/${id}/${t.z}/${t.x}/${t.y}.${want}${m[2] ? `（而不是 .${m[2]}）` : ''}。` });
    }
    const body = await renderTile(ctx, src, t);
    if (!body) return c.body(null, 204, { 'cache-control': CACHE_CONTROL });
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'cache-control': CACHE_CONTROL, vary: 'accept-encoding', 'content-type': CONTENT_TYPE[want] });
  });

  app.get('/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.json')) {
      throw new ProblemError(404, 'Not found', `No tile endpoint /tiles/${file}: use /tiles/{layer}.json or /tiles/{layer}/{z}/{x}/{y}.mvt|.png.`, {},
        { title: '未找到', detail: `没有瓦片接口 /tiles/${file}：请使用 /tiles/{图层}.json 或 /tiles/{图层}/{z}/{x}/{y}.mvt|.png。` });
    }
    const src = await sourceOr404(deps, file.slice(0, -'.json'.length));
    return c.body(JSON.stringify(await tileJson(deps.db.sql, src, requestOrigin(c, deps.config.trustProxy))), 200, {
      'cache-control': 'public, max-age=60', 'content-type': 'application/json; charset=utf-8', ...(deps.config.trustProxy ? { vary: 'X-Forwarded-Host, X-Forwarded-Proto' } : {}),
    });
  });

  app.all('*', (c) => {
    throw new ProblemError(404, 'Not found', `No tile endpoint ${c.req.method} ${c.req.path}: use GET /tiles/{layer}.json or /tiles/{layer}/{z}/{x}/{y}.mvt|.png.`, {},
      { title: '未找到', detail: `没有瓦片接口 ${c.req.method} ${c.req.path}：请使用 GET /tiles/{图层}.json 或 /tiles/{图层}/{z}/{x}/{y}.mvt|.png。` });
  });

  return app;
}
