/**
 * Stock-volume growth per species group and site class: Richards / Chapman form
 *
 *     V(t) = A · (1 − e^(−k·t))^c          (m³/ha, t = stand age in years)
 *
 * and annual sequestration of a stand, C(t+1) − C(t), with C from the stand route
 * (stand.ts). The parameters are data (GROWTH_PARAMS), not code (carbon.md §3).
 *
 * Site class 1 = best, 3 = poorest. The default table is a PLACEHOLDER: values chosen by tantu
 * to be plausible for Zhejiang plantations (site class 2 Chinese fir ≈ 180 m³/ha at 25 years),
 * not fitted to data — every row is unverified. Replace with provincial yield tables
 * (浙江省 森林资源连续清查 / 主要树种生长过程表) when available.
 *
 * Calibration: when a stand has both age and observed volume, the curve is scaled by
 * V_obs / V(age) so it passes through the observation; with volume only, the age is found by
 * inverting the curve: t = −ln(1 − (V/A)^(1/c)) / k.
 */
import { STAND_PARAMS, IPCC_FALLBACK, standBiomass, type IpccFallback, type StandParams } from './stand.ts';
import type { Sourced } from '../core/sourced.ts';

export interface GrowthRow extends Sourced {
  species_group: string;
  site_class: number;
  /** Asymptotic stock volume A, m³/ha. */
  a_m3_per_ha: number;
  /** Rate k, 1/yr. */
  k_per_yr: number;
  /** Shape exponent c (dimensionless). */
  c: number;
}

const PLACEHOLDER =
  'tantu placeholder: Richards parameters chosen to be plausible for Zhejiang (not fitted; site classes scale A by 1.3 / 1 / 0.7); replace with provincial yield tables';

export const GROWTH_PARAMS: readonly GrowthRow[] = [
  { species_group: 'chinese_fir', site_class: 1, a_m3_per_ha: 390, k_per_yr: 0.06, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'chinese_fir', site_class: 2, a_m3_per_ha: 300, k_per_yr: 0.06, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'chinese_fir', site_class: 3, a_m3_per_ha: 210, k_per_yr: 0.06, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'masson_pine', site_class: 1, a_m3_per_ha: 330, k_per_yr: 0.05, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'masson_pine', site_class: 2, a_m3_per_ha: 250, k_per_yr: 0.05, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'masson_pine', site_class: 3, a_m3_per_ha: 175, k_per_yr: 0.05, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'slash_pine', site_class: 1, a_m3_per_ha: 340, k_per_yr: 0.06, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'slash_pine', site_class: 2, a_m3_per_ha: 260, k_per_yr: 0.06, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'slash_pine', site_class: 3, a_m3_per_ha: 180, k_per_yr: 0.06, c: 2, source: PLACEHOLDER, unverified: true },
  { species_group: 'cypress', site_class: 1, a_m3_per_ha: 290, k_per_yr: 0.045, c: 1.8, source: PLACEHOLDER, unverified: true },
  { species_group: 'cypress', site_class: 2, a_m3_per_ha: 220, k_per_yr: 0.045, c: 1.8, source: PLACEHOLDER, unverified: true },
  { species_group: 'cypress', site_class: 3, a_m3_per_ha: 155, k_per_yr: 0.045, c: 1.8, source: PLACEHOLDER, unverified: true },
  { species_group: 'oak', site_class: 1, a_m3_per_ha: 290, k_per_yr: 0.04, c: 1.6, source: PLACEHOLDER, unverified: true },
  { species_group: 'oak', site_class: 2, a_m3_per_ha: 220, k_per_yr: 0.04, c: 1.6, source: PLACEHOLDER, unverified: true },
  { species_group: 'oak', site_class: 3, a_m3_per_ha: 155, k_per_yr: 0.04, c: 1.6, source: PLACEHOLDER, unverified: true },
  { species_group: 'hard_broadleaf', site_class: 1, a_m3_per_ha: 310, k_per_yr: 0.04, c: 1.6, source: PLACEHOLDER, unverified: true },
  { species_group: 'hard_broadleaf', site_class: 2, a_m3_per_ha: 240, k_per_yr: 0.04, c: 1.6, source: PLACEHOLDER, unverified: true },
  { species_group: 'hard_broadleaf', site_class: 3, a_m3_per_ha: 170, k_per_yr: 0.04, c: 1.6, source: PLACEHOLDER, unverified: true },
  { species_group: 'soft_broadleaf', site_class: 1, a_m3_per_ha: 330, k_per_yr: 0.06, c: 1.8, source: PLACEHOLDER, unverified: true },
  { species_group: 'soft_broadleaf', site_class: 2, a_m3_per_ha: 250, k_per_yr: 0.06, c: 1.8, source: PLACEHOLDER, unverified: true },
  { species_group: 'soft_broadleaf', site_class: 3, a_m3_per_ha: 175, k_per_yr: 0.06, c: 1.8, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_conifer', site_class: 1, a_m3_per_ha: 340, k_per_yr: 0.05, c: 1.9, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_conifer', site_class: 2, a_m3_per_ha: 260, k_per_yr: 0.05, c: 1.9, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_conifer', site_class: 3, a_m3_per_ha: 180, k_per_yr: 0.05, c: 1.9, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_broadleaf', site_class: 1, a_m3_per_ha: 310, k_per_yr: 0.045, c: 1.7, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_broadleaf', site_class: 2, a_m3_per_ha: 240, k_per_yr: 0.045, c: 1.7, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_broadleaf', site_class: 3, a_m3_per_ha: 170, k_per_yr: 0.045, c: 1.7, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_conifer_broadleaf', site_class: 1, a_m3_per_ha: 320, k_per_yr: 0.047, c: 1.8, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_conifer_broadleaf', site_class: 2, a_m3_per_ha: 245, k_per_yr: 0.047, c: 1.8, source: PLACEHOLDER, unverified: true },
  { species_group: 'mixed_conifer_broadleaf', site_class: 3, a_m3_per_ha: 170, k_per_yr: 0.047, c: 1.8, source: PLACEHOLDER, unverified: true },
];

