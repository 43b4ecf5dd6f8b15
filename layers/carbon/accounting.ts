/**
 * Project accounting (CCER-style): eligibility under a methodology (methodologies.ts), and
 * baseline vs project over a crediting period.
 *
 *     ΔC_project,t = (C_t2 − C_t1) / (t2 − t1)                     stock difference, annualised
 *     ER_t         = ΔC_project,t − ΔC_baseline,t − LK_t − GHG_project,t      (t CO2e)
 *     creditable_t = ER_t · (1 − uncertainty_deduction) · (1 − buffer)        when ER_t > 0
 *     creditable_t = ER_t                                                      when ER_t ≤ 0
 *
 * A negative ER (a reversal) is debited in full: applying the deductions to a debit would
 * shrink it, which is not conservative.
 *
 * Reference: carbon.md §6 (CCER-14-001-V01 afforestation 2023; NDRC AR-CM-003 forest management,
 * AR-CM-005 bamboo management; no national inland-wetland methodology).
 */
import type { Methodology } from './methodologies.ts';
import type { Finding } from '../core/findings.ts';
import { CO2E_PER_C, M2_PER_HA } from '../core/units.ts';

export interface EligibilityInput {
  /** Whole parcel area, ha. */
  parcel_area_ha: number;
  /** Area of the land-cover classes where the activity takes place, ha. */
  activity_area_ha: number;
  /** Wetland area inside the parcel (wetland classes or records), ha. */
  wetland_area_ha: number;
  /** Years the land has been non-forest (user-declared flag); undefined/null = not stated. */
  non_forest_years?: number | null;
  crediting_years: number;
}

export interface EligibilityReason extends Finding {
  /** true: the project cannot be credited; false: informational. */
  blocking: boolean;
}

export interface Eligibility {
  methodology: string;
  eligible: boolean;
  reasons: EligibilityReason[];
}

/** Check the methodology's eligibility rules; every failed rule is returned with a reason. */
export function checkEligibility(m: Methodology, input: EligibilityInput): Eligibility {
  const reasons: EligibilityReason[] = [];
  const add = (code: string, blocking: boolean, zh: string, en: string) => reasons.push({ code, blocking, zh, en });
  const cy = input.crediting_years;
  if (!Number.isInteger(cy) || cy < m.crediting_years.min || cy > m.crediting_years.max) {
    add(
      'crediting_years_out_of_range',
      true,
      `计入期 ${cy} 年不在方法学 ${m.id} 允许的 ${m.crediting_years.min}–${m.crediting_years.max} 年范围内`,
      `crediting period ${cy} years is outside the ${m.crediting_years.min}–${m.crediting_years.max} years allowed by ${m.id}`,
    );
  }
  const minHa = m.min_parcel_m2.value / M2_PER_HA;
  if (input.parcel_area_ha < minHa) {
    add(
      'parcel_too_small',
      true,
      `地块面积 ${(input.parcel_area_ha * M2_PER_HA).toFixed(0)} m² 小于最小面积 ${m.min_parcel_m2.value.toFixed(0)} m²`,
      `parcel area ${(input.parcel_area_ha * M2_PER_HA).toFixed(0)} m² is below the minimum ${m.min_parcel_m2.value.toFixed(0)} m²`,
    );
  }
  if (input.activity_area_ha <= 0) {
    add(
      'no_activity_land',
      true,
      `地块内没有适用于${m.name_zh}的土地(地类代码 ${m.activity_classes.join(', ')})`,
      `the parcel has no land where ${m.name_en} applies (land-cover codes ${m.activity_classes.join(', ')})`,
    );
  } else if (input.activity_area_ha < minHa) {
    add(
      'activity_land_too_small',
      true,
      `项目活动面积 ${(input.activity_area_ha * M2_PER_HA).toFixed(0)} m² 小于最小面积 ${m.min_parcel_m2.value.toFixed(0)} m²`,
      `the activity area ${(input.activity_area_ha * M2_PER_HA).toFixed(0)} m² is below the minimum ${m.min_parcel_m2.value.toFixed(0)} m²`,
    );
  }
  if (m.excludes_wetland && input.wetland_area_ha > 0) {
    add(
      'wetland_excluded',
      false,
      `地块内 ${input.wetland_area_ha.toFixed(2)} 公顷湿地不符合条件,已从项目面积中排除`,
      `${input.wetland_area_ha.toFixed(2)} ha of wetland in the parcel is not eligible and is excluded from the project area`,
    );
  }
  if (m.required_non_forest_years) {
    const need = m.required_non_forest_years.value;
    const have = input.non_forest_years;
    if (have === undefined || have === null) {
      add(
        'non_forest_years_missing',
        true,
        `需声明项目开始前该土地已连续 ≥ ${need} 年为无林地 (non_forest_years)`,
        `declare how many years the land has been non-forest (non_forest_years); ${m.id} requires ≥ ${need}`,
      );
    } else if (have < need) {
      add(
        'non_forest_years_too_few',
        true,
        `土地无林年限 ${have} 年,少于方法学要求的 ${need} 年`,
        `the land has been non-forest for ${have} years; ${m.id} requires ≥ ${need}`,
      );
    }
  }
  return { methodology: m.id, eligible: !reasons.some((r) => r.blocking), reasons };
}

