import { describe, it, expect } from 'vitest';
import { drawFrom, monteCarlo, mulberry32, oneAtATime, percentile, spearman, type UncertainParam } from '../../../layers/carbon/uncertainty.ts';

const PARAMS: UncertainParam[] = [
  { name: 'a', distribution: { dist: 'triangular', min: 0.5, mode: 1, max: 1.5 }, source: 'test', unverified: false },
  { name: 'b', distribution: { dist: 'uniform', min: 0.9, max: 1.1 }, source: 'test', unverified: false },
];
const model = (x: Readonly<Record<string, number>>) => ({ y: 100 * x.a! + 10 * x.b! });

describe('Monte Carlo', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const r1 = mulberry32(42);
    const r2 = mulberry32(42);
    const a = Array.from({ length: 1000 }, () => r1());
    const b = Array.from({ length: 1000 }, () => r2());
    expect(a).toEqual(b);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(a[0]);
  });

  it('same seed → identical result; different seed → different draws', () => {
    const x = monteCarlo(model, PARAMS, { runs: 400, seed: 7 });
    const y = monteCarlo(model, PARAMS, { runs: 400, seed: 7 });
    expect(y).toEqual(x);
    expect(monteCarlo(model, PARAMS, { runs: 400, seed: 8 }).outputs.y.p50).not.toBe(x.outputs.y.p50);
  });

  it('percentiles bracket the central value and the dominant parameter is found', () => {
    const r = monteCarlo(model, PARAMS, { runs: 2000, seed: 1 });
    // central: 100·1 + 10·1 = 110; a spans 50–150, b only 9–11
    expect(r.outputs.y.p5).toBeLessThan(110);
    expect(r.outputs.y.p95).toBeGreaterThan(110);
    expect(r.outputs.y.p50).toBeCloseTo(110, -1);
    expect(r.sensitivity.y[0]!.name).toBe('a');
    expect(r.sensitivity.y[0]!.rank_correlation).toBeGreaterThan(0.9);
    const oat = oneAtATime((x) => model(x).y, PARAMS);
    expect(oat[0]).toEqual({ name: 'a', low: 60, high: 160, swing: 100 });
  });

  it('helpers: percentile type 7, Spearman, triangular inverse CDF', () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5], 5)).toBeCloseTo(1.2, 12);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 1000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    const tri = { dist: 'triangular' as const, min: 0, mode: 1, max: 4 };
    expect(drawFrom(tri, 0)).toBe(0);
    expect(drawFrom(tri, 0.25)).toBeCloseTo(1, 12); // F(mode) = (1 − 0)/(4 − 0) = 0.25
    expect(() => monteCarlo(model, PARAMS, { runs: 1, seed: 1 })).toThrow(RangeError);
  });
});
