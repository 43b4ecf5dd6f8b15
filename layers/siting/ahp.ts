/**
 * Analytic Hierarchy Process (T. L. Saaty, "A scaling method for priorities in hierarchical
 * structures", J. Math. Psychology 15 (1977) 234–281; "The Analytic Hierarchy Process",
 * McGraw-Hill 1980): weights of n criteria from a pairwise comparison matrix A on Saaty's 1–9
 * scale, where a_ij says how much more important criterion i is than j and a_ji = 1 / a_ij.
 *
 * - weights w = the principal (Perron) eigenvector of A, normalised to Σ w = 1, found by power
 *   iteration (A is positive, so the iteration converges to it);
 * - λmax = the principal eigenvalue, computed as mean_i (A w)_i / w_i;
 * - consistency index CI = (λmax − n) / (n − 1);
 * - consistency ratio CR = CI / RI(n), with Saaty's random index RI (AHP_RANDOM_INDEX);
 *   judgements are accepted as consistent when CR < 0.10 (reference/solar-wind.md §6).
 *
 * When CR ≥ 0.10 the warning names the most inconsistent pair: the judgement a_ij furthest from
 * the ratio w_i / w_j the weights imply, measured as |ln(a_ij · w_j / w_i)| (Saaty's ε_ij =
 * a_ij w_j / w_i, which is 1 for every pair of a consistent matrix), and suggests the value the
 * weights imply, rounded to the 1–9 scale.
 */
import type { Sourced } from '../core/sourced.ts';
import { throwIfProblems } from './errors.ts';

/** Saaty's random consistency index RI(n) (mean CI of random reciprocal matrices of order n). */
export const AHP_RANDOM_INDEX: Readonly<Record<number, Sourced & { value: number }>> = {
  1: { value: 0, source: 'a 1×1 matrix is always consistent', unverified: false },
  2: { value: 0, source: 'a 2×2 reciprocal matrix is always consistent', unverified: false },
  3: { value: 0.58, source: 'Saaty (1980), The Analytic Hierarchy Process, Table 1.7; reference/solar-wind.md §6', unverified: false },
  4: { value: 0.90, source: 'Saaty (1980); reference/solar-wind.md §6', unverified: false },
  5: { value: 1.12, source: 'Saaty (1980); reference/solar-wind.md §6', unverified: false },
  6: { value: 1.24, source: 'Saaty (1980); reference/solar-wind.md §6', unverified: false },
  7: { value: 1.32, source: 'Saaty (1980); reference/solar-wind.md §6', unverified: false },
  8: { value: 1.41, source: 'Saaty (1980); reference/solar-wind.md §6', unverified: false },
  9: { value: 1.45, source: 'Saaty (1980); reference/solar-wind.md §6', unverified: false },
  10: { value: 1.49, source: 'Saaty (1980); reference/solar-wind.md §6', unverified: false },
  11: { value: 1.51, source: 'Saaty (1980) extended table (Oak Ridge simulations); not in reference/solar-wind.md', unverified: true },
  12: { value: 1.48, source: 'Saaty (1980) extended table; not in reference/solar-wind.md', unverified: true },
  13: { value: 1.56, source: 'Saaty (1980) extended table; not in reference/solar-wind.md', unverified: true },
  14: { value: 1.57, source: 'Saaty (1980) extended table; not in reference/solar-wind.md', unverified: true },
  15: { value: 1.59, source: 'Saaty (1980) extended table; not in reference/solar-wind.md', unverified: true },
};

/** Judgements are accepted when CR is below this (Saaty 1980; reference/solar-wind.md §6). */
export const AHP_CR_THRESHOLD = 0.1;

/** Saaty's fundamental scale runs from 1/9 to 9. */
export const SAATY_MIN = 1 / 9;
export const SAATY_MAX = 9;

export interface AhpResult {
  /** Principal-eigenvector weights, Σ = 1, in the matrix's order. */
  weights: number[];
  lambda_max: number;
  /** (λmax − n) / (n − 1); 0 for n ≤ 2. */
  ci: number;
  /** RI(n) used. */
  ri: number;
  /** CI / RI; 0 for n ≤ 2. */
  cr: number;
  /** CR < 0.10. */
  consistent: boolean;
  /** The judgement furthest from the ratio the weights imply (null for n < 2). */
  most_inconsistent: { i: number; j: number; given: number; implied: number; suggested: number } | null;
  /** Power iterations used. */
  iterations: number;
}

/**
 * Check a pairwise comparison matrix: square, n ≥ 1 and ≤ 15, finite positive entries within
 * Saaty's 1/9–9, ones on the diagonal, a_ji = 1/a_ij (relative tolerance 1e-3, so 0.333 for 1/3 passes).
 * @throws SitingInputError naming each bad entry
 */
