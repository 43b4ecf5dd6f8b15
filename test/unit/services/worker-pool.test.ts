/** The worker pool runs TypeScript tasks off the event loop and hands back results and errors. */
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { closeWorkerPool, runInWorker, workerCount } from '../../../api/services/worker-pool.ts';
import { ModelInputError } from '../../../layers/core/errors.ts';

const TASKS = new URL('../../fixtures/worker-task.ts', import.meta.url);

afterAll(closeWorkerPool);

describe('worker pool', () => {
  it('runs a named export of a TypeScript module in another thread and returns its result', async () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i);
    const r = await runInWorker<{ total: number; threadId: number }>(TASKS, 'sum', [values]);
    expect(r.total).toBe(499_500);
    expect(r.threadId).not.toBe(threadId);
  });

  it('moves a transferred buffer into the worker', async () => {
    const values = new Float64Array([1.5, 2.5]);
    const r = await runInWorker<{ total: number }>(TASKS, 'sum', [values], { transfer: [values.buffer] });
    expect(r.total).toBe(4);
    expect(values.byteLength).toBe(0);
  });

  it('keeps the event loop free while a task is busy', async () => {
    const busy = runInWorker<number>(TASKS, 'spin', [300]);
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(Date.now()), 10);
    await busy;
    clearInterval(timer);
    // A blocked loop would fire the interval at most once or twice during the 300 ms spin.
    expect(ticks.length).toBeGreaterThan(10);
  });

  it('rejects with the task error, and names a missing export', async () => {
    await expect(runInWorker(TASKS, 'fail', ['out of range'])).rejects.toThrow('out of range');
    await expect(runInWorker(TASKS, 'nope', [])).rejects.toThrow(/no exported function nope/);
  });

  it('throws a model input error again as one, with its code, both languages and facts', async () => {
    const err = await runInWorker(TASKS, 'badInput', ['X']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelInputError);
    expect(err).toMatchObject({ name: 'UnknownMethodologyError', code: 'unknown_methodology', zh: { title: '未知方法学' } });
    expect((err as ModelInputError).extensions).toEqual({});
  });

  it('runs a named pool in one thread of its own, so a cache kept there is built once', async () => {
    const ids = await Promise.all(Array.from({ length: 4 }, () => runInWorker<{ threadId: number }>(TASKS, 'sum', [new Float64Array(1)], { pool: 'charging' })));
    expect(new Set(ids.map((r) => r.threadId)).size).toBe(1);
    expect(ids[0]!.threadId).not.toBe(threadId);
  });

  it('sizes itself from TANTU_WORKERS or the cores', () => {
    expect(workerCount({ TANTU_WORKERS: '3' })).toBe(3);
    expect(workerCount({ TANTU_WORKERS: 'x' })).toBeGreaterThanOrEqual(1);
    expect(workerCount({})).toBeGreaterThanOrEqual(1);
  });
});
