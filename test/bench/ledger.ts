/**
 * Ledger figures: purchases per second on one listing under 20 concurrent clients (each buying
 * 1 t at a time through the HTTP app until the listing is sold out), with the double-sale check
 * (Σ bought = listed, invariants hold, no serial in two blocks); and the invariant check time of
 * one project with 10,000 blocks. `benchLedger` is called by test/bench/run.ts; standalone:
 *   npx tsx test/bench/ledger.ts              (embedded PGlite in a temporary folder, no demo county)
 *   DATABASE_URL=postgres://… npx tsx test/bench/ledger.ts   (adds the server)
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Sql } from 'postgres';
import { createApp } from '../../api/app.ts';
import { readConfig, type Config } from '../../api/config.ts';
import { VERSION } from '../../api/version.ts';
import { createToken, createUser } from '../../api/services/auth.ts';
import { createListing } from '../../api/services/ledger/credits.ts';
import { invariants } from '../../api/services/ledger/payouts.ts';
import { addParcel, createParty, createProject, issue, submitMonitoring, verifyMonitoring } from '../../api/services/ledger/projects.ts';
import type { Actor } from '../../api/services/ledger/access.ts';
import { median, type BenchResult } from './result.ts';

type App = { request(path: string, init?: RequestInit): Response | Promise<Response> };
const CLIENTS = 20;

async function issued(sql: Sql, admin: Actor, coop: number, village: number, tonnes: number, tag: string) {
  const code = `B${tag}${Date.now().toString(36).toUpperCase()}`.slice(0, 24);
  const p = await createProject(sql, admin, { code, name: `bench ${code}`, kind: 'bamboo', methodology: 'AR-CM-005-V01', cooperative_id: coop, buffer_fraction: 0 });
  await addParcel(sql, admin, p.id, { name: 'p', area_mu: 1000, village_id: village, start_year: 2024, term_years: 30, rule: { kind: 'fixed', cny_per_mu_yr: 16.926, every_years: 3 } });
  const m = await submitMonitoring(sql, admin, p.id, { vintage: 2024, period_start: '2024-01-01', period_end: '2024-12-31', claimed_t: tonnes, reason: 'bench' });
  await verifyMonitoring(sql, admin, m.id, { decision: 'approve' });
  const i = await issue(sql, admin, m.id);
  return { project: p, block: i.blocks.find((b) => b.state === 'held')! };
}

export async function benchLedger(ctx: { app: App; sql: Sql; backend: string; listing_t?: number }): Promise<BenchResult[]> {
  const { app, sql, backend } = ctx;
  const listingT = ctx.listing_t ?? 1000;
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const boot: Actor = { id: 'bench', roles: ['admin'] };
  const coop = (await createParty(sql, boot, { kind: 'cooperative', name: `bench coop ${tag}` })).id;
  const village = (await createParty(sql, boot, { kind: 'village', name: `bench village ${tag}` })).id;
  const admin: Actor = { id: 'bench', roles: ['admin'], party_id: coop };
  const buyers = await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
    const party = (await createParty(sql, boot, { kind: 'buyer', name: `bench buyer ${tag}-${i}` })).id;
    const u = await createUser(sql, { username: `bench-${tag.toLowerCase()}-${i}`, password: 'bench password 1234', roles: ['buyer'], party_id: party });
    return (await createToken(sql, u.id, 'bench')).token;
  }));

  // Purchases per second: 20 clients, 1 t each, until the listing is sold out.
  const { project, block } = await issued(sql, admin, coop, village, listingT, tag);
  const listing = await createListing(sql, admin, { block_id: block.id, quantity_t: listingT, price_cny_per_t: '73.41' });
  let ok = 0, conflicts = 0, other = 0;
  const t0 = performance.now();
  await Promise.all(buyers.map(async (token) => {
    for (;;) {
      const res = await app.request('/api/ledger/purchases', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ listing_id: listing.id, quantity_t: 1 }) });
      await res.arrayBuffer();
      if (res.status === 201) ok++;
      else if (res.status === 409) { conflicts++; break; }
      else { other++; break; }
    }
  }));
  const seconds = (performance.now() - t0) / 1e3;
  const [{ bought, n }] = await sql<{ bought: number; n: number }[]>`SELECT coalesce(sum(quantity_t), 0)::int bought, count(*)::int n FROM ledger_purchases WHERE listing_id = ${listing.id}`;
  const inv = await invariants(sql, project.id);
  const doubles = bought - listingT + (inv.ok ? 0 : 1);

  // Invariant check of a project with 10,000 blocks (1 t each, one holder; set up in SQL).
  const big = await issued(sql, admin, coop, village, 10_000, `${tag}X`);
  await sql.begin(async (tx) => {
    await tx`DELETE FROM ledger_blocks WHERE id = ${big.block.id}`;
    await tx`INSERT INTO ledger_blocks (project_id, vintage, serial_first, serial_last, owner_id, state, issuance_id)
      SELECT ${big.project.id}, 2024, s, s, ${coop}, 'held', ${big.block.issuance_id} FROM generate_series(1, 10000) s`;
  });
  const times: number[] = [];
  let bigOk = true;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await invariants(sql, big.project.id);
    times.push(performance.now() - t);
    bigOk &&= r.ok && r.balances[0].blocks === 10_000;
  }
  return [
    { name: `ledger purchases/s, one listing, ${CLIENTS} clients × 1 t (${backend})`, value: ok / seconds, unit: '/s',
      note: `${ok} sales of ${listingT} t in ${seconds.toFixed(1)} s; ${n} purchase rows, ${bought} t bought; double sales ${doubles}; ${conflicts} × 409 at the end, ${other} other` },
    { name: `ledger invariant check, 10,000 blocks (${backend})`, value: median(times), unit: 'ms', note: `median of 5; ${bigOk ? 'ok' : 'FAILED'}` },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { startup } = await import('../../data-pipeline/startup.ts');
  const dataDir = join(tmpdir(), `tantu-bench-ledger-${process.pid}`);
  const config: Config = { ...readConfig({}), dataDir, loadDemo: false };
  const out: BenchResult[] = [];
  const { db } = await startup(config);
  out.push(...await benchLedger({ app: createApp({ db, config, version: VERSION }), sql: db.sql, backend: 'embedded' }));
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const server = await startup({ ...config, databaseUrl: process.env.DATABASE_URL, dataDir: `${dataDir}-server` });
    out.push(...await benchLedger({ app: createApp({ db: server.db, config: { ...config, databaseUrl: process.env.DATABASE_URL }, version: VERSION }), sql: server.db.sql, backend: 'server' }));
    await server.db.close();
    rmSync(`${dataDir}-server`, { recursive: true, force: true });
  }
  for (const r of out) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}  (${r.note})`);
}
