import { describe, it, expect } from 'vitest';
import { BAMBOO_PARAMS, bambooFallbackCarbon, bambooStandCarbon, culmBiomass_kg, managedBambooSink } from '../../../layers/carbon/bamboo.ts';

describe('moso bamboo culm allometry (Zhou 2006)', () => {
  it('D = 10 cm → about 13–14 kg for A = 1–4 度', () => {
    // 10^2.771 = 590.2; A=1: (0.148/1.028)^5.555 = 2.107e-5 → 747.787·590.2·2.107e-5 + 3.772 = 13.08 kg
    // A=4: (0.592/4.028)^5.555 = 2.367e-5 → 10.44 + 3.772 = 14.21 kg (carbon.md rounds to "13–14")
    const m = [1, 2, 3, 4].map((a) => culmBiomass_kg(10, a));
    expect(m[0]).toBeCloseTo(13.082, 2);
    expect(m[3]).toBeCloseTo(14.213, 2);
    for (const v of m) {
      expect(v).toBeGreaterThan(13);
      expect(v).toBeLessThan(14.25);
    }
    // increases with age and with DBH
    expect(m[1]!).toBeGreaterThan(m[0]!);
    expect(culmBiomass_kg(12, 2)).toBeGreaterThan(m[1]!);
  });

  it('rejects non-positive DBH or age', () => {
    expect(() => culmBiomass_kg(0, 1)).toThrow(RangeError);
    expect(() => culmBiomass_kg(10, 0)).toThrow(RangeError);
  });

  it('stand carbon = N · mean M · (1+R) · CF', () => {
    // mean over 1–3 度 at D=10: (13.0822 + 13.8191 + 14.0799)/3 = 13.6604 kg
    // 3000 culms → 40.981 t dm; × 0.5 = 20.491 t C above; × 0.5 → 10.245 below; total 30.736 t C/ha
    const s = bambooStandCarbon(3000, 10);
    expect(s.above_t_dm_per_ha).toBeCloseTo(40.981, 2);
    expect(s.above_tC_per_ha).toBeCloseTo(20.491, 2);
    expect(s.total_tC_per_ha).toBeCloseTo(30.736, 2);
    expect(s.route).toBe('culm_allometry');
  });

  it('fallback and managed sink use the documented parameters', () => {
    const f = bambooFallbackCarbon();
    expect(f.total_tC_per_ha).toBe(70);
    expect(f.above_tC_per_ha + f.below_tC_per_ha).toBeCloseTo(70, 12);
    expect(f.above_tC_per_ha / f.below_tC_per_ha).toBeCloseTo(2, 12);
    expect(managedBambooSink().sink_tC_per_ha_yr).toBe(0.54);
    // overridable: 30 % of 6.74 t C/ha/yr harvest kept in products → 0.54 + 2.022 = 2.562
    const p = { ...BAMBOO_PARAMS, product_retention_fraction: { ...BAMBOO_PARAMS.product_retention_fraction, value: 0.3 } };
    expect(managedBambooSink(p).sink_tC_per_ha_yr).toBeCloseTo(2.562, 10);
  });
});
