import { createRoute } from '@hono/zod-openapi';
import { CarbonAnalysisSchema, CarbonRequestSchema } from '../schemas/carbon.ts';
import { analyseCarbon } from '../services/carbon-analysis.ts';
import { DEFAULT_PARCEL_LIMITS } from '../services/parcel.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const route = createRoute({
  method: 'post', path: '/analysis/carbon', tags: ['carbon'],
  summary: 'Carbon stock, annual sink, creditable amount and value of a parcel',
  request: { body: { required: true, content: { 'application/json': { schema: CarbonRequestSchema } } } },
  responses: { 200: jsonResponse(CarbonAnalysisSchema, 'The analysis, with the parameters and data it used'), ...problemResponses },
});

export function analysisRouter({ db, config }: AppDeps) {
  const limits = { ...DEFAULT_PARCEL_LIMITS, max_area_km2: config.maxParcelKm2 };
  return router().openapi(route, async (c) => {
    const { geometry, scenario } = c.req.valid('json');
    return c.json(await analyseCarbon(db.sql, geometry, scenario ?? {}, limits), 200);
  });
}
