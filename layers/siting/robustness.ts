/**
 * Robustness of a zone ranking to the weights: Monte Carlo over weight perturbations (each
 * weight multiplied by 1 + u, u uniform in [−p, +p], e.g. p = 0.20, then renormalised to Σ = 1),
 * re-ranking the zones under each draw and counting how often each stays in the top N. Seeded
 * (layers/core/random.ts), so a run is reproducible.
 *
 * A zone's mean S under weights w is Σ_k w_k · mean(M x_k) (zones.ts criterion_means): exact,
 * for the zones as delineated under the base weights (the zone outlines themselves are not
 * redrawn per draw).
 */
import { mulberry32 } from '../core/random.ts';

export interface RobustnessOptions {
  /** Relative perturbation of each weight, e.g. 0.2 for ±20 %. */
  perturbation: number;
  runs: number;
  top_n: number;
  seed: number;
}

export interface RobustnessResult {
  /** Per zone (input order): share of runs (0–1) in which it ranked in the top N. */
  top_n_share: number[];
  /** Per zone: mean rank over the runs (1 = best). */
  mean_rank: number[];
  runs: number;
  top_n: number;
  perturbation: number;
  seed: number;
}

/**
 * @param criterionMeans per zone, mean(M x_k) per criterion
 * @param weights base weights (Σ = 1)
 */
export function rankRobustness(criterionMeans: readonly (readonly number[])[], weights: readonly number[], o: RobustnessOptions): RobustnessResult {
  const Z = criterionMeans.length;
  const K = weights.length;
  const rand = mulberry32(o.seed);
  const inTop = new Float64Array(Z);
  const rankSum = new Float64Array(Z);
  const w = new Float64Array(K);
  const score = new Float64Array(Z);
  const order = Array.from({ length: Z }, (_, z) => z);
  for (let run = 0; run < o.runs; run++) {
    let sum = 0;
    for (let k = 0; k < K; k++) { w[k] = weights[k] * (1 + o.perturbation * (2 * rand() - 1)); sum += w[k]; }
    for (let k = 0; k < K; k++) w[k] /= sum;
    for (let z = 0; z < Z; z++) {
      let s = 0;
      const m = criterionMeans[z];
      for (let k = 0; k < K; k++) s += w[k] * m[k];
      score[z] = s;
    }
    order.sort((a, b) => score[b] - score[a] || a - b);
    for (let r = 0; r < Z; r++) {
      const z = order[r];
      rankSum[z] += r + 1;
      if (r < o.top_n) inTop[z]++;
    }
  }
  return {
    top_n_share: Array.from(inTop, (v) => v / o.runs),
    mean_rank: Array.from(rankSum, (v) => v / o.runs),
    runs: o.runs, top_n: o.top_n, perturbation: o.perturbation, seed: o.seed,
  };
}
