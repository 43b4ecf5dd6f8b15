/**
 * POST /api/charging/sites (main thread): the places when the candidates need them, then the
 * location models in a pool thread (sites-ops.ts).
 */
import type { Sql } from 'postgres';
import { onNetwork } from './network.ts';
import type { PlaceRow } from './sites-ops.ts';
import type { Sites, SitesRequest } from '../../schemas/charging.ts';

/** POST /api/charging/sites: reads the places when the candidates need them, then solves in a pool thread. */
export async function chargingSites(sql: Sql, body: SitesRequest): Promise<Sites> {
  const kind = body.candidates ?? 'grid';
  const places = kind === 'places' || kind === 'grid+places'
    ? await sql<PlaceRow[]>`SELECT name_zh, name_en, ST_X(geom) lon, ST_Y(geom) lat FROM places ORDER BY id` : [];
  return onNetwork(sql, 'sites', [body, places.map((r) => ({ name_zh: r.name_zh, name_en: r.name_en, lon: r.lon, lat: r.lat }))]);
}

