/**
 * One way to reach the database: DATABASE_URL → that PostgreSQL/PostGIS server;
 * otherwise the embedded PGlite + PostGIS under the data folder, on a private Unix socket.
 * `connectTo(url)` is the one way to open a client on either URL.
 */
import { join } from 'node:path';
import postgres, { type Options, type Sql } from 'postgres';
import { startEmbeddedDatabase } from './embedded.ts';

export type Backend = 'embedded' | 'server';

export interface Database {
  sql: Sql;
  /** postgres:// URL other clients (tests, psql) can use while this database is open. */
  url: string;
  backend: Backend;
  close(): Promise<void>;
}

/** What pipeline steps accept: a `Database` or a bare postgres `Sql` (e.g. a transaction). */
export type DbLike = Sql | { sql: Sql };

export function sqlOf(db: DbLike): Sql {
  return typeof db === 'function' ? db : db.sql;
}

export interface OpenOptions {
  /** postgres:// URL of a server; when absent the embedded database is used. */
  url?: string;
  /** Folder holding the embedded database (as <dataDir>/pg). */
  dataDir: string;
}

/**
 * A postgres.js client for `url`. A libpq-style socket URL (`postgresql://user@localhost/db?host=/folder`,
 * what the embedded database gives) connects to `<folder>/.s.PGSQL.<port>`, which postgres.js only
 * does through its `path` option.
 */
export function connectTo(url: string, options: Options<Record<string, never>> = {}): Sql {
  const parsed = new URL(url);
  const host = parsed.searchParams.get('host');
  if (!host?.startsWith('/')) return postgres(url, options);
  parsed.searchParams.delete('host');
  return postgres(parsed.href, { ...options, host: 'localhost', path: `${host}/.s.PGSQL.${parsed.port || 5432}` });
}

/** The app's connection options: every session of tantu's (and of its tests) is set up this way. */
export const SESSION_OPTIONS = {
  onnotice: () => {},
  // Spatial queries take whole geometries as parameters; after five runs PostgreSQL would switch a
  // prepared statement to a generic plan that cannot see the parameter's extent and may scan every
  // stand (9 s instead of 0.5 s for a county-sized parcel). Plan each execution for its values.
  // No JIT: PostGIS functions' declared costs put most spatial queries above jit_above_cost, so a
  // server built with LLVM (Debian's PostgreSQL 15) compiled each freshly planned query: ~150 ms of
  // a 1 km² carbon analysis that takes 20 ms without it (PGlite has no JIT; the setting is a no-op).
  connection: { plan_cache_mode: 'force_custom_plan', jit: 'off' },
} as const;

export async function openDatabase({ url, dataDir }: OpenOptions): Promise<Database> {
  const options = SESSION_OPTIONS;
  if (url) {
    const sql = connectTo(url, { max: 10, ...options });
    return { sql, url, backend: 'server', close: () => sql.end() };
  }
  const embedded = await startEmbeddedDatabase(join(dataDir, 'pg'));
  // PGlite is single-connection: one client connection, queries queue on it.
  const sql = connectTo(embedded.url, { max: 1, ...options });
  return {
    sql,
    url: embedded.url,
    backend: 'embedded',
    async close() {
      await sql.end();
      await embedded.stop();
    },
  };
}
