/**
 * The crediting projection of a parcel: eligibility under the methodology, project and baseline
 * stock paths over the crediting period, vintages and creditable amounts (accounting.ts), and the
 * value of the credits (value.ts).
 *
 * Project stock = stock of the methodology's activity land + its growth (afforestation: the
 * planted species from age 0 on the plantable classes); baseline stock = the same stock +
 * `baseline_sink_fraction` × growth. Ineligible projects get 0 creditable.
 */
import { accountProject, checkEligibility, type Eligibility } from './accounting.ts';
import { classGroupOf, type LandPiece, type ParcelAllocation } from './allocation.ts';
import { stockPerHa } from './composition.ts';
import { baselineDefault, eligibilityFinding, plantingDefault } from './findings.ts';
import { DEFAULT_SITE_CLASS, growthRow, richardsVolume } from './growth.ts';
import type { ParcelInventory } from './inventory.ts';
import type { Methodology } from './methodologies.ts';
import type { CarbonScenario, ResolvedScenario } from './scenario.ts';
import type { StandCarbonTables } from './stand-carbon.ts';
import { standBiomass } from './stand.ts';
import { pricePath, splitRevenue, splitShares, valueCredits, type PriceScenario, type RevenueSplit, type ValueParams } from './value.ts';
import type { Finding } from '../core/findings.ts';
import type { SourcedValue } from '../core/sourced.ts';
import { sumPrecise } from '../core/units.ts';

/** What is planted when an afforestation scenario names nothing. */
const DEFAULT_PLANTING_SPECIES = 'chinese_fir';

export interface ProjectionRow {
  year: number;
  /** Baseline removals in that vintage year, t CO2e. */
  baseline_tCO2e: number;
  /** Project removals in that vintage year, t CO2e. */
  project_tCO2e: number;
  er_tCO2e: number;
  /** Creditable amount of the vintage (0 when the project is not eligible), t CO2e. */
  creditable_tCO2e: number;
  baseline_stock_tCO2e: number;
  project_stock_tCO2e: number;
}

export interface CreditProjection {
  eligibility: Eligibility;
  projection: ProjectionRow[];
  credits: { total_creditable_tCO2e: number; uncertainty_deduction: number; buffer_fraction: number; activity_area_ha: number };
  /** Eligibility reasons and the defaults assumed, in that order. */
  findings: Finding[];
}

export interface ParcelValue {
  npv_cny: number;
  undiscounted_cny: number;
  price_cny_per_tCO2e: number;
  price_growth_pct: number;
  discount_rate_pct: number;
  split: {
    shares: { households: number; village_collective: number; cooperative: number };
    npv_cny: { households_cny: number; village_collective_cny: number; cooperative_cny: number };
    undiscounted_cny: { households_cny: number; village_collective_cny: number; cooperative_cny: number };
  };
}

type ProjectionTables = Pick<StandCarbonTables, 'growth' | 'stand' | 'ipcc' | 'class_routing'>;
type Settings = Pick<ResolvedScenario, 'methodology' | 'crediting_years' | 'start_year'>;

/** Area of the parcel's land-cover classes for which `includes` is true, ha. */
function classAreaOf(allocation: ParcelAllocation, includes: (code: number) => boolean): number {
  return sumPrecise([...allocation.class_area_ha].filter(([code]) => includes(code)).map(([, area_ha]) => area_ha));
}

/** The methodology's eligibility rules applied to the parcel. */
function eligibilityOf(
  inventory: ParcelInventory,
  allocation: ParcelAllocation,
  activity_area_ha: number,
  scenario: CarbonScenario,
  settings: Settings,
  tables: ProjectionTables,
): Eligibility {
  const groupOf = classGroupOf(tables);
  const wetlandClassArea_ha = classAreaOf(allocation, (code) => ['marsh', 'water'].includes(groupOf(code)));
  return checkEligibility(settings.methodology, {
    parcel_area_ha: inventory.area_ha,
    activity_area_ha,
    wetland_area_ha: Math.max(wetlandClassArea_ha, sumPrecise(inventory.wetlands.map((x) => x.area_ha))),
    non_forest_years: scenario.non_forest_years ?? null,
    crediting_years: settings.crediting_years,
  });
}

/**
 * Carbon the activity land gains after t years, t C: the planted species on all of it
 * (afforestation), else the growth of its land pieces.
 */
function activityGain(
  activityPieces: readonly LandPiece[],
  activity_area_ha: number,
  scenario: CarbonScenario,
  methodology: Methodology,
  tables: ProjectionTables,
  findings: Finding[],
): (years: number) => number {
  if (methodology.activity !== 'afforestation') return (years) => sumPrecise(activityPieces.map((p) => p.area_ha * p.gain_tC_per_ha(years)));
  const planting = scenario.planting ?? { species_group: DEFAULT_PLANTING_SPECIES, site_class: DEFAULT_SITE_CLASS };
  const { row } = growthRow(planting.species_group, planting.site_class, tables.growth);
  if (!scenario.planting) findings.push(plantingDefault(planting.site_class));
  return (years) => activity_area_ha * standBiomass(richardsVolume(row, years), planting.species_group, tables.stand, tables.ipcc).total_tC_per_ha;
}

