import { describe, expect, it } from 'vitest';
import { AHP_RANDOM_INDEX, ahp, consistentMatrix, nearestSaaty } from '../../../layers/siting/ahp.ts';
import { SitingInputError } from '../../../layers/siting/errors.ts';

describe('AHP', () => {
  it("Saaty's 3 × 3 textbook matrix: weights 0.637 / 0.258 / 0.105, λmax 3.039, CR 0.033", () => {
    // A = [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]] (Saaty 1980; the values printed in most AHP texts)
    const r = ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]);
    expect(r.weights[0]).toBeCloseTo(0.637, 3);
    expect(r.weights[1]).toBeCloseTo(0.258, 3);
    expect(r.weights[2]).toBeCloseTo(0.105, 3);
    expect(r.lambda_max).toBeCloseTo(3.0385, 4);
    expect(r.ci).toBeCloseTo((r.lambda_max - 3) / 2, 12);
    expect(r.cr).toBeCloseTo(0.0332, 4);
    expect(r.ri).toBe(0.58);
    expect(r.consistent).toBe(true);
  });

  it('the weights are the principal eigenvector: A w = λmax w', () => {
    const a = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]];
    const r = ahp(a);
    for (let i = 0; i < 3; i++) {
      const aw = a[i].reduce((s, v, j) => s + v * r.weights[j], 0);
      expect(aw).toBeCloseTo(r.lambda_max * r.weights[i], 12);
    }
  });

  it('a consistent matrix a_ij = w_i/w_j gives back w with λmax = n and CR = 0', () => {
    const w = [0.4, 0.3, 0.2, 0.1];
    const r = ahp(consistentMatrix(w));
    r.weights.forEach((v, i) => expect(v).toBeCloseTo(w[i], 12));
    expect(r.lambda_max).toBeCloseTo(4, 12);
    expect(r.cr).toBeCloseTo(0, 12);
  });

  it('CR ≥ 0.10 is flagged and names the judgement that breaks consistency', () => {
    const a = consistentMatrix([0.4, 0.3, 0.2, 0.1]).map((row) => row.map((v) => nearestSaaty(v)));
    // make criterion 1 vs 4 say the opposite of the other judgements: 1/4 instead of 4
    a[0][3] = 1 / 4;
    a[3][0] = 4;
    const r = ahp(a);
    expect(r.cr).toBeGreaterThanOrEqual(0.1);
    expect(r.consistent).toBe(false);
    expect(r.most_inconsistent).toMatchObject({ i: 0, j: 3, given: 0.25 });
    expect(r.most_inconsistent!.suggested).toBeGreaterThanOrEqual(1); // the weights still rank 1 above 4
  });

  it('a cyclic 3 × 3 (A > B > C > A) is maximally inconsistent', () => {
    const r = ahp([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]);
    expect(r.weights.map((v) => +v.toFixed(9))).toEqual([1 / 3, 1 / 3, 1 / 3].map((v) => +v.toFixed(9)));
    // λmax = 1 + 9 + 1/9 for this circulant matrix
    expect(r.lambda_max).toBeCloseTo(1 + 9 + 1 / 9, 9);
    expect(r.cr).toBeGreaterThan(1);
  });

  it('RI(n) follows the reference table for n = 3..10', () => {
    expect([3, 4, 5, 6, 7, 8, 9, 10].map((n) => AHP_RANDOM_INDEX[n].value)).toEqual([0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);
    for (const row of Object.values(AHP_RANDOM_INDEX)) expect(row.source.length).toBeGreaterThan(5);
  });

  it('refuses non-reciprocal, off-scale or non-square matrices, naming the entry, in Chinese too', () => {
    expect(() => ahp([[1, 3], [3, 1]])).toThrow(/a\[2\]\[1\] must be 1\/a\[1\]\[2\]/);
    expect(() => ahp([[1, 12], [1 / 12, 1]])).toThrow(/outside Saaty's scale/);
    expect(() => ahp([[1, 2, 3], [0.5, 1]])).toThrow(SitingInputError);
    try { ahp([[2, 1], [1, 1]]); } catch (e) { expect((e as SitingInputError).problems_zh[0]).toMatch(/对角元/); }
    // 1/3 written as 0.333 passes
    expect(ahp([[1, 3], [0.333, 1]]).weights[0]).toBeCloseTo(0.75, 3);
  });

  it('nearestSaaty rounds ratios onto the 1–9 scale', () => {
    expect(nearestSaaty(2.4)).toBe(2);
    expect(nearestSaaty(0.3)).toBeCloseTo(1 / 3, 12);
    expect(nearestSaaty(20)).toBe(9);
  });
});
