/**
 * Suitability S = Σ_i w_i x_i · Π_j c_j (reference/solar-wind.md §6): weights w_i (Σ = 1),
 * criterion scores x_i ∈ [0, 1] (rescale.ts) and the combined exclusion mask M = Π c_j
 * (masks.ts, with forced inclusions). One number per cell in [0, 1].
 *
 * For speed over a whole county the scores are stored as bytes, interleaved cell by cell
 * (`ScoreStack`: stack[i·K + k] = round(255 · x_k) of cell i), so re-weighting reads memory
 * once, in order; the mask is a byte too (255 = 1). The result is quantised to a byte
 * (255 = 1) for tiles and zones; `suitabilityAt` gives the exact value of one cell from the
 * same stored scores.
 */
import { SCORE_LEVELS } from './rescale.ts';
import { throwIfProblems } from './errors.ts';

/** Cell-interleaved byte scores of K criteria over N cells (stack.length = N·K). */
export interface ScoreStack {
  criteria: readonly string[];
  cells: number;
  stack: Uint8Array;
}

/** Interleave per-criterion byte score rasters (each of length N) into a ScoreStack. */
export function interleaveScores(criteria: readonly string[], scores: readonly Uint8Array[]): ScoreStack {
  const K = scores.length;
  const N = K ? scores[0].length : 0;
  // Shared memory where the runtime has it, so worker threads read the stack without a copy.
  const stack = new Uint8Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(N * K) : new ArrayBuffer(N * K));
  for (let k = 0; k < K; k++) {
    const s = scores[k];
    if (s.length !== N) throw new RangeError(`criterion ${criteria[k]} has ${s.length} cells, expected ${N}`);
    for (let i = 0, o = k; i < N; i++, o += K) stack[o] = s[i];
  }
  return { criteria, cells: N, stack };
}

/**
 * Normalise weights to Σ = 1.
 * @throws SitingInputError for negative or non-finite weights or a zero sum
 */
export function normaliseWeights(weights: readonly number[]): number[] {
  const p: { en: string; zh: string }[] = [];
  weights.forEach((w, k) => {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) p.push({ en: `weight ${k + 1} must be a finite number ≥ 0, got ${String(w)}`, zh: `第 ${k + 1} 个权重须为 ≥ 0 的有限数，实为 ${String(w)}` });
  });
  throwIfProblems(p);
  const s = weights.reduce((a, b) => a + b, 0);
  if (!(s > 0)) throwIfProblems([{ en: 'at least one weight must be above 0', zh: '至少要有一个权重大于 0' }]);
  return weights.map((w) => w / s);
}

/**
 * S of every cell as a byte (255 = 1): round(255 · M · Σ w_k x_k) with M = mask/255 and
 * x_k = stack/255. Weights must already sum to 1 (normaliseWeights).
 * @param mask combined exclusion mask, bytes (255 = fully included)
 * @param out optional output (length = cells)
 */
export function reweight(scores: ScoreStack, weights: readonly number[], mask: Uint8Array, out = new Uint8Array(scores.cells)): Uint8Array {
  const K = scores.criteria.length;
  if (weights.length !== K) throw new RangeError(`${weights.length} weights for ${K} criteria`);
  const N = scores.cells;
  const st = scores.stack;
  // Σ w_k q_k / 255 · m / 255 · 255 = Σ w_k q_k · m / 255²·255: fold the constants into the weights.
  const f = 1 / (SCORE_LEVELS * SCORE_LEVELS) * SCORE_LEVELS;
  const w = new Float64Array(K);
  for (let k = 0; k < K; k++) w[k] = weights[k] * f;
  if (K === 8) {
    const [w0, w1, w2, w3, w4, w5, w6, w7] = w;
    for (let i = 0, o = 0; i < N; i++, o += 8) {
      const m = mask[i];
      if (m === 0) { out[i] = 0; continue; }
      const s = w0 * st[o] + w1 * st[o + 1] + w2 * st[o + 2] + w3 * st[o + 3] + w4 * st[o + 4] + w5 * st[o + 5] + w6 * st[o + 6] + w7 * st[o + 7];
      out[i] = s * m + 0.5;
    }
    return out;
  }
  for (let i = 0, o = 0; i < N; i++, o += K) {
    const m = mask[i];
    if (m === 0) { out[i] = 0; continue; }
    let s = 0;
    for (let k = 0; k < K; k++) s += w[k] * st[o + k];
    out[i] = s * m + 0.5;
  }
  return out;
}

/** One cell's S from its scores x_k ∈ [0, 1], normalised weights and mask M ∈ [0, 1]: M · Σ w_k x_k. */
export function suitabilityAt(scores: readonly number[], weights: readonly number[], mask: number): number {
  let s = 0;
  for (let k = 0; k < scores.length; k++) s += weights[k] * scores[k];
  return mask * s;
}

/** Suitability classes (S thresholds are tantu's, editable: equal steps of 0.15 below 0.75). */
export const SUITABILITY_CLASSES = [
  { key: 'most', min: 0.75, zh: '最适宜', en: 'Most suitable', color: '#1a9641' },
  { key: 'suitable', min: 0.6, zh: '适宜', en: 'Suitable', color: '#a6d96a' },
  { key: 'moderate', min: 0.45, zh: '一般', en: 'Moderately suitable', color: '#fdae61' },
  { key: 'low', min: 0, zh: '不适宜', en: 'Not suitable', color: '#d7191c' },
] as const;

/** The class of a suitability S ∈ [0, 1] of a cell that no rule excluded. */
export function suitabilityClass(s: number): (typeof SUITABILITY_CLASSES)[number] {
  for (const c of SUITABILITY_CLASSES) if (s >= c.min) return c;
  return SUITABILITY_CLASSES[SUITABILITY_CLASSES.length - 1];
}
