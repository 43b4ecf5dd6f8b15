import { createRoute } from '@hono/zod-openapi';
import { LayersSchema } from '../schemas/platform.ts';
import { RasterValueParamsSchema, RasterValueQuerySchema, RasterValueSchema } from '../schemas/raster-value.ts';
import { catalog } from '../services/catalog.ts';
import { rasterLayerValue } from '../services/raster-value.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const route = createRoute({
  method: 'get', path: '/layers', tags: ['layers'], summary: 'Layer catalog: every layer with data, its legend, source and tile URLs',
  responses: { 200: jsonResponse(LayersSchema, 'The layers'), ...problemResponses },
});

const valueRoute = createRoute({
  method: 'get', path: '/layers/{id}/value', tags: ['layers'],
  summary: 'The value of a raster layer under a point (nearest pixel), with its unit and legend class',
  request: { params: RasterValueParamsSchema, query: RasterValueQuerySchema },
  responses: { 200: jsonResponse(RasterValueSchema, 'The value (null outside the raster or at nodata)'), ...problemResponses },
});

export function layersRouter({ db }: AppDeps) {
  return router()
    .openapi(route, async (c) => c.json({ layers: await catalog(db.sql) }, 200))
    .openapi(valueRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { lon, lat } = c.req.valid('query');
      return c.json(await rasterLayerValue(db.sql, id, lon, lat), 200);
    });
}
