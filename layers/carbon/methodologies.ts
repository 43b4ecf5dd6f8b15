/**
 * Crediting methodologies as versioned parameter sets, not code, so Zhejiang local schemes
 * (竹林碳汇收储, 林业碳票) can be added as rows; and their lookup by id or alias.
 *
 * Reference: carbon.md §6 (CCER-14-001-V01 afforestation 2023; NDRC AR-CM-003 forest management,
 * AR-CM-005 bamboo management; no national inland-wetland methodology).
 */
import { ModelInputError } from '../core/errors.ts';
import type { Sourced, SourcedValue } from '../core/sourced.ts';

export type Activity = 'afforestation' | 'forest_management' | 'bamboo_management' | 'wetland_restoration';

export interface Methodology extends Sourced {
  id: string;
  version: string;
  name_zh: string;
  name_en: string;
  activity: Activity;
  /** Allowed crediting period, years. */
  crediting_years: { min: number; max: number; default: number } & Sourced;
  /** Minimum parcel area, m². */
  min_parcel_m2: SourcedValue;
  /** Years the land must have been non-forest before the project (null: no such rule). */
  required_non_forest_years: SourcedValue | null;
  /** Wetland land is not eligible. */
  excludes_wetland: boolean;
  /** Carbon pools counted. */
  pools: readonly string[];
  /** Leakage as a fraction of project removals. */
  leakage_fraction: SourcedValue;
  /** Baseline removals as a fraction of project removals, used when no project-specific baseline is given. */
  baseline_sink_fraction: SourcedValue;
  /** Sample-plot precision target: relative error (%) at 90 % confidence above which a deduction applies. */
  precision_target_pct: SourcedValue;
  /** Uncertainty deduction (fraction) applied when no plot precision is given. */
  default_uncertainty_deduction: SourcedValue;
  /** Non-permanence risk buffer (fraction of credits withheld). */
  buffer_fraction: SourcedValue;
  /** Land-cover codes (layers/landcover/classes.ts) where the activity can take place. */
  activity_classes: readonly number[];
}

const BUFFER_DEFAULT: SourcedValue = {
  value: 0.1,
  unit: 'fraction',
  source: 'tantu conservative default; the methodology text has not been checked for a buffer rule — override from the PDD',
  unverified: true,
};
const NO_DEDUCTION_DEFAULT: SourcedValue = {
  value: 0,
  unit: 'fraction',
  source: 'tantu default: 0 when no plot precision is given; pass the measured relative error to compute a deduction',
  unverified: true,
};
const PRECISION_TARGET: SourcedValue = {
  value: 10,
  unit: '% relative error at 90 % confidence',
  source: 'carbon.md §6: sample-plot precision target at 90 % confidence, deduction when missed; the 10 % figure and the linear deduction max(0, U − 10 %) are a tantu simplification (not checked against the methodology text)',
  unverified: true,
};

