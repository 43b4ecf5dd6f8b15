/**
 * Parties, projects (pools of parcels under contracts), carbon snapshots frozen from the engine,
 * monitoring reports, verification and issuance into serial blocks with the buffer withheld.
 */
import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';
import type { z } from '@hono/zod-openapi';
import type { CarbonScenario } from '../../../layers/carbon/parcel.ts';
import { add, cmp, dec, decString, fenToYuanString } from '../../../layers/ledger/decimal.ts';
import { LEDGER_PARAMS, bufferSplit } from '../../../layers/ledger/params.ts';
import { checkRule, paymentSchedule, type PaymentRule } from '../../../layers/ledger/payout.ts';
import { formatSerial } from '../../../layers/ledger/serial.ts';
import type { ContractSchema, IssuanceSchema, MonitoringSchema, NewParcelSchema, NewPartySchema, NewProjectSchema, PartySchema, ProjectDetailSchema, ProjectSchema, SnapshotSchema } from '../../schemas/ledger.ts';
import { asQ, balances, insertBlock, listBlocks, nextSerial, type Q } from '../../store/ledger.ts';
import { analyseCarbon } from '../carbon-analysis.ts';
import { DEFAULT_PARCEL_LIMITS } from '../parcel.ts';
import { ProblemError } from '../problem.ts';
import { actingParty, assertActsFor, forbidden, isAdmin, readsAll, type Actor } from './access.ts';
import { ledgerWrite } from './write.ts';

type Party = z.infer<typeof PartySchema>;
type Project = z.infer<typeof ProjectSchema>;

export const notFound = (what: string, zh: string, id: number) =>
  new ProblemError(404, 'Not found', `There is no ${what} ${id}.`, {}, { title: '未找到', detail: `没有${zh} ${id}。` });
export const conflict = (en: string, zh: string, ext: Record<string, unknown> = {}) => new ProblemError(409, 'Conflict', en, ext, { title: '冲突', detail: zh });
export const invalid = (en: string, zh: string) => new ProblemError(422, 'Invalid ledger request', en, {}, { title: '账本请求无效', detail: zh });
const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
const ratio = (x: unknown, name: string, max: number, zh: string) => {
  const d = dec(x as string);
  if (cmp(d, 0) < 0 || cmp(d, max) > 0) throw invalid(`${name} must be in [0, ${max}]`, `${zh}须在 [0, ${max}] 之内`);
  return d;
};

// ── parties ──

export async function partyById(q: Q, id: number): Promise<{ id: number; kind: string; name: string; parent_id: number | null; contact: string | null } | undefined> {
  const [p] = await q<{ id: number; kind: string; name: string; parent_id: number | null; contact: string | null }[]>`
    SELECT id::int AS id, kind, name, parent_id::int AS parent_id, contact FROM ledger_parties WHERE id = ${id}`;
  return p;
}

export async function createParty(sql: Sql, actor: Actor, body: z.infer<typeof NewPartySchema>): Promise<Party> {
  return ledgerWrite(sql, actor, async (tx, log) => {
    if (body.kind === 'household') {
      const v = body.parent_id ? await partyById(tx, body.parent_id) : undefined;
      if (!v || v.kind !== 'village') throw invalid('A household needs parent_id: its village collective.', '农户须以 parent_id 指明所属村集体。');
    } else if (body.parent_id != null) throw invalid('Only a household has a parent party (its village).', '只有农户有上级主体（所属村）。');
    const [p] = await tx<Party[]>`
      INSERT INTO ledger_parties (kind, name, parent_id, contact) VALUES (${body.kind}, ${body.name}, ${body.parent_id ?? null}, ${body.contact ?? null})
      RETURNING id::int AS id, kind, name, parent_id::int AS parent_id, contact`;
    log({ action: 'party.created', project_id: null, entity: 'party', entity_id: p.id, before: null, after: { kind: p.kind, name: p.name, parent_id: p.parent_id, contact_sha256: p.contact ? sha(p.contact) : null } });
    return p;
  });
}

