import { createRoute, z } from '@hono/zod-openapi';
import { StandCarbonSchema } from '../schemas/carbon.ts';
import { standCarbon } from '../services/stand-carbon.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const route = createRoute({
  method: 'get', path: '/stands/{id}/carbon', tags: ['carbon'],
  summary: 'Carbon per hectare of one stand (小班): pools, stock and annual sink',
  request: { params: z.object({ id: z.string().min(1).max(200) }) },
  responses: { 200: jsonResponse(StandCarbonSchema, 'The stand’s carbon per hectare'), ...problemResponses },
});

export function standsRouter({ db }: AppDeps) {
  return router().openapi(route, async (c) => c.json(await standCarbon(db.sql, c.req.valid('param').id), 200));
}
