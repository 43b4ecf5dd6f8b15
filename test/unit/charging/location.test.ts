import { beforeAll, describe, expect, it } from 'vitest';
import { coverSetsFrom, lscpExact, lscpGreedy, mclpExact, mclpGreedy, pmedianExact, pmedianGreedy, type CoverSets, type LpSolver } from '../../../layers/charging/location.ts';
import { highsSolver } from '../../../layers/charging/highs.ts';
import { mulberry32 } from '../../../layers/core/random.ts';

let highs: LpSolver;
beforeAll(async () => { highs = await highsSolver(); });

/** Random instance: n clients, m facilities on the unit square, cost = distance × 100. */
function instance(seed: number, n: number, m: number) {
  const rnd = mulberry32(seed);
  const cx = Array.from({ length: n }, rnd), cy = Array.from({ length: n }, rnd);
  const fx = Array.from({ length: m }, rnd), fy = Array.from({ length: m }, rnd);
  const f: number[] = [], c: number[] = [], cost: number[] = [];
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) { f.push(j); c.push(i); cost.push(Math.round(100 * Math.hypot(cx[i] - fx[j], cy[i] - fy[j]))); }
  const w = Array.from({ length: n }, () => 1 + Math.floor(rnd() * 20));
  return { f, c, cost, w, n, m };
}

function* subsets(m: number, k: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) { yield acc.slice(); return; }
  for (let j = from; j < m; j++) { acc.push(j); yield* subsets(m, k, j + 1, acc); acc.pop(); }
}

const coveredWeight = (s: CoverSets, w: number[], open: number[]) => {
  const cov = new Uint8Array(s.clientCount);
  for (const j of open) for (let k = s.offsets[j]; k < s.offsets[j + 1]; k++) cov[s.clients[k]] = 1;
  return w.reduce((a, x, i) => a + (cov[i] ? x : 0), 0);
};
const medianCost = (s: CoverSets, w: number[], open: number[], M: number) => {
  const cur = new Float64Array(s.clientCount).fill(M);
  for (const j of open) for (let k = s.offsets[j]; k < s.offsets[j + 1]; k++) cur[s.clients[k]] = Math.min(cur[s.clients[k]], s.costs![k]);
  return w.reduce((a, x, i) => a + x * cur[i], 0);
};

describe('location models against brute force on small random instances', () => {
  it('MCLP: exact (HiGHS) equals brute force; greedy ≥ (1 − 1/e) of it; lazy greedy equals plain greedy', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const I = instance(seed, 40, 12);
      const sets = coverSetsFrom(I.n, I.m, I.f, I.c, I.cost, 25);
      const fixed = seed % 3 === 0 ? [seed % I.m] : [];
      for (const p of [1, 2, 3]) {
        let best = -1;
        for (const S of subsets(I.m, p)) if (!S.some((j) => fixed.includes(j))) best = Math.max(best, coveredWeight(sets, I.w, [...fixed, ...S]));
        const exact = mclpExact(sets, I.w, p, fixed, highs)!;
        expect(exact.method).toBe('exact');
        expect(exact.covered_weight, `seed ${seed} p ${p}`).toBeCloseTo(best, 9);
        expect(coveredWeight(sets, I.w, [...fixed, ...exact.chosen])).toBeCloseTo(best, 9);
        const lazy = mclpGreedy(sets, I.w, p, fixed, { lazy: true });
        const plain = mclpGreedy(sets, I.w, p, fixed, { lazy: false });
        expect(lazy.chosen).toEqual(plain.chosen);
        expect(lazy.gains).toEqual(plain.gains);
        expect(lazy.covered_weight).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9);
        expect(lazy.bound.optimum_bound!).toBeGreaterThanOrEqual(best - 1e-9);
        expect(lazy.evaluations).toBeLessThanOrEqual(plain.evaluations + I.m);
        // gains add up to the weight the new sites cover
        expect(lazy.gains.reduce((a, b) => a + b, 0)).toBeCloseTo(lazy.covered_weight - coveredWeight(sets, I.w, fixed), 9);
      }
    }
  });

  it('LSCP: exact equals the brute-force minimum; greedy within H(d) of it; lazy equals plain', () => {
    for (let seed = 20; seed < 30; seed++) {
      const I = instance(seed, 30, 10);
      const sets = coverSetsFrom(I.n, I.m, I.f, I.c, I.cost, 35);
      const coverable = new Set(sets.clients);
      let min = Infinity;
      for (let k = 0; k <= I.m && min === Infinity; k++) for (const S of subsets(I.m, k)) {
        const cov = new Set<number>();
        for (const j of S) for (let q = sets.offsets[j]; q < sets.offsets[j + 1]; q++) cov.add(sets.clients[q]);
        if (cov.size === coverable.size) { min = k; break; }
      }
      const exact = lscpExact(sets, [], highs)!;
      expect(exact.objective, `seed ${seed}`).toBe(min);
      expect(exact.covered_count).toBe(coverable.size);
      const lazy = lscpGreedy(sets), plain = lscpGreedy(sets, [], { lazy: false });
      expect(lazy.chosen).toEqual(plain.chosen);
      expect(lazy.covered_count).toBe(coverable.size);
      expect(lazy.objective).toBeGreaterThanOrEqual(min);
      expect(lazy.bound.optimum_bound!).toBeLessThanOrEqual(min);
    }
  });

  it('p-median: exact equals brute force; lazy equals plain; greedy saving ≥ (1 − 1/e) of the optimum saving', () => {
    for (let seed = 40; seed < 48; seed++) {
      const I = instance(seed, 25, 9);
      const sets = coverSetsFrom(I.n, I.m, I.f, I.c, I.cost, 60);
      const M = 200;
      const fixed = seed % 2 ? [0] : [];
      for (const p of [1, 2]) {
        let best = Infinity;
        for (const S of subsets(I.m, p)) if (!S.some((j) => fixed.includes(j))) best = Math.min(best, medianCost(sets, I.w, [...fixed, ...S], M));
        const exact = pmedianExact(sets, I.w, p, fixed, highs, { unreachable_cost: M })!;
        expect(exact.objective, `seed ${seed} p ${p}`).toBeCloseTo(best, 6);
        const lazy = pmedianGreedy(sets, I.w, p, fixed, { unreachable_cost: M });
        const plain = pmedianGreedy(sets, I.w, p, fixed, { unreachable_cost: M, lazy: false });
        expect(lazy.chosen).toEqual(plain.chosen);
        const base = medianCost(sets, I.w, fixed, M);
        expect(base - lazy.objective).toBeGreaterThanOrEqual((1 - 1 / Math.E) * (base - best) - 1e-9);
        expect(lazy.bound.optimum_bound!).toBeLessThanOrEqual(best + 1e-9);
        expect(lazy.mean_cost).toBeCloseTo(lazy.objective / I.w.reduce((a, b) => a + b, 0), 9);
      }
    }
  });

  it('rejects bad input and says what was wrong', () => {
    expect(() => coverSetsFrom(2, 2, [0], [5], [1])).toThrow(/out of range/);
    expect(() => coverSetsFrom(2, 2, [0], [1], [-1])).toThrow(/≥ 0/);
    const sets = coverSetsFrom(2, 2, [0, 1], [0, 1], [1, 1]);
    expect(() => mclpGreedy(sets, [1], 1)).toThrow(/weights/);
    expect(() => mclpGreedy(sets, [1, 1], 1, [7])).toThrow(/fixed/);
  });
});
