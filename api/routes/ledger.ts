/**
 * /api/ledger/…: the 两山 cooperative ledger. Every write endpoint's roles come from
 * WRITE_ROLES (api/services/ledger/access.ts), checked before the body is read: no identity → 401,
 * a role not listed → 403. Reads need a login (any role), except the public registry.
 */
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import { assertRole, type AuthEnv, type Identity } from '../middleware/auth.ts';
import * as S from '../schemas/ledger.ts';
import { LEDGER_ROLES, WRITE_ROLES, type Actor } from '../services/ledger/access.ts';
import * as credits from '../services/ledger/credits.ts';
import * as payouts from '../services/ledger/payouts.ts';
import * as projects from '../services/ledger/projects.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const secured = { security: [{ bearer: [] }, { session: [] }] as Record<string, string[]>[] };
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const IdParam = z.object({ id: z.coerce.number().int().min(1).describe('Row id') });
const tags = ['ledger'];

function op<M extends 'get' | 'post', P extends string, const E extends { request: NonNullable<RouteConfig['request']>; responses: RouteConfig['responses'] }>(method: M, path: P, summary: string, extra: E) {
  const roles = method === 'post' ? WRITE_ROLES[`POST ${path}`] : undefined;
  return createRoute({
    method, path, tags, ...secured, summary: roles ? `${summary} (roles: ${roles.join(', ')})` : summary,
    request: extra.request as E['request'], responses: { ...extra.responses, ...problemResponses } as E['responses'] & typeof problemResponses,
  });
}