export async function listParties(sql: Sql, actor: Actor): Promise<Party[]> {
  const rows = await sql<Party[]>`SELECT id::int AS id, kind, name, parent_id::int AS parent_id, contact FROM ledger_parties ORDER BY id`;
  const mine = (p: Party) => actor.party_id != null && (p.id === actor.party_id || p.parent_id === actor.party_id);
  return rows.map((p) => ({ ...p, contact: readsAll(actor) || mine(p) ? p.contact : null }));
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

// ── projects ──

interface ProjectRow { id: number; code: string; name: string; kind: string; methodology: string; cooperative_id: number; villages_share: string; buffer_fraction: string; created_at: Date }

export async function projectRow(q: Q, id: number, forUpdate = false): Promise<ProjectRow> {
  const [p] = await q.unsafe<ProjectRow[]>(`SELECT id::int AS id, code, name, kind, methodology, cooperative_id::int AS cooperative_id, villages_share::text, buffer_fraction::text, created_at
    FROM ledger_projects WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  if (!p) throw notFound('project', '项目', id);
  return p;
}

/** The operator of a project is the user acting for its cooperative (or an administrator). */
export function assertOperates(actor: Actor, p: ProjectRow): void {
  assertActsFor(actor, p.cooperative_id, { en: `Project ${p.code}`, zh: `项目 ${p.code} ` });
}

export async function createProject(sql: Sql, actor: Actor, body: z.infer<typeof NewProjectSchema>): Promise<Project> {
  const cooperative = actingParty(actor, body.cooperative_id);
  const vs = ratio(body.villages_share ?? LEDGER_PARAMS.villages_share.value, 'villages_share', 1, '村集体分成比例');
  const bf = dec(body.buffer_fraction ?? LEDGER_PARAMS.buffer_fraction.value);
  if (cmp(bf, 0) < 0 || cmp(bf, 1) >= 0) throw invalid('buffer_fraction must be in [0, 1)', '缓冲比例须在 [0, 1) 之内');
  const id = await ledgerWrite(sql, actor, async (tx, log) => {
    const coop = await partyById(tx, cooperative);
    if (!coop || coop.kind !== 'cooperative') throw invalid(`Party ${cooperative} is not a cooperative.`, `主体 ${cooperative} 不是合作社。`);
    const [exists] = await tx`SELECT 1 FROM ledger_projects WHERE code = ${body.code}`;
    if (exists) throw conflict(`A project with code ${body.code} exists already.`, `项目代码 ${body.code} 已存在。`);
    const [{ id }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_projects (code, name, kind, methodology, cooperative_id, villages_share, buffer_fraction, created_by)
      VALUES (${body.code}, ${body.name}, ${body.kind}, ${body.methodology}, ${cooperative}, ${String(body.villages_share ?? LEDGER_PARAMS.villages_share.value)}::numeric,
              ${String(body.buffer_fraction ?? LEDGER_PARAMS.buffer_fraction.value)}::numeric, ${actor.id})
      RETURNING id::int AS id`;
    log({ action: 'project.created', project_id: id, entity: 'project', entity_id: id, before: null, after: { ...body, cooperative_id: cooperative, villages_share: decString(vs), buffer_fraction: decString(bf) } });
    return id;
  });
  return (await listProjects(sql, [id]))[0];
}

export async function listProjects(sql: Sql, ids?: number[]): Promise<Project[]> {
  const rows = await sql<(ProjectRow & { parcels: number; area_mu: number })[]>`
    SELECT p.id::int AS id, p.code, p.name, p.kind, p.methodology, p.cooperative_id::int AS cooperative_id, p.villages_share::text, p.buffer_fraction::text, p.created_at,
      (SELECT count(*)::int FROM ledger_parcels WHERE project_id = p.id) AS parcels,
      (SELECT coalesce(sum(area_mu), 0)::float8 FROM ledger_parcels WHERE project_id = p.id) AS area_mu
    FROM ledger_projects p WHERE ${ids ?? null}::bigint[] IS NULL OR p.id = ANY(${ids ?? null}::bigint[]) ORDER BY p.id`;
  const bal = await balances(asQ(sql), rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, kind: r.kind, methodology: r.methodology, cooperative_id: r.cooperative_id,
    villages_share: Number(r.villages_share), buffer_fraction: Number(r.buffer_fraction), created_at: iso(r.created_at)!,
    parcels: r.parcels, area_mu: r.area_mu, area_ha: r.area_mu / 15, balances: bal.filter((b) => b.project_id === r.id),
  }));
}

