/**
 * Turbine power from a power curve (windpowerlib.power_output): linear interpolation between the
 * curve's points, 0 outside them (numpy.interp with left = right = 0), and the density
 * correction of IEC 61400-12-1 as windpowerlib applies it: the curve's speeds are scaled by
 * (1.225 / ρ)^x, x = 1/3 up to 7.5 m/s, 2/3 from 12.5 m/s, linear between
 * (windpowerlib `power_curve_density_correction`; Svenningsen 2010).
 */
import { WindInputError } from './errors.ts';

/** Linear interpolation of (xs, ys) at x, 0 outside [xs[0], xs[last]]. */
function interpZero(x: number, xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (!(x >= xs[0] && x <= xs[n - 1])) return 0;
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid; else hi = mid;
  }
  const span = xs[hi] - xs[lo];
  return span > 0 ? ys[lo] + ((ys[hi] - ys[lo]) * (x - xs[lo])) / span : ys[hi];
}

/** The curve's speeds at air density `density` (kg/m³): v · (1.225/ρ)^x(v). Powers are unchanged. */
export function densityCorrectedSpeeds(curve_v: readonly number[], density: number): number[] {
  if (!(density > 0)) throw new WindInputError([`density must be positive, got ${density}`]);
  return curve_v.map((v) => {
    const x = v <= 7.5 ? 1 / 3 : v >= 12.5 ? 2 / 3 : 1 / 3 + ((v - 7.5) / 5) * (1 / 3);
    return v * (1.225 / density) ** x;
  });
}

/**
 * @param wind_speed m/s at hub height
 * @param curve_v curve speeds, m/s, ascending; @param curve_p curve power (any unit; the answer has it)
 * @param opts.density air density at hub, kg/m³, with `density_correction` true to correct the curve
 */
export function powerCurve(wind_speed: number, curve_v: readonly number[], curve_p: readonly number[], opts: { density?: number; density_correction?: boolean } = {}): number {
  if (curve_v.length !== curve_p.length || curve_v.length < 2) throw new WindInputError(['curve_v and curve_p must have the same length, at least 2']);
  const speeds = opts.density_correction ? densityCorrectedSpeeds(curve_v, opts.density ?? NaN) : curve_v;
  return interpZero(wind_speed, speeds, curve_p);
}
