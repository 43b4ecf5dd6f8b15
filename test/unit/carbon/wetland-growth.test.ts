import { describe, it, expect } from 'vitest';
import { WETLAND_PARAMS, WETLAND_TYPES, wetlandBurial_tC_per_ha_yr, wetlandCarbon, wetlandStock_tC_per_ha } from '../../../layers/carbon/wetland.ts';
import {
  GROWTH_PARAMS,
  ageAtVolume_yr,
  annualSequestration_tC_per_ha,
  calibrateStand,
  projectedVolume_m3_per_ha,
  richardsVolume,
  volumeAtAge_m3_per_ha,
} from '../../../layers/carbon/growth.ts';
import { STAND_SPECIES_GROUPS, standBiomass } from '../../../layers/carbon/stand.ts';

describe('wetlands', () => {
  it('burial rates from carbon.md §5', () => {
    expect(wetlandBurial_tC_per_ha_yr('lake')).toBe(0.22);
    expect(wetlandBurial_tC_per_ha_yr('marsh')).toBe(1.97);
    expect(WETLAND_PARAMS.reservoir!.burial_tC_per_ha_yr.unverified).toBe(true);
    expect(WETLAND_PARAMS.pond!.burial_tC_per_ha_yr.unverified).toBe(true);
    expect(WETLAND_PARAMS.river!.burial_tC_per_ha_yr.unverified).toBe(true);
    for (const t of WETLAND_TYPES) expect(WETLAND_PARAMS[t]!.burial_tC_per_ha_yr.source.length).toBeGreaterThan(20);
  });

  it('stock and sink of an area: 10 ha of marsh → 980 t C, 19.7 t C/yr', () => {
    // marsh stock 5 + 5 + 88 + 0 = 98 t C/ha × 10 ha = 980 t C; 1.97 × 10 = 19.7 t C/yr
    expect(wetlandStock_tC_per_ha('marsh')).toBe(98);
    const c = wetlandCarbon('marsh', 10);
    expect(c.stock_tC).toBe(980);
    expect(c.sink_tC_per_yr).toBeCloseTo(19.7, 12);
  });

  it('unknown type names the known ones', () => {
    expect(() => wetlandCarbon('sea', 1)).toThrow(/lake, reservoir, river, marsh, pond/);
  });
});

describe('Richards growth', () => {
  it('V(t) = A(1 − e^(−kt))^c, hand check: A 300, k 0.06, c 2, t 25 → 181.04 m³/ha', () => {
    // 1 − e^(−1.5) = 0.776870; squared = 0.603527; × 300 = 181.058
    expect(richardsVolume({ a_m3_per_ha: 300, k_per_yr: 0.06, c: 2 }, 25)).toBeCloseTo(181.058, 2);
    expect(volumeAtAge_m3_per_ha('chinese_fir', 2, 25)).toBeCloseTo(181.058, 2);
    expect(richardsVolume({ a_m3_per_ha: 300, k_per_yr: 0.06, c: 2 }, 0)).toBe(0);
  });

  it('every species group has site classes 1–3, sourced, unverified, site 1 ≥ 2 ≥ 3', () => {
    for (const g of STAND_SPECIES_GROUPS) {
      const rows = GROWTH_PARAMS.filter((r) => r.species_group === g);
      expect(rows.map((r) => r.site_class)).toEqual([1, 2, 3]);
      expect(rows.every((r) => r.unverified && r.source.length > 20)).toBe(true);
      expect(rows[0]!.a_m3_per_ha).toBeGreaterThan(rows[1]!.a_m3_per_ha);
      expect(rows[1]!.a_m3_per_ha).toBeGreaterThan(rows[2]!.a_m3_per_ha);
    }
  });

  it('age inversion round-trips and returns null beyond the asymptote', () => {
    const row = GROWTH_PARAMS.find((r) => r.species_group === 'masson_pine' && r.site_class === 2)!;
    const t = ageAtVolume_yr(row, 120)!;
    expect(richardsVolume(row, t)).toBeCloseTo(120, 9);
    expect(ageAtVolume_yr(row, row.a_m3_per_ha)).toBeNull();
  });

  it('annual sequestration = C(t+1) − C(t)', () => {
    const c20 = standBiomass(volumeAtAge_m3_per_ha('chinese_fir', 2, 20), 'chinese_fir').total_tC_per_ha;
    const c21 = standBiomass(volumeAtAge_m3_per_ha('chinese_fir', 2, 21), 'chinese_fir').total_tC_per_ha;
    expect(annualSequestration_tC_per_ha('chinese_fir', 2, 20)).toBeCloseTo(c21 - c20, 12);
    expect(c21 - c20).toBeGreaterThan(0);
  });

  it('calibration passes through the observed volume', () => {
    const s = calibrateStand('chinese_fir', 2, 20, 100, GROWTH_PARAMS);
    expect(projectedVolume_m3_per_ha(s, 0)).toBeCloseTo(100, 9);
    expect(s.how).toBe('age_and_volume');
    const v = calibrateStand('chinese_fir', 2, null, 100);
    expect(v.how).toBe('volume_only');
    expect(projectedVolume_m3_per_ha(v, 0)).toBeCloseTo(100, 9);
    const mature = calibrateStand('chinese_fir', 3, null, 500);
    expect(mature.age_yr).toBeNull();
    expect(projectedVolume_m3_per_ha(mature, 10)).toBe(500);
    expect(calibrateStand('eucalyptus', 2, 10, null).growth_fallback).toBe(true);
    expect(() => calibrateStand('chinese_fir', 5, 10, null)).toThrow(/site class 5/);
  });
});
