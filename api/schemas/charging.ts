/**
 * Schemas of the EV charging coverage endpoints (issue 12): coverage per region and parcel, travel
 * time, isochrones, uncovered cells, what-if and new sites. Times in seconds, people in persons.
 */
import { z } from '@hono/zod-openapi';

const Bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]);
const Seconds = z.coerce.number().min(30).max(7200);

const Common = {
  peak: Bool.optional().describe('Peak-hour speeds (each class’s peak factor); default false'),
  urban_s: Seconds.optional().describe('Threshold for urban cells, seconds (default 300: 城市五分钟)'),
  rural_s: Seconds.optional().describe('Threshold for rural cells, seconds (default 1,800: 城乡半小时)'),
};

export const CoverageQuerySchema = z.object({
  region: z.string().min(1).max(40).optional().describe('County, township or village id (default: the county)'),
  by: z.enum(['township', 'village']).optional().describe('Children to list: townships (county default) or villages (township default)'),
  ...Common,
});
export type CoverageQuery = z.infer<typeof CoverageQuerySchema>;

export const UncoveredQuerySchema = CoverageQuerySchema.extend({
  min_pop: z.coerce.number().min(0).max(100000).optional().describe('Smallest population of a listed cell (default 1)'),
});

const ClassCoverage = z.object({
  population: z.number(), covered_population: z.number(), coverage_pct: z.number().nullable(), threshold_s: z.number(),
});

export const RegionCoverageSchema = z.object({
  region_id: z.string(), name_zh: z.string(), name_en: z.string().nullable().describe('English name where the regions table has one'), level: z.string(),
  population: z.number(), covered_population: z.number(), coverage_pct: z.number().nullable(),
  urban: ClassCoverage, rural: ClassCoverage,
  uncovered_cells: z.number().int(),
  public_chargers: z.number().int().describe('Public charging stations inside the region'),
});
export type RegionCoverage = z.infer<typeof RegionCoverageSchema>;

const SpeedRow = z.object({
  road_class: z.string(), routing_kmh: z.number(), free_flow_kmh: z.number(), peak_factor: z.number(), accessible: z.boolean(),
  source: z.string(), unverified: z.boolean(),
});

export const ChargingParamsSchema = z.object({
  thresholds: z.object({ urban_s: z.number(), rural_s: z.number(), source: z.string() }),
  peak: z.boolean(),
  access: z.object({ speed_kmh: z.number(), max_m: z.number(), source: z.string(), unverified: z.boolean() }),
  urban_rule: z.string(),
  speeds: z.array(SpeedRow),
  speed_rule: z.string(),
  graph: z.object({
    nodes: z.number().int(), directed_edges: z.number().int(), segments: z.number().int(), length_km: z.number(), roads: z.number().int(),
    build_ms: z.number(), built_at: z.string(),
  }),
  demand: z.object({ cells: z.number().int(), cell_m: z.number(), population_layer: z.string(), crs: z.string() }),
  stations: z.number().int(),
  method: z.string(),
});
export type ChargingParams = z.infer<typeof ChargingParamsSchema>;

export const ChargingCoverageSchema = RegionCoverageSchema.extend({
  children: z.array(RegionCoverageSchema),
  checks: z.object({
    township_chargers: z.object({
      pass: z.boolean(), passing: z.number().int(), total: z.number().int(),
      missing: z.array(z.object({ region_id: z.string(), name_zh: z.string(), name_en: z.string().nullable() })),
    }).describe('乡乡全覆盖: every township has ≥ 1 public charger'),
    service_areas: z.object({
      pass: z.boolean(),
      items: z.array(z.object({ name_zh: z.string(), name_en: z.string().nullable().describe('English name where the roads table has one'), stations: z.number().int(), pass: z.boolean() })),
    }).describe('Every expressway service area (roads named …服务区) has a charger on or within 150 m of its roads'),
  }),
  params: ChargingParamsSchema,
  seconds: z.number(),
}).openapi('ChargingCoverage');
export type ChargingCoverage = z.infer<typeof ChargingCoverageSchema>;

export const ParcelChargingRequestSchema = z.object({
  geometry: z.unknown().describe('GeoJSON Polygon/MultiPolygon (lon/lat), a Feature or FeatureCollection of them'),
  peak: z.boolean().optional(),
  urban_s: z.number().min(30).max(7200).optional(),
  rural_s: z.number().min(30).max(7200).optional(),
}).strict().openapi('ParcelChargingRequest');
export type ParcelChargingRequest = z.infer<typeof ParcelChargingRequestSchema>;

export const ParcelChargingSchema = RegionCoverageSchema.extend({
  area_km2: z.number().describe('Area of the population cells inside the parcel (cell shares)'),
  params: ChargingParamsSchema,
  seconds: z.number(),
}).openapi('ParcelCharging');
export type ParcelCharging = z.infer<typeof ParcelChargingSchema>;

export const TravelTimeQuerySchema = z.object({
  lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90),
  max_s: z.coerce.number().min(60).max(14400).optional().describe('Search limit, seconds (default 7,200)'),
  peak: Bool.optional(),
});
export type TravelTimeQuery = z.infer<typeof TravelTimeQuerySchema>;

export const TravelTimeSchema = z.object({
  seconds: z.number().nullable().describe('Driving time to the nearest public charger (access leg included); null beyond max_s'),
  minutes: z.number().nullable(),
  station_id: z.string().nullable(), station_name_zh: z.string().nullable(),
  snapped: z.object({ lon: z.number(), lat: z.number(), offset_m: z.number() }),
  direct: z.boolean().describe('The charger is nearer than the road: reached by the straight access leg'),
  max_s: z.number(), peak: z.boolean(),
}).openapi('ChargingTravelTime');
export type TravelTime = z.infer<typeof TravelTimeSchema>;

