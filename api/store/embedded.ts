/**
 * Embedded PostGIS: PGlite (WASM Postgres) with its PostGIS extension, persisted under a data folder
 * and exposed on loopback through pglite-socket so the same `postgres` client and SQL serve both
 * backends. PGlite runs in a thread of its own (api/store/embedded-worker.ts): its queries execute
 * there, and the API's event loop only waits on the socket.
 */
import { mkdirSync } from 'node:fs';
import { relative } from 'node:path';
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

/**
 * Open (or create) the embedded database in `dir` and serve it on an ephemeral loopback port.
 * The folder has one owner (api/store/data-lock.ts): a second process is refused with a message.
 */
export async function startEmbeddedDatabase(dir: string): Promise<EmbeddedDatabase> {
  mkdirSync(dir, { recursive: true });
  const release = acquireDataLock(dir, processRole());
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { module: new URL('./embedded-worker.ts', import.meta.url).href, dir },
  });
  let port: number;
  try {
    port = await nextMessage(worker, (m) => ('ready' in m ? m.ready : undefined));
  } catch (e) {
    await worker.terminate();
    release();
    throw e;
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      const stopped = nextMessage(worker, (m) => ('stopped' in m ? true : undefined));
      worker.postMessage('stop');
      try {
        await stopped;
      } finally {
        await worker.terminate();
        release();
      }
    },
  };
}
