/**
 * NREL PVWatts v5 DC power, system losses and inverter (Dobos, A. P. (2014), PVWatts Version 5
 * Manual, NREL/TP-6A20-62641; pvlib `pvsystem.pvwatts_dc`, `pvsystem.pvwatts_losses`,
 * `inverter.pvwatts`).
 *
 *     P_dc = G / 1000 · P_dc0 · (1 + γ (T_cell − T_ref))
 *     L = 100 · [1 − Π (1 − L_i / 100)]                          (%)
 *     ζ = P_dc / P_dc0,inv,  η = η_nom / η_ref · (−0.0162 ζ − 0.0059 / ζ + 0.9858)
 *     P_ac = min(η P_dc, η_nom P_dc0,inv), 0 when P_dc ≤ 0
 *
 * As pvlib, the inverter's `pdc0` is its DC input limit: P_ac0 = η_nom · pdc0. Given an AC
 * rating P_ac0 (e.g. P_dc0,array / dc_ac_ratio), pass pdc0 = P_ac0 / η_nom.
 */
import type { Sourced, SourcedValue } from '../core/sourced.ts';
import { SolarInputError, requireFinite, requireInRange, requirePositive } from './errors.ts';

const DOBOS = 'Dobos (2014), PVWatts Version 5 Manual, NREL/TP-6A20-62641';

/** A PVWatts module type: its temperature coefficient of power. */
export interface PvwattsModuleType extends Sourced {
  /** Temperature coefficient of DC power, 1/°C. */
  gamma_pdc: number;
}

/** PVWatts module types (Dobos 2014, Table 2; values as /work/shared/reference/solar-wind.md §4). */
export const PVWATTS_MODULE_TYPES = {
  standard: { gamma_pdc: -0.0047, source: `${DOBOS}, Table 2 (standard, crystalline Si)`, unverified: false },
  premium: { gamma_pdc: -0.0035, source: `${DOBOS}, Table 2 (premium)`, unverified: false },
  thin_film: { gamma_pdc: -0.002, source: `${DOBOS}, Table 2 (thin film)`, unverified: false },
} as const satisfies Record<string, PvwattsModuleType>;

/** The ten PVWatts v5 loss categories, % each. */
export interface PvwattsLossInputs {
  soiling?: number;
  shading?: number;
  snow?: number;
  mismatch?: number;
  wiring?: number;
  connections?: number;
  /** Light-induced degradation. */
  lid?: number;
  nameplate_rating?: number;
  age?: number;
  availability?: number;
}

const lossRow = (value: number): SourcedValue => ({ value, unit: '%', source: `${DOBOS}, Table 1 (default losses)`, unverified: false });

/** PVWatts v5 default losses, % (Dobos 2014 Table 1; reference §4) — together 14.08 %. */
export const PVWATTS_LOSS_DEFAULTS = {
  soiling: lossRow(2),
  shading: lossRow(3),
  snow: lossRow(0),
  mismatch: lossRow(2),
  wiring: lossRow(2),
  connections: lossRow(0.5),
  lid: lossRow(1.5),
  nameplate_rating: lossRow(1),
  age: lossRow(0),
  availability: lossRow(3),
} as const satisfies Record<keyof PvwattsLossInputs, SourcedValue>;

/**
 * PVWatts DC power.
 * @param g_poa_effective effective plane-of-array irradiance reaching the cells, W/m²
 * @param temp_cell cell temperature, °C
 * @param pdc0 DC rating at 1000 W/m² and temp_ref, W (any power unit; the result has the same)
 * @param gamma_pdc temperature coefficient of power, 1/°C (e.g. −0.0047)
 * @param temp_ref reference cell temperature, °C
 * @returns DC power, same unit as pdc0
 */
export function pvwattsDC(g_poa_effective: number, temp_cell: number, pdc0: number, gamma_pdc: number, temp_ref = 25): number {
  requireFinite({ g_poa_effective, temp_cell, pdc0, gamma_pdc, temp_ref });
  return (g_poa_effective / 1000) * pdc0 * (1 + gamma_pdc * (temp_cell - temp_ref));
}

/**
 * Combined PVWatts system losses, multiplicative: 100 · [1 − Π(1 − L_i/100)].
 * @param losses each loss in %, 0–100; missing ones take PVWATTS_LOSS_DEFAULTS
 * @returns total loss, %
 */
export function pvwattsLosses(losses: PvwattsLossInputs = {}): number {
  let kept = 1;
  for (const key of Object.keys(PVWATTS_LOSS_DEFAULTS) as (keyof PvwattsLossInputs)[]) {
    const value = losses[key] ?? PVWATTS_LOSS_DEFAULTS[key].value;
    requireInRange(key, value, 0, 100);
    kept *= 1 - value / 100;
  }
  return (1 - kept) * 100;
}

/**
 * PVWatts inverter efficiency at a DC input, before clipping.
 * @param pdc DC input power (same unit as pdc0)
 * @param pdc0 inverter DC input limit (> 0)
 * @param eta_inv_nom nominal efficiency, fraction (0, 1]
 * @param eta_inv_ref reference efficiency of the CEC curve, fraction (0, 1]
 * @returns efficiency η (fraction); 0 when pdc ≤ 0
 */
export function pvwattsInverterEfficiency(pdc: number, pdc0: number, eta_inv_nom = 0.96, eta_inv_ref = 0.9637): number {
  requireFinite({ pdc });
  requirePositive('pdc0', pdc0);
  requireEfficiency(eta_inv_nom, eta_inv_ref);
  if (pdc <= 0) return 0;
  const zeta = pdc / pdc0;
  return (eta_inv_nom / eta_inv_ref) * (-0.0162 * zeta - 0.0059 / zeta + 0.9858);
}

/**
 * PVWatts inverter AC output, clipped at P_ac0 = η_nom · pdc0.
 * Arguments as pvwattsInverterEfficiency.
 * @returns AC power (same unit as pdc), in [0, η_nom · pdc0]
 */
export function pvwattsInverter(pdc: number, pdc0: number, eta_inv_nom = 0.96, eta_inv_ref = 0.9637): number {
  const eta = pvwattsInverterEfficiency(pdc, pdc0, eta_inv_nom, eta_inv_ref);
  return Math.max(0, Math.min(eta_inv_nom * pdc0, eta * pdc));
}

function requireEfficiency(eta_inv_nom: number, eta_inv_ref: number): void {
  const bad = Object.entries({ eta_inv_nom, eta_inv_ref })
    .filter(([, v]) => !(Number.isFinite(v) && v > 0 && v <= 1))
    .map(([name, v]) => `${name} must be a fraction in (0, 1], got ${String(v)}`);
  if (bad.length > 0) throw new SolarInputError(bad);
}
