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
 *    first, see STAND_CLASS_PREFERENCE), bamboo → class 5, shrub → class 6. Allocation is
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
 * The per-ha values of stands (step 2) and of class remainder land (step 4) come from
 * stand-carbon.ts (`standPerHa`, `classDefaultPerHa`), which the carbon layer builder
 * (data-pipeline/build/carbon-layers.ts) uses too. Warnings about single stands / wetland records
 * are reported once per code, with the count, the total area and the ids (`Findings`).
 *
 * INVARIANTS (tested): Σ classes = total; t CO2e = t C × 44/12; splitting an inventory in two
 * (every item scaled by f and 1 − f, or partitioned into two internally consistent halves) gives
 * the same total stock and sink.
 */
import { accountProject, checkEligibility, getMethodology, METHODOLOGIES, type Eligibility, type Methodology } from './accounting.ts';
import { MissingLucodeError, indexPools } from './pools.ts';
import { standBiomass } from './stand.ts';
import {
  DEFAULT_STAND_CARBON_TABLES,
  UNIT_FACTORS,
  classDefaultPerHa,
  standPerHa,
  type CarbonFactors,
  type ClassGroup,
  type ClassPerHa,
  type StandCarbonTables,
  type StandNote,
  type StandRoute,
} from './stand-carbon.ts';
import { DEFAULT_SITE_CLASS, GROWTH_FALLBACK_GROUP, richardsVolume, growthRow } from './growth.ts';
import { PARCEL_UNCERTAINTY } from './uncertainty.ts';
import { ModelInputError } from '../core/errors.ts';
import { Findings, finding as w, onePerCode, type Finding as CarbonWarning, type FindingKind, type FindingItem as Finding } from '../core/findings.ts';
import { monteCarlo, type UncertainParam } from '../core/monte-carlo.ts';
import type { SourcedValue } from '../core/sourced.ts';
import { CO2E_PER_C, MU_PER_HA, sumPrecise } from '../core/units.ts';
import { PRICE_SCENARIOS, VALUE_PARAMS, pricePath, splitRevenue, splitShares, valueCredits, type PriceScenario, type RevenueSplit, type ValueParams } from './value.ts';
import { LANDCOVER_CLASSES, LANDCOVER_NODATA, landCoverByCode } from '../landcover/classes.ts';

// Per-ha values of stands and classes live in stand-carbon.ts (shared with the carbon layer builder).
export { CLASS_ROUTING, classDefaultPerHa, standPerHa, type ClassGroup, type ClassRoute } from './stand-carbon.ts';

export const CARBON_MODEL_VERSION = 'tantu-carbon 0.1.0';

// ------------------------------------------------------------------------------------ input

export interface ParcelInventory {
  /** Ellipsoidal parcel area, ha. */
  area_ha: number;
  /** Land-cover raster class areas inside the parcel, ha. */
  landcover: { code: number; area_ha: number }[];
  /** Stands intersected with the parcel; `area_ha` is the intersected part, share = intersected / stand area. */
  stands: {
    id: string;
    species_group: string;
    forest_type: 'arbor' | 'bamboo' | 'shrub';
    origin: string | null;
    age_yr: number | null;
    site_class: number | null;
    volume_m3_per_ha: number | null;
    culm_density_per_ha: number | null;
    mean_dbh_cm: number | null;
    area_ha: number;
    share: number;
  }[];
  /** Wetland records intersected with the parcel, ha. */
  wetlands: { id: string; wetland_type: string; area_ha: number }[];
}

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

/**
 * Default number of Monte Carlo runs for an inventory of `stand_count` stands: 500 for up to 500
 * stands, then fewer (never under 100) so a county-sized parcel still answers in a few seconds.
 * A caller who wants more asks for them with `monte_carlo_runs`; the result states the runs used.
 */
export function defaultMonteCarloRuns(stand_count: number): number {
  return Math.max(MIN_DEFAULT_MONTE_CARLO_RUNS, Math.min(DEFAULT_MONTE_CARLO_RUNS, Math.floor(DEFAULT_MONTE_CARLO_BUDGET / Math.max(1, stand_count))));
}
export const MAX_MONTE_CARLO_RUNS = 20_000;
export const DEFAULT_SEED = 20240901;

// ----------------------------------------------------------------------------- routing data

