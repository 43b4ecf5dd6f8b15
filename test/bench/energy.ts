/**
 * PV and wind yield speed: SPA evaluations per second, one 8,760-hour PV chain (sky + chain, and the
 * chain alone for a new orientation), the optimal-tilt search, a horizon profile from the 30 m DEM
 * (pure, and through the service with a warm raster cache), and POST /api/analysis/pv and /wind at
 * the county centre. Goals from the issue: chain ≤ 20 ms, horizon ≤ 50 ms (ratios printed).
 * `yieldFigures` prints the demo county's specific yield on flat valley land and on a north slope, and
 * the wind capacity factor at the windiest and the calmest cell (the figures of the yield issue's note).
 */
import type { Sql } from 'postgres';
import { getRaster } from '../../api/store/catalog.ts';
import { rasterStore } from '../../api/store/rasters.ts';
import { transformer } from '../../layers/geo/project.ts';
import { pixelCenterToWorld, type Grid } from '../../layers/raster/grid.ts';
import { aspectDegrees, slopeDegrees } from '../../layers/raster/terrain.ts';
import { horizonAt } from '../../api/services/horizon.ts';
import { getWeatherSeries, nearestWeatherStation } from '../../api/store/weather.ts';
import { solarPositionSeries } from '../../layers/solar/solar-position.ts';
import { skyHours } from '../../layers/solar/sky-hours.ts';
import { simulatePv, type PvSystem } from '../../layers/solar/pv-chain.ts';
import { optimalOrientation } from '../../layers/solar/optimal-orientation.ts';
import { median, type BenchResult } from './result.ts';

const SYSTEM: PvSystem = {
  kw_dc: 1000, surface_tilt: 25, surface_azimuth: 180, module_type: 'standard', mounting: 'open_rack',
  losses_pct: 14.08, dc_ac_ratio: 1.2, eta_inv_nom: 0.96, albedo: 0.25, bifacial_gain_pct: 0,
};

