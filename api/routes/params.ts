import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../middleware/auth.ts';
import { CarbonParamsSchema, ParamAuditSchema, ParamOverrideRequestSchema, ParamOverrideResultSchema } from '../schemas/carbon.ts';
import { carbonParamAudit, carbonParams, overrideCarbonTable, resetCarbonTable } from '../services/carbon-params.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const TableParam = z.object({ table: z.string().min(1).max(100).describe('Table name, as GET /api/params/carbon lists them') });
const admin = { security: [{ bearer: [] }] };

const get = createRoute({
  method: 'get', path: '/params/carbon', tags: ['carbon'],
  summary: 'Carbon parameter tables in force (defaults with their sources, and overrides)',
  responses: { 200: jsonResponse(CarbonParamsSchema, 'The tables'), ...problemResponses },
});
const put = createRoute({
  method: 'put', path: '/params/carbon/{table}', tags: ['carbon'], ...admin,
  summary: 'Replace one carbon parameter table (administrator: Authorization: Bearer <TANTU_ADMIN_TOKEN>)',
  request: { params: TableParam, body: { required: true, content: { 'application/json': { schema: ParamOverrideRequestSchema } } } },
  responses: { 200: jsonResponse(ParamOverrideResultSchema, 'Stored'), ...problemResponses },
});
const del = createRoute({
  method: 'delete', path: '/params/carbon/{table}', tags: ['carbon'], ...admin,
  summary: 'Restore a table to its default (administrator)',
  request: { params: TableParam },
  responses: { 200: jsonResponse(ParamOverrideResultSchema, 'Restored'), ...problemResponses },
});
const audit = createRoute({
  method: 'get', path: '/params/audit', tags: ['carbon'], ...admin,
  summary: 'Who changed which parameter table when, newest first (administrator)',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Number of entries') }) },
  responses: { 200: jsonResponse(ParamAuditSchema, 'The latest changes'), ...problemResponses },
});

export function paramsRouter({ db, config }: AppDeps) {
  const adminOnly = requireRole('admin', () => (config.adminToken ? undefined
    : 'Parameter editing is disabled: start the server with TANTU_ADMIN_TOKEN set to allow an administrator to change parameter tables.'));
  const app = router();
  app.use('/params/carbon/:table', async (c, next) => (c.req.method === 'GET' ? next() : adminOnly(c, next)));
  app.use('/params/audit', adminOnly);
  return app
    .openapi(get, async (c) => c.json(await carbonParams(db.sql), 200))
    .openapi(put, async (c) => {
      const { table } = c.req.valid('param');
      const { value, note } = c.req.valid('json');
      await overrideCarbonTable(db.sql, table, value, c.get('identity')!.id, note ?? null);
      return c.json({ table, status: 'overridden' as const }, 200);
    })
    .openapi(del, async (c) => {
      const { table } = c.req.valid('param');
      const removed = await resetCarbonTable(db.sql, table, c.get('identity')!.id);
      return c.json({ table, status: removed ? ('default restored' as const) : ('was default' as const) }, 200);
    })
    .openapi(audit, async (c) => c.json({ entries: await carbonParamAudit(db.sql, c.req.valid('query').limit) }, 200));
}
