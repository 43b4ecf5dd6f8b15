/**
 * Units and conversions shared by every model (carbon, solar, wind, siting, ledger), and a
 * compensated sum for totals over many pixels / parcels.
 *
 * Reference: /work/shared/reference/carbon.md §1 (44/12, 亩).
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

/** Sum with Kahan–Neumaier compensation (totals over many pixels/parcels). */
export function sumPrecise(values: Iterable<number>): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}
