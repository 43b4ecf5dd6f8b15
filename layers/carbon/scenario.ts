/**
 * What the caller asks of a parcel analysis beyond its inventory: methodology, crediting period,
 * prices, deductions, Monte Carlo runs and seed; and the defaults that fill what is not given.
 */
import { CarbonInputError } from './inventory.ts';
import { DEFAULT_METHODOLOGY_ID, getMethodology, type Methodology } from './methodologies.ts';
import type { RevenueSplit, PriceScenario } from './value.ts';

export interface CarbonScenario {
  /** Methodology id or alias (accounting.ts METHODOLOGIES); default AR-CM-003-V01 (forest management). */
  methodology?: string;
  /** Crediting period, years; default: the methodology's default. */
  crediting_years?: number;
  /** First vintage year; default DEFAULT_START_YEAR (pass the current year: the engine is pure). */
  start_year?: number;
  price_scenario?: PriceScenario;
  /** Explicit start price, CNY per t CO2e (overrides price_scenario). */
  price_cny_per_tCO2e?: number;
  /** Annual price growth, % (default VALUE_PARAMS, 0). */
  price_growth_pct?: number;
  discount_rate_pct?: number;
  split?: Partial<RevenueSplit>;
  /** Years the land has been non-forest (afforestation eligibility flag). */
  non_forest_years?: number;
  monte_carlo_runs?: number;
  seed?: number;
  /** Baseline removals as a fraction of project removals (overrides the methodology default). */
  baseline_sink_fraction?: number;
  /** Plot-sample relative error (%, 90 % confidence) → uncertainty deduction. */
  relative_error_pct?: number;
  uncertainty_deduction?: number;
  buffer_fraction?: number;
  /** Afforestation: what is planted (default chinese_fir, site class 2). */
  planting?: { species_group: string; site_class: number };
}

export const DEFAULT_START_YEAR = 2026;
export const DEFAULT_MONTE_CARLO_RUNS = 500;
/** Fewest runs the default ever uses: P5/P95 from 100 draws are within a few % of 500's. */
export const MIN_DEFAULT_MONTE_CARLO_RUNS = 100;
/** Stand-runs the default allows (each run recomputes every stand: ~5 µs per stand per run). */
const DEFAULT_MONTE_CARLO_BUDGET = 250_000;
export const MAX_MONTE_CARLO_RUNS = 20_000;
export const DEFAULT_SEED = 20240901;

/**
 * Default number of Monte Carlo runs for an inventory of `stand_count` stands: 500 for up to 500
 * stands, then fewer (never under 100) so a county-sized parcel still answers in a few seconds.
 * A caller who wants more asks for them with `monte_carlo_runs`; the result states the runs used.
 */
export function defaultMonteCarloRuns(stand_count: number): number {
  return Math.max(MIN_DEFAULT_MONTE_CARLO_RUNS, Math.min(DEFAULT_MONTE_CARLO_RUNS, Math.floor(DEFAULT_MONTE_CARLO_BUDGET / Math.max(1, stand_count))));
}

/** The scenario settings every analysis needs, with the defaults filled in. */
export interface ResolvedScenario {
  methodology: Methodology;
  crediting_years: number;
  start_year: number;
  /** Monte Carlo runs, 2 … MAX_MONTE_CARLO_RUNS. */
  monte_carlo_runs: number;
  seed: number;
}

/**
 * Fill in the defaults of a scenario for an inventory of `stand_count` stands.
 * @throws UnknownMethodologyError for a methodology not in `methodologies`;
 *   CarbonInputError for a crediting period that is not an integer 1–200
 */
export function resolveScenario(scenario: CarbonScenario, stand_count: number, methodologies: Readonly<Record<string, Methodology>>): ResolvedScenario {
  const methodology = getMethodology(scenario.methodology ?? DEFAULT_METHODOLOGY_ID, methodologies);
  const crediting_years = scenario.crediting_years ?? methodology.crediting_years.default;
  const start_year = scenario.start_year ?? DEFAULT_START_YEAR;
  const monte_carlo_runs = Math.min(MAX_MONTE_CARLO_RUNS, Math.max(2, Math.floor(scenario.monte_carlo_runs ?? defaultMonteCarloRuns(stand_count))));
  const seed = scenario.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(crediting_years) || crediting_years < 1 || crediting_years > 200) {
    throw new CarbonInputError([`crediting_years must be an integer 1–200, got ${crediting_years}`]);
  }
  return { methodology, crediting_years, start_year, monte_carlo_runs, seed };
}
