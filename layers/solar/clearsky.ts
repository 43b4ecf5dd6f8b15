/**
 * Clear-sky irradiance models, as pvlib's `clearsky.haurwitz` and `clearsky.ineichen`.
 *
 * - Haurwitz (1945, 1946; as in Reno, Hansen & Stein 2012, SAND2012-2389): GHI = 1098 · cos z ·
 *   exp(−0.059 / cos z) W/m², z the apparent zenith; 0 when the sun is down.
 * - Ineichen & Perez (2002), "A new airmass independent formulation for the Linke turbidity
 *   coefficient", Solar Energy 73(3) 151–157, with the altitude terms fh1 = exp(−h/8000),
 *   fh2 = exp(−h/1250), cg1 = 5.09e-5·h + 0.868, cg2 = 3.92e-5·h + 0.0387 and, optionally,
 *   Perez's enhancement factor exp(0.01·AM^1.8) for very clear skies.
 */
import { ModelInputError } from '../core/errors.ts';
import type { Sourced } from '../core/sourced.ts';

/** Bad input to a clear-sky model (non-finite angle, turbidity ≤ 0, …). */
export class ClearskyInputError extends ModelInputError {}

function check(name: string, value: number, ok: boolean): void {
  if (!Number.isFinite(value) || !ok) {
    throw new ClearskyInputError({ code: 'clearsky_input', title: 'Invalid clear-sky input',
      detail: `${name} = ${value} is out of range`, extensions: { [name]: value }, zh: { title: '晴空模型输入无效', detail: `${name} = ${value} 超出范围` } });
  }
}

/**
 * Haurwitz clear-sky global horizontal irradiance.
 * @param apparent_zenith refraction-corrected solar zenith angle, degrees
 * @returns ghi, W/m² (0 when the sun is at or below the horizon)
 */
export function clearskyHaurwitz(apparent_zenith: number): { ghi: number } {
  check('apparent_zenith', apparent_zenith, true);
  const cosZ = Math.cos((apparent_zenith * Math.PI) / 180);
  return { ghi: cosZ > 0 ? 1098 * cosZ * Math.exp(-0.059 / cosZ) : 0 };
}

/**
 * Ineichen–Perez clear-sky GHI, DNI and DHI.
 * @param apparent_zenith refraction-corrected solar zenith angle, degrees
 * @param airmass_absolute pressure-corrected air mass, dimensionless
 * @param linke_turbidity Linke turbidity factor (air mass 2), dimensionless
 * @param altitude_m site altitude above sea level, m (default 0)
 * @param dni_extra extraterrestrial normal irradiance, W/m² (default 1364)
 * @param perez_enhancement apply Perez's exp(0.01·AM^1.8) factor to GHI (default false)
 * @returns ghi, dni, dhi in W/m² (all 0 when the sun is at or below the horizon)
 */
export function clearskyIneichen(
  apparent_zenith: number, airmass_absolute: number, linke_turbidity: number,
  altitude_m = 0, dni_extra = 1364, perez_enhancement = false,
): { ghi: number; dni: number; dhi: number } {
  check('apparent_zenith', apparent_zenith, true);
  check('linke_turbidity', linke_turbidity, linke_turbidity > 0);
  check('altitude_m', altitude_m, altitude_m > -1000);
  check('dni_extra', dni_extra, dni_extra >= 0);
  const cosZ = Math.cos((apparent_zenith * Math.PI) / 180);
  if (cosZ <= 0) return { ghi: 0, dni: 0, dhi: 0 };
  check('airmass_absolute', airmass_absolute, airmass_absolute > 0);
  const tl = linke_turbidity;
  const am = airmass_absolute;
  const fh1 = Math.exp(-altitude_m / 8000);
  const fh2 = Math.exp(-altitude_m / 1250);
  const cg1 = 5.09e-5 * altitude_m + 0.868;
  const cg2 = 3.92e-5 * altitude_m + 0.0387;
  let transmittance = Math.exp(-cg2 * am * (fh1 + fh2 * (tl - 1)));
  if (perez_enhancement) transmittance *= Math.exp(0.01 * am ** 1.8);
  const ghi = cg1 * dni_extra * cosZ * Math.max(transmittance, 0);
  const b = 0.664 + 0.163 / fh1;
  const bnci = dni_extra * Math.max(b * Math.exp(-0.09 * am * (tl - 1)), 0);
  const bnci2 = ghi * Math.min(Math.max((1 - (0.1 - 0.2 * Math.exp(-tl)) / (0.1 + 0.882 / fh1)) / cosZ, 0), 1e20);
  const dni = Math.min(bnci, bnci2);
  return { ghi, dni, dhi: ghi - dni * cosZ };
}

/** Twelve monthly Linke turbidity factors (January first), dimensionless, with their source. */
export interface MonthlyLinkeTurbidity extends Sourced {
  /** Linke turbidity at air mass 2, January..December. */
  monthly: readonly [number, number, number, number, number, number, number, number, number, number, number, number];
  /** Where the values apply. */
  region: string;
}

/**
 * Default Linke turbidity for northern Zhejiang (Hangzhou–Huzhou plain, ~30°N 120°E): hazy
 * and humid, highest in late spring and summer. A labelled, overridable default; replace it with
 * the SoDa/Meteotest monthly climatology of the site when available.
 */
export const LINKE_TURBIDITY_ZHEJIANG: MonthlyLinkeTurbidity = {
  region: 'northern Zhejiang, ~30°N 120°E',
  monthly: [3.6, 3.9, 4.3, 4.6, 4.8, 4.9, 4.8, 4.7, 4.4, 4.0, 3.7, 3.5],
  source: 'typical SoDa/Meteotest Linke turbidity climatology for 30°N 120°E, tantu estimate [unverified]',
  unverified: true,
};
