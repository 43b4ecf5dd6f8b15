/**
 * One pool of worker threads (piscina) for CPU-heavy work, so the event loop keeps answering health
 * checks and tiles while a big parcel is validated or a county is re-weighted.
 *
 *   const s = await runInWorker(new URL('../../layers/siting/suitability.ts', import.meta.url), 'suitability', input);
 *
 * A task is a named export of a module, called with one structured-cloneable argument; what it returns
 * is cloned back (typed arrays are copied; pass `transfer` to move their buffers into the worker
 * instead). Modules load once per thread and stay cached, so a module may keep state between tasks
 * (e.g. cached rasters), but each thread has its own copy: keep such state a cache, never the truth.
 *
 * Size: TANTU_WORKERS threads (default: the cores minus one, at least one), started on first use and
 * stopped after 30 s idle; idle threads do not keep the process alive.
 */
import { availableParallelism } from 'node:os';
import Piscina from 'piscina';

let pool: Piscina | undefined;

/** Threads the pool may use: TANTU_WORKERS, else cores − 1 (at least 1). */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TANTU_WORKERS);
  return Number.isInteger(n) && n >= 1 ? n : Math.max(1, availableParallelism() - 1);
}

function thePool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./pool-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: workerCount(),
    idleTimeout: 30_000,
  });
  return pool;
}

/** Run `name` exported by `module` in a pool thread with `arg`; rejects with the task's error. */
export function runInWorker<T>(module: URL, name: string, arg: unknown, transfer?: Transferable[]): Promise<T> {
  return thePool().run({ module: module.href, name, arg }, transfer ? { transferList: transfer as never } : undefined);
}

/** Stop the pool's threads (server shutdown, end of a test run); the next task starts a new pool. */
export async function closeWorkerPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
