/**
 * Trading credits: listings (挂牌), purchases that split the listed block, transfers, pledges
 * (质押: locked until released, cannot be listed, sold or retired) and retirements (注销) with a
 * beneficiary, purpose and case number. Every change locks the rows it reads (FOR UPDATE) and
 * re-checks the state after the lock, so 50 parallel purchases of the same 100 t each for 60 t
 * give one sale and 49 × 409.
 */
import type { Sql } from 'postgres';
import type { z } from '@hono/zod-openapi';
import { cmp, dec, fenToYuanString, mul } from '../../../layers/ledger/decimal.ts';
import type { ListingSchema, PledgeSchema, PurchaseSchema, RetirementSchema, TransferSchema } from '../../schemas/ledger.ts';
import { asQ, blockById, listBlocks, moveTail, type Block, type Q } from '../../store/ledger.ts';
import { ProblemError } from '../problem.ts';
import { actingParty, assertActsFor, isAdmin, forbidden, type Actor } from './access.ts';
import { conflict, invalid, notFound, partyById } from './projects.ts';
import { ledgerWrite } from './write.ts';

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/** Exact fen from a price in 元 with at most 2 decimals (a price of 73.415 元 is refused, not rounded). */
export function priceFen(cny: number | string, field: string): bigint {
  const d = dec(cny);
  const fen = mul(d, 100);
  if (fen.scale > 0 && fen.n % 10n ** BigInt(fen.scale) !== 0n) throw invalid(`${field} ${cny} has more than two decimals (fen).`, `${field} ${cny} 的小数超过两位（分）。`);
  if (cmp(d, 0) < 0) throw invalid(`${field} must not be negative.`, `${field} 不得为负。`);
  return fen.n / 10n ** BigInt(fen.scale);
}

const STATE_ZH: Record<string, string> = { held: '持有', listed: '挂牌中', pledged: '质押中', retired: '已注销', buffer: '缓冲池' };

/** Locks a block and checks its owner and that it is `held` (free to move). */
async function lockHeld(tx: Q, actor: Actor, blockId: number, doing: { en: string; zh: string }): Promise<Block> {
  const b = await blockById(tx, blockId, true);
  if (!b) throw notFound('block', '区块', blockId);
  assertActsFor(actor, b.owner_id, { en: `Block ${b.serial}`, zh: `区块 ${b.serial} ` });
  if (b.state !== 'held') {
    throw conflict(`Block ${b.serial} is ${b.state}${b.state === 'pledged' ? ' (locked until the pledge is released)' : ''}: it cannot be ${doing.en}.`,
      `区块 ${b.serial} ${STATE_ZH[b.state]}${b.state === 'pledged' ? '（质押解除前锁定）' : ''}：不能${doing.zh}。`, { block_state: b.state });
  }
  return b;
}

function quantityWithin(b: Block, q: number | undefined): number {
  const n = q ?? b.quantity_t;
  if (n > b.quantity_t) throw conflict(`Block ${b.serial} holds ${b.quantity_t} t, fewer than the ${n} t asked for.`, `区块 ${b.serial} 仅有 ${b.quantity_t} 吨，少于所需的 ${n} 吨。`, { available_t: b.quantity_t });
  return n;
}

// ── listings ──

type Listing = z.infer<typeof ListingSchema>;
const LISTING_SELECT = `SELECT l.id::int AS id, l.block_id::int AS block_id, l.seller_id::int AS seller_id, b.project_id::int AS project_id, p.code AS project_code, b.vintage,
  l.quantity_t, l.remaining_t, l.price_fen_per_t::float8 AS price_fen_per_t, l.state, l.created_at
  FROM ledger_listings l JOIN ledger_blocks b ON b.id = l.block_id JOIN ledger_projects p ON p.id = b.project_id`;
const listingOut = (l: Omit<Listing, 'price_cny_per_t'>): Listing => ({ ...l, price_cny_per_t: fenToYuanString(BigInt(l.price_fen_per_t)), created_at: iso(l.created_at)! });

