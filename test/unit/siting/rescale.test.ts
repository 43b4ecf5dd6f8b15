import { describe, expect, it } from 'vitest';
import { checkRescale, rescale, rescaleRaster, type RescaleFn } from '../../../layers/siting/rescale.ts';

describe('rescaling criteria to 0–1', () => {
  const lin: RescaleFn = { kind: 'linear', unit: '°', breakpoints: [[0, 1], [5, 1], [25, 0]] };
  it('linear: flat, then interpolated between breakpoints, clamped outside', () => {
    expect(rescale(lin, -3)).toBe(1);
    expect(rescale(lin, 5)).toBe(1);
    expect(rescale(lin, 15)).toBeCloseTo(0.5, 12);
    expect(rescale(lin, 20)).toBeCloseTo(0.25, 12);
    expect(rescale(lin, 40)).toBe(0);
    expect(rescale(lin, NaN)).toBeNaN();
  });
  it('step: s0 below the first threshold, s_m from t_m on', () => {
    const f: RescaleFn = { kind: 'step', unit: 'm', thresholds: [100, 500], scores: [0, 0.5, 1] };
    expect([99.9, 100, 499, 500, 1e6].map((x) => rescale(f, x))).toEqual([0, 0.5, 0.5, 1, 1]);
  });
  it('sigmoid: 0.5 at the midpoint, logistic around it, falling for negative steepness', () => {
    const f: RescaleFn = { kind: 'sigmoid', unit: 'm', midpoint: 200, steepness_per_unit: 0.02 };
    expect(rescale(f, 200)).toBe(0.5);
    expect(rescale(f, 300)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(rescale({ ...f, steepness_per_unit: -0.02 }, 300)).toBeCloseTo(1 / (1 + Math.exp(2)), 12);
  });
  it('classes: a score per code, the default for the rest', () => {
    const f: RescaleFn = { kind: 'classes', unit: 'class', scores: { 12: 1, 6: 0.6 }, default: 0.3 };
    expect([12, 6, 1].map((x) => rescale(f, x))).toEqual([1, 0.6, 0.3]);
  });
  it('rasters are quantised to bytes (255 = 1), nodata → 0', () => {
    expect([...rescaleRaster(lin, [0, 15, 25, -9999, NaN], -9999)]).toEqual([255, 128, 0, 0, 0]);
  });
  it('refuses decreasing breakpoints, scores outside 0–1 and a zero steepness', () => {
    expect(() => checkRescale({ kind: 'linear', unit: 'm', breakpoints: [[5, 0], [1, 1]] }, 'road')).toThrow(/must increase/);
    expect(() => checkRescale({ kind: 'step', unit: 'm', thresholds: [1], scores: [0, 2] })).toThrow(/0–1/);
    expect(() => checkRescale({ kind: 'step', unit: 'm', thresholds: [1, 2], scores: [0, 1] })).toThrow(/one more score/);
    expect(() => checkRescale({ kind: 'sigmoid', unit: 'm', midpoint: 1, steepness_per_unit: 0 })).toThrow(/steepness/);
    expect(() => checkRescale(lin)).not.toThrow();
  });
});
