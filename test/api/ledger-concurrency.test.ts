/**
 * Concurrency: 50 parallel purchases of one 100 t listing, each for 60 t, give exactly one sale
 * and 49 × 409; 50 parallel retirements of the same block give one retirement. On a server the
 * app runs with a pool of 10 connections, so the row locks (SELECT … FOR UPDATE) are what keeps
 * the ledger right; the embedded PGlite has one connection and runs transactions one at a time.
 */
import { connectTo } from '../../api/store/connect.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testApp } from '../setup/app.ts';
import { call, issuedProject, world } from './ledger-setup.ts';

const url = inject('databaseUrl');
const backend = inject('backend');
const sql = connectTo(url, { max: backend === 'server' ? 10 : 1, onnotice: () => {} });
const { app } = testApp({ sql, url, backend, close: () => sql.end() });
afterAll(() => sql.end());
let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => { w = await world(app); });

describe('concurrent writes', () => {
  it('50 parallel purchases of 60 t from a 100 t listing: exactly one succeeds, the rest 409, invariants hold', async () => {
    const { project, held } = await issuedProject(app, w, 100);
    const l = await call(app, 'POST', '/api/ledger/listings', w.users.operator.bearer, { block_id: held.id, quantity_t: 100, price_cny_per_t: 60 });
    expect(l.status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      call(app, 'POST', '/api/ledger/purchases', (i % 2 ? w.users.buyer : w.users.buyer2).bearer, { listing_id: l.body.id, quantity_t: 60 })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const listing = (await call(app, 'GET', `/api/ledger/listings?project_id=${project.id}`, w.users.bureau.bearer)).body.listings[0];
    expect(listing).toMatchObject({ remaining_t: 40, state: 'open' });
    const inv = await call(app, 'GET', `/api/ledger/invariants?project_id=${project.id}`, w.users.bureau.bearer);
    expect(inv.body.ok).toBe(true);
    expect(inv.body.balances[0]).toMatchObject({ issued_t: 100, held_t: 60, listed_t: 40 });
    const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int n FROM ledger_purchases WHERE listing_id = ${l.body.id}`;
    expect(n).toBe(1);
  });

  it('50 parallel retirements of the same block: one succeeds', async () => {
    const { project, held } = await issuedProject(app, w, 30);
    const answers = await Promise.all(Array.from({ length: 50 }, () =>
      call(app, 'POST', '/api/ledger/retirements', w.users.operator.bearer, { block_id: held.id, beneficiary: '亚运会碳中和', purpose: 'event_neutrality' })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
    const inv = await call(app, 'GET', `/api/ledger/invariants?project_id=${project.id}`, w.users.bureau.bearer);
    expect(inv.body.balances[0]).toMatchObject({ ok: true, issued_t: 30, retired_t: 30, held_t: 0 });
    expect((await call(app, 'GET', '/api/ledger/verify', w.users.bureau.bearer)).body.ok).toBe(true);
  });
});
