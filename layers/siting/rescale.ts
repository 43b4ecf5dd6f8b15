/**
 * Rescaling a criterion's raw value (its unit: kWh/m²/yr, °, m, W/m², …) to a score in [0, 1],
 * the x_i of S = Σ w_i x_i · Π c_j (reference/solar-wind.md §6). Three editable kinds, the ones
 * GIS multi-criteria tools offer (e.g. ArcGIS "Rescale by Function", IDRISI FUZZY):
 *
 * - `linear`: piecewise linear between breakpoints [[x₀, s₀], [x₁, s₁], …] (x increasing);
 *   constant s₀ below x₀ and s_last above x_last;
 * - `step`: thresholds t₁ < t₂ < … and scores s₀ … s_k (one more than thresholds):
 *   s₀ for x < t₁, s_m for t_m ≤ x < t_{m+1}, s_k for x ≥ t_k;
 * - `sigmoid`: logistic 1 / (1 + exp(−k (x − x_mid))) with k > 0 rising, k < 0 falling
 *   (k in 1/unit; |k| = 4.394 / width spans 10 %–90 % over `width` units).
 * - `classes`: a score per integer class code (land cover), `default` for the others.
 *
 * Every function carries the `unit` of its x, shown beside the breakpoints; scores are clamped to [0, 1].
 */
import { throwIfProblems } from './errors.ts';

export type RescaleFn =
  | { kind: 'linear'; unit: string; breakpoints: [number, number][] }
  | { kind: 'step'; unit: string; thresholds: number[]; scores: number[] }
  | { kind: 'sigmoid'; unit: string; midpoint: number; steepness_per_unit: number }
  | { kind: 'classes'; unit: string; scores: Record<string, number>; default: number };

const clamp01 = (s: number) => (s < 0 ? 0 : s > 1 ? 1 : s);

/**
 * Check a rescaling function's parameters: breakpoints with increasing x, thresholds increasing,
 * one more score than thresholds, scores in [0, 1], finite numbers, steepness ≠ 0.
 * @param name criterion name, for the messages
 * @throws SitingInputError naming each problem
 */
export function checkRescale(fn: RescaleFn, name = 'criterion'): void {
  const p: { en: string; zh: string }[] = [];
  const fin = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const score = (v: unknown, where: string) => {
    if (!fin(v) || (v as number) < 0 || (v as number) > 1) p.push({ en: `${name}: ${where} score must be in 0–1, got ${String(v)}`, zh: `${name}：${where}的得分须在 0–1 之间，实为 ${String(v)}` });
  };
  if (fn.kind === 'linear') {
    if (!fn.breakpoints.length) p.push({ en: `${name}: a linear function needs at least one breakpoint`, zh: `${name}：线性函数至少需要一个断点` });
    fn.breakpoints.forEach(([x, s], k) => {
      if (!fin(x)) p.push({ en: `${name}: breakpoint ${k + 1} x must be a finite number`, zh: `${name}：第 ${k + 1} 个断点的 x 须为有限数` });
      if (k > 0 && !(x > fn.breakpoints[k - 1][0])) p.push({ en: `${name}: breakpoint x values must increase (${fn.breakpoints[k - 1][0]} then ${x})`, zh: `${name}：断点 x 须递增（${fn.breakpoints[k - 1][0]} 之后为 ${x}）` });
      score(s, `breakpoint ${k + 1}`);
    });
  } else if (fn.kind === 'step') {
    if (fn.scores.length !== fn.thresholds.length + 1) p.push({ en: `${name}: a step function needs one more score than thresholds (${fn.thresholds.length} thresholds, ${fn.scores.length} scores)`, zh: `${name}：阶梯函数的得分须比阈值多一个（${fn.thresholds.length} 个阈值，${fn.scores.length} 个得分）` });
    fn.thresholds.forEach((t, k) => {
      if (!fin(t)) p.push({ en: `${name}: threshold ${k + 1} must be a finite number`, zh: `${name}：第 ${k + 1} 个阈值须为有限数` });
      if (k > 0 && !(t > fn.thresholds[k - 1])) p.push({ en: `${name}: thresholds must increase`, zh: `${name}：阈值须递增` });
    });
    fn.scores.forEach((s, k) => score(s, `step ${k + 1}`));
  } else if (fn.kind === 'sigmoid') {
    if (!fin(fn.midpoint)) p.push({ en: `${name}: midpoint must be a finite number`, zh: `${name}：中点须为有限数` });
    if (!fin(fn.steepness_per_unit) || fn.steepness_per_unit === 0) p.push({ en: `${name}: steepness must be a non-zero finite number (1/${fn.unit})`, zh: `${name}：陡度须为非零有限数（1/${fn.unit}）` });
  } else if (fn.kind === 'classes') {
    for (const [k, s] of Object.entries(fn.scores)) score(s, `class ${k}`);
    score(fn.default, 'default');
  } else {
    p.push({ en: `${name}: unknown rescaling kind ${String((fn as { kind: unknown }).kind)}`, zh: `${name}：未知的标准化函数类型 ${String((fn as { kind: unknown }).kind)}` });
  }
  throwIfProblems(p);
}

