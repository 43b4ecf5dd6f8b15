/**
 * Service status: the database backend and its PostgreSQL / PostGIS versions, and how long ago the
 * database last answered. The check runs at most every CHECK_EVERY_MS and in the background: a
 * health probe must answer at once, not wait in the embedded database's one-connection queue
 * behind a county-sized analysis. When the last check is older than STALE_AFTER_MS (the database
 * stopped answering), the probe waits for a fresh one, so a dead database fails the probe.
 */
import type { Sql } from 'postgres';
import type { Health } from '../schemas/platform.ts';

const CHECK_EVERY_MS = 2_000;
const STALE_AFTER_MS = 30_000;

interface Check { at: number; pg: string; postgis: string }

/** The health service of one database: `health()` answers from the latest check. */
export function healthService(sql: Sql, backend: Health['backend'], version: string) {
  let last: Check | undefined;
  let running: Promise<Check> | undefined;
  const check = () => {
    running ??= (async () => {
      const [row] = await sql<{ pg: string; postgis: string }[]>`SELECT current_setting('server_version') pg, postgis_lib_version() postgis`;
      last = { at: Date.now(), pg: row.pg, postgis: row.postgis };
      return last;
    })().finally(() => { running = undefined; });
    return running;
  };
  return async function health(): Promise<Health> {
    const age = last ? Date.now() - last.at : Infinity;
    const c = age > STALE_AFTER_MS ? await check() : last!;
    if (age > CHECK_EVERY_MS) check().catch(() => {}); // refreshed in the background; a failure shows once it is stale
    return { status: 'ok', backend, postgres_version: c.pg, postgis_version: c.postgis, database_checked_ms_ago: Date.now() - c.at, version };
  };
}
