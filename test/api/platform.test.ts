import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../api/store/migrate.ts';
import { testApp } from '../setup/app.ts';

const { app, db } = testApp();
afterAll(() => db.close());

async function json(path: string) {
  const res = await app.request(path);
  return { res, body: await res.json() };
}

describe('platform API', () => {
  it('reports health with backend and PostGIS version', async () => {
    const { res, body } = await json('/api/health');
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(['embedded', 'server']).toContain(body.backend);
    expect(body.postgis_version).toMatch(/^3\.\d+/);
  });

  it('answers health at once while the database is busy, from a check a few seconds old', async () => {
    await json('/api/health');
    // The test app has one connection: a health check that queried now would wait behind this sleep.
    const busy = db.sql`SELECT pg_sleep(1.5)`.then(() => 'database');
    const probe = Promise.resolve(app.request('/api/health')).then(async (res) => ({ res, body: await res.json() }));
    expect(await Promise.race([busy, probe.then(() => 'health')])).toBe('health');
    const { res, body } = await probe;
    expect(res.status).toBe(200);
    expect(body.database_checked_ms_ago).toBeGreaterThanOrEqual(0);
    await busy;
  });

  it('sessions plan each query for its parameters and never JIT-compile (the app\'s connection settings)', async () => {
    const [{ plan_cache_mode }] = await db.sql<{ plan_cache_mode: string }[]>`SHOW plan_cache_mode`;
    const [{ jit }] = await db.sql<{ jit: string }[]>`SHOW jit`;
    expect(plan_cache_mode).toBe('force_custom_plan');
    expect(jit).toBe('off');
  });

  it('applies migrations once: a second run applies nothing', async () => {
    const again = await migrate(db.sql);
    expect(again.applied).toEqual([]);
    expect(again.skipped.length).toBeGreaterThan(0);
  });

  it('lists the catalog layers the product needs, each with legend, bounds, tiles and source', async () => {
    const { body } = await json('/api/layers');
    const ids = body.layers.map((l: { id: string }) => l.id);
    for (const id of ['landcover', 'stands', 'bamboo', 'wetlands', 'dem', 'hillshade', 'ghi', 'wind100', 'roads',
      'charging_stations', 'population', 'eco_redline', 'basic_farmland', 'boundaries', 'carbon_density', 'carbon_sink']) {
      expect(ids, `catalog should list ${id}`).toContain(id);
    }
    for (const l of body.layers.filter((x: { synthetic: boolean }) => x.synthetic)) {
      expect(l.title_zh.length).toBeGreaterThan(0);
      expect(l.bounds).toHaveLength(4);
      const [w, s, e, n] = l.bounds;
      expect(w).toBeGreaterThan(118.5);
      expect(e).toBeLessThan(121);
      expect(s).toBeGreaterThan(29.5);
      expect(n).toBeLessThan(31.5);
      expect(l.tiles).toBe(`/tiles/${l.id}/{z}/{x}/{y}.${l.kind === 'vector' ? 'mvt' : 'png'}`);
      expect(l.source).toMatch(/^synthetic demo/);
    }
    const landcover = body.layers.find((l: { id: string }) => l.id === 'landcover');
    expect(landcover.legend.type).toBe('classes');
    expect(landcover.legend.classes.length).toBe(14);
    const ghi = body.layers.find((l: { id: string }) => l.id === 'ghi');
    expect(ghi.unit).toBe('kWh/m²/yr');
  });

  it('serves administrative units as GeoJSON with ellipsoidal areas', async () => {
    const { res, body } = await json('/api/regions?level=county');
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(1);
    const county = body.features[0];
    // Anji county is ~1,886 km² (Vonng/adcode fence: 1,888 km²).
    expect(county.properties.area_ha).toBeGreaterThan(180_000);
    expect(county.properties.area_ha).toBeLessThan(195_000);
    const townships = (await json('/api/regions?level=township')).body.features;
    expect(townships.length).toBeGreaterThanOrEqual(10);
  });

  it('rejects a bad query with a problem+json that names the parameter', async () => {
    const res = await app.request('/api/regions?level=planet');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.status).toBe(400);
    expect(body.detail).toContain('level');
  });

  it('answers unknown API paths with 404 problem+json', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const { body } = await json('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/layers', '/api/regions']));
    expect(body.paths['/api/regions'].get.parameters[0].name).toBe('level');
  });
});

describe('response schema check of the test app', () => {
  it('rejects an answer that does not match its operation’s schema', async () => {
    const { checkResponse } = await import('../setup/app.ts');
    const { HealthSchema } = await import('../../api/schemas/platform.ts');
    const ops = [{ method: 'GET', pattern: /^\/api\/health$/, responses: { 200: { content: { 'application/json': { schema: HealthSchema } } } } }];
    const wrong = new Response(JSON.stringify({ status: 'ok', backend: 'cloud' }), { headers: { 'content-type': 'application/json' } });
    await expect(checkResponse(ops, 'GET', '/api/health', wrong)).rejects.toThrow(/backend/);
    const undeclared = new Response('{}', { status: 418, headers: { 'content-type': 'application/json' } });
    await expect(checkResponse(ops, 'GET', '/api/health', undeclared)).rejects.toThrow(/does not declare/);
    const problem = new Response('{"title":"x"}', { status: 400, headers: { 'content-type': 'application/problem+json' } });
    await expect(checkResponse(ops, 'GET', '/api/health', problem)).rejects.toThrow(/detail/);
  });
});
