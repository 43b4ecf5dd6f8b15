/**
 * One zod schema per carbon parameter table that an administrator may replace
 * (PUT /api/params/carbon/{table}). Each states the unit and the range of every number, so a
 * stored table can never make a later analysis fail or answer nonsense: every number finite,
 * carbon ≥ 0 and below physical maxima, prices > 0, discount within (−50, 100) %, growth > 0,
 * Monte Carlo ranges min ≤ mode ≤ max, strings without NUL, no unknown keys, and every row the
 * models look up (the default's species, classes, price scenarios, …) present.
 *
 * Physical maxima (sanity bounds, far above any Zhejiang value, not model parameters):
 * - carbon density ≤ 2,000 t C/ha per pool and in total: the highest measured forest carbon,
 *   Eucalyptus regnans in Victoria, is 1,867 t C/ha in living biomass (Keith, Mackey & Lindenmayer
 *   2009, PNAS 106:11635); the defaults are ≤ 143 t C/ha.
 * - stock volume ≤ 10,000 m³/ha: above the tallest coast-redwood stands (the largest known stem volumes per ha).
 * - price ≤ 10,000 CNY/t CO2e: > 100 × the 2024 national ETS allowance price (97.49 CNY/t).
 * - carbon burial / sink ≤ 50 t C/ha/yr: an order of magnitude above the fastest mangrove and
 *   bamboo sinks reported (≈ 2–10 t C/ha/yr).
 */
import { z } from '@hono/zod-openapi';
import { DEFAULT_CARBON_TABLES, type CarbonTables } from '../../layers/carbon/parcel.ts';

const MAX_C_T_PER_HA = 2000;
const MAX_PRICE_CNY_PER_TCO2E = 10_000;
const MAX_SINK_TC_PER_HA_YR = 50;
const MAX_VOLUME_M3_PER_HA = 10_000;

/** A finite number in [min, max] (exclusive ends where asked), its unit in the description. */
function num(unit: string, min: number, max: number, { gt = false, lt = false } = {}) {
  let s = z.number().refine(Number.isFinite, 'must be a finite number');
  s = gt ? s.gt(min) : s.min(min);
  s = lt ? s.lt(max) : s.max(max);
  return s.describe(`${unit}, ${gt ? '(' : '['}${min}, ${max}${lt ? ')' : ']'}`);
}
const text = (max = 4000) => z.string().max(max).refine((s) => !s.includes('\0'), 'must not contain a NUL character');
const name = text(200).pipe(z.string().min(1));
const sourced = { source: text(), unverified: z.boolean() };
const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** A SourcedValue row (layers/core/sourced.ts): value within [min, max] and within its own range. */
function sourcedValue(unit: string, min: number, max: number, ends: { gt?: boolean; lt?: boolean } = {}) {
  const v = num(unit, min, max, ends);
  return z.strictObject({ value: v, unit: text(100), range: z.tuple([v, v]).readonly().optional(), ...sourced })
    .refine((r) => !r.range || (r.range[0] <= r.value && r.value <= r.range[1]), { message: 'range must be [low, high] with low ≤ value ≤ high', path: ['range'] });
}

/** A record keyed by name that must keep every key of the default (rows may be added). */
function keyedBy<T extends z.ZodType>(row: T, required: readonly string[], what: string) {
  return z.record(name, row).superRefine((rec, ctx) => {
    const missing = required.filter((k) => !Object.hasOwn(rec, k));
    if (missing.length) ctx.addIssue({ code: 'custom', message: `must have a row for every ${what}; missing: ${missing.join(', ')}` });
  });
}
/** Rows of an array that must cover every key of the default (rows may be added). */
function covering<T extends z.ZodType>(row: T, keyOf: (r: z.infer<T>) => string, required: readonly string[], what: string) {
  return z.array(row).min(1).readonly().superRefine((rows, ctx) => {
    const keys = rows.map(keyOf);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup !== undefined) ctx.addIssue({ code: 'custom', message: `has two rows for ${what} ${dup}` });
    const missing = required.filter((k) => !keys.includes(k));
    if (missing.length) ctx.addIssue({ code: 'custom', message: `must have a row for every ${what}; missing: ${missing.join(', ')}` });
  });
}

