// Entry of the worker pool's threads (api/services/worker-pool.ts): registers tsx, since Node 20 does
// not pass the loader hooks to worker threads, then runs one task — a named export of a module — per call.
import { register } from 'tsx/esm/api';

register();

/** @param {{ module: string, name: string, arg: unknown }} task */
export default async function run({ module, name, arg }) {
  const fn = (await import(module))[name];
  if (typeof fn !== 'function') throw new TypeError(`${module} has no exported function ${name}`);
  return fn(arg);
}
