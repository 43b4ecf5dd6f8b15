import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  it('sets a self-only CSP without inline script, no framing, nosniff and a same-origin referrer', async () => {
    const app = new Hono();
    app.use('*', securityHeaders());
    app.get('/', (c) => c.html('<p>x</p>'));
    const h = (await app.request('/')).headers;
    const csp = Object.fromEntries(h.get('content-security-policy')!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['worker-src']).toContain('blob:');
    expect(csp['img-src']).toEqual(expect.arrayContaining(['data:', 'blob:']));
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toBe('same-origin');
    expect(h.get('strict-transport-security')).toBeNull();
  });
});