// ── parcels and contracts ──

export async function addParcel(sql: Sql, actor: Actor, projectId: number, body: z.infer<typeof NewParcelSchema>): Promise<z.infer<typeof ContractSchema>> {
  const rule = body.rule as PaymentRule;
  try { checkRule(rule); paymentSchedule(1, rule, body.start_year, body.term_years); } catch (e) { throw invalid((e as Error).message, `付款规则无效：${(e as Error).message}`); }
  const shares = body.shares ?? [{ party_id: body.village_id, share: 1 }];
  if (cmp(add(...shares.map((s) => dec(s.share as string))), 1) !== 0) throw invalid('The shares of a contract must add up to exactly 1.', '合同各方份额之和须恰为 1。');
  if (new Set(shares.map((s) => s.party_id)).size !== shares.length) throw invalid('A party appears twice among the shares.', '份额中有重复的主体。');
  if (body.geometry === undefined && body.area_mu === undefined) throw invalid('Give the parcel as a geometry, or its contract area as area_mu.', '请提供地块几何，或以 area_mu 给出合同面积。');
  const contractId = await ledgerWrite(sql, actor, async (tx, log) => {
    const p = await projectRow(tx, projectId);
    assertOperates(actor, p);
    const village = await partyById(tx, body.village_id);
    if (!village || village.kind !== 'village') throw invalid(`Party ${body.village_id} is not a village collective.`, `主体 ${body.village_id} 不是村集体。`);
    for (const s of shares) {
      const party = await partyById(tx, s.party_id);
      if (!party || (party.id !== village.id && party.parent_id !== village.id)) {
        throw invalid(`Party ${s.party_id} is neither the village nor one of its households.`, `主体 ${s.party_id} 既不是该村，也不是该村的农户。`);
      }
    }
    let geomArea: number | null = null;
    if (body.geometry !== undefined) {
      const [g] = await tx<{ valid: boolean; area_mu: number | null }[]>`
        WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify((body.geometry as { geometry?: unknown }).geometry ?? body.geometry)}), 4326) g)
        SELECT ST_IsValid(g) AS valid, CASE WHEN GeometryType(g) IN ('POLYGON', 'MULTIPOLYGON') THEN ST_Area(g::geography) / 10000 * 15 END AS area_mu FROM g`
        .catch(() => [{ valid: false, area_mu: null }]);
      if (!g.valid || g.area_mu == null || !(g.area_mu > 0)) throw invalid('The geometry is not a valid GeoJSON Polygon or MultiPolygon in lon/lat.', '几何图形不是有效的经纬度 GeoJSON 面（Polygon 或 MultiPolygon）。');
      geomArea = g.area_mu;
    }
    const area = body.area_mu !== undefined ? String(body.area_mu) : geomArea!.toFixed(4);
    if (cmp(area, 0) <= 0) throw invalid('area_mu must be > 0', 'area_mu 须大于 0');
    const geo = body.geometry === undefined ? null : JSON.stringify((body.geometry as { geometry?: unknown }).geometry ?? body.geometry);
    const [{ id: parcelId }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_parcels (project_id, name, area_mu, geom)
      VALUES (${projectId}, ${body.name}, ${area}::numeric, CASE WHEN ${geo}::text IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${geo}::text), 4326)) END)
      RETURNING id::int AS id`;
    const [{ id }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_contracts (project_id, parcel_id, village_id, start_year, term_years, rule)
      VALUES (${projectId}, ${parcelId}, ${body.village_id}, ${body.start_year}, ${body.term_years}, ${tx.json(rule as never)}) RETURNING id::int AS id`;
    for (const s of shares) await tx`INSERT INTO ledger_contract_shares (contract_id, party_id, share) VALUES (${id}, ${s.party_id}, ${String(s.share)}::numeric)`;
    log({ action: 'contract.signed', project_id: projectId, entity: 'contract', entity_id: id, before: null,
      after: { parcel_id: parcelId, parcel: body.name, area_mu: area, village_id: body.village_id, start_year: body.start_year, term_years: body.term_years, rule, shares } });
    return id;
  });
  return (await contracts(asQ(sql), projectId, actor)).find((c) => c.id === contractId)!;
}

