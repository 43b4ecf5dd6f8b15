/**
 * Per-hectare carbon of one stand (小班) and of one land-cover class — the two building blocks
 * shared by the parcel analysis (parcel.ts, `POST /api/analysis/carbon`) and the carbon layer
 * builder (data-pipeline/build/carbon-layers.ts), so that a parcel and the rasters under it
 * cannot disagree about what a hectare holds.
 *
 * STAND (`standPerHa`) — biomass pools and sink of the land a stand covers:
 * - arbor: stock volume V from the stand's growth curve (growth.ts, calibrated through its
 *   observed volume and/or age; site class given, else DEFAULT_SITE_CLASS, else the nearest
 *   available), biomass C = V·SVD·BEF·(1+R)·CF (stand.ts; IPCC fallback for species groups not in
 *   the table), sink C(t+1) − C(t) on the calibrated curve. Neither volume nor age → route
 *   'class_pools' (the class's own pools apply).
 * - bamboo: culm allometry N·M̄·(1+R)·CF when culm density and mean DBH are known, else the
 *   stand-level fallback (bamboo.ts); sink = managed steady-state sink (Xu et al. 2017 net gain
 *   0.54 t C/ha/yr + harvest × product retention).
 * - shrub: no stand model → route 'class_pools'.
 * Soil and dead organic matter are NOT the stand's: they come from the class of the land the
 * stand lies on (`classDefaultPerHa`).
 *
 * CLASS (`classDefaultPerHa`) — land without a stand / wetland record ("remainder"): the four
 * pools of the class's pools-table row (pools.ts, TANTU_POOLS) and its default sink: forest
 * classes grow along the curve of the class's representative species (CLASS_ROUTING), calibrated
 * so that its volume reproduces the class's above-ground carbon; bamboo gets the managed bamboo
 * sink; marsh the marsh burial rate (wetland.ts, 1.97 t C/ha/yr); open water and every other class
 * none (IPCC Tier 1 steady state; open water's burial needs a wetland record).
 *
 * Both take the tables as an argument (default: the shipped ones) and optional Monte Carlo
 * multipliers (`factors`, by PARCEL_UNCERTAINTY name; absent = 1): stand.svd/bef/root_shoot/cf
 * scale the stand parameters (and stand.cf the IPCC CF), growth.increment the curve growth,
 * bamboo.biomass / bamboo.sink the bamboo route, pools.biomass / pools.soil / pools.dead the class
 * pools (bamboo class biomass by bamboo.biomass), wetland.burial the marsh burial. The volume a
 * forest class is assumed to carry is inferred with the UNSCALED stand parameters.
 */
import { BAMBOO_PARAMS, bambooFallbackCarbon, bambooStandCarbon, managedBambooSink, type BambooParams } from './bamboo.ts';
import { DEFAULT_SITE_CLASS, GROWTH_FALLBACK_GROUP, GROWTH_PARAMS, calibrateStand, projectedVolume_m3_per_ha, type CalibratedStand, type GrowthRow } from './growth.ts';
import { MissingLucodeError, TANTU_POOLS, type PoolRow, type PoolTable } from './pools.ts';
import { IPCC_FALLBACK, STAND_PARAMS, standBiomass, type IpccFallback, type StandParams } from './stand.ts';
import { CO2E_PER_C } from '../core/units.ts';
import { WETLAND_PARAMS, type WetlandParams } from './wetland.ts';

// ----------------------------------------------------------------------------- routing data

export type ClassGroup = 'forest' | 'bamboo' | 'shrub' | 'marsh' | 'water' | 'other';

export interface ClassRoute {
  code: number;
  group: ClassGroup;
  /** Forest classes: species group whose growth curve gives the remainder's sink. */
  representative_species?: string;
}

/** How each land-cover class is routed (see the module comments here and in parcel.ts). */
export const CLASS_ROUTING: readonly ClassRoute[] = [
  { code: 1, group: 'forest', representative_species: 'mixed_broadleaf' },
  { code: 2, group: 'forest', representative_species: 'chinese_fir' },
  { code: 3, group: 'forest', representative_species: 'masson_pine' },
  { code: 4, group: 'forest', representative_species: 'mixed_conifer_broadleaf' },
  { code: 5, group: 'bamboo' },
  { code: 6, group: 'shrub' },
  { code: 7, group: 'other' },
  { code: 8, group: 'other' },
  { code: 9, group: 'marsh' },
  { code: 10, group: 'water' },
  { code: 11, group: 'other' },
  { code: 12, group: 'other' },
  { code: 13, group: 'other' },
  { code: 14, group: 'other' },
];

