/**
 * Roughness length z0 (m) of tantu's land-cover classes, for the wind profile. Values from the
 * roughness classes of the European Wind Atlas (Troen & Petersen 1989, table 2.1: water 0.0002,
 * open farmland 0.03, farmland with hedges 0.1, forest and towns 0.4–1.0) and WAsP practice;
 * the class-to-z0 assignment is tantu's.
 */
import type { Sourced } from '../core/sourced.ts';

export interface RoughnessRow extends Sourced { z0_m: number }

const EWA = 'European Wind Atlas roughness classes (Troen & Petersen 1989, Table 2.1)';

export const ROUGHNESS_BY_LANDCOVER: Readonly<Record<number, RoughnessRow>> = {
  1: { z0_m: 1.0, source: `${EWA}: forest`, unverified: true },
  2: { z0_m: 0.8, source: `${EWA}: forest (plantation conifer), tantu assignment`, unverified: true },
  3: { z0_m: 0.8, source: `${EWA}: forest (pine), tantu assignment`, unverified: true },
  4: { z0_m: 1.0, source: `${EWA}: forest`, unverified: true },
  5: { z0_m: 0.6, source: `${EWA}: forest (bamboo canopy is lower), tantu assignment`, unverified: true },
  6: { z0_m: 0.1, source: `${EWA}: shrub / farmland with hedges`, unverified: true },
  7: { z0_m: 0.1, source: `${EWA}: orchards, farmland with hedges`, unverified: true },
  8: { z0_m: 0.03, source: `${EWA}: open farmland`, unverified: false },
  9: { z0_m: 0.03, source: `${EWA}: open flat land (marsh)`, unverified: true },
  10: { z0_m: 0.0002, source: `${EWA}: water`, unverified: false },
  11: { z0_m: 0.8, source: `${EWA}: towns`, unverified: true },
  12: { z0_m: 0.01, source: `${EWA}: bare soil`, unverified: true },
  13: { z0_m: 0.03, source: `${EWA}: open grass (closed landfill cover)`, unverified: true },
  14: { z0_m: 0.03, source: `${EWA}: open grassland`, unverified: false },
};

/** Fallback where the land cover is unknown: open farmland with some shelter. */
export const DEFAULT_ROUGHNESS_M = 0.1;

/** Roughness length of land-cover class `lucode`, m (DEFAULT_ROUGHNESS_M for unknown classes or nodata). */
export function roughnessLength(lucode: number): number {
  return ROUGHNESS_BY_LANDCOVER[lucode]?.z0_m ?? DEFAULT_ROUGHNESS_M;
}
