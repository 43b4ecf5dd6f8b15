import { createRoute } from '@hono/zod-openapi';
import { HealthSchema } from '../schemas/platform.ts';
import { healthService } from '../services/health.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const route = createRoute({
  method: 'get', path: '/health', tags: ['platform'], summary: 'Service status and database backend; answers at once from a database check at most a few seconds old',
  responses: { 200: jsonResponse(HealthSchema, 'Service status'), ...problemResponses },
});

export function healthRouter({ db, version }: AppDeps) {
  const health = healthService(db.sql, db.backend, version);
  return router().openapi(route, async (c) => c.json(await health(), 200));
}
