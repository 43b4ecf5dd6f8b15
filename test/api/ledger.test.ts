/**
 * The cooperative ledger end to end on a real database: pooling under contracts, a carbon
 * snapshot from the engine, monitoring → verification → issuance with the buffer, listing,
 * purchase (block split), pledge lock, retirement, payouts to the fen, statements (CSV with BOM),
 * party scoping, the journal's tamper detection, the public registry, and a restart.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTo } from '../../api/store/connect.ts';
import { inject } from 'vitest';
import { testApp } from '../setup/app.ts';
import { ADMIN, call, issuedProject, uniq, world } from './ledger-setup.ts';

const { app, db } = testApp();
afterAll(() => db.close());
let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => { w = await world(app); });

const parcels = JSON.parse(readFileSync(new URL('../fixtures/carbon/parcels.geojson', import.meta.url), 'utf8')).features as { properties: { name: string }; geometry: { coordinates: number[][][] } }[];

describe('pooling, the engine snapshot and issuance', () => {
  it('pools parcels under contracts, freezes the engine figure, verifies (reduced) and issues serial blocks with the buffer withheld', async () => {
    const op = w.users.operator.bearer;
    const code = `AJ${uniq()}`;
    const p = await call(app, 'POST', '/api/ledger/projects', op, { code, name: '山林碳汇收储', kind: 'forest', methodology: 'AR-CM-003-V01' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ code, cooperative_id: w.coop, villages_share: 0.8, buffer_fraction: 0.1 });
    const geometry = parcels.find((f) => f.properties.name === 'hill-1km2')!.geometry;
    const c = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/parcels`, op, {
      name: '竹林一号', geometry, village_id: w.villageA, start_year: 2022, rule: { kind: 'fixed', cny_per_mu_yr: '16.926', every_years: 3 },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    // ~1 km² ≈ 1,500 亩, measured on the ellipsoid
    expect(c.body.area_mu).toBeGreaterThan(1300);
    expect(c.body.area_mu).toBeLessThan(1700);
    expect(c.body.schedule).toHaveLength(10);
    const s = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/snapshots`, op, { scenario: { seed: 7, monte_carlo_runs: 100, start_year: 2024 } });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body.sink_tCO2e_per_yr).toBeGreaterThan(0);
    expect(s.body.model_version).toBeTruthy();
    const m = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/monitoring`, op, { vintage: 2024, period_start: '2024-01-01', period_end: '2024-12-31' });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    expect(m.body.engine_t).toBeGreaterThan(0);
    expect(m.body.claimed_t).toBe(Math.floor(m.body.engine_t));
    // a claim other than the engine's needs a reason
    const noReason = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/monitoring`, op, { vintage: 2024, period_start: '2024-01-01', period_end: '2024-12-31', claimed_t: m.body.claimed_t + 5 });
    expect(noReason.status).toBe(422);
    const tooMuch = await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/verification`, w.users.verifier.bearer, { decision: 'approve', verified_t: m.body.claimed_t + 1 });
    expect(tooMuch.status).toBe(422);
    const reduced = Math.max(1, m.body.claimed_t - 3);
    const v = await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/verification`, w.users.verifier.bearer, { decision: 'approve', verified_t: reduced, note: '核减：样地误差' });
    expect(v.body).toMatchObject({ status: 'approved', verified_t: reduced });
    expect((await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/verification`, w.users.verifier.bearer, { decision: 'approve' })).status).toBe(409);
    const i = await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/issuance`, op);
    expect(i.status).toBe(201);
    const buffer = Math.ceil(reduced * 0.1 - 1e-9);
    expect(i.body).toMatchObject({ quantity_t: reduced, buffer_t: buffer, serial_first: 1, serial_last: reduced, serial: `ZJ-TANTU-${code}-2024-1-${reduced}` });
    expect(i.body.blocks.map((b: { state: string; serial: string }) => [b.state, b.serial])).toEqual([
      ['buffer', `ZJ-TANTU-${code}-2024-1-${buffer}`], ['held', `ZJ-TANTU-${code}-2024-${buffer + 1}-${reduced}`]]);
    expect((await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/issuance`, op)).status).toBe(409);
    const inv = await call(app, 'GET', `/api/ledger/invariants?project_id=${p.body.id}`, w.users.bureau.bearer);
    expect(inv.body.ok).toBe(true);
    expect(inv.body.balances[0]).toMatchObject({ issued_t: reduced, held_t: reduced - buffer, buffer_t: buffer });
  });
});

describe('trading', () => {
  it('lists, sells part (the block splits, the tail moves), refuses what is not left, and pays out 80 % to the villages to the fen', async () => {
    const { project, held, code } = await issuedProject(app, w, 2000);
    const op = w.users.operator.bearer;
    const l = await call(app, 'POST', '/api/ledger/listings', op, { block_id: held.id, quantity_t: 2000, price_cny_per_t: '73.41' });
    expect(l.status).toBe(201);
    expect(l.body).toMatchObject({ quantity_t: 2000, remaining_t: 2000, price_fen_per_t: 7341, price_cny_per_t: '73.41' });
    expect((await call(app, 'POST', '/api/ledger/listings', op, { block_id: held.id, quantity_t: 1, price_cny_per_t: '73.415' })).status).toBe(422);
    const buy = await call(app, 'POST', '/api/ledger/purchases', w.users.buyer.bearer, { listing_id: l.body.id, quantity_t: 1500, payment_ref: 'BANK-001' });
    expect(buy.status).toBe(201);
    expect(buy.body).toMatchObject({ quantity_t: 1500, total_fen: 1500 * 7341, total_cny: '110115.00', buyer_id: w.buyer });
    expect(buy.body.block.serial).toBe(`ZJ-TANTU-${code}-2024-501-2000`);
    const rest = await call(app, 'POST', '/api/ledger/purchases', w.users.buyer.bearer, { listing_id: l.body.id, quantity_t: 501 });
    expect(rest.status).toBe(409);
    expect(rest.body.remaining_t).toBe(500);
    const all = await call(app, 'POST', '/api/ledger/purchases', w.users.buyer2.bearer, { listing_id: l.body.id, quantity_t: 500 });
    expect(all.status).toBe(201);
    expect(all.body.block.serial).toBe(`ZJ-TANTU-${code}-2024-1-500`);
    expect((await call(app, 'GET', `/api/ledger/listings?project_id=${project.id}`, op)).body.listings[0]).toMatchObject({ state: 'sold', remaining_t: 0 });

    // Payout of the first sale: 110,115.00 元, 20 % cooperative, 80 % by area × share.
    const po = await call(app, 'POST', '/api/ledger/payouts', op, { kind: 'sale', project_id: project.id, purchase_id: buy.body.id });
    expect(po.status).toBe(201);
    const fen = Object.fromEntries(po.body.lines.map((x: { party_id: number; fen: number }) => [x.party_id, x.fen]));
    expect(po.body.lines.reduce((s: number, x: { fen: number }) => s + x.fen, 0)).toBe(11_011_500);
    expect(fen[w.coop]).toBe(2_202_300);
    // 8,809,200 fen over 6,425 亩: village A 0.5 × 5,425, h1 0.3 × 5,425, h2 0.2 × 5,425, village B 1,000
    const exact = (mu: number) => (8_809_200 * mu) / 6425;
    for (const [id, mu] of [[w.villageA, 2712.5], [w.h1, 1627.5], [w.h2, 1085], [w.villageB, 1000]] as const) expect(Math.abs(fen[id] - exact(mu))).toBeLessThan(1);
    expect((await call(app, 'POST', '/api/ledger/payouts', op, { kind: 'sale', project_id: project.id, purchase_id: buy.body.id })).status).toBe(409);

    // The Anji cycle payment: 5,425 亩 × 16.926 × 3 = 275,470.65 元 for 大里村's contract, split 50/30/20.
    const cyc = await call(app, 'POST', '/api/ledger/payouts', op, { kind: 'cycle', project_id: project.id, cycle_year: 2025 });
    expect(cyc.status).toBe(201);
    expect(cyc.body.basis.contracts_fen).toMatchObject({ [String((await call(app, 'GET', `/api/ledger/projects/${project.id}`, op)).body.contracts[0].id)]: 27_547_065 });
    const cf = Object.fromEntries(cyc.body.lines.map((x: { party_id: number; fen: number }) => [x.party_id, x.fen]));
    expect(cf[w.villageA] + cf[w.h1] + cf[w.h2]).toBe(27_547_065);
    expect([cf[w.villageA], cf[w.h1], cf[w.h2]]).toEqual([13_773_533, 8_264_119, 5_509_413]); // two .5 remainders, one fen left: to the earlier party
    expect(cf[w.villageB]).toBe(5_077_800); // 1,000 亩 × 43.4 × 0.39 × 3

    // Scoping: village A sees its own and its households' lines only; village B cannot read A's statement; buyers see no payouts.
    const seen = await call(app, 'GET', `/api/ledger/payouts?project_id=${project.id}`, w.users.village.bearer);
    expect(seen.status).toBe(200);
    for (const p of seen.body.payouts) for (const line of p.lines) expect([w.villageA, w.h1, w.h2]).toContain(line.party_id);
    expect((await call(app, 'GET', `/api/ledger/statements?project_id=${project.id}&party_id=${w.villageA}`, w.users.villageB.bearer)).status).toBe(403);
    expect((await call(app, 'GET', `/api/ledger/payouts?project_id=${project.id}`, w.users.buyer.bearer)).status).toBe(403);
    const detail = await call(app, 'GET', `/api/ledger/projects/${project.id}`, w.users.villageB.bearer);
    expect(detail.body.contracts.map((c: { village_id: number }) => c.village_id)).toEqual([w.villageB]);
    const parties = await call(app, 'GET', '/api/ledger/parties', w.users.buyer.bearer);
    expect(parties.body.parties.find((x: { id: number }) => x.id === w.h1).contact).toBeNull();

    const st = await call(app, 'GET', `/api/ledger/statements?project_id=${project.id}&party_id=${w.villageA}`, w.users.village.bearer);
    expect(st.status).toBe(200);
    expect(st.body.total_fen).toBe(fen[w.villageA] + fen[w.h1] + fen[w.h2] + 27_547_065);
    const csv = await call(app, 'GET', `/api/ledger/statements?project_id=${project.id}&party_id=${w.villageA}&format=csv`, w.users.village.bearer);
    expect(csv.res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await (await app.request(`/api/ledger/statements?project_id=${project.id}&party_id=${w.villageA}&format=csv`, { headers: w.users.village.bearer })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).toContain('137735.33');
  });

  it('a pledged block cannot be listed, sold, transferred or retired until released; retirement records beneficiary and case number', async () => {
    const { held } = await issuedProject(app, w, 100);
    const op = w.users.operator.bearer;
    const pl = await call(app, 'POST', '/api/ledger/pledges', op, { block_id: held.id, quantity_t: 40, lender_id: w.lender, loan_ref: '碳汇共富贷-001', amount_cny: '20000' });
    expect(pl.status).toBe(201);
    expect(pl.body).toMatchObject({ state: 'active', amount_fen: 2_000_000 });
    const locked = pl.body.block.id;
    for (const [path, body] of [
      ['/api/ledger/listings', { block_id: locked, quantity_t: 10, price_cny_per_t: 60 }],
      ['/api/ledger/transfers', { block_id: locked, to_party_id: w.buyer }],
      ['/api/ledger/retirements', { block_id: locked, beneficiary: 'X', purpose: 'offset' }],
      ['/api/ledger/pledges', { block_id: locked, lender_id: w.lender, loan_ref: 'again', amount_cny: 1 }],
    ] as const) {
      const r = await call(app, 'POST', path, op, body);
      expect(r.status, path).toBe(409);
      expect(r.body.block_state).toBe('pledged');
    }
    expect((await call(app, 'POST', `/api/ledger/pledges/${pl.body.id}/release`, w.users.buyer.bearer)).status).toBe(403);
    const rel = await call(app, 'POST', `/api/ledger/pledges/${pl.body.id}/release`, op);
    expect(rel.body.state).toBe('released');
    // the unpledged head can be listed and sold; a bought block retired for judicial restoration
    const l = await call(app, 'POST', '/api/ledger/listings', op, { block_id: held.id, quantity_t: 60, price_cny_per_t: 58.83 });
    const b = await call(app, 'POST', '/api/ledger/purchases', w.users.buyer.bearer, { listing_id: l.body.id, quantity_t: 60 });
    expect((await call(app, 'POST', '/api/ledger/retirements', w.users.buyer.bearer, { block_id: b.body.block.id, beneficiary: '某被告', purpose: 'judicial_restoration' })).status).toBe(422);
    expect((await call(app, 'POST', '/api/ledger/retirements', w.users.buyer2.bearer, { block_id: b.body.block.id, beneficiary: '某', purpose: 'offset' })).status).toBe(403);
    const r = await call(app, 'POST', '/api/ledger/retirements', w.users.buyer.bearer, { block_id: b.body.block.id, quantity_t: 25, beneficiary: '某被告', purpose: 'judicial_restoration', case_number: '(2024)浙0523刑初1号' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ quantity_t: 25, purpose: 'judicial_restoration', case_number: '(2024)浙0523刑初1号' });
    expect(r.body.serial).toMatch(/-2024-\d+-\d+$/);
    const reg = await call(app, 'GET', '/api/ledger/registry', {});
    expect(reg.status).toBe(200);
    expect(reg.body.retirements.map((x: { serial: string }) => x.serial)).toContain(r.body.serial);
    const text = JSON.stringify(reg.body);
    expect(text).not.toContain('农户甲');
    expect(text).not.toContain('13800000000');
    expect(text).not.toMatch(/user:/);
  });
});

describe('integrity', () => {
  it('detects a tampered journal row; the journal refuses UPDATE; invariants hold across the database', async () => {
    await issuedProject(app, w, 10);
    const ok = await call(app, 'GET', '/api/ledger/verify', w.users.bureau.bearer);
    expect(ok.body.problems).toEqual([]);
    expect(ok.body.ok).toBe(true);
    const [last] = await db.sql<{ seq: number; payload: string }[]>`SELECT seq::int AS seq, payload FROM ledger_journal ORDER BY seq DESC LIMIT 1 OFFSET 3`;
    await expect(db.sql`UPDATE ledger_journal SET actor = 'x' WHERE seq = ${last.seq}`).rejects.toThrow(/append-only/);
    // An attacker with database rights: trigger off, one figure changed.
    await db.sql`ALTER TABLE ledger_journal DISABLE TRIGGER ledger_journal_no_change`;
    try {
      await db.sql`UPDATE ledger_journal SET payload = ${`${last.payload.slice(0, -1)},"forged":true}`} WHERE seq = ${last.seq}`;
      const bad = await call(app, 'GET', '/api/ledger/verify', w.users.bureau.bearer);
      expect(bad.body.ok).toBe(false);
      expect(bad.body.problems[0]).toMatchObject({ seq: last.seq });
      expect(bad.body.problems[0].problem).toMatch(/changed/);
    } finally {
      await db.sql`UPDATE ledger_journal SET payload = ${last.payload} WHERE seq = ${last.seq}`;
      await db.sql`ALTER TABLE ledger_journal ENABLE TRIGGER ledger_journal_no_change`;
    }
    expect((await call(app, 'GET', '/api/ledger/verify', w.users.bureau.bearer)).body.ok).toBe(true);
    const j = await call(app, 'GET', '/api/ledger/journal?limit=5', w.users.bureau.bearer);
    expect(j.body.entries).toHaveLength(5);
    expect((await call(app, 'GET', '/api/ledger/journal?limit=5', w.users.buyer.bearer)).status).toBe(403);
  });

  it('a new connection (as after a restart) sees the same ledger, chain and sessions', async () => {
    const before = await call(app, 'GET', '/api/ledger/verify', w.users.bureau.bearer);
    const sql2 = connectTo(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      const { app: app2 } = testApp({ sql: sql2, url: inject('databaseUrl'), backend: inject('backend'), close: () => sql2.end() });
      const after = await call(app2, 'GET', '/api/ledger/verify', w.users.bureau.bearer);
      expect(after.body).toMatchObject({ ok: true, entries: before.body.entries, head_hash: before.body.head_hash });
      expect((await call(app2, 'GET', '/api/auth/session', w.users.operator.session)).body.user.username).toBe(w.users.operator.name);
    } finally {
      await sql2.end();
    }
    expect(ADMIN.authorization).toContain('Bearer');
  });
});
