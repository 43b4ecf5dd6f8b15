import { describe, it, expect } from 'vitest';
import { accountProject, annualisedStockChange, checkEligibility, uncertaintyDeduction } from '../../../layers/carbon/accounting.ts';
import { METHODOLOGIES, getMethodology } from '../../../layers/carbon/methodologies.ts';
import { PRICE_SCENARIOS, discountFactor, investValuation, pricePath, splitRevenue, splitShares, valueCredits } from '../../../layers/carbon/value.ts';
import { valuationConstant } from '../../../layers/carbon/pools.ts';

const AFF = getMethodology('CCER-14-001-V01');
const base = { parcel_area_ha: 1, activity_area_ha: 1, wetland_area_ha: 0, non_forest_years: 5, crediting_years: 30 };

describe('methodologies and eligibility', () => {
  it('are versioned parameter sets reachable by alias', () => {
    expect(getMethodology('AR-CM-003').id).toBe('AR-CM-003-V01');
    expect(getMethodology('AR-CM-005').activity).toBe('bamboo_management');
    expect(() => getMethodology('VM0042')).toThrow(/CCER-14-001-V01/);
    for (const m of Object.values(METHODOLOGIES)) {
      expect(m.version.length).toBeGreaterThan(0);
      expect(m.crediting_years.min).toBeLessThanOrEqual(m.crediting_years.default);
      expect(m.crediting_years.default).toBeLessThanOrEqual(m.crediting_years.max);
    }
    expect(AFF.crediting_years.min).toBe(20);
    expect(AFF.crediting_years.max).toBe(40);
    expect(METHODOLOGIES['AR-CM-003-V01']!.crediting_years.max).toBe(60);
  });

  it('an eligible afforestation parcel has no blocking reason', () => {
    expect(checkEligibility(AFF, base)).toEqual({ methodology: 'CCER-14-001-V01', eligible: true, reasons: [] });
  });

  it('minimum parcel 400 m²: 399 m² fails, 400 m² passes', () => {
    const small = checkEligibility(AFF, { ...base, parcel_area_ha: 0.0399, activity_area_ha: 0.0399 });
    expect(small.eligible).toBe(false);
    expect(small.reasons.map((r) => r.code)).toContain('parcel_too_small');
    expect(checkEligibility(AFF, { ...base, parcel_area_ha: 0.04, activity_area_ha: 0.04 }).eligible).toBe(true);
  });

  it('non-forest ≥ 3 years: missing flag and 2 years fail, 3 passes', () => {
    const missing = checkEligibility(AFF, { ...base, non_forest_years: null });
    expect(missing.eligible).toBe(false);
    expect(missing.reasons[0]!.code).toBe('non_forest_years_missing');
    expect(missing.reasons[0]!.zh).toMatch(/无林地/);
    expect(checkEligibility(AFF, { ...base, non_forest_years: 2 }).reasons.map((r) => r.code)).toEqual(['non_forest_years_too_few']);
    expect(checkEligibility(AFF, { ...base, non_forest_years: 3 }).eligible).toBe(true);
  });

  it('wetland is excluded; all-wetland land has no activity area', () => {
    const part = checkEligibility(AFF, { ...base, wetland_area_ha: 0.3 });
    expect(part.eligible).toBe(true);
    expect(part.reasons.map((r) => [r.code, r.blocking])).toEqual([['wetland_excluded', false]]);
    const all = checkEligibility(AFF, { ...base, activity_area_ha: 0, wetland_area_ha: 1 });
    expect(all.eligible).toBe(false);
    expect(all.reasons.map((r) => r.code)).toEqual(['no_activity_land', 'wetland_excluded']);
  });

  it('crediting years outside 20–40 are refused for CCER-14-001', () => {
    expect(checkEligibility(AFF, { ...base, crediting_years: 19 }).reasons.map((r) => r.code)).toEqual(['crediting_years_out_of_range']);
    expect(checkEligibility(AFF, { ...base, crediting_years: 41 }).eligible).toBe(false);
    expect(checkEligibility(AFF, { ...base, crediting_years: 40 }).eligible).toBe(true);
  });
});