/** Order in which arbor stands of a species group take forest land-cover classes. */
export const STAND_CLASS_PREFERENCE: Readonly<Record<string, readonly number[]>> = {
  chinese_fir: [2, 4, 3, 1],
  masson_pine: [3, 4, 2, 1],
  slash_pine: [3, 4, 2, 1],
  cypress: [4, 2, 3, 1],
  mixed_conifer: [4, 2, 3, 1],
  oak: [1, 4, 2, 3],
  hard_broadleaf: [1, 4, 2, 3],
  soft_broadleaf: [1, 4, 2, 3],
  mixed_broadleaf: [1, 4, 2, 3],
  mixed_conifer_broadleaf: [4, 1, 2, 3],
};
const ARBOR_DEFAULT_PREFERENCE = [4, 1, 2, 3];


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

// ---------------------------------------------------------------------------- output types

export interface PoolStock {
  above: number;
  below: number;
  soil: number;
  dead: number;
  total: number;
}

export interface ClassResult {
  class: string;
  code: number;
  name_zh: string;
  name_en: string;
  area_ha: number;
  /** Part of the class covered by stands / wetland records (stand or wetland route), ha. */
  covered_area_ha: number;
  stock_tC: PoolStock;
  stock_tCO2e: number;
  sink_tC_per_yr: number;
  sink_tCO2e_per_yr: number;
}

export interface StandResult {
  id: string;
  species_group: string;
  forest_type: 'arbor' | 'bamboo' | 'shrub';
  route: StandRoute;
  /** Intersected stand area given, ha. */
  area_ha: number;
  /** Part matched to land cover of its kind and counted, ha. */
  counted_area_ha: number;
  /** Intersected / whole stand area (input). */
  share_of_stand: number;
  /** counted_area_ha / parcel area. */
  share_of_parcel: number;
  volume_m3_per_ha: number | null;
  stock_tC: PoolStock;
  stock_tCO2e: number;
  sink_tCO2e_per_yr: number;
  classes: { code: number; area_ha: number }[];
}

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

export interface DominantParameter {
  name: string;
  rank_correlation_stock: number;
  rank_correlation_sink: number;
  source: string;
}

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
    /** Monte Carlo range of stock_tCO2e. */
    range: { p5: number; p50: number; p95: number; of: 'stock_tCO2e'; runs: number; seed: number };
    /** Monte Carlo range of sink_tCO2e_per_yr. */
    sink_range: { p5: number; p50: number; p95: number; of: 'sink_tCO2e_per_yr'; runs: number; seed: number };
  };
  eligibility: Eligibility;
  projection: ProjectionRow[];
  credits: { total_creditable_tCO2e: number; uncertainty_deduction: number; buffer_fraction: number; activity_area_ha: number };
  value: {
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
  };
  stands: StandResult[];
  warnings: CarbonWarning[];
  dominant_parameters: DominantParameter[];
  params: {
    model_version: string;
    scenario: Required<Pick<CarbonScenario, 'methodology' | 'crediting_years' | 'start_year' | 'monte_carlo_runs' | 'seed'>> & CarbonScenario;
    methodology: Methodology;
    tables: CarbonTables;
  };
}

/** Thrown for malformed input; `problems` lists every one (for a 422 problem+json). */
export class CarbonInputError extends ModelInputError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super({ code: 'invalid_input', title: 'Invalid analysis input', detail: problems.join('; '), message: `invalid carbon analysis input: ${problems.join('; ')}` });
    this.name = 'CarbonInputError';
    this.problems = problems;
  }
}

// ------------------------------------------------------------------------------- the core

type Factors = CarbonFactors;
const fac = (f: Factors, k: string) => f[k] ?? 1;

interface Component {
  kind: 'stand' | 'wetland' | 'remainder';
  code: number;
  ref: string | null;
  area_ha: number;
  above: number;
  below: number;
  soil: number;
  dead: number;
  /** t C/ha/yr */
  sink: number;
  /** Biomass (or buried carbon) gained after t years, t C/ha (t C/ha at t = 0 is 0). */
  gain: (years: number) => number;
}

interface StandInfo {
  stand: ParcelInventory['stands'][number];
  route: StandRoute;
  volume: number | null;
  above: number;
  below: number;
  sink: number;
  gain: (years: number) => number;
  prefs: readonly number[];
}

interface Core {
  components: Component[];
  classArea: Map<number, number>;
  standInfo: StandInfo[];
  warnings: CarbonWarning[];
}

const STANDS_ZH = '个小班';
const STANDS_EN = ['stand', 'stands'] as const;