/** The tables the per-ha values depend on (a subset of parcel.ts CarbonTables). */
export interface StandCarbonTables {
  pools: PoolTable;
  stand: Readonly<Record<string, StandParams>>;
  ipcc: IpccFallback;
  bamboo: BambooParams;
  wetland: Readonly<Record<string, WetlandParams>>;
  growth: readonly GrowthRow[];
  class_routing: readonly ClassRoute[];
}

export const DEFAULT_STAND_CARBON_TABLES: StandCarbonTables = {
  pools: TANTU_POOLS,
  stand: STAND_PARAMS,
  ipcc: IPCC_FALLBACK,
  bamboo: BAMBOO_PARAMS,
  wetland: WETLAND_PARAMS,
  growth: GROWTH_PARAMS,
  class_routing: CLASS_ROUTING,
};

/** Monte Carlo multipliers by parameter name (PARCEL_UNCERTAINTY); a missing name means 1. */
export type CarbonFactors = Readonly<Record<string, number>>;
/** No multipliers: the tables as given. */
export const UNIT_FACTORS: CarbonFactors = Object.freeze({});
/** The multiplier named `name` (a PARCEL_UNCERTAINTY name), 1 when absent. */
export function factorOf(factors: CarbonFactors, name: string): number {
  return factors[name] ?? 1;
}

// ---------------------------------------------------------------------------------- stands

/** The stand attributes the per-ha values depend on (a stands row or a parcel inventory item). */
export interface StandAttributes {
  species_group: string;
  forest_type: 'arbor' | 'bamboo' | 'shrub';
  /** yr, or null */
  age_yr: number | null;
  /** 1 = best … 3 = poorest, or null */
  site_class: number | null;
  /** m³/ha, or null */
  volume_m3_per_ha: number | null;
  /** culms/ha (bamboo), or null */
  culm_density_per_ha: number | null;
  /** cm (bamboo), or null */
  mean_dbh_cm: number | null;
}

export type StandRoute = 'stand_table' | 'stand_ipcc_fallback' | 'bamboo_allometry' | 'bamboo_fallback' | 'class_pools';

/** Defaults or fallbacks a stand needed (findings.ts words them as warnings). */
export type StandNote =
  | 'bamboo_fallback' // no culm density or mean DBH: stand-level fallback density
  | 'stand_no_volume_or_age' // arbor without volume and age: class pools
  | 'stand_species_fallback' // species group not in the stand table: IPCC fallback
  | 'site_class_default' // no site class: DEFAULT_SITE_CLASS
  | 'site_class_nearest' // no curve for the given site class: nearest one
  | 'stand_volume_from_age' // no stock volume: from the age on the curve
  | 'stand_growth_fallback'; // no curve for the species group: GROWTH_FALLBACK_GROUP's

export interface StandPerHa {
  route: StandRoute;
  /** Above-ground biomass carbon, t C/ha (0 on route 'class_pools': use the class's pools). */
  above_tC_per_ha: number;
  /** Below-ground biomass carbon, t C/ha (0 on route 'class_pools'). */
  below_tC_per_ha: number;
  /** Annual sink, t C/ha/yr (0 on route 'class_pools'). */
  sink_tC_per_ha_yr: number;
  /** The same in t CO2e/ha/yr (× 44/12). */
  sink_tCO2e_per_ha_yr: number;
  /** Biomass carbon gained after `years` years, t C/ha (0 at 0 years). */
  gain_tC_per_ha: (years: number) => number;
  /** Current stock volume on the calibrated curve, m³/ha (arbor routes), else null. */
  volume_m3_per_ha: number | null;
  /** Growth-curve site class used (arbor routes), else null. */
  site_class: number | null;
  notes: StandNote[];
}

