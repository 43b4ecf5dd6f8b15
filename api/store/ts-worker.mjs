// Entry of worker threads that run TypeScript modules: Node 20 does not pass tsx's loader hooks to a
// worker's entry module, so this plain module registers tsx and then imports `workerData.module`.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
