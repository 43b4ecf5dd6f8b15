/**
 * Schemas of the siting endpoints (issue 11): rule sets, AHP, suitability scenarios, the point
 * readout, candidate zones with the supply curve and robustness, and the parcel potential.
 */
import { z } from '@hono/zod-openapi';

const Finding = z.object({ code: z.string(), zh: z.string(), en: z.string() });
const Sourced = { source: z.string(), unverified: z.boolean() };

export const FamilySchema = z.enum(['pv', 'wind']);
export const TechnologySchema = z.enum(['pv_ground', 'pv_fishery', 'pv_forest', 'pv_rooftop', 'wind']);

const Range = z.tuple([z.number().nullable(), z.number().nullable()]).describe('[min, max], inclusive; null = open end');
const Values = z.array(z.number()).max(200);

export const MaskRuleSchema = z.object({
  id: z.string().min(1).max(60).regex(/^[A-Za-z0-9_.-]+$/),
  label_zh: z.string().max(200).optional(),
  label_en: z.string().max(200).optional(),
  layer: z.string().min(1).max(60).describe('Source layer id (GET /api/siting/rules lists them)'),
  exclude_values: Values.optional(),
  exclude_range: Range.optional(),
  include_values: Values.optional(),
  include_range: Range.optional(),
  include_weights: z.record(z.string(), z.number()).optional().describe('value → weight 0–1; unlisted values are excluded'),
  force_include_values: Values.optional(),
  force_include_range: Range.optional(),
  buffer_m: z.number().min(0).max(50_000).optional().describe('Widen the exclusion by this many metres'),
  setback_tip_heights: z.number().min(0).max(20).optional().describe('Distance layers: exclude below this multiple of the turbine tip height'),
  source: z.string().max(1000).optional().describe('Legal or other source of the rule'),
  unverified: z.boolean().optional(),
}).strict().openapi('SitingMaskRule');

export const RuleSetBodySchema = z.object({
  technology: TechnologySchema,
  label_zh: z.string().max(200).optional(),
  label_en: z.string().max(200).optional(),
  rules: z.array(MaskRuleSchema).max(32),
  min_area_ha: z.number().min(0).max(100_000).optional(),
  contiguity: z.enum(['queen', 'rook']).optional(),
  density_mw_per_km2: z.number().positive().max(300).optional(),
}).strict().openapi('SitingRuleSetBody');
export type RuleSetBody = z.infer<typeof RuleSetBodySchema>;

const MaskRuleOut = MaskRuleSchema.extend({ label_zh: z.string(), label_en: z.string(), source: z.string(), unverified: z.boolean() });
export const RuleSetSchema = z.object({
  name: z.string(), technology: TechnologySchema, label_zh: z.string(), label_en: z.string(),
  rules: z.array(MaskRuleOut), min_area_ha: z.number(), contiguity: z.enum(['queen', 'rook']),
  density_mw_per_km2: z.number(), density_source: z.string(), density_unverified: z.boolean(),
}).openapi('SitingRuleSet');

export const RescaleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), unit: z.string().max(30), breakpoints: z.array(z.tuple([z.number(), z.number()])).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('step'), unit: z.string().max(30), thresholds: z.array(z.number()).max(20), scores: z.array(z.number()).min(1).max(21) }).strict(),
  z.object({ kind: z.literal('sigmoid'), unit: z.string().max(30), midpoint: z.number(), steepness_per_unit: z.number() }).strict(),
  z.object({ kind: z.literal('classes'), unit: z.string().max(30), scores: z.record(z.string(), z.number()), default: z.number() }).strict(),
]).openapi('SitingRescale');

const CriterionOut = z.object({ id: z.string(), zh: z.string(), en: z.string(), layer: z.string(), unit: z.string(), rescale: RescaleSchema, ...Sourced });
const Preset = z.object({ id: z.string(), zh: z.string(), en: z.string(), weights: z.record(z.string(), z.number()), ...Sourced });
const Layer = z.object({ id: z.string(), zh: z.string(), en: z.string(), unit: z.string(), from: z.string() });
const ClassOut = z.object({ key: z.string(), min: z.number(), zh: z.string(), en: z.string(), color: z.string() });
const Param = z.object({ key: z.string(), value: z.number(), unit: z.string(), ...Sourced });

export const SitingRulesSchema = z.object({
  layers: z.array(Layer),
  rule_sets: z.array(RuleSetSchema.extend({ saved: z.boolean(), updated_by: z.string().nullable(), updated_at: z.string().nullable() })),
  criteria: z.object({ pv: z.array(CriterionOut), wind: z.array(CriterionOut) }),
  pv_resources: z.array(CriterionOut.extend({ key: z.enum(['specific_yield', 'ghi']) })).describe('The PV resource criterion (id solar) as a suitability request may choose it (pv_resource)'),
  presets: z.object({ pv: z.array(Preset), wind: z.array(Preset) }),
  classes: z.array(ClassOut),
  random_index: z.array(z.object({ n: z.number().int(), ri: z.number(), ...Sourced })),
  parameters: z.array(Param),
}).openapi('SitingRules');

