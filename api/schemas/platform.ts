/** Schemas of the platform endpoints (health, layer catalog, regions, TileJSON): validation, OpenAPI and the TypeScript types. */
import { z } from '@hono/zod-openapi';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  backend: z.enum(['embedded', 'server']),
  postgres_version: z.string(),
  postgis_version: z.string(),
  database_checked_ms_ago: z.number().int().nonnegative().describe('How long ago the database last answered the health check (checked every 2 s in the background; a probe waits for a new check once the last is 30 s old)'),
  version: z.string(),
}).openapi('Health');
export type Health = z.infer<typeof HealthSchema>;

const LegendEntrySchema = z.object({ value: z.union([z.number(), z.string()]), color: z.string(), label_zh: z.string(), label_en: z.string() });
export const LegendSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('classes'), classes: z.array(LegendEntrySchema) }),
  z.object({ type: z.literal('ramp'), unit: z.string(), stops: z.array(z.object({ value: z.number(), color: z.string() })) }),
  z.object({ type: z.literal('style'), color: z.string(), width: z.number().optional(), fill: z.string().optional() }),
  z.object({ type: z.literal('hillshade') }),
]).openapi('Legend');

const Bounds = z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('west, south, east, north (lon/lat)');

export const CatalogEntrySchema = z.object({
  id: z.string(),
  title_zh: z.string(),
  title_en: z.string(),
  kind: z.enum(['vector', 'raster']),
  unit: z.string().nullable(),
  legend: LegendSchema,
  bounds: Bounds.nullable(),
  minzoom: z.number(),
  maxzoom: z.number(),
  tiles: z.string(),
  tilejson: z.string(),
  source: z.string(),
  synthetic: z.boolean(),
  attribution: z.string().nullable(),
}).openapi('Layer');
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export const LayersSchema = z.object({ layers: z.array(CatalogEntrySchema) });

export const RegionLevelSchema = z.enum(['province', 'city', 'county', 'township', 'village']);
export const RegionsQuerySchema = z.object({
  level: RegionLevelSchema.optional().describe('Only units of this level (county, township, village)'),
});
export const RegionsSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    id: z.string(),
    properties: z.object({
      id: z.string(),
      parent_id: z.string().nullable(),
      level: RegionLevelSchema,
      name_zh: z.string(),
      name_en: z.string().nullable(),
      population: z.number().nullable(),
      source: z.string(),
      area_ha: z.number(),
    }),
    geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
  })),
}).openapi('Regions');

export const TileJsonSchema = z.object({
  tilejson: z.literal('3.0.0'),
  name: z.string(),
  description: z.string(),
  version: z.string(),
  attribution: z.string(),
  scheme: z.literal('xyz'),
  tiles: z.array(z.string()),
  minzoom: z.number(),
  maxzoom: z.number(),
  bounds: Bounds,
  center: z.tuple([z.number(), z.number(), z.number()]),
  vector_layers: z.array(z.object({ id: z.string(), description: z.string(), minzoom: z.number(), maxzoom: z.number(), fields: z.record(z.string(), z.string()) })).optional(),
}).openapi('TileJSON');
export type TileJson = z.infer<typeof TileJsonSchema>;
