/**
 * A planner's wind yield question answered from the mean wind at 100 m (the resource raster), the
 * ground under the turbine and, when there is one, an hourly weather series: hub-height speed by
 * the power law with the roughness of the land cover, air density at the hub from the elevation
 * (standard atmosphere, barometric formula), a Weibull distribution (shape from the hourly series,
 * scale matched to the hub-height mean), the density-corrected power curve integrated over it,
 * then gross and net annual energy, capacity factor, P50/P75/P90 and the avoided CO2.
 *
 * References: windpowerlib (Haas et al. 2019) for the profile, density and power-curve models;
 * IEC 61400-12-1 for the density correction; reference/solar-wind.md §5.
 */
import { finding, type Finding } from '../core/findings.ts';
import type { SourcedValue } from '../core/sourced.ts';
import { avoidedCO2, type GridEmissionFactor } from '../core/grid-emission.ts';
import { ModelInputError } from '../core/errors.ts';
import { exceedance } from '../core/exceedance.ts';
import { windSpeedHellman } from './wind-speed.ts';
import { densityBarometric, pressureAtElevation, temperatureGradient } from './density.ts';
import { densityCorrectedSpeeds } from './power-curve.ts';
import { gammaFn, powerDensity, weibullFit, weibullMeanPower } from './weibull.ts';
import { annualEnergy, HOURS_PER_YEAR, netEnergy, WIND_LOSS_DEFAULTS, type WindLosses } from './energy.ts';
import { tipHeight, type Turbine } from './turbines.ts';

export const WIND_YIELD_DEFAULTS = {
  weibull_k: { value: 2, unit: '', source: 'Rayleigh distribution (Weibull k = 2), the usual assumption without measured series', unverified: false },
  interannual_variability_pct: { value: 6, unit: '% (1 σ of annual energy)', source: 'tantu estimate: year-to-year variability of wind energy is typically 4–8 % [unverified]', unverified: true },
  temp_air_c: { value: 16, unit: '°C', source: 'annual mean air temperature of northern Zhejiang (Anji ≈ 16 °C), used without a weather series', unverified: true },
  layout_density_mw_per_km2: { value: 3, unit: 'MW/km²', source: 'NREL reV default wind capacity density 3 MW/km² (reference §6; published range 2–9)', unverified: false },
} as const satisfies Record<string, SourcedValue>;

export interface WindSite {
  /** Mean wind speed at 100 m above ground, m/s (the resource raster). */
  wind_100m_m_per_s: number;
  /** Ground elevation, m above sea level. */
  elevation_m: number;
  /** Roughness length of the ground cover, m. */
  roughness_length_m: number;
  /** Parcel area, ha (null for a point). */
  area_ha: number | null;
}

export interface WindOptions {
  turbine: Turbine;
  hub_height_m?: number;
  turbines?: number;
  layout_density_mw_per_km2?: number;
  weibull?: { A: number; k: number };
  losses?: Partial<{ wake_pct: number; availability_pct: number; electrical_pct: number; other_pct: number }>;
  interannual_variability_pct?: number;
  grid_emission: Pick<GridEmissionFactor, 'tCO2_per_MWh' | 'year' | 'source'>;
}

/** Hourly weather the Weibull shape and the air temperature come from. */
export interface WindWeather {
  wind_speed_m_per_s: ArrayLike<number>;
  temp_air_c: ArrayLike<number>;
}

class WindRequestError extends ModelInputError {}

const LOSS_NAMES = {
  wake_pct: ['尾流损失', 'Wake losses'],
  availability_pct: ['可利用率损失', 'Availability'],
  electrical_pct: ['电气损失', 'Electrical losses'],
  other_pct: ['其他损失', 'Other losses'],
} as const;

export const WIND_MODEL = 'windpowerlib chain: power-law profile with land-cover roughness, barometric air density, density-corrected power curve over a Weibull distribution';

