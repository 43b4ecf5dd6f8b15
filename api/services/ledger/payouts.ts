/**
 * Revenue sharing (收益分配) to the fen, statements per village and household (JSON and CSV with
 * a UTF-8 BOM), the journal, the integrity check and the public registry.
 */
import type { Sql } from 'postgres';
import type { z } from '@hono/zod-openapi';
import { decString, dec, fenToYuanString } from '../../../layers/ledger/decimal.ts';
import { apportionFen, cyclePaymentFen, paymentSchedule, splitProceedsFen, type PaymentRule } from '../../../layers/ledger/payout.ts';
import { formatSerial } from '../../../layers/ledger/serial.ts';
import type { PayoutSchema, RegistrySchema, StatementSchema } from '../../schemas/ledger.ts';
import { verifyJournal } from '../../store/ledger-journal.ts';
import { asQ, balances } from '../../store/ledger.ts';
import { forbidden, readsAll, type Actor } from './access.ts';
import { priceFen } from './credits.ts';
import { assertOperates, conflict, invalid, notFound, partyById, projectRow } from './projects.ts';
import { ledgerWrite } from './write.ts';

type Payout = z.infer<typeof PayoutSchema>;
const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

interface ShareRow { contract_id: number; party_id: number; share: string; area_mu: string; rule: PaymentRule; start_year: number; term_years: number }

