/**
 * Seeded Monte Carlo over parameter ranges → P5 / P50 / P95, and which parameters dominate
 * (Spearman rank correlation of each sampled parameter with the output, and a one-at-a-time
 * swing from the parameter's low to high end with all others at their central values).
 *
 * Draws come from the one seeded generator (random.ts, mulberry32), so a seed reproduces a run
 * exactly on every platform. Percentiles: linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy).
 */
import { mulberry32 } from './random.ts';
import type { Sourced } from './sourced.ts';

export type Distribution =
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular'; min: number; mode: number; max: number };

/** A model parameter the Monte Carlo samples, with where its range comes from. */
export interface UncertainParam extends Sourced {
  name: string;
  distribution: Distribution;
}

/** Central value of a distribution (mode of a triangular, midpoint of a uniform). */
export function centralValue(d: Distribution): number {
  return d.dist === 'triangular' ? d.mode : (d.min + d.max) / 2;
}

/** Draw one value with a uniform u ∈ [0, 1) (inverse CDF). */
export function drawFrom(d: Distribution, u: number): number {
  if (d.dist === 'uniform') return d.min + (d.max - d.min) * u;
  const { min, mode, max } = d;
  if (max === min) return min;
  const f = (mode - min) / (max - min);
  return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/** Percentile p ∈ [0, 100] of sorted values (type 7 linear interpolation). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Ranks 1…n of `x`, ties given their mean rank (an index sort: no pair per value to collect). */
function ranks(x: readonly number[]): number[] {
  const n = x.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => x[a]! - x[b]!);
  const r = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && x[idx[j + 1]!] === x[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = avg;
    i = j + 1;
  }
  return r;
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Spearman rank correlation (average ranks for ties); 0 when either side is constant. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

export interface Summary {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface MonteCarloResult<K extends string> {
  runs: number;
  seed: number;
  outputs: Record<K, Summary>;
  /** Per output, parameters sorted by |rank correlation|, largest first. */
  sensitivity: Record<K, { name: string; rank_correlation: number }[]>;
}

/**
 * Run `model` `runs` times with parameters drawn from their distributions (one PRNG stream,
 * parameters drawn in the order given), summarise each output.
 */
export function monteCarlo<K extends string>(
  model: (x: Readonly<Record<string, number>>) => Record<K, number>,
  params: readonly UncertainParam[],
  opts: { runs: number; seed: number },
): MonteCarloResult<K> {
  const runs = Math.floor(opts.runs);
  if (!(runs >= 2)) throw new RangeError(`Monte Carlo needs at least 2 runs, got ${opts.runs}`);
  const rng = mulberry32(opts.seed);
  const draws: Record<string, number[]> = Object.fromEntries(params.map((p) => [p.name, [] as number[]]));
  const outs: Partial<Record<K, number[]>> = {};
  for (let r = 0; r < runs; r++) {
    const x: Record<string, number> = {};
    for (const p of params) {
      x[p.name] = drawFrom(p.distribution, rng());
      draws[p.name]!.push(x[p.name]!);
    }
    const y = model(x);
    for (const k of Object.keys(y) as K[]) (outs[k] ??= []).push(y[k]);
  }
  const outputs = {} as Record<K, Summary>;
  const sensitivity = {} as Record<K, { name: string; rank_correlation: number }[]>;
  // Spearman = Pearson of ranks: each parameter's and each output's ranks computed once, not per pair.
  const drawRanks = params.map((p) => ranks(draws[p.name]!));
  for (const k of Object.keys(outs) as K[]) {
    const ys = outs[k]!;
    const sorted = [...ys].sort((a, b) => a - b);
    outputs[k] = { p5: percentile(sorted, 5), p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: ys.reduce((s, v) => s + v, 0) / ys.length };
    const ys_ranks = ranks(ys);
    sensitivity[k] = params
      .map((p, i) => ({ name: p.name, rank_correlation: pearson(drawRanks[i]!, ys_ranks) }))
      .sort((a, b) => Math.abs(b.rank_correlation) - Math.abs(a.rank_correlation));
  }
  return { runs, seed: opts.seed, outputs, sensitivity };
}

/** Central values of all parameters. */
export function centralValues(params: readonly UncertainParam[]): Record<string, number> {
  return Object.fromEntries(params.map((p) => [p.name, centralValue(p.distribution)]));
}

/**
 * One-at-a-time sensitivity: output at each parameter's min and max with the others central.
 * Sorted by |swing| = |y(max) − y(min)|, largest first.
 */
export function oneAtATime(
  model: (x: Readonly<Record<string, number>>) => number,
  params: readonly UncertainParam[],
): { name: string; low: number; high: number; swing: number }[] {
  const base = centralValues(params);
  return params
    .map((p) => {
      const low = model({ ...base, [p.name]: p.distribution.min });
      const high = model({ ...base, [p.name]: p.distribution.max });
      return { name: p.name, low, high, swing: high - low };
    })
    .sort((a, b) => Math.abs(b.swing) - Math.abs(a.swing));
}
