/**
 * A planner's PV yield question answered from a weather series and a site: resolve the system
 * (size from a parcel's area and a capacity density, orientation given, optimal or the ground's
 * own slope), run the hourly chain (pv-chain.ts), and state the energy, the loss waterfall,
 * P50/P75/P90, the avoided CO2 and every parameter used with its source. The API service and the
 * `tantu pv` command both call this, so they print the same numbers.
 */
import { finding, type Finding } from '../core/findings.ts';
import { avoidedCO2, type GridEmissionFactor } from '../core/grid-emission.ts';
import type { WeatherSeries } from '../weather/series.ts';
import { pvwattsLosses, PVWATTS_MODULE_TYPES } from './pvwatts.ts';
import { simulatePv, type LossStage, type ModuleType, type PvResult, type PvSystem } from './pv-chain.ts';
import { PV_SYSTEM_DEFAULTS, type Mounting } from './pv-params.ts';
import { optimalOrientation } from './optimal-orientation.ts';
import { skyHours } from './sky-hours.ts';
import type { HorizonProfile } from './horizon.ts';
import { terrainPlane } from './terrain-plane.ts';
import { ModelInputError } from '../core/errors.ts';
import { exceedance } from '../core/exceedance.ts';

export interface PvOptions {
  kw_dc?: number;
  capacity_density_mw_dc_per_km2?: number;
  surface_tilt?: number | 'optimal' | 'terrain';
  surface_azimuth?: number | 'optimal';
  module_type?: ModuleType;
  mounting?: Mounting;
  losses_pct?: number;
  dc_ac_ratio?: number;
  bifacial_gain_pct?: number;
  albedo?: number;
}

export interface PvSite {
  lon: number;
  lat: number;
  elevation_m: number;
  /** Parcel area, ha; null for a point. */
  area_ha: number | null;
  /** Ground slope and aspect (degrees; aspect from north, clockwise), when the DEM was read. */
  slope_deg: number | null;
  aspect_deg: number | null;
  horizon: HorizonProfile | null;
}

const LOSS_NAMES: Record<LossStage, [string, string]> = {
  horizon: ['地形遮挡', 'Terrain horizon'],
  iam: ['入射角(玻璃反射)', 'Incidence angle (cover reflection)'],
  bifacial: ['双面组件背面增益', 'Bifacial rear-side gain'],
  temperature: ['组件温度', 'Module temperature'],
  system: ['系统损失(污渍、遮挡、失配、线损等)', 'System losses (soiling, shading, mismatch, wiring …)'],
  inverter: ['逆变器效率', 'Inverter efficiency'],
  clipping: ['逆变器限幅', 'Inverter clipping'],
};

export const PV_MODEL = 'PVWatts v5 chain: NREL SPA, Perez 1990, physical IAM, SAPM cell temperature, PVWatts DC and inverter';

class PvRequestError extends ModelInputError {}

type From = 'given' | 'optimal' | 'terrain';

function orientation(sky: ReturnType<typeof skyHours>, site: PvSite, o: PvOptions, albedo: number, warnings: Finding[]) {
  const maxTilt = PV_SYSTEM_DEFAULTS.max_tilt_deg.value;
  const round1 = (x: number) => Math.round(x * 10) / 10;
  if (o.surface_tilt === 'terrain') {
    if (site.slope_deg === null) {
      throw new PvRequestError({ code: 'terrain_unknown', title: 'Terrain unknown', detail: 'surface_tilt "terrain" needs the DEM under the site; give a tilt or load a DEM.',
        zh: { title: '地形未知', detail: 'surface_tilt 为 "terrain" 时需要站址处的 DEM；请给出倾角或导入 DEM。' } });
    }
    // Flat ground has no aspect: modules lie flat.
    const plane = site.aspect_deg === null ? { surface_tilt: 0, surface_azimuth: 180 } : terrainPlane(site.slope_deg, site.aspect_deg);
    if (site.aspect_deg !== null && site.slope_deg >= 2 && (site.aspect_deg > 270 || site.aspect_deg < 90)) {
      warnings.push(finding('north_facing_slope', `地面朝北(坡度 ${site.slope_deg.toFixed(0)}°,坡向 ${site.aspect_deg.toFixed(0)}°),顺坡铺设的组件发电量偏低。`, `The ground faces north (slope ${site.slope_deg.toFixed(0)}°, aspect ${site.aspect_deg.toFixed(0)}°): modules laid on the slope yield less.`));
    }
    return { tilt: round1(plane.surface_tilt), azimuth: round1(plane.surface_azimuth), tilt_from: 'terrain' as From, azimuth_from: 'terrain' as From };
  }
  const azimuthFrom: From = o.surface_azimuth === 'optimal' ? 'optimal' : 'given';
  if (o.surface_tilt === undefined || o.surface_tilt === 'optimal') {
    const best = optimalOrientation(sky, o.surface_azimuth ?? 180, albedo, maxTilt);
    return { tilt: round1(best.surface_tilt), azimuth: round1(best.surface_azimuth), tilt_from: 'optimal' as From, azimuth_from: azimuthFrom };
  }
  const azimuth = o.surface_azimuth === 'optimal'
    ? round1(optimalOrientation(sky, 'optimal', albedo, maxTilt, o.surface_tilt).surface_azimuth)
    : o.surface_azimuth ?? 180;
  return { tilt: o.surface_tilt, azimuth, tilt_from: 'given' as From, azimuth_from: azimuthFrom };
}

export interface PvYieldOptions {
  hourly?: boolean;
  interannual_variability_pct?: number;
  grid_emission: Pick<GridEmissionFactor, 'tCO2_per_MWh' | 'year' | 'source'>;
}