export async function contracts(q: Q, projectId: number, actor: Actor): Promise<z.infer<typeof ContractSchema>[]> {
  const rows = await q<{ id: number; parcel_id: number; parcel_name: string; area_mu: string; village_id: number; start_year: number; term_years: number; rule: PaymentRule; shares: { party_id: number; share: string }[] }[]>`
    SELECT c.id::int AS id, c.parcel_id::int AS parcel_id, l.name AS parcel_name, l.area_mu::text, c.village_id::int AS village_id, c.start_year, c.term_years, c.rule,
      (SELECT json_agg(json_build_object('party_id', s.party_id, 'share', s.share::text) ORDER BY s.party_id) FROM ledger_contract_shares s WHERE s.contract_id = c.id) AS shares
    FROM ledger_contracts c JOIN ledger_parcels l ON l.id = c.parcel_id WHERE c.project_id = ${projectId} ORDER BY c.id`;
  const visible = readsAll(actor) ? rows : actor.roles.includes('village') ? rows.filter((r) => r.village_id === actor.party_id) : [];
  return visible.map((r) => ({
    id: r.id, parcel_id: r.parcel_id, parcel_name: r.parcel_name, area_mu: Number(r.area_mu), area_ha: Number(r.area_mu) / 15, village_id: r.village_id,
    start_year: r.start_year, term_years: r.term_years, rule: r.rule, shares: r.shares.map((s) => ({ party_id: Number(s.party_id), share: Number(s.share) })),
    schedule: paymentSchedule(r.area_mu, r.rule, r.start_year, r.term_years).map((d) => ({ ...d, fen: Number(d.fen), cny: fenToYuanString(d.fen) })),
  }));
}

export async function projectDetail(sql: Sql, actor: Actor, id: number): Promise<z.infer<typeof ProjectDetailSchema>> {
  const [project] = await listProjects(sql, [id]);
  if (!project) throw notFound('project', '项目', id);
  const q = asQ(sql);
  const parcels = await q<{ f: unknown }[]>`
    SELECT json_build_object('type', 'Feature', 'id', id, 'properties', json_build_object('id', id, 'name', name, 'area_mu', area_mu::float8),
      'geometry', ST_AsGeoJSON(geom, 7)::json) AS f FROM ledger_parcels WHERE project_id = ${id} ORDER BY id`;
  const snaps = await q<z.infer<typeof SnapshotSchema>[]>`
    SELECT id::int AS id, project_id::int AS project_id, model_version, sink_tco2e_per_yr AS "sink_tCO2e_per_yr", creditable_tco2e AS "creditable_tCO2e", npv_cny, scenario, created_by, created_at
    FROM ledger_snapshots WHERE project_id = ${id} ORDER BY id`;
  return {
    ...project,
    contracts: await contracts(q, id, actor),
    parcels_geojson: { type: 'FeatureCollection', features: parcels.map((r) => r.f) },
    snapshots: snaps.map((s) => ({ ...s, created_at: iso(s.created_at)! })),
    monitoring: await monitoringOf(q, id),
    issuances: await issuancesOf(q, id),
  };
}

// ── carbon snapshot ──

