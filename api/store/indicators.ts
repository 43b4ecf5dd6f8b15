/**
 * SQL of the indicator dashboard (issue 14): a region, its parents and children; the vector
 * inputs of the land indicators inside it (stands, wetlands, the red line), public chargers,
 * ledger parcels' shares; a fingerprint of those inputs; and the targets table (migration 007).
 * Areas on the ellipsoid (geography), ha.
 */
import type { Sql } from 'postgres';
import type { RegionLevel, Target } from '../../layers/indicators/status.ts';
import type { StandPart } from '../../layers/indicators/measures.ts';

export interface RegionRow {
  id: string;
  parent_id: string | null;
  level: RegionLevel;
  name_zh: string;
  name_en: string | null;
  area_ha: number;
  geojson: string;
}

export async function regionRow(sql: Sql, id: string): Promise<RegionRow | undefined> {
  const [r] = await sql<RegionRow[]>`
    SELECT id, parent_id, level, name_zh, name_en, ST_Area(geom::geography) / 1e4 AS area_ha, ST_AsGeoJSON(geom) AS geojson
      FROM regions WHERE id = ${id}`;
  return r;
}

/** The region's parents in the regions table, nearest first. */
export async function parentChain(sql: Sql, id: string): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM regions WHERE id = ${id}
      UNION ALL SELECT coalesce(r.id, up.parent_id), r.parent_id, up.depth + 1
        FROM up LEFT JOIN regions r ON r.id = up.parent_id WHERE up.parent_id IS NOT NULL AND up.depth < 10)
    SELECT id FROM up WHERE depth > 0 ORDER BY depth`;
  return rows.map((r) => r.id);
}

export async function childIds(sql: Sql, id: string): Promise<string[]> {
  return (await sql<{ id: string }[]>`SELECT id FROM regions WHERE parent_id = ${id} ORDER BY id`).map((r) => r.id);
}

/** Stands intersecting the region with the area of each inside it. */
export async function standParts(sql: Sql, regionId: string): Promise<StandPart[]> {
  return sql<StandPart[]>`
    SELECT s.id, s.forest_type, s.volume_m3_per_ha,
           ST_Area((CASE WHEN ST_CoveredBy(s.geom, r.geom) THEN s.geom ELSE ST_Intersection(s.geom, r.geom) END)::geography) / 1e4 AS area_ha
      FROM stands s JOIN regions r ON r.id = ${regionId} AND ST_Intersects(s.geom, r.geom)
     ORDER BY s.id`;
}

/** Wetland area in the region (overlapping records counted once) and the part of it inside the red line, ha. */
export async function wetlandAreas(sql: Sql, regionId: string): Promise<{ wetland_ha: number; protected_ha: number; records: number }> {
  const [r] = await sql<{ wetland_ha: number | null; protected_ha: number | null; records: number }[]>`
    WITH reg AS (SELECT geom FROM regions WHERE id = ${regionId}),
    w AS (SELECT ST_Union(ST_Intersection(w.geom, reg.geom)) g, count(*)::int n FROM wetlands w, reg WHERE ST_Intersects(w.geom, reg.geom)),
    red AS (SELECT ST_Union(p.geom) g FROM protected_areas p, reg WHERE p.kind = 'eco_redline' AND ST_Intersects(p.geom, reg.geom))
    SELECT coalesce(ST_Area(w.g::geography) / 1e4, 0) AS wetland_ha,
           coalesce(CASE WHEN w.g IS NULL OR red.g IS NULL THEN 0 ELSE ST_Area(ST_Intersection(w.g, red.g)::geography) / 1e4 END, 0) AS protected_ha,
           w.n AS records
      FROM w, red`;
  return { wetland_ha: r?.wetland_ha ?? 0, protected_ha: r?.protected_ha ?? 0, records: r?.records ?? 0 };
}

/** Charging stations in the region (a station on a shared boundary belongs to the region of lower id). */
export async function stationsIn(sql: Sql, regionId: string): Promise<{ chargers: number; site_kind: 'public' | 'service_area' | 'private'; lon: number; lat: number }[]> {
  return sql<{ chargers: number; site_kind: 'public' | 'service_area' | 'private'; lon: number; lat: number }[]>`
    SELECT s.chargers, s.site_kind, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat FROM charging_stations s JOIN regions r ON r.id = ${regionId} AND ST_Covers(r.geom, s.geom)
     WHERE NOT EXISTS (SELECT 1 FROM regions o WHERE o.level = r.level AND o.id < r.id AND ST_Covers(o.geom, s.geom))`;
}

/** Every ledger parcel with the fraction of its geometry inside the region (null without a geometry). */
export async function ledgerParcelShares(sql: Sql, regionId: string): Promise<{ project_id: number; area_mu: number; inside_fraction: number | null }[]> {
  return sql<{ project_id: number; area_mu: number; inside_fraction: number | null }[]>`
    SELECT p.project_id::int AS project_id, p.area_mu::float8 AS area_mu,
           CASE WHEN p.geom IS NULL THEN NULL
                WHEN NOT ST_Intersects(p.geom, r.geom) THEN 0
                ELSE ST_Area(ST_Intersection(p.geom, r.geom)::geography) / nullif(ST_Area(p.geom::geography), 0) END AS inside_fraction
      FROM ledger_parcels p, regions r WHERE r.id = ${regionId} ORDER BY p.id`;
}

/** What the land and carbon indicators read (not the rasters' files: the service adds their size and mtime). */
export async function landFingerprint(sql: Sql): Promise<string> {
  const [r] = await sql<{ f: string }[]>`
    SELECT concat_ws('|',
      (SELECT concat_ws(',', count(*), coalesce(sum(ST_NPoints(geom)), 0), coalesce(round(sum(coalesce(volume_m3_per_ha, 0))::numeric, 6), 0)) FROM stands),
      (SELECT concat_ws(',', count(*), coalesce(sum(ST_NPoints(geom)), 0)) FROM wetlands),
      (SELECT concat_ws(',', count(*), coalesce(sum(ST_NPoints(geom)), 0), string_agg(DISTINCT kind, ',')) FROM protected_areas),
      (SELECT concat_ws(',', count(*), coalesce(sum(ST_NPoints(geom)), 0)) FROM regions),
      (SELECT coalesce(max(id), 0) FROM imports),
      (SELECT string_agg(layer_id || ':' || path || ':' || width || 'x' || height, ',' ORDER BY layer_id) FROM rasters WHERE layer_id IN ('landcover', 'carbon_density', 'carbon_sink'))) AS f`;
  return r.f;
}

// ------------------------------------------------------------------------------ targets

export interface TargetRow extends Target {
  created_by: string;
  created_at: string;
  updated_by: string | null;
  updated_at: string | null;
}

/** A target as written by a user: every field of the model's Target but its id. */
export type TargetFields = Omit<Target, 'id'>;

const COLUMNS = ['region_id', 'region_level', 'place_zh', 'place_en', 'indicator', 'comparison', 'value', 'unit', 'year', 'baseline_value', 'baseline_year', 'document_zh', 'document_en', 'source', 'note'] as const;

export async function listTargets(sql: Sql, f: { region_ids?: readonly string[]; indicator?: string } = {}): Promise<TargetRow[]> {
  const ids = f.region_ids ? [...f.region_ids] : null;
  return sql<TargetRow[]>`
    SELECT id::int AS id, ${sql(COLUMNS as unknown as string[])}, created_by, created_at::text AS created_at, updated_by, updated_at::text AS updated_at
      FROM indicator_targets
     WHERE (${ids}::text[] IS NULL OR region_id = ANY(${ids}::text[])) AND (${f.indicator ?? null}::text IS NULL OR indicator = ${f.indicator ?? null})
     ORDER BY indicator, region_id, year NULLS LAST, id`;
}

export async function getTarget(sql: Sql, id: number): Promise<TargetRow | undefined> {
  const [r] = await sql<TargetRow[]>`
    SELECT id::int AS id, ${sql(COLUMNS as unknown as string[])}, created_by, created_at::text AS created_at, updated_by, updated_at::text AS updated_at
      FROM indicator_targets WHERE id = ${id}`;
  return r;
}

export async function insertTarget(sql: Sql, t: TargetFields, by: string): Promise<TargetRow> {
  const [{ id }] = await sql<{ id: number }[]>`
    INSERT INTO indicator_targets ${sql({ ...t, created_by: by } as Record<string, string | number | null>, [...COLUMNS, 'created_by'])} RETURNING id::int AS id`;
  return (await getTarget(sql, id))!;
}

export async function updateTarget(sql: Sql, id: number, t: TargetFields, by: string): Promise<TargetRow | undefined> {
  const rows = await sql<{ id: number }[]>`
    UPDATE indicator_targets SET ${sql({ ...t, updated_by: by } as Record<string, string | number | null>, [...COLUMNS, 'updated_by'])}, updated_at = now()
     WHERE id = ${id} RETURNING id::int AS id`;
  return rows.length ? getTarget(sql, id) : undefined;
}

export async function deleteTarget(sql: Sql, id: number): Promise<boolean> {
  const rows = await sql`DELETE FROM indicator_targets WHERE id = ${id} RETURNING id`;
  return rows.length > 0;
}
