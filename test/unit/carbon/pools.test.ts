import { describe, it, expect } from 'vitest';
import {
  MissingLucodeError,
  TANTU_POOLS,
  reclassify,
  runPoolModel,
  storageMap,
  storagePerHa,
  totalOverPixels,
  valuationConstant,
  type PoolTable,
} from '../../../layers/carbon/pools.ts';
import { standBiomass } from '../../../layers/carbon/stand.ts';
import { LANDCOVER_CLASSES } from '../../../layers/landcover/classes.ts';

// carbon.md §2 reference pools table (InVEST test-suite).
const REF_POOLS: PoolTable = [
  { lucode: 1, c_above: 15, c_below: 10, c_soil: 60, c_dead: 1, source: 'InVEST test-suite', unverified: false },
  { lucode: 2, c_above: 5, c_below: 3, c_soil: 20, c_dead: 0, source: 'InVEST test-suite', unverified: false },
  { lucode: 3, c_above: 2, c_below: 1, c_soil: 5, c_dead: 0, source: 'InVEST test-suite', unverified: false },
];
// 10×10 raster of 1 m × 1 m pixels: 100 m² = 0.01 ha in total.
const BAS = new Array(100).fill(1);
const ALT = new Array(100).fill(2);
const AREAS = { pixel_area_m2: 1 };

describe('InVEST reference cases (carbon.md §2)', () => {
  it('case 1: price 43, discount −7.1 %, rate change 2.8 %, 2016→2030', () => {
    const r = runPoolModel({
      lulc_bas: BAS,
      lulc_alt: ALT,
      pools: REF_POOLS,
      areas: AREAS,
      valuation: { price_per_tC: 43, discount_rate_pct: -7.1, rate_change_pct: 2.8, bas_year: 2016, alt_year: 2030 },
    });
    expect(r.valuation_constant).toBeCloseTo(59.001360702500605, 12);
    expect(Array.from(r.storage_bas_tC_per_ha!).every((v) => v === 86)).toBe(true);
    expect(Array.from(r.storage_alt_tC_per_ha!).every((v) => v === 28)).toBe(true);
    expect(Array.from(r.change_tC_per_ha!).every((v) => v === -58)).toBe(true);
    // npv/ha = −58 × 59.0013607 = −3422.0789
    expect(r.npv_per_ha![0]).toBeCloseTo(-3422.079, 3);
    // totals: 86 t/ha × 0.01 ha = 0.86 t; 28 × 0.01 = 0.28; −58 × 0.01 = −0.58; −3422.079 × 0.01 = −34.2208
    expect(r.totals.bas.total_tC).toBeCloseTo(0.86, 12);
    expect(r.totals.alt!.total_tC).toBeCloseTo(0.28, 12);
    expect(r.totals.change!.total_tC).toBeCloseTo(-0.58, 12);
    expect(r.totals.npv_currency!).toBeCloseTo(-34.2208, 4);
    expect(r.totals.bas.total_tCO2e).toBeCloseTo((0.86 * 44) / 12, 12);
    expect(r.totals.bas.counted_pixels).toBe(100);
    expect(r.totals.bas.counted_area_ha).toBeCloseTo(0.01, 12);
  });

  it('case 2: discount 0 and rate change 0 → npv = change × price = −58 × 43 = −2494 per ha', () => {
    const r = runPoolModel({
      lulc_bas: BAS,
      lulc_alt: ALT,
      pools: REF_POOLS,
      areas: AREAS,
      valuation: { price_per_tC: 43, discount_rate_pct: 0, rate_change_pct: 0, bas_year: 2016, alt_year: 2030 },
    });
    expect(r.valuation_constant).toBe(43);
    expect(r.npv_per_ha![0]).toBeCloseTo(-2494, 10);
  });

  it('case 3: valuation constant 2010→2012, discount 50 %, rate change 5 %, price 50 → 40.87302', () => {
    // ratio = 1/(1.5·1.05) = 0.634921; k = 50/2 · (1 + 0.634921) = 40.873016
    const k = valuationConstant({ price_per_tC: 50, discount_rate_pct: 50, rate_change_pct: 5, bas_year: 2010, alt_year: 2012 });
    expect(Number(k.toFixed(5))).toBe(40.87302);
  });

  it('case 4: [[1,1],[2,3]] mapped with {1: 5000, 2: 60, 3: 120} → [[5000,5000],[60,120]]', () => {
    const out = reclassify([1, 1, 2, 3], { 1: 5000, 2: 60, 3: 120 });
    expect(Array.from(out)).toEqual([5000, 5000, 60, 120]);
    // the same through the pools table (storage = sum of pools)
    const pools: PoolTable = [
      { lucode: 1, c_above: 5000, c_below: 0, c_soil: 0, c_dead: 0, source: 'test', unverified: false },
      { lucode: 2, c_above: 60, c_below: 0, c_soil: 0, c_dead: 0, source: 'test', unverified: false },
      { lucode: 3, c_above: 100, c_below: 10, c_soil: 10, c_dead: 0, source: 'test', unverified: false },
    ];
    expect(Array.from(storageMap([1, 1, 2, 3], pools))).toEqual([5000, 5000, 60, 120]);
  });

  it('case 5: a class missing from the table is an error naming it ("[200]")', () => {
    expect(() => storageMap([1, 200, 2], REF_POOLS)).toThrow(MissingLucodeError);
    expect(() => storageMap([1, 200, 2], REF_POOLS)).toThrow('[200]');
    try {
      runPoolModel({ lulc_bas: [1, 200], lulc_alt: [201, 2], pools: REF_POOLS, areas: AREAS });
      expect.unreachable();
    } catch (e) {
      expect((e as MissingLucodeError).missing).toEqual([200, 201]);
      expect((e as Error).message).toContain('[200, 201]');
    }
    expect(() => storagePerHa(REF_POOLS, 200)).toThrow('[200]');
  });

  it('case 5: alternate year ≤ baseline year is an error', () => {
    const v = { price_per_tC: 43, discount_rate_pct: 0, rate_change_pct: 0 };
    expect(() => valuationConstant({ ...v, bas_year: 2030, alt_year: 2030 })).toThrow(RangeError);
    expect(() => valuationConstant({ ...v, bas_year: 2030, alt_year: 2016 })).toThrow(/must be after/);
    expect(() =>
      runPoolModel({ lulc_bas: BAS, lulc_alt: ALT, pools: REF_POOLS, areas: AREAS, valuation: { ...v, bas_year: 2016, alt_year: 2010 } }),
    ).toThrow(RangeError);
  });
});