/** The warning a stand note (stand-carbon.ts) gives, and the stand's entry in it. */
function standFinding(note: StandNote, s: ParcelInventory['stands'][number], site: number | null, t: CarbonTables): { kind: FindingKind; item: Finding } {
  const kind = (zh: string, en: string): FindingKind => ({ zh, en, noun_zh: STANDS_ZH, noun_en: STANDS_EN });
  switch (note) {
    case 'bamboo_fallback': {
      const fb = t.bamboo.fallback_biomass_tC_per_ha.value;
      return { kind: kind(`竹林小班缺少立竹密度或平均胸径,采用林分水平缺省碳密度 ${fb} t C/ha`, `bamboo stands without culm density or mean DBH use the stand-level default of ${fb} t C/ha`), item: { id: s.id } };
    }
    case 'stand_no_volume_or_age':
      return { kind: kind('小班既无蓄积量也无林龄,按地类缺省碳库计算', 'stands with neither stock volume nor age use the land-cover class pools'), item: { id: s.id } };
    case 'stand_species_fallback':
      return {
        kind: kind(`树种组不在参数表中,采用 IPCC 缺省值 (CF ${t.ipcc.cf})`, `species groups not in the stand table use IPCC defaults (CF ${t.ipcc.cf})`),
        item: { id: s.id, zh: `'${s.species_group}'`, en: `'${s.species_group}'` },
      };
    case 'site_class_default':
      return { kind: kind(`小班无地位级,按 ${site} 级计算生长`, `stands without a site class grow on site class ${site}`), item: { id: s.id } };
    case 'site_class_nearest':
      return {
        kind: kind('地位级无生长曲线,采用最接近的地位级 (给定→采用)', 'no growth curve for the given site class: the nearest class is used (given→used)'),
        item: { id: s.id, zh: `${s.site_class}→${site}`, en: `${s.site_class}→${site}` },
      };
    case 'stand_volume_from_age':
      return {
        kind: kind('小班无蓄积量,按林龄由生长曲线估算', 'stands without stock volume: volume estimated from age on the growth curve'),
        item: { id: s.id, zh: `${s.age_yr} 年`, en: `${s.age_yr} yr` },
      };
    case 'stand_growth_fallback':
      return {
        kind: kind(`树种组无生长曲线,借用 ${GROWTH_FALLBACK_GROUP}`, `species groups without a growth curve use ${GROWTH_FALLBACK_GROUP}'s`),
        item: { id: s.id, zh: `'${s.species_group}'`, en: `'${s.species_group}'` },
      };
  }
}

function validate(inv: ParcelInventory): void {
  const p: string[] = [];
  const nonneg = (v: unknown, name: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) p.push(`${name} must be a finite number ≥ 0, got ${String(v)}`);
  };
  nonneg(inv.area_ha, 'area_ha');
  if (!Array.isArray(inv.landcover)) p.push('landcover must be an array');
  else inv.landcover.forEach((l, i) => {
    if (!Number.isInteger(l.code)) p.push(`landcover[${i}].code must be an integer, got ${String(l.code)}`);
    nonneg(l.area_ha, `landcover[${i}].area_ha`);
  });
  if (!Array.isArray(inv.stands)) p.push('stands must be an array');
  else inv.stands.forEach((s, i) => {
    nonneg(s.area_ha, `stands[${i}].area_ha`);
    if (!['arbor', 'bamboo', 'shrub'].includes(s.forest_type)) p.push(`stands[${i}].forest_type must be arbor, bamboo or shrub, got ${String(s.forest_type)}`);
    for (const k of ['age_yr', 'volume_m3_per_ha', 'culm_density_per_ha', 'mean_dbh_cm'] as const) {
      if (s[k] !== null && s[k] !== undefined) nonneg(s[k], `stands[${i}].${k}`);
    }
    if (s.site_class !== null && s.site_class !== undefined && !Number.isInteger(s.site_class)) p.push(`stands[${i}].site_class must be an integer or null`);
    if (!(s.share > 0 && s.share <= 1 + 1e-9)) p.push(`stands[${i}].share must be in (0, 1], got ${String(s.share)}`);
  });
  if (!Array.isArray(inv.wetlands)) p.push('wetlands must be an array');
  else inv.wetlands.forEach((x, i) => nonneg(x.area_ha, `wetlands[${i}].area_ha`));
  if (p.length) throw new CarbonInputError(p);
}

