/**
 * Schemas of the carbon endpoints: the analysis request (checked both ways against the model's
 * `CarbonScenario`, so the API and layers/carbon cannot drift), the analysis answer, one stand's
 * carbon per hectare and the parameter tables. The TypeScript types the services return and the
 * web app reads are inferred from these.
 */
import { z } from '@hono/zod-openapi';
import { DEFAULT_CARBON_TABLES, type CarbonScenario } from '../../layers/carbon/parcel.ts';

/** Species groups with growth curves (the planting projection needs one). */
const PLANTING_GROUPS = [...new Set(DEFAULT_CARBON_TABLES.growth.map((r) => r.species_group))];

export const ScenarioSchema = z.object({
  methodology: z.string().optional().describe('Methodology id, e.g. CCER-14-001-V01, AR-CM-003-V01, AR-CM-005-V01'),
  crediting_years: z.number().int().min(1).max(200).optional(),
  start_year: z.number().int().min(1990).max(2200).optional().describe('First vintage year (default: this year)'),
  price_scenario: z.enum(['low', 'central', 'high']).optional(),
  price_cny_per_tCO2e: z.number().min(0).max(10_000).optional().describe('CNY/t CO2e, [0, 10,000] (> 100 × the 2024 national ETS price of 97.49)'),
  price_growth_pct: z.number().min(-50).max(50).optional().describe('%/yr, [−50, 50]'),
  discount_rate_pct: z.number().min(-10).max(50).optional().describe('%/yr, [−10, 50]'),
  split: z.object({
    villages_share: z.number().min(0).max(1).describe('Share of net proceeds returned to villages, e.g. 0.7 in Anji'),
    households_share_of_villages: z.number().min(0).max(1).describe('Of the villages’ share, the part paid to households'),
  }).partial().optional(),
  non_forest_years: z.number().min(0).max(1000).optional().describe('Years the land has been without forest, [0, 1000]'),
  monte_carlo_runs: z.number().int().min(2).max(20_000).optional(),
  seed: z.number().int().min(-(2 ** 31)).max(2 ** 32 - 1).optional().describe('32-bit seed of the Monte Carlo'),
  baseline_sink_fraction: z.number().min(0).max(1).optional(),
  relative_error_pct: z.number().min(0).max(100).optional().describe('Sample-plot relative error at 90 % confidence, %, [0, 100]'),
  uncertainty_deduction: z.number().min(0).max(1).optional(),
  buffer_fraction: z.number().min(0).max(1).optional(),
  planting: z.object({
    species_group: z.string().refine((g) => PLANTING_GROUPS.includes(g), { message: `must be one of ${PLANTING_GROUPS.join(', ')}` }),
    site_class: z.number().int().min(1).max(5),
  }).strict().optional(),
}).strict().openapi('CarbonScenario');

// Compile-time check, both ways: the request schema accepts exactly the model's scenario type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const scenarioMatchesModel: Same<z.infer<typeof ScenarioSchema>, CarbonScenario> = true;
void scenarioMatchesModel;

export const CarbonRequestSchema = z.object({
  geometry: z.unknown().describe('GeoJSON Polygon or MultiPolygon (lon/lat, RFC 7946), or a Feature / FeatureCollection of them'),
  scenario: ScenarioSchema.optional(),
}).strict().openapi('CarbonRequest');

const Finding = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export const PoolsSchema = z.object({ above: z.number(), below: z.number(), soil: z.number(), dead: z.number(), total: z.number() }).describe('t C per pool');
const Range = <T extends string>(of: T) =>
  z.object({ p5: z.number(), p50: z.number(), p95: z.number(), of: z.literal(of), runs: z.number().int(), seed: z.number().int() });
const Split = z.object({ households_cny: z.number(), village_collective_cny: z.number(), cooperative_cny: z.number() });
const StandRoute = z.enum(['stand_table', 'stand_ipcc_fallback', 'bamboo_allometry', 'bamboo_fallback', 'class_pools']);
const ForestType = z.enum(['arbor', 'bamboo', 'shrub']);

/** The parameter tables (layers/carbon DEFAULT_CARBON_TABLES shape); only their outline is typed here. */
const CarbonTablesSchema = z.object({
  pools: z.array(z.object({ lucode: z.number().int(), c_above: z.number(), c_below: z.number(), c_soil: z.number(), c_dead: z.number() })).readonly(),
  stand: z.record(z.string(), z.object({ source: z.string(), unverified: z.boolean() })),
}).describe('Every parameter table used, each value with its source and unverified flag');

