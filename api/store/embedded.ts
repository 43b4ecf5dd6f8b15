/**
 * Embedded PostGIS: PGlite (WASM Postgres) with its PostGIS extension, persisted
 * under a data folder and exposed on loopback through pglite-socket so the same
 * `postgres` client and SQL serve both backends.
 */
import { mkdirSync } from 'node:fs';
import { relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { slimPostgis } from './postgis-bundle.ts';
import { acquireDataLock } from './data-lock.ts';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** This process as the lock names it: the script and its arguments, e.g. "data-pipeline/cli.ts import roads.geojson --as roads". */
function processRole(): string {
  const [, script = 'node', ...args] = process.argv;
  return `${relative(process.cwd(), script) || script} ${args.join(' ')}`.trim().slice(0, 200);
}

/**
 * Open (or create) the embedded database in `dir` and serve it on an ephemeral loopback port.
 * The folder has one owner (api/store/data-lock.ts): a second process is refused with a message.
 */
export async function startEmbeddedDatabase(dir: string): Promise<EmbeddedDatabase> {
  mkdirSync(dir, { recursive: true });
  const release = acquireDataLock(dir, processRole());
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: dir, extensions: { postgis: slimPostgis() } });
  } catch (e) {
    release();
    throw e;
  }
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  // PGlite has one backend session shared by every socket client and ignores startup parameters:
  // set here what api/store/connect.ts asks of a server (custom plans for parameterised spatial queries).
  await db.exec('SET plan_cache_mode = force_custom_plan');
  // Several clients may connect (the app, tests, a psql session); PGlite runs their queries one at a time.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  const port = (server as unknown as { server: { address(): { port: number } } }).server.address().port;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
      release();
    },
  };
}
