/**
 * Siting on the demo county (both backends): rules catalog, AHP, a suitability scenario and its
 * tiles, the point readout (a basic-farmland point is excluded by that rule; a pond cell is
 * suitable for 渔光互补 and not for ground PV; S equals the formula from the returned criteria
 * and weights), zones with the supply curve and robustness, the parcel waterfall adding up to
 * the parcel area, saved rule sets for logged-in users (session + CSRF, owner or admin overwrites), and bilingual problems.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../setup/app.ts';
import { uniq, user } from './ledger-setup.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const json = { 'content-type': 'application/json' };
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
async function ok(res: Response | Promise<Response>): Promise<any> {
  const r = await res;
  if (r.status !== 200) throw new Error(`${r.status}: ${await r.text()}`);
  return r.json();
}

/** A point inside the largest basic-farmland polygon, and inside ponds outside protected areas larger than the 渔光 rule set's min_area. */
async function places() {
  const [farm] = await db.sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM protected_areas WHERE kind = 'basic_farmland' ORDER BY ST_Area(geom::geography) DESC LIMIT 1) q`;
  const ponds = await db.sql<{ lon: number; lat: number; geojson: string }[]>`
    SELECT ST_X(p) lon, ST_Y(p) lat, ST_AsGeoJSON(w.geom) geojson FROM wetlands w, LATERAL (SELECT ST_PointOnSurface(w.geom) p) q
     WHERE w.wetland_type = 'pond' AND ST_Area(w.geom::geography) > 2 * 0.5e4 -- twice the 渔光 min_area
       AND NOT EXISTS (SELECT 1 FROM protected_areas a WHERE ST_Intersects(a.geom, w.geom))
     ORDER BY ST_Area(w.geom::geography) DESC LIMIT 5`;
  return { farm, ponds };
}

describe('siting API', () => {
  it('GET /api/siting/rules lists a default rule set per technology, each rule with its source', async () => {
    const r = await ok(app.request('/api/siting/rules'));
    expect(r.rule_sets.map((s: any) => s.technology)).toEqual(expect.arrayContaining(['pv_ground', 'pv_fishery', 'pv_forest', 'pv_rooftop', 'wind']));
    for (const s of r.rule_sets) for (const rule of s.rules) expect(rule.source.length).toBeGreaterThan(5);
    expect(r.random_index.find((x: any) => x.n === 5).ri).toBe(1.12);
  });

  it('POST /api/siting/ahp: Saaty weights, and a warning naming the pair when CR ≥ 0.10', async () => {
    const good = await ok(post('/api/siting/ahp', { criteria: ['solar', 'slope', 'road'], matrix: [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]] }));
    expect(good.weights.solar).toBeCloseTo(0.637, 3);
    expect(good.cr).toBeCloseTo(0.033, 3);
    expect(good.warning).toBeNull();
    const bad = await ok(post('/api/siting/ahp', { criteria: ['a', 'b', 'c'], matrix: [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]] }));
    expect(bad.consistent).toBe(false);
    expect(bad.warning.zh).toMatch(/最不一致/);
    expect(bad.warning.en).toMatch(/most inconsistent pair/);
    const res = await post('/api/siting/ahp', { criteria: ['a', 'b'], matrix: [[1, 3], [3, 1]] });
    expect(res.status).toBe(422);
    const p = await res.json();
    expect(p.title).toBe('选址输入无效');
    expect(p.detail).toMatch(/须等于 1\/a\[1\]\[2\]/);
    const en = await app.request('/api/siting/ahp', { method: 'POST', headers: { ...json, 'accept-language': 'en' }, body: JSON.stringify({ criteria: ['a', 'b'], matrix: [[1, 3], [3, 1]] }) });
    expect((await en.json()).detail).toMatch(/must be 1\/a\[1\]\[2\]/);
  });

  it('a basic-farmland point is excluded by that rule; S at sampled points equals the formula from the returned criteria and weights', async () => {
    const { farm } = await places();
    const sc = await ok(post('/api/siting/pv/suitability', { technology: 'pv_ground' }));
    expect(sc.scenario).toMatch(/^[0-9a-f]{32}$/);
    expect(sc.tiles).toBe(`/api/siting/pv/tiles/${sc.scenario}/{z}/{x}/{y}.png`);
    expect(sc.stats.usable_km2).toBeGreaterThan(0);
    const pt = await ok(app.request(`/api/siting/pv/point?lon=${farm.lon}&lat=${farm.lat}&scenario=${sc.scenario}`));
    expect(pt.excluded_by.map((e: any) => e.rule_id)).toContain('basic_farmland');
    expect(pt.layers.basic_farmland).toBe(1);
    expect(pt.s).toBe(0);
    // sample points on a lattice over the county; check S = mask · Σ w x for each one inside
    const [b] = await db.sql<{ w: number; s: number; e: number; n: number }[]>`SELECT ST_XMin(g) w, ST_YMin(g) s, ST_XMax(g) e, ST_YMax(g) n FROM (SELECT ST_Extent(geom) g FROM regions WHERE level = 'county') q`;
    let included = 0;
    for (let a = 1; a < 6; a++) {
      for (let c = 1; c < 6; c++) {
        const lon = b.w + ((b.e - b.w) * a) / 6, lat = b.s + ((b.n - b.s) * c) / 6;
        const p = await ok(app.request(`/api/siting/pv/point?lon=${lon}&lat=${lat}&scenario=${sc.scenario}`));
        if (!p.cell.inside) continue;
        const sum = p.criteria.reduce((acc: number, x: any) => acc + x.weight * x.score, 0);
        expect(p.s).toBeCloseTo(p.mask * sum, 12);
        expect(p.criteria.reduce((acc: number, x: any) => acc + x.weight, 0)).toBeCloseTo(1, 12);
        if (p.mask > 0) { included++; expect(p.excluded_by).toEqual([]); } else expect(p.excluded_by.length).toBeGreaterThan(0);
      }
    }
    expect(included).toBeGreaterThan(0);
  });

  it('PV resource: specific yield kWh/kWp/yr per cell, within 1 % of the full yield chain at sampled cells; GHI as an option', async () => {
    const sc = await ok(post('/api/siting/pv/suitability', {}));
    const solar = sc.criteria.find((c: any) => c.id === 'solar');
    expect(solar).toMatchObject({ layer: 'pv_yield_kwh_per_kwp_yr', unit: 'kWh/kWp/yr' });
    expect(sc.pv_yield.kwh_per_kwp_per_kwh_per_m2).toBeCloseTo(sc.pv_yield.specific_yield_kwh_per_kwp / sc.pv_yield.ghi_kwh_per_m2_yr, 9);
    const [b] = await db.sql<{ w: number; s: number; e: number; n: number }[]>`SELECT ST_XMin(g) w, ST_YMin(g) s, ST_XMax(g) e, ST_YMax(g) n FROM (SELECT ST_Extent(geom) g FROM regions WHERE level = 'county') q`;
    let checked = 0;
    for (const [a, c] of [[2, 2], [3, 3], [4, 2], [2, 4]]) {
      const lon = b.w + ((b.e - b.w) * a) / 6, lat = b.s + ((b.n - b.s) * c) / 6;
      const p = await ok(app.request(`/api/siting/pv/point?lon=${lon}&lat=${lat}&scenario=${sc.scenario}`));
      if (!p.cell.inside) continue;
      const y = p.criteria.find((x: any) => x.id === 'solar').value;
      expect(y).toBeCloseTo(p.layers.ghi_kwh_m2_yr * sc.pv_yield.kwh_per_kwp_per_kwh_per_m2, 2);
      // the full chain of POST /api/analysis/pv at the cell (1 kWp, optimal tilt, open horizon) on the station's year,
      // brought to the cell's GHI: the layer is within 1 % of it
      const full = await ok(post('/api/analysis/pv', { location: { lon, lat }, horizon: 'none', system: { kw_dc: 1 } }));
      const atCell = full.energy.specific_yield_kwh_per_kwp * (p.layers.ghi_kwh_m2_yr / full.weather.ghi_kwh_per_m2_yr);
      expect(Math.abs(y / atCell - 1)).toBeLessThan(0.01);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    const g = await ok(post('/api/siting/pv/suitability', { pv_resource: 'ghi' }));
    expect(g.criteria.find((c: any) => c.id === 'solar')).toMatchObject({ layer: 'ghi_kwh_m2_yr', unit: 'kWh/m²/yr' });
    expect(g.scenario).not.toBe(sc.scenario);
    const rules = await ok(app.request('/api/siting/rules'));
    expect(rules.pv_resources.map((r: any) => r.key)).toEqual(['specific_yield', 'ghi']);
    const z = await ok(app.request(`/api/siting/pv/zones?scenario=${sc.scenario}&by=resource&limit=3&runs=10`));
    expect(z.supply_unit).toBe('kWh/kWp/yr');
  });

  it('a pond cell is suitable for 渔光互补 and not for ground PV', async () => {
    const { ponds } = await places();
    const ground = await ok(post('/api/siting/pv/suitability', { technology: 'pv_ground' }));
    const fish = await ok(post('/api/siting/pv/suitability', { technology: 'pv_fishery' }));
    let checked = 0;
    for (const pond of ponds) {
      const f = await ok(app.request(`/api/siting/pv/point?lon=${pond.lon}&lat=${pond.lat}&scenario=${fish.scenario}`));
      if (f.layers.water_body !== 1) continue;
      const g = await ok(app.request(`/api/siting/pv/point?lon=${pond.lon}&lat=${pond.lat}&scenario=${ground.scenario}`));
      expect(g.mask).toBe(0);
      expect(g.excluded_by.map((e: any) => e.rule_id)).toContain('water');
      expect(f.excluded_by).toEqual([]);
      expect(f.mask).toBe(1);
      expect(f.s).toBeGreaterThan(0);
      expect(['most', 'suitable', 'moderate', 'low']).toContain(f.class.key);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('serves PNG tiles of a scenario, and a changed weight makes a new scenario with different tiles', async () => {
    const a = await ok(post('/api/siting/pv/suitability', { weights: { solar: 1, slope: 0, orientation: 0, substation: 0, power_line: 0, road: 0, village: 0, landuse: 0 } }));
    const bb = await ok(post('/api/siting/pv/suitability', { weights: { solar: 0, slope: 0, orientation: 0, substation: 1, power_line: 0, road: 0, village: 0, landuse: 0 } }));
    expect(a.scenario).not.toBe(bb.scenario);
    const [c] = await db.sql<{ lon: number; lat: number }[]>`SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_Centroid(geom) p FROM regions WHERE level = 'county') q`;
    const z = 9, n = 2 ** z;
    const x = Math.floor(((c.lon + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan((c.lat * Math.PI) / 180) + 1 / Math.cos((c.lat * Math.PI) / 180)) / Math.PI) / 2) * n);
    const ta = await app.request(`/api/siting/pv/tiles/${a.scenario}/${z}/${x}/${y}.png`);
    const tb = await app.request(`/api/siting/pv/tiles/${bb.scenario}/${z}/${x}/${y}.png`);
    expect(ta.status).toBe(200);
    expect(ta.headers.get('content-type')).toBe('image/png');
    const ba = new Uint8Array(await ta.arrayBuffer()), bbb = new Uint8Array(await tb.arrayBuffer());
    expect([...ba.subarray(1, 4)].map((v) => String.fromCharCode(v)).join('')).toBe('PNG');
    expect(Buffer.from(ba).equals(Buffer.from(bbb))).toBe(false);
    expect((await app.request(`/api/siting/pv/tiles/${'0'.repeat(32)}/${z}/${x}/${y}.png`)).status).toBe(404);
    expect((await app.request(`/api/siting/pv/tiles/${a.scenario}/${z}/${x}/abc.png`)).status).toBe(400);
  });

  it('zones: ranked, with a supply curve that accumulates capacity and a seeded robustness share', async () => {
    const sc = await ok(post('/api/siting/pv/suitability', { technology: 'pv_ground' }));
    const z = await ok(app.request(`/api/siting/pv/zones?scenario=${sc.scenario}&min_s=0.5&limit=10&top_n=5&runs=200&seed=3`));
    expect(z.total_zones).toBeGreaterThan(0);
    const s = z.zones.map((x: any) => x.mean_s);
    expect(s).toEqual([...s].sort((p: number, q: number) => q - p));
    for (const x of z.zones) {
      expect(x.mean_s).toBeGreaterThanOrEqual(0.5 - 1e-9);
      expect(x.capacity_mw).toBeLessThanOrEqual(x.area_km2 * z.density_mw_per_km2 + 1e-9);
      expect(x.top_n_share).toBeGreaterThanOrEqual(0);
      expect(x.top_n_share).toBeLessThanOrEqual(1);
      expect(x.geometry.type).toBe('MultiPolygon');
    }
    const curve = z.supply_curve;
    expect(curve.at(-1).cumulative_mw).toBeCloseTo(z.total_capacity_mw, 6);
    for (let k = 1; k < curve.length; k++) expect(curve[k].cumulative_mw).toBeGreaterThanOrEqual(curve[k - 1].cumulative_mw);
    const again = await ok(app.request(`/api/siting/pv/zones?scenario=${sc.scenario}&min_s=0.5&limit=10&top_n=5&runs=200&seed=3`));
    expect(again.zones.map((x: any) => x.top_n_share)).toEqual(z.zones.map((x: any) => x.top_n_share));
  });

  it('parcel potential: the exclusion waterfall adds up to the parcel area; capacity, yield, storage ≥ 10 %, connection', async () => {
    const [f] = await db.sql<{ g: string }[]>`
      SELECT ST_AsGeoJSON(ST_Buffer(ST_PointOnSurface(geom)::geography, 600)::geometry) g FROM protected_areas WHERE kind = 'basic_farmland' ORDER BY ST_Area(geom::geography) DESC LIMIT 1`;
    const r = await ok(post('/api/analysis/siting', { geometry: JSON.parse(f.g), technology: 'pv_ground' }));
    const removed = r.waterfall.reduce((a: number, s: any) => a + s.removed_ha, 0);
    expect(removed + r.usable_ha).toBeCloseTo(r.area_ha, 6);
    expect(r.waterfall.find((s: any) => s.step === 'basic_farmland').removed_ha).toBeGreaterThan(0);
    expect(r.area_ha).toBeGreaterThan(100);
    expect(r.capacity.capacity_mw).toBeCloseTo((r.usable_ha / 100) * 36, 9);
    if (r.capacity.capacity_mw > 0) {
      expect(r.energy.annual_mwh).toBeGreaterThan(0);
      expect(r.energy.specific_yield_kwh_per_kwp).toBeGreaterThan(700);
      expect(r.avoided.tCO2_per_yr).toBeGreaterThan(0);
    }
    expect(r.storage.power_mw).toBeCloseTo(r.capacity.capacity_mw * 0.1, 9);
    expect(r.connection.distance_km).toBeGreaterThan(0);
    expect(r.connection.cost_cny).toBeCloseTo(r.connection.distance_km * r.connection.cny_per_km, 6);
  });

  it('wind: setbacks in tip heights and a turbine layout in rotor diameters', async () => {
    const sc = await ok(post('/api/siting/wind/suitability', { turbine: 'generic_3200', hub_height_m: 110 }));
    expect(sc.tip_height_m).toBe(110 + 65);
    const [p] = await db.sql<{ g: string }[]>`SELECT ST_AsGeoJSON(ST_Buffer(ST_Centroid(geom)::geography, 3000)::geometry) g FROM regions WHERE level = 'county'`;
    const r = await ok(post('/api/analysis/siting', { geometry: JSON.parse(p.g), technology: 'wind', turbine: 'generic_3200', hub_height_m: 110, yield: false }));
    const removed = r.waterfall.reduce((a: number, s: any) => a + s.removed_ha, 0);
    expect(removed + r.usable_ha).toBeCloseTo(r.area_ha, 6);
    expect(r.wind_layout.spacing_crosswind_d).toBe(4);
    expect(r.wind_layout.turbines).toBe(r.wind_layout.positions.length);
    expect(r.wind_layout.capacity_mw).toBeCloseTo(r.wind_layout.turbines * 3.2, 9);
  });

  it('a logged-in user saves a rule set from the browser session (CSRF token); only they or an admin overwrite it', async () => {
    const name = `mine-${uniq().toLowerCase()}`;
    const body = { technology: 'pv_ground', rules: [{ id: 'slope', layer: 'slope_deg', exclude_range: [12, null] }], min_area_ha: 2 };
    const put = (h: Record<string, string>, b: unknown = body) => app.request(`/api/siting/rules/${name}`, { method: 'PUT', headers: { ...json, ...h }, body: JSON.stringify(b) });
    const planner = await user(app, ['bureau'], null);
    const other = await user(app, ['operator'], null);
    expect((await put({ cookie: planner.session.cookie })).status).toBe(403); // no CSRF token
    const saved = await ok(put(planner.session));
    expect(saved.rules[0].exclude_range).toEqual([12, null]);
    const listed = (await ok(app.request('/api/siting/rules'))).rule_sets.find((r: any) => r.name === name);
    expect(listed).toMatchObject({ saved: true, technology: 'pv_ground', min_area_ha: 2, updated_by: `user:${planner.name}` });
    const taken = await put(other.session, { ...body, min_area_ha: 5 });
    expect(taken.status).toBe(403);
    expect((await taken.json()).title).toBe('名称已被占用');
    expect((await ok(put(planner.session, { ...body, min_area_ha: 4 }))).min_area_ha).toBe(4);
    expect((await ok(put({ authorization: 'Bearer test-admin-token' }, { ...body, min_area_ha: 6 }))).min_area_ha).toBe(6);
  });

  it('a saved rule set is deleted by whoever saved it or an admin; scenarios computed with it keep working', async () => {
    const name = `gone-${uniq().toLowerCase()}`;
    const body = { technology: 'pv_ground', rules: [{ id: 'slope', layer: 'slope_deg', exclude_range: [14, null] }] };
    const del = (h: Record<string, string>, n = name) => app.request(`/api/siting/rules/${n}`, { method: 'DELETE', headers: h });
    const planner = await user(app, ['bureau'], null);
    const other = await user(app, ['operator'], null);
    await ok(app.request(`/api/siting/rules/${name}`, { method: 'PUT', headers: { ...json, ...planner.session }, body: JSON.stringify(body) }));
    const sc = await ok(post('/api/siting/pv/suitability', { rule_set: name }));
    expect((await del({})).status).toBe(401);
    expect((await del({ cookie: planner.session.cookie })).status).toBe(403); // a session without its CSRF token
    const notYours = await del(other.session);
    expect(notYours.status).toBe(403);
    expect((await notYours.json()).title).toBe('无权删除');
    expect((await del(planner.session)).status).toBe(204);
    expect((await ok(app.request('/api/siting/rules'))).rule_sets.some((r: any) => r.name === name)).toBe(false);
    const again = await del(planner.session);
    expect(again.status).toBe(404);
    expect((await again.json()).title).toBe('规则集不存在');
    expect((await post('/api/siting/pv/suitability', { rule_set: name })).status).toBe(404);
    const cell = await ok(app.request(`/api/siting/pv/point?lon=119.6&lat=30.6&scenario=${sc.scenario}`));
    expect(cell.scenario).toBe(sc.scenario);
    // an administrator deletes anyone's
    await ok(app.request(`/api/siting/rules/${name}`, { method: 'PUT', headers: { ...json, ...planner.session }, body: JSON.stringify(body) }));
    expect((await del({ authorization: 'Bearer test-admin-token' })).status).toBe(204);
  });

  it('saving a rule set needs a login; a saved set can be used by name', async () => {
    const body = { technology: 'pv_ground', rules: [{ id: 'slope', layer: 'slope_deg', exclude_range: [10, null] }], min_area_ha: 1 };
    const put = (h: Record<string, string>) => app.request('/api/siting/rules/steep-only', { method: 'PUT', headers: { ...json, ...h }, body: JSON.stringify(body) });
    expect((await put({})).status).toBe(401);
    const saved = await ok(put({ authorization: 'Bearer test-admin-token' }));
    expect(saved.rules[0].unverified).toBe(true);
    expect(saved.rules[0].label_zh).toBe('坡度 ≥ 25°'); // the default rule of the same id lends its label
    const sc = await ok(post('/api/siting/pv/suitability', { rule_set: 'steep-only' }));
    expect(sc.rule_set.name).toBe('steep-only');
    expect(sc.legend.excluded[0].rule_id).toBe('slope');
    const bad = await app.request('/api/siting/rules/x', { method: 'PUT', headers: { ...json, authorization: 'Bearer test-admin-token' }, body: JSON.stringify({ technology: 'pv_ground', rules: [{ id: 'a', layer: 'nope', exclude_values: [1] }] }) });
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail).toMatch(/未知图层/);
  });

  it('bad input: unknown criteria, unknown scenario, a wind technology on the PV path', async () => {
    const a = await post('/api/siting/pv/suitability', { weights: { nope: 1 } });
    expect(a.status).toBe(422);
    expect((await a.json()).title).toBe('未知指标');
    const b = await app.request(`/api/siting/pv/point?lon=119.6&lat=30.6&scenario=${'f'.repeat(32)}`);
    expect(b.status).toBe(404);
    const c = await post('/api/siting/pv/suitability', { technology: 'wind' });
    expect(c.status).toBe(422);
    const d = await post('/api/siting/pv/suitability', { weights: { solar: 0 } });
    expect(d.status).toBe(422);
  });
});