/** Species group whose curve is used for groups absent from the growth table. */
export const GROWTH_FALLBACK_GROUP = 'mixed_conifer_broadleaf';
/** Site class used when a stand has none. */
export const DEFAULT_SITE_CLASS = 2;

/** Richards volume, m³/ha, at age t (yr); 0 for t ≤ 0. */
export function richardsVolume(p: Pick<GrowthRow, 'a_m3_per_ha' | 'k_per_yr' | 'c'>, age_yr: number): number {
  if (!(age_yr > 0)) return 0;
  return p.a_m3_per_ha * (1 - Math.exp(-p.k_per_yr * age_yr)) ** p.c;
}

/** Age (yr) at which the curve reaches V (m³/ha); null when V ≥ A (curve never reaches it). */
export function ageAtVolume_yr(p: Pick<GrowthRow, 'a_m3_per_ha' | 'k_per_yr' | 'c'>, volume_m3_per_ha: number): number | null {
  if (!(volume_m3_per_ha > 0)) return 0;
  const r = volume_m3_per_ha / p.a_m3_per_ha;
  if (r >= 1) return null;
  return -Math.log(1 - r ** (1 / p.c)) / p.k_per_yr;
}

/**
 * The growth row for a species group and site class. Falls back to GROWTH_FALLBACK_GROUP for
 * unknown groups (`fallback: true`). Throws for a site class the table does not have.
 */
export function growthRow(
  species_group: string,
  site_class: number,
  table: readonly GrowthRow[] = GROWTH_PARAMS,
): { row: GrowthRow; fallback: boolean } {
  // some/find, not filter: this runs for every stand in every Monte Carlo run, and the arrays
  // filter made were a good part of a parcel analysis's garbage.
  const fallback = !table.some((r) => r.species_group === species_group);
  const group = fallback ? GROWTH_FALLBACK_GROUP : species_group;
  const row = table.find((r) => r.species_group === group && r.site_class === site_class);
  if (!row) {
    const classes = table.filter((r) => r.species_group === group).map((r) => r.site_class).join(', ');
    throw new RangeError(`no growth curve for ${fallback ? GROWTH_FALLBACK_GROUP : species_group} site class ${site_class}; available: ${classes}`);
  }
  return { row, fallback };
}

