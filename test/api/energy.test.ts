/**
 * POST /api/analysis/pv and /api/analysis/wind on the demo county, GET /api/weather/stations and
 * /api/wind/turbines: plausible yields that follow the physics (south beats north, ridges beat
 * valleys), a parcel sized by its area, the hourly CSV adding up to the annual figure, and clear
 * problems for what cannot be answered. The CLI prints the same numbers from the same station.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { importWeatherFile } from '../../data-pipeline/import/weather/index.ts';
import { testApp } from '../setup/app.ts';
import { getRaster } from '../../api/store/catalog.ts';
import { rasterStore } from '../../api/store/rasters.ts';
import { transformer } from '../../layers/geo/project.ts';
import { pixelCenterToWorld, type Grid } from '../../layers/raster/grid.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function ok(path: string, body: unknown): Promise<Record<string, any>> {
  const res = await post(path, body);
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
  return res.json() as Promise<Record<string, any>>;
}

/** The county seat (flat valley land) and a point inside the largest stand. */
async function sites() {
  const [valley] = await db.sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(geom) lon, ST_Y(geom) lat FROM places WHERE kind = 'county_seat' LIMIT 1`;
  const [anyStand] = await db.sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(c) lon, ST_Y(c) lat FROM (SELECT ST_PointOnSurface(geom) c FROM stands ORDER BY ST_Area(geom::geography) DESC LIMIT 1) q`;
  return { valley, anyStand };
}

/** The windiest and the calmest cell of the 100 m wind raster, lon/lat. */
async function windExtremes(): Promise<{ ridge: { lon: number; lat: number }; calm: { lon: number; lat: number } }> {
  const record = (await getRaster(db.sql, 'wind100'))!;
  const grid: Grid = { width: record.width, height: record.height, geotransform: record.geotransform as unknown as Grid['geotransform'], crs: record.crs };
  const { data } = await rasterStore.readWindow(record, 0, 0, record.width, record.height);
  let hi = -1, lo = -1;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === record.nodata) continue;
    if (hi < 0 || data[i] > data[hi]) hi = i;
    if (lo < 0 || data[i] < data[lo]) lo = i;
  }
  const at = (i: number) => {
    const [lon, lat] = transformer(record.crs, 'EPSG:4326').point(...pixelCenterToWorld(grid, i % grid.width, Math.floor(i / grid.width)));
    return { lon, lat };
  };
  return { ridge: at(hi), calm: at(lo) };
}

