import { describe, it, expect } from 'vitest';
import { DEFAULT_CARBON_TABLES, analyseParcelCarbon, type ParcelInventory } from '../../../layers/carbon/parcel.ts';
import { CarbonInputError } from '../../../layers/carbon/inventory.ts';
import { defaultMonteCarloRuns } from '../../../layers/carbon/scenario.ts';
import { MissingLucodeError } from '../../../layers/carbon/pools.ts';
import { mulberry32 } from '../../../layers/core/random.ts';
import { richardsVolume } from '../../../layers/carbon/growth.ts';

type Stand = ParcelInventory['stands'][number];
const stand = (over: Partial<Stand> & Pick<Stand, 'id' | 'area_ha'>): Stand => ({
  species_group: 'chinese_fir',
  forest_type: 'arbor',
  origin: 'plantation',
  age_yr: null,
  site_class: null,
  volume_m3_per_ha: null,
  culm_density_per_ha: null,
  mean_dbh_cm: null,
  share: 1,
  ...over,
});

const FAST = { monte_carlo_runs: 50, seed: 1 };
const C_PER_M3_FIR = 0.307 * 1.634 * 1.246 * 0.52; // t C per m³ of Chinese fir stem volume = 0.325021

describe('parcel analysis: hand-checked case', () => {
  // 10 ha: 6 ha Chinese fir forest (class 2), 4 ha cropland (class 8).
  // One fir stand, 5 ha, V = 100 m³/ha, age 20, site class 2.
  const inv: ParcelInventory = {
    area_ha: 10,
    landcover: [
      { code: 2, area_ha: 6 },
      { code: 8, area_ha: 4 },
    ],
    stands: [stand({ id: 's1', area_ha: 5, volume_m3_per_ha: 100, age_yr: 20, site_class: 2 })],
    wetlands: [],
  };
  const r = analyseParcelCarbon(inv, FAST);

  it('stock: stand route on 5 ha, class pools on the rest', () => {
    // stand 5 ha: (26.085176 above + 6.416953 below) + 63 soil + 4 dead = 99.502129 t C/ha → 497.510646 t C
    // class 2 remainder 1 ha: 18.26 + 4.49 + 63 + 4 = 89.75 t C
    // cropland 4 ha × 69.3 soil = 277.2 t C
    // total 864.460646 t C; × 44/12 = 3169.689037 t CO2e
    expect(r.total.stock_tC).toBeCloseTo(864.460646, 5);
    expect(r.total.stock_tCO2e).toBeCloseTo(3169.689037, 5);
    const fir = r.classes.find((c) => c.code === 2)!;
    expect(fir.covered_area_ha).toBe(5);
    expect(fir.stock_tC.above).toBeCloseTo(5 * 26.085176 + 18.26, 5);
    expect(fir.stock_tC.soil).toBe(6 * 63);
    expect(r.stands[0]!.route).toBe('stand_table');
    expect(r.stands[0]!.stock_tC.total).toBeCloseTo(497.510646, 5);
    expect(r.stands[0]!.share_of_parcel).toBe(0.5);
    expect(r.area_mu).toBe(150);
  });

  it('sink: the stand grows along its calibrated curve, C(t+1) − C(t)', () => {
    // scale = 100 / V(20); V(t) = 300·(1 − e^(−0.06t))² → V(20) = 300·0.698806² = 146.4989,
    // V(21) = 300·0.716346² = 153.9455; ΔV = 100·(153.9455/146.4989 − 1) = 5.0830 m³/ha
    // → × 0.325021 t C/m³ = 1.65209 t C/ha/yr × 5 ha = 8.2604 t C/yr
    const fir = { a_m3_per_ha: 300, k_per_yr: 0.06, c: 2 };
    const dV = 100 * (richardsVolume(fir, 21) / richardsVolume(fir, 20) - 1);
    expect(dV).toBeCloseTo(5.083, 3);
    expect(r.stands[0]!.sink_tCO2e_per_yr / (44 / 12)).toBeCloseTo(8.2604, 3);
    expect(r.stands[0]!.sink_tCO2e_per_yr).toBeCloseTo(5 * dV * C_PER_M3_FIR * (44 / 12), 6);
    expect(r.classes.find((c) => c.code === 8)!.sink_tCO2e_per_yr).toBe(0);
  });

  it('projection: forest management credits growth minus deductions (10 % buffer)', () => {
    expect(r.projection).toHaveLength(30);
    expect(r.projection[0]!.year).toBe(2026);
    expect(r.projection[0]!.project_tCO2e).toBeCloseTo(r.total.sink_tCO2e_per_yr, 6);
    expect(r.projection[0]!.creditable_tCO2e).toBeCloseTo(r.projection[0]!.project_tCO2e * 0.9, 6);
    const credits = r.projection.reduce((s, p) => s + p.creditable_tCO2e, 0);
    expect(r.value.undiscounted_cny).toBeCloseTo(credits * 71.6, 4);
    expect(r.value.npv_cny).toBeLessThan(r.value.undiscounted_cny);
    expect(r.value.split.undiscounted_cny.cooperative_cny).toBeCloseTo(0.3 * r.value.undiscounted_cny, 6);
  });

  it('reports the parameters and methodology version used, and warns about unverified ones', () => {
    expect(r.params.methodology.id).toBe('AR-CM-003-V01');
    expect(r.params.scenario.seed).toBe(1);
    expect(r.params.tables.stand.chinese_fir!.source).toMatch(/清单/);
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('unverified_parameters');
    expect(codes).toContain('baseline_default');
    for (const w of r.warnings) {
      expect(w.zh.length).toBeGreaterThan(0);
      expect(w.en.length).toBeGreaterThan(0);
    }
  });
});

