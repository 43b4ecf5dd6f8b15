/**
 * `npm run tantu -- pv …` and `npm run tantu -- wind …`: the yield of one site from a weather file
 * (no database) or a stored weather station, with the same pure models and the same numbers as
 * POST /api/analysis/pv and /api/analysis/wind (layers/solar/pv-yield.ts, layers/wind/wind-yield.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Sql } from 'postgres';
import { DEFAULT_GRID_EMISSION, GRID_EMISSION_FACTORS } from '../../layers/core/grid-emission.ts';
import type { HorizonProfile } from '../../layers/solar/horizon.ts';
import { pvHourlyCsv, pvYield, type PvOptions } from '../../layers/solar/pv-yield.ts';
import { roughnessLength } from '../../layers/wind/roughness.ts';
import { windSpeedHellman } from '../../layers/wind/wind-speed.ts';
import { TURBINES, turbineById } from '../../layers/wind/turbines.ts';
import { windYield } from '../../layers/wind/wind-yield.ts';
import type { WeatherSeries } from '../../layers/weather/series.ts';
import { getWeatherSeries } from '../../api/store/weather.ts';
import { parseWeather } from '../import/weather/index.ts';

export const PV_USAGE = `npm run tantu -- pv --weather <file|station-id> [--lat <deg> --lon <deg>] [--tilt <deg>|optimal] [--azimuth <deg>|optimal]
        [--kw <kW_dc>] [--losses <pct>] [--dc-ac <ratio>] [--module standard|premium|thin_film] [--mounting open_rack|close_mount|roof]
        [--horizon dem|none] [--hourly <out.csv>] [--json]
        PV yield (PVWatts v5 chain). A weather file (EPW, TMY3, PVGIS, hourly CSV) needs no database; the horizon from
        the DEM (default for a station id, off for a file) does.`;
export const WIND_USAGE = `npm run tantu -- wind --weather <file|station-id> [--wind100 <m/s>] [--turbine <id>] [--hub <m>]
        [--turbines <n>] [--roughness <m>|--landcover <code>] [--elevation <m>] [--json]
        Wind yield (windpowerlib chain): the weather's hourly shape, scaled to the mean 100 m wind when given (else the
        weather's own mean, brought to 100 m by the power law). Turbines: ${Object.keys(TURBINES).join(', ')}`;

export interface EnergyDeps {
  /** Open the database (only when a station id or the DEM horizon is asked for). */
  openDb(): Promise<{ sql: Sql; close(): Promise<void> }>;
  /** The terrain horizon, slope and aspect at a point from the DEM (the API's service). */
  horizonAt(sql: Sql, lon: number, lat: number): Promise<{ profile: HorizonProfile; elevation_m: number; slope_deg: number; aspect_deg: number | null }>;
}

class UsageError extends Error {}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return v;
}

function numberFlag(args: string[], name: string): number | undefined {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`${name} takes a number (got "${v}")`);
  return n;
}

function enumFlag<T extends string>(args: string[], name: string, allowed: readonly T[]): T | undefined {
  const v = flag(args, name);
  if (v !== undefined && !allowed.includes(v as T)) throw new UsageError(`${name} takes one of ${allowed.join(', ')} (got "${v}")`);
  return v as T | undefined;
}

/** The weather series of `--weather`: a station id from the database, or a file. */
async function weatherOf(args: string[], db: () => Promise<Sql>): Promise<WeatherSeries> {
  const w = flag(args, '--weather');
  if (!w) throw new UsageError('--weather <file|station-id> is required');
  if (/^\d+$/.test(w)) {
    const series = await getWeatherSeries(await db(), Number(w));
    if (!series) throw new UsageError(`there is no weather station #${w}`);
    return series;
  }
  return parseWeather(w, await readFile(w, 'utf8'));
}

/** Run `f` with a lazily opened database, closed afterwards. */
async function withLazyDb<T>(deps: EnergyDeps, f: (db: () => Promise<Sql>) => Promise<T>): Promise<T> {
  let opened: { sql: Sql; close(): Promise<void> } | undefined;
  try {
    return await f(async () => (opened ??= await deps.openDb()).sql);
  } finally {
    await opened?.close();
  }
}

