import { describe, it, expect } from 'vitest';
import { CO2E_PER_C, M2_PER_HA, MU_PER_HA, ha_to_mu, sumPrecise, tC_to_tCO2e, tCO2e_to_tC } from '../../../layers/core/units.ts';

describe('units and conversions', () => {
  it('hand-checked values', () => {
    expect(CO2E_PER_C).toBe(44 / 12);
    expect(tC_to_tCO2e(12)).toBeCloseTo(44, 12);
    expect(tCO2e_to_tC(44)).toBeCloseTo(12, 12);
    expect(tCO2e_to_tC(tC_to_tCO2e(7.3))).toBeCloseTo(7.3, 12);
    expect(ha_to_mu(2)).toBe(30);
    expect(MU_PER_HA).toBe(15);
    expect(M2_PER_HA).toBe(10_000);
  });

  it('sumPrecise compensates rounding where a plain sum loses it', () => {
    const tenths = new Array<number>(10).fill(0.1);
    expect(tenths.reduce((s, v) => s + v, 0)).toBe(0.9999999999999999);
    expect(sumPrecise(tenths)).toBe(1);
    expect([1e16, 1, -1e16].reduce((s, v) => s + v, 0)).toBe(0);
    expect(sumPrecise([1e16, 1, -1e16])).toBe(1);
    expect(sumPrecise([])).toBe(0);
    expect(sumPrecise(new Set([1, 2, 3]))).toBe(6);
  });
});
