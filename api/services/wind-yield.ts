/**
 * Wind yield of a point or a parcel (POST /api/analysis/wind): the 100 m wind, land cover and
 * elevation under the site from the rasters, the nearest weather station's hourly series when
 * there is one, then the pure answer of layers/wind/wind-yield.ts.
 */
import type { Sql } from 'postgres';
import { windYield } from '../../layers/wind/wind-yield.ts';
import { roughnessLength } from '../../layers/wind/roughness.ts';
import { TURBINES, turbineById, userTurbine, type Turbine } from '../../layers/wind/turbines.ts';
import type { WindAnalysis, WindRequest } from '../schemas/energy.ts';
import { VERSION } from '../version.ts';
import { gridEmission, plantSite, siteWeather, type SiteWeather } from './energy-site.ts';
import type { ParcelLimits } from './parcel.ts';
import { ProblemError } from './problem.ts';
import { rasterValueAt } from './raster-point.ts';

const DEFAULT_TURBINE = 'generic_3200';

function turbineOf(t: WindRequest['turbine']): Turbine {
  if (t === undefined || typeof t === 'string') {
    const id = t ?? DEFAULT_TURBINE;
    const found = turbineById(id);
    if (!found) {
      throw new ProblemError(422, 'Unknown turbine', `There is no turbine "${id}"; GET /api/wind/turbines lists them (${Object.keys(TURBINES).join(', ')}), or send your own power curve.`, {},
        { title: '未知风机机型', detail: `没有机型"${id}";可选机型见 GET /api/wind/turbines(${Object.keys(TURBINES).join('、')}),也可提交自己的功率曲线。` });
    }
    return found;
  }
  return userTurbine(t);
}

export function turbineList() {
  return Object.values(TURBINES).map((t) => ({
    id: t.id, name: t.name, rated_kw: t.rated_kw, rotor_diameter_m: t.rotor_diameter_m, hub_heights_m: [...t.hub_heights_m],
    curve_v: [...t.curve_v], curve_p_kw: [...t.curve_p_kw], source: t.source, unverified: t.unverified,
  }));
}

export async function analyseWind(sql: Sql, req: WindRequest, limits: ParcelLimits): Promise<WindAnalysis> {
  const site = await plantSite(sql, req, limits);
  const wind100 = await rasterValueAt(sql, 'wind100', site.lon, site.lat, { bilinear: true });
  if (wind100 === null) {
    throw new ProblemError(422, 'No wind data here', `There is no 100 m wind speed at ${site.lon.toFixed(5)}, ${site.lat.toFixed(5)}: the point is outside the wind raster. Choose a site inside the region, or import a wind raster with \`npm run tantu -- import <file.tif> --as raster:wind100\`.`, {},
      { title: '此处没有风资源数据', detail: `${site.lon.toFixed(5)}, ${site.lat.toFixed(5)} 处没有 100 米风速:该点在风资源栅格之外。请选择区域内的站址,或用 \`npm run tantu -- import <文件.tif> --as raster:wind100\` 导入风速栅格。` });
  }
  const elevation = await rasterValueAt(sql, 'dem', site.lon, site.lat, { bilinear: true });
  const lucode = await rasterValueAt(sql, 'landcover', site.lon, site.lat);
  let weather: SiteWeather | null = null;
  if (!req.weibull) {
    weather = await siteWeather(sql, site, req.weather_station_id).catch((e) => {
      if (e instanceof ProblemError && e.status === 422 && req.weather_station_id === undefined) return null;
      throw e;
    });
  }
  const roughness_length_m = roughnessLength(lucode ?? 0);
  const y = windYield(
    { wind_100m_m_per_s: wind100, elevation_m: elevation ?? weather?.series.station.elevation_m ?? 0, roughness_length_m, area_ha: site.area_ha },
    {
      turbine: turbineOf(req.turbine), hub_height_m: req.hub_height_m, turbines: req.turbines, layout_density_mw_per_km2: req.layout_density_mw_per_km2,
      weibull: req.weibull, losses: req.losses, interannual_variability_pct: req.interannual_variability_pct, grid_emission: gridEmission(req.grid_emission),
    },
    weather ? { wind_speed_m_per_s: weather.series.wind_speed_m_per_s, temp_air_c: weather.series.temp_air_c } : null,
  );
  return {
    site: {
      lon: site.lon, lat: site.lat, elevation_m: elevation ?? 0, area_ha: site.area_ha, area_mu: site.area_mu, slope_deg: null, aspect_deg: null,
      landcover_code: lucode, roughness_length_m, wind_100m_m_per_s: wind100,
    },
    turbine: y.turbine,
    weather: weather?.summary ?? null,
    wind: y.wind,
    energy: y.energy,
    exceedance: y.exceedance,
    losses: y.losses,
    avoided: y.avoided,
    parameters: y.parameters,
    warnings: [...site.warnings, ...(weather?.warnings ?? []), ...y.warnings],
    model: y.model,
    tantu_version: VERSION,
  };
}