export async function createPayout(sql: Sql, actor: Actor, body: { kind: 'sale'; project_id: number; purchase_id: number; costs_cny?: number | string } | { kind: 'cycle'; project_id: number; cycle_year: number }): Promise<Payout> {
  const id = await ledgerWrite(sql, actor, async (tx, log) => {
    const p = await projectRow(tx, body.project_id, true);
    assertOperates(actor, p);
    const shares = await tx<ShareRow[]>`
      SELECT c.id::int AS contract_id, s.party_id::int AS party_id, s.share::text, l.area_mu::text, c.rule, c.start_year, c.term_years
      FROM ledger_contracts c JOIN ledger_contract_shares s ON s.contract_id = c.id JOIN ledger_parcels l ON l.id = c.parcel_id
      WHERE c.project_id = ${p.id} ORDER BY c.id, s.party_id`;
    if (!shares.length) throw invalid('The project has no contracts: nobody to pay.', '项目尚无合同：无可分配对象。');
    let total: bigint;
    let lines: { party_id: number; fen: bigint; basis: string }[];
    let basis: Record<string, unknown>;
    if (body.kind === 'sale') {
      const [pu] = await tx<{ id: number; total_fen: string; seller_id: number; project_id: number; quantity_t: number; price_fen_per_t: string }[]>`
        SELECT pu.id::int AS id, pu.total_fen::text, l.seller_id::int AS seller_id, b.project_id::int AS project_id, pu.quantity_t, pu.price_fen_per_t::text
        FROM ledger_purchases pu JOIN ledger_listings l ON l.id = pu.listing_id JOIN ledger_blocks b ON b.id = pu.block_id WHERE pu.id = ${body.purchase_id}`;
      if (!pu || pu.project_id !== p.id) throw notFound('purchase of this project', '本项目的成交', body.purchase_id);
      if (pu.seller_id !== p.cooperative_id) throw invalid('Only a sale by the project’s cooperative is shared with the villages (a resale is not).', '只有项目合作社的出售收入才向村集体分配（转售不分配）。');
      const [dup] = await tx`SELECT 1 FROM ledger_payouts WHERE purchase_id = ${pu.id}`;
      if (dup) throw conflict(`Purchase ${pu.id} was paid out already.`, `成交 ${pu.id} 已分配过。`);
      const costs = body.costs_cny === undefined ? 0n : priceFen(body.costs_cny, 'costs_cny');
      total = BigInt(pu.total_fen) - costs;
      if (total < 0n) throw invalid('The costs exceed the proceeds.', '费用超过成交收入。');
      const sumArea = shares.reduce((s, r) => s + Number(r.area_mu) * Number(r.share), 0);
      const parts = splitProceedsFen(total, p.villages_share, shares.map((s) => ({ party_id: String(s.party_id), area_mu: s.area_mu, share: s.share })), String(p.cooperative_id));
      const vs = decString(dec(p.villages_share));
      lines = parts.map((x) => {
        const pid = Number(x.key);
        const own = shares.filter((s) => s.party_id === pid).reduce((s, r) => s + Number(r.area_mu) * Number(r.share), 0);
        return {
          party_id: pid, fen: x.fen,
          basis: pid === p.cooperative_id && !own ? `cooperative: 1 − ${vs} of net proceeds 合作社留存` : `${vs} × ${own.toFixed(4).replace(/\.?0+$/, '')} 亩 of ${sumArea.toFixed(4).replace(/\.?0+$/, '')} 亩 按面积份额`,
        };
      });
      basis = { purchase_id: pu.id, gross_fen: Number(pu.total_fen), costs_fen: Number(costs), net_fen: Number(total), villages_share: vs, quantity_t: pu.quantity_t, price_fen_per_t: Number(pu.price_fen_per_t) };
    } else {
      const byParty = new Map<number, { fen: bigint; basis: string[] }>();
      const contracts = [...new Set(shares.map((s) => s.contract_id))];
      const paid: Record<string, number> = {};
      total = 0n;
      for (const cid of contracts) {
        const rows = shares.filter((s) => s.contract_id === cid);
        const c = rows[0];
        const due = paymentSchedule(c.area_mu, c.rule, c.start_year, c.term_years).find((d) => d.year === body.cycle_year);
        if (!due) continue;
        const fen = cyclePaymentFen(c.area_mu, { ...c.rule, every_years: due.years });
        paid[cid] = Number(fen);
        total += fen;
        for (const part of apportionFen(fen, rows.map((r) => ({ key: r.party_id, weight: r.share })))) {
          const e = byParty.get(part.key) ?? { fen: 0n, basis: [] };
          e.fen += part.fen;
          e.basis.push(`contract ${cid}: ${decString(dec(c.area_mu))} 亩 × ${due.years} yr × ${Number(rows.find((r) => r.party_id === part.key)!.share) * 100} %`);
          byParty.set(part.key, e);
        }
      }
      if (!byParty.size) throw invalid(`No contract of the project has a payment cycle starting in ${body.cycle_year}.`, `项目没有在 ${body.cycle_year} 年开始付款周期的合同。`);
      const [dup] = await tx`SELECT 1 FROM ledger_payouts WHERE project_id = ${p.id} AND kind = 'cycle' AND cycle_year = ${body.cycle_year}`;
      if (dup) throw conflict(`The ${body.cycle_year} cycle was paid out already.`, `${body.cycle_year} 年周期已付款。`);
      lines = [...byParty].map(([party_id, e]) => ({ party_id, fen: e.fen, basis: e.basis.join('; ') }));
      basis = { cycle_year: body.cycle_year, contracts_fen: paid };
    }
    const [{ id }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_payouts (project_id, kind, purchase_id, cycle_year, total_fen, villages_share, basis, created_by)
      VALUES (${p.id}, ${body.kind}, ${body.kind === 'sale' ? body.purchase_id : null}, ${body.kind === 'cycle' ? body.cycle_year : null}, ${total.toString()}::bigint,
              ${body.kind === 'sale' ? p.villages_share : null}::numeric, ${tx.json(basis as never)}, ${actor.id}) RETURNING id::int AS id`;
    for (const l of lines) await tx`INSERT INTO ledger_payout_lines (payout_id, party_id, fen, basis) VALUES (${id}, ${l.party_id}, ${l.fen.toString()}::bigint, ${l.basis})`;
    const sum = lines.reduce((s, l) => s + l.fen, 0n);
    if (sum !== total) throw conflict('Payout lines do not add up to the total.', '分配明细之和不等于总额。');
    log({ action: `payout.${body.kind}`, project_id: p.id, entity: 'payout', entity_id: id, before: null,
      after: { ...basis, total_fen: Number(total), lines: lines.map((l) => ({ party_id: l.party_id, fen: Number(l.fen) })) } });
    return id;
  });
  return (await listPayouts(sql, actor, { id }))[0];
}

/** Households of a village and the village itself: what a village user may see. */
async function ownParties(sql: Sql, actor: Actor): Promise<Set<number>> {
  if (actor.party_id == null) return new Set();
  const rows = await sql<{ id: number }[]>`SELECT id::int AS id FROM ledger_parties WHERE id = ${actor.party_id} OR parent_id = ${actor.party_id}`;
  return new Set(rows.map((r) => r.id));
}

export async function listPayouts(sql: Sql, actor: Actor, f: { project_id?: number; id?: number }): Promise<Payout[]> {
  const all = readsAll(actor);
  if (!all && !actor.roles.includes('village')) throw forbidden('Payouts are for the cooperative, the villages, verifiers and the bureau.', '收益分配仅对合作社、村集体、核证机构和林业局开放。');
  const own = all ? null : await ownParties(sql, actor);
  const rows = await sql<(Omit<Payout, 'lines' | 'total_cny'> & { villages_share: string | null })[]>`
    SELECT id::int AS id, project_id::int AS project_id, kind, purchase_id::int AS purchase_id, cycle_year, total_fen::float8 AS total_fen, villages_share::text, basis, created_at
    FROM ledger_payouts WHERE (${f.project_id ?? null}::bigint IS NULL OR project_id = ${f.project_id ?? null}::bigint) AND (${f.id ?? null}::bigint IS NULL OR id = ${f.id ?? null}::bigint) ORDER BY id`;
  const lines = await sql<{ payout_id: number; party_id: number; party_name: string; party_kind: string; fen: number; basis: string }[]>`
    SELECT pl.payout_id::int AS payout_id, pl.party_id::int AS party_id, pa.name AS party_name, pa.kind AS party_kind, pl.fen::float8 AS fen, pl.basis
    FROM ledger_payout_lines pl JOIN ledger_parties pa ON pa.id = pl.party_id WHERE pl.payout_id = ANY(${rows.map((r) => r.id)}::bigint[]) ORDER BY pl.payout_id, pl.party_id`;
  return rows.map((r) => ({
    ...r, villages_share: r.villages_share == null ? null : Number(r.villages_share), total_cny: fenToYuanString(BigInt(r.total_fen)), created_at: iso(r.created_at)!,
    lines: lines.filter((l) => l.payout_id === r.id && (!own || own.has(l.party_id))).map(({ payout_id: _p, ...l }) => ({ ...l, cny: fenToYuanString(BigInt(l.fen)) })),
  })).filter((p) => !own || p.lines.length > 0);
}

/** A party's statement for one project: every payout line to it (a village's statement includes its households). */
export async function statement(sql: Sql, actor: Actor, projectId: number, partyId: number): Promise<z.infer<typeof StatementSchema>> {
  const party = await partyById(asQ(sql), partyId);
  if (!party) throw notFound('party', '主体', partyId);
  if (!readsAll(actor)) {
    const own = await ownParties(sql, actor);
    if (!actor.roles.includes('village') || !own.has(partyId)) throw forbidden('You may read the statements of your own village and its households only.', '您只能查看本村及本村农户的结算单。');
  }
  const p = await projectRow(asQ(sql), projectId);
  const members = party.kind === 'village' ? (await sql<{ id: number }[]>`SELECT id::int AS id FROM ledger_parties WHERE id = ${partyId} OR parent_id = ${partyId}`).map((r) => r.id) : [partyId];
  const rows = await sql<{ payout_id: number; kind: string; date: Date; party_id: number; party_name: string; fen: number; basis: string }[]>`
    SELECT po.id::int AS payout_id, po.kind, po.created_at AS date, pl.party_id::int AS party_id, pa.name AS party_name, pl.fen::float8 AS fen, pl.basis
    FROM ledger_payout_lines pl JOIN ledger_payouts po ON po.id = pl.payout_id JOIN ledger_parties pa ON pa.id = pl.party_id
    WHERE po.project_id = ${projectId} AND pl.party_id = ANY(${members}::bigint[]) ORDER BY po.id, pl.party_id`;
  const total = rows.reduce((s, r) => s + BigInt(r.fen), 0n);
  return {
    party: { ...party, kind: party.kind as z.infer<typeof StatementSchema>['party']['kind'], contact: null }, project: { id: p.id, code: p.code, name: p.name },
    lines: rows.map((r) => ({ ...r, date: iso(r.date)!, cny: fenToYuanString(BigInt(r.fen)) })),
    total_fen: Number(total), total_cny: fenToYuanString(total),
  };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote always; neutralise spreadsheet formulas (=, +, -, @ at the start of text).
  return `"${(/^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** The statement as CSV with a UTF-8 BOM (Excel opens it in Chinese), amounts in 元 and 分. */
export function statementCsv(s: z.infer<typeof StatementSchema>): string {
  const head = ['结算单号 Payout', '类型 Kind', '日期 Date', '主体 Party', '金额（元）Amount CNY', '金额（分）Amount fen', '依据 Basis'];
  const rows = s.lines.map((l) => [l.payout_id, l.kind === 'sale' ? '出售分成 sale' : '收储付款 cycle', l.date.slice(0, 10), l.party_name, l.cny, l.fen, l.basis]);
  const total = ['', '', '', `合计 Total（${s.party.name}）`, s.total_cny, s.total_fen, `${s.project.code} ${s.project.name}`];
  return '\ufeff' + [head, ...rows, total].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function journal(sql: Sql, actor: Actor, f: { project_id?: number; limit: number; after_seq?: number }) {
  if (!readsAll(actor)) throw forbidden('The journal (with before/after values) is for the cooperative, verifiers, the bureau and administrators.', '账本日志（含变更前后值）仅对合作社、核证机构、林业局和管理员开放。');
  const rows = await sql<{ seq: number; at: Date; actor: string; action: string; project_id: number | null; payload: string; prev_hash: string; hash: string }[]>`
    SELECT seq::int AS seq, at, actor, action, project_id::int AS project_id, payload, prev_hash, hash FROM ledger_journal
    WHERE (${f.project_id ?? null}::bigint IS NULL OR project_id = ${f.project_id ?? null}::bigint) AND seq > ${f.after_seq ?? 0}
    ORDER BY seq DESC LIMIT ${f.limit}`;
  return { entries: rows.map((r) => ({ ...r, at: iso(r.at)! })) };
}

export async function verifyLedger(sql: Sql) {
  const chain = await verifyJournal(sql);
  const b = await balances(asQ(sql));
  return { ...chain, ok: chain.ok && b.every((x) => x.ok), invariants: { ok: b.every((x) => x.ok), balances: b } };
}

export async function invariants(sql: Sql, projectId?: number) {
  const t0 = performance.now();
  const b = await balances(asQ(sql), projectId ? [projectId] : undefined);
  return { ok: b.every((x) => x.ok), balances: b, checked_ms: performance.now() - t0 };
}

/** The public registry: projects, issuances and retirements with serial ranges; no personal data (no households, contacts or users). */
export async function registry(sql: Sql): Promise<z.infer<typeof RegistrySchema>> {
  const projects = await sql<{ id: number; code: string; name: string; kind: string; methodology: string; area_mu: number; cooperative: string }[]>`
    SELECT p.id::int AS id, p.code, p.name, p.kind, p.methodology, c.name AS cooperative,
      (SELECT coalesce(sum(area_mu), 0)::float8 FROM ledger_parcels WHERE project_id = p.id) AS area_mu
    FROM ledger_projects p JOIN ledger_parties c ON c.id = p.cooperative_id ORDER BY p.id`;
  const bal = await balances(asQ(sql));
  const issuances = await sql<{ project_code: string; vintage: number; quantity_t: number; buffer_t: number; first: number; last: number; issued_at: Date }[]>`
    SELECT p.code AS project_code, i.vintage, i.quantity_t, i.buffer_t, i.serial_first::float8 AS first, i.serial_last::float8 AS last, i.issued_at
    FROM ledger_issuances i JOIN ledger_projects p ON p.id = i.project_id ORDER BY i.id`;
  const retirements = await sql<{ project_code: string; vintage: number; quantity_t: number; serial: string; beneficiary: string; purpose: 'offset'; case_number: string | null; retired_at: Date }[]>`
    SELECT p.code AS project_code, b.vintage, r.quantity_t, r.serial, r.beneficiary, r.purpose, r.case_number, r.created_at AS retired_at
    FROM ledger_retirements r JOIN ledger_blocks b ON b.id = r.block_id JOIN ledger_projects p ON p.id = b.project_id ORDER BY r.id`;
  const sum = (code: string, k: 'issued_t' | 'retired_t' | 'buffer_t') => bal.filter((b) => b.project === code).reduce((s, b) => s + b[k], 0);
  return {
    projects: projects.map(({ id: _id, ...p }) => ({ ...p, area_ha: p.area_mu / 15, issued_t: sum(p.code, 'issued_t'), retired_t: sum(p.code, 'retired_t'), buffer_t: sum(p.code, 'buffer_t') })),
    issuances: issuances.map((i) => ({ project_code: i.project_code, vintage: i.vintage, quantity_t: i.quantity_t, buffer_t: i.buffer_t,
      serial: formatSerial({ project: i.project_code, vintage: i.vintage, first: i.first, last: i.last }), issued_at: iso(i.issued_at)! })),
    retirements: retirements.map((r) => ({ ...r, retired_at: iso(r.retired_at)! })),
  };
}
