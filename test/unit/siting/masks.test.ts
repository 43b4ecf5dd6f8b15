import { describe, expect, it } from 'vitest';
import { DOMAIN_CODE, MIN_AREA_CODE, checkRule, combineMasks, ruleMultiplier, type MaskRule } from '../../../layers/siting/masks.ts';
import { applyMinArea, connectedComponents } from '../../../layers/siting/min-area.ts';

const base = { id: 'r', label_zh: 'r', label_en: 'r', source: 'test', unverified: false };
const ctx = { width: 5, height: 1, cellSizeM: 30 };
const row = [1, 2, 3, 4, NaN];
const mult = (r: Partial<MaskRule>, v: number[] = row, c: Partial<typeof ctx> & { tipHeightM?: number } = {}) =>
  [...ruleMultiplier({ ...base, layer: 'x', ...r } as MaskRule, v, { ...ctx, ...c })];

describe('reV-style masks', () => {
  it('exclude_values / exclude_range: 0 where matched; nodata is kept', () => {
    expect(mult({ exclude_values: [2, 4] })).toEqual([1, 0, 1, 0, 1]);
    expect(mult({ exclude_range: [2, 3] })).toEqual([1, 0, 0, 1, 1]);
    expect(mult({ exclude_range: [3, null] })).toEqual([1, 1, 0, 0, 1]);
  });
  it('include_values / include_range: 1 only where matched; nodata is dropped', () => {
    expect(mult({ include_values: [1, 3] })).toEqual([1, 0, 1, 0, 0]);
    expect(mult({ include_range: [null, 2] })).toEqual([1, 1, 0, 0, 0]);
  });
  it('include_weights: the weight of listed values, 0 for the rest', () => {
    expect(mult({ include_weights: { 1: 1, 2: 0.5 } })).toEqual([1, 0.5, 0, 0, 0]);
  });
  it('setback in tip heights on a distance layer: excluded below multiple × tip height', () => {
    // distances 100..500 m, tip 170 m, 1.1× = 187 m, 3× = 510 m
    expect(mult({ setback_tip_heights: 1.1 }, [100, 200, 300, 400, 500], { tipHeightM: 170 })).toEqual([0, 1, 1, 1, 1]);
    expect(mult({ setback_tip_heights: 3 }, [100, 200, 300, 400, 520], { tipHeightM: 170 })).toEqual([0, 0, 0, 0, 1]);
  });
  it('buffers in metres widen an exclusion through the distance transform', () => {
    // one excluded cell in a 7 × 1 row of 30 m cells; 60 m reaches two cells each way, 59 m one
    const v = [0, 0, 0, 1, 0, 0, 0];
    const c7 = { width: 7 };
    expect(mult({ exclude_values: [1], buffer_m: 60 }, v, c7)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(mult({ exclude_values: [1], buffer_m: 59 }, v, c7)).toEqual([1, 1, 0, 0, 0, 1, 1]);
    // diagonal neighbours are 42.4 m away: in a 3 × 3 with a 40 m buffer only the 4 edge neighbours go
    const c = ruleMultiplier({ ...base, layer: 'x', exclude_values: [1], buffer_m: 40 }, [0, 0, 0, 0, 1, 0, 0, 0, 0], { width: 3, height: 3, cellSizeM: 30 });
    expect([...c]).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 1]);
  });
  it('combines exclusions by multiplication and forced inclusions by maximum, naming the first excluding rule', () => {
    const layers: Record<string, number[]> = { a: [1, 1, 2, 2, 3], b: [0, 5, 0, 5, 5] };
    const rules: MaskRule[] = [
      { ...base, id: 'no_a2', layer: 'a', exclude_values: [2] },
      { ...base, id: 'b_w', layer: 'b', include_weights: { 0: 0.5, 5: 1 } },
      { ...base, id: 'no_b5', layer: 'b', exclude_values: [5] },
      { ...base, id: 'force_a3', layer: 'a', force_include_values: [3] },
    ];
    const m = combineMasks(rules, (id) => ({ values: layers[id], nodata: null }), ctx, [1, 1, 1, 1, 1]);
    expect([...m.mask]).toEqual([0.5, 0, 0, 0, 1]);
    expect([...m.excluded_by]).toEqual([0, 3, 1, 1, 0]);
    // cell 3 is excluded by rules 1 and 3 (bits 0 and 2); the forced cell 4 by none
    expect([...m.excluded_bits]).toEqual([0, 0b100, 0b1, 0b101, 0]);
    const out = combineMasks(rules, (id) => ({ values: layers[id], nodata: null }), ctx, [1, 1, 1, 1, 0]);
    expect(out.excluded_by[4]).toBe(DOMAIN_CODE);
  });
  it('checks rules: one kind, sane ranges and weights, known layers', () => {
    expect(() => checkRule({ ...base, layer: 'x', exclude_values: [1], include_values: [2] })).toThrow(/exactly one/);
    expect(() => checkRule({ ...base, layer: 'x', exclude_range: [5, 1] })).toThrow(/above max/);
    expect(() => checkRule({ ...base, layer: 'x', include_weights: { 1: 2 } })).toThrow(/0–1/);
    expect(() => checkRule({ ...base, layer: 'nope', exclude_values: [1] }, new Set(['x']))).toThrow(/unknown layer/);
    expect(() => checkRule({ ...base, layer: 'x', force_include_values: [1], buffer_m: 10 })).toThrow(/forced inclusion/);
  });
});

