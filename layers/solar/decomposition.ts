/**
 * Splitting global horizontal irradiance into direct and diffuse when a weather file has GHI
 * only (pvlib `irradiance.clearness_index`, `erbs`, `disc`).
 *
 * - Clearness index k_t = GHI / (E_a · max(cos z, min_cos_zenith)), clipped to [0, max]
 *   (Maxwell 1987).
 * - Erbs, D. G., Klein, S. A., Duffie, J. A. (1982), Estimation of the diffuse radiation fraction
 *   for hourly, daily and monthly-average global radiation, Solar Energy 28(4), 293–302, eq. 1:
 *   diffuse fraction 1 − 0.09 k_t (k_t ≤ 0.22); 0.9511 − 0.1604 k_t + 4.388 k_t² − 16.638 k_t³
 *   + 12.336 k_t⁴ (0.22 < k_t ≤ 0.80); 0.165 (k_t > 0.80). DHI = DF · GHI, DNI = (GHI − DHI)/cos z.
 * - DISC: Maxwell, E. L. (1987), A Quasi-Physical Model for Converting Hourly Global Horizontal
 *   to Direct Normal Insolation, SERI/TR-215-3087: DNI = I0 · (Knc − ΔKn(k_t, AM)), with
 *   I0 from the Spencer series at solar constant 1370 W/m², Kasten (1966) air mass, absolute
 *   (pressure-corrected) by default as NREL's implementation, capped at max_airmass.
 *
 * As pvlib: k_t ≤ 1 for both models; DNI = 0 (and DHI = GHI for Erbs) when the zenith exceeds
 * max_zenith, GHI < 0 or the DNI comes out negative. Unlike pvlib, a DISC DNI that is NaN (zenith
 * > 90°, where the air mass is undefined) is also set to 0.
 */
import { airmassAbsolute, airmassRelative } from './atmosphere.ts';
import { requireFinite, requireInRange, requirePositive } from './errors.ts';
import { extraRadiation } from './extra-radiation.ts';

const RAD = Math.PI / 180;

/**
 * Clearness index: ratio of GHI to extraterrestrial irradiance on a horizontal plane.
 * @param ghi global horizontal irradiance, W/m²
 * @param solar_zenith true (not refraction-corrected) zenith, degrees
 * @param extra_radiation extraterrestrial normal irradiance, W/m² (> 0)
 * @param min_cos_zenith smallest cos z used (0.065 ≈ 86.273°)
 * @param max_clearness_index upper clip (2 allows sub-hourly over-irradiance; 0.82 in NREL's SRRL code)
 * @returns k_t (dimensionless), in [0, max_clearness_index]
 */
export function clearnessIndex(
  ghi: number,
  solar_zenith: number,
  extra_radiation: number,
  min_cos_zenith = 0.065,
  max_clearness_index = 2,
): number {
  requireFinite({ ghi, solar_zenith, max_clearness_index });
  requirePositive('extra_radiation', extra_radiation);
  requireInRange('min_cos_zenith', min_cos_zenith, Number.MIN_VALUE, 1);
  const i0h = extra_radiation * Math.max(Math.cos(solar_zenith * RAD), min_cos_zenith);
  return Math.min(Math.max(ghi / i0h, 0), max_clearness_index);
}

/** Erbs decomposition of one hour, W/m² and dimensionless k_t. */
export interface ErbsResult {
  dni: number;
  dhi: number;
  kt: number;
}

/**
 * Erbs et al. (1982) diffuse fraction → DNI and DHI from GHI.
 * @param ghi global horizontal irradiance, W/m²
 * @param zenith true (not refraction-corrected) zenith, degrees
 * @param dayOfYear day of year (1 = 1 January), for the extraterrestrial irradiance (Spencer, 1366.1 W/m²)
 * @param min_cos_zenith smallest cos z in k_t (0.065)
 * @param max_zenith zenith above which DNI = 0 and DHI = GHI, degrees (87)
 * @returns dni, dhi (W/m²) and kt; dni · cos z + dhi = ghi
 */
export function erbs(ghi: number, zenith: number, dayOfYear: number, min_cos_zenith = 0.065, max_zenith = 87): ErbsResult {
  requireFinite({ ghi, zenith, max_zenith });
  const kt = clearnessIndex(ghi, zenith, extraRadiation(dayOfYear), min_cos_zenith, 1);
  let df: number;
  if (kt <= 0.22) df = 1 - 0.09 * kt;
  else if (kt <= 0.8) df = 0.9511 - 0.1604 * kt + 4.388 * kt ** 2 - 16.638 * kt ** 3 + 12.336 * kt ** 4;
  else df = 0.165;
  const dhi = df * ghi;
  const dni = (ghi - dhi) / Math.cos(zenith * RAD);
  if (zenith > max_zenith || ghi < 0 || dni < 0) return { dni: 0, dhi: ghi, kt };
  return { dni, dhi, kt };
}

/** DISC result: DNI (W/m²), k_t and the air mass used in ΔKn (capped at max_airmass). */
export interface DiscResult {
  dni: number;
  kt: number;
  airmass: number;
}

/**
 * Maxwell (1987) DISC model: DNI from GHI.
 * @param ghi global horizontal irradiance, W/m²
 * @param solar_zenith true (not refraction-corrected) zenith, degrees
 * @param dayOfYear day of year (1 = 1 January)
 * @param pressure_pa site pressure, Pa, for the absolute air mass; null → relative air mass (Maxwell's report)
 * @param min_cos_zenith smallest cos z in k_t (0.065)
 * @param max_zenith zenith above which DNI = 0, degrees (87)
 * @param max_airmass air mass cap in ΔKn (12, the range Kn was fitted over)
 * @returns dni (W/m²), kt, airmass
 */
export function disc(
  ghi: number,
  solar_zenith: number,
  dayOfYear: number,
  pressure_pa: number | null = 101325,
  min_cos_zenith = 0.065,
  max_zenith = 87,
  max_airmass = 12,
): DiscResult {
  requireFinite({ ghi, solar_zenith, max_zenith });
  requirePositive('max_airmass', max_airmass);
  const i0 = extraRadiation(dayOfYear, 1370, 'spencer');
  const kt = clearnessIndex(ghi, solar_zenith, i0, min_cos_zenith, 1);
  let am = airmassRelative(solar_zenith, 'kasten1966');
  if (pressure_pa !== null) am = airmassAbsolute(am, pressure_pa);
  am = Math.min(am, max_airmass);

  let a: number, b: number, c: number;
  if (kt <= 0.6) {
    a = 0.512 + kt * (-1.56 + kt * (2.286 - 2.222 * kt));
    b = 0.37 + 0.962 * kt;
    c = -0.28 + kt * (0.932 - 2.048 * kt);
  } else {
    a = -5.743 + kt * (21.77 + kt * (-27.49 + 11.56 * kt));
    b = 41.4 + kt * (-118.5 + kt * (66.05 + 31.9 * kt));
    c = -47.01 + kt * (184.2 + kt * (-222.0 + 73.81 * kt));
  }
  const deltaKn = a + b * Math.exp(c * am);
  const knc = 0.866 + am * (-0.122 + am * (0.0121 + am * (-0.000653 + 1.4e-5 * am)));
  const dni = (knc - deltaKn) * i0;
  const bad = solar_zenith > max_zenith || ghi < 0 || !(dni >= 0);
  return { dni: bad ? 0 : dni, kt, airmass: am };
}