export async function listListings(sql: Sql, f: { state?: string; project_id?: number }): Promise<Listing[]> {
  const rows = await sql.unsafe<Omit<Listing, 'price_cny_per_t'>[]>(`${LISTING_SELECT} WHERE ($1::text IS NULL OR l.state = $1) AND ($2::bigint IS NULL OR b.project_id = $2) ORDER BY l.id`, [f.state ?? null, f.project_id ?? null]);
  return rows.map(listingOut);
}

async function listingById(q: Q, id: number): Promise<Listing> {
  const [l] = await q.unsafe<Omit<Listing, 'price_cny_per_t'>[]>(`${LISTING_SELECT} WHERE l.id = $1`, [id]);
  if (!l) throw notFound('listing', '挂牌', id);
  return listingOut(l);
}

export async function createListing(sql: Sql, actor: Actor, body: { block_id: number; quantity_t: number; price_cny_per_t: number | string }): Promise<Listing> {
  const price = priceFen(body.price_cny_per_t, 'price_cny_per_t');
  const id = await ledgerWrite(sql, actor, async (tx, log) => {
    const b = await lockHeld(tx, actor, body.block_id, { en: 'listed', zh: '挂牌' });
    const q = quantityWithin(b, body.quantity_t);
    const { moved } = await moveTail(tx, b, q, b.owner_id, 'listed');
    const [{ id }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_listings (block_id, seller_id, quantity_t, remaining_t, price_fen_per_t, created_by)
      VALUES (${moved.id}, ${b.owner_id}, ${q}, ${q}, ${price.toString()}::bigint, ${actor.id}) RETURNING id::int AS id`;
    log({ action: 'listing.opened', project_id: b.project_id, entity: 'listing', entity_id: id, before: { block: b.serial, state: 'held' },
      after: { block_id: moved.id, serial: moved.serial, quantity_t: q, price_fen_per_t: Number(price) } });
    return id;
  });
  return listingById(asQ(sql), id);
}

export async function cancelListing(sql: Sql, actor: Actor, id: number): Promise<Listing> {
  await ledgerWrite(sql, actor, async (tx, log) => {
    const [l] = await tx<{ id: number; block_id: number; seller_id: number; state: string; remaining_t: number }[]>`
      SELECT id::int AS id, block_id::int AS block_id, seller_id::int AS seller_id, state, remaining_t FROM ledger_listings WHERE id = ${id} FOR UPDATE`;
    if (!l) throw notFound('listing', '挂牌', id);
    assertActsFor(actor, l.seller_id, { en: `Listing ${id}`, zh: `挂牌 ${id} ` });
    if (l.state !== 'open') throw conflict(`Listing ${id} is ${l.state}.`, `挂牌 ${id} 已${l.state === 'sold' ? '售罄' : '撤销'}。`);
    const b = (await blockById(tx, l.block_id, true))!;
    await tx`UPDATE ledger_blocks SET state = 'held' WHERE id = ${b.id}`;
    await tx`UPDATE ledger_listings SET state = 'cancelled' WHERE id = ${id}`;
    log({ action: 'listing.cancelled', project_id: b.project_id, entity: 'listing', entity_id: id, before: { state: 'open', remaining_t: l.remaining_t }, after: { state: 'cancelled', block: b.serial } });
  });
  return listingById(asQ(sql), id);
}

// ── purchases ──

export async function purchase(sql: Sql, actor: Actor, body: { listing_id: number; quantity_t: number; payment_ref?: string; buyer_id?: number }): Promise<z.infer<typeof PurchaseSchema>> {
  const buyer = actingParty(actor, body.buyer_id);
  return ledgerWrite(sql, actor, async (tx, log) => {
    // Lock the listing first: concurrent buyers queue here and each sees what the previous one left.
    const [l] = await tx<{ id: number; block_id: number; seller_id: number; state: string; remaining_t: number; price_fen_per_t: string }[]>`
      SELECT id::int AS id, block_id::int AS block_id, seller_id::int AS seller_id, state, remaining_t, price_fen_per_t::text FROM ledger_listings WHERE id = ${body.listing_id} FOR UPDATE`;
    if (!l) throw notFound('listing', '挂牌', body.listing_id);
    if (l.state !== 'open') throw conflict(`Listing ${l.id} is ${l.state}.`, `挂牌 ${l.id} 已${l.state === 'sold' ? '售罄' : '撤销'}。`, { remaining_t: l.remaining_t });
    if (body.quantity_t > l.remaining_t) throw conflict(`Listing ${l.id} has ${l.remaining_t} t left, fewer than the ${body.quantity_t} t asked for.`, `挂牌 ${l.id} 仅剩 ${l.remaining_t} 吨，少于所需的 ${body.quantity_t} 吨。`, { remaining_t: l.remaining_t });
    if (buyer === l.seller_id) throw invalid('A party cannot buy its own listing.', '主体不能购买自己的挂牌。');
    const bp = await partyById(tx, buyer);
    if (!bp) throw notFound('party', '主体', buyer);
    const b = (await blockById(tx, l.block_id, true))!;
    if (b.state !== 'listed' || b.quantity_t !== l.remaining_t) throw new ProblemError(500, 'Listing and block disagree', `Listing ${l.id} has ${l.remaining_t} t but its block ${b.serial} is ${b.state} with ${b.quantity_t} t.`, {}, { title: '挂牌与区块不一致', detail: `挂牌 ${l.id} 剩余 ${l.remaining_t} 吨，但其区块 ${b.serial} 为${STATE_ZH[b.state]}、${b.quantity_t} 吨。` });
    const { moved } = await moveTail(tx, b, body.quantity_t, buyer, 'held');
    // The head keeps the listing; when the whole block went, the listing is sold out.
    const remaining = l.remaining_t - body.quantity_t;
    await tx`UPDATE ledger_listings SET remaining_t = ${remaining}, state = ${remaining === 0 ? 'sold' : 'open'}, block_id = ${remaining === 0 ? l.block_id : b.id} WHERE id = ${l.id}`;
    const total = BigInt(l.price_fen_per_t) * BigInt(body.quantity_t);
    const [p] = await tx<{ id: number; created_at: Date }[]>`
      INSERT INTO ledger_purchases (listing_id, buyer_id, block_id, quantity_t, price_fen_per_t, total_fen, payment_ref, created_by)
      VALUES (${l.id}, ${buyer}, ${moved.id}, ${body.quantity_t}, ${l.price_fen_per_t}::bigint, ${total.toString()}::bigint, ${body.payment_ref ?? null}, ${actor.id})
      RETURNING id::int AS id, created_at`;
    log({ action: 'credits.purchased', project_id: b.project_id, entity: 'purchase', entity_id: p.id, before: { listing_id: l.id, remaining_t: l.remaining_t, block: b.serial },
      after: { buyer_id: buyer, seller_id: l.seller_id, quantity_t: body.quantity_t, price_fen_per_t: Number(l.price_fen_per_t), total_fen: Number(total), serial: moved.serial, payment_ref: body.payment_ref ?? null } });
    return { id: p.id, listing_id: l.id, buyer_id: buyer, quantity_t: body.quantity_t, price_fen_per_t: Number(l.price_fen_per_t), total_fen: Number(total), total_cny: fenToYuanString(total),
      payment_ref: body.payment_ref ?? null, created_at: iso(p.created_at)!, block: moved };
  });
}

// ── transfers ──

export async function transfer(sql: Sql, actor: Actor, body: { block_id: number; quantity_t?: number; to_party_id: number }): Promise<z.infer<typeof TransferSchema>> {
  return ledgerWrite(sql, actor, async (tx, log) => {
    const b = await lockHeld(tx, actor, body.block_id, { en: 'transferred', zh: '转让' });
    const q = quantityWithin(b, body.quantity_t);
    const to = await partyById(tx, body.to_party_id);
    if (!to) throw notFound('party', '主体', body.to_party_id);
    if (to.id === b.owner_id) throw invalid('The block already belongs to that party.', '该区块已属于该主体。');
    const { moved } = await moveTail(tx, b, q, to.id, 'held');
    const [t] = await tx<{ id: number; created_at: Date }[]>`
      INSERT INTO ledger_transfers (block_id, from_id, to_id, quantity_t, created_by) VALUES (${moved.id}, ${b.owner_id}, ${to.id}, ${q}, ${actor.id}) RETURNING id::int AS id, created_at`;
    log({ action: 'credits.transferred', project_id: b.project_id, entity: 'transfer', entity_id: t.id, before: { block: b.serial, owner_id: b.owner_id }, after: { serial: moved.serial, owner_id: to.id, quantity_t: q } });
    return { id: t.id, from_id: b.owner_id, to_id: to.id, quantity_t: q, created_at: iso(t.created_at)!, block: moved };
  });
}

// ── pledges ──

type Pledge = z.infer<typeof PledgeSchema>;

async function pledgeOut(q: Q, id: number): Promise<Pledge> {
  const [p] = await q<(Omit<Pledge, 'block'> & { block_id: number })[]>`
    SELECT id::int AS id, block_id::int AS block_id, pledger_id::int AS pledger_id, lender_id::int AS lender_id, loan_ref, amount_fen::float8 AS amount_fen, state, created_at, released_at
    FROM ledger_pledges WHERE id = ${id}`;
  if (!p) throw notFound('pledge', '质押', id);
  const { block_id, ...rest } = p;
  return { ...rest, created_at: iso(p.created_at)!, released_at: iso(p.released_at), block: (await blockById(q, block_id))! };
}

export async function listPledges(sql: Sql, actor: Actor): Promise<Pledge[]> {
  const ids = await sql<{ id: number }[]>`
    SELECT id::int AS id FROM ledger_pledges WHERE ${isAdmin(actor) || actor.roles.some((r) => r === 'bureau' || r === 'operator' || r === 'verifier')} OR pledger_id = ${actor.party_id ?? -1} OR lender_id = ${actor.party_id ?? -1} ORDER BY id`;
  return Promise.all(ids.map((r) => pledgeOut(asQ(sql), r.id)));
}

export async function pledge(sql: Sql, actor: Actor, body: { block_id: number; quantity_t?: number; lender_id: number; loan_ref: string; amount_cny: number | string }): Promise<Pledge> {
  const amount = priceFen(body.amount_cny, 'amount_cny');
  const id = await ledgerWrite(sql, actor, async (tx, log) => {
    const b = await lockHeld(tx, actor, body.block_id, { en: 'pledged', zh: '质押' });
    const q = quantityWithin(b, body.quantity_t);
    const lender = await partyById(tx, body.lender_id);
    if (!lender || lender.kind !== 'lender') throw invalid(`Party ${body.lender_id} is not a lender.`, `主体 ${body.lender_id} 不是贷款机构。`);
    const { moved } = await moveTail(tx, b, q, b.owner_id, 'pledged');
    const [{ id }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_pledges (block_id, pledger_id, lender_id, loan_ref, amount_fen, created_by)
      VALUES (${moved.id}, ${b.owner_id}, ${lender.id}, ${body.loan_ref}, ${amount.toString()}::bigint, ${actor.id}) RETURNING id::int AS id`;
    log({ action: 'credits.pledged', project_id: b.project_id, entity: 'pledge', entity_id: id, before: { block: b.serial, state: 'held' },
      after: { serial: moved.serial, lender_id: lender.id, loan_ref: body.loan_ref, amount_fen: Number(amount) } });
    return id;
  });
  return pledgeOut(asQ(sql), id);
}

export async function releasePledge(sql: Sql, actor: Actor, id: number): Promise<Pledge> {
  await ledgerWrite(sql, actor, async (tx, log) => {
    const [p] = await tx<{ block_id: number; pledger_id: number; lender_id: number; state: string }[]>`
      SELECT block_id::int AS block_id, pledger_id::int AS pledger_id, lender_id::int AS lender_id, state FROM ledger_pledges WHERE id = ${id} FOR UPDATE`;
    if (!p) throw notFound('pledge', '质押', id);
    if (!isAdmin(actor) && actor.party_id !== p.pledger_id && actor.party_id !== p.lender_id) throw forbidden(`Pledge ${id} is between parties ${p.pledger_id} and ${p.lender_id}.`, `质押 ${id} 属于主体 ${p.pledger_id} 与 ${p.lender_id}。`);
    if (p.state !== 'active') throw conflict(`Pledge ${id} was released already.`, `质押 ${id} 已解除。`);
    const b = (await blockById(tx, p.block_id, true))!;
    await tx`UPDATE ledger_blocks SET state = 'held' WHERE id = ${b.id}`;
    await tx`UPDATE ledger_pledges SET state = 'released', released_at = now() WHERE id = ${id}`;
    log({ action: 'pledge.released', project_id: b.project_id, entity: 'pledge', entity_id: id, before: { state: 'active', serial: b.serial }, after: { state: 'released' } });
  });
  return pledgeOut(asQ(sql), id);
}

// ── retirements ──

type Retirement = z.infer<typeof RetirementSchema>;
const RET_SELECT = `SELECT r.id::int AS id, b.project_id::int AS project_id, p.code AS project_code, p.name AS project_name, b.vintage, r.quantity_t, r.serial,
  r.beneficiary, r.purpose, r.case_number, r.note, r.party_id::int AS party_id, r.created_at
  FROM ledger_retirements r JOIN ledger_blocks b ON b.id = r.block_id JOIN ledger_projects p ON p.id = b.project_id`;

export async function listRetirements(sql: Sql, f: { project_id?: number; id?: number } = {}): Promise<Retirement[]> {
  const rows = await sql.unsafe<Retirement[]>(`${RET_SELECT} WHERE ($1::bigint IS NULL OR b.project_id = $1) AND ($2::bigint IS NULL OR r.id = $2) ORDER BY r.id`, [f.project_id ?? null, f.id ?? null]);
  return rows.map((r) => ({ ...r, created_at: iso(r.created_at)! }));
}

export async function retire(sql: Sql, actor: Actor, body: { block_id: number; quantity_t?: number; beneficiary: string; purpose: Retirement['purpose']; case_number?: string; note?: string }): Promise<Retirement> {
  if (body.purpose === 'judicial_restoration' && !body.case_number?.trim()) {
    throw invalid('A retirement for judicial ecological restoration needs the court case number (case_number).', '司法生态修复注销须填写案号（case_number）。');
  }
  const id = await ledgerWrite(sql, actor, async (tx, log) => {
    const b = await lockHeld(tx, actor, body.block_id, { en: 'retired', zh: '注销' });
    const q = quantityWithin(b, body.quantity_t);
    const { moved } = await moveTail(tx, b, q, b.owner_id, 'retired');
    const [{ id }] = await tx<{ id: number }[]>`
      INSERT INTO ledger_retirements (block_id, party_id, quantity_t, serial, beneficiary, purpose, case_number, note, created_by)
      VALUES (${moved.id}, ${b.owner_id}, ${q}, ${moved.serial}, ${body.beneficiary}, ${body.purpose}, ${body.case_number ?? null}, ${body.note ?? null}, ${actor.id}) RETURNING id::int AS id`;
    log({ action: 'credits.retired', project_id: b.project_id, entity: 'retirement', entity_id: id, before: { block: b.serial, state: 'held' },
      after: { serial: moved.serial, quantity_t: q, beneficiary: body.beneficiary, purpose: body.purpose, case_number: body.case_number ?? null } });
    return id;
  });
  return (await listRetirements(sql, { id }))[0];
}

export async function blocks(sql: Sql, f: { project_id?: number; owner_id?: number; state?: string; limit: number; offset: number }): Promise<Block[]> {
  return listBlocks(asQ(sql), f);
}
