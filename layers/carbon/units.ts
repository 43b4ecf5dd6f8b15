/**
 * Units, conversions and the parameter-value shape shared by the carbon models.
 *
 * Reference: /work/shared/reference/carbon.md §1.
 */

/** Molar-mass ratio CO2 : C = 44/12 (t CO2e per t C). */
export const CO2E_PER_C = 44 / 12;
/** m² per hectare. */
export const M2_PER_HA = 10_000;
/** 亩 (mu) per hectare: 1 ha = 15 亩. */
export const MU_PER_HA = 15;

/** t C → t CO2e (× 44/12). */
export function tC_to_tCO2e(tC: number): number {
  return tC * CO2E_PER_C;
}

/** t CO2e → t C (× 12/44). */
export function tCO2e_to_tC(tCO2e: number): number {
  return tCO2e / CO2E_PER_C;
}

/** hectares → 亩. */
export function ha_to_mu(area_ha: number): number {
  return area_ha * MU_PER_HA;
}

/** Price per t CO2e → price per t C (a t C is 44/12 t CO2e, so it is worth 3.667× more). */
export function pricePerTC_from_perTCO2e(price_per_tCO2e: number): number {
  return price_per_tCO2e * CO2E_PER_C;
}

/**
 * One documented parameter value. `unverified` is true where the reference marks the value
 * [unverified] or where tantu chose/estimated it without checking a primary document.
 * `range` (same unit) is the plausible interval used by the Monte Carlo, when known.
 */
export interface SourcedValue {
  value: number;
  unit: string;
  source: string;
  unverified: boolean;
  range?: readonly [number, number];
}

/** Every row of a parameter table carries where its numbers come from. */
export interface Sourced {
  source: string;
  unverified: boolean;
}

/** A warning attached to a result, in Chinese first, English second. */
export interface CarbonWarning {
  code: string;
  zh: string;
  en: string;
}

/** Sum of an array with Kahan–Neumaier compensation (totals over many pixels/parcels). */
export function sumPrecise(values: Iterable<number>): number {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) c += sum - t + v;
    else c += v - t + sum;
    sum = t;
  }
  return sum + c;
}