/** Nearest site class available for a species group's growth curve (its own, else GROWTH_FALLBACK_GROUP's). */
export function siteClassFor(species: string, requested: number | null, growth: readonly GrowthRow[] = GROWTH_PARAMS): { site: number; note: 'given' | 'default' | 'nearest' } {
  const group = growth.some((r) => r.species_group === species) ? species : GROWTH_FALLBACK_GROUP;
  const avail = growth.filter((r) => r.species_group === group).map((r) => r.site_class);
  const want = requested ?? DEFAULT_SITE_CLASS;
  if (avail.includes(want)) return { site: want, note: requested === null ? 'default' : 'given' };
  const nearest = avail.reduce((b, s) => (Math.abs(s - want) < Math.abs(b - want) ? s : b), avail[0]!);
  return { site: nearest, note: 'nearest' };
}

/** Stand parameters and IPCC fallback with the stand.* multipliers applied (memoised per factors object). */
const scaledCache = new WeakMap<CarbonFactors, { tables: StandCarbonTables; stand: Record<string, StandParams>; ipcc: IpccFallback }>();
function biomassParams(t: StandCarbonTables, f: CarbonFactors): { stand: Readonly<Record<string, StandParams>>; ipcc: IpccFallback } {
  if (f === UNIT_FACTORS) return { stand: t.stand, ipcc: t.ipcc };
  const hit = scaledCache.get(f);
  if (hit && hit.tables === t) return hit;
  const stand: Record<string, StandParams> = {};
  for (const [k, p] of Object.entries(t.stand)) {
    stand[k] = { ...p, svd_t_per_m3: p.svd_t_per_m3 * factorOf(f, 'stand.svd'), bef: p.bef * factorOf(f, 'stand.bef'), root_shoot: p.root_shoot * factorOf(f, 'stand.root_shoot'), cf: p.cf * factorOf(f, 'stand.cf') };
  }
  const scaled = { tables: t, stand, ipcc: { ...t.ipcc, cf: t.ipcc.cf * factorOf(f, 'stand.cf') } };
  scaledCache.set(f, scaled);
  return scaled;
}

/**
 * A stand's site class and growth curve fitted to it: the same in every Monte Carlo run of a parcel
 * (the runs vary the factors, not the growth table), so fitted once per stand record and growth
 * table — refitted if either differs (another table, or a record whose attributes changed).
 */
type Fitted = { growth: readonly GrowthRow[]; of: Pick<StandAttributes, 'species_group' | 'site_class' | 'age_yr' | 'volume_m3_per_ha'>; sc: ReturnType<typeof siteClassFor>; cal: CalibratedStand };
const curveCache = new WeakMap<StandAttributes, Fitted>();
function standCurve(s: StandAttributes, growth: readonly GrowthRow[]): Fitted {
  const hit = curveCache.get(s);
  if (hit && hit.growth === growth && hit.of.species_group === s.species_group && hit.of.site_class === s.site_class &&
    hit.of.age_yr === s.age_yr && hit.of.volume_m3_per_ha === s.volume_m3_per_ha) return hit;
  const sc = siteClassFor(s.species_group, s.site_class, growth);
  const cal = calibrateStand(s.species_group, sc.site, s.age_yr, s.volume_m3_per_ha, growth);
  const fitted: Fitted = { growth, of: { species_group: s.species_group, site_class: s.site_class, age_yr: s.age_yr, volume_m3_per_ha: s.volume_m3_per_ha }, sc, cal };
  curveCache.set(s, fitted);
  return fitted;
}

/** Biomass carbon gained after `years` on a calibrated curve, t C/ha: C(V(t + years)) − C(V(t)), × growthFactor. */
function gainFromCurve(cal: CalibratedStand, stand: Readonly<Record<string, StandParams>>, ipcc: IpccFallback, growthFactor: number): (years: number) => number {
  const c0 = standBiomass(projectedVolume_m3_per_ha(cal, 0), cal.species_group, stand, ipcc).total_tC_per_ha;
  return (years) => (standBiomass(projectedVolume_m3_per_ha(cal, years), cal.species_group, stand, ipcc).total_tC_per_ha - c0) * growthFactor;
}

