import { createRoute } from '@hono/zod-openapi';
import { RegionsQuerySchema, RegionsSchema } from '../schemas/platform.ts';
import { regionsGeoJson } from '../services/regions.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const route = createRoute({
  method: 'get', path: '/regions', tags: ['regions'], summary: 'Administrative units as GeoJSON',
  request: { query: RegionsQuerySchema },
  responses: { 200: jsonResponse(RegionsSchema, 'A FeatureCollection of regions', 'application/geo+json'), ...problemResponses },
});

export function regionsRouter({ db }: AppDeps) {
  return router().openapi(route, async (c) => {
    const { level } = c.req.valid('query');
    // The collection is built as JSON text by PostGIS: pass it through instead of parsing it again.
    return c.body(await regionsGeoJson(db.sql, level), 200, { 'content-type': 'application/geo+json; charset=utf-8' }) as never;
  });
}