export async function freezeSnapshot(sql: Sql, actor: Actor, projectId: number, scenario: CarbonScenario | undefined, maxParcelKm2: number): Promise<z.infer<typeof SnapshotSchema>> {
  const p = await projectRow(asQ(sql), projectId);
  assertOperates(actor, p);
  const [{ g }] = await sql<{ g: unknown }[]>`SELECT ST_AsGeoJSON(ST_Multi(ST_Union(geom)))::json AS g FROM ledger_parcels WHERE project_id = ${projectId} AND geom IS NOT NULL`;
  if (!g) throw invalid('The project has no parcel with a geometry: the carbon engine needs one to estimate its sink.', '项目没有带几何的地块：碳汇模型需要地块几何才能估算。');
  const sc: CarbonScenario = { methodology: p.methodology, ...scenario };
  const a = await analyseCarbon(sql, g, sc, { ...DEFAULT_PARCEL_LIMITS, max_area_km2: maxParcelKm2 });
  const { geometry: _g, ...analysis } = a;
  void _g;
  const digest = sha(JSON.stringify(analysis));
  const snap = await ledgerWrite(sql, actor, async (tx, log) => {
    const [s] = await tx<{ id: number; created_at: Date }[]>`
      INSERT INTO ledger_snapshots (project_id, model_version, sink_tCO2e_per_yr, creditable_tCO2e, npv_cny, scenario, analysis, created_by)
      VALUES (${projectId}, ${a.model_version}, ${a.total.sink_tCO2e_per_yr}, ${a.credits.total_creditable_tCO2e}, ${a.value.npv_cny}, ${tx.json(sc as never)}, ${tx.json(analysis as never)}, ${actor.id})
      RETURNING id::int AS id, created_at`;
    log({ action: 'snapshot.frozen', project_id: projectId, entity: 'snapshot', entity_id: s.id, before: null,
      after: { model_version: a.model_version, sink_tCO2e_per_yr: a.total.sink_tCO2e_per_yr, creditable_tCO2e: a.credits.total_creditable_tCO2e, npv_cny: a.value.npv_cny, scenario: sc, analysis_sha256: digest } });
    return s;
  });
  return {
    id: snap.id, project_id: projectId, model_version: a.model_version, sink_tCO2e_per_yr: a.total.sink_tCO2e_per_yr, creditable_tCO2e: a.credits.total_creditable_tCO2e,
    npv_cny: a.value.npv_cny, scenario: sc as Record<string, unknown>, created_by: actor.id, created_at: iso(snap.created_at)!, analysis: analysis as unknown as Record<string, unknown>,
  };
}

// ── monitoring, verification, issuance ──

type Monitoring = z.infer<typeof MonitoringSchema>;
const MON_SELECT = `SELECT id::int AS id, project_id::int AS project_id, vintage, period_start::text, period_end::text, engine_t::float8 AS engine_t, snapshot_id::int AS snapshot_id,
  claimed_t, reason, status, verified_t, verified_by, verified_at, verifier_note, created_by, created_at FROM ledger_monitoring`;
const monOut = (m: Monitoring) => ({ ...m, verified_at: iso(m.verified_at), created_at: iso(m.created_at)! });

async function monitoringOf(q: Q, projectId: number): Promise<Monitoring[]> {
  return (await q.unsafe<Monitoring[]>(`${MON_SELECT} WHERE project_id = $1 ORDER BY id`, [projectId])).map(monOut);
}

