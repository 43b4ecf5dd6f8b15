import { describe, expect, it } from 'vitest';
import {
  CLASS_ROUTING,
  DEFAULT_STAND_CARBON_TABLES,
  classDefaultPerHa,
  siteClassFor,
  standPerHa,
  type StandAttributes,
} from '../../../layers/carbon/stand-carbon.ts';
import { DEFAULT_CARBON_TABLES } from '../../../layers/carbon/parcel.ts';
import { MissingLucodeError } from '../../../layers/carbon/pools.ts';
import { richardsVolume } from '../../../layers/carbon/growth.ts';

const arbor = (over: Partial<StandAttributes>): StandAttributes => ({
  species_group: 'chinese_fir',
  forest_type: 'arbor',
  age_yr: null,
  site_class: null,
  volume_m3_per_ha: null,
  culm_density_per_ha: null,
  mean_dbh_cm: null,
  ...over,
});
const C_PER_M3_FIR = 0.307 * 1.634 * 1.246 * 0.52; // t C per m³ of Chinese fir stem volume

describe('standPerHa (shared by parcel.ts and the carbon layer builder)', () => {
  it('arbor: V·SVD·BEF·(1+R)·CF and C(t+1) − C(t) on the calibrated curve', () => {
    const v = standPerHa(arbor({ volume_m3_per_ha: 100, age_yr: 20, site_class: 2 }));
    expect(v.route).toBe('stand_table');
    expect(v.above_tC_per_ha).toBeCloseTo(26.085176, 5); // 100 · 0.307 · 1.634 · 0.52
    expect(v.below_tC_per_ha).toBeCloseTo(6.416953, 5);
    const fir = { a_m3_per_ha: 300, k_per_yr: 0.06, c: 2 };
    const dV = 100 * (richardsVolume(fir, 21) / richardsVolume(fir, 20) - 1);
    expect(v.sink_tC_per_ha_yr).toBeCloseTo(dV * C_PER_M3_FIR, 9);
    expect(v.sink_tCO2e_per_ha_yr).toBeCloseTo((v.sink_tC_per_ha_yr * 44) / 12, 12);
    expect(v.gain_tC_per_ha(1)).toBe(v.sink_tC_per_ha_yr);
    expect(v.gain_tC_per_ha(0)).toBe(0);
    expect(v.volume_m3_per_ha).toBeCloseTo(100, 9);
    expect(v.notes).toEqual([]);
  });

  it('fits a stand once per record and growth table, and again when either changes', () => {
    const rec = arbor({ volume_m3_per_ha: 100, age_yr: 20, site_class: 2 });
    const first = standPerHa(rec);
    expect(standPerHa(rec).sink_tC_per_ha_yr).toBe(first.sink_tC_per_ha_yr);
    rec.age_yr = 40; // the same record with other attributes: refitted, as a fresh record would be
    expect(standPerHa(rec).sink_tC_per_ha_yr).toBe(standPerHa(arbor({ volume_m3_per_ha: 100, age_yr: 40, site_class: 2 })).sink_tC_per_ha_yr);
    expect(standPerHa(rec).sink_tC_per_ha_yr).not.toBe(first.sink_tC_per_ha_yr);
    const growth = DEFAULT_STAND_CARBON_TABLES.growth.map((r) => (r.species_group === 'chinese_fir' ? { ...r, k_per_yr: r.k_per_yr * 2 } : r));
    const faster = standPerHa(rec, { ...DEFAULT_STAND_CARBON_TABLES, growth });
    expect(faster.sink_tC_per_ha_yr).not.toBe(standPerHa(rec).sink_tC_per_ha_yr);
  });

  it('notes the defaults and fallbacks a stand needed', () => {
    expect(standPerHa(arbor({ species_group: 'eucalyptus', age_yr: 8 })).notes).toEqual([
      'stand_species_fallback',
      'site_class_default',
      'stand_volume_from_age',
      'stand_growth_fallback',
    ]);
    expect(standPerHa(arbor({ species_group: 'eucalyptus', age_yr: 8 })).route).toBe('stand_ipcc_fallback');
    const near = standPerHa(arbor({ volume_m3_per_ha: 80, site_class: 5 }));
    expect([near.site_class, near.notes]).toEqual([3, ['site_class_nearest']]);
    expect(siteClassFor('chinese_fir', 5)).toEqual({ site: 3, note: 'nearest' });
  });

  it('class_pools for shrub and for arbor without volume and age (zeros: the class pools apply)', () => {
    for (const s of [arbor({}), arbor({ forest_type: 'shrub', species_group: 'shrub' })]) {
      const v = standPerHa(s);
      expect(v.route).toBe('class_pools');
      expect([v.above_tC_per_ha, v.below_tC_per_ha, v.sink_tC_per_ha_yr, v.gain_tC_per_ha(10)]).toEqual([0, 0, 0, 0]);
    }
    expect(standPerHa(arbor({})).notes).toEqual(['stand_no_volume_or_age']);
  });

  it('bamboo: culm allometry or stand fallback, managed sink 0.54 t C/ha/yr', () => {
    const b = standPerHa(arbor({ forest_type: 'bamboo', species_group: 'moso_bamboo', culm_density_per_ha: 3000, mean_dbh_cm: 10 }));
    expect(b.route).toBe('bamboo_allometry');
    expect(b.above_tC_per_ha + b.below_tC_per_ha).toBeCloseTo(30.736, 2);
    expect(b.sink_tC_per_ha_yr).toBeCloseTo(0.54, 12);
    const fb = standPerHa(arbor({ forest_type: 'bamboo', species_group: 'moso_bamboo', mean_dbh_cm: 0, culm_density_per_ha: 3000 }));
    expect([fb.route, fb.notes]).toEqual(['bamboo_fallback', ['bamboo_fallback']]);
    expect(fb.above_tC_per_ha + fb.below_tC_per_ha).toBeCloseTo(70, 9);
  });

  it('Monte Carlo multipliers scale the stand route', () => {
    const s = arbor({ volume_m3_per_ha: 100, age_yr: 20, site_class: 2 });
    const base = standPerHa(s);
    const scaled = standPerHa(s, DEFAULT_STAND_CARBON_TABLES, { 'stand.cf': 1.05, 'growth.increment': 0.6 });
    expect(scaled.above_tC_per_ha).toBeCloseTo(base.above_tC_per_ha * 1.05, 9);
    expect(scaled.sink_tC_per_ha_yr).toBeCloseTo(base.sink_tC_per_ha_yr * 1.05 * 0.6, 9);
  });
});

