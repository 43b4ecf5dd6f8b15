/**
 * /api/indicators: a region's policy indicators against their targets (issue 14), and the targets
 * table. Reads are open; writes to /indicators/targets need a bureau or admin login, checked
 * before the body is read (no identity → 401, another role → 403); browser sessions also send
 * the CSRF token (api/middleware/csrf.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import { assertRole, type AuthEnv } from '../middleware/auth.ts';
import { IndicatorsQuerySchema, IndicatorsSchema, NewTargetSchema, TargetIdParam, TargetSchema, TargetsQuerySchema, TargetsSchema } from '../schemas/indicators.ts';
import { regionIndicators } from '../services/indicators/index.ts';
import { TARGET_WRITE_ROLES, addTarget, changeTarget, removeTarget, target, targets } from '../services/indicators/targets.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const tags = ['indicators'];
const secured = { security: [{ bearer: [] }, { session: [] }] as Record<string, string[]>[] };
const roles = `roles: ${TARGET_WRITE_ROLES.join(', ')}`;
const body = { body: { required: true, content: { 'application/json': { schema: NewTargetSchema } } } };

const indicators = createRoute({
  method: 'get', path: '/indicators', tags,
  summary: 'A region\'s policy indicators: measured value, the target that applies (own, or a city\'s / province\'s as reference), gap, status; children\'s values; the narrative',
  request: { query: IndicatorsQuerySchema },
  responses: { 200: jsonResponse(IndicatorsSchema, 'The indicators'), ...problemResponses },
});
const list = createRoute({
  method: 'get', path: '/indicators/targets', tags, summary: 'Policy targets (sourced; seeded from the Zhejiang carbon-peak plans)',
  request: { query: TargetsQuerySchema }, responses: { 200: jsonResponse(TargetsSchema, 'Targets'), ...problemResponses },
});
const one = createRoute({
  method: 'get', path: '/indicators/targets/{id}', tags, summary: 'One target',
  request: { params: TargetIdParam }, responses: { 200: jsonResponse(TargetSchema, 'The target'), ...problemResponses },
});
const add = createRoute({
  method: 'post', path: '/indicators/targets', tags, ...secured, summary: `Add a target (${roles})`,
  request: body, responses: { 201: jsonResponse(TargetSchema, 'Added'), ...problemResponses },
});
const change = createRoute({
  method: 'put', path: '/indicators/targets/{id}', tags, ...secured, summary: `Replace a target (${roles})`,
  request: { params: TargetIdParam, ...body }, responses: { 200: jsonResponse(TargetSchema, 'Replaced'), ...problemResponses },
});
const remove = createRoute({
  method: 'delete', path: '/indicators/targets/{id}', tags, ...secured, summary: `Delete a target (${roles})`,
  request: { params: TargetIdParam }, responses: { 204: { description: 'Deleted' }, ...problemResponses },
});

export function indicatorsRouter({ db, config }: AppDeps) {
  const sql = db.sql;
  const app = router();
  const writers = async (c: Context<AuthEnv>, next: Next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') assertRole(c.get('identity'), TARGET_WRITE_ROLES);
    await next();
  };
  app.use('/indicators/targets', writers);
  app.use('/indicators/targets/*', writers);
  const by = (c: Context<AuthEnv>) => c.get('identity')!.id;
  return app
    .openapi(indicators, async (c) => c.json(await regionIndicators({ sql, dataDir: config.dataDir }, c.req.valid('query')), 200))
    .openapi(list, async (c) => c.json(await targets(sql, c.req.valid('query')), 200))
    .openapi(one, async (c) => c.json(await target(sql, c.req.valid('param').id), 200))
    .openapi(add, async (c) => c.json(await addTarget(sql, by(c), c.req.valid('json')), 201))
    .openapi(change, async (c) => c.json(await changeTarget(sql, by(c), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(remove, async (c) => { await removeTarget(sql, c.req.valid('param').id); return c.body(null, 204); });
}