describe('parcel analysis: invariants', () => {
  const inv: ParcelInventory = {
    area_ha: 20,
    landcover: [
      { code: 1, area_ha: 3 },
      { code: 2, area_ha: 2 },
      { code: 5, area_ha: 4 },
      { code: 9, area_ha: 2 },
      { code: 10, area_ha: 3 },
      { code: 11, area_ha: 1 },
      { code: 14, area_ha: 4.5 },
    ],
    stands: [
      stand({ id: 'b1', forest_type: 'bamboo', species_group: 'moso_bamboo', area_ha: 3, culm_density_per_ha: 3000, mean_dbh_cm: 10 }),
      stand({ id: 'o1', species_group: 'oak', area_ha: 2, volume_m3_per_ha: 80, site_class: 1 }),
      stand({ id: 'x1', species_group: 'eucalyptus', area_ha: 1, age_yr: 8 }),
    ],
    wetlands: [
      { id: 'w1', wetland_type: 'marsh', area_ha: 1.5 },
      { id: 'w2', wetland_type: 'reservoir', area_ha: 3 },
    ],
  };
  const r = analyseParcelCarbon(inv, FAST);

  it('Σ classes = total (stock, pools, sink) and t CO2e = t C × 44/12', () => {
    const sum = (f: (c: (typeof r.classes)[number]) => number) => r.classes.reduce((s, c) => s + f(c), 0);
    expect(sum((c) => c.stock_tC.total)).toBeCloseTo(r.total.stock_tC, 9);
    expect(sum((c) => c.stock_tC.soil)).toBeCloseTo(r.total.pools_tC.soil, 9);
    expect(sum((c) => c.sink_tCO2e_per_yr)).toBeCloseTo(r.total.sink_tCO2e_per_yr, 9);
    expect(r.total.stock_tCO2e).toBeCloseTo((r.total.stock_tC * 44) / 12, 9);
    expect(r.total.sink_tCO2e_per_yr).toBeCloseTo((r.total.sink_tC_per_yr * 44) / 12, 9);
    for (const c of r.classes) {
      expect(c.stock_tCO2e).toBeCloseTo((c.stock_tC.total * 44) / 12, 9);
      expect(c.stock_tC.total).toBeCloseTo(c.stock_tC.above + c.stock_tC.below + c.stock_tC.soil + c.stock_tC.dead, 9);
    }
  });

  it('routes: bamboo allometry, IPCC fallback, wetlands by type; unclassified area reported', () => {
    expect(Object.fromEntries(r.stands.map((s) => [s.id, s.route]))).toEqual({ b1: 'bamboo_allometry', o1: 'stand_table', x1: 'stand_ipcc_fallback' });
    // 3000 culms × 13.6604 kg = 40.981 t dm × 0.5 CF × 1.5 (1 + R) = 30.736 t C/ha → bamboo biomass 3 ha × 30.736 + 1 ha × 70
    const bamboo = r.classes.find((c) => c.code === 5)!;
    expect(bamboo.stock_tC.above + bamboo.stock_tC.below).toBeCloseTo(3 * 30.736 + 70, 2);
    // bamboo sink: 4 ha × 0.54 t C/ha/yr = 2.16 t C/yr
    expect(bamboo.sink_tC_per_yr).toBeCloseTo(2.16, 10);
    // marsh 2 ha: 1.5 ha record + 0.5 ha remainder, both marsh burial 1.97; water 3 ha: reservoir 0.22
    expect(r.classes.find((c) => c.code === 9)!.sink_tC_per_yr).toBeCloseTo(2 * 1.97, 10);
    expect(r.classes.find((c) => c.code === 10)!.sink_tC_per_yr).toBeCloseTo(3 * 0.22, 10);
    expect(r.unclassified_area_ha).toBeCloseTo(0.5, 10);
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['unclassified_area', 'stand_species_fallback', 'stand_volume_from_age', 'site_class_default']));
  });

  it('the Monte Carlo range brackets the deterministic total and is reproducible', () => {
    const a = analyseParcelCarbon(inv, { monte_carlo_runs: 300, seed: 42 });
    const b = analyseParcelCarbon(inv, { monte_carlo_runs: 300, seed: 42 });
    expect(b.total.range).toEqual(a.total.range);
    expect(b.dominant_parameters).toEqual(a.dominant_parameters);
    expect(a.total.range.p5).toBeLessThan(a.total.stock_tCO2e);
    expect(a.total.range.p95).toBeGreaterThan(a.total.stock_tCO2e);
    expect(a.total.sink_range.p5).toBeLessThan(a.total.sink_range.p95);
    expect(a.dominant_parameters[0]!.name).toBe('pools.soil'); // soil is most of the stock
    expect(analyseParcelCarbon(inv, { monte_carlo_runs: 300, seed: 43 }).total.range.p50).not.toBe(a.total.range.p50);
  });

  it('tables are overridable', () => {
    const pools = DEFAULT_CARBON_TABLES.pools.map((p) => (p.lucode === 11 ? { ...p, c_soil: 0, source: 'user', unverified: false } : p));
    const o = analyseParcelCarbon(inv, FAST, { ...DEFAULT_CARBON_TABLES, pools });
    expect(r.total.stock_tC - o.total.stock_tC).toBeCloseTo(30, 9); // 1 ha × 30 t C/ha soil of built-up land
  });
});