describe('project accounting', () => {
  it('hand check: ER = ΔC_project − ΔC_baseline, creditable = ER·(1−u)·(1−buffer)', () => {
    // project stock 100 → 110 → 125 t C; baseline 100 → 102 → 104 t C; u = 0.05; buffer 0.10
    // year 1: (10 − 2) t C × 44/12 = 29.3333 t CO2e; × 0.95 × 0.90 = 25.08 t CO2e
    // year 2: (15 − 2) t C × 44/12 = 47.6667 t CO2e; × 0.855 = 40.755 t CO2e
    const r = accountProject({ methodology: AFF, start_year: 2026, project_stock_tC: [100, 110, 125], baseline_stock_tC: [100, 102, 104], uncertainty_deduction: 0.05, buffer_fraction: 0.1 });
    expect(r.vintages.map((v) => v.year)).toEqual([2026, 2027]);
    expect(r.vintages[0]!.er_tCO2e).toBeCloseTo(29.3333, 4);
    expect(r.vintages[0]!.creditable_tCO2e).toBeCloseTo(25.08, 10);
    expect(r.vintages[1]!.creditable_tCO2e).toBeCloseTo(40.755, 10);
    expect(r.total_creditable_tCO2e).toBeCloseTo(65.835, 10);
    expect(r.vintages[1]!.cumulative_creditable_tCO2e).toBeCloseTo(65.835, 10);
  });

  it('a reversal is debited in full; leakage and project emissions are subtracted', () => {
    // year 1: −12 t C = −44 t CO2e, debited without deductions
    const r = accountProject({ methodology: AFF, start_year: 2030, project_stock_tC: [100, 88], baseline_stock_tC: [100, 100], buffer_fraction: 0.5 });
    expect(r.vintages[0]!.creditable_tCO2e).toBeCloseTo(-44, 10);
    // 12 t C = 44 t CO2e − 4 leakage − 1 emissions = 39; × (1 − 0.1) buffer = 35.1
    const s = accountProject({ methodology: AFF, start_year: 2030, project_stock_tC: [0, 12], baseline_stock_tC: [0, 0], leakage_tCO2e: 4, project_emissions_tCO2e: [1] });
    expect(s.vintages[0]!.er_tCO2e).toBeCloseTo(39, 10);
    expect(s.vintages[0]!.creditable_tCO2e).toBeCloseTo(35.1, 10);
  });

  it('uncertainty deduction from plot precision and annualised stock change', () => {
    expect(uncertaintyDeduction(8, 10)).toBe(0);
    expect(uncertaintyDeduction(15, 10)).toBeCloseTo(0.05, 12);
    expect(annualisedStockChange(100, 130, 2020, 2025)).toBe(6);
    expect(() => annualisedStockChange(1, 2, 2025, 2025)).toThrow(RangeError);
  });
});

describe('value', () => {
  it('price scenarios are sourced, CNY per t CO2e, low < central < high', () => {
    expect(PRICE_SCENARIOS.low.value).toBeLessThan(PRICE_SCENARIOS.central.value);
    expect(PRICE_SCENARIOS.central.value).toBeLessThan(PRICE_SCENARIOS.high.value);
    for (const p of Object.values(PRICE_SCENARIOS)) expect(p.unit).toBe('CNY/t CO2e');
  });

  it('hand check NPV: 100 t/yr for 2 years at 50 CNY, 10 % → 5000/1.1 + 5000/1.21 = 8677.686', () => {
    const v = valueCredits([100, 100], pricePath(50, 0, 2), 10);
    expect(v.undiscounted_cny).toBe(10_000);
    expect(v.npv_cny).toBeCloseTo(8677.686, 3);
    expect(discountFactor(0, 5)).toBe(1);
    const path = pricePath(100, 10, 3); // 100, 110, 121
    expect(path[0]).toBe(100);
    expect(path[1]).toBeCloseTo(110, 10);
    expect(path[2]).toBeCloseTo(121, 10);
  });

  it('revenue split: 70 % to villages (Anji), configurable sub-split', () => {
    // 10 000 CNY: villages 7000 → households 3500, collective 3500; cooperative 3000
    expect(splitRevenue(10_000)).toEqual({ households_cny: 3500, village_collective_cny: 3500, cooperative_cny: 3000 });
    const s = splitRevenue(10_000, { villages_share: 0.7, households_share_of_villages: 0.8 });
    expect(s.households_cny).toBeCloseTo(5600, 10);
    expect(s.village_collective_cny).toBeCloseTo(1400, 10);
    const sh = splitShares();
    expect(sh.households + sh.village_collective + sh.cooperative).toBeCloseTo(1, 12);
    expect(() => splitRevenue(1, { villages_share: 1.2, households_share_of_villages: 0.5 })).toThrow(RangeError);
  });

  it('InVEST-compatible mode reuses pools.valuationConstant with the price converted to per t C', () => {
    // 43 CNY/t C = 43 × 12/44 = 11.727 CNY/t CO2e; reference case 1 → k = 59.0013607
    const r = investValuation(-58, { price_cny_per_tCO2e: (43 * 12) / 44, discount_rate_pct: -7.1, rate_change_pct: 2.8, bas_year: 2016, alt_year: 2030 });
    expect(r.price_cny_per_tC).toBeCloseTo(43, 12);
    expect(r.k_cny_per_tC).toBeCloseTo(59.001360702500605, 10);
    expect(r.npv_cny).toBeCloseTo(-3422.079, 3);
    expect(r.k_cny_per_tC).toBeCloseTo(valuationConstant({ price_per_tC: 43, discount_rate_pct: -7.1, rate_change_pct: 2.8, bas_year: 2016, alt_year: 2030 }), 12);
  });
});
