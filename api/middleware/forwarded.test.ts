import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, requestOrigin } from './forwarded.ts';

function app(trust: boolean) {
  const a = new Hono();
  a.get('/', (c) => c.json({ origin: requestOrigin(c, trust), client: clientAddress(c, trust) }));
  return a;
}
const spoofed = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9, 10.0.0.1' };

describe('forwarded headers', () => {
  it('are ignored unless the proxy is trusted', async () => {
    expect(await (await app(false).request('http://localhost:8787/', { headers: spoofed })).json()).toEqual({ origin: 'http://localhost:8787', client: 'unknown' });
  });

  it('give the origin and client behind a trusted proxy', async () => {
    expect(await (await app(true).request('http://localhost:8787/', { headers: spoofed })).json()).toEqual({ origin: 'https://evil.example', client: '203.0.113.9' });
  });

  it('never give a scheme other than http(s) or a host with a path', async () => {
    const res = await app(true).request('http://localhost:8787/', { headers: { 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'evil.example/x' } });
    expect((await res.json()).origin).toBe('http://localhost:8787');
  });
});
