/**
 * Extraterrestrial normal irradiance from the day of year (pvlib `irradiance.get_extra_radiation`):
 *
 *     E_a = S · (R0/R)²
 *
 * with the inverse squared Earth–Sun distance from
 * - 'spencer' (default): Spencer 1971 Fourier series as given by Duffie & Beckman (1991), Solar
 *   Engineering of Thermal Processes, 2nd ed., eq. 1.4.1b:
 *   1.00011 + 0.034221 cos B + 0.00128 sin B + 0.000719 cos 2B + 0.000077 sin 2B, B = 2π(doy − 1)/365;
 * - 'asce': ASCE (2005) The ASCE Standardized Reference Evapotranspiration Equation, eq. 23:
 *   1 + 0.033 cos B, B = 2π·doy/365.
 *
 * pvlib's 'nrel' method is not offered: it needs a date and the SPA earth radius vector, not a
 * day of year.
 */
import { SolarInputError, requireOption, requireFinite } from './errors.ts';

export const EXTRA_RADIATION_METHODS = ['spencer', 'asce'] as const;
export type ExtraRadiationMethod = (typeof EXTRA_RADIATION_METHODS)[number];

/**
 * @param dayOfYear day of year, 1 = 1 January (fractional days allowed), in [1, 367)
 * @param solar_constant solar constant, W/m² (pvlib default 1366.1)
 * @param method 'spencer' or 'asce'
 * @returns extraterrestrial irradiance on a plane normal to the sun, W/m²
 * @throws SolarInputError for a day outside [1, 367), a non-finite constant or an unknown method
 */
export function extraRadiation(dayOfYear: number, solar_constant = 1366.1, method: ExtraRadiationMethod = 'spencer'): number {
  if (!(Number.isFinite(dayOfYear) && dayOfYear >= 1 && dayOfYear < 367)) {
    throw new SolarInputError([`dayOfYear must be a finite number in [1, 367), got ${String(dayOfYear)}`]);
  }
  requireFinite({ solar_constant });
  requireOption('method', method, EXTRA_RADIATION_METHODS);
  if (method === 'asce') {
    const b = (2 * Math.PI * dayOfYear) / 365;
    return solar_constant * (1 + 0.033 * Math.cos(b));
  }
  const b = (2 * Math.PI * (dayOfYear - 1)) / 365;
  const rOverR0Sq =
    1.00011 + 0.034221 * Math.cos(b) + 0.00128 * Math.sin(b) + 0.000719 * Math.cos(2 * b) + 7.7e-5 * Math.sin(2 * b);
  return solar_constant * rOverR0Sq;
}
