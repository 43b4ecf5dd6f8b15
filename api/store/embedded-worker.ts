/**
 * The embedded database's own thread (started by api/store/embedded.ts through ts-worker.mjs): PGlite
 * with PostGIS and the pglite-socket server that shares it. Running here, a long spatial query (17 s
 * for a 99k-vertex circle) keeps this thread busy, not the API's event loop.
 *
 * Messages: → { ready: port } once serving, or { error } if it could not open; ← 'stop' closes the
 * server and the database, then → { stopped: true }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { slimPostgis } from './postgis-bundle.ts';

export type EmbeddedMessage = { ready: number } | { error: string } | { stopped: true };

async function serve(dir: string): Promise<{ port: number; stop(): Promise<void> }> {
  const db = await PGlite.create({ dataDir: dir, extensions: { postgis: slimPostgis() } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  // PGlite has one backend session shared by every socket client and ignores startup parameters:
  // set here what api/store/connect.ts asks of a server (custom plans for parameterised spatial queries).
  await db.exec('SET plan_cache_mode = force_custom_plan');
  // Several clients may connect (the app, tests, a psql session); PGlite runs their queries one at a time.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  const port = (server as unknown as { server: { address(): { port: number } } }).server.address().port;
  return {
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

const dir = (workerData as { dir?: string } | null)?.dir;
if (parentPort && dir) {
  const port = parentPort;
  const post = (m: EmbeddedMessage) => port.postMessage(m);
  serve(dir).then(
    (s) => {
      port.on('message', (m) => {
        if (m === 'stop') s.stop().then(() => post({ stopped: true }), (e: Error) => post({ error: e.stack ?? e.message }));
      });
      post({ ready: s.port });
    },
    (e: Error) => post({ error: e.stack ?? e.message }),
  );
}
