import { describe, expect, it } from 'vitest';
import { interleaveScores, normaliseWeights, reweight, suitabilityAt, suitabilityClass } from '../../../layers/siting/suitability.ts';
import { findZones, supplyCurve } from '../../../layers/siting/zones.ts';
import { rankRobustness } from '../../../layers/siting/robustness.ts';
import { mulberry32 } from '../../../layers/core/random.ts';

describe('S = Σ w_i x_i · Π c_j', () => {
  it('reweight equals the formula cell by cell (bytes: 255 = 1), for 8 and for 3 criteria', () => {
    const rand = mulberry32(7);
    for (const K of [8, 3]) {
      const N = 500;
      const crit = Array.from({ length: K }, (_, k) => `c${k}`);
      const scores = crit.map(() => Uint8Array.from({ length: N }, () => Math.floor(rand() * 256)));
      const mask = Uint8Array.from({ length: N }, (_, i) => (i % 5 === 0 ? 0 : i % 5 === 1 ? 128 : 255));
      const w = normaliseWeights(crit.map(() => rand()));
      const st = interleaveScores(crit, scores);
      const s = reweight(st, w, mask);
      for (let i = 0; i < N; i++) {
        const exact = suitabilityAt(scores.map((a) => a[i] / 255), w, mask[i] / 255);
        expect(Math.abs(s[i] / 255 - exact)).toBeLessThanOrEqual(0.5 / 255 + 1e-12);
      }
    }
  });
  it('an excluded cell (mask 0) is 0 whatever its scores', () => {
    const st = interleaveScores(['a', 'b'], [Uint8Array.of(255), Uint8Array.of(255)]);
    expect(reweight(st, [0.5, 0.5], Uint8Array.of(0))[0]).toBe(0);
    expect(reweight(st, [0.5, 0.5], Uint8Array.of(255))[0]).toBe(255);
  });
  it('normalises weights and refuses negative ones or a zero sum', () => {
    expect(normaliseWeights([1, 3])).toEqual([0.25, 0.75]);
    expect(() => normaliseWeights([1, -1])).toThrow(/≥ 0/);
    expect(() => normaliseWeights([0, 0])).toThrow(/above 0/);
  });
  it('classes by S', () => {
    expect([0.8, 0.7, 0.5, 0.1].map((s) => suitabilityClass(s).key)).toEqual(['most', 'suitable', 'moderate', 'low']);
  });
});

describe('zones, supply curve and robustness', () => {
  // 6 × 3 grid, two patches of S ≥ 0.5: left (3 cells, S 1.0) and right (4 cells, S 0.6), one lone cell too small
  const W = 6, H = 3;
  const S = Uint8Array.from([
    255, 255, 0, 0, 153, 153,
    255, 0, 0, 0, 153, 153,
    0, 0, 128, 0, 0, 0,
  ]);
  const mask = Uint8Array.from(S, (v) => (v ? 255 : 0));
  const a = Uint8Array.from(S); // criterion a = S, b = 1 − S on the patches
  const b = Uint8Array.from(S, (v) => (v ? 255 - v : 0));
  const st = interleaveScores(['a', 'b'], [a, b]);
  const o = { width: W, height: H, min_s: 0.5, min_cells: 2, contiguity: 'rook' as const, cell_area_km2: 0.0009, density_mw_per_km2: 36 };
  it('finds contiguous zones ≥ min area, ranked by mean S, with capacity = usable area × density', () => {
    const { zones, total } = findZones(S, mask, st, o);
    expect(total).toBe(2);
    expect(zones.map((z) => [z.rank, z.cells, +z.mean_s.toFixed(3)])).toEqual([[1, 3, 1], [2, 4, 0.6]]);
    expect(zones[1].capacity_mw).toBeCloseTo(4 * 0.0009 * 36, 12);
    expect(zones[0].bbox).toEqual([0, 0, 1, 1]);
    expect(zones[1].criterion_means[0]).toBeCloseTo(0.6, 12);
    const curve = supplyCurve(zones, (z) => z.mean_s);
    expect(curve.map((p) => +p.cumulative_mw.toFixed(4))).toEqual([+(3 * 0.0324).toFixed(4), +(7 * 0.0324).toFixed(4)]);
  });
  it('robustness: a zone that wins on criterion a loses the top spot when b gets the weight; seeded runs repeat', () => {
    const { zones } = findZones(S, mask, st, o);
    const means = zones.map((z) => z.criterion_means);
    const firm = rankRobustness(means, [0.9, 0.1], { perturbation: 0.2, runs: 200, top_n: 1, seed: 1 });
    expect(firm.top_n_share).toEqual([1, 0]);
    // near the tie (zone 1: 1.0·w_a; zone 2: 0.6·w_a + 0.4·w_b — equal at w_a = 0.5) ±20 % flips it often
    const shaky = rankRobustness(means, [0.5, 0.5], { perturbation: 0.2, runs: 400, top_n: 1, seed: 1 });
    expect(shaky.top_n_share[0]).toBeGreaterThan(0.3);
    expect(shaky.top_n_share[0]).toBeLessThan(0.7);
    expect(shaky.top_n_share[0] + shaky.top_n_share[1]).toBeCloseTo(1, 12);
    expect(rankRobustness(means, [0.5, 0.5], { perturbation: 0.2, runs: 400, top_n: 1, seed: 1 })).toEqual(shaky);
  });
});
