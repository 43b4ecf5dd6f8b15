import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { identify, SESSION_COOKIE, type AuthEnv } from './auth.ts';
import { csrfProtect } from './csrf.ts';
import { problemHandler } from './problem.ts';

function app() {
  const a = new Hono<AuthEnv>();
  a.onError(problemHandler);
  a.use('*', identify({
    adminToken: 'tok',
    resolveSession: async (v) => (v === 'good' ? { identity: { id: 'user:ana', roles: ['operator'], user_id: 1, party_id: 7 }, csrf: 'c5rf' } : null),
    resolveToken: async (t) => (t === 'tt_user' ? { id: 'user:bo', roles: ['buyer'], user_id: 2, party_id: 8 } : null),
  }));
  a.use('*', csrfProtect());
  a.get('/who', (c) => c.json({ identity: c.get('identity') }));
  a.post('/write', (c) => c.json({ by: c.get('identity')?.id ?? null }));
  return a;
}

describe('sessions, API tokens and CSRF', () => {
  it('finds the user from the session cookie; an unknown cookie is anonymous', async () => {
    const a = app();
    const who = await (await a.request('/who', { headers: { cookie: `${SESSION_COOKIE}=good` } })).json();
    expect(who.identity).toMatchObject({ id: 'user:ana', roles: ['operator'], party_id: 7 });
    expect((await (await a.request('/who', { headers: { cookie: `${SESSION_COOKIE}=stale` } })).json()).identity).toBeNull();
  });
  it('a cookie write needs the CSRF header; a bearer write does not', async () => {
    const a = app();
    expect((await a.request('/write', { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=good` } })).status).toBe(403);
    expect((await a.request('/write', { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=good`, 'x-csrf-token': 'wrong' } })).status).toBe(403);
    const ok = await a.request('/write', { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=good`, 'x-csrf-token': 'c5rf' } });
    expect(await ok.json()).toEqual({ by: 'user:ana' });
    expect(await (await a.request('/write', { method: 'POST', headers: { authorization: 'Bearer tt_user' } })).json()).toEqual({ by: 'user:bo' });
    expect(await (await a.request('/write', { method: 'POST', headers: { authorization: 'Bearer tok' } })).json()).toEqual({ by: 'admin' });
  });
  it('a wrong API token is refused and counted like a wrong admin token', async () => {
    const a = app();
    expect((await a.request('/who', { headers: { authorization: 'Bearer tt_nope' } })).status).toBe(403);
  });
});
