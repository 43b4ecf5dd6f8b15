import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { describe, parseJson } from '../openapi.ts';
import { analyseCarbon } from '../services/carbon-analysis.ts';
import { DEFAULT_PARCEL_LIMITS } from '../services/parcel.ts';

const Scenario = z.object({
  methodology: z.string().optional().describe('Methodology id, e.g. CCER-14-001-V01, AR-CM-003-V01, AR-CM-005-V01'),
  crediting_years: z.number().int().min(1).max(200).optional(),
  start_year: z.number().int().min(1990).max(2200).optional(),
  price_scenario: z.enum(['low', 'central', 'high']).optional(),
  price_cny_per_tCO2e: z.number().nonnegative().optional(),
  price_growth_pct: z.number().min(-50).max(50).optional(),
  discount_rate_pct: z.number().min(-10).max(50).optional(),
  split: z.object({
    villages_share: z.number().min(0).max(1).describe('Share of net proceeds returned to villages, e.g. 0.7 in Anji'),
    households_share_of_villages: z.number().min(0).max(1).describe('Of the villages’ share, the part paid to households'),
  }).partial().optional(),
  non_forest_years: z.number().nonnegative().optional(),
  monte_carlo_runs: z.number().int().min(2).max(20_000).optional(),
  seed: z.number().int().optional(),
  baseline_sink_fraction: z.number().min(0).max(1).optional(),
  relative_error_pct: z.number().nonnegative().optional(),
  uncertainty_deduction: z.number().min(0).max(1).optional(),
  buffer_fraction: z.number().min(0).max(1).optional(),
  planting: z.object({ species_group: z.string(), site_class: z.number().int().min(1).max(5) }).optional(),
}).strict();

const Body = z.object({
  geometry: z.any().describe('GeoJSON Polygon or MultiPolygon (lon/lat, RFC 7946), or a Feature / FeatureCollection of them'),
  scenario: Scenario.optional(),
});

const Pools = z.object({ above: z.number(), below: z.number(), soil: z.number(), dead: z.number(), total: z.number() });
const Result = z.object({
  area_ha: z.number(),
  area_mu: z.number(),
  classes: z.array(z.object({ class: z.string(), code: z.number(), name_zh: z.string(), name_en: z.string(), area_ha: z.number(), stock_tC: Pools, sink_tCO2e_per_yr: z.number() }).passthrough()),
  total: z.object({ stock_tC: z.number(), stock_tCO2e: z.number(), sink_tCO2e_per_yr: z.number(), range: z.object({ p5: z.number(), p50: z.number(), p95: z.number() }).passthrough() }).passthrough(),
  projection: z.array(z.object({ year: z.number(), baseline_tCO2e: z.number(), project_tCO2e: z.number(), creditable_tCO2e: z.number() }).passthrough()),
  value: z.object({ npv_cny: z.number(), undiscounted_cny: z.number(), split: z.any() }).passthrough(),
  stands: z.array(z.any()),
  warnings: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  params: z.any(),
}).passthrough();

const op = describe({
  method: 'post', path: '/api/analysis/carbon', tags: ['carbon'], body: Body, response: Result,
  summary: 'Carbon stock, annual sink, creditable amount and value of a parcel',
});

export function analysisRouter({ db, config }: AppDeps) {
  const limits = { ...DEFAULT_PARCEL_LIMITS, max_area_km2: config.maxParcelKm2 };
  return new Hono().post('/analysis/carbon', async (c) => {
    const body = await parseJson(c, op.body);
    return c.json(await analyseCarbon(db.sql, body.geometry, body.scenario ?? {}, limits));
  });
}
