/** GET /api/stands/:id/carbon — one stand's carbon per hectare, consistent with the parcel analysis. */
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../setup/app.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const relClose = (a: number, b: number, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('stand carbon per hectare', () => {
  it('gives the stand route biomass and sink per ha that the parcel analysis of the same stand counts', async () => {
    const [stand] = await db.sql<{ id: string; geometry: unknown }[]>`
      SELECT id, ST_AsGeoJSON(geom)::json geometry FROM stands
       WHERE forest_type = 'arbor' AND volume_m3_per_ha IS NOT NULL
       ORDER BY ST_Area(geom::geography) DESC LIMIT 1`;
    const res = await app.request(`/api/stands/${encodeURIComponent(stand.id)}/carbon`);
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.id).toBe(stand.id);
    expect(s.route).toBe('stand_table');
    const p = s.per_ha.pools_tC;
    expect(p.above + p.below + p.soil + p.dead).toBeCloseTo(p.total, 9);
    expect(s.per_ha.stock_tCO2e).toBeCloseTo((s.per_ha.stock_tC * 44) / 12, 9);

    const analysis = await app.request('/api/analysis/carbon', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ geometry: stand.geometry, scenario: { monte_carlo_runs: 2 } }),
    });
    expect(analysis.status).toBe(200);
    const r = await analysis.json();
    const inParcel = r.stands.find((x: { id: string }) => x.id === stand.id);
    expect(inParcel.counted_area_ha).toBeGreaterThan(0);
    expect(relClose(inParcel.stock_tC.above / inParcel.counted_area_ha, p.above)).toBe(true);
    expect(relClose(inParcel.stock_tC.below / inParcel.counted_area_ha, p.below)).toBe(true);
    expect(relClose(inParcel.sink_tCO2e_per_yr / inParcel.counted_area_ha, s.per_ha.sink_tCO2e_per_yr)).toBe(true);
    // Soil and dead organic matter are the pools-table row of the class the stand lies on.
    const row = r.params.tables.pools.find((x: { lucode: number }) => x.lucode === s.landcover_code);
    expect(p.soil).toBeCloseTo(row.c_soil, 9);
    expect(p.dead).toBeCloseTo(row.c_dead, 9);
  });

  it('answers an over-long id with a small 400 problem+json and keeps serving', async () => {
    const res = await app.request(`/api/stands/${'x'.repeat(5000)}/carbon`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const text = await res.text();
    expect(text.length).toBeLessThan(1000);
    expect(JSON.parse(text).detail).toMatch(/id/);
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('answers 404 problem+json for an unknown stand', async () => {
    const res = await app.request('/api/stands/no-such-stand/carbon');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await res.json()).detail).toContain('no-such-stand');
  });
});
