/**
 * Incidence angle modifiers: the share of beam irradiance that gets through the module cover at
 * an angle, relative to normal incidence (pvlib `iam`).
 *
 * - Physical (Fresnel reflection + Bouguer absorption in the cover): De Soto, W., Klein, S. A.,
 *   Beckman, W. A. (2006), Improvement and validation of a model for photovoltaic array
 *   performance, Solar Energy 80, 78–88, §3; Duffie, J. A. & Beckman, W. A. (2006), Solar
 *   Engineering of Thermal Processes, 3rd ed., §5.1–5.3. Refraction angle θr = arcsin(sin θ / n)
 *   (pvlib's reading; De Soto eq. 14 prints n·sin θ). τ(θ) = ½(τ_s + τ_p) with
 *   τ_s,p = (1 − ρ_s,p) · exp(−K L / cos θr); IAM = τ(θ) / τ(0).
 * - ASHRAE: Souka, A. F. & Safwat, H. H. (1966), Solar Energy 10, 170–174; ASHRAE Standard 93-77:
 *   IAM = 1 − b (1/cos θ − 1).
 *
 * Both give 0 for |aoi| ≥ 90° (light from behind the plane) and are floored at 0, as pvlib.
 */
import { SolarInputError, requireFinite } from './errors.ts';

const RAD = Math.PI / 180;

/**
 * Physical IAM of a glass (or other) cover without anti-reflective coating.
 * @param aoi angle of incidence, degrees
 * @param n effective refractive index of the cover (≥ 1; 1.526 for glass)
 * @param K extinction coefficient of the cover, 1/m (≥ 0; 4 for "water white" glass)
 * @param L cover thickness, m (≥ 0; 0.002)
 * @returns incidence angle modifier (dimensionless, 1 at aoi 0)
 */
export function iamPhysical(aoi: number, n = 1.526, K = 4, L = 0.002): number {
  requireFinite({ aoi, n, K, L });
  const bad: string[] = [];
  if (n < 1) bad.push(`n must be ≥ 1, got ${n}`);
  if (K < 0) bad.push(`K must be ≥ 0, got ${K}`);
  if (L < 0) bad.push(`L must be ≥ 0, got ${L}`);
  if (bad.length > 0) throw new SolarInputError(bad);
  if (Math.abs(aoi) >= 90) return 0;

  const cos1 = Math.max(0, Math.cos(aoi * RAD));
  const sin2 = Math.sqrt(1 - cos1 * cos1) / n;
  const cos2 = Math.sqrt(1 - sin2 * sin2);
  // Fresnel reflectance of s- and p-polarised light at the air (n = 1) / cover (n) interface.
  const rhoS = ((cos1 - n * cos2) / (cos1 + n * cos2)) ** 2;
  const rhoP = ((cos2 - n * cos1) / (cos2 + n * cos1)) ** 2;
  const rho0 = ((1 - n) / (1 + n)) ** 2;
  const absorb = Math.exp((-K * L) / cos2);
  const tau = 0.5 * ((1 - rhoS) + (1 - rhoP)) * absorb;
  const tau0 = (1 - rho0) * Math.exp(-K * L);
  return Math.max(0, tau / tau0);
}

/**
 * ASHRAE IAM.
 * @param aoi angle of incidence, degrees
 * @param b parameter (dimensionless; 0.05 typical)
 * @returns incidence angle modifier (dimensionless), 0 where the formula goes negative or |aoi| ≥ 90°
 */
export function iamAshrae(aoi: number, b = 0.05): number {
  requireFinite({ aoi, b });
  if (Math.abs(aoi) >= 90) return 0;
  return Math.max(0, 1 - b * (1 / Math.cos(aoi * RAD) - 1));
}