/** Stock volume at age (m³/ha). */
export function volumeAtAge_m3_per_ha(species_group: string, site_class: number, age_yr: number, table: readonly GrowthRow[] = GROWTH_PARAMS): number {
  return richardsVolume(growthRow(species_group, site_class, table).row, age_yr);
}

/** A growth curve fitted to one stand. */
export interface CalibratedStand {
  species_group: string;
  row: GrowthRow;
  /** True when the species group has no curve and the fallback group's was used. */
  growth_fallback: boolean;
  /** Current age on the curve, yr; null = beyond the asymptote (mature: no further growth). */
  age_yr: number | null;
  /** Multiplier on the curve so it passes through the observed volume. */
  scale: number;
  /** Current stock volume, m³/ha. */
  volume_m3_per_ha: number;
  how: 'age_and_volume' | 'volume_only' | 'age_only';
}

/**
 * Fit a growth curve to a stand. Needs age or volume (or both).
 * @param age_yr stand age, yr (null if unknown)
 * @param volume_m3_per_ha observed stock volume, m³/ha (null if unknown)
 */
export function calibrateStand(
  species_group: string,
  site_class: number,
  age_yr: number | null,
  volume_m3_per_ha: number | null,
  table: readonly GrowthRow[] = GROWTH_PARAMS,
): CalibratedStand {
  const { row, fallback } = growthRow(species_group, site_class, table);
  const base = { species_group, row, growth_fallback: fallback };
  if (age_yr !== null && volume_m3_per_ha !== null) {
    const v = richardsVolume(row, age_yr);
    return { ...base, age_yr, scale: v > 0 ? volume_m3_per_ha / v : 1, volume_m3_per_ha, how: 'age_and_volume' };
  }
  if (volume_m3_per_ha !== null) {
    const t = ageAtVolume_yr(row, volume_m3_per_ha);
    return { ...base, age_yr: t, scale: t === null ? volume_m3_per_ha / row.a_m3_per_ha : 1, volume_m3_per_ha, how: 'volume_only' };
  }
  if (age_yr !== null) {
    return { ...base, age_yr, scale: 1, volume_m3_per_ha: richardsVolume(row, age_yr), how: 'age_only' };
  }
  throw new Error('a growth curve needs the stand age or its stock volume');
}

/** Volume of a calibrated stand `years` from now, m³/ha. */
export function projectedVolume_m3_per_ha(s: CalibratedStand, years: number): number {
  if (s.age_yr === null) return s.volume_m3_per_ha; // beyond the asymptote: no growth
  return s.scale * richardsVolume(s.row, s.age_yr + years);
}

/** Tree carbon of a calibrated stand `years` from now, t C/ha (stand route). */
export function projectedCarbon_tC_per_ha(
  s: CalibratedStand,
  years: number,
  stand: Readonly<Record<string, StandParams>> = STAND_PARAMS,
  fallback: IpccFallback = IPCC_FALLBACK,
): number {
  return standBiomass(projectedVolume_m3_per_ha(s, years), s.species_group, stand, fallback).total_tC_per_ha;
}

/**
 * Annual sequestration C(t+1) − C(t) of a stand at age t on its (uncalibrated) curve, t C/ha/yr.
 */
export function annualSequestration_tC_per_ha(
  species_group: string,
  site_class: number,
  age_yr: number,
  table: readonly GrowthRow[] = GROWTH_PARAMS,
  stand: Readonly<Record<string, StandParams>> = STAND_PARAMS,
  fallback: IpccFallback = IPCC_FALLBACK,
): number {
  const s = calibrateStand(species_group, site_class, age_yr, null, table);
  return projectedCarbon_tC_per_ha(s, 1, stand, fallback) - projectedCarbon_tC_per_ha(s, 0, stand, fallback);
}
