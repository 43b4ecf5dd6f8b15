/**
 * One pool of worker threads (piscina) for CPU-heavy work, so the event loop keeps answering health
 * checks and tiles while a big parcel is validated or a county is re-weighted.
 *
 *   const s = await runInWorker(new URL('../../layers/siting/suitability.ts', import.meta.url), 'suitability', [input, weights]);
 *
 * A task is a named export of a module, called with structured-cloneable arguments; what it returns
 * is cloned back (typed arrays are copied; pass `transfer` to move their buffers into the worker
 * instead). A ModelInputError thrown by the task is thrown here again as a ModelInputError with the
 * same code, texts (both languages) and extensions, so it still answers 422; its subclass is not kept
 * (tell kinds apart by `code`). Other errors keep their message. Modules load once per thread and stay cached, so a module may keep state between tasks
 * (e.g. cached rasters), but each thread has its own copy: keep such state a cache, never the truth.
 *
 * Size: TANTU_WORKERS threads (default: one per core), started on first use; beyond the first,
 * stopped after 30 s idle, except in a warmed pool (the server's), whose threads all stay so their
 * caches (e.g. the charging network, ~1 s to build) do not go with them. Idle threads do not keep
 * the process alive. One per core, not cores − 1: the event loop mostly waits (on the database and
 * on this pool), and with one thread on 2 cores parcel analyses under load ran no faster than one
 * at a time — the one thread was the bottleneck while the main thread idled.
 * `warmWorkerPool` loads the heavy modules at server start.
 */
import { availableParallelism } from 'node:os';
import Piscina from 'piscina';
import { ModelInputError, type ModelInputErrorInit } from '../../layers/core/errors.ts';

let pool: Piscina | undefined;

/** Threads the pool may use: TANTU_WORKERS, else one per core. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TANTU_WORKERS);
  return Number.isInteger(n) && n >= 1 ? n : availableParallelism();
}

/** The pool; `keep`: all its threads stay (a warmed server pool), else one does. */
function thePool(keep = false): Piscina {
  pool ??= new Piscina({
    filename: new URL('./pool-worker.mjs', import.meta.url).href,
    // Idle threads are unref'd, so they do not keep the process alive; a thread's first task pays
    // ~1 s to load tsx and its modules.
    minThreads: keep ? workerCount() : 1,
    maxThreads: workerCount(),
    idleTimeout: 30_000,
  });
  return pool;
}

/** Load `modules` in the pool's threads now (server start), so the first request does not wait for it. */
export async function warmWorkerPool(modules: URL[]): Promise<void> {
  const p = thePool(true);
  await Promise.all(Array.from({ length: p.options.maxThreads }, () =>
    p.run({ module: new URL('./worker-pool.ts', import.meta.url).href, name: 'loadModules', args: [modules.map((m) => m.href)] })));
}

/** The warm-up task: import each module (in a pool thread). */
export async function loadModules(hrefs: string[]): Promise<number> {
  for (const h of hrefs) await import(h);
  return hrefs.length;
}

type Outcome<T> = { value: T } | { modelInputError: ModelInputErrorInit; name: string };

/** Run `name` exported by `module` in a pool thread with `args`; rejects with the task's error. */
export async function runInWorker<T>(module: URL, name: string, args: unknown[], transfer?: Transferable[]): Promise<T> {
  const out: Outcome<T> = await thePool().run({ module: module.href, name, args }, transfer ? { transferList: transfer as never } : undefined);
  if ('value' in out) return out.value;
  const err = new ModelInputError(out.modelInputError);
  err.name = out.name;
  throw err;
}

/** Stop the pool's threads (server shutdown, end of a test run); the next task starts a new pool. */
export async function closeWorkerPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
