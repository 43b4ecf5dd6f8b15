import { describe, expect, it } from 'vitest';
import { iamAshrae, iamPhysical } from '../../../layers/solar/iam.ts';
import { SolarInputError } from '../../../layers/solar/errors.ts';

describe('iamPhysical', () => {
  it('iam.physical(45) = 0.98797788 (n 1.526, K 4, L 0.002; reference §7)', () => {
    expect(iamPhysical(45)).toBeCloseTo(0.98797788, 8);
  });

  it('is 1 at normal incidence, falls with the angle, 0 at and beyond 90°', () => {
    expect(iamPhysical(0)).toBeCloseTo(1, 14);
    const values = [0, 20, 40, 60, 80, 89].map((a) => iamPhysical(a));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
    expect(iamPhysical(90)).toBe(0);
    expect(iamPhysical(120)).toBe(0);
    expect(iamPhysical(-30)).toBe(iamPhysical(30));
  });

  it('with n = 1 only absorption remains: exp(−KL/cos θ) / exp(−KL)', () => {
    const kl = 4 * 0.002;
    expect(iamPhysical(60, 1)).toBeCloseTo(Math.exp(-kl / 0.5) / Math.exp(-kl), 12);
    expect(iamPhysical(95, 1)).toBe(0);
  });

  it('Fresnel only (K = 0) at 60°, hand-derived', () => {
    const n = 1.5;
    const c1 = 0.5;
    const s2 = Math.sin(Math.PI / 3) / n;
    const c2 = Math.sqrt(1 - s2 * s2);
    const rs = ((c1 - n * c2) / (c1 + n * c2)) ** 2;
    const rp = ((c2 - n * c1) / (c2 + n * c1)) ** 2;
    const r0 = ((1 - n) / (1 + n)) ** 2;
    expect(iamPhysical(60, n, 0, 0)).toBeCloseTo((1 - (rs + rp) / 2) / (1 - r0), 12);
  });

  it('refuses n < 1, negative K or L and non-finite input', () => {
    expect(() => iamPhysical(30, 0.9)).toThrow(SolarInputError);
    expect(() => iamPhysical(30, 1.5, -1)).toThrow(SolarInputError);
    expect(() => iamPhysical(30, 1.5, 4, -0.001)).toThrow(SolarInputError);
    expect(() => iamPhysical(Number.NaN)).toThrow(SolarInputError);
  });
});

describe('iamAshrae', () => {
  it('iam.ashrae(45, 0.05) = 0.97928932 (reference §7)', () => {
    expect(iamAshrae(45, 0.05)).toBeCloseTo(0.97928932, 8);
    expect(iamAshrae(45)).toBe(iamAshrae(45, 0.05));
  });
  it('is 1 at 0°, 0 where 1 − b(sec θ − 1) goes negative and at |aoi| ≥ 90°', () => {
    expect(iamAshrae(0)).toBe(1);
    expect(iamAshrae(60)).toBeCloseTo(0.95, 12);
    // 1 − 0.05 (sec θ − 1) < 0 for sec θ > 21, θ > 87.27°
    expect(iamAshrae(88)).toBe(0);
    expect(iamAshrae(90)).toBe(0);
    expect(iamAshrae(-91)).toBe(0);
  });
  it('refuses non-finite input', () => {
    expect(() => iamAshrae(Number.POSITIVE_INFINITY)).toThrow(SolarInputError);
    expect(() => iamAshrae(30, Number.NaN)).toThrow(SolarInputError);
  });
});