const D = DEFAULT_CARBON_TABLES;
const STAND_GROUPS = Object.keys(D.stand);
const CLASS_CODES = D.pools.map((p) => p.lucode);
const carbonPerHa = (pool: string) => num(`t C/ha (${pool})`, 0, MAX_C_T_PER_HA);
const poolsTotalBelowMax = <T extends { c_above: number; c_below: number; c_soil: number; c_dead: number }>(r: T) =>
  r.c_above + r.c_below + r.c_soil + r.c_dead <= MAX_C_T_PER_HA;
const POOLS_TOTAL = `the four pools must add up to at most ${MAX_C_T_PER_HA} t C/ha`;
const carbonPools = { c_above: carbonPerHa('above-ground biomass'), c_below: carbonPerHa('below-ground biomass'), c_soil: carbonPerHa('soil organic carbon'), c_dead: carbonPerHa('dead organic matter') };

const pools = covering(
  z.strictObject({ lucode: int(1, 255), lulc_name: name, ...carbonPools, ...sourced }).refine(poolsTotalBelowMax, POOLS_TOTAL),
  (r) => String(r.lucode), CLASS_CODES.map(String), 'land-cover code');

const carbonFraction = num('t C / t dry matter', 0, 1, { gt: true });
const rootShoot = num('t dm below / t dm above', 0, 5);
const stand = keyedBy(z.strictObject({
  name_zh: text(200), name_en: text(200),
  svd_t_per_m3: num('basic wood density, t dm/m³', 0, 1.5, { gt: true }),
  bef: num('biomass expansion factor, dimensionless', 1, 10),
  root_shoot: rootShoot, cf: carbonFraction, ...sourced,
}), STAND_GROUPS, 'species group');

const ipcc = z.strictObject({
  cf: carbonFraction, root_shoot_low: rootShoot, root_shoot_high: rootShoot,
  threshold_t_dm_per_ha: num('t dm/ha', 0, 2 * MAX_C_T_PER_HA / 0.47, { gt: true }),
  svd_bef_from_group: z.enum(STAND_GROUPS as [string, ...string[]]), ...sourced,
});

const fraction = (what: string) => sourcedValue(`fraction (${what})`, 0, 1);
const bamboo = z.strictObject({
  species: name,
  allometry: z.strictObject({ ...Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, num('coefficient', -1e6, 1e6)])), ...sourced }),
  root_shoot: sourcedValue('ratio', 0, 5),
  cf: sourcedValue('t C / t dm', 0, 1, { gt: true }),
  age_distribution_du: z.strictObject({
    rows: z.array(z.strictObject({ age_du: int(1, 20), share: num('share of culms', 0, 1) })).min(1)
      .refine((rows) => Math.abs(rows.reduce((s, r) => s + r.share, 0) - 1) < 1e-6, 'shares must add up to 1'),
    ...sourced,
  }),
  fallback_biomass_tC_per_ha: sourcedValue('t C/ha', 0, MAX_C_T_PER_HA),
  managed_net_gain_tC_per_ha_yr: sourcedValue('t C/ha/yr', 0, MAX_SINK_TC_PER_HA_YR),
  harvest_yield_tC_per_ha_yr: sourcedValue('t C/ha/yr', 0, MAX_SINK_TC_PER_HA_YR),
  product_retention_fraction: fraction('of harvested carbon kept in products'),
  min_stand_area_ha: sourcedValue('ha', 0, 10_000),
});

const wetland = keyedBy(z.strictObject({
  name_zh: text(200), name_en: text(200),
  stock: z.strictObject({ ...carbonPools, ...sourced }).refine(poolsTotalBelowMax, POOLS_TOTAL),
  burial_tC_per_ha_yr: sourcedValue('t C/ha/yr', 0, MAX_SINK_TC_PER_HA_YR),
}), Object.keys(D.wetland), 'wetland type');

const growth = covering(z.strictObject({
  species_group: name, site_class: int(1, 5),
  a_m3_per_ha: num('asymptotic stock volume, m³/ha', 0, MAX_VOLUME_M3_PER_HA, { gt: true }),
  k_per_yr: num('growth rate, 1/yr', 0, 5, { gt: true }),
  c: num('shape exponent, dimensionless', 0, 20, { gt: true }),
  ...sourced,
}), (r) => `${r.species_group}/${r.site_class}`, D.growth.map((r) => `${r.species_group}/${r.site_class}`), 'species group / site class');

