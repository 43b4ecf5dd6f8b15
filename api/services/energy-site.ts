/**
 * Where a PV or wind plant would stand and what it has to work with: the point (given, or a
 * point inside the parcel), the parcel's ellipsoidal area, the weather station (given or the
 * nearest), and the grid emission factor both answers use.
 */
import type { Sql } from 'postgres';
import type { Finding } from '../../layers/core/findings.ts';
import { finding } from '../../layers/core/findings.ts';
import { ha_to_mu } from '../../layers/core/units.ts';
import { DEFAULT_GRID_EMISSION, GRID_EMISSION_FACTORS } from '../../layers/core/grid-emission.ts';
import type { WeatherSeries } from '../../layers/weather/series.ts';
import { annualGhiKwhPerM2, getWeatherSeries, nearestWeatherStation } from '../store/weather.ts';
import type { PvRequest } from '../schemas/energy.ts';
import { prepareParcel, type ParcelLimits } from './parcel.ts';
import { ProblemError } from './problem.ts';

export interface PlantSite {
  lon: number;
  lat: number;
  /** Parcel area, ha (null for a point). */
  area_ha: number | null;
  area_mu: number | null;
  warnings: Finding[];
}

type Where = Pick<PvRequest, 'location' | 'geometry' | 'weather_station_id' | 'grid_emission' | 'interannual_variability_pct'>;

/** The point and area of a request: `location`, or a point on the surface of the parcel `geometry`. */
export async function plantSite(sql: Sql, req: Where, limits: ParcelLimits): Promise<PlantSite> {
  if ((req.location === undefined) === (req.geometry === undefined)) {
    throw new ProblemError(422, 'Give a location or a geometry', 'Send either "location": {"lon": …, "lat": …} for a point, or "geometry" (a GeoJSON polygon) for a parcel — exactly one of them.', {},
      { title: '请给出位置或地块', detail: '点位请发送 "location": {"lon": …, "lat": …},地块请发送 "geometry"(GeoJSON 面),二者只能给一个。' });
  }
  if (req.location) return { lon: req.location.lon, lat: req.location.lat, area_ha: null, area_mu: null, warnings: [] };
  const parcel = await prepareParcel(sql, req.geometry, limits);
  const [p] = await sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(p) lon, ST_Y(p) lat FROM ST_PointOnSurface(ST_GeomFromGeoJSON(${JSON.stringify(parcel.geometry)})) p`;
  return { lon: p.lon, lat: p.lat, area_ha: parcel.area_ha, area_mu: ha_to_mu(parcel.area_ha), warnings: parcel.warnings };
}

export interface SiteWeather {
  series: WeatherSeries;
  /** What the answers say of the station. */
  summary: { station_id: number; name: string; source: string; format: string; distance_km: number; hours: number; ghi_kwh_per_m2_yr: number };
  warnings: Finding[];
}

/** Weather stations further than this from the site get a warning. */
const FAR_STATION_KM = 50;

/** The station asked for, or the nearest one; 422 when there is none. */
export async function siteWeather(sql: Sql, site: { lon: number; lat: number }, stationId?: number): Promise<SiteWeather> {
  let id: number;
  if (stationId !== undefined) id = stationId;
  else {
    const nearest = await nearestWeatherStation(sql, site.lon, site.lat);
    if (!nearest) {
      throw new ProblemError(422, 'No weather station', 'There is no weather station yet: load the demo county, or import hourly weather with `npm run tantu -- import <file.epw|tmy3.csv|pvgis.json|hourly.csv> --as weather`.', {},
        { title: '没有气象站', detail: '尚无气象站:请加载演示县,或用 `npm run tantu -- import <文件.epw|tmy3.csv|pvgis.json|逐时.csv> --as weather` 导入逐时气象数据。' });
    }
    id = nearest.id;
  }
  const series = await getWeatherSeries(sql, id);
  if (!series) {
    throw new ProblemError(404, 'Unknown weather station', `There is no weather station #${id}; GET /api/weather/stations lists them.`, {},
      { title: '气象站不存在', detail: `没有编号为 ${id} 的气象站;可用的气象站见 GET /api/weather/stations。` });
  }
  const [{ distance_km }] = await sql<{ distance_km: number }[]>`
    SELECT ST_Distance(ST_SetSRID(ST_MakePoint(${series.station.longitude}, ${series.station.latitude}), 4326)::geography,
                       ST_SetSRID(ST_MakePoint(${site.lon}, ${site.lat}), 4326)::geography) / 1000 AS distance_km`;
  const ghi_kwh_per_m2_yr = annualGhiKwhPerM2(series);
  const warnings = distance_km > FAR_STATION_KM
    ? [finding('weather_station_far', `气象站"${series.station.name}"距离本地 ${distance_km.toFixed(0)} 公里,辐照和风况可能与本地不同。`, `The weather station "${series.station.name}" is ${distance_km.toFixed(0)} km away; its sun and wind may differ from this site's.`)]
    : [];
  const { name, source, format } = series.station;
  return { series, summary: { station_id: id, name, source, format, distance_km, hours: series.time_ms.length, ghi_kwh_per_m2_yr }, warnings };
}

/** The grid emission factor asked for: a published one by key (default the latest national), or the caller's own. */
export function gridEmission(factor: Where['grid_emission']): { tCO2_per_MWh: number; year: number; source: string } {
  if (factor === undefined || typeof factor === 'string') {
    const f = GRID_EMISSION_FACTORS[factor ?? DEFAULT_GRID_EMISSION];
    return { tCO2_per_MWh: f.tCO2_per_MWh, year: f.year, source: f.source };
  }
  return { ...factor, source: `user: ${factor.source}` };
}