/** The yield of a PV plant at `site` under `weather`, with everything a reader needs to check it. */
export function pvYield(weather: WeatherSeries, site: PvSite, o: PvOptions, opts: PvYieldOptions) {
  const sky = skyHours(weather, { latitude: site.lat, longitude: site.lon, elevation_m: site.elevation_m, horizon: site.horizon });
  const albedo = o.albedo ?? PV_SYSTEM_DEFAULTS.albedo.value;
  const warnings: Finding[] = [];
  const { tilt, azimuth, tilt_from, azimuth_from } = orientation(sky, site, o, albedo, warnings);
  const density = o.capacity_density_mw_dc_per_km2 ?? PV_SYSTEM_DEFAULTS.capacity_density_mw_dc_per_km2.value;
  // ha × MW/km² = ha/100 km² × 1000 kW/MW.
  const kw_dc = o.kw_dc ?? (site.area_ha !== null ? site.area_ha * density * 10 : undefined);
  if (kw_dc === undefined) {
    throw new PvRequestError({ code: 'pv_size_missing', title: 'System size missing', detail: 'For a point, give the system size kw_dc; for a parcel it follows from the area and the capacity density.',
      zh: { title: '缺少装机容量', detail: '对单点请给出装机容量 kw_dc；对地块则由面积和容量密度推算。' } });
  }
  const system: PvSystem = {
    kw_dc,
    surface_tilt: tilt,
    surface_azimuth: azimuth,
    module_type: o.module_type ?? 'standard',
    mounting: o.mounting ?? 'open_rack',
    losses_pct: o.losses_pct ?? pvwattsLosses(),
    dc_ac_ratio: o.dc_ac_ratio ?? PV_SYSTEM_DEFAULTS.dc_ac_ratio.value,
    eta_inv_nom: PV_SYSTEM_DEFAULTS.eta_inv_nom.value,
    albedo,
    bifacial_gain_pct: o.bifacial_gain_pct ?? 0,
  };
  const result: PvResult = simulatePv(sky, system, { hourly: opts.hourly });
  if (sky.decomposition === 'erbs') {
    warnings.push(finding('dni_from_erbs', '气象数据只有水平总辐射:直射和散射按 Erbs 模型分解,不确定性较大。', 'The weather has global horizontal irradiance only: beam and diffuse were split with the Erbs model, which adds uncertainty.'));
  }
  warnings.push(finding('pvwatts_accuracy', 'PVWatts 方法对典型年的年发电量精度约 ±10%,月发电量约 ±30%。', 'PVWatts estimates a typical year’s annual energy to about ±10 % and monthly energy to about ±30 %.'));
  const variability = opts.interannual_variability_pct ?? PV_SYSTEM_DEFAULTS.interannual_variability_pct.value;
  const { hourly, losses, ...energy } = result;
  return {
    system: {
      kw_dc, kw_ac: kw_dc / system.dc_ac_ratio, surface_tilt: tilt, surface_azimuth: azimuth, tilt_from, azimuth_from,
      module_type: system.module_type, gamma_pdc_per_c: PVWATTS_MODULE_TYPES[system.module_type].gamma_pdc,
      mounting: system.mounting, losses_pct: system.losses_pct, dc_ac_ratio: system.dc_ac_ratio,
      eta_inv_nom: system.eta_inv_nom, albedo, bifacial_gain_pct: system.bifacial_gain_pct,
    },
    decomposition: sky.decomposition,
    sky_view_factor: sky.sky_view_factor,
    energy,
    exceedance: exceedance(result.annual_kwh, variability),
    losses: losses.map((l) => ({ ...l, zh: LOSS_NAMES[l.stage][0], en: LOSS_NAMES[l.stage][1] })),
    avoided: { tCO2_per_yr: avoidedCO2(result.annual_kwh, opts.grid_emission.tCO2_per_MWh), ...opts.grid_emission },
    parameters: Object.entries(PV_SYSTEM_DEFAULTS).map(([key, p]) => ({ key, value: p.value, unit: p.unit, source: p.source, unverified: p.unverified })),
    warnings,
    model: PV_MODEL,
    hourly: hourly ? { time_ms: sky.time_ms, utc_offset_h: weather.station.utc_offset_h, ...hourly } : undefined,
  };
}

export type PvYield = ReturnType<typeof pvYield>;

/** The hourly series of a yield as CSV (UTF-8 with BOM so Excel reads it), in local standard time. */
export function pvHourlyCsv(y: PvYield): string {
  const h = y.hourly;
  if (!h) throw new Error('pvHourlyCsv needs a yield computed with { hourly: true }');
  const lines = ['\uFEFFtime_local,poa_global_w_per_m2,poa_effective_w_per_m2,temp_cell_c,p_dc_w,p_ac_w'];
  const off = h.utc_offset_h;
  const zone = `${off >= 0 ? '+' : '-'}${String(Math.floor(Math.abs(off))).padStart(2, '0')}:${String(Math.round((Math.abs(off) % 1) * 60)).padStart(2, '0')}`;
  for (let i = 0; i < h.time_ms.length; i++) {
    const t = new Date(h.time_ms[i] + off * 3_600_000).toISOString().slice(0, 16);
    lines.push(`${t}${zone},${h.poa_global[i].toFixed(1)},${h.poa_effective[i].toFixed(1)},${h.temp_cell_c[i].toFixed(2)},${h.p_dc_w[i].toFixed(1)},${h.p_ac_w[i].toFixed(1)}`);
  }
  return lines.join('\r\n') + '\r\n';
}
