import { createRoute } from '@hono/zod-openapi';
import {
  ChargingCoverageSchema, CoverageQuerySchema, IsochroneQuerySchema, IsochronesSchema, ParcelChargingRequestSchema, ParcelChargingSchema,
  SitesRequestSchema, SitesSchema, TravelTimeQuerySchema, TravelTimeSchema, UncoveredQuerySchema, UncoveredSchema, WhatIfRequestSchema, WhatIfSchema,
} from '../schemas/charging.ts';
import { chargingCoverage, isochrones, parcelCharging, travelTime, uncoveredCells, whatIf } from '../services/charging/coverage.ts';
import { chargingSites } from '../services/charging/sites.ts';
import { DEFAULT_PARCEL_LIMITS } from '../services/parcel.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const coverage = createRoute({
  method: 'get', path: '/charging/coverage', tags: ['charging'],
  summary: 'Charging coverage per person (5-min urban, 30-min rural) of a region and its townships or villages, with the township and service-area checks',
  request: { query: CoverageQuerySchema },
  responses: { 200: jsonResponse(ChargingCoverageSchema, 'Coverage, urban and rural, per child region, with the parameters used'), ...problemResponses },
});

const parcel = createRoute({
  method: 'post', path: '/analysis/charging', tags: ['charging'], summary: 'Charging coverage of the people in a drawn parcel',
  request: { body: { required: true, content: { 'application/json': { schema: ParcelChargingRequestSchema } } } },
  responses: { 200: jsonResponse(ParcelChargingSchema, 'Coverage in the parcel'), ...problemResponses },
});

const travel = createRoute({
  method: 'get', path: '/charging/travel-time', tags: ['charging'], summary: 'Driving time from a point to its nearest public charger',
  request: { query: TravelTimeQuerySchema },
  responses: { 200: jsonResponse(TravelTimeSchema, 'Seconds, the station and where the point joined the road'), ...problemResponses },
});

const iso = createRoute({
  method: 'get', path: '/charging/isochrones', tags: ['charging'], summary: 'Isochrone bands (GeoJSON MultiPolygons with holes) from one, several or all chargers, with the people inside',
  request: { query: IsochroneQuerySchema },
  responses: { 200: jsonResponse(IsochronesSchema, 'One feature per band (t ≤ minutes), total_pop and band_pop', 'application/geo+json'), ...problemResponses },
});

const uncovered = createRoute({
  method: 'get', path: '/charging/uncovered', tags: ['charging'], summary: 'Populated cells no public charger reaches within their threshold',
  request: { query: UncoveredQuerySchema },
  responses: { 200: jsonResponse(UncoveredSchema, 'One point per uncovered cell', 'application/geo+json'), ...problemResponses },
});

const whatif = createRoute({
  method: 'post', path: '/charging/what-if', tags: ['charging'], summary: 'Coverage after adding, moving or removing stations (nothing is stored)',
  request: { body: { required: true, content: { 'application/json': { schema: WhatIfRequestSchema } } } },
  responses: { 200: jsonResponse(WhatIfSchema, 'Coverage before and after'), ...problemResponses },
});

const sites = createRoute({
  method: 'post', path: '/charging/sites', tags: ['charging'],
  summary: 'New charging sites: MCLP, LSCP or p-median with the existing chargers fixed (exact with HiGHS when small, lazy greedy beyond)',
  request: { body: { required: true, content: { 'application/json': { schema: SitesRequestSchema } } } },
  responses: { 200: jsonResponse(SitesSchema, 'The sites in order with their gains, coverage before and after, the method and its bound'), ...problemResponses },
});

export function chargingRouter({ db, config }: AppDeps) {
  const limits = { ...DEFAULT_PARCEL_LIMITS, max_area_km2: config.maxParcelKm2 };
  return router()
    .openapi(coverage, async (c) => c.json(await chargingCoverage(db.sql, c.req.valid('query')), 200))
    .openapi(parcel, async (c) => c.json(await parcelCharging(db.sql, c.req.valid('json'), limits), 200))
    .openapi(travel, async (c) => c.json(await travelTime(db.sql, c.req.valid('query')), 200))
    .openapi(iso, async (c) => c.json(await isochrones(db.sql, c.req.valid('query')), 200, { 'Content-Type': 'application/geo+json' }))
    .openapi(uncovered, async (c) => c.json(await uncoveredCells(db.sql, c.req.valid('query')), 200, { 'Content-Type': 'application/geo+json' }))
    .openapi(whatif, async (c) => c.json(await whatIf(db.sql, c.req.valid('json')), 200))
    .openapi(sites, async (c) => c.json(await chargingSites(db.sql, c.req.valid('json')), 200));
}
