/**
 * Embedded PostGIS: PGlite (WASM Postgres) with its PostGIS extension, persisted under a data folder
 * and served through pglite-socket so the same `postgres` client and SQL serve both backends.
 * PGlite runs in a thread of its own (api/store/embedded-worker.ts): its queries execute there, and
 * the API's event loop only waits on the socket.
 *
 * Who may connect: PGlite answers every client as its one superuser session and checks no password,
 * so the socket is a Unix socket in a folder only this OS user may enter (0700) — no other user and
 * no web page can reach it (a TCP port on 127.0.0.1 was open to every local process). The same user
 * could read the data files anyway, so a role without superuser would protect nothing more: every
 * client shares PGlite's one session and could RESET ROLE.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { acquireDataLock } from './data-lock.ts';
import type { EmbeddedMessage } from './embedded-worker.ts';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** This process as the lock names it: the script and its arguments, e.g. "data-pipeline/cli.ts import roads.geojson --as roads". */
function processRole(): string {
  const [, script = 'node', ...args] = process.argv;
  return `${relative(process.cwd(), script) || script} ${args.join(' ')}`.trim().slice(0, 200);
}

/** The first message of `worker` that `pick` accepts; rejects on an error message, a thread error or exit. */
function nextMessage<T>(worker: Worker, pick: (m: EmbeddedMessage) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => { worker.off('message', onMessage); worker.off('error', reject); worker.off('exit', onExit); };
    const onMessage = (m: EmbeddedMessage) => {
      if ('error' in m) { done(); reject(new Error(`embedded database: ${m.error}`)); return; }
      const v = pick(m);
      if (v !== undefined) { done(); resolve(v); }
    };
    const onExit = (code: number) => { done(); reject(new Error(`the embedded database thread stopped (exit code ${code})`)); };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', onExit);
  });
}

/** libpq's socket file name in a socket folder (psql "host=<folder>" finds it at the default port). */
const SOCKET_FILE = '.s.PGSQL.5432';
/** Unix socket paths are limited to ~107 bytes; beyond this a private folder under the temp dir is used. */
const MAX_SOCKET_PATH = 100;

/**
 * The folder for the socket: `<dir>/run`, or a fresh private folder under the OS temp dir when that
 * path would be too long for a Unix socket. Only this user may enter it (0700).
 */
function socketFolder(dir: string): { folder: string; remove(): void } {
  const inData = join(dir, 'run');
  if (join(inData, SOCKET_FILE).length <= MAX_SOCKET_PATH) {
    mkdirSync(inData, { recursive: true, mode: 0o700 });
    chmodSync(inData, 0o700);
    // We hold the data lock: a socket file left here is from a process that is gone.
    rmSync(join(inData, SOCKET_FILE), { force: true });
    return { folder: inData, remove: () => rmSync(join(inData, SOCKET_FILE), { force: true }) };
  }
  const folder = mkdtempSync(join(tmpdir(), 'tantu-pg-'));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** postgres:// URL of a Unix socket folder, as libpq reads it (`psql "postgresql://postgres@localhost/postgres?host=/folder"`: the host parameter wins). */
export const socketUrl = (folder: string) => `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(folder)}`;

/**
 * Open (or create) the embedded database in `dir` and serve it on a private Unix socket.
 * The folder has one owner (api/store/data-lock.ts): a second process is refused with a message.
 */
export async function startEmbeddedDatabase(dir: string): Promise<EmbeddedDatabase> {
  mkdirSync(dir, { recursive: true });
  const release = acquireDataLock(dir, processRole());
  const socket = socketFolder(dir);
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { module: new URL('./embedded-worker.ts', import.meta.url).href, dir, socket: join(socket.folder, SOCKET_FILE) },
  });
  try {
    await nextMessage(worker, (m) => ('ready' in m ? true : undefined));
  } catch (e) {
    await worker.terminate();
    socket.remove();
    release();
    throw e;
  }
  return {
    url: socketUrl(socket.folder),
    async stop() {
      const stopped = nextMessage(worker, (m) => ('stopped' in m ? true : undefined));
      worker.postMessage('stop');
      try {
        await stopped;
      } finally {
        await worker.terminate();
        socket.remove();
        release();
      }
    },
  };
}
