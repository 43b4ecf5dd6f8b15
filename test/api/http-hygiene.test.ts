/**
 * HTTP hygiene of the whole app (issue 8 items 6 and 7): JSON bodies only (415), Host allow-list
 * (421, DNS rebinding), forwarded headers only behind a trusted proxy, NUL in paths 400,
 * security headers, Vary, a limit on failed authentication (429), and bounded, bilingual
 * problem answers however bad the input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { testApp, testDatabase } from '../setup/app.ts';

const db = testDatabase();
const { app } = testApp(db);
afterAll(() => db.close());

const parcels = JSON.parse(readFileSync(new URL('../fixtures/carbon/parcels.geojson', import.meta.url), 'utf8')).features as Feature<Polygon>[];
const hill = parcels.find((f) => f.properties!.name === 'hill-1km2')!.geometry;
const bytes = async (res: Response) => (await res.clone().arrayBuffer()).byteLength;

async function healthWithin(ms: number) {
  const t0 = performance.now();
  expect((await app.request('/api/health')).status).toBe(200);
  expect(performance.now() - t0).toBeLessThan(ms);
}

describe('request bodies', () => {
  it('must be JSON: text/plain (a cross-origin "simple" post) gets 415', async () => {
    const res = await app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ geometry: hill }) });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const ok = await app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry: hill, scenario: { monte_carlo_runs: 2 } }) });
    expect(ok.status).toBe(200);
  });

  it('with a raw NUL byte get 400', async () => {
    const res = await app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"geometry":"\0"}` });
    expect(res.status).toBe(400);
  });
});

describe('Host allow-list', () => {
  it('answers 421 to a name that is not this server (DNS rebinding), on the API, tiles and the web app', async () => {
    for (const path of ['/api/health', '/tiles/stands.json', '/']) {
      const res = await app.request(`http://rebind.evil.example:8787${path}`);
      expect(res.status).toBe(421);
      expect((await res.json()).host).toBe('rebind.evil.example:8787');
    }
    expect((await app.request('http://127.0.0.1:8787/api/health')).status).toBe(200);
  });

  it('answers the names in TANTU_ALLOWED_HOSTS', async () => {
    const { app: named } = testApp(db, { allowedHosts: ['tantu.lan'] });
    expect((await named.request('http://tantu.lan:8787/api/health')).status).toBe(200);
    expect((await named.request('http://localhost:8787/api/health')).status).toBe(421);
  });
});

describe('TileJSON behind proxies', () => {
  const spoof = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'javascript' };
  it('ignores X-Forwarded-Host/Proto unless TANTU_TRUST_PROXY=1', async () => {
    const tj = await (await app.request('http://localhost:8787/tiles/stands.json', { headers: spoof })).json();
    expect(tj.tiles).toEqual(['http://localhost:8787/tiles/stands/{z}/{x}/{y}.mvt']);
  });

  it('uses them behind a trusted proxy, only with an http(s) scheme, and varies on them', async () => {
    const { app: proxied } = testApp(db, { trustProxy: true });
    const res = await proxied.request('http://localhost:8787/tiles/stands.json', { headers: { 'x-forwarded-host': 'maps.example.org', 'x-forwarded-proto': 'https' } });
    expect((await res.json()).tiles).toEqual(['https://maps.example.org/tiles/stands/{z}/{x}/{y}.mvt']);
    expect(res.headers.get('vary')).toContain('X-Forwarded-Host');
    const bad = await (await proxied.request('http://localhost:8787/tiles/stands.json', { headers: spoof })).json();
    expect(bad.tiles[0]).toMatch(/^http:\/\/localhost:8787\//);
  });
});

describe('paths', () => {
  it('with a NUL or invalid UTF-8 get 400, not 500', async () => {
    for (const path of ['/tiles/%00/1/2/3.mvt', '/tiles/%00.json', '/api/params/carbon/%00', '/tiles/stands/%FF/1/1.mvt']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('headers', () => {
  it('carry a self-only CSP, nosniff, no framing and a referrer policy on the API and the web app', async () => {
    for (const path of ['/api/health', '/']) {
      const h = (await app.request(path)).headers;
      expect(h.get('content-security-policy')).toContain("default-src 'self'");
      expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('referrer-policy')).toBe('same-origin');
    }
  });

  it.skipIf(!existsSync('dist/web/index.html'))('let the built web app load: no inline script, every script and style from this origin with its MIME type (nosniff)', async () => {
    const res = await app.request('/');
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const refs = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
    expect(refs.length).toBeGreaterThan(1);
    for (const ref of refs) {
      expect(ref).toMatch(/^\.\/assets\//);
      const asset = await app.request(`/${ref.slice(2)}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(ref.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
    }
  });

  it('say Vary: Authorization on API answers and Vary: Accept-Language on problems', async () => {
    expect((await app.request('/api/params/carbon')).headers.get('vary')).toContain('Authorization');
    const res = await app.request('/api/no-such-endpoint');
    expect(res.status).toBe(404);
    expect(res.headers.get('vary')).toContain('Accept-Language');
  });
});

describe('problems in the caller’s language', () => {
  it('answer zh-CN by default and English when Accept-Language prefers it', async () => {
    const zh = await app.request('/api/no-such-endpoint');
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    expect((await zh.json()).title).toBe('未找到');
    const en = await app.request('/api/no-such-endpoint', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.headers.get('content-language')).toBe('en');
    expect((await en.json()).title).toBe('Not found');
    const invalid = await app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry: hill, scenario: { price: 1 } }) });
    expect((await invalid.json()).title).toBe('请求体无效');
  });
});

describe('failed authentication', () => {
  it('is limited per client: after 10 failures in a minute, 429 with Retry-After', async () => {
    const { app: fresh } = testApp(db);
    const del = (token: string) => fresh.request('/api/params/carbon/prices', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 10; i++) expect((await del(`guess-${i}`)).status).toBe(403);
    const res = await del('test-admin-token');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fresh.request('/api/health')).status).toBe(200);
  });
});

describe('bounded answers', () => {
  const post = (body: string) => app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body });

  it('a scenario with 100,000 unknown fields: 422, ≤ 16 KB', async () => {
    const scenario = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`field_${i}`, i]));
    const res = await post(JSON.stringify({ geometry: hill, scenario }));
    expect(res.status).toBe(422);
    expect(await bytes(res)).toBeLessThanOrEqual(16 * 1024);
    expect((await res.json()).detail).toContain('field_0');
  });

  it('a 10 MB body of null positions: 413 or 422 within seconds, ≤ 16 KB, and the server keeps answering', async () => {
    const nulls = Array.from({ length: 2_000_000 }, () => 'null').join(',');
    const body = `{"geometry":{"type":"Polygon","coordinates":[[${nulls}]]}}`;
    expect(body.length).toBeGreaterThan(10_000_000);
    const t0 = performance.now();
    const res = await post(body);
    const ms = performance.now() - t0;
    expect([413, 422]).toContain(res.status);
    expect(await bytes(res)).toBeLessThanOrEqual(16 * 1024);
    expect(ms).toBeLessThan(10_000);
    await healthWithin(1000);
  });

  it('3.9 M nulls: no 500, ≤ 16 KB, memory bounded', async () => {
    const nulls = Array.from({ length: 3_900_000 }, () => 'null').join(',');
    const rss0 = process.memoryUsage().rss;
    const res = await post(`{"geometry":{"type":"Polygon","coordinates":[[${nulls}]]}}`);
    expect(res.status).toBeLessThan(500);
    expect(await bytes(res)).toBeLessThanOrEqual(16 * 1024);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(1.5 * 1024 ** 3);
    await healthWithin(1000);
  });
});