export const AhpRequestSchema = z.object({
  criteria: z.array(z.string().min(1).max(60)).min(1).max(15),
  matrix: z.array(z.array(z.number())).min(1).max(15).describe('n × n pairwise comparisons, a[i][j] = importance of criterion i over j (Saaty 1–9, reciprocals below the diagonal)'),
}).strict().openapi('AhpRequest');

export const AhpResultSchema = z.object({
  weights: z.record(z.string(), z.number()),
  lambda_max: z.number(), ci: z.number(), ri: z.number(), cr: z.number(), consistent: z.boolean(),
  most_inconsistent: z.object({ a: z.string(), b: z.string(), given: z.number(), implied: z.number(), suggested: z.number() }).nullable(),
  warning: Finding.nullable(),
}).openapi('AhpResult');

export const SuitabilityRequestSchema = z.object({
  technology: TechnologySchema.optional().describe('pv: pv_ground (default), pv_fishery, pv_forest, pv_rooftop; wind: wind'),
  rule_set: z.string().max(100).optional().describe('A rule set name: default:<technology> or a saved one'),
  rules: RuleSetBodySchema.optional().describe('An edited rule set (takes precedence over rule_set)'),
  preset: z.string().max(60).optional().describe('Weight preset id (GET /api/siting/rules)'),
  weights: z.record(z.string(), z.number().min(0).max(1000)).optional().describe('criterion id → weight (normalised); missing criteria get 0 when given'),
  criteria: z.record(z.string(), RescaleSchema).optional().describe('criterion id → an edited rescaling'),
  pv_resource: z.enum(['specific_yield', 'ghi']).optional().describe('PV: score the resource as specific PV yield, kWh/kWp/yr (default), or as GHI, kWh/m²/yr'),
  turbine: z.string().max(100).optional().describe('Wind: turbine id for the tip height (GET /api/wind/turbines)'),
  hub_height_m: z.number().min(10).max(300).optional(),
}).strict().openapi('SuitabilityRequest');
export type SuitabilityRequest = z.infer<typeof SuitabilityRequestSchema>;

const WeightOut = CriterionOut.extend({ weight: z.number() });
const Legend = z.object({
  classes: z.array(ClassOut),
  excluded: z.array(z.object({ code: z.number().int(), rule_id: z.string(), zh: z.string(), en: z.string(), color: z.string() })),
});
export const SuitabilityResultSchema = z.object({
  scenario: z.string(), family: FamilySchema, technology: TechnologySchema,
  tiles: z.string().describe('PNG tile URL template, {z}/{x}/{y}'),
  criteria: z.array(WeightOut),
  rule_set: RuleSetSchema,
  tip_height_m: z.number().nullable(),
  legend: Legend,
  stats: z.object({
    domain_km2: z.number(), usable_km2: z.number(),
    class_km2: z.record(z.string(), z.number()),
    excluded_km2: z.array(z.object({ rule_id: z.string(), km2: z.number() })).describe('Area each rule excluded first (in rule order), then min_area'),
  }),
  timings: z.object({ reweight_ms: z.number(), cached: z.boolean(), layers_from: z.enum(['built', 'disk', 'memory']), layers_s: z.number() }),
  pv_yield: z.object({
    specific_yield_kwh_per_kwp: z.number(), ghi_kwh_per_m2_yr: z.number(), kwh_per_kwp_per_kwh_per_m2: z.number(),
    surface_tilt_deg: z.number(), surface_azimuth_deg: z.number(), model: z.string(), station_id: z.number().int(), station_name: z.string(), method: z.string(),
  }).nullable().describe('PV: how the specific-yield layer was made (the station’s full-chain yield per kWh/m²)'),
  data_version: z.string(),
}).openapi('SuitabilityResult');
export type SuitabilityResult = z.infer<typeof SuitabilityResultSchema>;

export const PointQuerySchema = z.object({
  lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90),
  scenario: z.string().regex(/^[0-9a-f]{32}$/).describe('Scenario id from POST /api/siting/{family}/suitability'),
});
export const PointResultSchema = z.object({
  scenario: z.string(), lon: z.number(), lat: z.number(),
  cell: z.object({ col: z.number().int(), row: z.number().int(), inside: z.boolean() }),
  criteria: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string(), layer: z.string(), unit: z.string(), value: z.number().nullable(), score: z.number(), weight: z.number() })),
  mask: z.number().describe('Π c_j after forced inclusions and min_area, 0–1'),
  excluded_by: z.array(z.object({ rule_id: z.string(), zh: z.string(), en: z.string() })),
  s: z.number().describe('S = mask · Σ w x, from the stored (byte) scores'),
  class: z.object({ key: z.string(), zh: z.string(), en: z.string() }),
  layers: z.record(z.string(), z.number().nullable()).describe('Every source layer at the cell'),
}).openapi('SitingPoint');