const perHa = (route: StandRoute, above: number, below: number, sink: number, gain: (y: number) => number, rest: Pick<StandPerHa, 'volume_m3_per_ha' | 'site_class' | 'notes'>): StandPerHa => ({
  route,
  above_tC_per_ha: above,
  below_tC_per_ha: below,
  sink_tC_per_ha_yr: sink,
  sink_tCO2e_per_ha_yr: sink * CO2E_PER_C,
  gain_tC_per_ha: gain,
  ...rest,
});

/**
 * Biomass carbon (t C/ha) and annual sink (t C/ha/yr) of the land a stand covers — see the module
 * comment for the routes. Route 'class_pools' (shrub; arbor without volume and age) carries zeros:
 * the class pools and sink of `classDefaultPerHa` apply to its land.
 * A bamboo stand with DBH ≤ 0 counts as without DBH (stand-level fallback).
 * @param s stand attributes (volume m³/ha, age yr, culm density per ha, DBH cm)
 * @throws RangeError for a negative culm density or stock volume, or a growth table without a
 *   curve for the stand's (or the fallback) species group
 */
export function standPerHa(
  s: StandAttributes,
  tables: StandCarbonTables = DEFAULT_STAND_CARBON_TABLES,
  factors: CarbonFactors = UNIT_FACTORS,
): StandPerHa {
  const t = tables;
  const f = factors;
  if (s.forest_type === 'shrub') return perHa('class_pools', 0, 0, 0, () => 0, { volume_m3_per_ha: null, site_class: null, notes: [] });
  if (s.forest_type === 'bamboo') {
    const biomassFactor = factorOf(f, 'bamboo.biomass');
    const known = s.culm_density_per_ha !== null && s.mean_dbh_cm !== null && s.mean_dbh_cm > 0;
    const c = known ? bambooStandCarbon(s.culm_density_per_ha!, s.mean_dbh_cm!, t.bamboo) : bambooFallbackCarbon(t.bamboo);
    const sink = managedBambooSink(t.bamboo).sink_tC_per_ha_yr * factorOf(f, 'bamboo.sink');
    return perHa(known ? 'bamboo_allometry' : 'bamboo_fallback', c.above_tC_per_ha * biomassFactor, c.below_tC_per_ha * biomassFactor, sink, (y) => sink * y, {
      volume_m3_per_ha: null,
      site_class: null,
      notes: known ? [] : ['bamboo_fallback'],
    });
  }
  // arbor
  if (s.volume_m3_per_ha === null && s.age_yr === null) {
    return perHa('class_pools', 0, 0, 0, () => 0, { volume_m3_per_ha: null, site_class: null, notes: ['stand_no_volume_or_age'] });
  }
  const notes: StandNote[] = [];
  const { sc, cal } = standCurve(s, t.growth);
  if (!Object.prototype.hasOwnProperty.call(t.stand, s.species_group)) notes.push('stand_species_fallback');
  if (sc.note === 'default') notes.push('site_class_default');
  if (sc.note === 'nearest') notes.push('site_class_nearest');
  if (s.volume_m3_per_ha === null) notes.push('stand_volume_from_age');
  if (!t.growth.some((r) => r.species_group === s.species_group)) notes.push('stand_growth_fallback');
  const { stand, ipcc } = biomassParams(t, f);
  const volume = projectedVolume_m3_per_ha(cal, 0);
  const b = standBiomass(volume, s.species_group, stand, ipcc);
  const gain = gainFromCurve(cal, stand, ipcc, factorOf(f, 'growth.increment'));
  return perHa(b.route === 'species_table' ? 'stand_table' : 'stand_ipcc_fallback', b.above_tC_per_ha, b.below_tC_per_ha, gain(1), gain, {
    volume_m3_per_ha: volume,
    site_class: sc.site,
    notes,
  });
}

// --------------------------------------------------------------------------------- classes

export interface ClassPerHa {
  code: number;
  /** Routing group (CLASS_ROUTING; 'other' for classes it does not list). */
  group: ClassGroup;
  /** The pools-table row (unscaled). */
  row: PoolRow;
  /** Above-ground biomass carbon, t C/ha. */
  above_tC_per_ha: number;
  /** Below-ground biomass carbon, t C/ha. */
  below_tC_per_ha: number;
  /** Soil organic carbon, t C/ha. */
  soil_tC_per_ha: number;
  /** Dead organic matter, t C/ha. */
  dead_tC_per_ha: number;
  /** Default annual sink of the class's land without records, t C/ha/yr. */
  sink_tC_per_ha_yr: number;
  /** The same in t CO2e/ha/yr (× 44/12). */
  sink_tCO2e_per_ha_yr: number;
  /** Carbon gained after `years` years on that land, t C/ha (0 at 0 years). */
  gain_tC_per_ha: (years: number) => number;
}