/**
 * Eligibility, project and baseline stocks for years 0 … crediting_years, and the vintages of
 * the crediting period.
 */
export function projectCredits(
  inventory: ParcelInventory,
  allocation: ParcelAllocation,
  scenario: CarbonScenario,
  settings: Settings,
  tables: ProjectionTables,
): CreditProjection {
  const { methodology, crediting_years, start_year } = settings;
  const activityClasses = new Set(methodology.activity_classes);
  const activity_area_ha = classAreaOf(allocation, (code) => activityClasses.has(code));
  const eligibility = eligibilityOf(inventory, allocation, activity_area_ha, scenario, settings, tables);
  const findings: Finding[] = eligibility.reasons.map(eligibilityFinding);

  const activityPieces = allocation.pieces.filter((p) => activityClasses.has(p.code));
  const activityStock_tC = sumPrecise(activityPieces.map((p) => p.area_ha * stockPerHa(p)));
  const gain_tC = activityGain(activityPieces, activity_area_ha, scenario, methodology, tables, findings);
  const baselineSinkFraction = scenario.baseline_sink_fraction ?? methodology.baseline_sink_fraction.value;
  if (scenario.baseline_sink_fraction === undefined && methodology.baseline_sink_fraction.unverified) {
    findings.push(baselineDefault(baselineSinkFraction, methodology.id));
  }
  const project_stock_tC: number[] = [];
  const baseline_stock_tC: number[] = [];
  for (let year = 0; year <= crediting_years; year++) {
    const gained_tC = gain_tC(year);
    project_stock_tC.push(activityStock_tC + gained_tC);
    baseline_stock_tC.push(activityStock_tC + baselineSinkFraction * gained_tC);
  }

  const accounts = accountProject({
    methodology,
    start_year,
    baseline_stock_tC,
    project_stock_tC,
    relative_error_pct: scenario.relative_error_pct,
    uncertainty_deduction: scenario.uncertainty_deduction,
    buffer_fraction: scenario.buffer_fraction,
  });
  const projection: ProjectionRow[] = accounts.vintages.map((v) => ({
    year: v.year,
    baseline_tCO2e: v.baseline_removal_tCO2e,
    project_tCO2e: v.project_removal_tCO2e,
    er_tCO2e: v.er_tCO2e,
    creditable_tCO2e: eligibility.eligible ? v.creditable_tCO2e : 0,
    baseline_stock_tCO2e: v.baseline_stock_tCO2e,
    project_stock_tCO2e: v.project_stock_tCO2e,
  }));
  return {
    eligibility,
    projection,
    credits: {
      total_creditable_tCO2e: sumPrecise(projection.map((p) => p.creditable_tCO2e)),
      uncertainty_deduction: accounts.uncertainty_deduction,
      buffer_fraction: accounts.buffer_fraction,
      activity_area_ha,
    },
    findings,
  };
}

/** Value of the creditable vintages: price path, NPV, undiscounted value and the revenue split. */
export function creditValue(
  projection: readonly ProjectionRow[],
  scenario: CarbonScenario,
  tables: { prices: Readonly<Record<PriceScenario, SourcedValue>>; value: ValueParams },
): ParcelValue {
  const credits_tCO2e = projection.map((p) => p.creditable_tCO2e);
  const price_cny_per_tCO2e = scenario.price_cny_per_tCO2e ?? tables.prices[scenario.price_scenario ?? 'central'].value;
  const price_growth_pct = scenario.price_growth_pct ?? tables.value.price_growth_pct.value;
  const discount_rate_pct = scenario.discount_rate_pct ?? tables.value.discount_rate_pct.value;
  const value = valueCredits(credits_tCO2e, pricePath(price_cny_per_tCO2e, price_growth_pct, credits_tCO2e.length), discount_rate_pct);
  const split: RevenueSplit = {
    villages_share: scenario.split?.villages_share ?? tables.value.split.villages_share,
    households_share_of_villages: scenario.split?.households_share_of_villages ?? tables.value.split.households_share_of_villages,
  };
  return {
    npv_cny: value.npv_cny,
    undiscounted_cny: value.undiscounted_cny,
    price_cny_per_tCO2e,
    price_growth_pct,
    discount_rate_pct,
    split: { shares: splitShares(split), npv_cny: splitRevenue(value.npv_cny, split), undiscounted_cny: splitRevenue(value.undiscounted_cny, split) },
  };
}
