/**
 * A user's parcel, made ready for analysis: checked, repaired where PostGIS can, clipped
 * to the data's extent, measured on the ellipsoid, and inventoried (stands, wetlands).
 * Problems a user can fix come back as ProblemError with what to do.
 */
import type { Sql } from 'postgres';
import type { MultiPolygon, Polygon } from 'geojson';
import { validateParcelGeometry, type ProblemCode } from '../../layers/geo/validate.ts';
import type { Finding } from '../../layers/core/findings.ts';
import type { ParcelInventory } from '../../layers/carbon/parcel.ts';
import { ProblemError } from './problem.ts';

export interface PreparedParcel {
  /** The parcel as analysed (repaired, clipped to the county), EPSG:4326. */
  geometry: MultiPolygon;
  area_ha: number;
  /** Area of the parcel as sent, before clipping to the data extent. */
  submitted_area_ha: number;
  warnings: Finding[];
}

export interface ParcelLimits {
  /** Largest parcel accepted, km² (HTTP 413 above). */
  max_area_km2: number;
  /** Most vertices accepted in one geometry (HTTP 413 above). */
  max_vertices: number;
}

export const DEFAULT_PARCEL_LIMITS: ParcelLimits = { max_area_km2: 2500, max_vertices: 100_000 };

/** Problems PostGIS can repair (ST_MakeValid) — analysed with a warning; every other problem is a 422. */
const REPAIRABLE: ReadonlySet<ProblemCode> = new Set(['self-intersection', 'ring-crossing', 'hole-outside-shell', 'overlapping-parts', 'degenerate-ring']);

/**
 * Accepts a Polygon/MultiPolygon, a Feature of one, or a FeatureCollection of them (lon/lat);
 * returns one geometry, or throws a 422 listing what to fix.
 */
export function polygonalGeometry(input: unknown): Polygon | MultiPolygon {
  const { problems } = validateParcelGeometry(input);
  const fatal = problems.filter((p) => !REPAIRABLE.has(p.code));
  if (fatal.length) {
    throw new ProblemError(422, 'Invalid parcel geometry', fatal.map((p) => p.message_en).join(' '), {
      problems: fatal.map(({ code, message_zh, message_en, location }) => ({ code, message_zh, message_en, location })),
    });
  }
  const g = input as { type: string; geometry?: unknown; features?: { geometry: Polygon | MultiPolygon }[] };
  if (g.type === 'Feature') return g.geometry as Polygon | MultiPolygon;
  if (g.type === 'FeatureCollection') {
    return {
      type: 'MultiPolygon',
      coordinates: g.features!.flatMap(({ geometry: p }) => (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)),
    };
  }
  return input as Polygon | MultiPolygon;
}

function vertexCount(g: Polygon | MultiPolygon): number {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  return rings.reduce((n, r) => n + r.length, 0);
}