/** Stock-difference change, annualised: (C_t2 − C_t1)/(t2 − t1) (unit of C per year). */
export function annualisedStockChange(c_t1: number, c_t2: number, t1: number, t2: number): number {
  if (!(t2 > t1)) throw new RangeError(`t2 (${t2}) must be after t1 (${t1})`);
  return (c_t2 - c_t1) / (t2 - t1);
}

/**
 * Uncertainty deduction (fraction) from the plot-sample relative error U (%, 90 % confidence):
 * max(0, U − target)/100, capped at 1. tantu simplification [unverified].
 */
export function uncertaintyDeduction(relative_error_pct: number, target_pct: number): number {
  if (!(relative_error_pct >= 0)) throw new RangeError(`relative error must be ≥ 0 %, got ${relative_error_pct}`);
  return Math.min(1, Math.max(0, relative_error_pct - target_pct) / 100);
}

export interface AccountingInput {
  methodology: Methodology;
  /** First vintage year (calendar). */
  start_year: number;
  /** Baseline stock at the start of each year and the end of the last: n + 1 values, t C. */
  baseline_stock_tC: readonly number[];
  /** Project stock, same shape, t C. */
  project_stock_tC: readonly number[];
  /** Leakage per year (t CO2e), or omitted: methodology leakage_fraction × project removals. */
  leakage_tCO2e?: readonly number[] | number;
  /** Project GHG emissions per year (t CO2e), default 0. */
  project_emissions_tCO2e?: readonly number[] | number;
  /** Plot-sample relative error (%, 90 % confidence); sets the deduction. */
  relative_error_pct?: number;
  /** Explicit uncertainty deduction (fraction), overrides the above. */
  uncertainty_deduction?: number;
  /** Explicit buffer fraction, overrides the methodology. */
  buffer_fraction?: number;
}

export interface VintageRow {
  year: number;
  baseline_stock_tCO2e: number;
  project_stock_tCO2e: number;
  /** ΔC_baseline over the year, t CO2e. */
  baseline_removal_tCO2e: number;
  /** ΔC_project over the year, t CO2e. */
  project_removal_tCO2e: number;
  leakage_tCO2e: number;
  project_emissions_tCO2e: number;
  er_tCO2e: number;
  creditable_tCO2e: number;
  cumulative_creditable_tCO2e: number;
}

export interface AccountingResult {
  methodology: string;
  uncertainty_deduction: number;
  buffer_fraction: number;
  vintages: VintageRow[];
  total_er_tCO2e: number;
  total_creditable_tCO2e: number;
}

function perYear(v: readonly number[] | number | undefined, n: number, name: string): number[] | null {
  if (v === undefined) return null;
  if (typeof v === 'number') return new Array(n).fill(v);
  if (v.length !== n) throw new Error(`${name} must have one value per vintage year (${n}), got ${v.length}`);
  return [...v];
}

/** Vintage-by-vintage accounting (all flows in t CO2e). */
export function accountProject(input: AccountingInput): AccountingResult {
  const m = input.methodology;
  const n = input.project_stock_tC.length - 1;
  if (n < 1) throw new Error('project stock needs at least two values (start and end of the first year)');
  if (input.baseline_stock_tC.length !== n + 1) {
    throw new Error(`baseline and project stock series differ in length (${input.baseline_stock_tC.length} vs ${n + 1})`);
  }
  const u =
    input.uncertainty_deduction ??
    (input.relative_error_pct !== undefined
      ? uncertaintyDeduction(input.relative_error_pct, m.precision_target_pct.value)
      : m.default_uncertainty_deduction.value);
  const b = input.buffer_fraction ?? m.buffer_fraction.value;
  for (const [name, f] of [['uncertainty deduction', u], ['buffer', b]] as const) {
    if (!(f >= 0 && f <= 1)) throw new RangeError(`${name} must be a fraction in [0, 1], got ${f}`);
  }
  const lk = perYear(input.leakage_tCO2e, n, 'leakage_tCO2e');
  const ghg = perYear(input.project_emissions_tCO2e, n, 'project_emissions_tCO2e') ?? new Array(n).fill(0);
  const vintages: VintageRow[] = [];
  let cum = 0;
  let totalEr = 0;
  for (let i = 0; i < n; i++) {
    const dP = annualisedStockChange(input.project_stock_tC[i]!, input.project_stock_tC[i + 1]!, i, i + 1) * CO2E_PER_C;
    const dB = annualisedStockChange(input.baseline_stock_tC[i]!, input.baseline_stock_tC[i + 1]!, i, i + 1) * CO2E_PER_C;
    const leak = lk ? lk[i]! : m.leakage_fraction.value * Math.max(0, dP);
    const er = dP - dB - leak - ghg[i]!;
    const credit = er > 0 ? er * (1 - u) * (1 - b) : er;
    cum += credit;
    totalEr += er;
    vintages.push({
      year: input.start_year + i,
      baseline_stock_tCO2e: input.baseline_stock_tC[i + 1]! * CO2E_PER_C,
      project_stock_tCO2e: input.project_stock_tC[i + 1]! * CO2E_PER_C,
      baseline_removal_tCO2e: dB,
      project_removal_tCO2e: dP,
      leakage_tCO2e: leak,
      project_emissions_tCO2e: ghg[i]!,
      er_tCO2e: er,
      creditable_tCO2e: credit,
      cumulative_creditable_tCO2e: cum,
    });
  }
  return { methodology: m.id, uncertainty_deduction: u, buffer_fraction: b, vintages, total_er_tCO2e: totalEr, total_creditable_tCO2e: cum };
}