describe('parcel analysis: split additivity (property test)', () => {
  // A parcel is a set of cells; each cell has one land-cover class and is optionally covered by a
  // stand / wetland record of the matching kind. A split is a partition of the cells.
  const ARBOR_ON: Record<number, string[]> = { 1: ['oak', 'mixed_broadleaf', 'hard_broadleaf'], 2: ['chinese_fir'], 3: ['masson_pine', 'slash_pine'], 4: ['mixed_conifer_broadleaf', 'cypress', 'mixed_conifer'] };
  const WATER = ['lake', 'reservoir', 'river', 'pond'];

  function randomCells(rng: () => number, n: number): ParcelInventory[] {
    return Array.from({ length: n }, (_, i) => {
      const code = 1 + Math.floor(rng() * 14);
      const area = 0.05 + rng() * 3;
      const cover = rng() < 0.7 ? area * (0.2 + 0.8 * rng()) : 0;
      const cell: ParcelInventory = { area_ha: area + (rng() < 0.2 ? rng() * 0.3 : 0), landcover: [{ code, area_ha: area }], stands: [], wetlands: [] };
      if (cover > 0 && ARBOR_ON[code]) {
        const list = ARBOR_ON[code]!;
        const k = rng();
        cell.stands.push(
          stand({
            id: `s${i}`,
            species_group: list[Math.floor(rng() * list.length)]!,
            area_ha: cover,
            volume_m3_per_ha: k < 0.8 ? 20 + rng() * 200 : null,
            age_yr: k > 0.4 ? 3 + Math.floor(rng() * 50) : null,
            site_class: rng() < 0.8 ? 1 + Math.floor(rng() * 3) : null,
            share: 0.5,
          }),
        );
      } else if (cover > 0 && code === 5) {
        const known = rng() < 0.6;
        cell.stands.push(stand({ id: `b${i}`, species_group: 'moso_bamboo', forest_type: 'bamboo', area_ha: cover, culm_density_per_ha: known ? 1500 + rng() * 3000 : null, mean_dbh_cm: known ? 7 + rng() * 5 : null }));
      } else if (cover > 0 && code === 6) {
        cell.stands.push(stand({ id: `h${i}`, species_group: 'shrub', forest_type: 'shrub', area_ha: cover }));
      } else if (cover > 0 && code === 9) {
        cell.wetlands.push({ id: `w${i}`, wetland_type: 'marsh', area_ha: cover });
      } else if (cover > 0 && code === 10) {
        cell.wetlands.push({ id: `w${i}`, wetland_type: WATER[Math.floor(rng() * WATER.length)]!, area_ha: cover });
      }
      return cell;
    });
  }
  const merge = (cells: ParcelInventory[]): ParcelInventory => ({
    area_ha: cells.reduce((s, c) => s + c.area_ha, 0),
    landcover: cells.flatMap((c) => c.landcover),
    stands: cells.flatMap((c) => c.stands),
    wetlands: cells.flatMap((c) => c.wetlands),
  });
  const scale = (inv: ParcelInventory, f: number): ParcelInventory => ({
    area_ha: inv.area_ha * f,
    landcover: inv.landcover.map((l) => ({ ...l, area_ha: l.area_ha * f })),
    stands: inv.stands.map((s) => ({ ...s, area_ha: s.area_ha * f, share: s.share * f })),
    wetlands: inv.wetlands.map((x) => ({ ...x, area_ha: x.area_ha * f })),
  });
  const totals = (inv: ParcelInventory) => {
    const r = analyseParcelCarbon(inv, { monte_carlo_runs: 2, seed: 1 });
    return { stock: r.total.stock_tC, sink: r.total.sink_tC_per_yr, area: r.area_ha };
  };

  it('partitioning a parcel into two halves preserves stock and sink (40 random parcels)', () => {
    const rng = mulberry32(2024);
    for (let trial = 0; trial < 40; trial++) {
      const cells = randomCells(rng, 2 + Math.floor(rng() * 12));
      const inA = cells.map(() => rng() < 0.5);
      const A = cells.filter((_, i) => inA[i]);
      const B = cells.filter((_, i) => !inA[i]);
      if (A.length === 0 || B.length === 0) continue;
      const whole = totals(merge(cells));
      const a = totals(merge(A));
      const b = totals(merge(B));
      expect(a.stock + b.stock).toBeCloseTo(whole.stock, 6);
      expect(a.sink + b.sink).toBeCloseTo(whole.sink, 6);
      expect(a.area + b.area).toBeCloseTo(whole.area, 9);
    }
  });

  it('cutting every item in proportions f and 1 − f preserves stock and sink, even with inconsistent data', () => {
    const rng = mulberry32(99);
    for (let trial = 0; trial < 20; trial++) {
      const inv = merge(randomCells(rng, 3 + Math.floor(rng() * 8)));
      // make the data inconsistent: stands and wetlands larger than their classes
      inv.stands = inv.stands.map((s) => ({ ...s, area_ha: s.area_ha * 1.8 }));
      inv.wetlands = inv.wetlands.map((x) => ({ ...x, area_ha: x.area_ha * 1.8 }));
      const f = 0.1 + 0.8 * rng();
      const whole = totals(inv);
      const a = totals(scale(inv, f));
      const b = totals(scale(inv, 1 - f));
      expect(a.stock + b.stock).toBeCloseTo(whole.stock, 6);
      expect(a.sink + b.sink).toBeCloseTo(whole.sink, 6);
    }
  });
});

