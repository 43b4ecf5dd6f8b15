import { describe, it, expect } from 'vitest';
import { DEFAULT_CARBON_TABLES, analyseParcelCarbon } from '../../../layers/carbon/parcel.ts';
import { IPCC_FALLBACK, STAND_PARAMS, STAND_SPECIES_GROUPS, ipccRootShoot, standBiomass, carbonFromAboveBiomass } from '../../../layers/carbon/stand.ts';

describe('stand route C = V·SVD·BEF·(1+R)·CF', () => {
  it('Chinese fir worked example: V = 100 m³/ha → 62.5 t dm, 32.5 t C, 119.2 t CO2e per ha', () => {
    // above = 100 × 0.307 × 1.634 = 50.1638 t dm; below = 50.1638 × 0.246 = 12.3403 t dm
    // total = 62.5041 t dm × 0.520 = 32.5021 t C × 44/12 = 119.1745 t CO2e
    const b = standBiomass(100, 'chinese_fir');
    expect(b.above_t_dm_per_ha).toBeCloseTo(50.1638, 4);
    expect(b.total_t_dm_per_ha).toBeCloseTo(62.5041, 4);
    expect(b.total_t_dm_per_ha.toFixed(1)).toBe('62.5');
    expect(b.total_tC_per_ha.toFixed(1)).toBe('32.5');
    expect(b.total_tCO2e_per_ha.toFixed(1)).toBe('119.2');
    expect(b.route).toBe('species_table');
  });

  it('Masson pine hand check: V = 50 → 50·0.380·1.472·1.187·0.460 = 15.272 t C/ha', () => {
    // 50 × 0.38 = 19; × 1.472 = 27.968 t dm above; × 1.187 = 33.198 t dm; × 0.46 = 15.271 t C
    expect(standBiomass(50, 'masson_pine').total_tC_per_ha).toBeCloseTo(15.2713, 3);
  });

  it('table covers the ten species groups; every row cites its source and says whether it is verified', () => {
    expect(Object.keys(STAND_PARAMS).sort()).toEqual([...STAND_SPECIES_GROUPS].sort());
    for (const p of Object.values(STAND_PARAMS)) {
      expect(typeof p.unverified).toBe('boolean');
      expect(p.source).toMatch(/省级温室气体清单编制指南/);
    }
  });

  it('a parcel result names exactly the stand rows flagged unverified, and stops naming a row once it is verified', () => {
    // A row may be verified one day (checked against the 2011 guide): the result must then stop
    // warning about it, and keep warning about every row still flagged.
    const standRowsNamed = (stand: typeof STAND_PARAMS) => {
      const inventory = { area_ha: 1, landcover: [{ code: 8, area_ha: 1 }], stands: [], wetlands: [] };
      const r = analyseParcelCarbon(inventory, { monte_carlo_runs: 2, seed: 1 }, { ...DEFAULT_CARBON_TABLES, stand });
      const warning = r.warnings.find((w) => w.code === 'unverified_parameters');
      const names = warning ? warning.en.slice(warning.en.indexOf(': ') + 2).split(', ') : [];
      return names.filter((n) => n.startsWith('stand.'));
    };
    const flagged = (stand: typeof STAND_PARAMS) =>
      Object.entries(stand)
        .filter(([, row]) => row.unverified)
        .map(([group]) => `stand.${group}`);
    expect(standRowsNamed(STAND_PARAMS)).toEqual(flagged(STAND_PARAMS));

    const firChecked = { ...STAND_PARAMS, chinese_fir: { ...STAND_PARAMS.chinese_fir!, source: '省级温室气体清单编制指南 2011, checked', unverified: false } };
    expect(standRowsNamed(firChecked)).toEqual(flagged(firChecked));
    expect(standRowsNamed(firChecked)).not.toContain('stand.chinese_fir');

    const allChecked = Object.fromEntries(Object.entries(STAND_PARAMS).map(([group, row]) => [group, { ...row, unverified: false }]));
    expect(standRowsNamed(allChecked)).toEqual([]);
  });

  it('unknown species → IPCC fallback: CF 0.47, R 0.20 below 125 t dm/ha, 0.24 above', () => {
    expect(ipccRootShoot(124.9)).toBe(0.2);
    expect(ipccRootShoot(125)).toBe(0.24);
    // V = 100 with mixed conifer-broadleaf SVD·BEF: above = 100·0.486·1.656 = 80.4816 t dm (< 125 → R 0.20)
    // C = 80.4816 × 1.20 × 0.47 = 45.3916 t C/ha
    const b = standBiomass(100, 'eucalyptus');
    expect(b.route).toBe('ipcc_fallback');
    expect(b.params.cf).toBe(IPCC_FALLBACK.cf);
    expect(b.total_tC_per_ha).toBeCloseTo(45.3916, 3);
    // 200 t dm above → 200 × 1.24 × 0.47 = 116.56 t C
    expect(carbonFromAboveBiomass(200)).toBeCloseTo(116.56, 10);
  });

  it('params are overridable (e.g. GB/T 43648-2024 values supplied by a user)', () => {
    const custom = { ...STAND_PARAMS, chinese_fir: { ...STAND_PARAMS.chinese_fir!, cf: 0.5, source: 'user', unverified: false } };
    expect(standBiomass(100, 'chinese_fir', custom).total_tC_per_ha).toBeCloseTo(62.5041 * 0.5, 3);
  });

  it('rejects negative or non-finite volume', () => {
    expect(() => standBiomass(-1, 'chinese_fir')).toThrow(RangeError);
    expect(() => standBiomass(NaN, 'chinese_fir')).toThrow(RangeError);
  });
});
