import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { describe, parseQuery } from '../openapi.ts';

const Query = z.object({
  level: z.enum(['province', 'city', 'county', 'township', 'village']).optional()
    .describe('Only units of this level (county, township, village)'),
});

const op = describe({
  method: 'get', path: '/api/regions', summary: 'Administrative units as GeoJSON', tags: ['regions'], query: Query,
  responseType: 'application/geo+json',
});

export function regionsRouter({ db }: AppDeps) {
  return new Hono().get('/regions', async (c) => {
    const { level } = parseQuery(c, op.query);
    const rows = await db.sql<{ fc: unknown }[]>`
      SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'id', id,
        'properties', json_build_object('id', id, 'parent_id', parent_id, 'level', level, 'name_zh', name_zh,
          'name_en', name_en, 'population', population, 'source', source,
          'area_ha', round((ST_Area(geom::geography) / 1e4)::numeric, 2)),
        'geometry', ST_AsGeoJSON(geom, 6)::json) ORDER BY level, id), '[]'::json)) fc
      FROM regions WHERE ${level ? db.sql`level = ${level}` : db.sql`true`}`;
    return c.body(JSON.stringify(rows[0].fc), 200, { 'content-type': 'application/geo+json; charset=utf-8' });
  });
}