const r = {
  parties: op('get', '/ledger/parties', 'Parties (contacts only for the cooperative, verifiers, bureau, admin and the party itself)', { request: {}, responses: { 200: jsonResponse(S.PartiesSchema, 'Parties') } }),
  addParty: op('post', '/ledger/parties', 'Add a party: cooperative, village collective, household (with its village), buyer, lender …', { request: body(S.NewPartySchema), responses: { 201: jsonResponse(S.PartySchema, 'Created') } }),
  projects: op('get', '/ledger/projects', 'Projects with their balances per vintage', { request: {}, responses: { 200: jsonResponse(S.ProjectsSchema, 'Projects') } }),
  addProject: op('post', '/ledger/projects', 'Create a pooling project (收储项目)', { request: body(S.NewProjectSchema), responses: { 201: jsonResponse(S.ProjectSchema, 'Created') } }),
  project: op('get', '/ledger/projects/{id}', 'A project: parcels, contracts with payment schedules (a village sees its own), snapshots, monitoring, issuances', { request: { params: IdParam }, responses: { 200: jsonResponse(S.ProjectDetailSchema, 'The project') } }),
  addParcel: op('post', '/ledger/projects/{id}/parcels', 'Pool a parcel under a contract with its village (and households by share)', { request: { params: IdParam, ...body(S.NewParcelSchema) }, responses: { 201: jsonResponse(S.ContractSchema, 'Pooled') } }),
  snapshot: op('post', '/ledger/projects/{id}/snapshots', 'Freeze the carbon engine’s estimate for the pooled parcels (inputs, parameters, model version)', { request: { params: IdParam, ...body(S.SnapshotRequestSchema) }, responses: { 201: jsonResponse(S.SnapshotSchema, 'Frozen') } }),
  monitoring: op('post', '/ledger/projects/{id}/monitoring', 'Submit a monitoring report claiming a vintage’s removals (engine figure by default; a different claim needs a reason)', { request: { params: IdParam, ...body(S.NewMonitoringSchema) }, responses: { 201: jsonResponse(S.MonitoringSchema, 'Submitted') } }),
  verification: op('post', '/ledger/monitoring/{id}/verification', 'Approve (all or less) or reject a monitoring report', { request: { params: IdParam, ...body(S.VerificationSchema) }, responses: { 200: jsonResponse(S.MonitoringSchema, 'Decided') } }),
  issuance: op('post', '/ledger/monitoring/{id}/issuance', 'Issue the verified tonnes as serial blocks, the buffer share withheld', { request: { params: IdParam }, responses: { 201: jsonResponse(S.IssuanceSchema, 'Issued') } }),
  blocks: op('get', '/ledger/blocks', 'Serial blocks', {
    request: { query: z.object({ project_id: z.coerce.number().int().optional(), owner_id: z.coerce.number().int().optional(), state: S.BlockStateSchema.optional(), limit: z.coerce.number().int().min(1).max(10_000).default(1000), offset: z.coerce.number().int().min(0).default(0) }) },
    responses: { 200: jsonResponse(S.BlocksSchema, 'Blocks') },
  }),
  listings: op('get', '/ledger/listings', 'Listings (挂牌)', { request: { query: z.object({ state: z.enum(['open', 'sold', 'cancelled']).optional(), project_id: z.coerce.number().int().optional() }) }, responses: { 200: jsonResponse(S.ListingsSchema, 'Listings') } }),
  addListing: op('post', '/ledger/listings', 'List part or all of a held block at a price', { request: body(S.NewListingSchema), responses: { 201: jsonResponse(S.ListingSchema, 'Listed') } }),
  cancelListing: op('post', '/ledger/listings/{id}/cancel', 'Withdraw a listing; its remaining credits return to held', { request: { params: IdParam }, responses: { 200: jsonResponse(S.ListingSchema, 'Cancelled') } }),
  purchase: op('post', '/ledger/purchases', 'Buy from a listing (the listed block is split; 409 when too little is left)', { request: body(S.NewPurchaseSchema), responses: { 201: jsonResponse(S.PurchaseSchema, 'Bought') } }),
  transfer: op('post', '/ledger/transfers', 'Transfer part or all of a held block to another party', { request: body(S.NewTransferSchema), responses: { 201: jsonResponse(S.TransferSchema, 'Transferred') } }),
  pledges: op('get', '/ledger/pledges', 'Pledges (质押)', { request: {}, responses: { 200: jsonResponse(S.PledgesSchema, 'Pledges') } }),
  pledge: op('post', '/ledger/pledges', 'Pledge part or all of a held block to a lender (locked until released)', { request: body(S.NewPledgeSchema), responses: { 201: jsonResponse(S.PledgeSchema, 'Pledged') } }),
  release: op('post', '/ledger/pledges/{id}/release', 'Release a pledge (pledger, lender or administrator)', { request: { params: IdParam }, responses: { 200: jsonResponse(S.PledgeSchema, 'Released') } }),
  retirements: op('get', '/ledger/retirements', 'Retirements (注销)', { request: { query: z.object({ project_id: z.coerce.number().int().optional() }) }, responses: { 200: jsonResponse(S.RetirementsSchema, 'Retirements') } }),
  retirement: op('get', '/ledger/retirements/{id}', 'One retirement (the certificate’s content)', { request: { params: IdParam }, responses: { 200: jsonResponse(S.RetirementSchema, 'Retirement') } }),
  retire: op('post', '/ledger/retirements', 'Retire part or all of a held block for a beneficiary and purpose (司法生态修复 needs a case number)', { request: body(S.NewRetirementSchema), responses: { 201: jsonResponse(S.RetirementSchema, 'Retired') } }),
  payouts: op('get', '/ledger/payouts', 'Payouts with their lines (a village sees its own and its households’ lines)', { request: { query: z.object({ project_id: z.coerce.number().int().optional() }) }, responses: { 200: jsonResponse(S.PayoutsSchema, 'Payouts') } }),
  addPayout: op('post', '/ledger/payouts', 'Share a sale’s net proceeds, or pay a contract cycle, to the fen (largest remainder)', { request: body(S.NewPayoutSchema), responses: { 201: jsonResponse(S.PayoutSchema, 'Paid out') } }),
  statement: op('get', '/ledger/statements', 'A party’s payout statement for a project (format=csv: CSV with a UTF-8 BOM)', {
    request: { query: z.object({ project_id: z.coerce.number().int().min(1), party_id: z.coerce.number().int().min(1), format: z.enum(['json', 'csv']).default('json') }) },
    responses: { 200: { description: 'The statement', content: { 'application/json': { schema: S.StatementSchema }, 'text/csv': { schema: z.string() } } } },
  }),
  journal: op('get', '/ledger/journal', 'The hash-chained journal, newest first', { request: { query: z.object({ project_id: z.coerce.number().int().optional(), limit: z.coerce.number().int().min(1).max(5000).default(200), after_seq: z.coerce.number().int().min(0).optional() }) }, responses: { 200: jsonResponse(S.JournalSchema, 'Entries') } }),
  verify: op('get', '/ledger/verify', 'Recompute the journal’s hash chain and check every invariant', { request: {}, responses: { 200: jsonResponse(S.VerifySchema, 'The check') } }),
  invariants: op('get', '/ledger/invariants', 'issued = held + listed + pledged + retired + buffer per project and vintage; no serial in two blocks', { request: { query: z.object({ project_id: z.coerce.number().int().optional() }) }, responses: { 200: jsonResponse(S.InvariantsSchema, 'Balances') } }),
  registry: createRoute({ method: 'get', path: '/ledger/registry', tags, summary: 'Public registry: projects, issuances and retirements with serial ranges, no personal data (no login)', responses: { 200: jsonResponse(S.RegistrySchema, 'The registry'), ...problemResponses } }),
};

const WRITE_PATTERNS = Object.entries(WRITE_ROLES).map(([k, roles]) => {
  const [method, path] = k.split(' ');
  return { method, re: new RegExp(`^/api${path.replace(/\{\w+\}/g, '[^/]+')}$`), roles };
});