async function monitoringRow(q: Q, id: number, forUpdate = false): Promise<Monitoring> {
  const [m] = await q.unsafe<Monitoring[]>(`${MON_SELECT} WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  if (!m) throw notFound('monitoring report', '监测报告', id);
  return monOut(m);
}

/** The engine's creditable removals of a period before the buffer: ER × (1 − uncertainty deduction) of the vintage's projection row, else the sink × years. */
function engineTonnes(analysis: { projection?: { year: number; er_tCO2e: number }[]; credits?: { uncertainty_deduction: number }; total?: { sink_tCO2e_per_yr: number } }, vintage: number, years: number): number {
  const u = analysis.credits?.uncertainty_deduction ?? 0;
  const row = analysis.projection?.find((r) => r.year === vintage);
  const t = (row ? row.er_tCO2e : analysis.total?.sink_tCO2e_per_yr ?? 0) * (1 - u) * years;
  return Math.max(0, t);
}

export async function submitMonitoring(sql: Sql, actor: Actor, projectId: number, body: { vintage: number; period_start: string; period_end: string; claimed_t?: number; reason?: string }): Promise<Monitoring> {
  const start = Date.parse(body.period_start), end = Date.parse(body.period_end);
  if (!(end >= start)) throw invalid('period_end must not be before period_start.', '监测期结束日不得早于开始日。');
  const years = (end - start + 86_400_000) / (365.25 * 86_400_000);
  const id = await ledgerWrite(sql, actor, async (tx, log) => {
    const p = await projectRow(tx, projectId);
    assertOperates(actor, p);
    const [snap] = await tx<{ id: number; analysis: Parameters<typeof engineTonnes>[0] }[]>`
      SELECT id::int AS id, analysis FROM ledger_snapshots WHERE project_id = ${projectId} ORDER BY id DESC LIMIT 1`;
    const engine = snap ? engineTonnes(snap.analysis, body.vintage, years) : null;
    const engineWhole = engine == null ? null : Math.floor(engine);
    const claimed = body.claimed_t ?? engineWhole;
    if (claimed == null) throw invalid('No carbon snapshot yet: freeze one (POST …/snapshots) or state claimed_t with a reason.', '尚无碳汇快照：请先冻结快照（POST …/snapshots），或给出 claimed_t 并说明理由。');
    if (claimed < 1) throw invalid(`The engine gives ${engine?.toFixed(2)} t for this period: nothing to claim.`, `模型给出本期 ${engine?.toFixed(2)} 吨：无可申报量。`);
    if (claimed !== engineWhole && !body.reason?.trim()) throw invalid(`The claim (${claimed} t) differs from the engine (${engineWhole ?? 'none'} t): give a reason.`, `申报量（${claimed} 吨）与模型（${engineWhole ?? '无'} 吨）不同：请说明理由。`);
    const [{ id }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_monitoring (project_id, vintage, period_start, period_end, engine_t, snapshot_id, claimed_t, reason, created_by)
      VALUES (${projectId}, ${body.vintage}, ${body.period_start}, ${body.period_end}, ${engine}, ${snap?.id ?? null}, ${claimed}, ${body.reason ?? null}, ${actor.id})
      RETURNING id::int AS id`;
    log({ action: 'monitoring.submitted', project_id: projectId, entity: 'monitoring', entity_id: id, before: null, after: { ...body, engine_t: engine, snapshot_id: snap?.id ?? null, claimed_t: claimed } });
    return id;
  });
  return monitoringRow(asQ(sql), id);
}

export async function verifyMonitoring(sql: Sql, actor: Actor, id: number, body: { decision: 'approve' | 'reject'; verified_t?: number; note?: string }): Promise<Monitoring> {
  await ledgerWrite(sql, actor, async (tx, log) => {
    const m = await monitoringRow(tx, id, true);
    if (m.status !== 'submitted') throw conflict(`Report ${id} is ${m.status}, not awaiting verification.`, `监测报告 ${id} 状态为 ${m.status}，不在待核证状态。`);
    const verified = body.decision === 'reject' ? 0 : body.verified_t ?? m.claimed_t;
    if (verified > m.claimed_t) throw invalid(`A verifier may approve at most the ${m.claimed_t} t claimed.`, `核证量不得超过申报的 ${m.claimed_t} 吨。`);
    if (body.decision === 'approve' && verified < 1) throw invalid('Approve at least 1 t, or reject.', '核证量至少 1 吨，否则请驳回。');
    if (verified < m.claimed_t && !body.note?.trim()) throw invalid('Say why the claim is reduced or rejected (note).', '请在 note 中说明核减或驳回的理由。');
    const status = body.decision === 'reject' ? 'rejected' : 'approved';
    await tx`UPDATE ledger_monitoring SET status = ${status}, verified_t = ${verified}, verified_by = ${actor.id}, verified_at = now(), verifier_note = ${body.note ?? null} WHERE id = ${id}`;
    log({ action: `monitoring.${status}`, project_id: m.project_id, entity: 'monitoring', entity_id: id, before: { status: m.status, claimed_t: m.claimed_t }, after: { status, verified_t: verified, note: body.note ?? null } });
  });
  return monitoringRow(asQ(sql), id);
}