describe('classDefaultPerHa', () => {
  it('pools row and remainder sink by routing group', () => {
    const fir = classDefaultPerHa(2);
    expect([fir.group, fir.above_tC_per_ha, fir.below_tC_per_ha, fir.soil_tC_per_ha, fir.dead_tC_per_ha]).toEqual(['forest', 18.26, 4.49, 63, 4]);
    expect(fir.sink_tC_per_ha_yr).toBeGreaterThan(0);
    expect(fir.gain_tC_per_ha(1)).toBe(fir.sink_tC_per_ha_yr);
    expect(classDefaultPerHa(5).sink_tC_per_ha_yr).toBeCloseTo(0.54, 12);
    expect(classDefaultPerHa(9).sink_tC_per_ha_yr).toBeCloseTo(1.97, 12);
    expect(classDefaultPerHa(10).sink_tC_per_ha_yr).toBe(0);
    const crop = classDefaultPerHa(8);
    expect([crop.sink_tCO2e_per_ha_yr, crop.above_tC_per_ha + crop.below_tC_per_ha + crop.soil_tC_per_ha + crop.dead_tC_per_ha]).toEqual([0, 69.3]);
    expect(() => classDefaultPerHa(200)).toThrow(MissingLucodeError);
  });

  it('uses the tables it is given (parcel.ts CarbonTables are a superset)', () => {
    const pools = DEFAULT_CARBON_TABLES.pools.map((p) => (p.lucode === 8 ? { ...p, c_soil: 10 } : p));
    expect(classDefaultPerHa(8, { ...DEFAULT_CARBON_TABLES, pools }).soil_tC_per_ha).toBe(10);
    expect(DEFAULT_CARBON_TABLES.class_routing).toBe(CLASS_ROUTING);
  });
});
