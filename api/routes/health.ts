import { createRoute } from '@hono/zod-openapi';
import { HealthSchema } from '../schemas/platform.ts';
import { health } from '../services/health.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const route = createRoute({
  method: 'get', path: '/health', tags: ['platform'], summary: 'Service status and database backend',
  responses: { 200: jsonResponse(HealthSchema, 'Service status'), ...problemResponses },
});

export function healthRouter({ db, version }: AppDeps) {
  return router().openapi(route, async (c) => c.json(await health(db.sql, db.backend, version), 200));
}
