/**
 * The Weibull distribution of wind speed: density, maximum-likelihood fit to a series, the wind
 * power density and the mean output of a power curve over the distribution.
 *
 * f(v) = (k/A)(v/A)^(k−1) exp(−(v/A)^k); E[v] = A Γ(1 + 1/k); E[v³] = A³ Γ(1 + 3/k);
 * P/A_rotor = ½ ρ E[v³] (reference §5: A 6, k 2, ρ 1.225 → 175.87 W/m²).
 * Fit: maximum likelihood (Seguro & Lambert 2000, J. Wind Eng. Ind. Aerodyn. 85), Newton's method on
 * Σ v^k ln v / Σ v^k − 1/k − mean(ln v) = 0, then A = (mean v^k)^(1/k); calm hours (v = 0) carry no
 * likelihood and are left out of the fit, their share returned as `calm_fraction`.
 * Γ: Lanczos approximation (g = 7, 9 terms; Lanczos 1964, coefficients as in Numerical Recipes 3rd
 * ed. §6.1 / Boost), relative error < 1e-13 — one function, so no package (@stdlib's gamma would
 * bring its dependency tree for it).
 */
import { requirePositive, WindInputError } from './errors.ts';

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** Γ(x) for real x (reflection below 0.5). */
export function gammaFn(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFn(1 - x));
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * a;
}

/** Weibull density at v (m/s) for scale A (m/s) and shape k. */
export function weibullPdf(v: number, A: number, k: number): number {
  if (v < 0) return 0;
  return (k / A) * (v / A) ** (k - 1) * Math.exp(-((v / A) ** k));
}

/** Maximum-likelihood Weibull fit of wind speeds (m/s). */
export function weibullFit(speeds: ArrayLike<number>): { A: number; k: number; mean: number; calm_fraction: number } {
  const xs: number[] = [];
  let sum = 0;
  for (let i = 0; i < speeds.length; i++) {
    const v = speeds[i];
    if (!Number.isFinite(v) || v < 0) throw new WindInputError([`wind speed #${i} is ${v}; speeds must be finite and ≥ 0`]);
    sum += v;
    if (v > 0) xs.push(v);
  }
  if (xs.length < 10) throw new WindInputError([`a Weibull fit needs at least 10 non-calm speeds, got ${xs.length}`]);
  const logs = xs.map(Math.log);
  const meanLog = logs.reduce((s, l) => s + l, 0) / xs.length;
  // Newton on g(k) = S1/S0 − 1/k − meanLog, S0 = Σ v^k, S1 = Σ v^k ln v, S2 = Σ v^k ln² v.
  let k = 2;
  for (let iter = 0; iter < 100; iter++) {
    let s0 = 0, s1 = 0, s2 = 0;
    for (let i = 0; i < xs.length; i++) {
      const p = xs[i] ** k;
      s0 += p; s1 += p * logs[i]; s2 += p * logs[i] * logs[i];
    }
    const g = s1 / s0 - 1 / k - meanLog;
    const dg = (s2 * s0 - s1 * s1) / (s0 * s0) + 1 / (k * k);
    const next = Math.max(0.05, k - g / dg);
    if (Math.abs(next - k) < 1e-12 * k) { k = next; break; }
    k = next;
  }
  const A = (xs.reduce((s, v) => s + v ** k, 0) / xs.length) ** (1 / k);
  return { A, k, mean: sum / speeds.length, calm_fraction: 1 - xs.length / speeds.length };
}

/** Wind power density ½ ρ A³ Γ(1 + 3/k), W/m² (ρ kg/m³). */
export function powerDensity(A: number, k: number, rho = 1.225): number {
  requirePositive({ A, k, rho });
  return 0.5 * rho * A ** 3 * gammaFn(1 + 3 / k);
}

/**
 * Mean output of a piecewise-linear power curve over a Weibull distribution, ∫ P(v) f(v) dv (same
 * unit as `curve_p`): composite Simpson's rule with 64 panels on every segment of the curve
 * (the integrand is smooth there; the curve is 0 outside it), relative error < 1e-9.
 */
export function weibullMeanPower(A: number, k: number, curve_v: readonly number[], curve_p: readonly number[]): number {
  requirePositive({ A, k });
  if (curve_v.length !== curve_p.length || curve_v.length < 2) throw new WindInputError(['curve_v and curve_p must have the same length, at least 2']);
  const N = 64;
  let total = 0;
  for (let j = 0; j + 1 < curve_v.length; j++) {
    const a = curve_v[j], b = curve_v[j + 1];
    if (!(b > a)) continue;
    const h = (b - a) / N;
    const p = (v: number) => (curve_p[j] + ((curve_p[j + 1] - curve_p[j]) * (v - a)) / (b - a)) * weibullPdf(v, A, k);
    let s = p(a) + p(b);
    for (let i = 1; i < N; i++) s += (i % 2 ? 4 : 2) * p(a + i * h);
    total += (s * h) / 3;
  }
  return total;
}

/** Mean output of a power curve over a series of hub-height speeds (m/s), optionally density-corrected. */
export function meanPowerFromSeries(speeds: ArrayLike<number>, power: (v: number) => number): number {
  let s = 0;
  for (let i = 0; i < speeds.length; i++) s += power(speeds[i]);
  return s / speeds.length;
}
