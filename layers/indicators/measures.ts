/**
 * The indicator formulas, one pure function each (definitions.ts says what they mean). Inputs are
 * areas in ha, volumes in m³/ha, carbon in t C / t CO2e, counts; a value that cannot be formed
 * (nothing to divide by) is null, never 0.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { sumPrecise } from '../core/units.ts';
import { forEachCoveredPixel, pixelCoverage } from '../raster/coverage.ts';
import type { Grid } from '../raster/grid.ts';
import { FOREST_CLASS_CODES } from './definitions.ts';

/** A ratio and the two areas (or counts) behind it. */
export interface Ratio {
  /** numerator / denominator × 100, or null when the denominator is 0 */
  value_pct: number | null;
  numerator: number;
  denominator: number;
}

export function ratioPct(numerator: number, denominator: number): Ratio {
  return { value_pct: denominator > 0 ? (100 * numerator) / denominator : null, numerator, denominator };
}

/**
 * Forest coverage (%): forest classes' area over the land area.
 * @param classAreasHa land-cover class code → area in the region, ha
 * @param landAreaHa the region's total land area, ha (土地总面积)
 */
export function forestCoveragePct(classAreasHa: ReadonlyMap<number, number>, landAreaHa: number): Ratio {
  const forest = sumPrecise(FOREST_CLASS_CODES.map((c) => classAreasHa.get(c) ?? 0));
  return ratioPct(forest, landAreaHa);
}

/** A stand's part in a region: its volume per ha (null when not recorded) and its area inside, ha. */
export interface StandPart {
  id: string;
  forest_type: 'arbor' | 'bamboo' | 'shrub';
  volume_m3_per_ha: number | null;
  area_ha: number;
}

/**
 * Forest stock volume (m³) = Σ arbor stands' volume_m3_per_ha × area_ha; arbor stands without a
 * recorded volume are listed in `missing` (they add nothing) so the caller can say so.
 */
export function forestStockM3(stands: readonly StandPart[]): { value_m3: number; arbor_area_ha: number; missing: StandPart[] } {
  const arbor = stands.filter((s) => s.forest_type === 'arbor');
  const missing = arbor.filter((s) => s.volume_m3_per_ha === null || !Number.isFinite(s.volume_m3_per_ha));
  const counted = arbor.filter((s) => !missing.includes(s));
  return {
    value_m3: sumPrecise(counted.map((s) => s.volume_m3_per_ha! * s.area_ha)),
    arbor_area_ha: sumPrecise(arbor.map((s) => s.area_ha)),
    missing,
  };
}

/** Wetland rate (%) = wetland area / land area. */
export function wetlandRatePct(wetlandHa: number, landAreaHa: number): Ratio {
  return ratioPct(wetlandHa, landAreaHa);
}

/** Wetland protection rate (%) = wetland inside the red line / all wetland. */
export function wetlandProtectionPct(protectedWetlandHa: number, wetlandHa: number): Ratio {
  return ratioPct(protectedWetlandHa, wetlandHa);
}

/**
 * Σ value per ha × area (e.g. carbon density t C/ha → t C; sink t CO2e/ha/yr → t CO2e/yr).
 * @param areaWeightedSumM2 Σ fraction · pixel area (m²) · value (value per ha)
 * @param scale factor from projected pixel area to the region's ellipsoidal area (1 when none)
 */
export function totalFromDensity(areaWeightedSumM2: number, scale = 1): number {
  return (areaWeightedSumM2 * scale) / 10_000;
}

/** Share (%) of townships with at least one public charging station; null without townships. */
export function townshipsWithChargersPct(stationsPerTownship: readonly number[]): Ratio {
  return ratioPct(stationsPerTownship.filter((n) => n > 0).length, stationsPerTownship.length);
}

/** Public chargers = Σ chargers of the public and service-area stations (private ones excluded). */
export function publicChargers(stations: readonly { chargers: number; site_kind: 'public' | 'service_area' | 'private' }[]): number {
  return stations.reduce((a, s) => a + (s.site_kind === 'private' ? 0 : s.chargers), 0);
}

/** Public chargers split by where their station lies: an urban cell, or any other (rural, or no population data). */
export function publicChargersByClass(stations: readonly { chargers: number; site_kind: 'public' | 'service_area' | 'private'; urban: boolean }[]): { urban: number; rural: number } {
  return {
    urban: publicChargers(stations.filter((s) => s.urban)),
    rural: publicChargers(stations.filter((s) => !s.urban)),
  };
}

/**
 * Usable area of a region on a siting grid, per inclusion mask: Σ over the cells the polygon covers
 * (exact fraction f) and the study area includes (domain ≠ 0) of f × mask/255 × cell area. Also the
 * covered area Σ f × cell area, so the caller can scale projected to ellipsoidal area. Run in the
 * worker pool (a county is millions of cells).
 * @param grid north-up projected grid (cell area |dx·dy|, m²)
 * @param polygon the region in the grid's CRS
 * @param masks inclusion weights 0–255 per cell, one array per technology
 * @param domain 1 inside the study area, 0 outside
 * @returns usable_m2 per mask, covered_m2, both projected m²
 */
export function usableAreasM2(grid: Grid, polygon: Polygon | MultiPolygon, masks: readonly Uint8Array[], domain: Uint8Array): { usable_m2: number[]; covered_m2: number } {
  const cell = Math.abs(grid.geotransform[1] * grid.geotransform[5]);
  const cov = pixelCoverage(grid, polygon);
  const usable = masks.map(() => 0);
  forEachCoveredPixel(cov, (r, c, f) => {
    const i = r * grid.width + c;
    if (!domain[i]) return;
    for (let k = 0; k < masks.length; k++) usable[k] += (f * masks[k][i]) / 255;
  });
  return { usable_m2: usable.map((u) => u * cell), covered_m2: cov.fractionSum * cell };
}

/**
 * Technical potential (MW) = usable area (km²) × density (MW/km²).
 * @param usableKm2 Σ cell area × inclusion weight over the cells not excluded, km²
 */
export function potentialMw(usableKm2: number, densityMwPerKm2: number): number {
  return usableKm2 * densityMwPerKm2;
}

/** A project's tonnes and its parcels: their pooled area (亩) and the fraction of each inside the region. */
export interface ProjectShare {
  project_id: number;
  issued_t: number;
  retired_t: number;
  parcels: { area_mu: number; inside_fraction: number | null }[];
}

/**
 * Credits attributed to a region: each project's issued and retired tonnes × the share of its
 * pooled area (area_mu) inside the region (a parcel counts by the fraction of its geometry inside).
 * Parcels without a geometry (inside_fraction null) cannot be placed: their share is left out and
 * their area reported in `unplaced_mu`.
 */
export function creditsInRegion(projects: readonly ProjectShare[]): { issued_t: number; retired_t: number; unplaced_mu: number } {
  let issued = 0, retired = 0, unplaced = 0;
  for (const p of projects) {
    const total = sumPrecise(p.parcels.map((x) => x.area_mu));
    if (!(total > 0)) continue;
    const inside = sumPrecise(p.parcels.map((x) => (x.inside_fraction === null ? 0 : x.area_mu * x.inside_fraction)));
    unplaced += sumPrecise(p.parcels.map((x) => (x.inside_fraction === null ? x.area_mu : 0)));
    issued += (p.issued_t * inside) / total;
    retired += (p.retired_t * inside) / total;
  }
  return { issued_t: issued, retired_t: retired, unplaced_mu: unplaced };
}
