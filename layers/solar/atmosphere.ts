/**
 * Air mass and the standard-atmosphere pressure–altitude relation (pvlib `atmosphere`).
 *
 * Relative (sea-level) air mass models, zenith in degrees:
 * - 'kastenyoung1989' (default): F. Kasten & A. T. Young (1989), Revised optical air mass tables
 *   and approximation formula, Applied Optics 28:4735–4738 — 1 / (cos z + 0.50572 (96.07995 − z)^−1.6364);
 *   apparent zenith.
 * - 'kasten1966': F. Kasten (1966), A new table and approximation formula for the relative optical
 *   air mass, CRREL Technical Report 136 — 1 / (cos z + 0.15 (93.885 − z)^−1.253); apparent zenith.
 * - 'simple': sec z (apparent zenith).
 * - 'youngirvine1967': A. T. Young & W. M. Irvine (1967), Astronomical Journal 72:945–950 —
 *   sec z (1 − 0.0012 (sec² z − 1)); true zenith.
 * - 'gueymard1993': C. Gueymard (1993), Solar Energy 51:121–138 — 1 / (cos z + 0.00176759 z (94.37515 − z)^−1.21563).
 * - 'young1994': A. T. Young (1994), Air mass and refraction, Applied Optics 33:1108–1110 (true zenith).
 * - 'pickering2002': K. A. Pickering (2002), The Ancient Star Catalog, DIO 12:1 —
 *   1 / sin(90 − z + 244 / (165 + 47 (90 − z)^1.1)).
 *
 * As pvlib, the relative air mass is NaN for zenith > 90° (sun below the horizon): NaN, not a
 * thrown error, because a night hour is ordinary input. Absolute air mass scales by p / 101325
 * (Gueymard 1993). Pressure ↔ altitude: the standard atmosphere (101325 Pa, 288.15 K at 0 m,
 * lapse −6.5 K/km, g 9.80665, R 287.053), Portland State Aerospace Society (2004), "A Quick
 * Derivation relating altitude to air pressure", v1.03.
 */
import { SolarInputError, requireFinite, requireOption, requirePositive } from './errors.ts';

export const AIRMASS_MODELS = [
  'simple',
  'kasten1966',
  'kastenyoung1989',
  'gueymard1993',
  'pickering2002',
  'youngirvine1967',
  'young1994',
] as const;
export type AirmassModel = (typeof AIRMASS_MODELS)[number];

const RAD = Math.PI / 180;

/**
 * Relative (not pressure-corrected) air mass at sea level.
 * @param zenith solar zenith, degrees (apparent for most models, true for youngirvine1967 / young1994)
 * @param model one of AIRMASS_MODELS
 * @returns relative air mass (dimensionless); NaN when zenith > 90°
 * @throws SolarInputError for a non-finite zenith or an unknown model
 */
export function airmassRelative(zenith: number, model: AirmassModel = 'kastenyoung1989'): number {
  requireFinite({ zenith });
  requireOption('model', model, AIRMASS_MODELS);
  if (zenith > 90) return NaN;
  const z = zenith;
  const c = Math.cos(z * RAD);
  switch (model) {
    case 'kastenyoung1989':
      return 1 / (c + 0.50572 * (6.07995 + (90 - z)) ** -1.6364);
    case 'kasten1966':
      return 1 / (c + 0.15 * (93.885 - z) ** -1.253);
    case 'simple':
      return 1 / c;
    case 'pickering2002':
      return 1 / Math.sin((90 - z + 244 / (165 + 47 * (90 - z) ** 1.1)) * RAD);
    case 'youngirvine1967': {
      const sec = 1 / c;
      return sec * (1 - 0.0012 * (sec * sec - 1));
    }
    case 'young1994':
      return (1.002432 * c * c + 0.148386 * c + 0.0096467) / (c ** 3 + 0.149864 * c * c + 0.0102963 * c + 0.000303978);
    case 'gueymard1993':
      return 1 / (c + 0.00176759 * z * (94.37515 - z) ** -1.21563);
  }
}

/**
 * Absolute (pressure-corrected) air mass: AM_a = AM_r · p / 101325.
 * @param airmass_relative relative air mass (dimensionless); NaN (sun down) passes through as NaN
 * @param pressure_pa site pressure, Pa (> 0)
 * @returns absolute air mass (dimensionless)
 * @throws SolarInputError for an infinite air mass or a pressure that is not finite and > 0
 */
export function airmassAbsolute(airmass_relative: number, pressure_pa = 101325): number {
  if (airmass_relative === Infinity || airmass_relative === -Infinity) {
    throw new SolarInputError([`airmass_relative must be finite or NaN, got ${String(airmass_relative)}`]);
  }
  requirePositive('pressure_pa', pressure_pa);
  return (airmass_relative * pressure_pa) / 101325;
}

/**
 * Standard-atmosphere pressure at an altitude: p = 100 · ((44331.514 − h) / 11880.516)^(1/0.1902632).
 * @param altitude_m altitude above sea level, m (below 44331 m)
 * @returns pressure, Pa
 * @throws SolarInputError for a non-finite altitude or one at/above the formula's top (44331.514 m)
 */
export function alt2pres(altitude_m: number): number {
  requireFinite({ altitude_m });
  if (altitude_m >= 44331.514) throw new SolarInputError([`altitude_m must be below 44331.514 m, got ${altitude_m}`]);
  return 100 * ((44331.514 - altitude_m) / 11880.516) ** (1 / 0.1902632);
}

/**
 * Standard-atmosphere altitude of a pressure: h = 44331.5 − 4946.62 · p^0.190263.
 * @param pressure_pa pressure, Pa (> 0)
 * @returns altitude above sea level, m
 * @throws SolarInputError for a pressure that is not finite and > 0
 */
export function pres2alt(pressure_pa: number): number {
  requirePositive('pressure_pa', pressure_pa);
  return 44331.5 - 4946.62 * pressure_pa ** 0.190263;
}