export const METHODOLOGIES: Readonly<Record<string, Methodology>> = {
  'CCER-14-001-V01': {
    id: 'CCER-14-001-V01',
    version: 'V01 (2023)',
    name_zh: '温室气体自愿减排项目方法学 造林碳汇',
    name_en: 'CCER afforestation carbon sink',
    activity: 'afforestation',
    crediting_years: { min: 20, max: 40, default: 30, source: 'carbon.md §6: crediting period 20–40 years', unverified: false },
    min_parcel_m2: { value: 400, unit: 'm²', source: 'carbon.md §6: minimum parcel 400 m²', unverified: false },
    required_non_forest_years: { value: 3, unit: 'yr', source: 'carbon.md §6: land non-forest for ≥ 3 years', unverified: false },
    excludes_wetland: true,
    pools: ['above-ground tree biomass', 'below-ground tree biomass'],
    leakage_fraction: { value: 0, unit: 'fraction', source: 'carbon.md §6: leakage 0 by eligibility', unverified: false },
    baseline_sink_fraction: {
      value: 0,
      unit: 'fraction',
      source: 'tantu default: baseline vegetation on non-forest land assumed not to accumulate carbon (check baseline shrubs/trees per the methodology)',
      unverified: true,
    },
    precision_target_pct: PRECISION_TARGET,
    default_uncertainty_deduction: NO_DEDUCTION_DEFAULT,
    buffer_fraction: BUFFER_DEFAULT,
    activity_classes: [12, 13, 14],
    source: 'CCER-14-001-V01 (2023) as summarised in carbon.md §6; plantable classes (bare/mine, closed landfill, grassland) are a tantu choice — cropland and tea/orchard excluded (farmland protection)',
    unverified: true,
  },
  'AR-CM-003-V01': {
    id: 'AR-CM-003-V01',
    version: 'V01',
    name_zh: '森林经营碳汇项目方法学',
    name_en: 'Forest management carbon sink (NDRC)',
    activity: 'forest_management',
    crediting_years: { min: 20, max: 60, default: 30, source: 'carbon.md §6: older NDRC methodologies, crediting 20–60 years', unverified: false },
    min_parcel_m2: { value: 400, unit: 'm²', source: 'tantu: same 400 m² minimum as CCER-14-001 (not checked for AR-CM-003)', unverified: true },
    required_non_forest_years: null,
    excludes_wetland: true,
    pools: ['above-ground tree biomass', 'below-ground tree biomass'],
    leakage_fraction: { value: 0, unit: 'fraction', source: 'tantu default 0 (not checked against AR-CM-003)', unverified: true },
    baseline_sink_fraction: {
      value: 0,
      unit: 'fraction',
      source: 'tantu default: no project-specific baseline given, all growth counted (local-scheme style); AR-CM-003 needs a business-as-usual baseline from the PDD — override',
      unverified: true,
    },
    precision_target_pct: PRECISION_TARGET,
    default_uncertainty_deduction: NO_DEDUCTION_DEFAULT,
    buffer_fraction: BUFFER_DEFAULT,
    activity_classes: [1, 2, 3, 4],
    source: 'NDRC AR-CM-003 as summarised in carbon.md §6',
    unverified: true,
  },
  'AR-CM-005-V01': {
    id: 'AR-CM-005-V01',
    version: 'V01',
    name_zh: '竹林经营碳汇项目方法学',
    name_en: 'Bamboo forest management carbon sink (NDRC)',
    activity: 'bamboo_management',
    crediting_years: { min: 20, max: 60, default: 30, source: 'carbon.md §6: older NDRC methodologies, crediting 20–60 years', unverified: false },
    min_parcel_m2: { value: 10_000 / 15, unit: 'm²', source: 'carbon.md §4: bamboo stand ≥ 1 亩 (666.7 m²)', unverified: false },
    required_non_forest_years: null,
    excludes_wetland: true,
    pools: ['above-ground bamboo biomass', 'below-ground bamboo biomass'],
    leakage_fraction: { value: 0, unit: 'fraction', source: 'tantu default 0 (not checked against AR-CM-005)', unverified: true },
    baseline_sink_fraction: {
      value: 0,
      unit: 'fraction',
      source: 'tantu default: the Zhejiang managed net gain (0.54 t C/ha/yr) is counted whole; AR-CM-005 needs the baseline management from the PDD — override',
      unverified: true,
    },
    precision_target_pct: PRECISION_TARGET,
    default_uncertainty_deduction: NO_DEDUCTION_DEFAULT,
    buffer_fraction: BUFFER_DEFAULT,
    activity_classes: [5],
    source: 'NDRC AR-CM-005 as summarised in carbon.md §6',
    unverified: true,
  },
  'ZJ-WETLAND-LOCAL-V0': {
    id: 'ZJ-WETLAND-LOCAL-V0',
    version: 'V0 (tantu draft)',
    name_zh: '湿地碳汇(地方方案)',
    name_en: 'Wetland restoration carbon sink (local scheme)',
    activity: 'wetland_restoration',
    crediting_years: {
      min: 1,
      max: 30,
      default: 10,
      source: 'tantu choice: no national inland-wetland methodology (carbon.md §5); local deals (Deqing 下渚湖) sell annual amounts',
      unverified: true,
    },
    min_parcel_m2: { value: 400, unit: 'm²', source: 'tantu choice, aligned with CCER-14-001', unverified: true },
    required_non_forest_years: null,
    excludes_wetland: false,
    pools: ['sediment / soil organic carbon burial'],
    leakage_fraction: { value: 0, unit: 'fraction', source: 'tantu default 0', unverified: true },
    baseline_sink_fraction: {
      value: 0,
      unit: 'fraction',
      source: 'tantu default: the degraded baseline is assumed to bury nothing — override with a measured baseline',
      unverified: true,
    },
    precision_target_pct: PRECISION_TARGET,
    default_uncertainty_deduction: NO_DEDUCTION_DEFAULT,
    buffer_fraction: BUFFER_DEFAULT,
    activity_classes: [9, 10],
    source: 'tantu draft parameter set for local wetland schemes (carbon.md §5: rates are parameters)',
    unverified: true,
  },
};

export const DEFAULT_METHODOLOGY_ID = 'AR-CM-003-V01';

/** Unversioned names accepted for convenience; results always report the versioned id. */
export const METHODOLOGY_ALIASES: Readonly<Record<string, string>> = {
  'CCER-14-001': 'CCER-14-001-V01',
  'AR-CM-003': 'AR-CM-003-V01',
  'AR-CM-005': 'AR-CM-005-V01',
  wetland: 'ZJ-WETLAND-LOCAL-V0',
};

/** A methodology id that is neither a versioned id of the table nor an alias. */
export class UnknownMethodologyError extends ModelInputError {
  constructor(id: string, known: readonly string[]) {
    super({
      code: 'unknown_methodology', title: 'Unknown methodology', detail: `unknown methodology '${id}'; expected one of: ${known.join(', ')}`,
      zh: { title: '未知方法学', detail: `没有方法学 “${id}”；可选：${known.join('、')}` },
    });
    this.name = 'UnknownMethodologyError';
  }
}

/**
 * Look up a methodology by versioned id or alias.
 * @throws UnknownMethodologyError naming the known ids
 */
export function getMethodology(id: string, table: Readonly<Record<string, Methodology>> = METHODOLOGIES): Methodology {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(table, k);
  const key = has(id) ? id : Object.prototype.hasOwnProperty.call(METHODOLOGY_ALIASES, id) ? METHODOLOGY_ALIASES[id]! : id;
  const m = has(key) ? table[key] : undefined;
  if (!m) throw new UnknownMethodologyError(id, Object.keys(table));
  return m;
}
