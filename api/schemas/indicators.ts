/**
 * Schemas of the policy indicator dashboard (issue 14): the indicators of a region (and its
 * children) against their targets, and the targets table's CRUD.
 */
import { z } from '@hono/zod-openapi';
import { INDICATOR_IDS } from '../../layers/indicators/definitions.ts';

const Bilingual = z.object({ zh: z.string(), en: z.string() });
const FindingSchema = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export const IndicatorIdSchema = z.enum(INDICATOR_IDS);
export const StatusSchema = z.enum(['met', 'on track', 'behind', 'no target', 'no data']);
const Level = z.enum(['province', 'city', 'county', 'township', 'village']);

export const IndicatorsQuerySchema = z.object({
  region: z.string().min(1).max(40).describe('County, township or village id (GET /api/regions lists them)'),
  children: z.enum(['0', '1', 'true', 'false']).optional().describe('1: also each child region\'s values (townships of a county, villages of a township)'),
  as_of: z.coerce.number().int().min(2000).max(2100).optional().describe('Year the status is judged at (default: this year)'),
});
export type IndicatorsQuery = z.infer<typeof IndicatorsQuerySchema>;

export const AppliedTargetSchema = z.object({
  id: z.number().int(),
  value: z.number(), unit: z.string(), year: z.number().int().nullable(), comparison: z.enum(['at_least', 'at_most']),
  baseline_value: z.number().nullable(), baseline_year: z.number().int().nullable(),
  document: z.string().describe('The plan, as written (zh-CN)'), document_en: z.string(),
  region_id: z.string(), place_zh: z.string(), place_en: z.string(),
  scope: z.enum(['own', 'reference']).describe('own: set for this region; reference: set for an enclosing city or province, shown for comparison only'),
  source: z.string(), note: z.string().nullable(),
});

export const IndicatorSchema = z.object({
  id: IndicatorIdSchema,
  name_zh: z.string(), name_en: z.string(),
  value: z.number().nullable(), unit: z.string(),
  numerator: z.number().nullable().describe('For a ratio: the part (basis_unit)'),
  denominator: z.number().nullable().describe('For a ratio: the whole (basis_unit)'),
  basis_unit: z.string().nullable(),
  additive: z.boolean().describe('The region\'s value is the sum of its children\'s'),
  definition: Bilingual, source: Bilingual,
  target: AppliedTargetSchema.nullable(),
  gap: z.number().nullable().describe('value − target, in the indicator\'s unit (null against a reference target of a quantity that adds up: a city\'s total is not a county\'s)'),
  share_of_target_pct: z.number().nullable().describe('value ÷ target × 100'),
  status: StatusSchema,
  findings: z.array(FindingSchema),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const ChildValuesSchema = z.object({
  region_id: z.string(), name_zh: z.string(), name_en: z.string().nullable(), level: Level,
  values: z.record(z.string(), z.number().nullable()).describe('Indicator id → value'),
  status: z.record(z.string(), StatusSchema).describe('Indicator id → status against the target that applies to the child'),
});

export const IndicatorsSchema = z.object({
  region_id: z.string(), name_zh: z.string(), name_en: z.string().nullable(), level: Level, parent_id: z.string().nullable(),
  area_ha: z.number(), area_mu: z.number(),
  as_of_year: z.number().int(),
  indicators: z.array(IndicatorSchema),
  children: z.array(ChildValuesSchema).optional(),
  narrative_zh: z.string(), narrative_en: z.string(),
  findings: z.array(FindingSchema),
  inputs: z.object({ fingerprint: z.string(), siting_data_version: z.string().nullable(), tantu_version: z.string() }),
}).openapi('Indicators');
export type Indicators = z.infer<typeof IndicatorsSchema>;

// ------------------------------------------------------------------------------ targets

export const TargetSchema = z.object({
  id: z.number().int(),
  region_id: z.string(), region_level: Level, place_zh: z.string(), place_en: z.string(),
  indicator: IndicatorIdSchema, comparison: z.enum(['at_least', 'at_most']),
  value: z.number(), unit: z.string(), year: z.number().int().nullable(),
  baseline_value: z.number().nullable(), baseline_year: z.number().int().nullable(),
  document_zh: z.string(), document_en: z.string(), source: z.string(), note: z.string().nullable(),
  created_by: z.string(), created_at: z.string(), updated_by: z.string().nullable(), updated_at: z.string().nullable(),
}).openapi('IndicatorTarget');

export const TargetsSchema = z.object({ targets: z.array(TargetSchema) }).openapi('IndicatorTargets');

export const TargetsQuerySchema = z.object({
  region: z.string().min(1).max(40).optional().describe('Only targets set for this region id'),
  indicator: IndicatorIdSchema.optional(),
});

export const NewTargetSchema = z.object({
  region_id: z.string().min(1).max(40).describe('Region id (a regions row, or a 6-digit administrative code of a city or province)'),
  region_level: Level,
  place_zh: z.string().min(1).max(80), place_en: z.string().min(1).max(80),
  indicator: IndicatorIdSchema,
  comparison: z.enum(['at_least', 'at_most']).default('at_least'),
  value: z.number().finite().min(0).describe('In the indicator\'s unit (its unit is set by the server)'),
  year: z.number().int().min(1990).max(2200).nullable().default(null),
  baseline_value: z.number().finite().min(0).nullable().default(null),
  baseline_year: z.number().int().min(1950).max(2200).nullable().default(null),
  document_zh: z.string().min(1).max(300), document_en: z.string().max(300).default(''),
  source: z.string().min(1).max(500).describe('Where the number is written (document, article, page)'),
  note: z.string().max(500).nullable().default(null),
}).strict().openapi('NewIndicatorTarget');
export type NewTarget = z.infer<typeof NewTargetSchema>;

export const TargetIdParam = z.object({ id: z.coerce.number().int().min(1).describe('Target id') });
