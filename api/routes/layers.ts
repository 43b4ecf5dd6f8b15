import { createRoute } from '@hono/zod-openapi';
import { LayersSchema } from '../schemas/platform.ts';
import { catalog } from '../services/catalog.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const route = createRoute({
  method: 'get', path: '/layers', tags: ['layers'], summary: 'Layer catalog: every layer with data, its legend, source and tile URLs',
  responses: { 200: jsonResponse(LayersSchema, 'The layers'), ...problemResponses },
});

export function layersRouter({ db }: AppDeps) {
  return router().openapi(route, async (c) => c.json({ layers: await catalog(db.sql) }, 200));
}