describe('parcel analysis: eligibility and errors', () => {
  const bare: ParcelInventory = { area_ha: 2, landcover: [{ code: 12, area_ha: 1.5 }, { code: 9, area_ha: 0.5 }], stands: [], wetlands: [] };

  it('afforestation without the non-forest flag is not creditable, with a reason', () => {
    const r = analyseParcelCarbon(bare, { ...FAST, methodology: 'CCER-14-001-V01' });
    expect(r.eligibility.eligible).toBe(false);
    expect(r.eligibility.reasons.map((x) => x.code)).toEqual(['wetland_excluded', 'non_forest_years_missing']);
    expect(r.projection.every((p) => p.creditable_tCO2e === 0)).toBe(true);
    expect(r.value.npv_cny).toBe(0);
    expect(r.projection[5]!.project_tCO2e).toBeGreaterThan(0); // the trees would still grow
  });

  it('afforestation with ≥ 3 non-forest years credits planted growth on the 1.5 ha of bare land', () => {
    const r = analyseParcelCarbon(bare, { ...FAST, methodology: 'CCER-14-001', non_forest_years: 5, crediting_years: 20, planting: { species_group: 'chinese_fir', site_class: 2 } });
    expect(r.eligibility.eligible).toBe(true);
    expect(r.credits.activity_area_ha).toBe(1.5);
    // stock gain over 20 years = 1.5 ha × C_fir(V(20) = 146.499 m³/ha) = 1.5 × 146.499 × 0.325021 = 71.42 t C
    const gain = r.projection.reduce((s, p) => s + p.project_tCO2e, 0);
    expect(gain).toBeCloseTo(1.5 * richardsVolume({ a_m3_per_ha: 300, k_per_yr: 0.06, c: 2 }, 20) * C_PER_M3_FIR * (44 / 12), 6);
    expect(r.projection).toHaveLength(20);
  });

  it('a parcel below 400 m² is refused', () => {
    const r = analyseParcelCarbon({ area_ha: 0.03, landcover: [{ code: 2, area_ha: 0.03 }], stands: [], wetlands: [] }, FAST);
    expect(r.eligibility.eligible).toBe(false);
    expect(r.eligibility.reasons.map((x) => x.code)).toContain('parcel_too_small');
  });

  it('missing classes and malformed input are errors naming the problem', () => {
    expect(() => analyseParcelCarbon({ area_ha: 1, landcover: [{ code: 200, area_ha: 1 }], stands: [], wetlands: [] }, FAST)).toThrow(MissingLucodeError);
    expect(() => analyseParcelCarbon({ area_ha: 1, landcover: [{ code: 200, area_ha: 1 }], stands: [], wetlands: [] }, FAST)).toThrow('[200]');
    try {
      analyseParcelCarbon({ area_ha: -1, landcover: [{ code: 1, area_ha: NaN }], stands: [], wetlands: [] }, FAST);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CarbonInputError);
      expect((e as CarbonInputError).problems).toHaveLength(2);
    }
    expect(() => analyseParcelCarbon(bare, { methodology: 'nope' })).toThrow(/unknown methodology/);
  });

  it('nodata (code 0) carries no carbon and is reported as unclassified', () => {
    const r = analyseParcelCarbon({ area_ha: 2, landcover: [{ code: 0, area_ha: 1 }, { code: 8, area_ha: 1 }], stands: [], wetlands: [] }, FAST);
    expect(r.classes.map((c) => c.code)).toEqual([8]);
    expect(r.unclassified_area_ha).toBe(1);
    expect(r.total.stock_tC).toBeCloseTo(69.3, 10);
  });
});

