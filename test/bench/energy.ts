/**
 * PV and wind yield speed: SPA evaluations per second, one 8,760-hour PV chain (sky + chain, and the
 * chain alone for a new orientation), the optimal-tilt search, a horizon profile from the 30 m DEM
 * (pure, and through the service with a warm raster cache), and POST /api/analysis/pv and /wind at
 * the county centre. Goals from the issue: chain ≤ 20 ms, horizon ≤ 50 ms (ratios printed).
 */
import type { Sql } from 'postgres';
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