type Issuance = z.infer<typeof IssuanceSchema>;

async function issuancesOf(q: Q, projectId: number, id?: number): Promise<Omit<Issuance, 'blocks'>[]> {
  const rows = await q<(Omit<Issuance, 'blocks' | 'serial'> & { code: string })[]>`
    SELECT i.id::int AS id, i.project_id::int AS project_id, i.monitoring_id::int AS monitoring_id, i.vintage, i.quantity_t, i.buffer_t,
      i.serial_first::float8 AS serial_first, i.serial_last::float8 AS serial_last, i.issued_by, i.issued_at, p.code
    FROM ledger_issuances i JOIN ledger_projects p ON p.id = i.project_id
    WHERE i.project_id = ${projectId} AND (${id ?? null}::bigint IS NULL OR i.id = ${id ?? null}::bigint) ORDER BY i.id`;
  return rows.map(({ code, ...r }) => ({ ...r, issued_at: iso(r.issued_at)!, serial: formatSerial({ project: code, vintage: r.vintage, first: r.serial_first, last: r.serial_last }) }));
}

export async function issue(sql: Sql, actor: Actor, monitoringId: number): Promise<Issuance> {
  const { projectId, issuanceId } = await ledgerWrite(sql, actor, async (tx, log) => {
    const m0 = await monitoringRow(tx, monitoringId);
    // Lock order: the project (serial allocation), then the report.
    const p = await projectRow(tx, m0.project_id, true);
    assertOperates(actor, p);
    const m = await monitoringRow(tx, monitoringId, true);
    if (m.status !== 'approved') throw conflict(`Report ${monitoringId} is ${m.status}: only an approved report can be issued.`, `监测报告 ${monitoringId} 状态为 ${m.status}：只有已核证的报告才能签发。`);
    const verified = m.verified_t!;
    const { buffer_t, issuable_t } = bufferSplit(verified, Number(p.buffer_fraction));
    const first = await nextSerial(tx, p.id, m.vintage);
    const last = first + verified - 1;
    const [{ id }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_issuances (project_id, monitoring_id, vintage, quantity_t, buffer_t, serial_first, serial_last, issued_by)
      VALUES (${p.id}, ${m.id}, ${m.vintage}, ${verified}, ${buffer_t}, ${first}, ${last}, ${actor.id}) RETURNING id::int AS id`;
    const blocks = [];
    if (buffer_t > 0) blocks.push(await insertBlock(tx, { project_id: p.id, vintage: m.vintage, serial_first: first, serial_last: first + buffer_t - 1, owner_id: p.cooperative_id, state: 'buffer', issuance_id: id, split_from: null }));
    if (issuable_t > 0) blocks.push(await insertBlock(tx, { project_id: p.id, vintage: m.vintage, serial_first: first + buffer_t, serial_last: last, owner_id: p.cooperative_id, state: 'held', issuance_id: id, split_from: null }));
    await tx`UPDATE ledger_monitoring SET status = 'issued' WHERE id = ${m.id}`;
    log({ action: 'credits.issued', project_id: p.id, entity: 'issuance', entity_id: id, before: { monitoring_status: 'approved' },
      after: { vintage: m.vintage, quantity_t: verified, buffer_t, buffer_fraction: p.buffer_fraction, blocks: blocks.map((b) => ({ id: b.id, serial: b.serial, state: b.state, owner_id: b.owner_id })) } });
    return { projectId: p.id, issuanceId: id };
  });
  const [i] = await issuancesOf(asQ(sql), projectId, issuanceId);
  const blocks = (await listBlocks(asQ(sql), { project_id: projectId, limit: 100_000, offset: 0 })).filter((b) => b.issuance_id === issuanceId);
  return { ...i, blocks };
}

export { isAdmin, forbidden };
