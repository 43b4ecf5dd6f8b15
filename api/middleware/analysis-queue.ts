/**
 * Heavy requests (parcel analyses) run at most `concurrency` at a time; the rest wait in arrival
 * order, up to `maxWaiting`, and beyond that get a 503 with Retry-After instead of a growing queue.
 *
 * Why: an analysis sends several queries to the database and a task to the worker pool. The
 * embedded PGlite answers one query at a time, so twenty analyses in flight put dozens of queries
 * in front of every tile and health query. Waiting here, in Node, lets light requests through while
 * the database stays as busy as before (`concurrency` ≥ 2 keeps the worker pool and the database
 * working in parallel). Concurrency by p-limit rather than by hand.
 */
import type { MiddlewareHandler } from 'hono';
import pLimit from 'p-limit';
import { problemResponse } from './problem.ts';

export interface AnalysisQueueOptions {
  /** Analyses running at once (TANTU_ANALYSIS_CONCURRENCY). */
  concurrency: number;
  /** Analyses waiting beyond which new ones are refused with 503 (TANTU_ANALYSIS_QUEUE). */
  maxWaiting: number;
}

export function analysisQueue({ concurrency, maxWaiting }: AnalysisQueueOptions): MiddlewareHandler {
  const limit = pLimit(concurrency);
  return async (c, next) => {
    if (limit.pendingCount >= maxWaiting) {
      c.header('Retry-After', '5');
      return problemResponse(c, 503, 'Too many analyses waiting',
        `${limit.activeCount} analyses are running and ${limit.pendingCount} are waiting (limit ${maxWaiting}). Try again in a few seconds.`,
        { running: limit.activeCount, waiting: limit.pendingCount, max_waiting: maxWaiting },
        { title: '排队的分析过多', detail: `正在运行 ${limit.activeCount} 项分析，另有 ${limit.pendingCount} 项在排队（上限 ${maxWaiting}）。请几秒后再试。` });
    }
    await limit(() => next());
  };
}
