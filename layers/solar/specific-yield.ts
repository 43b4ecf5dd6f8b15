/**
 * Specific PV yield per raster cell (kWh/kWp/yr) for siting, without running the 8,760-hour chain
 * per 30 m cell (≈ 4 M cells; one chain takes tens of milliseconds).
 *
 * Method ("GHI × modelled yield-per-irradiation"): run the full yield chain (pv-yield.ts: SPA,
 * Perez transposition at the optimal fixed tilt facing south, physical IAM, SAPM cell temperature,
 * PVWatts DC, losses, inverter with clipping) once, with 1 kWp at the weather station, and take
 * its yield per unit of horizontal irradiation
 *
 *   r = Y_station / H_station   (kWh/kWp per kWh/m²; the product of the transposition gain and
 *                                the performance ratio),
 *
 * then give every cell Y_cell = r × H_cell, H_cell the cell's annual GHI (kWh/m²/yr) from the GHI
 * raster. This is exact when a cell's year is the station's year scaled by H_cell / H_station;
 * what it leaves out is how the ratio itself moves with the irradiance level (hotter cells in
 * brighter years, Perez brightness, clipping) and with the small change of sun geometry across a
 * county. test/unit/siting/specific-yield.test.ts measures that against the full chain run on the
 * scaled year at the cell's own position: within 1 % over ±10 % of irradiation and ±0.5° of
 * latitude/longitude.
 *
 * Not included per cell: terrain horizon shading (a ray march over the DEM per cell; the parcel
 * potential runs the full chain with the DEM horizon at its site) and the ground's slope and
 * aspect, which siting scores as their own criteria (modules are racked at the optimal tilt).
 */
import type { WeatherSeries } from '../weather/series.ts';
import { pvYield } from './pv-yield.ts';

export interface YieldPerGhi {
  /** Full-chain specific yield at the station, kWh/kWp/yr. */
  specific_yield_kwh_per_kwp: number;
  /** The station series' annual GHI, kWh/m²/yr. */
  ghi_kwh_per_m2_yr: number;
  /** specific yield per unit of horizontal irradiation, (kWh/kWp) / (kWh/m²). */
  kwh_per_kwp_per_kwh_per_m2: number;
  /** The optimal fixed orientation the chain chose, degrees (azimuth from north, clockwise). */
  surface_tilt_deg: number;
  surface_azimuth_deg: number;
  model: string;
}

/** Annual GHI of a series, kWh/m² (hourly means × 1 h). */
export function annualGhiKwhPerM2(w: WeatherSeries): number {
  let s = 0;
  for (const v of w.ghi_w_per_m2) s += v;
  return s / 1000;
}

/** The series with every irradiance column (GHI, DNI, DHI) multiplied by `factor` (a brighter or duller year of the same shape). */
export function scaleIrradiance(w: WeatherSeries, factor: number): WeatherSeries {
  const sc = (a: Float64Array | null) => (a ? a.map((v) => v * factor) : null);
  return { ...w, ghi_w_per_m2: sc(w.ghi_w_per_m2)!, dni_w_per_m2: sc(w.dni_w_per_m2), dhi_w_per_m2: sc(w.dhi_w_per_m2) };
}

/**
 * The full-chain specific yield of 1 kWp at (lat, lon, elevation) under `weather` (optimal fixed
 * tilt facing south, no horizon, the chain's default system), kWh/kWp/yr.
 */
export function fullChainSpecificYield(weather: WeatherSeries, site: { lat: number; lon: number; elevation_m: number }): { kwh_per_kwp: number; surface_tilt_deg: number; surface_azimuth_deg: number; model: string } {
  const y = pvYield(weather, { lon: site.lon, lat: site.lat, elevation_m: site.elevation_m, area_ha: null, slope_deg: null, aspect_deg: null, horizon: null },
    { kw_dc: 1 }, { grid_emission: { tCO2_per_MWh: 0, year: 0, source: 'not used' } });
  return { kwh_per_kwp: y.energy.annual_kwh, surface_tilt_deg: y.system.surface_tilt, surface_azimuth_deg: y.system.surface_azimuth, model: y.model };
}

/** The station's yield per unit of horizontal irradiation (see the module comment). */
export function yieldPerGhi(weather: WeatherSeries): YieldPerGhi {
  const st = weather.station;
  const y = fullChainSpecificYield(weather, { lat: st.latitude, lon: st.longitude, elevation_m: st.elevation_m });
  const h = annualGhiKwhPerM2(weather);
  return {
    specific_yield_kwh_per_kwp: y.kwh_per_kwp, ghi_kwh_per_m2_yr: h, kwh_per_kwp_per_kwh_per_m2: y.kwh_per_kwp / h,
    surface_tilt_deg: y.surface_tilt_deg, surface_azimuth_deg: y.surface_azimuth_deg, model: y.model,
  };
}

/** Y_cell = r × H_cell over a GHI raster (kWh/m²/yr → kWh/kWp/yr); NaN stays NaN. */
export function specificYieldRaster(ghi_kwh_per_m2_yr: ArrayLike<number>, kwhPerKwpPerKwhPerM2: number): Float32Array {
  const out = new Float32Array(ghi_kwh_per_m2_yr.length);
  for (let i = 0; i < out.length; i++) out[i] = ghi_kwh_per_m2_yr[i] * kwhPerKwpPerKwhPerM2;
  return out;
}