describe('parcel analysis: warnings are aggregated per code', () => {
  it('a dozen wetland records off water land cover give one warning with count, total area and ids', () => {
    const wetlands = Array.from({ length: 12 }, (_, i) => ({ id: `w${i + 1}`, wetland_type: 'lake', area_ha: 1 }));
    const r = analyseParcelCarbon(
      {
        area_ha: 10,
        landcover: [{ code: 10, area_ha: 6 }, { code: 8, area_ha: 4 }],
        stands: [
          stand({ id: 's1', area_ha: 1, age_yr: 10 }),
          stand({ id: 's2', area_ha: 1, age_yr: 12 }),
        ],
        wetlands,
      },
      FAST,
    );
    const codes = r.warnings.map((w) => w.code);
    expect(new Set(codes).size).toBe(codes.length);
    const wet = r.warnings.filter((w) => w.code === 'wetland_excess_area');
    expect(wet).toHaveLength(1);
    // 12 ha of lake records on 6 ha of open water: each record keeps 0.5 ha, 6 ha in all not counted
    expect(wet[0]!.en).toContain('12 wetland records, 6.0000 ha in all');
    expect(wet[0]!.en).toContain('w1 0.5000 ha');
    expect(wet[0]!.en).toContain('and 2 more');
    expect(wet[0]!.zh).toContain('12 处湿地,共 6.0000 公顷');
    const fromAge = r.warnings.find((w) => w.code === 'stand_volume_from_age')!;
    expect(fromAge.en).toContain('2 stands (s1 10 yr, s2 12 yr)');
    expect(r.warnings.find((w) => w.code === 'stand_excess_area')!.en).toContain('2 stands, 2.0000 ha in all');
  });
});

describe('defaultMonteCarloRuns', () => {
  it('uses 500 runs for ordinary parcels and never fewer than 100 for county-sized ones', () => {
    expect(defaultMonteCarloRuns(0)).toBe(500);
    expect(defaultMonteCarloRuns(500)).toBe(500);
    expect(defaultMonteCarloRuns(1000)).toBe(250); // 250,000 stand-runs / 1,000 stands
    expect(defaultMonteCarloRuns(10_000)).toBe(100);
  });
});
