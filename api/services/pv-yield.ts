/**
 * PV yield of a point or a parcel (POST /api/analysis/pv): the site, its weather station and the
 * terrain horizon from the stores, then the pure answer of layers/solar/pv-yield.ts.
 */
import type { Sql } from 'postgres';
import { pvHourlyCsv, type PvYield } from '../../layers/solar/pv-yield.ts';
import type { PvAnalysis, PvRequest } from '../schemas/energy.ts';
import { VERSION } from '../version.ts';
import { gridEmission, plantSite, siteWeather } from './energy-site.ts';
import { horizonAt } from './horizon.ts';
import type { ParcelLimits } from './parcel.ts';
import { runInWorker } from './worker-pool.ts';

/** The 8,760-hour PV chain (layers/solar/pv-yield.ts), run in the worker pool: 0.1–0.3 s of CPU per answer. */
export const PV_MODEL = new URL('../../layers/solar/pv-yield.ts', import.meta.url);

export async function analysePv(sql: Sql, req: PvRequest, limits: ParcelLimits, opts: { hourly?: boolean } = {}): Promise<{ analysis: PvAnalysis; hourly_csv?: string }> {
  const site = await plantSite(sql, req, limits);
  const weather = await siteWeather(sql, site, req.weather_station_id);
  const s = req.system ?? {};
  const withHorizon = (req.horizon ?? 'dem') === 'dem';
  const terrain = withHorizon || s.surface_tilt === 'terrain' ? await horizonAt(sql, site.lon, site.lat) : null;
  const y = await runInWorker<PvYield>(PV_MODEL, 'pvYield', [weather.series, {
    lon: site.lon, lat: site.lat,
    elevation_m: terrain?.elevation_m ?? weather.series.station.elevation_m,
    area_ha: site.area_ha,
    slope_deg: terrain?.slope_deg ?? null,
    aspect_deg: terrain?.aspect_deg ?? null,
    horizon: withHorizon && terrain ? terrain.profile : null,
  }, s, { hourly: opts.hourly, interannual_variability_pct: req.interannual_variability_pct, grid_emission: gridEmission(req.grid_emission) }]);
  const station = weather.series.station;
  const analysis: PvAnalysis = {
    site: {
      lon: site.lon, lat: site.lat, elevation_m: terrain?.elevation_m ?? station.elevation_m,
      area_ha: site.area_ha, area_mu: site.area_mu, slope_deg: terrain?.slope_deg ?? null, aspect_deg: terrain?.aspect_deg ?? null,
    },
    system: y.system,
    weather: { ...weather.summary, decomposition: y.decomposition },
    horizon: withHorizon && terrain
      ? { source: 'dem', azimuth_deg: [...terrain.profile.azimuth_deg], elevation_deg: [...terrain.profile.elevation_deg], sky_view_factor: y.sky_view_factor, max_distance_m: terrain.max_distance_m }
      : null,
    energy: y.energy,
    exceedance: y.exceedance,
    losses: y.losses,
    avoided: y.avoided,
    parameters: y.parameters,
    warnings: [...site.warnings, ...weather.warnings, ...y.warnings],
    model: y.model,
    tantu_version: VERSION,
  };
  return { analysis, ...(opts.hourly ? { hourly_csv: pvHourlyCsv(y) } : {}) };
}