export const CarbonAnalysisSchema = z.object({
  model_version: z.string(),
  area_ha: z.number(),
  area_mu: z.number(),
  classified_area_ha: z.number(),
  unclassified_area_ha: z.number(),
  classes: z.array(z.object({
    class: z.string(), code: z.number().int(), name_zh: z.string(), name_en: z.string(),
    area_ha: z.number(), covered_area_ha: z.number(), stock_tC: PoolsSchema, stock_tCO2e: z.number(),
    sink_tC_per_yr: z.number(), sink_tCO2e_per_yr: z.number(),
  })),
  total: z.object({
    stock_tC: z.number(), stock_tCO2e: z.number(), sink_tC_per_yr: z.number(), sink_tCO2e_per_yr: z.number(),
    pools_tC: PoolsSchema, range: Range('stock_tCO2e'), sink_range: Range('sink_tCO2e_per_yr'),
  }),
  eligibility: z.object({ methodology: z.string(), eligible: z.boolean(), reasons: z.array(Finding.extend({ blocking: z.boolean() })) }),
  projection: z.array(z.object({
    year: z.number().int(), baseline_tCO2e: z.number(), project_tCO2e: z.number(), er_tCO2e: z.number(),
    creditable_tCO2e: z.number(), baseline_stock_tCO2e: z.number(), project_stock_tCO2e: z.number(),
  })),
  credits: z.object({ total_creditable_tCO2e: z.number(), uncertainty_deduction: z.number(), buffer_fraction: z.number(), activity_area_ha: z.number() }),
  value: z.object({
    npv_cny: z.number(), undiscounted_cny: z.number(), price_cny_per_tCO2e: z.number(), price_growth_pct: z.number(), discount_rate_pct: z.number(),
    split: z.object({
      shares: z.object({ households: z.number(), village_collective: z.number(), cooperative: z.number() }),
      npv_cny: Split,
      undiscounted_cny: Split,
    }),
  }),
  stands: z.array(z.object({
    id: z.string(), species_group: z.string(), forest_type: ForestType, route: StandRoute,
    area_ha: z.number(), counted_area_ha: z.number(), share_of_stand: z.number(), share_of_parcel: z.number(),
    volume_m3_per_ha: z.number().nullable(), stock_tC: PoolsSchema, stock_tCO2e: z.number(), sink_tCO2e_per_yr: z.number(),
    classes: z.array(z.object({ code: z.number().int(), area_ha: z.number() })),
  })),
  warnings: z.array(Finding),
  dominant_parameters: z.array(z.object({ name: z.string(), rank_correlation_stock: z.number(), rank_correlation_sink: z.number(), source: z.string() })),
  params: z.object({
    model_version: z.string(),
    scenario: ScenarioSchema.safeExtend({
      methodology: z.string(), crediting_years: z.number().int(), start_year: z.number().int(), monte_carlo_runs: z.number().int(), seed: z.number().int(),
    }),
    methodology: z.object({ id: z.string(), version: z.string(), name_zh: z.string(), name_en: z.string(), source: z.string(), unverified: z.boolean() }).describe('The methodology in force, with all its sourced rules'),
    tables: CarbonTablesSchema,
  }),
  geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }).describe('The parcel as analysed (repaired, clipped to the data extent), EPSG:4326'),
  inputs: z.object({
    landcover_source: z.string(),
    stands_source: z.array(z.string()),
    counted_area_ha: z.number(),
    nodata_area_ha: z.number(),
    parameter_overrides: z.array(z.string()),
    tantu_version: z.string(),
  }),
}).openapi('CarbonAnalysis');

export const StandCarbonSchema = z.object({
  id: z.string(),
  species_group: z.string(),
  forest_type: ForestType,
  area_ha: z.number().describe('Whole stand, ellipsoidal, ha'),
  route: StandRoute,
  landcover_code: z.number().int().describe('Land-cover class whose soil and dead-organic-matter pools apply'),
  landcover_matched: z.boolean().describe('false: no land of the stand’s kind lies under it (its first-preference class is assumed)'),
  per_ha: z.object({
    pools_tC: PoolsSchema,
    stock_tC: z.number(),
    stock_tCO2e: z.number(),
    sink_tCO2e_per_yr: z.number(),
    volume_m3_per_ha: z.number().nullable(),
  }),
  model_version: z.string(),
  parameter_overrides: z.array(z.string()),
}).openapi('StandCarbon');
export type StandCarbon = z.infer<typeof StandCarbonSchema>;

const OverrideInfo = z.object({ table_name: z.string(), note: z.string().nullable(), updated_by: z.string(), updated_at: z.union([z.string(), z.date()]) });
export const CarbonParamsSchema = z.object({
  model_version: z.string(),
  tables: CarbonTablesSchema,
  overrides: z.array(OverrideInfo),
  rejected_overrides: z.array(OverrideInfo.extend({ problem: z.string() }))
    .describe('Stored overrides that their table’s schema refuses (e.g. stored before the schema): not applied, the default is in force'),
}).openapi('CarbonParams');

export const ParamOverrideRequestSchema = z.object({
  value: z.unknown().describe('The whole table, in the shape GET returns'),
  note: z.string().max(2000).refine((s) => !s.includes('\0'), 'must not contain a NUL character').optional(),
});
export const ParamAuditSchema = z.object({
  entries: z.array(z.object({
    id: z.string(), table_name: z.string(), action: z.enum(['override', 'restore default']),
    note: z.string().nullable(), changed_by: z.string().describe('Identity of the administrator'), changed_at: z.string().describe('UTC, ISO 8601'),
  })),
}).openapi('ParamAudit');
export const ParamOverrideResultSchema = z.object({ table: z.string(), status: z.enum(['overridden', 'default restored', 'was default']) });
