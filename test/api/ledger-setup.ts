/**
 * Shared set-up of the ledger API tests: users of every role (created by the TANTU_ADMIN_TOKEN
 * administrator), their parties, and a request helper that speaks as one of them through an API
 * token (or, for `cookie`, through the browser session with its CSRF token).
 */
import { randomBytes } from 'node:crypto';
import { testApp } from '../setup/app.ts';

export type App = ReturnType<typeof testApp>['app'];
export const ADMIN = { authorization: 'Bearer test-admin-token' };
export const ROLE_LIST = ['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin'] as const;
export type RoleName = (typeof ROLE_LIST)[number];

export const uniq = () => randomBytes(3).toString('hex').toUpperCase();

export async function call(app: App, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await app.request(path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = res.headers.get('content-type') ?? '';
  const json = type.includes('json') ? await res.json() : await res.text();
  return { status: res.status, body: json as any, res };
}

export async function party(app: App, kind: string, name: string, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await call(app, 'POST', '/api/ledger/parties', ADMIN, { kind, name, ...extra });
  if (r.status !== 201) throw new Error(`party: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/** Creates a user, logs in, and answers the session (cookie + CSRF) and an API token. */
export async function user(app: App, roles: RoleName[], party_id: number | null, name = `${roles[0]}-${uniq().toLowerCase()}`) {
  const password = `pw-${uniq()}-${uniq()}`;
  const made = await call(app, 'POST', '/api/auth/users', ADMIN, { username: name, password, roles, party_id });
  if (made.status !== 201) throw new Error(`user: ${made.status} ${JSON.stringify(made.body)}`);
  const login = await call(app, 'POST', '/api/auth/login', {}, { username: name, password });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  const cookie = login.res.headers.get('set-cookie')!.split(';')[0];
  const session = { cookie, 'x-csrf-token': login.body.csrf_token as string };
  const tok = await call(app, 'POST', '/api/auth/tokens', session, { name: 'test' });
  if (tok.status !== 201) throw new Error(`token: ${tok.status} ${JSON.stringify(tok.body)}`);
  return { name, password, id: made.body.id as number, party_id, session, bearer: { authorization: `Bearer ${tok.body.token}` } };
}

/** A small world: a cooperative, two villages (one with two households), a buyer, a lender, and a user of each role. */
export async function world(app: App) {
  const u = uniq();
  const coop = await party(app, 'cooperative', `两山合作社 ${u}`);
  const villageA = await party(app, 'village', `大里村 ${u}`);
  const villageB = await party(app, 'village', `横山村 ${u}`);
  const h1 = await party(app, 'household', `农户甲 ${u}`, { parent_id: villageA, contact: '13800000000' });
  const h2 = await party(app, 'household', `农户乙 ${u}`, { parent_id: villageA });
  const buyer = await party(app, 'buyer', `买方公司 ${u}`);
  const buyer2 = await party(app, 'buyer', `买方二 ${u}`);
  const lender = await party(app, 'lender', `农商银行 ${u}`);
  const users = {
    operator: await user(app, ['operator'], coop),
    village: await user(app, ['village'], villageA),
    villageB: await user(app, ['village'], villageB),
    verifier: await user(app, ['verifier'], null),
    buyer: await user(app, ['buyer'], buyer),
    buyer2: await user(app, ['buyer'], buyer2),
    bureau: await user(app, ['bureau'], null),
    admin: await user(app, ['admin'], coop),
  };
  return { u, coop, villageA, villageB, h1, h2, buyer, buyer2, lender, users };
}

/** A project with contracts and `t` tonnes issued (no engine: a stated claim with a reason), answering the held block. */
export async function issuedProject(app: App, w: Awaited<ReturnType<typeof world>>, t = 100, buffer = '0') {
  const op = w.users.operator.bearer;
  const code = `T${w.u}${uniq()}`.slice(0, 24);
  const p = await call(app, 'POST', '/api/ledger/projects', op, { code, name: `测试项目 ${code}`, kind: 'bamboo', buffer_fraction: buffer });
  if (p.status !== 201) throw new Error(`project: ${p.status} ${JSON.stringify(p.body)}`);
  const c1 = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/parcels`, op, {
    name: '一号地块', area_mu: 5425, village_id: w.villageA, start_year: 2022, term_years: 30,
    shares: [{ party_id: w.villageA, share: '0.5' }, { party_id: w.h1, share: '0.3' }, { party_id: w.h2, share: '0.2' }],
    rule: { kind: 'fixed', cny_per_mu_yr: 16.926, every_years: 3 },
  });
  if (c1.status !== 201) throw new Error(`parcel: ${c1.status} ${JSON.stringify(c1.body)}`);
  const c2 = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/parcels`, op, {
    name: '二号地块', area_mu: 1000, village_id: w.villageB, start_year: 2022, term_years: 30, rule: { kind: 'price_index', price_index_cny_per_t: 43.4, t_per_mu_yr: 0.39, every_years: 3 },
  });
  if (c2.status !== 201) throw new Error(`parcel 2: ${c2.status} ${JSON.stringify(c2.body)}`);
  const m = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/monitoring`, op, { vintage: 2024, period_start: '2024-01-01', period_end: '2024-12-31', claimed_t: t, reason: '样地实测 field plots' });
  if (m.status !== 201) throw new Error(`monitoring: ${m.status} ${JSON.stringify(m.body)}`);
  const v = await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/verification`, w.users.verifier.bearer, { decision: 'approve' });
  if (v.status !== 200) throw new Error(`verification: ${v.status} ${JSON.stringify(v.body)}`);
  const i = await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/issuance`, op);
  if (i.status !== 201) throw new Error(`issuance: ${i.status} ${JSON.stringify(i.body)}`);
  const held = i.body.blocks.find((b: { state: string }) => b.state === 'held');
  return { project: p.body, code, issuance: i.body, held, contracts: [c1.body, c2.body] };
}
