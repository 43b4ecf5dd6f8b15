/**
 * The fixed orientation that collects the most irradiance on the cells over the weather year:
 * maximises Σ (beam × IAM + sky diffuse + ground-reflected) on the plane, the quantity the DC
 * energy is proportional to before temperature and inverter effects (as PVGIS's "optimise slope").
 * The annual sum is unimodal in tilt for a fixed azimuth, so a golden-section search finds it;
 * an azimuth search (when asked) scans 90–270° in 10° steps, then refines by golden section.
 */
import { iamPhysical } from './iam.ts';
import { poaHour, type PoaHour } from './pv-chain.ts';
import type { SkyHours } from './sky-hours.ts';

const PHI = (Math.sqrt(5) - 1) / 2;

/** Annual irradiation reaching the cells of a plane, kWh/m²/yr. */
export function effectiveIrradiation(sky: SkyHours, tilt: number, azimuth: number, albedo: number): number {
  const p: PoaHour = { beam: 0, sky: 0, ground: 0, open_beam_sky: 0, aoi: 0 };
  let wh = 0;
  for (let i = 0; i < sky.n; i++) {
    if (sky.ghi[i] <= 0 && sky.dni[i] <= 0 && sky.dhi[i] <= 0) continue;
    poaHour(sky, i, tilt, azimuth, albedo, p);
    wh += (p.beam > 0 ? p.beam * iamPhysical(p.aoi) : 0) + p.sky + p.ground;
  }
  return wh / 1000;
}

function goldenMax(f: (x: number) => number, lo: number, hi: number, tol: number): number {
  let a = lo, b = hi;
  let c = b - PHI * (b - a), d = a + PHI * (b - a);
  let fc = f(c), fd = f(d);
  while (b - a > tol) {
    if (fc >= fd) { b = d; d = c; fd = fc; c = b - PHI * (b - a); fc = f(c); }
    else { a = c; c = d; fc = fd; d = a + PHI * (b - a); fd = f(d); }
  }
  return (a + b) / 2;
}

export interface Orientation {
  surface_tilt: number;
  surface_azimuth: number;
  /** Irradiation reaching the cells at this orientation, kWh/m²/yr. */
  effective_kwh_per_m2_yr: number;
}

/**
 * Optimal tilt (0 – `max_tilt`°, to 0.1°) for `azimuth` (degrees from north; 180 = south), or for
 * the best azimuth too when `azimuth` is 'optimal' (to 0.5°). With `fixed_tilt` only the azimuth
 * is searched.
 */
export function optimalOrientation(sky: SkyHours, azimuth: number | 'optimal', albedo: number, max_tilt = 60, fixed_tilt?: number): Orientation {
  const bestTilt = (az: number) =>
    fixed_tilt ?? goldenMax((tilt) => effectiveIrradiation(sky, tilt, az, albedo), 0, max_tilt, 0.1);
  let az = typeof azimuth === 'number' ? azimuth : 180;
  if (azimuth === 'optimal') {
    const tilt0 = bestTilt(180);
    let best = -Infinity;
    for (let a = 90; a <= 270; a += 10) {
      const e = effectiveIrradiation(sky, tilt0, a, albedo);
      if (e > best) { best = e; az = a; }
    }
    az = goldenMax((a) => effectiveIrradiation(sky, tilt0, a, albedo), Math.max(0, az - 10), Math.min(360, az + 10), 0.5);
  }
  const tilt = bestTilt(az);
  return { surface_tilt: tilt, surface_azimuth: az, effective_kwh_per_m2_yr: effectiveIrradiation(sky, tilt, az, albedo) };
}
