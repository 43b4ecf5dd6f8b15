import { describe, it, expect } from 'vitest';
import { centralValue, centralValues, drawFrom, monteCarlo, oneAtATime, percentile, spearman, type UncertainParam } from '../../../layers/core/monte-carlo.ts';

const PARAMS: UncertainParam[] = [
  { name: 'a', distribution: { dist: 'triangular', min: 0.5, mode: 1, max: 1.5 }, source: 'test', unverified: false },
  { name: 'b', distribution: { dist: 'uniform', min: 0.9, max: 1.1 }, source: 'test', unverified: false },
];
const model = (x: Readonly<Record<string, number>>) => ({ y: 100 * x.a! + 10 * x.b! });

describe('percentile (type 7: h = (n − 1)·p/100, linear between order statistics)', () => {
  it('hand-checked values', () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5], 5)).toBeCloseTo(1.2, 12); // h = 0.2
    expect(percentile([1, 2, 3, 4], 25)).toBeCloseTo(1.75, 12); // h = 0.75
    expect(percentile([10, 20, 30, 40, 50], 90)).toBeCloseTo(46, 12); // h = 3.6 → 40 + 0.6·10
    expect(percentile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40, 50], 100)).toBe(50);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('spearman (average ranks for ties)', () => {
  it('hand-checked values', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 1000])).toBeCloseTo(1, 12); // monotone, not linear
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // ranks x = [1, 2.5, 2.5, 4], y = [1, 3, 2, 4]: Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5 → 4.5/√22.5 = 3/√10
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(spearman([5, 5, 5], [1, 2, 3])).toBe(0); // constant side
  });
});

describe('distributions', () => {
  it('inverse CDFs and central values', () => {
    const tri = { dist: 'triangular' as const, min: 0, mode: 1, max: 4 };
    expect(drawFrom(tri, 0)).toBe(0);
    expect(drawFrom(tri, 0.25)).toBeCloseTo(1, 12); // F(mode) = (1 − 0)/(4 − 0) = 0.25
    expect(drawFrom(tri, 0.5)).toBeCloseTo(4 - Math.sqrt(6), 12); // 4 − √(0.5·4·3)
    expect(drawFrom({ dist: 'uniform', min: 2, max: 6 }, 0.25)).toBe(3);
    expect(drawFrom({ dist: 'triangular', min: 3, mode: 3, max: 3 }, 0.7)).toBe(3);
    expect(centralValue(tri)).toBe(1);
    expect(centralValue({ dist: 'uniform', min: 2, max: 6 })).toBe(4);
    expect(centralValues(PARAMS)).toEqual({ a: 1, b: 1 });
  });
});

describe('Monte Carlo driver', () => {
  it('same seed → identical result; different seed → different draws', () => {
    const x = monteCarlo(model, PARAMS, { runs: 400, seed: 7 });
    expect(monteCarlo(model, PARAMS, { runs: 400, seed: 7 })).toEqual(x);
    expect(monteCarlo(model, PARAMS, { runs: 400, seed: 8 }).outputs.y.p50).not.toBe(x.outputs.y.p50);
    expect(x.runs).toBe(400);
    expect(x.seed).toBe(7);
  });

  it('percentiles bracket the central value and the dominant parameter is found', () => {
    const r = monteCarlo(model, PARAMS, { runs: 2000, seed: 1 });
    // central: 100·1 + 10·1 = 110; a spans 50–150, b only 9–11
    expect(r.outputs.y.p5).toBeLessThan(110);
    expect(r.outputs.y.p95).toBeGreaterThan(110);
    expect(r.outputs.y.p50).toBeCloseTo(110, -1);
    expect(r.outputs.y.mean).toBeCloseTo(110, -1);
    expect(r.sensitivity.y[0]!.name).toBe('a');
    expect(r.sensitivity.y[0]!.rank_correlation).toBeGreaterThan(0.9);
    expect(oneAtATime((x) => model(x).y, PARAMS)).toEqual([
      { name: 'a', low: 60, high: 160, swing: 100 },
      { name: 'b', low: 109, high: 111, swing: 2 },
    ]);
  });

  it('a constant model has a zero-width range and no rank correlation', () => {
    const r = monteCarlo(() => ({ y: 5 }), PARAMS, { runs: 10, seed: 3 });
    expect(r.outputs.y).toEqual({ p5: 5, p50: 5, p95: 5, mean: 5 });
    expect(r.sensitivity.y.map((s) => s.rank_correlation)).toEqual([0, 0]);
  });

  it('refuses fewer than 2 runs', () => {
    expect(() => monteCarlo(model, PARAMS, { runs: 1, seed: 1 })).toThrow(RangeError);
  });
});