const GROUPS = [...new Set(D.class_routing.map((r) => r.group))] as [string, ...string[]];
const class_routing = covering(z.strictObject({
  code: int(1, 255), group: z.enum(GROUPS), representative_species: z.enum(STAND_GROUPS as [string, ...string[]]).optional(),
}).refine((r) => r.group !== 'forest' || r.representative_species !== undefined, { message: 'a forest class needs a representative_species', path: ['representative_species'] }),
(r) => String(r.code), CLASS_CODES.map(String), 'land-cover code');

const ACTIVITIES = [...new Set(Object.values(D.methodologies).map((m) => m.activity))] as [string, ...string[]];
const methodologies = keyedBy(z.strictObject({
  id: name, version: text(200), name_zh: text(200), name_en: text(200), activity: z.enum(ACTIVITIES),
  crediting_years: z.strictObject({ min: int(1, 200), max: int(1, 200), default: int(1, 200), ...sourced })
    .refine((y) => y.min <= y.default && y.default <= y.max, 'must have min ≤ default ≤ max'),
  min_parcel_m2: sourcedValue('m²', 0, 1e8),
  required_non_forest_years: sourcedValue('yr', 0, 200).nullable().describe('null: the methodology has no non-forest requirement'),
  excludes_wetland: z.boolean(),
  pools: z.array(text(200)).max(20),
  leakage_fraction: fraction('leakage'),
  baseline_sink_fraction: fraction('baseline sink'),
  precision_target_pct: sourcedValue('% relative error', 0, 100),
  default_uncertainty_deduction: fraction('uncertainty deduction'),
  buffer_fraction: fraction('buffer'),
  activity_classes: z.array(int(1, 255)).max(255),
  ...sourced,
}), Object.keys(D.methodologies), 'methodology');

const price = sourcedValue('CNY/t CO2e', 0, MAX_PRICE_CNY_PER_TCO2E, { gt: true });
const prices = z.strictObject({ low: price, central: price, high: price })
  .refine((p) => p.low.value <= p.central.value && p.central.value <= p.high.value, 'must have low ≤ central ≤ high');

const value = z.strictObject({
  discount_rate_pct: sourcedValue('%/yr', -50, 100, { gt: true, lt: true }),
  price_growth_pct: sourcedValue('%/yr', -50, 50),
  split: z.strictObject({
    villages_share: num('share of net proceeds', 0, 1), households_share_of_villages: num('share of the villages’ part', 0, 1),
    villages_source: text(), households_source: text(), unverified: z.boolean(),
  }),
});

const stand_class_preference = keyedBy(
  z.array(z.number().int().refine((c) => CLASS_CODES.includes(c), `must be a land-cover code (${CLASS_CODES.join(', ')})`)).min(1).max(CLASS_CODES.length)
    .refine((a) => new Set(a).size === a.length, 'must not repeat a class'),
  STAND_GROUPS, 'species group');

const multiplier = num('multiplier of the central value', 0, 10);
const UNCERTAIN = D.uncertainty.map((p) => p.name) as [string, ...string[]];
const uncertainty = covering(z.strictObject({
  name: z.enum(UNCERTAIN),
  distribution: z.discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('triangular'), min: multiplier, mode: multiplier, max: multiplier })
      .refine((d) => d.min <= d.mode && d.mode <= d.max, 'must have min ≤ mode ≤ max'),
    z.strictObject({ dist: z.literal('uniform'), min: multiplier, max: multiplier }).refine((d) => d.min <= d.max, 'must have min ≤ max'),
  ]),
  ...sourced,
}), (r) => r.name, UNCERTAIN, 'uncertain parameter');

/** The schema of every table an administrator may replace, by table name. */
export const CARBON_TABLE_SCHEMAS = {
  pools, stand, ipcc, bamboo, wetland, growth, class_routing, methodologies, prices, value, stand_class_preference, uncertainty,
} satisfies Record<keyof CarbonTables, z.ZodType>;
