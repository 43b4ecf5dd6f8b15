/** Service status: the database backend and its PostgreSQL / PostGIS versions. */
import type { Sql } from 'postgres';
import type { Health } from '../schemas/platform.ts';

export async function health(sql: Sql, backend: Health['backend'], version: string): Promise<Health> {
  const [row] = await sql<{ pg: string; postgis: string }[]>`
    SELECT current_setting('server_version') pg, postgis_lib_version() postgis`;
  return { status: 'ok', backend, postgres_version: row.pg, postgis_version: row.postgis, version };
}
