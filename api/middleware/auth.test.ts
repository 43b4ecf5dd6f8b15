import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { identify, requireRole, sameSecret, type AuthEnv } from './auth.ts';
import { problemHandler } from './problem.ts';

function app(adminToken?: string) {
  const a = new Hono<AuthEnv>();
  a.onError(problemHandler);
  a.use('*', identify({ adminToken }));
  a.get('/who', (c) => c.json({ identity: c.get('identity') }));
  a.put('/admin', requireRole('admin', () => (adminToken ? undefined : 'no admin token configured')), (c) => c.json({ by: c.get('identity')!.id }));
  return a;
}

describe('auth middleware', () => {
  it('compares secrets of any length in constant time and exactly', () => {
    expect(sameSecret('s3cret', 's3cret')).toBe(true);
    expect(sameSecret('s3cret', 's3cre')).toBe(false);
    expect(sameSecret('', 's3cret')).toBe(false);
    expect(sameSecret('口令', '口令')).toBe(true);
  });

  it('puts the caller on the context: anonymous without a header, admin with the token', async () => {
    const a = app('tok');
    expect(await (await a.request('/who')).json()).toEqual({ identity: null });
    expect(await (await a.request('/who', { headers: { authorization: 'Bearer tok' } })).json()).toEqual({ identity: { id: 'admin', roles: ['admin'] } });
  });

  it('refuses a malformed header (401), a wrong token (403) and anonymous callers of a guarded route (401)', async () => {
    const a = app('tok');
    const malformed = await a.request('/who', { headers: { authorization: 'Basic dG9r' } });
    expect(malformed.status).toBe(401);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect((await a.request('/who', { headers: { authorization: 'Bearer nope' } })).status).toBe(403);
    expect((await a.request('/admin', { method: 'PUT' })).status).toBe(401);
    const ok = await a.request('/admin', { method: 'PUT', headers: { authorization: 'Bearer tok' } });
    expect(await ok.json()).toEqual({ by: 'admin' });
  });

  it('says why a role is disabled when no token is configured', async () => {
    const res = await app(undefined).request('/admin', { method: 'PUT' });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toBe('no admin token configured');
  });

  it('answers 429 with Retry-After once a client has failed too often, other clients unaffected', async () => {
    const a = new Hono<AuthEnv>();
    a.onError(problemHandler);
    a.use('*', identify({ adminToken: 'tok', failuresPerMin: 3, clientOf: (c) => c.req.header('x-client') ?? '?' }));
    a.get('/who', (c) => c.json({ identity: c.get('identity') }));
    const who = (client: string, token: string) => a.request('/who', { headers: { 'x-client': client, authorization: `Bearer ${token}` } });
    expect((await who('1', 'tok')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await who('1', `guess${i}`)).status).toBe(403);
    const blocked = await who('1', 'tok');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(50);
    expect((await blocked.json()).retry_after_s).toBe(Number(blocked.headers.get('retry-after')));
    expect((await who('2', 'tok')).status).toBe(200);
    expect((await a.request('/who', { headers: { 'x-client': '1' } })).status).toBe(200);
  });

  it('marks answers as depending on Authorization', async () => {
    expect((await app('tok').request('/who')).headers.get('vary')).toContain('Authorization');
  });
});
