/**
 * The embedded database's own thread (started by api/store/embedded.ts through ts-worker.mjs): PGlite
 * with PostGIS and the pglite-socket server that shares it, on the Unix socket `socket` (in a folder
 * only this user may enter). Running here, a long spatial query (17 s for a 99k-vertex circle) keeps
 * this thread busy, not the API's event loop.
 *
 * Messages: → { ready: true } once serving, or { error } if it could not open; ← 'stop' closes the
 * server and the database, then → { stopped: true }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { slimPostgis } from './postgis-bundle.ts';

export type EmbeddedMessage = { ready: true } | { error: string } | { stopped: true };

async function serve(dir: string, socket: string): Promise<{ stop(): Promise<void> }> {
  const db = await PGlite.create({ dataDir: dir, extensions: { postgis: slimPostgis() } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  // PGlite has one backend session shared by every socket client and ignores startup parameters:
  // set here what api/store/connect.ts asks of a server (SESSION_OPTIONS: custom plans for parameterised
  // spatial queries, no JIT; PGlite is built without LLVM, so the second only keeps the settings one).
  await db.exec('SET plan_cache_mode = force_custom_plan; SET jit = off');
  // Several clients may connect (the app, tests, a psql session); PGlite runs their queries one at a time.
  const server = new PGLiteSocketServer({ db, path: socket, maxConnections: 16 });
  await server.start();
  return {
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

const { dir, socket } = (workerData ?? {}) as { dir?: string; socket?: string };
if (parentPort && dir && socket) {
  const port = parentPort;
  const post = (m: EmbeddedMessage) => port.postMessage(m);
  serve(dir, socket).then(
    (s) => {
      port.on('message', (m) => {
        if (m === 'stop') s.stop().then(() => post({ stopped: true }), (e: Error) => post({ error: e.stack ?? e.message }));
      });
      post({ ready: true });
    },
    (e: Error) => post({ error: e.stack ?? e.message }),
  );
}