describe('PV yield', () => {
  it('lists the demo weather station and the turbines', async () => {
    const st = await (await app.request('/api/weather/stations')).json();
    expect(st.stations.length).toBeGreaterThanOrEqual(1);
    const demo = st.stations.find((s: { format: string }) => s.format === 'demo');
    expect(demo.n_hours).toBe(8760);
    expect(demo.annual_ghi_kwh_per_m2).toBeGreaterThan(1100);
    expect(demo.annual_ghi_kwh_per_m2).toBeLessThan(1350);
    const tb = await (await app.request('/api/wind/turbines')).json();
    expect(tb.turbines.length).toBeGreaterThanOrEqual(6);
  });

  it('a south-facing array at optimal tilt in the valley yields a Zhejiang-like 900–1,300 kWh/kWp, and the parts add up', async () => {
    const { valley } = await sites();
    const r = await ok('/api/analysis/pv', { location: valley, system: { kw_dc: 1000 } });
    expect(r.system.tilt_from).toBe('optimal');
    expect(r.system.surface_tilt).toBeGreaterThan(10);
    expect(r.system.surface_tilt).toBeLessThan(35);
    expect(r.energy.specific_yield_kwh_per_kwp).toBeGreaterThan(900);
    expect(r.energy.specific_yield_kwh_per_kwp).toBeLessThan(1300);
    expect(r.energy.monthly_kwh.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(r.energy.annual_kwh, 4);
    const lost = r.losses.reduce((s: number, l: { kwh: number }) => s + l.kwh, 0);
    expect(r.energy.nominal_kwh - lost).toBeCloseTo(r.energy.annual_kwh, 4);
    expect(r.energy.performance_ratio).toBeGreaterThan(0.7);
    expect(r.energy.performance_ratio).toBeLessThan(0.9);
    expect(r.horizon.elevation_deg).toHaveLength(48);
    expect(r.avoided.tCO2_per_yr).toBeCloseTo((r.energy.annual_kwh / 1000) * r.avoided.tCO2_per_MWh, 6);
    expect(r.exceedance.p90_kwh).toBeLessThan(r.exceedance.p75_kwh);
    expect(r.weather.format).toBe('demo');
    // The horizon costs energy only where the terrain rises: an open horizon gives at least as much.
    const open = await ok('/api/analysis/pv', { location: valley, horizon: 'none', system: { kw_dc: 1000, surface_tilt: r.system.surface_tilt } });
    expect(open.horizon).toBeNull();
    expect(open.energy.annual_kwh).toBeGreaterThanOrEqual(r.energy.annual_kwh - 1e-6);
  });

  it('facing north loses energy against facing south at the same tilt', async () => {
    const { valley } = await sites();
    const south = await ok('/api/analysis/pv', { location: valley, system: { kw_dc: 100, surface_tilt: 25, surface_azimuth: 180 } });
    const north = await ok('/api/analysis/pv', { location: valley, system: { kw_dc: 100, surface_tilt: 25, surface_azimuth: 0 } });
    // At 30.6°N under a hazy, diffuse-rich sky a 25° north face keeps most of the energy, but clearly less.
    expect(north.energy.annual_kwh).toBeLessThan(0.9 * south.energy.annual_kwh);
    expect(north.energy.annual_kwh).toBeGreaterThan(0.6 * south.energy.annual_kwh);
  });

  it('a parcel is sized by its ellipsoidal area × 36 MW/km², and the hourly CSV adds up to the year', async () => {
    const { anyStand } = await sites();
    const d = 0.003;
    const geometry = { type: 'Polygon', coordinates: [[[anyStand.lon - d, anyStand.lat - d], [anyStand.lon + d, anyStand.lat - d], [anyStand.lon + d, anyStand.lat + d], [anyStand.lon - d, anyStand.lat + d], [anyStand.lon - d, anyStand.lat - d]]] };
    const r = await ok('/api/analysis/pv', { geometry, system: { surface_tilt: 'terrain' } });
    expect(r.site.area_ha).toBeGreaterThan(30);
    expect(r.system.kw_dc).toBeCloseTo(r.site.area_ha * 360, 6);
    expect(r.system.tilt_from).toBe('terrain');
    expect(r.site.area_mu).toBeCloseTo(r.site.area_ha * 15, 9);
    const res = await app.request('/api/analysis/pv?format=csv', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry, system: { surface_tilt: 'terrain' } }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows = text.trim().split('\r\n');
    expect(rows).toHaveLength(8761);
    expect(rows[1]).toMatch(/^2\d{3}-01-01T00:00\+08:00,/);
    const kwh = rows.slice(1).reduce((s, line) => s + Number(line.split(',')[5]), 0) / 1000;
    expect(kwh).toBeCloseTo(r.energy.annual_kwh, -1);
  });

  it('answers what it cannot compute with a problem that says what to fix', async () => {
    const outside = await post('/api/analysis/pv', { location: { lon: 116.4, lat: 39.9 }, system: { kw_dc: 10 } });
    expect(outside.status).toBe(422);
    expect((await outside.json()).detail).toMatch(/DEM|outside/i);
    const none = await post('/api/analysis/pv', { system: { kw_dc: 10 } });
    expect(none.status).toBe(422);
    expect((await none.json()).detail).toMatch(/location|geometry/);
    const { valley } = await sites();
    const noSize = await post('/api/analysis/pv', { location: valley });
    expect(noSize.status).toBe(422);
    expect((await noSize.json()).detail).toMatch(/kw_dc/);
    const badTilt = await post('/api/analysis/pv', { location: valley, system: { kw_dc: 1, surface_tilt: 95 } });
    expect(badTilt.status).toBe(422);
    const station = await post('/api/analysis/pv', { location: valley, weather_station_id: 99999, system: { kw_dc: 1 } });
    expect(station.status).toBe(404);
    expect((await app.request('/api/health')).status).toBe(200);
  });
});

describe('wind yield', () => {
  it('a ridge gets a higher capacity factor than the valley, and the energy adds up', async () => {
    const { ridge, calm } = await windExtremes();
    const v = await ok('/api/analysis/wind', { location: calm });
    const r = await ok('/api/analysis/wind', { location: ridge });
    expect(r.site.wind_100m_m_per_s).toBeGreaterThan(v.site.wind_100m_m_per_s);
    expect(r.energy.capacity_factor_pct).toBeGreaterThan(v.energy.capacity_factor_pct);
    expect(r.wind.air_density_kg_per_m3).toBeLessThan(v.wind.air_density_kg_per_m3);
    for (const x of [v, r]) {
      const lost = x.losses.reduce((s: number, l: { kwh: number }) => s + l.kwh, 0);
      expect(x.energy.gross_kwh - lost).toBeCloseTo(x.energy.net_kwh, 4);
      expect(x.energy.capacity_factor_pct).toBeGreaterThan(2);
      expect(x.energy.capacity_factor_pct).toBeLessThan(50);
      expect(x.wind.weibull_from).toBe('weather');
    }
  });

  it('takes a given Weibull, an own power curve, and refuses an unknown turbine by name', async () => {
    const { valley } = await sites();
    const given = await ok('/api/analysis/wind', { location: valley, weibull: { A: 7, k: 2 }, hub_height_m: 100 });
    expect(given.wind.weibull_A_m_per_s).toBe(7);
    expect(given.weather).toBeNull();
    const own = await ok('/api/analysis/wind', {
      location: valley,
      turbine: { name: 'mine', rated_kw: 2000, rotor_diameter_m: 90, curve_v: [3, 5, 8, 12, 25], curve_p_kw: [0, 300, 1100, 2000, 2000] },
      hub_height_m: 90,
    });
    expect(own.turbine.name).toBe('mine');
    const bad = await post('/api/analysis/wind', { location: valley, turbine: 'no_such_turbine' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail).toMatch(/no_such_turbine/);
  });
});

describe('the same weather through a file and through the API', () => {
  const imported: number[] = [];
  afterAll(async () => {
    if (imported.length) await db.sql`DELETE FROM weather_stations WHERE id = ANY(${imported})`;
  });

  it('the EPW and the TMY3 fixture (same weather) import and give the same yield through the CLI and the API', { timeout: 120_000 }, async () => {
    const results: number[] = [];
    for (const file of ['test/fixtures/weather/hangzhou.epw', 'test/fixtures/weather/hangzhou-tmy3.csv']) {
      const { id: station_id } = await importWeatherFile(db, file);
      imported.push(station_id);
      const api = await ok('/api/analysis/pv', {
        location: { lon: 120.17, lat: 30.23 }, weather_station_id: station_id, horizon: 'none',
        system: { kw_dc: 100, surface_tilt: 25, surface_azimuth: 180 },
      });
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'data-pipeline/cli.ts', 'pv', '--weather', file, '--lat', '30.23', '--lon', '120.17', '--tilt', '25', '--azimuth', '180', '--kw', '100', '--json'], { encoding: 'utf8', timeout: 60_000 });
      expect(cli.status, cli.stderr).toBe(0);
      const printed = JSON.parse(cli.stdout);
      // The store keeps float4: the CLI reads the file's full precision, so allow 1e-6 relative.
      expect(printed.energy.annual_kwh / api.energy.annual_kwh).toBeCloseTo(1, 6);
      printed.energy.monthly_kwh.forEach((m: number, i: number) => expect(m / api.energy.monthly_kwh[i]).toBeCloseTo(1, 5));
      results.push(api.energy.annual_kwh);
    }
    expect(results[0]).toBeCloseTo(results[1], 6);
  });
});
