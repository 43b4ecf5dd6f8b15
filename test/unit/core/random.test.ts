import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../../../layers/core/random.ts';

/** The first outputs as 32-bit integers (u × 2³²). */
const firstInts = (seed: number, n: number) => {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => rng() * 4294967296);
};

describe('mulberry32', () => {
  it('gives the reference sequence (uint32 transcription of Ettinger’s C mulberry32)', () => {
    // Reference computed independently with Python integers masked to 32 bits:
    //   z = (s += 0x6D2B79F5); z = (z ^ z>>15)·(z | 1); z ^= z + (z ^ z>>7)·(z | 61); z ^ z>>14
    expect(firstInts(0, 3)).toEqual([1144304738, 1416247, 958946056]);
    expect(firstInts(42, 3)).toEqual([2581720956, 1925393290, 3661312704]);
    // the carbon analysis' default seed
    expect(firstInts(20240901, 3)).toEqual([2427989250, 2351920578, 3267794978]);
    expect(mulberry32(42)()).toBe(2581720956 / 4294967296); // 0.6011037519201636
  });

  it('is deterministic, in [0, 1), and takes the seed modulo 2³²', () => {
    const a = firstInts(7, 1000);
    expect(firstInts(7, 1000)).toEqual(a);
    expect(a.every((v) => Number.isInteger(v) && v >= 0 && v < 4294967296)).toBe(true);
    expect(firstInts(42 + 4294967296, 3)).toEqual(firstInts(42, 3));
    expect(firstInts(-1, 3)).toEqual(firstInts(4294967295, 3));
    expect(firstInts(43, 1)).not.toEqual(firstInts(42, 1));
  });

  it('is close to uniform: mean ≈ 0.5 and each tenth holds ≈ 10 % of 100 000 draws', () => {
    const rng = mulberry32(1);
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng();
      sum += u;
      bins[Math.floor(u * 10)]!++;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    // binomial sd of a bin count = √(10⁵·0.1·0.9) ≈ 95; 5 sd = 475
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(475);
  });
});
