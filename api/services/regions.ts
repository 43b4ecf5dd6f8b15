/** Administrative units (county, townships, villages) as one GeoJSON FeatureCollection, built in SQL. */
import type { Sql } from 'postgres';
import type { z } from '@hono/zod-openapi';
import type { RegionLevelSchema } from '../schemas/platform.ts';

/** The FeatureCollection as JSON text (areas on the ellipsoid, ha; coordinates to 6 decimals ≈ 0.1 m). */
export async function regionsGeoJson(sql: Sql, level?: z.infer<typeof RegionLevelSchema>): Promise<string> {
  const rows = await sql<{ fc: string }[]>`
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', id,
      'properties', json_build_object('id', id, 'parent_id', parent_id, 'level', level, 'name_zh', name_zh,
        'name_en', name_en, 'population', population, 'source', source,
        'area_ha', round((ST_Area(geom::geography) / 1e4)::numeric, 2)),
      'geometry', ST_AsGeoJSON(geom, 6)::json) ORDER BY level, id), '[]'::json))::text fc
    FROM regions WHERE ${level ? sql`level = ${level}` : sql`true`}`;
  return rows[0].fc;
}
