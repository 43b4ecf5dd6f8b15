/**
 * Annual energy of a wind plant from its mean power, and the losses between gross and net
 * (combined multiplicatively, as PVWatts combines PV losses and reV its wind losses).
 */
import type { SourcedValue } from '../core/sourced.ts';

/** Hours in a mean year, 365.25 × 24: the convention for annual energy from a mean power. */
export const HOURS_PER_YEAR = 8766;

/** kWh per year from a mean power in kW over `hours` (8,766 = 365.25 × 24 unless said). */
export function annualEnergy(mean_power_kw: number, hours = HOURS_PER_YEAR): number {
  return mean_power_kw * hours;
}

/** Capacity factor, fraction: mean power / rated power. */
export function capacityFactor(mean_power_kw: number, rated_kw: number): number {
  return mean_power_kw / rated_kw;
}

export const WIND_LOSS_DEFAULTS = {
  wake_pct: { value: 8, unit: '%', source: 'typical onshore array (wake) loss, NREL ATB / reV default assumptions [unverified]', unverified: true },
  availability_pct: { value: 3, unit: '%', source: 'typical onshore availability loss, NREL ATB [unverified]', unverified: true },
  electrical_pct: { value: 2, unit: '%', source: 'typical collection-system electrical loss, NREL ATB [unverified]', unverified: true },
  other_pct: { value: 2, unit: '%', source: 'environmental and curtailment losses, tantu estimate [unverified]', unverified: true },
} as const satisfies Record<string, SourcedValue>;

export type WindLosses = Record<keyof typeof WIND_LOSS_DEFAULTS, number>;

/** Net energy after the losses (each in %), combined multiplicatively. */
export function netEnergy(gross_kwh: number, losses_pct: WindLosses): number {
  return Object.values(losses_pct).reduce((e, l) => e * (1 - l / 100), gross_kwh);
}
