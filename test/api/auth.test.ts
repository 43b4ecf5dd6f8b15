/**
 * Users and sessions on a real database: argon2id hashes, the session cookie's attributes, CSRF
 * for cookie writes, API tokens and their revocation, the account lockout, logout, and the
 * administrator bearer token still working.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../api/services/auth.ts';
import { userCommand } from '../../data-pipeline/commands/user.ts';
import { testApp, testDatabase } from '../setup/app.ts';
import { ADMIN, call, party, uniq, user } from './ledger-setup.ts';

const { app, db } = testApp(testDatabase(), { loginMaxFailures: 3 });
afterAll(() => db.close());

describe('auth', () => {
  it('stores argon2id hashes and sets an HttpOnly SameSite=Strict cookie; the session answers the CSRF token', async () => {
    const u = await user(app, ['buyer'], await party(app, 'buyer', `买方 ${uniq()}`));
    const [row] = await db.sql<{ password_hash: string }[]>`SELECT password_hash FROM users WHERE id = ${u.id}`;
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const login = await call(app, 'POST', '/api/auth/login', {}, { username: u.name, password: u.password });
    const cookie = login.res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/tantu_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = await call(app, 'GET', '/api/auth/session', { cookie: cookie.split(';')[0] });
    expect(session.body).toMatchObject({ user: { username: u.name, roles: ['buyer'] }, csrf_token: login.body.csrf_token });
    expect((await call(app, 'GET', '/api/auth/session', {})).body).toMatchObject({ user: null, identity: null });
    // a cookie write without the CSRF header is refused; with it, it passes
    expect((await call(app, 'POST', '/api/auth/tokens', { cookie: cookie.split(';')[0] }, { name: 'x' })).status).toBe(403);
    expect((await call(app, 'POST', '/api/auth/tokens', { cookie: cookie.split(';')[0], 'x-csrf-token': login.body.csrf_token }, { name: 'x' })).status).toBe(201);
    // logout ends it
    expect((await call(app, 'POST', '/api/auth/logout', { cookie: cookie.split(';')[0], 'x-csrf-token': login.body.csrf_token })).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/session', { cookie: cookie.split(';')[0] })).body.user).toBeNull();
  });

  it('API tokens work until revoked', async () => {
    const u = await user(app, ['bureau'], null);
    expect((await call(app, 'GET', '/api/ledger/projects', u.bearer)).status).toBe(200);
    const t = await call(app, 'POST', '/api/auth/tokens', u.session, { name: '第二个' });
    const h = { authorization: `Bearer ${t.body.token}` };
    expect((await call(app, 'GET', '/api/auth/session', h)).body.identity.id).toBe(`user:${u.name}`);
    expect((await call(app, 'DELETE', `/api/auth/tokens/${t.body.id}`, u.session)).status).toBe(200);
    expect((await call(app, 'GET', '/api/ledger/projects', h)).status).toBe(403);
  });

  it('locks an account after repeated wrong passwords, even for the right one, until an administrator resets it', async () => {
    const u = await user(app, ['village'], await party(app, 'village', `村 ${uniq()}`));
    for (let i = 0; i < 3; i++) expect((await call(app, 'POST', '/api/auth/login', {}, { username: u.name, password: 'wrong password!' })).status).toBe(401);
    const locked = await call(app, 'POST', '/api/auth/login', {}, { username: u.name, password: u.password });
    expect(locked.status).toBe(429);
    expect(locked.body.title).toBe('账户已锁定');
    expect((await call(app, 'GET', '/api/auth/users', ADMIN)).body.users.find((x: { id: number }) => x.id === u.id).locked).toBe(true);
    expect((await call(app, 'PATCH', `/api/auth/users/${u.id}`, ADMIN, { password: 'a new long password' })).status).toBe(200);
    expect((await call(app, 'POST', '/api/auth/login', {}, { username: u.name, password: 'a new long password' })).status).toBe(200);
    // unknown user: the same 401 as a wrong password
    const unknown = await call(app, 'POST', '/api/auth/login', {}, { username: `nobody-${uniq().toLowerCase()}`, password: 'whatever it is' });
    expect(unknown.status).toBe(401);
  });

  it('disabling a user ends their sessions and tokens', async () => {
    const u = await user(app, ['operator'], await party(app, 'cooperative', `社 ${uniq()}`));
    await call(app, 'PATCH', `/api/auth/users/${u.id}`, ADMIN, { disabled: true });
    expect((await call(app, 'GET', '/api/auth/session', u.session)).body.user).toBeNull();
    expect((await call(app, 'GET', '/api/ledger/projects', u.bearer)).status).toBe(403);
  });

  it('the TANTU_ADMIN_TOKEN administrator acts as role admin; the first admin is made only on an empty user table', async () => {
    const s = await call(app, 'GET', '/api/auth/session', ADMIN);
    expect(s.body.identity).toEqual({ id: 'admin', roles: ['admin'], party_id: null });
    expect(await ensureFirstAdmin(db.sql, { firstAdminUser: 'first', firstAdminPassword: 'first admin password' })).toBe(false);
    expect(await ensureFirstAdmin(db.sql, {})).toBe(false);
  });

  it('`tantu user add` creates a user who can log in (password from TANTU_NEW_PASSWORD, never an argument)', async () => {
    const name = `cli-${uniq().toLowerCase()}`;
    const lines: string[] = [];
    process.env.TANTU_NEW_PASSWORD = 'a password from the environment';
    try {
      await userCommand(db, ['add', name, '--role', 'admin,operator'], (l) => lines.push(l));
    } finally {
      delete process.env.TANTU_NEW_PASSWORD;
    }
    expect(lines[0]).toMatch(new RegExp(`user ${name} \\(id \\d+\\) created with roles admin, operator`));
    const login = await call(app, 'POST', '/api/auth/login', {}, { username: name, password: 'a password from the environment' });
    expect(login.body.user.roles).toEqual(['admin', 'operator']);
    await expect(userCommand(db, ['add', name, '--role', 'admin'])).rejects.toThrow(/exists/);
    await expect(userCommand(db, ['add', 'x-y', '--role', 'king'])).rejects.toThrow(/--role/);
  });
});
