// Entry of the worker pool's threads (api/services/worker-pool.ts): registers tsx, since Node 20 does
// not pass the loader hooks to worker threads, then runs one task — a named export of a module — per call.
// A model's input error (layers/core/errors.ts ModelInputError, which has toInit()) comes back as data,
// since an error crossing threads keeps only its message; worker-pool.ts throws it again as one.
import { register } from 'tsx/esm/api';

register();

/** @param {{ module: string, name: string, args: unknown[] }} task */
export default async function run({ module, name, args }) {
  const fn = (await import(module))[name];
  if (typeof fn !== 'function') throw new TypeError(`${module} has no exported function ${name}`);
  try {
    return { value: await fn(...args) };
  } catch (e) {
    if (e && typeof e.toInit === 'function') return { modelInputError: e.toInit(), name: e.name };
    throw e;
  }
}
