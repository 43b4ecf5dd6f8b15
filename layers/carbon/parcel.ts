/**
 * Parcel carbon analysis — the composition behind `POST /api/analysis/carbon`.
 *
 * Input is pure data gathered by the API (PostGIS areas, raster class areas, intersected
 * stands and wetlands); output is stock, sink, projection, credits, value, range and the exact
 * parameters used. No I/O.
 *
 * ROUTING RULE (which model gives the carbon of which hectare):
 * 1. Land-cover class areas (raster, inside the parcel) are the frame. Every hectare of a class
 *    is either covered by a stand / wetland record or is "remainder".
 * 2. Stands (小班) cover land of their own kind: arbor → forest classes 1–4 (own species' class
 *    first, see STAND_CLASS_PREFERENCE in allocation.ts), bamboo → class 5, shrub → class 6. Allocation is
 *    order-independent: all stands claim their 1st-preference class at once (pro rata if the
 *    class is too small), then their 2nd, and so on. Stand area that finds no matching land
 *    cover is not counted (warning) — the raster says the land is something else.
 *    On covered land the stand route REPLACES the biomass pools (above, below):
 *    arbor = V·SVD·BEF·(1+R)·CF (stand.ts), bamboo = culm allometry or stand fallback
 *    (bamboo.ts); soil and dead organic matter come from the class row of the pools table.
 *    Shrub stands have no stand model: the class pools apply.
 * 3. Wetland records cover classes 9 (marsh) / 10 (open water) — marsh first for type 'marsh',
 *    open water first for the others — and REPLACE all four pools with the wetland table's
 *    stock densities; their sink is the burial rate (wetland.ts).
 * 4. Remainder land uses the pools table (pools.ts). Its sink: forest classes grow along the
 *    growth curve of the class's representative species (CLASS_ROUTING), calibrated so that its
 *    current volume reproduces the class's above-ground biomass; bamboo remainder gets the
 *    managed bamboo sink; marsh remainder the marsh burial rate; open water not matched to a
 *    wetland record gets no sink (warning); every other class none (IPCC Tier 1 steady state).
 * 5. Parcel area not covered by land-cover classes (raster nodata, edge pixels) carries no
 *    carbon and is reported as `unclassified_area_ha`.
 *
 * MODULES: inventory.ts (input and its checks) → scenario.ts (defaults) → allocation.ts (steps
 * 1–4: which route covers which hectare) → composition.ts (classes, stands, totals) →
 * projection.ts (eligibility, crediting projection, value) and range.ts (Monte Carlo range);
 * findings.ts holds the text of every warning. The per-ha values of stands (step 2) and of class
 * remainder land (step 4) come from stand-carbon.ts (`standPerHa`, `classDefaultPerHa`), which
 * the carbon layer builder (data-pipeline/build/carbon-layers.ts) uses too. Warnings about single
 * stands / wetland records are reported once per code, with the count, the total area and the ids
 * (`Findings`, layers/core/findings.ts).
 *
 * INVARIANTS (tested): Σ classes = total; t CO2e = t C × 44/12; splitting an inventory in two
 * (every item scaled by f and 1 − f, or partitioned into two internally consistent halves) gives
 * the same total stock and sink.
 */
import type { Eligibility } from './accounting.ts';
import { STAND_CLASS_PREFERENCE, allocateParcel } from './allocation.ts';
import { composeClasses, composeStands, footprints, parcelPools, type ClassResult, type PoolStock, type StandResult } from './composition.ts';
import { unverifiedParameters } from './findings.ts';
import { checkInventory, type ParcelInventory } from './inventory.ts';
import { METHODOLOGIES, type Methodology } from './methodologies.ts';
import { creditValue, projectCredits, type CreditProjection, type ParcelValue, type ProjectionRow } from './projection.ts';
import { carbonRange, type CarbonRange, type DominantParameter } from './range.ts';
import { resolveScenario, type CarbonScenario } from './scenario.ts';
import { DEFAULT_STAND_CARBON_TABLES, UNIT_FACTORS, type StandCarbonTables } from './stand-carbon.ts';
import { PARCEL_UNCERTAINTY } from './uncertainty.ts';
import { PRICE_SCENARIOS, VALUE_PARAMS, type PriceScenario, type ValueParams } from './value.ts';
import { onePerCode, type Finding } from '../core/findings.ts';
import type { UncertainParam } from '../core/monte-carlo.ts';
import { unverifiedKeys, type SourcedValue } from '../core/sourced.ts';
import { CO2E_PER_C, MU_PER_HA, sumPrecise } from '../core/units.ts';

// The inputs of the public entry, and the pool breakdown the web app shows.
export type { ParcelInventory } from './inventory.ts';
export type { CarbonScenario } from './scenario.ts';
export type { PoolStock } from './composition.ts';

export const CARBON_MODEL_VERSION = 'tantu-carbon 0.1.0';

/** Every table the parcel analysis uses; pass a modified copy to override any of them. */
export interface CarbonTables extends StandCarbonTables {
  methodologies: Readonly<Record<string, Methodology>>;
  prices: Readonly<Record<PriceScenario, SourcedValue>>;
  value: ValueParams;
  stand_class_preference: Readonly<Record<string, readonly number[]>>;
  uncertainty: readonly UncertainParam[];
}

