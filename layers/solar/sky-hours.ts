/**
 * The sky a site sees, hour by hour, independent of the array's orientation: solar position at the
 * middle of each weather interval (NREL SPA), the beam and diffuse split (measured, or Erbs 1982
 * when the weather has GHI only), extraterrestrial irradiance, relative airmass, and whether the
 * terrain horizon hides the sun. Computed once per site-year; every orientation (and the optimal
 * tilt search) reuses it.
 *
 * References: Reda & Andreas 2008 (SPA); Erbs, Klein & Duffie 1982, Solar Energy 28(4);
 * Kasten & Young 1989, Applied Optics 28(22); pvlib.irradiance.get_extra_radiation (Spencer 1971).
 */
import type { WeatherSeries } from '../weather/series.ts';
import { solarPositionSeries } from './solar-position.ts';
import { extraRadiation } from './extra-radiation.ts';
import { airmassRelative, alt2pres } from './atmosphere.ts';
import { erbs } from './decomposition.ts';
import { horizonElevationAt, skyViewFactor, type HorizonProfile } from './horizon.ts';
import { windSpeedHellman } from '../wind/wind-speed.ts';

export interface SkyHours {
  n: number;
  /** Start of each interval, ms since the epoch (UTC), as in the weather. */
  time_ms: Float64Array;
  /** Local month 0–11 of each interval (the station's standard time). */
  month: Uint8Array;
  /** Solar zenith / azimuth (from north, eastward) at the middle of the interval, degrees; NaN in dark hours (no irradiance). */
  zenith: Float64Array;
  apparent_zenith: Float64Array;
  azimuth: Float64Array;
  /** W/m²: global horizontal, direct normal, diffuse horizontal, extraterrestrial normal. */
  ghi: Float64Array;
  dni: Float64Array;
  dhi: Float64Array;
  dni_extra: Float64Array;
  /** Kasten–Young relative airmass (NaN with the sun below the horizon or in dark hours). */
  airmass: Float64Array;
  /** 1 where the terrain horizon hides the sun at the middle of the interval. */
  sun_behind_terrain: Uint8Array;
  /** Fraction of the isotropic sky dome the terrain leaves visible (1 without a horizon). */
  sky_view_factor: number;
  temp_air_c: Float64Array;
  /** Wind speed at 10 m, m/s. */
  wind_speed_10m: Float64Array;
  /** Where DNI/DHI came from. */
  decomposition: 'measured' | 'erbs';
}

export interface SiteLocation {
  latitude: number;
  longitude: number;
  elevation_m: number;
  /** Terrain horizon at the site; null for an open horizon. */
  horizon: HorizonProfile | null;
}

const HOUR_MS = 3_600_000;

function dayOfYearUtc(ms: number): number {
  const d = new Date(ms);
  return Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/**
 * The orientation-independent part of the PV chain for one site and one weather series.
 * Wind measured at another height than 10 m is brought to 10 m with the 1/7 power law, as the SAPM
 * cell-temperature model expects the 10 m wind.
 */
export function skyHours(weather: WeatherSeries, site: SiteLocation): SkyHours {
  const n = weather.time_ms.length;
  const measured = weather.dni_w_per_m2 !== null && weather.dhi_w_per_m2 !== null;
  // Dark hours (no irradiance at all) add nothing to any plane: the sun is computed for lit hours only,
  // which halves the SPA work of a year; their angles stay NaN.
  const lit: number[] = [];
  for (let i = 0; i < n; i++) {
    if (weather.ghi_w_per_m2[i] > 0 || (measured && (weather.dni_w_per_m2![i] > 0 || weather.dhi_w_per_m2![i] > 0))) lit.push(i);
  }
  const mid = Float64Array.from(lit, (i) => weather.time_ms[i] + HOUR_MS / 2);
  // Refraction needs the mean air pressure and temperature: the weather's, or the standard atmosphere's.
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  const sun = solarPositionSeries(mid, site.latitude, site.longitude, {
    elevation_m: site.elevation_m,
    pressure_pa: weather.pressure_pa ? mean(weather.pressure_pa) : alt2pres(site.elevation_m),
    temperature_c: mean(weather.temp_air_c),
  });
  const zenith = new Float64Array(n).fill(NaN);
  const apparent_zenith = new Float64Array(n).fill(NaN);
  const azimuth = new Float64Array(n).fill(NaN);
  const month = new Uint8Array(n);
  const dni = new Float64Array(n);
  const dhi = new Float64Array(n);
  const dni_extra = new Float64Array(n);
  const airmass = new Float64Array(n).fill(NaN);
  const behind = new Uint8Array(n);
  const wind10 = new Float64Array(n);
  const windScale = windSpeedHellman(1, weather.wind_height_m, 10);
  const offsetMs = weather.station.utc_offset_h * HOUR_MS;
  for (let i = 0; i < n; i++) {
    month[i] = new Date(weather.time_ms[i] + offsetMs).getUTCMonth();
    wind10[i] = weather.wind_speed_m_per_s[i] * windScale;
  }
  for (let j = 0; j < lit.length; j++) {
    const i = lit[j];
    zenith[i] = sun.zenith[j];
    apparent_zenith[i] = sun.apparent_zenith[j];
    azimuth[i] = sun.azimuth[j];
    const doy = dayOfYearUtc(mid[j]);
    dni_extra[i] = extraRadiation(doy);
    const z = zenith[i];
    if (z < 90) airmass[i] = airmassRelative(apparent_zenith[i]);
    const ghi = weather.ghi_w_per_m2[i];
    if (measured) {
      dni[i] = weather.dni_w_per_m2![i];
      dhi[i] = weather.dhi_w_per_m2![i];
    } else if (ghi > 0) {
      const split = erbs(ghi, z, doy);
      dni[i] = split.dni;
      dhi[i] = split.dhi;
    }
    if (site.horizon) behind[i] = 90 - apparent_zenith[i] < horizonElevationAt(site.horizon, azimuth[i]) ? 1 : 0;
  }
  return {
    n, time_ms: weather.time_ms, month,
    zenith, apparent_zenith, azimuth,
    ghi: weather.ghi_w_per_m2, dni, dhi, dni_extra, airmass,
    sun_behind_terrain: behind,
    sky_view_factor: site.horizon ? skyViewFactor(site.horizon) : 1,
    temp_air_c: weather.temp_air_c, wind_speed_10m: wind10,
    decomposition: measured ? 'measured' : 'erbs',
  };
}