export function windYield(site: WindSite, o: WindOptions, weather: WindWeather | null) {
  const t = o.turbine;
  const hub = o.hub_height_m ?? t.hub_heights_m[0];
  const warnings: Finding[] = [];
  const v_hub = windSpeedHellman(site.wind_100m_m_per_s, 100, hub, { roughness_length_m: site.roughness_length_m });
  // The power-law exponent windSpeedHellman used: α = 1/ln(h/z0).
  const shear = 1 / Math.log(hub / site.roughness_length_m);
  const tMean = weather ? mean(weather.temp_air_c) : WIND_YIELD_DEFAULTS.temp_air_c.value;
  const tHub_k = temperatureGradient(tMean + 273.15, 2, hub);
  const rho = densityBarometric(pressureAtElevation(site.elevation_m), 0, hub, tHub_k);
  let A: number, k: number, from: 'given' | 'weather' | 'default';
  if (o.weibull) {
    ({ A, k } = o.weibull);
    from = 'given';
  } else {
    k = weather ? weibullFit(weather.wind_speed_m_per_s).k : WIND_YIELD_DEFAULTS.weibull_k.value;
    A = v_hub / gammaFn(1 + 1 / k);
    from = weather ? 'weather' : 'default';
  }
  // The curve at the site's air density (IEC 61400-12-1 speed scaling), integrated over the Weibull.
  const meanKw = weibullMeanPower(A, k, densityCorrectedSpeeds(t.curve_v, rho), t.curve_p_kw);
  let n = o.turbines;
  if (n === undefined) {
    if (site.area_ha === null) n = 1;
    else {
      const density = o.layout_density_mw_per_km2 ?? WIND_YIELD_DEFAULTS.layout_density_mw_per_km2.value;
      n = Math.floor((site.area_ha / 100) * density * 1000 / t.rated_kw);
      if (n < 1) {
        throw new WindRequestError({ code: 'parcel_too_small_for_turbine', title: 'Parcel too small', detail: `At ${density} MW/km² a ${t.rated_kw} kW turbine needs ${(t.rated_kw / density / 10).toFixed(1)} ha; the parcel has ${site.area_ha.toFixed(1)} ha. Give "turbines": 1 to place one anyway.`,
          zh: { title: '地块过小', detail: `按 ${density} MW/km²，一台 ${t.rated_kw} kW 风机需要 ${(t.rated_kw / density / 10).toFixed(1)} 公顷；该地块只有 ${site.area_ha.toFixed(1)} 公顷。如仍要布置一台，请给出 "turbines": 1。` } });
      }
    }
  }
  const hours = HOURS_PER_YEAR;
  const gross_kwh = annualEnergy(meanKw, hours) * n;
  const losses: WindLosses = {
    wake_pct: o.losses?.wake_pct ?? WIND_LOSS_DEFAULTS.wake_pct.value,
    availability_pct: o.losses?.availability_pct ?? WIND_LOSS_DEFAULTS.availability_pct.value,
    electrical_pct: o.losses?.electrical_pct ?? WIND_LOSS_DEFAULTS.electrical_pct.value,
    other_pct: o.losses?.other_pct ?? WIND_LOSS_DEFAULTS.other_pct.value,
  };
  const net_kwh = netEnergy(gross_kwh, losses);
  const capacity_kw = n * t.rated_kw;
  if (v_hub < 5) {
    warnings.push(finding('low_wind', `轮毂高度平均风速仅 ${v_hub.toFixed(1)} m/s,低于一般开发门槛(约 5–6 m/s)。`, `The mean wind at hub height is only ${v_hub.toFixed(1)} m/s, below the usual development threshold (about 5–6 m/s).`));
  }
  // Each loss stage in order, multiplicative: the stages add up to gross − net.
  let remaining = gross_kwh;
  const lossRows = (Object.keys(LOSS_NAMES) as (keyof typeof LOSS_NAMES)[]).map((key) => {
    const kwh = (remaining * losses[key]) / 100;
    remaining -= kwh;
    return { stage: key.replace(/_pct$/, ''), pct: losses[key], kwh, zh: LOSS_NAMES[key][0], en: LOSS_NAMES[key][1] };
  });
  const variability = o.interannual_variability_pct ?? WIND_YIELD_DEFAULTS.interannual_variability_pct.value;
  return {
    turbine: { id: t.id, name: t.name, rated_kw: t.rated_kw, rotor_diameter_m: t.rotor_diameter_m, hub_height_m: hub, tip_height_m: tipHeight(hub, t.rotor_diameter_m), source: t.source },
    wind: { hub_speed_m_per_s: v_hub, shear_exponent: shear, air_density_kg_per_m3: rho, weibull_A_m_per_s: A, weibull_k: k, weibull_from: from, power_density_w_per_m2: powerDensity(A, k, rho) },
    energy: {
      turbines: n, capacity_kw, mean_power_kw_per_turbine: meanKw, gross_kwh, net_kwh,
      capacity_factor_pct: (100 * net_kwh) / (capacity_kw * hours), full_load_hours: net_kwh / capacity_kw, hours_per_year: hours,
    },
    exceedance: exceedance(net_kwh, variability),
    losses: lossRows,
    avoided: { tCO2_per_yr: avoidedCO2(net_kwh, o.grid_emission.tCO2_per_MWh), ...o.grid_emission },
    parameters: [
      ...Object.entries(WIND_YIELD_DEFAULTS).map(([key, p]) => ({ key, value: p.value, unit: p.unit, source: p.source, unverified: p.unverified })),
      ...Object.entries(WIND_LOSS_DEFAULTS).map(([key, p]) => ({ key, value: p.value, unit: '%', source: p.source, unverified: p.unverified })),
    ],
    warnings,
    model: WIND_MODEL,
  };
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}