describe('min_area with queen and rook contiguity', () => {
  // Hand-drawn 5 × 4 grid:
  //   1 1 0 0 0
  //   1 0 0 0 0
  //   0 1 0 1 1
  //   0 0 0 1 0
  const grid = [
    1, 1, 0, 0, 0,
    1, 0, 0, 0, 0,
    0, 1, 0, 1, 1,
    0, 0, 0, 1, 0,
  ];
  it('queen joins the diagonal cell to the L; rook keeps it apart', () => {
    const q = connectedComponents(5, 4, grid, 'queen');
    const r = connectedComponents(5, 4, grid, 'rook');
    expect(q.count).toBe(2);
    expect(r.count).toBe(3);
    expect([...q.sizes].slice(1)).toEqual([4, 3]);
    expect([...r.sizes].slice(1)).toEqual([3, 1, 3]);
  });
  it('drops patches below the minimum: 4 cells keep the queen L, rook loses all', () => {
    const mq = Float32Array.from(grid);
    const ex = new Uint8Array(20);
    expect(applyMinArea(5, 4, mq, 4, 'queen', ex).dropped).toBe(3);
    expect([...mq]).toEqual(grid.map((v, i) => (i === 13 || i === 14 || i === 18 ? 0 : v)));
    expect(ex[13]).toBe(MIN_AREA_CODE);
    const mr = Float32Array.from(grid);
    expect(applyMinArea(5, 4, mr, 4, 'rook').dropped).toBe(7);
    expect([...mr].every((v) => v === 0)).toBe(true);
  });

  it('combineMasks equals the product of the rules’ multipliers for every kind (the in-place path included)', () => {
    // a 40×30 grid with a byte class layer (nodata 0), a float layer with NaN and a distance layer
    const W = 40, H = 30, n = W * H;
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const cls = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 6));
    const slope = Float32Array.from({ length: n }, () => (rnd() < 0.05 ? NaN : rnd() * 40));
    const dist = Float32Array.from({ length: n }, () => rnd() * 800);
    const layers: Record<string, { values: ArrayLike<number>; nodata: number | null }> = { cls: { values: cls, nodata: 0 }, slope: { values: slope, nodata: null }, dist: { values: dist, nodata: null } };
    const r = (x: Partial<MaskRule> & { layer: string }, id: string) => ({ ...base, id, ...x }) as MaskRule;
    const rules: MaskRule[] = [
      r({ layer: 'cls', exclude_values: [1, 0] }, 'a'), r({ layer: 'cls', include_values: [2, 3, 4] }, 'b'), r({ layer: 'slope', exclude_range: [25, null] }, 'c'),
      r({ layer: 'slope', include_range: [null, 35] }, 'd'), r({ layer: 'dist', setback_tip_heights: 1.1 }, 'e'), r({ layer: 'cls', include_weights: { 2: 0.5, 3: 1, 4: 0.25 } }, 'f'),
      r({ layer: 'cls', exclude_values: [4], buffer_m: 45 }, 'g'), r({ layer: 'slope', exclude_values: [10] }, 'h'), r({ layer: 'cls', force_include_values: [5] }, 'i'),
    ];
    const c = { width: W, height: H, cellSizeM: 30, tipHeightM: 175 };
    const domain = Uint8Array.from({ length: n }, (_, i) => (i % 17 === 0 ? 0 : 1));
    const got = combineMasks(rules, (id) => layers[id], c, domain);
    // reference: multiply each rule's multiplier raster, forced inclusions by maximum
    const mask = new Float32Array(n).fill(1), by = new Uint8Array(n), bits = new Uint32Array(n), forced = new Uint8Array(n);
    rules.forEach((rule, k) => {
      const m = ruleMultiplier(rule, layers[rule.layer].values, c, layers[rule.layer].nodata);
      if (rule.force_include_values) { for (let i = 0; i < n; i++) if (m[i] > 0) forced[i] = 1; return; }
      for (let i = 0; i < n; i++) { mask[i] *= m[i]; if (m[i] === 0) { bits[i] |= 1 << k; if (!by[i]) by[i] = k + 1; } }
    });
    for (let i = 0; i < n; i++) {
      if (forced[i]) { mask[i] = 1; by[i] = 0; bits[i] = 0; }
      if (!domain[i]) { mask[i] = 0; by[i] = DOMAIN_CODE; }
    }
    expect([...got.mask]).toEqual([...mask]);
    expect([...got.excluded_by]).toEqual([...by]);
    expect([...got.excluded_bits]).toEqual([...bits]);
    // the rules do exclude something and keep something
    expect(got.mask.some((v) => v === 0) && got.mask.some((v) => v > 0)).toBe(true);
  });
});
