/** Schemas of GET /api/layers/{id}/value: the value of a raster layer under a point (the map's hover/click readout). */
import { z } from '@hono/zod-openapi';

export const RasterValueParamsSchema = z.object({
  id: z.string().min(1).max(100).describe('Catalog layer id of a raster layer, e.g. ghi, wind100, carbon_density'),
});

export const RasterValueQuerySchema = z.object({
  lon: z.coerce.number().min(-180).max(180).describe('Longitude, degrees (WGS-84)'),
  lat: z.coerce.number().min(-90).max(90).describe('Latitude, degrees (WGS-84)'),
});

export const RasterValueSchema = z.object({
  layer: z.string(),
  lon: z.number(),
  lat: z.number(),
  value: z.number().nullable().describe('Nearest pixel; null outside the raster or at nodata'),
  unit: z.string().nullable(),
  class: z.object({ value: z.number(), label_zh: z.string(), label_en: z.string() }).nullable()
    .describe('For a class raster (e.g. land cover): the legend class of the value'),
}).openapi('RasterValue');
export type RasterValue = z.infer<typeof RasterValueSchema>;
