/**
 * GET /api/indicators on the demo county (安吉县 330523): the indicators that add up equal the sum
 * over its townships, the ratios equal Σ parts / Σ wholes, values agree with SQL written here,
 * targets apply by scope (a city's target is only ever a reference for the county), and the
 * targets CRUD answers 401 / 403 / 422 (bilingual) / 201 / 200 / 204 by role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rasterValueAt } from '../../api/services/raster-point.ts';
import { testApp } from '../setup/app.ts';
import { call, uniq, user, world, type App } from './ledger-setup.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const COUNTY = '330523';
const IDS = [
  'forest_coverage_pct', 'forest_stock_m3', 'wetland_rate_pct', 'wetland_protection_pct', 'carbon_stock_tC', 'carbon_sink_tCO2e_per_yr',
  'charging_coverage_urban_pct', 'charging_coverage_rural_pct', 'townships_with_chargers_pct', 'service_areas_with_chargers_pct', 'public_chargers', 'public_chargers_urban', 'public_chargers_rural', 'pv_potential_mw', 'wind_potential_mw',
  'credits_issued_tCO2e', 'credits_retired_tCO2e',
];
const HAN = /\p{Script=Han}/u;

type Ind = { id: string; value: number | null; numerator: number | null; denominator: number | null; target: any; gap: number | null; status: string; additive: boolean };
const get = async (a: App, q: string) => { const r = await call(a, 'GET', `/api/indicators?${q}`, {}); expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(200); return r.body; };
const byId = (b: { indicators: Ind[] }) => new Map(b.indicators.map((x) => [x.id, x]));

let county: any;
let townships: any[];
beforeAll(async () => {
  county = await get(app, `region=${COUNTY}&children=1&as_of=2026`);
  townships = [];
  for (const c of county.children) townships.push(await get(app, `region=${c.region_id}&as_of=2026`));
}, 300_000);

describe('indicators of the demo county', () => {
  it('lists every indicator by its stable id, with its children (the 15 townships)', () => {
    expect(county.region_id).toBe(COUNTY);
    expect(county.indicators.map((x: Ind) => x.id)).toEqual(IDS);
    expect(county.children).toHaveLength(15);
    expect(townships).toHaveLength(15);
    for (const c of county.children) expect(Object.keys(c.values)).toEqual(IDS);
  });

  it('the county\'s additive indicators are the sums over its townships', () => {
    const c = byId(county);
    for (const d of county.indicators.filter((x: Ind) => x.additive)) {
      const sum = townships.reduce((a, t) => a + (byId(t).get(d.id)!.value ?? 0), 0);
      const v = c.get(d.id)!.value!;
      // the townships tile the county: equal but for each region's own projected → ellipsoidal area scale (< 0.05 %)
      expect(Math.abs(v - sum), `${d.id}: county ${v}, Σ townships ${sum}`).toBeLessThanOrEqual(Math.max(1e-6, 5e-4 * Math.abs(v)));
      // the children's values in the county answer are the townships' own answers
      for (const t of townships) expect(county.children.find((k: any) => k.region_id === t.region_id).values[d.id]).toBe(byId(t).get(d.id)!.value);
    }
    expect(c.get('public_chargers')!.value).toBe(townships.reduce((a, t) => a + byId(t).get('public_chargers')!.value!, 0));
  });

  it('the county\'s ratios are Σ parts / Σ wholes over its townships', () => {
    const c = byId(county);
    for (const id of ['forest_coverage_pct', 'wetland_rate_pct', 'wetland_protection_pct']) {
      const num = townships.reduce((a, t) => a + byId(t).get(id)!.numerator!, 0);
      const den = townships.reduce((a, t) => a + byId(t).get(id)!.denominator!, 0);
      expect(c.get(id)!.numerator! / num, id).toBeCloseTo(1, 3);
      expect(c.get(id)!.denominator! / den, id).toBeCloseTo(1, 3);
      expect(c.get(id)!.value!, id).toBeCloseTo((100 * num) / den, 1);
    }
    const withCharger = townships.filter((t) => byId(t).get('townships_with_chargers_pct')!.value === 100).length;
    expect(c.get('townships_with_chargers_pct')!.numerator).toBe(withCharger);
    expect(c.get('townships_with_chargers_pct')!.value).toBeCloseTo((100 * withCharger) / 15, 10);
  });

  it('agrees with SQL over the tables written here (forest stock, wetland rate, public chargers)', async () => {
    const c = byId(county);
    const [s] = await db.sql<{ stock: number; wet: number; area: number; chargers: number }[]>`
      WITH r AS (SELECT geom FROM regions WHERE id = ${COUNTY})
      SELECT (SELECT sum(s.volume_m3_per_ha * ST_Area(ST_Intersection(s.geom, r.geom)::geography) / 1e4) FROM stands s, r WHERE s.forest_type = 'arbor' AND ST_Intersects(s.geom, r.geom)) AS stock,
             (SELECT ST_Area(ST_Union(ST_Intersection(w.geom, r.geom))::geography) / 1e4 FROM wetlands w, r WHERE ST_Intersects(w.geom, r.geom)) AS wet,
             (SELECT ST_Area(geom::geography) / 1e4 FROM r) AS area,
             (SELECT sum(chargers)::int FROM charging_stations c, r WHERE c.site_kind <> 'private' AND ST_Covers(r.geom, c.geom)) AS chargers`;
    expect(c.get('forest_stock_m3')!.value!).toBeCloseTo(s.stock, 3);
    expect(c.get('wetland_rate_pct')!.value!).toBeCloseTo((100 * s.wet) / s.area, 8);
    expect(c.get('public_chargers')!.value).toBe(s.chargers);
    expect(county.area_ha).toBeCloseTo(s.area, 6);
  });

  it('takes the charging numbers from the charging service: urban / rural coverage, the township and service-area checks', async () => {
    const { body: cov } = await call(app, 'GET', `/api/charging/coverage?region=${COUNTY}`, {});
    const c = byId(county);
    expect(c.get('charging_coverage_urban_pct')!.value).toBe(cov.urban.coverage_pct);
    expect(c.get('charging_coverage_rural_pct')!.value).toBe(cov.rural.coverage_pct);
    expect([c.get('townships_with_chargers_pct')!.numerator, c.get('townships_with_chargers_pct')!.denominator]).toEqual([cov.checks.township_chargers.passing, cov.checks.township_chargers.total]);
    const sa = cov.checks.service_areas.items;
    expect(sa.length).toBeGreaterThan(0);
    expect(c.get('service_areas_with_chargers_pct')!.value).toBeCloseTo((100 * sa.filter((i: { pass: boolean }) => i.pass).length) / sa.length, 10);
    // Hangzhou's service-area target is not Anji's
    expect(c.get('service_areas_with_chargers_pct')!.target).toBeNull();
  });

  it('splits public chargers urban / rural by the urban_rural class under each station', async () => {
    const c = byId(county);
    const stations = await db.sql<{ chargers: number; lon: number; lat: number }[]>`
      SELECT s.chargers, ST_X(s.geom) lon, ST_Y(s.geom) lat FROM charging_stations s, regions r WHERE r.id = ${COUNTY} AND s.site_kind <> 'private' AND ST_Covers(r.geom, s.geom)`;
    let urban = 0;
    for (const s of stations) {
      if ((await rasterValueAt(db.sql, 'urban_rural', s.lon, s.lat)) === 1) urban += s.chargers;
    }
    expect(urban).toBeGreaterThan(0);
    expect(c.get('public_chargers_urban')!.value).toBe(urban);
    expect(c.get('public_chargers_rural')!.value).toBe(c.get('public_chargers')!.value! - urban);
    expect(c.get('public_chargers_urban')!.target).toMatchObject({ region_id: '330500', value: 4200, scope: 'reference' });
  });

  it('judges ratios against the province\'s target as a reference, and never applies Hangzhou\'s', () => {
    const f = byId(county).get('forest_coverage_pct')!;
    // Huzhou (330500) has no forest target in the seed: Zhejiang 61.5 % (2025) applies, as a reference
    expect(f.target).toMatchObject({ region_id: '330000', value: 61.5, scope: 'reference', year: 2025 });
    expect(f.gap!).toBeCloseTo(f.value! - 61.5, 10);
    expect(f.status).toBe(f.value! >= 61.5 ? 'met' : 'behind');
    // a quantity against the city's total: share only
    const ch = byId(county).get('public_chargers')!;
    expect(ch.target).toMatchObject({ region_id: '330500', value: 9200, scope: 'reference' });
    expect(ch.gap).toBeNull();
    expect(ch.status).toBe('no target');
    expect((ch as any).share_of_target_pct).toBeCloseTo((100 * ch.value!) / 9200, 10);
    for (const x of county.indicators as Ind[]) expect(x.target?.region_id ?? null).not.toBe('330100');
  });

  it('writes the narrative from these numbers; the English one has no Han characters', () => {
    const f = byId(county).get('forest_coverage_pct')!;
    expect(county.narrative_zh).toContain(`安吉县森林覆盖率为 ${f.value!.toFixed(2)}%`);
    expect(county.narrative_en).toContain(`Forest coverage of Anji County is ${f.value!.toFixed(2)}%`);
    expect(county.narrative_en).not.toMatch(HAN);
  });

  it('says where an input is missing or does not apply: no number, status \'no data\' and a finding', async () => {
    const [v] = await db.sql<{ id: string }[]>`
      SELECT r.id FROM regions r WHERE r.level = 'village' AND NOT EXISTS (SELECT 1 FROM wetlands w WHERE ST_Intersects(w.geom, r.geom)) ORDER BY r.id LIMIT 1`;
    const answer = await get(app, `region=${v.id}&children=1`);
    const village = byId(answer);
    expect(answer.children).toEqual([]);
    // what has no data is said; what does not apply to a village is not "no data yet"
    expect(answer.narrative_en).toMatch(/No data yet for: [^.]*Wetland protection rate/);
    expect(answer.narrative_en).not.toContain('Townships with public chargers');
    expect(answer.narrative_en).not.toContain('Expressway service areas');
    const wp = village.get('wetland_protection_pct')! as Ind & { findings: { code: string }[] };
    expect([wp.value, wp.status, wp.findings.map((f) => f.code)]).toEqual([null, 'no data', ['no_wetland']]);
    expect(village.get('wetland_rate_pct')!.value).toBe(0); // no wetland is a measured 0 % rate
    const tw = village.get('townships_with_chargers_pct')! as Ind & { findings: { code: string }[] };
    expect([tw.value, tw.status, tw.findings.map((f) => f.code)]).toEqual([null, 'no data', ['not_applicable']]);
  });

  it('answers 404 for an unknown region and 400 without one', async () => {
    expect((await call(app, 'GET', '/api/indicators?region=nowhere', {})).status).toBe(404);
    expect((await call(app, 'GET', '/api/indicators', {})).status).toBe(400);
  });
});

describe('credits in the ledger', () => {
  it('attribute a project\'s issued and retired tonnes to regions by the pooled area inside them', { timeout: 120_000 }, async () => {
    // two townships; a small parcel at a point inside each (30 亩 and 10 亩 stated): 100 t issued, 20 t retired
    const [t1, t2] = county.children.slice(0, 2).map((c: { region_id: string }) => c.region_id);
    const square = async (id: string) => JSON.parse((await db.sql<{ g: string }[]>`
      SELECT ST_AsGeoJSON(ST_Buffer(ST_PointOnSurface(geom)::geography, 60)::geometry) g FROM regions WHERE id = ${id}`)[0].g);
    const credits = async (id: string) => { const b = byId(await get(app, `region=${id}`)); return [b.get('credits_issued_tCO2e')!.value!, b.get('credits_retired_tCO2e')!.value!]; };
    const before = { county: await credits(COUNTY), t1: await credits(t1), t2: await credits(t2) };
    const w = await world(app);
    const op = w.users.operator.bearer;
    const code = `IND${uniq()}`;
    const p = await call(app, 'POST', '/api/ledger/projects', op, { code, name: `指标测试 ${code}`, kind: 'bamboo', buffer_fraction: '0' });
    expect(p.status).toBe(201);
    for (const [id, mu, village] of [[t1, '30', w.villageA], [t2, '10', w.villageB]] as const) {
      const c = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/parcels`, op, { name: `地块 ${id}`, geometry: await square(id), area_mu: mu, village_id: village, start_year: 2022, rule: { kind: 'fixed', cny_per_mu_yr: 10, every_years: 1 } });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
    }
    const m = await call(app, 'POST', `/api/ledger/projects/${p.body.id}/monitoring`, op, { vintage: 2024, period_start: '2024-01-01', period_end: '2024-12-31', claimed_t: 100, reason: '样地实测 field plots' });
    expect(m.status).toBe(201);
    expect((await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/verification`, w.users.verifier.bearer, { decision: 'approve' })).status).toBe(200);
    const i = await call(app, 'POST', `/api/ledger/monitoring/${m.body.id}/issuance`, op);
    expect(i.status).toBe(201);
    const held = i.body.blocks.find((b: { state: string }) => b.state === 'held');
    expect((await call(app, 'POST', '/api/ledger/retirements', op, { block_id: held.id, quantity_t: 20, beneficiary: '指标测试', purpose: 'offset' })).status).toBe(201);
    const after = { county: await credits(COUNTY), t1: await credits(t1), t2: await credits(t2) };
    const delta = (k: keyof typeof before) => after[k].map((v, j) => v - before[k][j]);
    // 100 t × 30/40 = 75 and 100 × 10/40 = 25 issued; 20 × 30/40 = 15 and 20 × 10/40 = 5 retired; the county has all of it
    expect(delta('t1')[0]).toBeCloseTo(75, 9);
    expect(delta('t1')[1]).toBeCloseTo(15, 9);
    expect(delta('t2')[0]).toBeCloseTo(25, 9);
    expect(delta('t2')[1]).toBeCloseTo(5, 9);
    expect(delta('county')[0]).toBeCloseTo(100, 9);
    expect(delta('county')[1]).toBeCloseTo(20, 9);
  });
});

describe('targets', () => {
  let bureau: Awaited<ReturnType<typeof user>>;
  let buyer: Awaited<ReturnType<typeof user>>;
  const body = (x: Record<string, unknown> = {}) => ({
    region_id: '330500', region_level: 'city', place_zh: '湖州市', place_en: 'Huzhou', indicator: 'forest_coverage_pct', value: 99,
    year: 2030, document_zh: '测试规划', document_en: 'Test plan', source: 'api test', ...x,
  });
  beforeAll(async () => {
    bureau = await user(app, ['bureau'], null);
    buyer = await user(app, ['buyer'], null);
  });

  it('lists the seeded targets with their sources', async () => {
    const r = await call(app, 'GET', '/api/indicators/targets?region=330100&indicator=forest_coverage_pct', {});
    expect(r.status).toBe(200);
    expect(r.body.targets).toHaveLength(1);
    expect(r.body.targets[0]).toMatchObject({ value: 65.33, unit: '%', year: 2025, place_en: 'Hangzhou', created_by: 'seed' });
    expect(r.body.targets[0].source).toContain('policy-targets.md');
  });

  it('refuses writes without a login (401), with another role (403), from a session without the CSRF token (403)', async () => {
    expect((await call(app, 'POST', '/api/indicators/targets', {}, body())).status).toBe(401);
    expect((await call(app, 'POST', '/api/indicators/targets', {}, { nonsense: true })).status).toBe(401);
    const wrong = await call(app, 'POST', '/api/indicators/targets', buyer.bearer, body());
    expect(wrong.status).toBe(403);
    expect(wrong.body.roles_required).toEqual(['bureau', 'admin']);
    expect((await call(app, 'DELETE', '/api/indicators/targets/1', buyer.bearer)).status).toBe(403);
    expect((await call(app, 'POST', '/api/indicators/targets', { cookie: bureau.session.cookie }, body())).status).toBe(403);
  });

  it('answers bad input with 422 in Chinese first, English on request', async () => {
    const zh = await call(app, 'POST', '/api/indicators/targets', bureau.bearer, body({ indicator: 'happiness_pct' }));
    expect(zh.status).toBe(422);
    expect(zh.res.headers.get('content-language')).toBe('zh-CN');
    expect(zh.body.title).toMatch(HAN);
    const en = await call(app, 'POST', '/api/indicators/targets', { ...bureau.bearer, 'accept-language': 'en' }, body({ value: 130 }));
    expect(en.status).toBe(422);
    expect(en.body.detail).toBe('Forest coverage is a percentage: the target and baseline must be 0–100.');
    const nowhere = await call(app, 'POST', '/api/indicators/targets', { ...bureau.bearer, 'accept-language': 'en' }, body({ region_id: 'atlantis' }));
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.detail).toMatch(/^There is no region "atlantis"/);
    const half = await call(app, 'POST', '/api/indicators/targets', bureau.bearer, body({ baseline_value: 60 }));
    expect(half.status).toBe(422);
    expect(half.body.detail).toBe('基期值 baseline_value 与基期年 baseline_year 须同时给出或同时省略。');
  });

  it('a city\'s own target stays a reference for its county; the county\'s own target is its own; CRUD round trip', async () => {
    const city = await call(app, 'POST', '/api/indicators/targets', bureau.bearer, body());
    expect(city.status).toBe(201);
    expect(city.body).toMatchObject({ unit: '%', value: 99, region_id: '330500', created_by: expect.any(String) });
    try {
      let f = byId(await get(app, `region=${COUNTY}&as_of=2026`)).get('forest_coverage_pct')!;
      expect(f.target).toMatchObject({ id: city.body.id, scope: 'reference', value: 99 });
      expect(f.status).toBe('behind'); // below 99 %, and without a baseline never 'on track'
      // the township sees the same city target, as a reference too
      const t = byId(await get(app, `region=${county.children[0].region_id}&as_of=2026`)).get('forest_coverage_pct')!;
      expect(t.target).toMatchObject({ id: city.body.id, scope: 'reference' });

      const own = await call(app, 'POST', '/api/indicators/targets', bureau.bearer, body({ region_id: COUNTY, region_level: 'county', place_zh: '安吉县', place_en: 'Anji County', value: 50 }));
      expect(own.status).toBe(201);
      f = byId(await get(app, `region=${COUNTY}&as_of=2026`)).get('forest_coverage_pct')!;
      expect(f.target).toMatchObject({ id: own.body.id, scope: 'own', value: 50 });
      expect(f.status).toBe('met');

      const put = await call(app, 'PUT', `/api/indicators/targets/${own.body.id}`, bureau.session, body({ region_id: COUNTY, region_level: 'county', place_zh: '安吉县', place_en: 'Anji County', value: 80, baseline_value: 69, baseline_year: 2020 }));
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ value: 80, baseline_value: 69, baseline_year: 2020, updated_by: expect.any(String) });
      f = byId(await get(app, `region=${COUNTY}&as_of=2026`)).get('forest_coverage_pct')!;
      // path 69 + (80 − 69) · 6/10 = 75.6 in 2026
      expect(f.status).toBe(f.value! >= 75.6 ? 'on track' : 'behind');
      expect(f.gap!).toBeCloseTo(f.value! - 80, 10);

      expect((await call(app, 'DELETE', `/api/indicators/targets/${own.body.id}`, bureau.bearer)).status).toBe(204);
      expect((await call(app, 'GET', `/api/indicators/targets/${own.body.id}`, {})).status).toBe(404);
      expect((await call(app, 'DELETE', `/api/indicators/targets/${own.body.id}`, bureau.bearer)).status).toBe(404);
    } finally {
      await call(app, 'DELETE', `/api/indicators/targets/${city.body.id}`, bureau.bearer);
    }
    const f = byId(await get(app, `region=${COUNTY}&as_of=2026`)).get('forest_coverage_pct')!;
    expect(f.target).toMatchObject({ region_id: '330000', value: 61.5 });
  });
});