/** Order-independent allocation of demands to capacities by preference level. */
function allocate(
  demands: { key: number; amount: number; prefs: readonly number[] }[],
  capacity: Map<number, number>,
): Map<number, Map<number, number>> {
  const remaining = demands.map((d) => d.amount);
  const out = new Map<number, Map<number, number>>(demands.map((d) => [d.key, new Map()]));
  const levels = Math.max(0, ...demands.map((d) => d.prefs.length));
  for (let level = 0; level < levels; level++) {
    const byCode = new Map<number, number[]>();
    demands.forEach((d, i) => {
      const code = d.prefs[level];
      if (code === undefined || remaining[i]! <= 0) return;
      (byCode.get(code) ?? byCode.set(code, []).get(code)!).push(i);
    });
    for (const [code, idx] of byCode) {
      const cap = capacity.get(code) ?? 0;
      if (cap <= 0) continue;
      const want = sumPrecise(idx.map((i) => remaining[i]!));
      const f = Math.min(1, cap / want);
      for (const i of idx) {
        const a = remaining[i]! * f;
        out.get(demands[i]!.key)!.set(code, a);
        remaining[i] = remaining[i]! - a;
      }
      capacity.set(code, want * f >= cap ? 0 : cap - want * f);
    }
  }
  return out;
}

function core(inv: ParcelInventory, t: CarbonTables, f: Factors): Core {
  const report = f === UNIT_FACTORS; // warnings from the deterministic run only, not from Monte Carlo runs
  const findings = new Findings();
  const warnings: CarbonWarning[] = [];
  const pools = indexPools(t.pools);
  const routing = new Map(t.class_routing.map((r) => [r.code, r]));

  // 1. class areas
  const classArea = new Map<number, number>();
  const missing: number[] = [];
  for (const l of inv.landcover) {
    if (l.code === LANDCOVER_NODATA || l.area_ha === 0) continue;
    if (!pools.has(l.code)) missing.push(l.code);
    classArea.set(l.code, (classArea.get(l.code) ?? 0) + l.area_ha);
  }
  if (missing.length) throw new MissingLucodeError(missing);
  const groupOf = (code: number): ClassGroup => routing.get(code)?.group ?? 'other';
  const classDefaults = new Map<number, ClassPerHa>();
  const classOf = (code: number): ClassPerHa => classDefaults.get(code) ?? classDefaults.set(code, classDefaultPerHa(code, t, f)).get(code)!;

  // 2. stands: per-ha values (stand-carbon.ts) and preferences
  const standInfo: StandInfo[] = inv.stands.map((s) => {
    const v = standPerHa(s, t, f);
    if (report) {
      for (const note of v.notes) {
        const { kind, item } = standFinding(note, s, v.site_class, t);
        findings.add(note, kind, item);
      }
    }
    const prefs = s.forest_type === 'shrub' ? [6] : s.forest_type === 'bamboo' ? [5] : (t.stand_class_preference[s.species_group] ?? ARBOR_DEFAULT_PREFERENCE);
    return { stand: s, route: v.route, prefs, volume: v.volume_m3_per_ha, above: v.above_tC_per_ha, below: v.below_tC_per_ha, sink: v.sink_tC_per_ha_yr, gain: v.gain_tC_per_ha };
  });
  // shrub/class_pools stands still claim their land (for reporting), but keep class pools
  const capacity = new Map(classArea);
  const standAlloc = allocate(
    standInfo.map((si, i) => ({ key: i, amount: si.stand.area_ha, prefs: si.stand.forest_type === 'arbor' ? si.prefs.filter((c) => groupOf(c) === 'forest') : si.prefs })),
    capacity,
  );

  // 3. wetlands
  const wetlandKinds = (zh: string, en: string): FindingKind => ({ zh, en, noun_zh: '处湿地', noun_en: ['wetland record', 'wetland records'] });
  const wetlandItems = inv.wetlands.filter((x) => {
    const ok = Object.prototype.hasOwnProperty.call(t.wetland, x.wetland_type);
    if (!ok && report) {
      const known = Object.keys(t.wetland).join(', ');
      findings.add(
        'wetland_type_unknown',
        wetlandKinds(`湿地类型未知,未按湿地计算 (可选: ${known})`, `wetland records of unknown type are not counted as wetland (known: ${known})`),
        { id: x.id, zh: `'${x.wetland_type}'`, en: `'${x.wetland_type}'` },
      );
    }
    return ok;
  });
  const wetAlloc = allocate(
    wetlandItems.map((x, i) => ({ key: i, amount: x.area_ha, prefs: x.wetland_type === 'marsh' ? [9, 10] : [10, 9] })),
    capacity,
  );

  // 4. components
  const components: Component[] = [];
  const covered = new Map<number, number>();
  const bio = fac(f, 'pools.biomass');
  const soilF = fac(f, 'pools.soil');
  const deadF = fac(f, 'pools.dead');
  standInfo.forEach((si, i) => {
    let counted = 0;
    for (const [code, a] of standAlloc.get(i)!) {
      if (a <= 0) continue;
      counted += a;
      if (si.route === 'class_pools') continue; // remainder logic keeps class pools for this land
      covered.set(code, (covered.get(code) ?? 0) + a);
      const cls = classOf(code); // soil and dead organic matter are the class's
      components.push({ kind: 'stand', code, ref: si.stand.id, area_ha: a, above: si.above, below: si.below, soil: cls.soil_tC_per_ha, dead: cls.dead_tC_per_ha, sink: si.sink, gain: si.gain });
    }
    const excess = si.stand.area_ha - counted;
    if (report && excess > 1e-9 * Math.max(1, si.stand.area_ha)) {
      findings.add('stand_excess_area', { zh: '小班面积未落在相应地类上,未计入', en: 'stand area that does not lie on land cover of its kind is not counted', noun_zh: STANDS_ZH, noun_en: STANDS_EN }, { id: si.stand.id, area_ha: excess });
    }
  });
  wetlandItems.forEach((x, i) => {
    const p = t.wetland[x.wetland_type]!;
    const burial = p.burial_tC_per_ha_yr.value * fac(f, 'wetland.burial');
    let counted = 0;
    for (const [code, a] of wetAlloc.get(i)!) {
      if (a <= 0) continue;
      counted += a;
      covered.set(code, (covered.get(code) ?? 0) + a);
      components.push({ kind: 'wetland', code, ref: x.id, area_ha: a, above: p.stock.c_above * bio, below: p.stock.c_below * bio, soil: p.stock.c_soil * soilF, dead: p.stock.c_dead * deadF, sink: burial, gain: (y) => burial * y });
    }
    const excess = x.area_ha - counted;
    if (report && excess > 1e-9 * Math.max(1, x.area_ha)) {
      findings.add('wetland_excess_area', wetlandKinds('湿地面积未落在水域/沼泽地类上,未计入', 'wetland area that does not lie on water/marsh land cover is not counted'), { id: x.id, area_ha: excess });
    }
  });
  warnings.push(...findings.list());
  for (const [code, area] of classArea) {
    const rem = Math.max(0, area - (covered.get(code) ?? 0));
    if (rem <= 0) continue;
    if (groupOf(code) === 'water' && report && rem > 1e-9) {
      warnings.push(w('open_water_unmatched', `${rem.toFixed(4)} 公顷水域没有湿地类型记录,未计埋藏碳汇`, `${rem.toFixed(4)} ha of open water has no wetland record: no burial sink counted`));
    }
    const cls = classOf(code);
    components.push({ kind: 'remainder', code, ref: null, area_ha: rem, above: cls.above_tC_per_ha, below: cls.below_tC_per_ha, soil: cls.soil_tC_per_ha, dead: cls.dead_tC_per_ha, sink: cls.sink_tC_per_ha_yr, gain: cls.gain_tC_per_ha });
  }
  return { components, classArea, standInfo, warnings };
}