export function checkPairwiseMatrix(a: readonly (readonly number[])[]): void {
  const problems: { en: string; zh: string }[] = [];
  const n = a.length;
  if (n < 1 || n > 15) problems.push({ en: `the matrix must have 1 to 15 rows, got ${n}`, zh: `矩阵须有 1–15 行，实为 ${n} 行` });
  for (let i = 0; i < n && problems.length < 20; i++) {
    if (!Array.isArray(a[i]) || a[i].length !== n) {
      problems.push({ en: `row ${i + 1} must have ${n} entries`, zh: `第 ${i + 1} 行须有 ${n} 个元素` });
      continue;
    }
    for (let j = 0; j < n; j++) {
      const v = a[i][j];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        problems.push({ en: `a[${i + 1}][${j + 1}] must be a positive number, got ${String(v)}`, zh: `a[${i + 1}][${j + 1}] 须为正数，实为 ${String(v)}` });
      } else if (i === j && Math.abs(v - 1) > 1e-9) {
        problems.push({ en: `a[${i + 1}][${i + 1}] must be 1 (a criterion is as important as itself), got ${v}`, zh: `对角元 a[${i + 1}][${i + 1}] 须为 1，实为 ${v}` });
      } else if (v < SAATY_MIN * (1 - 1e-3) || v > SAATY_MAX * (1 + 1e-3)) {
        problems.push({ en: `a[${i + 1}][${j + 1}] = ${v} is outside Saaty's scale 1/9–9`, zh: `a[${i + 1}][${j + 1}] = ${v} 超出 Saaty 标度 1/9–9` });
      } else if (j > i && Array.isArray(a[j]) && typeof a[j][i] === 'number' && Math.abs(a[j][i] * v - 1) > 1e-3 * 3) {
        problems.push({ en: `a[${j + 1}][${i + 1}] must be 1/a[${i + 1}][${j + 1}] = ${(1 / v).toPrecision(4)}, got ${a[j][i]}`, zh: `a[${j + 1}][${i + 1}] 须等于 1/a[${i + 1}][${j + 1}] = ${(1 / v).toPrecision(4)}，实为 ${a[j][i]}` });
      }
    }
  }
  throwIfProblems(problems);
}

/** The nearest value on Saaty's scale (1/9 … 1/2, 1 … 9) to a positive ratio. */
export function nearestSaaty(ratio: number): number {
  const r = ratio >= 1 ? Math.min(9, Math.max(1, Math.round(ratio))) : 1 / Math.min(9, Math.max(1, Math.round(1 / ratio)));
  return r;
}

/**
 * AHP weights and consistency of a pairwise comparison matrix (see the module comment).
 * @param a n × n positive reciprocal matrix, a[i][j] = importance of i over j (1–9 or reciprocals)
 * @throws SitingInputError for a matrix that is not one (checkPairwiseMatrix)
 */
export function ahp(a: readonly (readonly number[])[]): AhpResult {
  checkPairwiseMatrix(a);
  const n = a.length;
  let w = new Float64Array(n).fill(1 / n);
  let iterations = 0;
  for (; iterations < 1000; iterations++) {
    const next = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += a[i][j] * w[j];
      next[i] = v;
      s += v;
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= s;
      change = Math.max(change, Math.abs(next[i] - w[i]));
    }
    w = next;
    if (change < 1e-15) break;
  }
  let lambda = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += a[i][j] * w[j];
    lambda += v / w[i];
  }
  lambda /= n;
  const ri = AHP_RANDOM_INDEX[n].value;
  const ci = n > 2 ? Math.max(0, (lambda - n) / (n - 1)) : 0;
  const cr = n > 2 ? ci / ri : 0;
  let worst: AhpResult['most_inconsistent'] = null;
  let worstDev = -1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const implied = w[i] / w[j];
      const dev = Math.abs(Math.log(a[i][j] / implied));
      if (dev > worstDev) {
        worstDev = dev;
        worst = { i, j, given: a[i][j], implied, suggested: nearestSaaty(implied) };
      }
    }
  }
  return { weights: [...w], lambda_max: lambda, ci, ri, cr, consistent: cr < AHP_CR_THRESHOLD, most_inconsistent: worst, iterations };
}

/** The consistent pairwise matrix of a weight vector: a_ij = w_i / w_j (its AHP weights are w, λmax = n). */
export function consistentMatrix(weights: readonly number[]): number[][] {
  return weights.map((wi) => weights.map((wj) => wi / wj));
}
