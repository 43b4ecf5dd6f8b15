/**
 * PV cell and module temperature from plane-of-array irradiance, air temperature and wind
 * (pvlib `temperature`).
 *
 * - SAPM: King, D. L., Boyson, W. E., Kratochvil, J. A. (2004), Photovoltaic Array Performance
 *   Model, SAND2004-3535, Sandia National Laboratories, eqs. 11–12:
 *   T_m = E · exp(a + b·WS) + T_a, T_c = T_m + (E / E0) · ΔT.
 * - Faiman, D. (2008), Assessing the outdoor operating temperature of photovoltaic modules,
 *   Progress in Photovoltaics 16(4), 307–315 (adopted by IEC 61853-2): T = T_a + E / (u0 + u1·WS).
 * - PVsyst heat-loss model ("PVsyst 7 Help", thermal loss, accessed 30 Jan 2024):
 *   T_c = T_a + α E (1 − η_m) / (U_c + U_v·WS).
 */
import type { Sourced } from '../core/sourced.ts';
import { SolarInputError, requireFinite, requirePositive } from './errors.ts';

/** One SAPM parameter set (King et al. 2004, Table 1). */
export interface SapmTemperatureParams extends Sourced {
  /** Coefficient a (dimensionless, in ln of °C per W/m²). */
  a: number;
  /** Coefficient b, s/m. */
  b: number;
  /** Cell–back-of-module difference at 1000 W/m², °C. */
  deltaT: number;
}

/** One PVsyst heat-loss parameter set. */
export interface PvsystTemperatureParams extends Sourced {
  /** Constant heat-loss factor, W/(m²·°C). */
  u_c: number;
  /** Wind heat-loss factor, W/(m²·°C·(m/s)). */
  u_v: number;
}

const KING_2004 = 'King, Boyson & Kratochvil (2004), SAND2004-3535, Table 1; as pvlib TEMPERATURE_MODEL_PARAMETERS';
const PVSYST = "PVsyst 7 Help, 'Array thermal losses' (accessed 30 Jan 2024); as pvlib TEMPERATURE_MODEL_PARAMETERS";

/**
 * pvlib's named parameter sets. Rows whose values the reference (solar-wind.md §7) states are
 * marked verified; the others are transcribed from pvlib, not checked against the report.
 */
export const TEMPERATURE_MODEL_PARAMETERS = {
  sapm: {
    open_rack_glass_glass: { a: -3.47, b: -0.0594, deltaT: 3, source: KING_2004, unverified: false },
    close_mount_glass_glass: { a: -2.98, b: -0.0471, deltaT: 1, source: KING_2004, unverified: true },
    open_rack_glass_polymer: { a: -3.56, b: -0.075, deltaT: 3, source: KING_2004, unverified: true },
    insulated_back_glass_polymer: { a: -2.81, b: -0.0455, deltaT: 0, source: KING_2004, unverified: true },
  },
  pvsyst: {
    freestanding: { u_c: 29, u_v: 0, source: PVSYST, unverified: false },
    insulated: { u_c: 15, u_v: 0, source: PVSYST, unverified: true },
  },
} as const satisfies {
  sapm: Record<string, SapmTemperatureParams>;
  pvsyst: Record<string, PvsystTemperatureParams>;
};

/**
 * SAPM back-of-module temperature: T_m = E · exp(a + b·WS) + T_a.
 * @param poa_global plane-of-array irradiance E, W/m²
 * @param temp_air air temperature T_a, °C
 * @param wind_speed wind speed at 10 m WS, m/s (≥ 0)
 * @param a parameter a
 * @param b parameter b, s/m
 * @returns module back-surface temperature, °C
 */
export function sapmModule(poa_global: number, temp_air: number, wind_speed: number, a: number, b: number): number {
  requireFinite({ poa_global, temp_air, a, b });
  requireWind(wind_speed);
  return poa_global * Math.exp(a + b * wind_speed) + temp_air;
}

/**
 * SAPM cell temperature: T_c = T_m + (E / E0) · ΔT.
 * Arguments as sapmModule, plus
 * @param deltaT cell–module difference at E0, °C
 * @param irrad_ref reference irradiance E0, W/m² (> 0)
 * @returns cell temperature, °C
 */
export function sapmCell(
  poa_global: number,
  temp_air: number,
  wind_speed: number,
  a: number,
  b: number,
  deltaT: number,
  irrad_ref = 1000,
): number {
  requireFinite({ deltaT });
  requirePositive('irrad_ref', irrad_ref);
  return sapmModule(poa_global, temp_air, wind_speed, a, b) + (poa_global / irrad_ref) * deltaT;
}

/**
 * Faiman (2008) module temperature: T = T_a + E / (u0 + u1·WS).
 * @param poa_global plane-of-array irradiance, W/m²
 * @param temp_air air temperature, °C
 * @param wind_speed wind speed at module height, m/s (≥ 0; 1 is the NOCT condition)
 * @param u0 constant heat-transfer coefficient, W/(m²·°C)
 * @param u1 wind heat-transfer coefficient, W·s/(m³·°C)
 * @returns module (= cell, in IEC 61853) temperature, °C
 */
export function faiman(poa_global: number, temp_air: number, wind_speed = 1, u0 = 25, u1 = 6.84): number {
  requireFinite({ poa_global, temp_air, u0, u1 });
  requireWind(wind_speed);
  return temp_air + poa_global / heatLoss(u0 + u1 * wind_speed);
}

/**
 * PVsyst cell temperature: T_c = T_a + α E (1 − η_m) / (U_c + U_v·WS).
 * @param poa_global plane-of-array irradiance E, W/m²
 * @param temp_air air temperature, °C
 * @param wind_speed wind speed, m/s (≥ 0)
 * @param u_c constant heat-loss factor, W/(m²·°C)
 * @param u_v wind heat-loss factor, W/(m²·°C·(m/s))
 * @param module_efficiency module external efficiency η_m, fraction
 * @param alpha_absorption absorption coefficient α, fraction
 * @returns cell temperature, °C
 */
export function pvsystCell(
  poa_global: number,
  temp_air: number,
  wind_speed = 1,
  u_c = 29,
  u_v = 0,
  module_efficiency = 0.1,
  alpha_absorption = 0.9,
): number {
  requireFinite({ poa_global, temp_air, u_c, u_v, module_efficiency, alpha_absorption });
  requireWind(wind_speed);
  return temp_air + (poa_global * alpha_absorption * (1 - module_efficiency)) / heatLoss(u_c + u_v * wind_speed);
}

function requireWind(wind_speed: number): void {
  if (!(Number.isFinite(wind_speed) && wind_speed >= 0)) {
    throw new SolarInputError([`wind_speed must be a finite number ≥ 0, got ${String(wind_speed)}`]);
  }
}

function heatLoss(total_w_per_m2_c: number): number {
  if (!(total_w_per_m2_c > 0)) {
    throw new SolarInputError([`the total heat-loss factor must be > 0, got ${total_w_per_m2_c}`]);
  }
  return total_w_per_m2_c;
}
