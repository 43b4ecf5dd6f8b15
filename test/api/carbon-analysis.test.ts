/**
 * POST /api/analysis/carbon on the demo county: invariants, golden fixtures
 * (test/fixtures/carbon/parcels.geojson in → expected.json out; regenerate with
 * UPDATE_GOLDEN=1 after a deliberate model or demo change), bad input, parameter overrides.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { testApp } from '../setup/app.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const FIXTURES = new URL('../fixtures/carbon/', import.meta.url);
const parcels = JSON.parse(readFileSync(new URL('parcels.geojson', FIXTURES), 'utf8')).features as Feature<Polygon>[];
const parcel = (name: string) => parcels.find((f) => f.properties!.name === name)!.geometry;

async function analyse(geometry: unknown, scenario?: unknown, init: RequestInit = {}) {
  const res = await app.request('/api/analysis/carbon', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ geometry, scenario }),
    ...init,
  });
  return { res, body: await res.json() };
}

const relClose = (a: number, b: number, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('carbon analysis of a parcel', () => {
  it('answers with areas, pools, sink, projection, value, stands, warnings and parameters that add up', async () => {
    const { res, body } = await analyse(parcel('valley-10km2'));
    expect(res.status).toBe(200);
    // Ellipsoidal area from PostGIS for the same polygon (geography).
    const [{ ha }] = await db.sql<{ ha: number }[]>`
      SELECT ST_Area(ST_GeomFromGeoJSON(${JSON.stringify(parcel('valley-10km2'))})::geography) / 1e4 AS ha`;
    expect(Math.abs(body.area_ha - ha) / ha).toBeLessThan(0.001);
    expect(body.area_mu).toBeCloseTo(body.area_ha * 15, 6);
    const classSum = body.classes.reduce((s: number, c: { stock_tC: { total: number } }) => s + c.stock_tC.total, 0);
    expect(classSum).toBeCloseTo(body.total.stock_tC, 6);
    const classArea = body.classes.reduce((s: number, c: { area_ha: number }) => s + c.area_ha, 0);
    expect(classArea + body.unclassified_area_ha).toBeCloseTo(body.area_ha, 6);
    expect(body.total.stock_tCO2e).toBeCloseTo((body.total.stock_tC * 44) / 12, 6);
    for (const c of body.classes) {
      const pools = c.stock_tC;
      expect(pools.above + pools.below + pools.soil + pools.dead).toBeCloseTo(pools.total, 6);
    }
    const { p5, p50, p95 } = body.total.range;
    expect(p5).toBeLessThanOrEqual(p50);
    expect(p50).toBeLessThanOrEqual(p95);
    expect(body.projection.length).toBe(body.params.scenario.crediting_years);
    expect(body.projection[0].year).toBe(body.params.scenario.start_year);
    expect(body.value.split.shares.households + body.value.split.shares.village_collective + body.value.split.shares.cooperative).toBeCloseTo(1, 9);
    expect(body.stands.length).toBeGreaterThan(0);
    expect(body.params.tables.stand.chinese_fir.source).toBeTruthy();
    expect(body.inputs.landcover_source).toMatch(/^synthetic demo/);
    expect(body.geometry.type).toBe('MultiPolygon');
  });

  it('starts the first vintage in the year of the analysis unless start_year is given', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-06-01T00:00:00Z'));
      const { body } = await analyse(parcel('hill-1km2'), { monte_carlo_runs: 2 });
      expect(body.params.scenario.start_year).toBe(2031);
      expect(body.projection[0].year).toBe(2031);
    } finally {
      vi.useRealTimers();
    }
    const { body } = await analyse(parcel('hill-1km2'), { monte_carlo_runs: 2, start_year: 2040 });
    expect(body.projection.map((r: { year: number }) => r.year).slice(0, 2)).toEqual([2040, 2041]);
  });

  it('gives the same totals for a parcel and its two halves', async () => {
    const whole = (await analyse(parcel('valley-10km2'))).body;
    const [[x0, y0], [x1], , [, y1]] = parcel('valley-10km2').coordinates[0];
    const xm = (x0 + x1) / 2;
    const half = (a: number, b: number) => ({ type: 'Polygon', coordinates: [[[a, y0], [b, y0], [b, y1], [a, y1], [a, y0]]] });
    const west = (await analyse(half(x0, xm))).body;
    const east = (await analyse(half(xm, x1))).body;
    expect(relClose(west.area_ha + east.area_ha, whole.area_ha, 1e-6)).toBe(true);
    // Stands cut by the split line are allocated per half; the stock must still add up closely.
    expect(Math.abs(west.total.stock_tC + east.total.stock_tC - whole.total.stock_tC) / whole.total.stock_tC).toBeLessThan(0.005);
  });

  it('matches the golden results for the fixture parcels', async () => {
    const expectedUrl = new URL('expected.json', FIXTURES);
    const actual: Record<string, unknown> = {};
    for (const f of parcels) {
      const { res, body } = await analyse(f.geometry, { seed: 7, monte_carlo_runs: 200, start_year: 2026 });
      expect(res.status).toBe(200);
      actual[f.properties!.name] = {
        area_ha: body.area_ha,
        classes: Object.fromEntries(body.classes.map((c: { class: string; area_ha: number; stock_tC: { total: number } }) => [c.class, { area_ha: c.area_ha, stock_tC: c.stock_tC.total }])),
        stock_tCO2e: body.total.stock_tCO2e,
        sink_tCO2e_per_yr: body.total.sink_tCO2e_per_yr,
        range: body.total.range,
        creditable_tCO2e: body.credits.total_creditable_tCO2e,
        npv_cny: body.value.npv_cny,
        stands: body.stands.length,
      };
    }
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedUrl, JSON.stringify(actual, null, 2) + '\n');
    const expected = JSON.parse(readFileSync(expectedUrl, 'utf8'));
    const compare = (a: unknown, e: unknown, path: string) => {
      if (typeof e === 'number') {
        expect(relClose(a as number, e, 1e-6), `${path}: ${a} vs golden ${e}`).toBe(true);
      } else if (e && typeof e === 'object') {
        expect(Object.keys(a as object).sort(), path).toEqual(Object.keys(e).sort());
        for (const k of Object.keys(e)) compare((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`);
      } else {
        expect(a, path).toEqual(e);
      }
    };
    compare(actual, expected, 'golden');
  });
});

describe('carbon analysis: bad input gets a clear answer', () => {
  it('repairs a self-intersecting polygon and says so', async () => {
    const [[x0, y0]] = parcel('hill-1km2').coordinates[0];
    const bowtie = { type: 'Polygon', coordinates: [[[x0, y0], [x0 + 0.01, y0 + 0.01], [x0 + 0.01, y0], [x0, y0 + 0.01], [x0, y0]]] };
    const { res, body } = await analyse(bowtie);
    expect(res.status).toBe(200);
    expect(body.warnings.map((w: { code: string }) => w.code)).toContain('geometry_repaired');
    expect(body.area_ha).toBeGreaterThan(40);
  });

  it('rejects projected coordinates, naming the likely CRS', async () => {
    const gk = { type: 'Polygon', coordinates: [[[460000, 3380000], [461000, 3380000], [461000, 3381000], [460000, 3380000]]] };
    const { res, body } = await analyse(gk);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    // zh-CN by default: the detail names the CRS it looks like (CGCS2000 Gauss–Krüger).
    expect(body.detail).toMatch(/CGCS2000/);
  });

  it('rejects a parcel outside the county', async () => {
    const beijing = { type: 'Polygon', coordinates: [[[116.3, 39.9], [116.31, 39.9], [116.31, 39.91], [116.3, 39.91], [116.3, 39.9]]] };
    const { res, body } = await analyse(beijing);
    expect(res.status).toBe(422);
    // zh-CN unless the caller prefers English.
    expect(body.title).toBe('地块在数据范围之外');
    const en = await app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en-US,en;q=0.9' }, body: JSON.stringify({ geometry: beijing }) });
    expect(((await en.json()) as { title: string }).title).toBe('Parcel outside the data extent');
  });

  it('warns when part of the parcel lies outside the county', async () => {
    const { body: county } = await (async () => { const r = await app.request('/api/regions?level=county'); return { body: await r.json() }; })();
    const [[lon, lat]] = (county.features[0].geometry.coordinates[0][0] as number[][]).slice(0, 1);
    const straddling = { type: 'Polygon', coordinates: [[[lon - 0.01, lat - 0.01], [lon + 0.01, lat - 0.01], [lon + 0.01, lat + 0.01], [lon - 0.01, lat + 0.01], [lon - 0.01, lat - 0.01]]] };
    const { res, body } = await analyse(straddling);
    // A square around a vertex of the county outline lies partly inside: analysed, clipped, and said so.
    expect(res.status).toBe(200);
    expect(body.warnings.map((w: { code: string }) => w.code)).toContain('clipped_to_extent');
    const [{ inside_ha, square_ha }] = await db.sql<{ inside_ha: number; square_ha: number }[]>`
      WITH s AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(straddling)}), 4326) g)
      SELECT ST_Area(ST_Intersection(s.g, r.geom)::geography) / 1e4 inside_ha, ST_Area(s.g::geography) / 1e4 square_ha
        FROM s, regions r WHERE r.level = 'county'`;
    expect(inside_ha).toBeLessThan(square_ha);
    expect(Math.abs(body.area_ha - inside_ha) / inside_ha).toBeLessThan(0.001);
  });

  it('rejects a point, a parcel over the size limit, and a body over the size limit', async () => {
    expect((await analyse({ type: 'Point', coordinates: [119.6, 30.6] })).res.status).toBe(422);
    const huge = { type: 'Polygon', coordinates: [[[118, 29], [122, 29], [122, 32], [118, 32], [118, 29]]] };
    const tooLarge = await analyse(huge);
    expect(tooLarge.res.status).toBe(413);
    expect(tooLarge.body.limit_km2).toBe(2500);
    const big = 'x'.repeat(21 * 1024 * 1024);
    const res = await app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('rejects bad JSON, unknown scenario fields and unknown methodologies', async () => {
    const notJson = await app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"geometry":' });
    expect(notJson.status).toBe(400);
    const unknownField = await analyse(parcel('hill-1km2'), { price: 50 });
    expect(unknownField.res.status).toBe(422);
    expect(unknownField.body.detail).toContain('price');
    const method = await analyse(parcel('hill-1km2'), { methodology: 'NOPE-1' });
    expect(method.res.status).toBe(422);
    expect(method.body.detail).toContain('NOPE-1');
    expect((await app.request('/api/health')).status).toBe(200);
  });
});

describe('carbon parameter tables', () => {
  it('are readable with their sources', async () => {
    const res = await app.request('/api/params/carbon');
    const body = await res.json();
    expect(body.tables.stand.chinese_fir).toMatchObject({ svd_t_per_m3: 0.307, bef: 1.634, root_shoot: 0.246, cf: 0.52, unverified: true });
    expect(body.tables.stand.chinese_fir.source).toContain('2011');
    expect(body.tables.pools.length).toBe(14);
  });

  it('can be overridden only with the admin token, changing results, and restored', async () => {
    const before = (await analyse(parcel('mountain-L'), { seed: 1, monte_carlo_runs: 50 })).body;
    const { body: params } = await (async () => ({ body: await (await app.request('/api/params/carbon')).json() }))();
    const pools = params.tables.pools.map((r: { c_soil: number }) => ({ ...r, c_soil: r.c_soil * 2 }));
    const put = (auth?: string) => app.request('/api/params/carbon/pools', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify({ value: pools, note: 'test: doubled soil carbon' }),
    });
    expect((await put()).status).toBe(401);
    expect((await put('Bearer wrong')).status).toBe(403);
    const bad = await app.request('/api/params/carbon/pools', {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'Bearer test-admin-token' },
      body: JSON.stringify({ value: [{ lucode: 1 }] }),
    });
    expect(bad.status).toBe(422);
    expect((await put('Bearer test-admin-token')).status).toBe(200);
    try {
      const after = (await analyse(parcel('mountain-L'), { seed: 1, monte_carlo_runs: 50 })).body;
      expect(after.total.pools_tC.soil).toBeCloseTo(before.total.pools_tC.soil * 2, 3);
      expect(after.inputs.parameter_overrides).toEqual(['pools']);
    } finally {
      const del = await app.request('/api/params/carbon/pools', { method: 'DELETE', headers: { authorization: 'Bearer test-admin-token' } });
      expect(del.status).toBe(200);
    }
    const restored = (await analyse(parcel('mountain-L'), { seed: 1, monte_carlo_runs: 50 })).body;
    expect(restored.total.stock_tC).toBeCloseTo(before.total.stock_tC, 6);
  });
});