export const ZonesQuerySchema = z.object({
  scenario: z.string().regex(/^[0-9a-f]{32}$/),
  min_s: z.coerce.number().min(0).max(1).default(0.6).describe('Zone cells have S ≥ this'),
  min_area_ha: z.coerce.number().min(0).max(100_000).optional().describe('Default: the rule set’s min_area_ha'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  top_n: z.coerce.number().int().min(1).max(100).default(10),
  runs: z.coerce.number().int().min(10).max(5000).default(500),
  perturbation: z.coerce.number().min(0).max(1).default(0.2),
  seed: z.coerce.number().int().min(0).max(2 ** 31).default(1),
  by: z.enum(['score', 'resource', 'connection']).default('score').describe('Supply-curve order: mean S, resource (GHI / wind power density) or distance to a substation'),
});
const ZoneOut = z.object({
  rank: z.number().int(), cells: z.number().int(), area_km2: z.number(), area_ha: z.number(), area_mu: z.number(),
  mean_s: z.number(), max_s: z.number(), capacity_mw: z.number(),
  centroid: z.object({ lon: z.number(), lat: z.number() }),
  resource: z.object({ value: z.number(), unit: z.string() }),
  substation_distance_m: z.number(),
  top_n_share: z.number(), mean_rank: z.number(),
  geometry: z.unknown().nullable().describe('GeoJSON MultiPolygon (lon/lat) of the zone'),
});
export const ZonesResultSchema = z.object({
  scenario: z.string(), total_zones: z.number().int(), total_capacity_mw: z.number(),
  zones: z.array(ZoneOut),
  supply_curve: z.array(z.object({ rank: z.number().int(), value: z.number(), capacity_mw: z.number(), cumulative_mw: z.number() })),
  supply_by: z.enum(['score', 'resource', 'connection']), supply_unit: z.string(),
  robustness: z.object({ runs: z.number().int(), top_n: z.number().int(), perturbation: z.number(), seed: z.number().int(), note_zh: z.string(), note_en: z.string() }),
  density_mw_per_km2: z.number(),
}).openapi('SitingZones');

export const ParcelRequestSchema = z.object({
  geometry: z.unknown().describe('GeoJSON Polygon/MultiPolygon (lon/lat) or a Feature of one'),
  scenario: z.string().regex(/^[0-9a-f]{32}$/).optional().describe('Use this scenario’s rules; else give technology (+ rule_set or rules)'),
  technology: TechnologySchema.optional(),
  rule_set: z.string().max(100).optional(),
  rules: RuleSetBodySchema.optional(),
  density_mw_per_km2: z.number().positive().max(300).optional().describe('Default: the rule set’s (reV 36 MW_dc/km² for PV, 3 MW/km² wind)'),
  turbine: z.string().max(100).optional(),
  hub_height_m: z.number().min(10).max(300).optional(),
  yield: z.boolean().optional().describe('Run the PV / wind yield engine for the usable area (default true)'),
}).strict().openapi('SitingParcelRequest');

export const ParcelResultSchema = z.object({
  technology: TechnologySchema, rule_set: z.string(),
  area_ha: z.number(), area_mu: z.number(),
  waterfall: z.array(z.object({ step: z.string(), zh: z.string(), en: z.string(), removed_ha: z.number(), remaining_ha: z.number() })),
  usable_ha: z.number(), usable_mu: z.number(),
  capacity: z.object({
    density_mw_per_km2: z.number(), capacity_mw: z.number(),
    alternatives: z.array(z.object({ key: z.string(), density_mw_per_km2: z.number(), capacity_mw: z.number(), ...Sourced })),
  }),
  energy: z.object({ annual_mwh: z.number(), specific_yield_kwh_per_kwp: z.number().nullable(), capacity_factor_pct: z.number(), model: z.string() }).nullable(),
  storage: z.object({ power_mw: z.number(), energy_mwh: z.number(), fraction: z.number(), hours: z.number(), source: z.string() }),
  connection: z.object({ substation_id: z.string(), name_zh: z.string().nullable(), voltage_kv: z.number(), distance_km: z.number(), cost_cny: z.number(), cny_per_km: z.number(), unverified: z.boolean() }).nullable(),
  avoided: z.object({ tCO2_per_yr: z.number(), tCO2_per_MWh: z.number(), year: z.number().int(), source: z.string() }).nullable(),
  wind_layout: z.object({
    turbine_id: z.string(), rotor_diameter_m: z.number(), hub_height_m: z.number(), tip_height_m: z.number(), rated_kw: z.number(),
    spacing_crosswind_d: z.number(), spacing_downwind_d: z.number(), turbines: z.number().int(), capacity_mw: z.number(),
    net_aep_mwh: z.number().nullable(), capacity_factor_pct: z.number().nullable(),
    positions: z.array(z.tuple([z.number(), z.number()])),
  }).nullable(),
  warnings: z.array(Finding),
}).openapi('SitingParcel');

export type SitingRules = z.infer<typeof SitingRulesSchema>;
export type SitingPoint = z.infer<typeof PointResultSchema>;
export type SitingZones = z.infer<typeof ZonesResultSchema>;
export type SitingParcel = z.infer<typeof ParcelResultSchema>;
export type AhpResult = z.infer<typeof AhpResultSchema>;
