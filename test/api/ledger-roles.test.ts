/**
 * The role matrix: every write endpoint of /api/ledger (WRITE_ROLES, checked against the OpenAPI
 * document so none is forgotten) and of /api/auth × every role: allowed roles get past the role
 * check (whatever the request then answers), the others get 403 naming the roles; without a
 * session or token every write is 401. Bodies name rows that do not exist, so nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITE_ROLES } from '../../api/services/ledger/access.ts';
import { testApp } from '../setup/app.ts';
import { call, party, ROLE_LIST, user, type RoleName } from './ledger-setup.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const NONE = 999_999_999;
const BODIES: Record<string, unknown> = {
  'POST /ledger/parties': { kind: 'buyer', name: '矩阵测试买方' },
  'POST /ledger/projects': { code: 'ROLEMATRIX', name: 'x', kind: 'bamboo', cooperative_id: NONE },
  'POST /ledger/projects/{id}/parcels': { name: 'x', area_mu: 1, village_id: NONE, start_year: 2024, rule: { kind: 'fixed', cny_per_mu_yr: 1, every_years: 1 } },
  'POST /ledger/projects/{id}/snapshots': {},
  'POST /ledger/projects/{id}/monitoring': { vintage: 2024, period_start: '2024-01-01', period_end: '2024-12-31', claimed_t: 1, reason: 'x' },
  'POST /ledger/monitoring/{id}/verification': { decision: 'approve' },
  'POST /ledger/monitoring/{id}/issuance': undefined,
  'POST /ledger/listings': { block_id: NONE, quantity_t: 1, price_cny_per_t: 1 },
  'POST /ledger/listings/{id}/cancel': undefined,
  'POST /ledger/purchases': { listing_id: NONE, quantity_t: 1, buyer_id: NONE },
  'POST /ledger/transfers': { block_id: NONE, to_party_id: NONE },
  'POST /ledger/pledges': { block_id: NONE, lender_id: NONE, loan_ref: 'x', amount_cny: 1 },
  'POST /ledger/pledges/{id}/release': undefined,
  'POST /ledger/retirements': { block_id: NONE, beneficiary: 'x', purpose: 'offset' },
  'POST /ledger/payouts': { kind: 'cycle', project_id: NONE, cycle_year: 2024 },
};
const AUTH_WRITES: [string, string, unknown, readonly RoleName[]][] = [
  ['POST', '/api/auth/users', { username: 'matrix-never', password: 'short' }, ['admin']],
  ['PATCH', `/api/auth/users/${NONE}`, { disabled: true }, ['admin']],
  ['POST', '/api/auth/tokens', { name: '' }, ROLE_LIST],
];

let headers: Record<RoleName, Record<string, string>>;
let cookieHeaders: Record<RoleName, Record<string, string>>;
beforeAll(async () => {
  const p = await party(app, 'cooperative', '矩阵合作社');
  const made = await Promise.all(ROLE_LIST.map((r) => user(app, [r], p)));
  headers = Object.fromEntries(ROLE_LIST.map((r, i) => [r, made[i].bearer])) as unknown as typeof headers;
  cookieHeaders = Object.fromEntries(ROLE_LIST.map((r, i) => [r, made[i].session])) as unknown as typeof cookieHeaders;
});

const pathOf = (k: string) => `/api${k.split(' ')[1].replace(/\{id\}/g, String(NONE))}`;

describe('role matrix', () => {
  it('lists every write operation of /api/ledger in the OpenAPI document', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    const writes = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([p]) => p.startsWith('/api/ledger/'))
      .flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'get').map((m) => `${m.toUpperCase()} ${p.slice(4)}`));
    expect(writes.sort()).toEqual(Object.keys(WRITE_ROLES).sort());
    expect(Object.keys(BODIES).sort()).toEqual(Object.keys(WRITE_ROLES).sort());
  });

  for (const [key, allowed] of Object.entries(WRITE_ROLES)) {
    it(`${key}: ${allowed.join(', ')} allowed; others 403; anonymous 401`, async () => {
      const anon = await call(app, 'POST', pathOf(key), {}, BODIES[key]);
      expect(anon.status).toBe(401);
      for (const role of ROLE_LIST) {
        for (const h of [headers[role], cookieHeaders[role]]) {
          const r = await call(app, 'POST', pathOf(key), h, BODIES[key]);
          if (allowed.includes(role)) {
            expect(r.status, `${role} ${JSON.stringify(r.body)}`).not.toBe(401);
            expect(r.body.roles_required, `${role} was refused by role`).toBeUndefined();
          } else {
            expect(r.status, role).toBe(403);
            expect(r.body.roles_required).toEqual([...allowed]);
          }
        }
      }
    });
  }

  it('auth writes: users only for admin, tokens for every logged-in role', async () => {
    for (const [method, path, body, allowed] of AUTH_WRITES) {
      expect((await call(app, method, path, {}, body)).status).toBe(401);
      for (const role of ROLE_LIST) {
        const r = await call(app, method, path, headers[role], body);
        if (allowed.includes(role)) expect([401, 403], `${method} ${path} ${role}`).not.toContain(r.status);
        else expect(r.status, `${method} ${path} ${role}`).toBe(403);
      }
    }
  });

  it('reads need a login except the public registry', async () => {
    expect((await call(app, 'GET', '/api/ledger/projects', {})).status).toBe(401);
    expect((await call(app, 'GET', '/api/ledger/registry', {})).status).toBe(200);
    for (const role of ROLE_LIST) expect((await call(app, 'GET', '/api/ledger/projects', headers[role])).status).toBe(200);
  });
});
