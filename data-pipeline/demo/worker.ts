/**
 * Generate the demo county in a worker thread, so that the first start can create the embedded
 * PostGIS (CPU-bound WASM on the main thread) while the county is generated on the other core.
 * The result is the same `generateDemo` result (structured-cloned back), so the checksums are too.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { DemoResult, GenerateOptions, ProgressFn } from './generate.ts';

type Message = { progress: [string, number] } | { result: DemoResult } | { error: string };

/** generateDemo in a worker thread; progress is reported on the calling thread. */
export function generateDemoInWorker(opts: Omit<GenerateOptions, 'onProgress'>, onProgress: ProgressFn = () => {}): Promise<DemoResult> {
  // The worker runs this same TypeScript module (through the tsx entry, see api/store/ts-worker.mjs).
  const worker = new Worker(new URL('../../api/store/ts-worker.mjs', import.meta.url), { workerData: { module: import.meta.url, options: opts } });
  return new Promise((resolve, reject) => {
    worker.on('message', (m: Message) => {
      if ('progress' in m) onProgress(...m.progress);
      else if ('result' in m) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => { if (code !== 0) reject(new Error(`demo generator worker stopped with exit code ${code}`)); });
  });
}

const options = (workerData as { options?: GenerateOptions } | null)?.options;
if (!isMainThread && parentPort && options) {
  const port = parentPort;
  import('./generate.ts').then(({ generateDemo }) => generateDemo({ ...options, onProgress: (step, fraction) => port.postMessage({ progress: [step, fraction] } satisfies Message) }))
    .then((result) => port.postMessage({ result } satisfies Message))
    .catch((err: Error) => port.postMessage({ error: err.stack ?? err.message } satisfies Message));
}