function print(lines: (string | false)[]): void {
  for (const l of lines) if (l !== false) console.log(l);
}

const n0 = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const n1 = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export async function pvCommand(args: string[], deps: EnergyDeps): Promise<void> {
  await withLazyDb(deps, async (db) => {
    const weather = await weatherOf(args, db);
    const lat = numberFlag(args, '--lat') ?? weather.station.latitude;
    const lon = numberFlag(args, '--lon') ?? weather.station.longitude;
    const fromStation = /^\d+$/.test(flag(args, '--weather')!);
    const horizonMode = enumFlag(args, '--horizon', ['dem', 'none'] as const) ?? (fromStation ? 'dem' : 'none');
    const terrain = horizonMode === 'dem' ? await deps.horizonAt(await db(), lon, lat) : null;
    const tilt = flag(args, '--tilt');
    const azimuth = flag(args, '--azimuth');
    const options: PvOptions = {
      kw_dc: numberFlag(args, '--kw') ?? 1,
      surface_tilt: tilt === undefined || tilt === 'optimal' ? 'optimal' : numberFlag(args, '--tilt'),
      surface_azimuth: azimuth === 'optimal' ? 'optimal' : numberFlag(args, '--azimuth') ?? 180,
      losses_pct: numberFlag(args, '--losses'),
      dc_ac_ratio: numberFlag(args, '--dc-ac'),
      module_type: enumFlag(args, '--module', ['standard', 'premium', 'thin_film'] as const),
      mounting: enumFlag(args, '--mounting', ['open_rack', 'close_mount', 'roof'] as const),
    };
    const hourlyPath = flag(args, '--hourly');
    const f = GRID_EMISSION_FACTORS[DEFAULT_GRID_EMISSION];
    const y = pvYield(weather, {
      lon, lat, elevation_m: terrain?.elevation_m ?? weather.station.elevation_m, area_ha: null,
      slope_deg: terrain?.slope_deg ?? null, aspect_deg: terrain?.aspect_deg ?? null, horizon: terrain?.profile ?? null,
    }, options, { hourly: hourlyPath !== undefined, grid_emission: { tCO2_per_MWh: f.tCO2_per_MWh, year: f.year, source: f.source } });
    if (hourlyPath) await writeFile(hourlyPath, pvHourlyCsv(y));
    const { hourly: _hourly, ...summary } = y;
    if (args.includes('--json')) {
      console.log(JSON.stringify({ weather: weather.station, horizon: horizonMode, ...summary }, null, 2));
      return;
    }
    const e = y.energy;
    print([
      `PV yield 光伏发电量 — ${weather.station.name} (${weather.station.format}, ${weather.time_ms.length} h) at ${lat.toFixed(4)}°N ${lon.toFixed(4)}°E, horizon ${horizonMode}`,
      `  system   ${y.system.kw_dc} kW_dc / ${n1(y.system.kw_ac)} kW_ac, tilt ${y.system.surface_tilt}° (${y.system.tilt_from}), azimuth ${y.system.surface_azimuth}° (${y.system.azimuth_from}), ${y.system.module_type}, ${y.system.mounting}, losses ${n1(y.system.losses_pct)} %`,
      `  annual   ${n0(e.annual_kwh)} kWh · ${n1(e.specific_yield_kwh_per_kwp)} kWh/kWp · CF ${e.capacity_factor_pct.toFixed(2)} % · PR ${e.performance_ratio.toFixed(3)}`,
      `  P50/P75/P90  ${n0(y.exceedance.p50_kwh)} / ${n0(y.exceedance.p75_kwh)} / ${n0(y.exceedance.p90_kwh)} kWh (σ ${y.exceedance.interannual_variability_pct} %)`,
      `  irradiation  GHI ${n1(e.ghi_kwh_per_m2_yr)} · POA ${n1(e.poa_kwh_per_m2_yr)} kWh/m²/yr (${y.decomposition})`,
      `  monthly  ${e.monthly_kwh.map(n0).join(' ')} kWh`,
      `  losses   nominal ${n0(e.nominal_kwh)} kWh → ${y.losses.map((l) => `${l.stage} ${l.pct_of_nominal.toFixed(2)} %`).join(', ')}`,
      `  avoided  ${n1(y.avoided.tCO2_per_yr)} t CO2/yr at ${y.avoided.tCO2_per_MWh} t/MWh (${y.avoided.year})`,
      ...y.warnings.map((w) => `  note     ${w.en}`),
      hourlyPath !== undefined && `  hourly series written to ${hourlyPath}`,
    ]);
  });
}