export function ledgerRouter({ db, config }: AppDeps) {
  const sql = db.sql;
  const app = router();
  const actor = (c: Context<AuthEnv>): Actor => c.get('identity') as Identity as Actor;
  app.use('/ledger/*', async (c: Context<AuthEnv>, next: Next) => {
    const path = c.req.path;
    if (path === '/api/ledger/registry') return next();
    const w = WRITE_PATTERNS.find((p) => p.method === c.req.method && p.re.test(path));
    assertRole(c.get('identity'), w ? w.roles : LEDGER_ROLES);
    await next();
  });
  return app
    .openapi(r.parties, async (c) => c.json({ parties: await projects.listParties(sql, actor(c)) }, 200))
    .openapi(r.addParty, async (c) => c.json(await projects.createParty(sql, actor(c), c.req.valid('json')), 201))
    .openapi(r.projects, async (c) => c.json({ projects: await projects.listProjects(sql) }, 200))
    .openapi(r.addProject, async (c) => c.json(await projects.createProject(sql, actor(c), c.req.valid('json')), 201))
    .openapi(r.project, async (c) => c.json(await projects.projectDetail(sql, actor(c), c.req.valid('param').id), 200))
    .openapi(r.addParcel, async (c) => c.json(await projects.addParcel(sql, actor(c), c.req.valid('param').id, c.req.valid('json')), 201))
    .openapi(r.snapshot, async (c) => c.json(await projects.freezeSnapshot(sql, actor(c), c.req.valid('param').id, c.req.valid('json').scenario, config.maxParcelKm2), 201))
    .openapi(r.monitoring, async (c) => c.json(await projects.submitMonitoring(sql, actor(c), c.req.valid('param').id, c.req.valid('json')), 201))
    .openapi(r.verification, async (c) => c.json(await projects.verifyMonitoring(sql, actor(c), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(r.issuance, async (c) => c.json(await projects.issue(sql, actor(c), c.req.valid('param').id), 201))
    .openapi(r.blocks, async (c) => c.json({ blocks: await credits.blocks(sql, c.req.valid('query')) }, 200))
    .openapi(r.listings, async (c) => c.json({ listings: await credits.listListings(sql, c.req.valid('query')) }, 200))
    .openapi(r.addListing, async (c) => c.json(await credits.createListing(sql, actor(c), c.req.valid('json')), 201))
    .openapi(r.cancelListing, async (c) => c.json(await credits.cancelListing(sql, actor(c), c.req.valid('param').id), 200))
    .openapi(r.purchase, async (c) => c.json(await credits.purchase(sql, actor(c), c.req.valid('json')), 201))
    .openapi(r.transfer, async (c) => c.json(await credits.transfer(sql, actor(c), c.req.valid('json')), 201))
    .openapi(r.pledges, async (c) => c.json({ pledges: await credits.listPledges(sql, actor(c)) }, 200))
    .openapi(r.pledge, async (c) => c.json(await credits.pledge(sql, actor(c), c.req.valid('json')), 201))
    .openapi(r.release, async (c) => c.json(await credits.releasePledge(sql, actor(c), c.req.valid('param').id), 200))
    .openapi(r.retirements, async (c) => c.json({ retirements: await credits.listRetirements(sql, c.req.valid('query')) }, 200))
    .openapi(r.retirement, async (c) => {
      const [one] = await credits.listRetirements(sql, { id: c.req.valid('param').id });
      if (!one) throw projects.notFound('retirement', '注销记录', c.req.valid('param').id);
      return c.json(one, 200);
    })
    .openapi(r.retire, async (c) => c.json(await credits.retire(sql, actor(c), c.req.valid('json')), 201))
    .openapi(r.payouts, async (c) => c.json({ payouts: await payouts.listPayouts(sql, actor(c), c.req.valid('query')) }, 200))
    .openapi(r.addPayout, async (c) => c.json(await payouts.createPayout(sql, actor(c), c.req.valid('json')), 201))
    .openapi(r.statement, async (c) => {
      const q = c.req.valid('query');
      const s = await payouts.statement(sql, actor(c), q.project_id, q.party_id);
      if (q.format === 'csv') {
        return c.body(payouts.statementCsv(s), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="statement-${s.project.code}-${s.party.id}.csv"` });
      }
      return c.json(s, 200);
    })
    .openapi(r.journal, async (c) => c.json(await payouts.journal(sql, actor(c), c.req.valid('query')), 200))
    .openapi(r.verify, async (c) => c.json(await payouts.verifyLedger(sql), 200))
    .openapi(r.invariants, async (c) => c.json(await payouts.invariants(sql, c.req.valid('query').project_id), 200))
    .openapi(r.registry, async (c) => c.json(await payouts.registry(sql), 200));
}