/**
 * The growth curve of a forest class's land on its representative species: the volume that
 * reproduces the class's above-ground carbon (unscaled tables), fitted at the default site class.
 * Depends on tables only, so fitted once per pools row (refitted for another species row or table).
 */
const classCurveCache = new WeakMap<PoolRow, { sp: string; p: StandParams; growth: readonly GrowthRow[]; cal: CalibratedStand }>();
function classCurve(row: PoolRow, sp: string, p: StandParams, growth: readonly GrowthRow[]): CalibratedStand {
  const hit = classCurveCache.get(row);
  if (hit && hit.sp === sp && hit.p === p && hit.growth === growth) return hit.cal;
  const v = row.c_above / (p.svd_t_per_m3 * p.bef * p.cf);
  const { site } = siteClassFor(sp, DEFAULT_SITE_CLASS, growth);
  const cal = calibrateStand(sp, site, null, v, growth);
  classCurveCache.set(row, { sp, p, growth, cal });
  return cal;
}

/** Default sink (t C/ha/yr) and gain (t C/ha after y years) of a class's remainder land. */
function classSink(row: PoolRow, group: ClassGroup, route: ClassRoute | undefined, t: StandCarbonTables, f: CarbonFactors): { sink: number; gain: (y: number) => number } {
  if (group === 'forest' && route?.representative_species) {
    const sp = route.representative_species;
    const p = t.stand[sp];
    if (!p || row.c_above <= 0) return { sink: 0, gain: () => 0 };
    const cal = classCurve(row, sp, p, t.growth);
    const { stand, ipcc } = biomassParams(t, f);
    const gain = gainFromCurve(cal, stand, ipcc, factorOf(f, 'growth.increment'));
    return { sink: gain(1), gain };
  }
  if (group === 'bamboo') {
    const s = managedBambooSink(t.bamboo).sink_tC_per_ha_yr * factorOf(f, 'bamboo.sink');
    return { sink: s, gain: (y) => s * y };
  }
  if (group === 'marsh' && t.wetland.marsh) {
    const s = t.wetland.marsh.burial_tC_per_ha_yr.value * factorOf(f, 'wetland.burial');
    return { sink: s, gain: (y) => s * y };
  }
  return { sink: 0, gain: () => 0 };
}

/**
 * Default pools (t C/ha) and sink (t C/ha/yr) of a land-cover class: its pools-table row and the
 * remainder sink of the module comment. Soil and dead organic matter also apply under stands.
 * @param code land-cover class (lucode)
 * @throws MissingLucodeError when the pools table has no row for `code`
 */
export function classDefaultPerHa(
  code: number,
  tables: StandCarbonTables = DEFAULT_STAND_CARBON_TABLES,
  factors: CarbonFactors = UNIT_FACTORS,
): ClassPerHa {
  const row = tables.pools.find((r) => r.lucode === code);
  if (!row) throw new MissingLucodeError([code]);
  const route = tables.class_routing.find((r) => r.code === code);
  const group = route?.group ?? 'other';
  const { sink, gain } = classSink(row, group, route, tables, factors);
  const biomassFactor = group === 'bamboo' ? factorOf(factors, 'bamboo.biomass') : factorOf(factors, 'pools.biomass');
  return {
    code,
    group,
    row,
    above_tC_per_ha: row.c_above * biomassFactor,
    below_tC_per_ha: row.c_below * biomassFactor,
    soil_tC_per_ha: row.c_soil * factorOf(factors, 'pools.soil'),
    dead_tC_per_ha: row.c_dead * factorOf(factors, 'pools.dead'),
    sink_tC_per_ha_yr: sink,
    sink_tCO2e_per_ha_yr: sink * CO2E_PER_C,
    gain_tC_per_ha: gain,
  };
}