function totalsOf(components: readonly Component[]): { stock: number; sink: number } {
  return {
    stock: sumPrecise(components.map((c) => c.area_ha * (c.above + c.below + c.soil + c.dead))),
    sink: sumPrecise(components.map((c) => c.area_ha * c.sink)),
  };
}

function poolStock(components: readonly Component[]): PoolStock {
  const above = sumPrecise(components.map((c) => c.area_ha * c.above));
  const below = sumPrecise(components.map((c) => c.area_ha * c.below));
  const soil = sumPrecise(components.map((c) => c.area_ha * c.soil));
  const dead = sumPrecise(components.map((c) => c.area_ha * c.dead));
  return { above, below, soil, dead, total: above + below + soil + dead };
}

function listUnverified(t: CarbonTables, m: Methodology): string[] {
  const out: string[] = [];
  for (const r of t.pools) if (r.unverified) out.push(`pools.${r.lulc_name ?? r.lucode}`);
  for (const [k, r] of Object.entries(t.stand)) if (r.unverified) out.push(`stand.${k}`);
  if (t.bamboo.allometry.unverified) out.push('bamboo.allometry');
  for (const k of ['root_shoot', 'cf', 'fallback_biomass_tC_per_ha'] as const) if (t.bamboo[k].unverified) out.push(`bamboo.${k}`);
  for (const [k, r] of Object.entries(t.wetland)) if (r.burial_tC_per_ha_yr.unverified) out.push(`wetland.${k}.burial`);
  if (t.growth.some((r) => r.unverified)) out.push('growth (all curves)');
  if (m.unverified) out.push(`methodology.${m.id}`);
  if (t.value.discount_rate_pct.unverified) out.push('value.discount_rate_pct');
  if (t.value.split.unverified) out.push('value.split.households_share_of_villages');
  return out;
}

// ------------------------------------------------------------------------------- public API

