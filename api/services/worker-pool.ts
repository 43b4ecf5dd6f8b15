/**
 * Pools of worker threads (piscina) for CPU-heavy work, so the event loop keeps answering health
 * checks and tiles while a big parcel is validated or a county is re-weighted.
 *
 *   const s = await runInWorker(new URL('../../layers/siting/suitability.ts', import.meta.url), 'suitability', [input, weights]);
 *
 * A task is a named export of a module, called with structured-cloneable arguments; what it returns
 * is cloned back (typed arrays are copied; pass `{ transfer }` to move their buffers into the worker
 * instead). A ModelInputError thrown by the task is thrown here again as a ModelInputError with the
 * same code, texts (both languages) and extensions, so it still answers 422; its subclass is not kept
 * (tell kinds apart by `code`). Other errors keep their message. Modules load once per thread and stay cached, so a module may keep state between tasks
 * (e.g. cached rasters), but each thread has its own copy: keep such state a cache, never the truth.
 *
 * Size: TANTU_WORKERS threads (default: one per core). One starts on first use, more when tasks
 * wait; beyond the first they stop after 30 s idle, except in a warmed pool (the server's), which
 * keeps every thread it has started, and with it their caches. One per
 * core, not cores − 1: the event loop mostly waits (on the database and on this pool), and with one
 * thread on 2 cores parcel analyses under load ran no faster than one at a time — the one thread was
 * the bottleneck while the main thread idled. Idle threads do not keep the process alive.
 *
 * A task that keeps a large cache in its thread runs in a named pool of one thread instead
 * (`{ pool: 'charging' }`: the road network and snapped demand, ~1 s to build), so the cache is
 * built once, not once per thread. `warmWorkerPool` loads the heavy modules at server start.
 */
import { availableParallelism } from 'node:os';
import Piscina from 'piscina';
import { ModelInputError, type ModelInputErrorInit } from '../../layers/core/errors.ts';

/** The shared pool ('shared') and the one-thread pools of tasks with a cache of their own. */
export type PoolName = 'shared' | 'charging';

const pools = new Map<PoolName, Piscina>();

/** Threads the shared pool may use: TANTU_WORKERS, else one per core. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TANTU_WORKERS);
  return Number.isInteger(n) && n >= 1 ? n : availableParallelism();
}

/** Idle time after which a kept thread stops: never, in practice (setTimeout's largest delay, ~24.8 days). */
const KEEP_MS = 2_147_483_647;

/** A pool; `keep`: every thread it starts stays (a warmed server pool), else only the first does. */
function thePool(name: PoolName, keep = false): Piscina {
  let p = pools.get(name);
  if (!p) {
    const max = name === 'shared' ? workerCount() : 1;
    p = new Piscina({
      filename: new URL('./pool-worker.mjs', import.meta.url).href,
      // Idle threads are unref'd, so they do not keep the process alive; a thread's first task pays
      // ~1 s to load tsx and its modules.
      minThreads: 1,
      maxThreads: max,
      idleTimeout: keep ? KEEP_MS : 30_000,
    });
    pools.set(name, p);
  }
  return p;
}

/**
 * Start `pool`'s first thread with `modules` loaded (server start), so the first request does not
 * wait for them. One thread, not all: each thread loading tsx and the models takes a core for a
 * second or two while the server is starting; a further thread starts when tasks wait and loads
 * what its first task needs.
 */
export async function warmWorkerPool(modules: URL[], pool: PoolName = 'shared'): Promise<void> {
  await thePool(pool, true).run({ module: new URL('./worker-pool.ts', import.meta.url).href, name: 'loadModules', args: [modules.map((m) => m.href)] });
}

/** The warm-up task: import each module (in a pool thread). */
export async function loadModules(hrefs: string[]): Promise<number> {
  for (const h of hrefs) await import(h);
  return hrefs.length;
}

type Outcome<T> = { value: T } | { modelInputError: ModelInputErrorInit; name: string };

/**
 * Run `name` exported by `module` in a thread of `opts.pool` (default the shared pool) with `args`;
 * rejects with the task's error. `opts.transfer`: buffers moved into the thread instead of copied.
 */
export async function runInWorker<T>(module: URL, name: string, args: unknown[], opts: { transfer?: Transferable[]; pool?: PoolName } = {}): Promise<T> {
  const out: Outcome<T> = await thePool(opts.pool ?? 'shared').run({ module: module.href, name, args }, opts.transfer ? { transferList: opts.transfer as never } : undefined);
  if ('value' in out) return out.value;
  const err = new ModelInputError(out.modelInputError);
  err.name = out.name;
  throw err;
}

/** Stop every pool's threads (server shutdown, end of a test run); the next task starts a new pool. */
export async function closeWorkerPool(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.destroy()));
}