function timeMs(f: () => void, runs: number): number {
  f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function timeAsyncMs(f: () => Promise<unknown>, runs: number): Promise<number> {
  await f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function benchEnergy(ctx: { app: { request(path: string, init?: RequestInit): Response | Promise<Response> }; sql: Sql; lon: number; lat: number }): Promise<BenchResult[]> {
  const { sql, lon, lat } = ctx;
  const station = await nearestWeatherStation(sql, lon, lat);
  if (!station) return [{ name: 'PV/wind yield', value: NaN, unit: '', note: 'no weather station' }];
  const weather = (await getWeatherSeries(sql, station.id))!;
  const mid = weather.time_ms.map((t) => t + 1_800_000);
  const spaMs = timeMs(() => solarPositionSeries(mid, lat, lon, { elevation_m: 200 }), 10);
  const terrain = await horizonAt(sql, lon, lat);
  const site = { latitude: lat, longitude: lon, elevation_m: terrain.elevation_m, horizon: terrain.profile };
  const skyMs = timeMs(() => skyHours(weather, site), 10);
  const sky = skyHours(weather, site);
  const chainMs = timeMs(() => simulatePv(sky, SYSTEM), 20);
  const optimalMs = timeMs(() => optimalOrientation(sky, 180, 0.25), 3);
  const horizonMs = await timeAsyncMs(() => horizonAt(sql, lon + 0.01, lat + 0.01), 10);
  const post = (path: string, body: unknown) => async () => {
    const res = await ctx.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    await res.json();
  };
  const pvApiMs = await timeAsyncMs(post('/api/analysis/pv', { location: { lon, lat }, system: { kw_dc: 1000 } }), 5);
  const windApiMs = await timeAsyncMs(post('/api/analysis/wind', { location: { lon, lat } }), 5);
  return [
    { name: 'SPA evaluations per second (8,760-hour series)', value: weather.time_ms.length / (spaMs / 1000), unit: '/s', note: `${spaMs.toFixed(1)} ms per year` },
    { name: 'PV chain, one 8,760-hour year (sky + chain)', value: skyMs + chainMs, unit: 'ms', note: `goal ≤ 20 ms: ratio ${((skyMs + chainMs) / 20).toFixed(2)}; sky ${skyMs.toFixed(1)} ms (SPA, decomposition, horizon) + chain ${chainMs.toFixed(1)} ms` },
    { name: 'PV chain for another orientation (sky reused)', value: chainMs, unit: 'ms' },
    { name: 'optimal tilt search (golden section)', value: optimalMs, unit: 'ms' },
    { name: 'horizon profile from the 30 m DEM (service, warm cache)', value: horizonMs, unit: 'ms', note: `goal ≤ 50 ms: ratio ${(horizonMs / 50).toFixed(2)}` },
    { name: 'POST /api/analysis/pv (point, optimal tilt, DEM horizon)', value: pvApiMs, unit: 'ms' },
    { name: 'POST /api/analysis/wind (point)', value: windApiMs, unit: 'ms' },
  ];
}

type App = Parameters<typeof benchEnergy>[0]['app'];

async function raster(sql: Sql, id: string) {
  const r = (await getRaster(sql, id))!;
  const grid: Grid = { width: r.width, height: r.height, geotransform: r.geotransform as unknown as Grid['geotransform'], crs: r.crs };
  const { data } = await rasterStore.readWindow(r, 0, 0, r.width, r.height);
  const at = (i: number) => {
    const [lon, lat] = transformer(r.crs, 'EPSG:4326').point(...pixelCenterToWorld(grid, i % r.width, Math.floor(i / r.width)));
    return { lon, lat };
  };
  return { r, data, at };
}

export async function yieldFigures(app: App, sql: Sql): Promise<BenchResult[]> {
  const post = async (path: string, body: unknown) => (await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<any>;
  const dem = await raster(sql, 'dem');
  const o = { width: dem.r.width, height: dem.r.height, cellSizeX: Math.abs(dem.r.geotransform[1]), cellSizeY: Math.abs(dem.r.geotransform[5]), nodata: dem.r.nodata };
  const slope = slopeDegrees(dem.data, o);
  const aspect = aspectDegrees(dem.data, o);
  let flat = -1, north = -1;
  for (let i = 0; i < dem.data.length && (flat < 0 || north < 0); i++) {
    if (dem.data[i] === dem.r.nodata) continue;
    if (flat < 0 && slope[i] < 1 && dem.data[i] < 60) flat = i;
    if (north < 0 && slope[i] > 25 && slope[i] < 30 && (aspect[i] > 345 || aspect[i] < 15)) north = i;
  }
  const out: BenchResult[] = [];
  for (const [name, i] of [['flat valley land', flat], ['a north slope', north]] as const) {
    const location = dem.at(i);
    const opt = await post('/api/analysis/pv', { location, system: { kw_dc: 1000 } });
    const laid = await post('/api/analysis/pv', { location, system: { kw_dc: 1000, surface_tilt: 'terrain' } });
    out.push({ name: `PV specific yield on ${name}, south at optimal tilt`, value: opt.energy.specific_yield_kwh_per_kwp, unit: 'kWh/kWp', note: `tilt ${opt.system.surface_tilt}°, ${dem.data[i].toFixed(0)} m, slope ${slope[i].toFixed(1)}°, aspect ${aspect[i].toFixed(0)}°, horizon loss ${opt.losses[0].pct_of_nominal.toFixed(1)} %` });
    out.push({ name: `PV specific yield on ${name}, modules laid on the ground`, value: laid.energy.specific_yield_kwh_per_kwp, unit: 'kWh/kWp', note: `tilt ${laid.system.surface_tilt}°, azimuth ${laid.system.surface_azimuth}°` });
  }
  const wind = await raster(sql, 'wind100');
  let hi = -1, lo = -1;
  for (let i = 0; i < wind.data.length; i++) {
    if (wind.data[i] === wind.r.nodata) continue;
    if (hi < 0 || wind.data[i] > wind.data[hi]) hi = i;
    if (lo < 0 || wind.data[i] < wind.data[lo]) lo = i;
  }
  for (const [name, i] of [['a ridge (windiest cell)', hi], ['the valley (calmest cell)', lo]] as const) {
    const r = await post('/api/analysis/wind', { location: wind.at(i) });
    out.push({ name: `wind net capacity factor at ${name}`, value: r.energy.capacity_factor_pct, unit: '%', note: `${r.turbine.name}, ${r.site.wind_100m_m_per_s.toFixed(2)} m/s at 100 m, ρ ${r.wind.air_density_kg_per_m3.toFixed(3)}, Weibull k ${r.wind.weibull_k.toFixed(2)}` });
  }
  return out;
}