describe('pool model: nodata, footprints, geographic areas', () => {
  it('storagePerHa sums the four pools', () => {
    expect(storagePerHa(REF_POOLS, 1)).toBe(86);
    expect(storagePerHa(REF_POOLS, 3)).toBe(8);
  });

  it('nodata is NaN, never a value; a real change of −1 t/ha survives', () => {
    const pools: PoolTable = [
      { lucode: 1, c_above: 10, c_below: 0, c_soil: 0, c_dead: 0, source: 't', unverified: false },
      { lucode: 2, c_above: 9, c_below: 0, c_soil: 0, c_dead: 0, source: 't', unverified: false },
    ];
    const r = runPoolModel({ lulc_bas: [1, 1, 0, 1], lulc_alt: [2, 0, 2, 1], pools, nodata: 0, areas: { pixel_area_m2: 10_000 } });
    const change = Array.from(r.change_tC_per_ha!);
    expect(change[0]).toBe(-1);
    expect(Number.isNaN(change[1]!)).toBe(true);
    expect(Number.isNaN(change[2]!)).toBe(true);
    expect(change[3]).toBe(0);
    // baseline counts 3 pixels (30 t), alternate 3 pixels (28 t), change only the 2 common pixels:
    expect(r.totals.bas.total_tC).toBe(30);
    expect(r.totals.bas.counted_pixels).toBe(3);
    expect(r.totals.alt!.total_tC).toBe(28);
    expect(r.totals.change!.counted_pixels).toBe(2);
    expect(r.totals.change!.total_tC).toBe(-1);
    // Σchange = Σalt − Σbas on the common footprint: (9 + 10) − (10 + 10) = −1
    expect(r.totals.alt_on_common!.total_tC - r.totals.bas_on_common!.total_tC).toBe(r.totals.change!.total_tC);
  });

  it('per-row areas for geographic rasters', () => {
    // 2 rows × 3 columns; row areas 1 ha and 0.5 ha; density 10 t C/ha → 3·10·1 + 3·10·0.5 = 45 t
    const t = totalOverPixels([10, 10, 10, 10, 10, 10], { row_area_m2: [10_000, 5_000], width: 3 });
    expect(t.total_tC).toBeCloseTo(45, 12);
    expect(t.counted_area_ha).toBeCloseTo(4.5, 12);
    expect(() => totalOverPixels([1, 2, 3], { row_area_m2: [1, 1], width: 3 })).toThrow(/do not match/);
  });
});

describe('TANTU_POOLS default table', () => {
  it('has one sourced row per tantu land-cover class', () => {
    expect(TANTU_POOLS.map((r) => r.lucode).sort((a, b) => a - b)).toEqual(LANDCOVER_CLASSES.map((c) => c.code).sort((a, b) => a - b));
    for (const row of TANTU_POOLS) {
      expect(row.source.length).toBeGreaterThan(20);
      expect(typeof row.unverified).toBe('boolean');
      expect(row.lulc_name).toBe(LANDCOVER_CLASSES.find((c) => c.code === row.lucode)!.key);
    }
  });

  it('forest biomass rows equal the stand route at 70 m³/ha (the two routes agree)', () => {
    const pairs: [number, string][] = [
      [1, 'mixed_broadleaf'],
      [2, 'chinese_fir'],
      [3, 'masson_pine'],
      [4, 'mixed_conifer_broadleaf'],
    ];
    for (const [code, group] of pairs) {
      const row = TANTU_POOLS.find((r) => r.lucode === code)!;
      const b = standBiomass(70, group);
      expect(row.c_above).toBeCloseTo(b.above_tC_per_ha, 2);
      expect(row.c_below).toBeCloseTo(b.below_tC_per_ha, 2);
    }
  });

  it('bamboo row stays inside the Yuen et al. 2017 ranges (above 16–128, below 8–64, soil 70–200)', () => {
    const b = TANTU_POOLS.find((r) => r.lucode === 5)!;
    expect(b.c_above).toBeGreaterThanOrEqual(16);
    expect(b.c_above).toBeLessThanOrEqual(128);
    expect(b.c_below).toBeGreaterThanOrEqual(8);
    expect(b.c_below).toBeLessThanOrEqual(64);
    expect(b.c_soil).toBeGreaterThanOrEqual(70);
    expect(b.c_soil).toBeLessThanOrEqual(200);
  });
});