export const DEFAULT_CARBON_TABLES: CarbonTables = {
  ...DEFAULT_STAND_CARBON_TABLES, // pools, stand, ipcc, bamboo, wetland, growth, class_routing
  methodologies: METHODOLOGIES,
  prices: PRICE_SCENARIOS,
  value: VALUE_PARAMS,
  stand_class_preference: STAND_CLASS_PREFERENCE,
  uncertainty: PARCEL_UNCERTAINTY,
};

export interface ParcelCarbonResult {
  model_version: string;
  area_ha: number;
  area_mu: number;
  /** Parcel area with land-cover classes (counted footprint), ha. */
  classified_area_ha: number;
  /** Parcel area without a class (no carbon counted), ha. */
  unclassified_area_ha: number;
  classes: ClassResult[];
  total: {
    stock_tC: number;
    stock_tCO2e: number;
    sink_tC_per_yr: number;
    sink_tCO2e_per_yr: number;
    pools_tC: PoolStock;
  } & Pick<CarbonRange, 'range' | 'sink_range'>;
  eligibility: Eligibility;
  projection: ProjectionRow[];
  credits: CreditProjection['credits'];
  value: ParcelValue;
  stands: StandResult[];
  warnings: Finding[];
  dominant_parameters: DominantParameter[];
  params: {
    model_version: string;
    scenario: Required<Pick<CarbonScenario, 'methodology' | 'crediting_years' | 'start_year' | 'monte_carlo_runs' | 'seed'>> & CarbonScenario;
    methodology: Methodology;
    tables: CarbonTables;
  };
}

/** Names of the parameters used that are flagged unverified (the `unverified_parameters` warning). */
export function unverifiedParameterNames(tables: CarbonTables, methodology: Methodology): string[] {
  const names: string[] = [];
  for (const r of tables.pools) if (r.unverified) names.push(`pools.${r.lulc_name ?? r.lucode}`);
  for (const k of unverifiedKeys(tables.stand)) names.push(`stand.${k}`);
  if (tables.bamboo.allometry.unverified) names.push('bamboo.allometry');
  for (const k of ['root_shoot', 'cf', 'fallback_biomass_tC_per_ha'] as const) if (tables.bamboo[k].unverified) names.push(`bamboo.${k}`);
  for (const [k, r] of Object.entries(tables.wetland)) if (r.burial_tC_per_ha_yr.unverified) names.push(`wetland.${k}.burial`);
  if (tables.growth.some((r) => r.unverified)) names.push('growth (all curves)');
  if (methodology.unverified) names.push(`methodology.${methodology.id}`);
  if (tables.value.discount_rate_pct.unverified) names.push('value.discount_rate_pct');
  if (tables.value.split.unverified) names.push('value.split.households_share_of_villages');
  return names;
}

/**
 * Carbon stock, sink, crediting projection, value and uncertainty of one parcel.
 * Pure and deterministic: the same inventory, scenario and tables give the same result.
 * @throws CarbonInputError (inventory.ts) for malformed input; UnknownMethodologyError for an unknown
 *   methodology; MissingLucodeError for classes absent from the pools table — all ModelInputErrors
 */
export function analyseParcelCarbon(
  inventory: ParcelInventory,
  scenario: CarbonScenario = {},
  tables: CarbonTables = DEFAULT_CARBON_TABLES,
): ParcelCarbonResult {
  checkInventory(inventory);
  const settings = resolveScenario(scenario, inventory.stands.length, tables.methodologies);
  const { methodology, crediting_years, start_year, monte_carlo_runs, seed } = settings;

  const allocation = allocateParcel(inventory, tables, UNIT_FACTORS);
  const footprint = footprints(allocation, inventory.area_ha);
  const classes = composeClasses(allocation, tables);
  const pools_tC = parcelPools(classes);
  const sink_tC_per_yr = sumPrecise(classes.map((x) => x.sink_tC_per_yr));
  const credits = projectCredits(inventory, allocation, scenario, settings, tables);
  const uncertainty = carbonRange(inventory, tables, monte_carlo_runs, seed);
  const unverified = unverifiedParameterNames(tables, methodology);
  const warnings = [...allocation.findings, ...footprint.findings, ...credits.findings, ...(unverified.length ? [unverifiedParameters(unverified)] : [])];

  return {
    model_version: CARBON_MODEL_VERSION,
    area_ha: inventory.area_ha,
    area_mu: inventory.area_ha * MU_PER_HA,
    classified_area_ha: footprint.classified_area_ha,
    unclassified_area_ha: footprint.unclassified_area_ha,
    classes,
    total: {
      stock_tC: pools_tC.total,
      stock_tCO2e: pools_tC.total * CO2E_PER_C,
      sink_tC_per_yr,
      sink_tCO2e_per_yr: sink_tC_per_yr * CO2E_PER_C,
      pools_tC,
      range: uncertainty.range,
      sink_range: uncertainty.sink_range,
    },
    eligibility: credits.eligibility,
    projection: credits.projection,
    credits: credits.credits,
    value: creditValue(credits.projection, scenario, tables),
    stands: composeStands(allocation, tables, inventory.area_ha),
    warnings: onePerCode(warnings),
    dominant_parameters: uncertainty.dominant_parameters,
    params: {
      model_version: CARBON_MODEL_VERSION,
      scenario: { ...scenario, methodology: methodology.id, crediting_years, start_year, monte_carlo_runs, seed },
      methodology,
      tables,
    },
  };
}
