/**
 * Admin parameter tables are checked by a schema per table (api/schemas/carbon-params.ts): a
 * stored table never breaks a later analysis, the absurd tables the bad-input probe stored
 * (issue 8) are refused with 422 naming the field, every change is in the audit log.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { testApp } from '../setup/app.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const parcels = JSON.parse(readFileSync(new URL('../fixtures/carbon/parcels.geojson', import.meta.url), 'utf8')).features as Feature<Polygon>[];
const hill = parcels.find((f) => f.properties!.name === 'hill-1km2')!.geometry;
const ADMIN = { 'content-type': 'application/json', authorization: 'Bearer test-admin-token', 'accept-language': 'en' };

const put = (table: string, value: unknown) =>
  app.request(`/api/params/carbon/${table}`, { method: 'PUT', headers: ADMIN, body: JSON.stringify({ value, note: 'params-strict test' }) });
const del = (table: string) => app.request(`/api/params/carbon/${table}`, { method: 'DELETE', headers: ADMIN });
const analyse = (scenario: unknown = { monte_carlo_runs: 2 }) =>
  app.request('/api/analysis/carbon', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ geometry: hill, scenario }) });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tables = Record<string, any>;
const defaults: Tables = (await (await app.request('/api/params/carbon')).json()).tables;
const copy = (name: string) => structuredClone(defaults[name]);

describe('admin parameter tables', () => {
  it.each(Object.keys(defaults))('%s: a valid override is stored and a later analysis still answers 200', async (table) => {
    const value = copy(table);
    // A real change where the table has an obvious number to move; otherwise the table as it is.
    if (table === 'prices') value.central.value = 80;
    if (table === 'pools') value[0].c_soil = 70;
    if (table === 'value') value.discount_rate_pct.value = 3;
    if (table === 'growth') value[0].k_per_yr = 0.07;
    if (table === 'uncertainty') value[0].distribution = { dist: 'uniform', min: 0.8, max: 1.2 };
    try {
      const res = await put(table, value);
      expect(res.status, await res.clone().text()).toBe(200);
      const stored = (await (await app.request('/api/params/carbon')).json()).tables[table];
      expect(stored).toEqual(value);
      const analysis = await analyse();
      expect(analysis.status).toBe(200);
      expect((await analysis.json()).inputs.parameter_overrides).toEqual([table]);
    } finally {
      expect((await del(table)).status).toBe(200);
    }
  });

  const absurd: [string, string, (t: Tables) => unknown, string][] = [
    ['prices {}', 'prices', () => ({}), 'prices.low'],
    ['stand {}', 'stand', () => ({}), 'chinese_fir'],
    ['pools at 1e308', 'pools', (t) => t.pools.map((r: Tables) => ({ ...r, c_soil: 1e308 })), 'pools.0.c_soil'],
    ['a negative price', 'prices', (t) => ({ ...t.prices, low: { ...t.prices.low, value: -5 } }), 'prices.low.value'],
    ['discount −100', 'value', (t) => ({ ...t.value, discount_rate_pct: { ...t.value.discount_rate_pct, value: -100 } }), 'value.discount_rate_pct.value'],
    ['negative growth', 'growth', (t) => t.growth.map((r: Tables, i: number) => (i === 0 ? { ...r, k_per_yr: -0.06 } : r)), 'growth.0.k_per_yr'],
    ['negative carbon', 'pools', (t) => t.pools.map((r: Tables, i: number) => (i === 0 ? { ...r, c_above: -50 } : r)), 'pools.0.c_above'],
    ['min > max', 'uncertainty', (t) => t.uncertainty.map((r: Tables, i: number) => (i === 0 ? { ...r, distribution: { dist: 'triangular', min: 1.2, mode: 1, max: 0.8 } } : r)), 'uncertainty.0.distribution'],
    ['a NUL byte', 'stand', (t) => ({ ...t.stand, chinese_fir: { ...t.stand.chinese_fir, name_zh: '杉\u0000木' } }), 'stand.chinese_fir.name_zh'],
    ['an unknown key', 'ipcc', (t) => ({ ...t.ipcc, extra: 1 }), 'extra'],
    ['an empty pools table', 'pools', () => [], 'pools'],
    ['a missing price scenario', 'prices', (t) => ({ low: t.prices.low, central: t.prices.central }), 'prices.high'],
  ];
  it.each(absurd)('refuses %s with 422 naming the field, and analyses keep working', async (_, table, make, field) => {
    const res = await put(table, make(structuredClone(defaults)));
    const body = await res.json();
    expect(res.status).toBe(422);
    expect(body.title).toBe('Parameter table out of range');
    expect(body.detail).toContain(field);
    expect((await analyse()).status).toBe(200);
  });

  it('does not apply a stored table its schema refuses (e.g. written before the schema) and lists it', async () => {
    await db.sql`INSERT INTO parameter_overrides (model, table_name, value, note, updated_by) VALUES ('carbon', 'prices', '{}'::jsonb, 'legacy', 'sql')`;
    try {
      const analysis = await analyse();
      expect(analysis.status).toBe(200);
      expect((await analysis.json()).inputs.parameter_overrides).toEqual([]);
      const params = await (await app.request('/api/params/carbon')).json();
      expect(params.tables.prices).toEqual(defaults.prices);
      expect(params.rejected_overrides).toMatchObject([{ table_name: 'prices', updated_by: 'sql' }]);
      expect(params.rejected_overrides[0].problem).toContain('prices.low');
    } finally {
      expect((await del('prices')).status).toBe(200);
    }
  });

  it('answers the table problem in Chinese by default', async () => {
    const res = await app.request('/api/params/carbon/prices', { method: 'PUT', headers: { ...ADMIN, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' }, body: JSON.stringify({ value: {} }) });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-language')).toBe('zh-CN');
    expect((await res.json()).title).toBe('参数表超出范围');
  });

  it('records who changed which table when; DELETE of an unknown table is 404, of a NUL name 400', async () => {
    const t0 = Date.now();
    expect((await put('prices', { ...copy('prices'), high: { ...copy('prices').high, value: 120 } })).status).toBe(200);
    expect((await del('prices')).status).toBe(200);
    const log = await app.request('/api/params/audit?limit=2', { headers: ADMIN });
    expect(log.status).toBe(200);
    const { entries } = await log.json();
    expect(entries.map((e: Tables) => [e.table_name, e.action, e.changed_by])).toEqual([['prices', 'restore default', 'admin'], ['prices', 'override', 'admin']]);
    expect(Date.parse(entries[1].changed_at)).toBeGreaterThan(t0 - 60_000);
    expect((await app.request('/api/params/audit')).status).toBe(401);
    const unknown = await del('no_such_table');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).detail).toContain('no_such_table');
    expect((await app.request('/api/params/carbon/%00', { method: 'DELETE', headers: ADMIN })).status).toBe(400);
  });
});

describe('analysis scenario ranges', () => {
  it.each([
    ['price_cny_per_tCO2e', { price_cny_per_tCO2e: 1e308 }],
    ['non_forest_years', { non_forest_years: 1e308 }],
    ['relative_error_pct', { relative_error_pct: 1e308 }],
    ['relative_error_pct', { relative_error_pct: 101 }],
    ['species_group', { planting: { species_group: 'banana', site_class: 2 } }],
  ])('refuses an absurd %s with 422 naming it', async (field, scenario) => {
    const res = await analyse(scenario);
    const body = await res.json();
    expect(res.status).toBe(422);
    expect(body.detail).toContain(field);
    if (field === 'species_group') expect(body.detail).toContain('chinese_fir');
  });
});