export const IsochroneQuerySchema = z.object({
  station: z.string().max(2000).optional().describe('Station id, or ids separated by commas (merged multi-origin); default all public chargers'),
  minutes: z.string().max(100).optional().describe('Band limits in minutes, comma-separated (default 5,15,30)'),
  peak: Bool.optional(),
});
export type IsochroneQuery = z.infer<typeof IsochroneQuerySchema>;

const Position = z.array(z.number());
export const IsochronesSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    properties: z.object({ threshold_s: z.number(), minutes: z.number(), total_pop: z.number(), band_pop: z.number(), area_km2: z.number(), stations: z.number().int() }),
    geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
  })),
  station_ids: z.array(z.string()), peak: z.boolean(), seconds: z.number(), method: z.string(),
}).openapi('ChargingIsochrones');
export type Isochrones = z.infer<typeof IsochronesSchema>;

export const UncoveredSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    geometry: z.object({ type: z.literal('Point'), coordinates: Position }),
    properties: z.object({ population: z.number(), urban: z.boolean(), time_s: z.number().nullable(), threshold_s: z.number(), township_id: z.string().nullable() }),
  })),
}).openapi('ChargingUncovered');
export type Uncovered = z.infer<typeof UncoveredSchema>;

const NewStation = z.object({
  lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90),
  id: z.string().min(1).max(60).optional(), name_zh: z.string().max(100).optional(),
  service_area: z.boolean().optional().describe('A charger on an expressway service-area road (snaps to any road)'),
}).strict();

export const WhatIfRequestSchema = z.object({
  add: z.array(NewStation).max(200).optional(),
  remove: z.array(z.string().min(1).max(60)).max(500).optional(),
  move: z.array(z.object({ id: z.string().min(1).max(60), lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict()).max(200).optional(),
  region: z.string().min(1).max(40).optional(),
  by: z.enum(['township', 'village']).optional(),
  uncovered: z.boolean().optional().describe('Also return the uncovered cells after the change'),
  peak: z.boolean().optional(),
  urban_s: z.number().min(30).max(7200).optional(),
  rural_s: z.number().min(30).max(7200).optional(),
}).strict().openapi('ChargingWhatIfRequest');
export type WhatIfRequest = z.infer<typeof WhatIfRequestSchema>;

export const WhatIfSchema = z.object({
  before: ChargingCoverageSchema, after: ChargingCoverageSchema,
  delta_covered_population: z.number(), delta_coverage_pct: z.number().nullable(),
  uncovered: UncoveredSchema.nullable(),
  update_ms: z.number().describe('Time of the coverage update after the change, ms'),
  seconds: z.number(),
}).openapi('ChargingWhatIf');
export type WhatIf = z.infer<typeof WhatIfSchema>;

export const SitesRequestSchema = z.object({
  problem: z.enum(['mclp', 'lscp', 'pmedian']).describe('mclp: most people covered by p new sites; lscp: fewest sites covering everyone reachable; pmedian: p sites minimising mean time'),
  p: z.number().int().min(1).max(200).optional().describe('New sites (mclp, pmedian; default 5)'),
  candidates: z.union([
    z.enum(['grid', 'places', 'grid+places']),
    z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).min(1).max(5000) }),
  ]).optional().describe('Road points on a grid (default, grid_km apart), settlements (places), both, or your GeoJSON points (lots)'),
  grid_km: z.number().min(0.3).max(20).optional().describe('Spacing of grid candidates, km (default 2)'),
  greedy: z.boolean().optional().describe('Force lazy greedy (default: exact with HiGHS when small enough)'),
  max_pmedian_s: z.number().min(300).max(14400).optional().describe('p-median: cost of a cell no site reaches, seconds (default 3,600)'),
  peak: z.boolean().optional(),
  urban_s: z.number().min(30).max(7200).optional(),
  rural_s: z.number().min(30).max(7200).optional(),
}).strict().openapi('ChargingSitesRequest');
export type SitesRequest = z.infer<typeof SitesRequestSchema>;

export const SitesSchema = z.object({
  problem: z.enum(['mclp', 'lscp', 'pmedian']),
  method: z.enum(['exact', 'greedy', 'lazy-greedy']),
  solver: z.string(),
  bound: z.object({ kind: z.enum(['optimal', 'greedy']), optimum_bound: z.number().nullable(), gap_pct: z.number().nullable(), note: z.string() }),
  exact_skipped: z.string().nullable().describe('Why the exact model was not used, when it was not'),
  greedy_covered_population: z.number().nullable().describe('With an exact answer: what lazy greedy covers, for comparison'),
  sites: z.array(z.object({
    rank: z.number().int(), lon: z.number(), lat: z.number(), source: z.string(), name_zh: z.string().nullable(), name_en: z.string().nullable(),
    gain_population: z.number().describe('People newly covered by this site after the ones before it (mclp/lscp)'),
    gain_person_seconds: z.number().nullable().describe('p-median: Σ people × seconds saved by this site'),
    township_id: z.string().nullable(),
  })),
  before: RegionCoverageSchema, after: RegionCoverageSchema,
  mean_time_s: z.object({ before: z.number().nullable(), after: z.number().nullable() }).describe('Population-weighted mean time to the nearest charger (cells beyond the cutoff at the p-median cost)'),
  candidates: z.number().int(), clients: z.number().int(),
  uncoverable_population: z.number().describe('People no candidate reaches within their threshold'),
  seconds: z.object({ coverage_sets: z.number(), solve: z.number(), total: z.number() }),
  params: ChargingParamsSchema,
}).openapi('ChargingSites');
export type Sites = z.infer<typeof SitesSchema>;
