/**
 * Wind speed at hub height from a measurement at another height (windpowerlib.wind_speed).
 *
 * - Power law (Hellman): v_h = v_ref · (h / h_ref)^α, with α = 1/7 by default, or α = 1 / ln(h / z0)
 *   when the roughness length z0 is given (as windpowerlib's `hellman`; Hau 2008, Wind Turbines, p. 517).
 * - Logarithmic profile: v_h = v_ref · ln((h − 0.7 d) / z0) / ln((h_ref − 0.7 d) / z0), d = obstacle
 *   height (windpowerlib's `logarithmic_profile`; Quaschning 2011).
 * Reference values: /work/shared/reference/solar-wind.md §5.
 */
import { requirePositive, WindInputError } from './errors.ts';

/**
 * @param wind_speed m/s at `wind_speed_height_m`
 * @param wind_speed_height_m height of the measurement above ground, m
 * @param hub_height_m height wanted, m
 * @param opts.roughness_length_m z0, m (sets α = 1/ln(h/z0)); opts.hellman_exponent α (default 1/7)
 * @returns m/s at `hub_height_m`
 */
export function windSpeedHellman(wind_speed: number, wind_speed_height_m: number, hub_height_m: number, opts: { roughness_length_m?: number; hellman_exponent?: number } = {}): number {
  requirePositive({ wind_speed_height_m, hub_height_m });
  if (!(wind_speed >= 0)) throw new WindInputError([`wind_speed must be ≥ 0, got ${wind_speed}`]);
  let alpha = opts.hellman_exponent ?? 1 / 7;
  if (opts.roughness_length_m !== undefined) {
    requirePositive({ roughness_length_m: opts.roughness_length_m });
    alpha = 1 / Math.log(hub_height_m / opts.roughness_length_m);
  }
  return wind_speed * (hub_height_m / wind_speed_height_m) ** alpha;
}

/**
 * @param roughness_length_m z0, m; @param obstacle_height_m d, m (the profile starts at 0.7 d)
 * @returns m/s at `hub_height_m`
 */
export function windSpeedLogarithmic(wind_speed: number, wind_speed_height_m: number, hub_height_m: number, roughness_length_m: number, obstacle_height_m = 0): number {
  requirePositive({ wind_speed_height_m, hub_height_m, roughness_length_m });
  const d = 0.7 * obstacle_height_m;
  if (hub_height_m - d <= roughness_length_m || wind_speed_height_m - d <= roughness_length_m) {
    throw new WindInputError([`both heights must exceed 0.7 × obstacle height + roughness length (${(d + roughness_length_m).toFixed(2)} m)`]);
  }
  return wind_speed * Math.log((hub_height_m - d) / roughness_length_m) / Math.log((wind_speed_height_m - d) / roughness_length_m);
}

/** Shear exponent α from speeds v1, v2 measured at heights h1, h2 (m): α = ln(v2/v1) / ln(h2/h1). */
export function hellmanExponentFromSpeeds(v1: number, h1: number, v2: number, h2: number): number {
  requirePositive({ v1, h1, v2, h2 });
  if (h1 === h2) throw new WindInputError(['the two heights must differ']);
  return Math.log(v2 / v1) / Math.log(h2 / h1);
}
