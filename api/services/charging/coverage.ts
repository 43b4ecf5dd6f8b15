/**
 * The charging coverage endpoints (main thread): each validates what it must, and runs its
 * operation (coverage-ops.ts) in a pool thread on the network of the current data (network.ts
 * `onNetwork`), so the event loop keeps answering while routes and cells are computed.
 */
import type { Sql } from 'postgres';
import { polygonalGeometry, DEFAULT_PARCEL_LIMITS, type ParcelLimits } from '../parcel.ts';
import { onNetwork } from './network.ts';
import type {
  ChargingCoverage, CoverageQuery, IsochroneQuery, Isochrones, Uncovered, TravelTime, TravelTimeQuery, WhatIfRequest, WhatIf, ParcelChargingRequest, ParcelCharging,
} from '../../schemas/charging.ts';

export * from './coverage-ops.ts';

// ------------------------------------------------------------------ the endpoints (main thread)
// Each reads what it needs from the store and runs its operation in a pool thread (tasks.ts).

/** Coverage of a region and its children (GET /api/charging/coverage). */
export function chargingCoverage(sql: Sql, q: CoverageQuery): Promise<ChargingCoverage> {
  return onNetwork(sql, 'coverage', [q]);
}

/** Coverage of a drawn parcel: cells weighted by the share of their area inside it. */
export async function parcelCharging(sql: Sql, body: ParcelChargingRequest, limits: ParcelLimits = DEFAULT_PARCEL_LIMITS): Promise<ParcelCharging> {
  const { geometry } = await polygonalGeometry(body.geometry, limits);
  // the checked geometry crosses once, not the request's copy too
  return onNetwork(sql, 'parcel', [{ ...body, geometry: null } as unknown as ParcelChargingRequest, geometry]);
}

/** Driving time from a point to its nearest public charger. */
export function travelTime(sql: Sql, q: TravelTimeQuery): Promise<TravelTime> {
  return onNetwork(sql, 'travel-time', [q]);
}

/** Isochrone bands from one station, several, or all (merged multi-origin). */
export function isochrones(sql: Sql, q: IsochroneQuery): Promise<Isochrones> {
  return onNetwork(sql, 'isochrones', [q]);
}

/** Uncovered populated cells as points (people, class, time to the nearest charger). */
export function uncoveredCells(sql: Sql, q: CoverageQuery & { min_pop?: number }): Promise<Uncovered> {
  return onNetwork(sql, 'uncovered', [q]);
}

/** Coverage after adding, moving or removing stations, beside the coverage now. */
export function whatIf(sql: Sql, body: WhatIfRequest): Promise<WhatIf> {
  return onNetwork(sql, 'what-if', [body]);
}