/**
 * Carbon stock, sink, crediting projection, value and uncertainty of one parcel.
 * Pure and deterministic: the same inventory, scenario and tables give the same result.
 * @throws CarbonInputError for malformed input; MissingLucodeError for classes absent from the pools table;
 *   Error for an unknown methodology.
 */
export function analyseParcelCarbon(
  inventory: ParcelInventory,
  scenario: CarbonScenario = {},
  tables: CarbonTables = DEFAULT_CARBON_TABLES,
): ParcelCarbonResult {
  validate(inventory);
  const m = getMethodology(scenario.methodology ?? 'AR-CM-003-V01', tables.methodologies);
  const crediting_years = scenario.crediting_years ?? m.crediting_years.default;
  const start_year = scenario.start_year ?? DEFAULT_START_YEAR;
  const runs = Math.min(MAX_MONTE_CARLO_RUNS, Math.max(2, Math.floor(scenario.monte_carlo_runs ?? defaultMonteCarloRuns(inventory.stands.length))));
  const seed = scenario.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(crediting_years) || crediting_years < 1 || crediting_years > 200) {
    throw new CarbonInputError([`crediting_years must be an integer 1–200, got ${crediting_years}`]);
  }

  const c = core(inventory, tables, UNIT_FACTORS);
  const warnings = [...c.warnings];

  // footprints
  const classified = sumPrecise([...c.classArea.values()]);
  const unclassified = Math.max(0, inventory.area_ha - classified);
  const tol = Math.max(1e-6, 0.01 * inventory.area_ha);
  if (inventory.area_ha - classified > tol) {
    warnings.push(w('unclassified_area', `${unclassified.toFixed(4)} 公顷没有地类数据(栅格无数据或边缘),未计碳`, `${unclassified.toFixed(4)} ha of the parcel has no land-cover class (raster nodata or edge) and carries no carbon`));
  }
  if (classified - inventory.area_ha > tol) {
    warnings.push(w('landcover_exceeds_parcel', `地类面积合计 ${classified.toFixed(4)} 公顷大于地块面积 ${inventory.area_ha.toFixed(4)} 公顷`, `land-cover class areas sum to ${classified.toFixed(4)} ha, more than the parcel area ${inventory.area_ha.toFixed(4)} ha`));
  }

  // classes
  const routing = new Map(tables.class_routing.map((r) => [r.code, r]));
  const poolRows = indexPools(tables.pools);
  const classes: ClassResult[] = [...c.classArea.keys()]
    .sort((a, b) => a - b)
    .map((code) => {
      const comps = c.components.filter((x) => x.code === code);
      const lc = landCoverByCode(code);
      const stock = poolStock(comps);
      const sink_tC = sumPrecise(comps.map((x) => x.area_ha * x.sink));
      return {
        class: lc?.key ?? poolRows.get(code)?.lulc_name ?? `class_${code}`,
        code,
        name_zh: lc?.zh ?? poolRows.get(code)?.lulc_name ?? `地类 ${code}`,
        name_en: lc?.en ?? poolRows.get(code)?.lulc_name ?? `class ${code}`,
        area_ha: c.classArea.get(code)!,
        covered_area_ha: sumPrecise(comps.filter((x) => x.kind !== 'remainder').map((x) => x.area_ha)),
        stock_tC: stock,
        stock_tCO2e: stock.total * CO2E_PER_C,
        sink_tC_per_yr: sink_tC,
        sink_tCO2e_per_yr: sink_tC * CO2E_PER_C,
      };
    });
  const pools_tC: PoolStock = {
    above: sumPrecise(classes.map((x) => x.stock_tC.above)),
    below: sumPrecise(classes.map((x) => x.stock_tC.below)),
    soil: sumPrecise(classes.map((x) => x.stock_tC.soil)),
    dead: sumPrecise(classes.map((x) => x.stock_tC.dead)),
    total: sumPrecise(classes.map((x) => x.stock_tC.total)),
  };
  const stock_tC = pools_tC.total;
  const sink_tC_per_yr = sumPrecise(classes.map((x) => x.sink_tC_per_yr));

  // stands
  const stands: StandResult[] = c.standInfo.map((si) => {
    const comps = c.components.filter((x) => x.kind === 'stand' && x.ref === si.stand.id);
    const classesOf = new Map<number, number>();
    for (const x of comps) classesOf.set(x.code, (classesOf.get(x.code) ?? 0) + x.area_ha);
    let counted = sumPrecise(comps.map((x) => x.area_ha));
    let stock = poolStock(comps);
    let sink = sumPrecise(comps.map((x) => x.area_ha * x.sink));
    if (si.route === 'class_pools') {
      // land is in the class remainder: report the class densities for the stand's share of it
      const prefs = si.stand.forest_type === 'arbor' ? si.prefs.filter((code) => routing.get(code)?.group === 'forest') : si.prefs;
      const code = prefs.find((p) => c.classArea.has(p));
      const rem = code === undefined ? undefined : c.components.find((x) => x.kind === 'remainder' && x.code === code);
      counted = rem ? Math.min(si.stand.area_ha, rem.area_ha) : 0;
      const scaled = rem ? [{ ...rem, area_ha: counted }] : [];
      stock = poolStock(scaled);
      sink = sumPrecise(scaled.map((x) => x.area_ha * x.sink));
      if (code !== undefined && counted > 0) classesOf.set(code, counted);
    }
    return {
      id: si.stand.id,
      species_group: si.stand.species_group,
      forest_type: si.stand.forest_type,
      route: si.route,
      area_ha: si.stand.area_ha,
      counted_area_ha: counted,
      share_of_stand: si.stand.share,
      share_of_parcel: inventory.area_ha > 0 ? counted / inventory.area_ha : 0,
      volume_m3_per_ha: si.volume,
      stock_tC: stock,
      stock_tCO2e: stock.total * CO2E_PER_C,
      sink_tCO2e_per_yr: sink * CO2E_PER_C,
      classes: [...classesOf].map(([code, area_ha]) => ({ code, area_ha })),
    };
  });

  // eligibility and projection
  const activityCodes = new Set(m.activity_classes);
  const activityArea = sumPrecise([...c.classArea].filter(([code]) => activityCodes.has(code)).map(([, a]) => a));
  const wetlandClassArea = sumPrecise([...c.classArea].filter(([code]) => ['marsh', 'water'].includes(routing.get(code)?.group ?? '')).map(([, a]) => a));
  const wetlandArea = Math.max(wetlandClassArea, sumPrecise(inventory.wetlands.map((x) => x.area_ha)));
  const eligibility = checkEligibility(m, {
    parcel_area_ha: inventory.area_ha,
    activity_area_ha: activityArea,
    wetland_area_ha: wetlandArea,
    non_forest_years: scenario.non_forest_years ?? null,
    crediting_years,
  });
  for (const r of eligibility.reasons) warnings.push({ code: `eligibility.${r.code}`, zh: r.zh, en: r.en });

  let gain: (y: number) => number;
  const activityComps = c.components.filter((x) => activityCodes.has(x.code));
  const stock0 = sumPrecise(activityComps.map((x) => x.area_ha * (x.above + x.below + x.soil + x.dead)));
  if (m.activity === 'afforestation') {
    const planting = scenario.planting ?? { species_group: 'chinese_fir', site_class: DEFAULT_SITE_CLASS };
    const { row } = growthRow(planting.species_group, planting.site_class, tables.growth);
    if (!scenario.planting) {
      warnings.push(w('planting_default', `未指定造林树种,按杉木 ${planting.site_class} 级地位生长曲线估算`, `no planting given: Chinese fir on site class ${planting.site_class} assumed`));
    }
    gain = (y) => activityArea * standBiomass(richardsVolume(row, y), planting.species_group, tables.stand, tables.ipcc).total_tC_per_ha;
  } else {
    gain = (y) => sumPrecise(activityComps.map((x) => x.area_ha * x.gain(y)));
  }
  const bsf = scenario.baseline_sink_fraction ?? m.baseline_sink_fraction.value;
  if (scenario.baseline_sink_fraction === undefined && m.baseline_sink_fraction.unverified) {
    warnings.push(w('baseline_default', `基线碳汇采用缺省比例 ${bsf}(${m.id}),应以项目设计文件的基线替换`, `baseline removals use the default fraction ${bsf} of project removals (${m.id}); replace with the project design document's baseline`));
  }
  const projectStock: number[] = [];
  const baselineStock: number[] = [];
  for (let y = 0; y <= crediting_years; y++) {
    const g = gain(y);
    projectStock.push(stock0 + g);
    baselineStock.push(stock0 + bsf * g);
  }
  const acc = accountProject({
    methodology: m,
    start_year,
    baseline_stock_tC: baselineStock,
    project_stock_tC: projectStock,
    relative_error_pct: scenario.relative_error_pct,
    uncertainty_deduction: scenario.uncertainty_deduction,
    buffer_fraction: scenario.buffer_fraction,
  });
  const projection: ProjectionRow[] = acc.vintages.map((v) => ({
    year: v.year,
    baseline_tCO2e: v.baseline_removal_tCO2e,
    project_tCO2e: v.project_removal_tCO2e,
    er_tCO2e: v.er_tCO2e,
    creditable_tCO2e: eligibility.eligible ? v.creditable_tCO2e : 0,
    baseline_stock_tCO2e: v.baseline_stock_tCO2e,
    project_stock_tCO2e: v.project_stock_tCO2e,
  }));
  const credits = projection.map((p) => p.creditable_tCO2e);

  // value
  const price = scenario.price_cny_per_tCO2e ?? tables.prices[scenario.price_scenario ?? 'central'].value;
  const growth_pct = scenario.price_growth_pct ?? tables.value.price_growth_pct.value;
  const rate = scenario.discount_rate_pct ?? tables.value.discount_rate_pct.value;
  const val = valueCredits(credits, pricePath(price, growth_pct, credits.length), rate);
  const split: RevenueSplit = {
    villages_share: scenario.split?.villages_share ?? tables.value.split.villages_share,
    households_share_of_villages: scenario.split?.households_share_of_villages ?? tables.value.split.households_share_of_villages,
  };

  // Monte Carlo
  const mc = monteCarlo(
    (x) => {
      const r = totalsOf(core(inventory, tables, x).components);
      return { stock: r.stock * CO2E_PER_C, sink: r.sink * CO2E_PER_C };
    },
    tables.uncertainty,
    { runs, seed },
  );
  const srcOf = new Map(tables.uncertainty.map((p) => [p.name, p.source]));
  const corrSink = new Map(mc.sensitivity.sink.map((s) => [s.name, s.rank_correlation]));
  const dominant_parameters: DominantParameter[] = mc.sensitivity.stock
    .map((s) => ({ name: s.name, rank_correlation_stock: s.rank_correlation, rank_correlation_sink: corrSink.get(s.name) ?? 0, source: srcOf.get(s.name) ?? '' }))
    .filter((d) => Math.abs(d.rank_correlation_stock) >= 0.1 || Math.abs(d.rank_correlation_sink) >= 0.1)
    .sort((a, b) => Math.max(Math.abs(b.rank_correlation_stock), Math.abs(b.rank_correlation_sink)) - Math.max(Math.abs(a.rank_correlation_stock), Math.abs(a.rank_correlation_sink)));

  const unverified = listUnverified(tables, m);
  if (unverified.length) {
    warnings.push(w('unverified_parameters', `结果使用了尚未核对原始文献的缺省参数:${unverified.join(', ')}`, `results use default parameters not yet checked against the original documents: ${unverified.join(', ')}`));
  }

  return {
    model_version: CARBON_MODEL_VERSION,
    area_ha: inventory.area_ha,
    area_mu: inventory.area_ha * MU_PER_HA,
    classified_area_ha: classified,
    unclassified_area_ha: unclassified,
    classes,
    total: {
      stock_tC,
      stock_tCO2e: stock_tC * CO2E_PER_C,
      sink_tC_per_yr,
      sink_tCO2e_per_yr: sink_tC_per_yr * CO2E_PER_C,
      pools_tC,
      range: { p5: mc.outputs.stock.p5, p50: mc.outputs.stock.p50, p95: mc.outputs.stock.p95, of: 'stock_tCO2e', runs, seed },
      sink_range: { p5: mc.outputs.sink.p5, p50: mc.outputs.sink.p50, p95: mc.outputs.sink.p95, of: 'sink_tCO2e_per_yr', runs, seed },
    },
    eligibility,
    projection,
    credits: {
      total_creditable_tCO2e: sumPrecise(credits),
      uncertainty_deduction: acc.uncertainty_deduction,
      buffer_fraction: acc.buffer_fraction,
      activity_area_ha: activityArea,
    },
    value: {
      npv_cny: val.npv_cny,
      undiscounted_cny: val.undiscounted_cny,
      price_cny_per_tCO2e: price,
      price_growth_pct: growth_pct,
      discount_rate_pct: rate,
      split: { shares: splitShares(split), npv_cny: splitRevenue(val.npv_cny, split), undiscounted_cny: splitRevenue(val.undiscounted_cny, split) },
    },
    stands,
    warnings: onePerCode(warnings),
    dominant_parameters,
    params: {
      model_version: CARBON_MODEL_VERSION,
      scenario: { ...scenario, methodology: m.id, crediting_years, start_year, monte_carlo_runs: runs, seed },
      methodology: m,
      tables,
    },
  };
}

/** Land-cover classes known to the engine (for API schemas). */
export const KNOWN_LANDCOVER_CODES: readonly number[] = LANDCOVER_CLASSES.map((x) => x.code);
