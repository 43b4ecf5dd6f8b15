/**
 * A restart keeps everything: an embedded database (its own folder, migrated, no demo county) gets
 * users, a project with issued credits, a sale and a session; it is closed and opened again, and
 * the ledger, its hash chain, the balances and the session are all still there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/store/connect.ts';
import { migrate } from '../../api/store/migrate.ts';
import { createUser, login, resolveSession } from '../../api/services/auth.ts';
import { createListing, purchase } from '../../api/services/ledger/credits.ts';
import { invariants, verifyLedger } from '../../api/services/ledger/payouts.ts';
import { addParcel, createParty, createProject, issue, submitMonitoring, verifyMonitoring } from '../../api/services/ledger/projects.ts';
import type { Actor } from '../../api/services/ledger/access.ts';

const dir = mkdtempSync(join(tmpdir(), 'tantu-ledger-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CONFIG = { sessionHours: 1, loginMaxFailures: 5, loginLockMinutes: 15 };

// It always opens its own embedded database: CI's server run would repeat the embedded run's work.
describe.skipIf(Boolean(process.env.DATABASE_URL))('restart', () => {
  it('keeps the ledger, the chain, the balances and sessions across a close and reopen of the embedded database', { timeout: 300_000 }, async () => {
    let db = await openDatabase({ dataDir: dir });
    await migrate(db.sql);
    const boot: Actor = { id: 'test', roles: ['admin'] };
    const coop = (await createParty(db.sql, boot, { kind: 'cooperative', name: '合作社' })).id;
    const village = (await createParty(db.sql, boot, { kind: 'village', name: '村' })).id;
    const buyer = (await createParty(db.sql, boot, { kind: 'buyer', name: '买方' })).id;
    const admin: Actor = { id: 'test', roles: ['admin'], party_id: coop };
    const p = await createProject(db.sql, admin, { code: 'RESTART', name: 'restart', kind: 'bamboo', methodology: 'AR-CM-005-V01' });
    await addParcel(db.sql, admin, p.id, { name: 'p', area_mu: 100, village_id: village, start_year: 2024, term_years: 30, rule: { kind: 'fixed', cny_per_mu_yr: 16.926, every_years: 3 } });
    const m = await submitMonitoring(db.sql, admin, p.id, { vintage: 2024, period_start: '2024-01-01', period_end: '2024-12-31', claimed_t: 50, reason: 'plots' });
    await verifyMonitoring(db.sql, admin, m.id, { decision: 'approve' });
    const i = await issue(db.sql, admin, m.id);
    const l = await createListing(db.sql, admin, { block_id: i.blocks.find((b) => b.state === 'held')!.id, quantity_t: 20, price_cny_per_t: 60 });
    await purchase(db.sql, { id: 'test', roles: ['admin'] }, { listing_id: l.id, quantity_t: 5, buyer_id: buyer });
    await createUser(db.sql, { username: 'restart-user', password: 'restart password', roles: ['bureau'] });
    const s = await login(db.sql, CONFIG, 'restart-user', 'restart password');
    const before = await verifyLedger(db.sql);
    const balBefore = await invariants(db.sql, p.id);
    expect(before.ok).toBe(true);
    await db.close();

    db = await openDatabase({ dataDir: dir });
    try {
      expect((await migrate(db.sql)).applied).toEqual([]);
      const after = await verifyLedger(db.sql);
      expect(after).toMatchObject({ ok: true, entries: before.entries, head_hash: before.head_hash });
      const balAfter = await invariants(db.sql, p.id);
      expect(balAfter.balances).toEqual(balBefore.balances);
      expect(balAfter.balances[0]).toMatchObject({ issued_t: 50, buffer_t: 5, held_t: 30, listed_t: 15, ok: true }); // 25 with the cooperative + 5 bought
      expect((await resolveSession(db.sql, s.session_id))?.identity.id).toBe('user:restart-user');
    } finally {
      await db.close();
    }
  });
});
