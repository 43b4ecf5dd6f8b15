/**
 * PV and wind siting (issue 11): rule sets, AHP, suitability scenarios and their PNG tiles, the
 * point readout, candidate zones (supply curve, robustness) and the parcel potential.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { etag } from 'hono/etag';
import { assertRole, ROLES } from '../middleware/auth.ts';
import {
  AhpRequestSchema, AhpResultSchema, FamilySchema, ParcelRequestSchema, ParcelResultSchema, PointQuerySchema, PointResultSchema,
  RuleSetBodySchema, RuleSetSchema, SitingRulesSchema, SuitabilityRequestSchema, SuitabilityResultSchema, ZonesQuerySchema, ZonesResultSchema,
} from '../schemas/siting.ts';
import { ahpService, removeRuleSet, saveRuleSet, sitingParcel, sitingPoint, sitingRules, sitingZones, suitabilityScenario, suitabilityTile, type SitingDeps } from '../services/siting/index.ts';
import { DEFAULT_PARCEL_LIMITS } from '../services/parcel.ts';
import { ProblemError } from '../services/problem.ts';
import { tileCoordError } from '../services/tiles/index.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const Family = z.object({ family: FamilySchema.describe('pv or wind') });
const RuleSetName = z.object({ name: z.string().min(1).max(100).regex(/^[\p{L}\p{N}_. -]+$/u) });
const secured = { security: [{ bearer: [] }, { session: [] }] as Record<string, string[]>[] };

const rules = createRoute({
  method: 'get', path: '/siting/rules', tags: ['siting'],
  summary: 'Siting rule sets (defaults per technology with their legal sources, and saved ones), criteria, weight presets, classes',
  responses: { 200: jsonResponse(SitingRulesSchema, 'The catalog'), ...problemResponses },
});
const putRules = createRoute({
  method: 'put', path: '/siting/rules/{name}', tags: ['siting'], ...secured,
  summary: 'Save an edited rule set under a name: any logged-in user (session cookie + X-CSRF-Token, or a bearer token); a name another user saved can be overwritten only by them or an administrator',
  request: { params: RuleSetName, body: { required: true, content: { 'application/json': { schema: RuleSetBodySchema } } } },
  responses: { 200: jsonResponse(RuleSetSchema, 'Stored'), ...problemResponses },
});
const deleteRules = createRoute({
  method: 'delete', path: '/siting/rules/{name}', tags: ['siting'], ...secured,
  summary: 'Delete a saved rule set: whoever saved it last, or an administrator (scenarios computed with it keep working)',
  request: { params: RuleSetName },
  responses: { 204: { description: 'Deleted' }, ...problemResponses },
});
const ahpRoute = createRoute({
  method: 'post', path: '/siting/ahp', tags: ['siting'],
  summary: 'AHP weights from a pairwise comparison matrix: principal eigenvector, λmax, CI, CR (warning when ≥ 0.10)',
  request: { body: { required: true, content: { 'application/json': { schema: AhpRequestSchema } } } },
  responses: { 200: jsonResponse(AhpResultSchema, 'Weights and consistency'), ...problemResponses },
});
const suit = createRoute({
  method: 'post', path: '/siting/{family}/suitability', tags: ['siting'],
  summary: 'Suitability S = Σ w x · Π c for the county: a scenario id (content hash) and its tile URL template',
  request: { params: Family, body: { required: true, content: { 'application/json': { schema: SuitabilityRequestSchema } } } },
  responses: { 200: jsonResponse(SuitabilityResultSchema, 'The scenario'), ...problemResponses },
});
const point = createRoute({
  method: 'get', path: '/siting/{family}/point', tags: ['siting'],
  summary: 'One cell of a scenario: criteria values, scores, weights, the rules that exclude it, S',
  request: { params: Family, query: PointQuerySchema },
  responses: { 200: jsonResponse(PointResultSchema, 'The cell'), ...problemResponses },
});
const zones = createRoute({
  method: 'get', path: '/siting/{family}/zones', tags: ['siting'],
  summary: 'Candidate zones (contiguous S ≥ min_s, ≥ min area), ranked, with the supply curve and top-N robustness under weight perturbations',
  request: { params: Family, query: ZonesQuerySchema },
  responses: { 200: jsonResponse(ZonesResultSchema, 'The zones'), ...problemResponses },
});
const parcel = createRoute({
  method: 'post', path: '/analysis/siting', tags: ['siting'],
  summary: 'Parcel potential: exclusion waterfall, capacity, yield, storage, grid connection, avoided CO2 (wind: a turbine layout)',
  request: { body: { required: true, content: { 'application/json': { schema: ParcelRequestSchema } } } },
  responses: { 200: jsonResponse(ParcelResultSchema, 'The potential'), ...problemResponses },
});

const TileParams = z.object({ family: FamilySchema, scenario: z.string(), z: z.string(), x: z.string(), y: z.string() });

export function sitingRouter({ db, config }: AppDeps, opts: { reweigh?: SitingDeps['reweigh'] } = {}) {
  const deps: SitingDeps = { sql: db.sql, dataDir: config.dataDir, reweigh: opts.reweigh };
  const limits = { ...DEFAULT_PARCEL_LIMITS, max_area_km2: config.maxParcelKm2 };
  const app = router();
  app.use('/siting/rules/:name', async (c, next) => { if (c.req.method !== 'GET') assertRole(c.get('identity'), ROLES); await next(); });
  app.openAPIRegistry.registerPath({
    method: 'get', path: '/siting/{family}/tiles/{scenario}/{z}/{x}/{y}.png', tags: ['siting'], summary: 'Suitability tile (256×256 PNG, Web Mercator) of a scenario; 204 when empty',
    request: { params: TileParams },
    responses: { 200: { description: 'The tile', content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } } }, 204: { description: 'Empty tile' }, ...problemResponses },
  });
  app.use('/siting/:family/tiles/*', etag());
  app.get('/siting/:family/tiles/:scenario/:z/:x/:tile', async (c) => {
    const { family, scenario, z: zs, x: xs, tile } = c.req.param();
    const m = /^(\d+)\.png$/.exec(tile);
    if ((family !== 'pv' && family !== 'wind') || !/^[0-9a-f]{32}$/.test(scenario) || !/^\d+$/.test(zs) || !/^\d+$/.test(xs) || !m) {
      throw new ProblemError(400, 'Invalid tile address', `Use /api/siting/{pv|wind}/tiles/{scenario}/{z}/{x}/{y}.png with integer z/x/y and the 32-hex scenario id, got ${c.req.path}.`, {},
        { title: '瓦片地址无效', detail: `请使用 /api/siting/{pv|wind}/tiles/{情景}/{z}/{x}/{y}.png（z/x/y 为整数，情景为 32 位十六进制），实为 ${c.req.path}。` });
    }
    const t = { z: Number(zs), x: Number(xs), y: Number(m[1]) };
    const err = tileCoordError(t);
    if (err) throw new ProblemError(400, 'Invalid tile coordinates', `${err}.`, t, { title: '瓦片坐标无效', detail: `${err}。` });
    const png = await suitabilityTile(deps, family, scenario, t);
    // a scenario id is a content hash: its tiles never change for the same data
    if (!png) return c.body(null, 204, { 'cache-control': 'public, max-age=3600' });
    return c.body(png as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' });
  });
  return app
    .openapi(rules, async (c) => c.json(await sitingRules(db.sql), 200))
    .openapi(putRules, async (c) => c.json(await saveRuleSet(db.sql, c.req.valid('param').name, c.req.valid('json'), c.get('identity')!), 200))
    .openapi(deleteRules, async (c) => { await removeRuleSet(db.sql, c.req.valid('param').name, c.get('identity')!); return c.body(null, 204); })
    .openapi(ahpRoute, (c) => c.json(ahpService(c.req.valid('json')), 200))
    .openapi(suit, async (c) => c.json(await suitabilityScenario(deps, c.req.valid('param').family, c.req.valid('json')), 200))
    .openapi(point, async (c) => c.json(await sitingPoint(deps, c.req.valid('param').family, c.req.valid('query')), 200))
    .openapi(zones, async (c) => c.json(await sitingZones(deps, c.req.valid('param').family, c.req.valid('query')), 200))
    .openapi(parcel, async (c) => c.json(await sitingParcel(deps, limits, c.req.valid('json')), 200));
}