export async function prepareParcel(sql: Sql, input: unknown, limits: ParcelLimits = DEFAULT_PARCEL_LIMITS): Promise<PreparedParcel> {
  const geometry = polygonalGeometry(input);
  const vertices = vertexCount(geometry);
  if (vertices > limits.max_vertices) {
    throw new ProblemError(413, 'Parcel has too many vertices',
      `The parcel has ${vertices} vertices; the limit is ${limits.max_vertices}. Simplify it (e.g. to 1 m tolerance) and send it again.`,
      { limit_vertices: limits.max_vertices });
  }
  const rows = await sql<{
    valid: boolean; reason: string; repaired: string | null; submitted_ha: number; analysed: string | null;
    analysed_ha: number | null; county: boolean;
  }[]>`
    WITH input AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326) g),
    fixed AS (
      SELECT ST_IsValid(g) valid, ST_IsValidReason(g) reason,
             CASE WHEN ST_IsValid(g) THEN ST_Multi(g) ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) END g
        FROM input),
    extent AS (SELECT ST_Union(geom) g FROM regions WHERE level = 'county')
    SELECT fixed.valid, fixed.reason,
           CASE WHEN fixed.valid THEN NULL ELSE ST_AsText(ST_PointOnSurface(fixed.g)) END repaired,
           coalesce(ST_Area(fixed.g::geography), 0) / 1e4 submitted_ha,
           ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(fixed.g, extent.g), 3)), 9) analysed,
           ST_Area(ST_Intersection(fixed.g, extent.g)::geography) / 1e4 analysed_ha,
           extent.g IS NOT NULL county
      FROM fixed, extent`;
  const r = rows[0];
  const warnings: Finding[] = [];
  if (!r.valid) {
    if (r.submitted_ha <= 0) {
      throw new ProblemError(422, 'Invalid geometry', `The polygon is invalid (${r.reason}) and has no area once repaired. Redraw it without crossing edges.`);
    }
    warnings.push({
      code: 'geometry_repaired',
      zh: `多边形无效（${r.reason}），已用 ST_MakeValid 修复后计算。`,
      en: `The polygon was invalid (${r.reason}); it was repaired with ST_MakeValid before analysis.`,
    });
  }
  if (r.submitted_ha <= 0) throw new ProblemError(422, 'Empty parcel', 'The polygon has zero area. Draw at least three distinct vertices.');
  if (r.submitted_ha / 100 > limits.max_area_km2) {
    throw new ProblemError(413, 'Parcel too large',
      `The parcel covers ${(r.submitted_ha / 100).toFixed(0)} km²; the limit is ${limits.max_area_km2} km². Split it into smaller parcels.`,
      { limit_km2: limits.max_area_km2 });
  }
  if (!r.county) throw new ProblemError(422, 'No region loaded', 'The database holds no county boundary: load the demo county or import regions first.');
  const analysedHa = r.analysed_ha ?? 0;
  if (analysedHa <= 0 || !r.analysed) {
    throw new ProblemError(422, 'Parcel outside the data extent',
      'The parcel does not overlap the loaded county. Check that coordinates are WGS-84 lon/lat (GCJ-02 from Chinese web maps must be converted) and inside the county.');
  }
  const outsideShare = 1 - analysedHa / r.submitted_ha;
  if (outsideShare > 0.001) {
    warnings.push({
      code: 'clipped_to_extent',
      zh: `地块有 ${(outsideShare * 100).toFixed(1)}% 位于数据范围之外，仅计算范围内部分。`,
      en: `${(outsideShare * 100).toFixed(1)} % of the parcel lies outside the data extent; only the part inside was analysed.`,
    });
  }
  return { geometry: JSON.parse(r.analysed) as MultiPolygon, area_ha: analysedHa, submitted_area_ha: r.submitted_ha, warnings };
}

/** A stand cut by the parcel: its record, the area inside (ha) and its share of the stand (0–1). */
export type StandOverlap = ParcelInventory['stands'][number];

/** A wetland record cut by the parcel, with the area inside (ha). */
export type WetlandOverlap = ParcelInventory['wetlands'][number];

export async function standsInParcel(sql: Sql, parcel: MultiPolygon): Promise<StandOverlap[]> {
  return sql<StandOverlap[]>`
    WITH p AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(parcel)}), 4326) g)
    SELECT s.id, s.species_group, s.forest_type, s.origin, s.age_yr, s.site_class, s.volume_m3_per_ha,
           s.culm_density_per_ha, s.mean_dbh_cm, x.area_ha, -- Intersection and whole areas are computed separately: clamp the rounding excess (1 + 1e-6).
           LEAST(1, x.area_ha / nullif(ST_Area(s.geom::geography) / 1e4, 0)) share
      FROM stands s, p,
           LATERAL (SELECT ST_Area(ST_Intersection(s.geom, p.g)::geography) / 1e4 area_ha) x
     WHERE ST_Intersects(s.geom, p.g) AND x.area_ha > 0
     ORDER BY x.area_ha DESC`;
}

export async function wetlandsInParcel(sql: Sql, parcel: MultiPolygon): Promise<WetlandOverlap[]> {
  return sql<WetlandOverlap[]>`
    WITH p AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(parcel)}), 4326) g)
    SELECT w.id, w.wetland_type, ST_Area(ST_Intersection(w.geom, p.g)::geography) / 1e4 area_ha
      FROM wetlands w, p
     WHERE ST_Intersects(w.geom, p.g)
     ORDER BY area_ha DESC`;
}