/** Score in [0, 1] of raw value `x` (in the function's unit); NaN for NaN input. */
export function rescale(fn: RescaleFn, x: number): number {
  if (x !== x) return NaN;
  switch (fn.kind) {
    case 'linear': {
      const b = fn.breakpoints;
      if (x <= b[0][0]) return clamp01(b[0][1]);
      for (let k = 1; k < b.length; k++) {
        if (x <= b[k][0]) {
          const [x0, s0] = b[k - 1];
          const [x1, s1] = b[k];
          return clamp01(s0 + ((x - x0) / (x1 - x0)) * (s1 - s0));
        }
      }
      return clamp01(b[b.length - 1][1]);
    }
    case 'step': {
      let m = 0;
      while (m < fn.thresholds.length && x >= fn.thresholds[m]) m++;
      return clamp01(fn.scores[m]);
    }
    case 'sigmoid':
      return 1 / (1 + Math.exp(-fn.steepness_per_unit * (x - fn.midpoint)));
    case 'classes': {
      const s = fn.scores[String(Math.round(x))];
      return clamp01(s ?? fn.default);
    }
  }
}

/** Scores are stored as bytes: q = round(255 · s); the score used is q / 255 (a step of 0.0039). */
export const SCORE_LEVELS = 255;

/**
 * Rescale a whole raster to quantised scores (Uint8, 255 = 1; nodata → 0 and flagged in `valid`).
 * @param values raw values (unit of `fn`)
 * @param nodata value that marks missing data (NaN always does)
 */
export function rescaleRaster(fn: RescaleFn, values: ArrayLike<number>, nodata: number | null = null, out = new Uint8Array(values.length)): Uint8Array {
  const n = values.length;
  const q = (v: number) => Math.round(rescale(fn, v) * SCORE_LEVELS);
  // Byte rasters (class codes): a 256-entry lookup table.
  if (values instanceof Uint8Array) {
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) lut[v] = v === nodata ? 0 : q(v);
    for (let i = 0; i < n; i++) out[i] = lut[values[i]];
    return out;
  }
  if (fn.kind === 'linear') {
    // The same interpolation as rescale(), inlined for speed.
    const xs = fn.breakpoints.map((b) => b[0]), ss = fn.breakpoints.map((b) => clamp01(b[1]));
    const m = xs.length, x0 = xs[0], xl = xs[m - 1], s0 = Math.round(ss[0] * SCORE_LEVELS), sl = Math.round(ss[m - 1] * SCORE_LEVELS);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v || v === nodata) { out[i] = 0; continue; }
      if (v <= x0) { out[i] = s0; continue; }
      if (v > xl) { out[i] = sl; continue; }
      let k = 1;
      while (v > xs[k]) k++;
      const a = xs[k - 1];
      // + 0.5 then truncation on the byte store = rounding (the value is ≥ 0)
      out[i] = (ss[k - 1] + ((v - a) / (xs[k] - a)) * (ss[k] - ss[k - 1])) * SCORE_LEVELS + 0.5;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v !== v || v === nodata ? 0 : q(v);
  }
  return out;
}