export async function windCommand(args: string[], deps: EnergyDeps): Promise<void> {
  await withLazyDb(deps, async (db) => {
    const weather = await weatherOf(args, db);
    const id = flag(args, '--turbine') ?? 'generic_3200';
    const turbine = turbineById(id);
    if (!turbine) throw new UsageError(`unknown turbine "${id}"; known: ${Object.keys(TURBINES).join(', ')}`);
    const landcover = numberFlag(args, '--landcover');
    const roughness = numberFlag(args, '--roughness') ?? roughnessLength(landcover ?? 0);
    const given100 = numberFlag(args, '--wind100');
    const ws = weather.wind_speed_m_per_s;
    const wind100 = given100 ?? windSpeedHellman(ws.reduce((a, b) => a + b, 0) / ws.length, weather.wind_height_m, 100, { roughness_length_m: roughness });
    const f = GRID_EMISSION_FACTORS[DEFAULT_GRID_EMISSION];
    const y = windYield(
      { wind_100m_m_per_s: wind100, elevation_m: numberFlag(args, '--elevation') ?? weather.station.elevation_m, roughness_length_m: roughness, area_ha: null },
      { turbine, hub_height_m: numberFlag(args, '--hub'), turbines: numberFlag(args, '--turbines'), grid_emission: { tCO2_per_MWh: f.tCO2_per_MWh, year: f.year, source: f.source } },
      { wind_speed_m_per_s: weather.wind_speed_m_per_s, temp_air_c: weather.temp_air_c },
    );
    if (args.includes('--json')) {
      console.log(JSON.stringify({ weather: weather.station, ...y }, null, 2));
      return;
    }
    const e = y.energy;
    print([
      `Wind yield 风电发电量 — ${y.turbine.name} × ${e.turbines}, hub ${y.turbine.hub_height_m} m, weather ${weather.station.name}`,
      `  100 m    ${wind100.toFixed(2)} m/s (${given100 === undefined ? `the weather's mean at ${weather.wind_height_m} m by the power law, z0 ${roughness} m` : 'given'})`,
      `  wind     ${y.wind.hub_speed_m_per_s.toFixed(2)} m/s at hub (α ${y.wind.shear_exponent.toFixed(3)}), ρ ${y.wind.air_density_kg_per_m3.toFixed(3)} kg/m³, Weibull A ${y.wind.weibull_A_m_per_s.toFixed(2)} k ${y.wind.weibull_k.toFixed(2)} (${y.wind.weibull_from}), ${n0(y.wind.power_density_w_per_m2)} W/m²`,
      `  energy   gross ${n0(e.gross_kwh)} kWh, net ${n0(e.net_kwh)} kWh, CF ${e.capacity_factor_pct.toFixed(2)} %, ${n0(e.full_load_hours)} full-load h (${e.hours_per_year} h/yr)`,
      `  P50/P75/P90  ${n0(y.exceedance.p50_kwh)} / ${n0(y.exceedance.p75_kwh)} / ${n0(y.exceedance.p90_kwh)} kWh`,
      `  losses   ${y.losses.map((l) => `${l.stage} ${l.pct} %`).join(', ')}`,
      `  avoided  ${n0(y.avoided.tCO2_per_yr)} t CO2/yr`,
      ...y.warnings.map((w) => `  note     ${w.en}`),
    ]);
  });
}
