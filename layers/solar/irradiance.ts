/**
 * Plane-of-array irradiance: angle of incidence, beam, sky-diffuse transposition (isotropic,
 * Hay–Davies, Perez), ground-reflected diffuse and their sum (pvlib `irradiance`).
 *
 * Angles in degrees: tilt from horizontal (0 up … 180 down), azimuths clockwise from north
 * (south = 180). Irradiance in W/m².
 *
 * References:
 * - Loutzenhiser, P. G. et al. (2007), Empirical validation of models to compute solar
 *   irradiance on inclined surfaces for building energy simulation, Solar Energy 81, 254–267
 *   (isotropic, Hay–Davies, Perez and ground terms as used here; eqs. 3, 4, 7, 8, 10–12).
 * - Isotropic: Hottel & Woertz (1942); Kamphuis et al. (2020), Solar Energy 201, 8–12.
 * - Hay, J. E. & Davies, J. A. (1980), Calculations of the solar radiation incident on an inclined
 *   surface, Proc. First Canadian Solar Radiation Data Workshop, 59.
 * - Perez, R., Seals, R., Ineichen, P., Stewart, R., Menicucci, D. (1987), Solar Energy 39(3),
 *   221–232; Perez, R., Ineichen, P., Seals, R., Michalsky, J., Stewart, R. (1990), Solar Energy
 *   44(5), 271–289 (coefficients: perez-coefficients.ts).
 *
 * Departures from pvlib, where pvlib returns NaN for ordinary input: Perez with dhi ≤ 0 returns 0
 * (no diffuse light, no sky diffuse; pvlib gives NaN for dhi = dni = 0). Non-finite numbers, a
 * tilt outside 0–180° and unknown model names throw SolarInputError.
 */
import type { SourcedValue } from '../core/sourced.ts';
import { airmassRelative } from './atmosphere.ts';
import { SolarInputError, requireFinite, requireInRange, requireOption, requirePositive, requireTilt } from './errors.ts';
import { PEREZ_COEFFICIENTS, PEREZ_EPSILON_BINS, PEREZ_MODELS, type PerezModel } from './perez-coefficients.ts';

const RAD = Math.PI / 180;
const cosd = (deg: number) => Math.cos(deg * RAD);
const sind = (deg: number) => Math.sin(deg * RAD);

/**
 * Cosine of the angle of incidence: the dot product of the sun vector and the panel normal,
 * clipped to [−1, 1]; negative when the sun is behind the plane.
 * @param surface_tilt panel tilt from horizontal, degrees (0–180)
 * @param surface_azimuth panel azimuth clockwise from north, degrees
 * @param solar_zenith solar zenith, degrees
 * @param solar_azimuth solar azimuth clockwise from north, degrees
 * @returns cos(aoi) (dimensionless)
 */
export function aoiProjection(surface_tilt: number, surface_azimuth: number, solar_zenith: number, solar_azimuth: number): number {
  requireTilt(surface_tilt);
  requireFinite({ surface_azimuth, solar_zenith, solar_azimuth });
  const p = cosd(surface_tilt) * cosd(solar_zenith) + sind(surface_tilt) * sind(solar_zenith) * cosd(solar_azimuth - surface_azimuth);
  return Math.min(1, Math.max(-1, p));
}

/**
 * Angle of incidence of the beam on the plane: arccos of aoiProjection.
 * Arguments as aoiProjection (degrees).
 * @returns angle between the sun vector and the panel normal, degrees (0–180)
 */
export function aoi(surface_tilt: number, surface_azimuth: number, solar_zenith: number, solar_azimuth: number): number {
  return Math.acos(aoiProjection(surface_tilt, surface_azimuth, solar_zenith, solar_azimuth)) / RAD;
}

/**
 * Beam irradiance on the plane: max(0, DNI · cos aoi).
 * Angles as aoiProjection (degrees).
 * @param dni direct normal irradiance, W/m²
 * @returns plane-of-array beam irradiance, W/m²
 */
export function beamComponent(
  surface_tilt: number,
  surface_azimuth: number,
  solar_zenith: number,
  solar_azimuth: number,
  dni: number,
): number {
  requireFinite({ dni });
  return Math.max(0, dni * aoiProjection(surface_tilt, surface_azimuth, solar_zenith, solar_azimuth));
}

/**
 * Isotropic sky diffuse on the plane: DHI · (1 + cos β) / 2.
 * @param surface_tilt panel tilt β from horizontal, degrees (0–180)
 * @param dhi diffuse horizontal irradiance, W/m²
 * @returns plane-of-array sky diffuse irradiance, W/m²
 */
export function isotropic(surface_tilt: number, dhi: number): number {
  requireTilt(surface_tilt);
  requireFinite({ dhi });
  return dhi * (1 + cosd(surface_tilt)) * 0.5;
}

/**
 * Hay & Davies (1980) sky diffuse: DHI · (A·R_b + (1 − A)(1 + cos β)/2), with the anisotropy
 * index A = DNI / DNI_extra and R_b = max(cos aoi, 0) / max(cos z, 0.01745); each of the
 * isotropic and circumsolar parts floored at 0 (as pvlib).
 * @param surface_tilt panel tilt, degrees (0–180)
 * @param surface_azimuth panel azimuth from north, degrees
 * @param dhi diffuse horizontal irradiance, W/m²
 * @param dni direct normal irradiance, W/m²
 * @param dni_extra extraterrestrial normal irradiance, W/m² (> 0)
 * @param solar_zenith solar (apparent) zenith, degrees
 * @param solar_azimuth solar azimuth from north, degrees
 * @returns plane-of-array sky diffuse irradiance, W/m²
 */
export function haydavies(
  surface_tilt: number,
  surface_azimuth: number,
  dhi: number,
  dni: number,
  dni_extra: number,
  solar_zenith: number,
  solar_azimuth: number,
): number {
  requireFinite({ dhi, dni });
  requirePositive('dni_extra', dni_extra);
  const cosTt = Math.max(0, aoiProjection(surface_tilt, surface_azimuth, solar_zenith, solar_azimuth));
  const rb = cosTt / Math.max(cosd(solar_zenith), 0.01745);
  const ai = dni / dni_extra;
  const poaIsotropic = Math.max(0, dhi * (1 - ai) * 0.5 * (1 + cosd(surface_tilt)));
  const poaCircumsolar = Math.max(0, dhi * ai * rb);
  return poaIsotropic + poaCircumsolar;
}

/** Perez sky diffuse split into its parts (W/m²); `sky_diffuse` is their sum floored at 0. */
export interface PerezComponents {
  sky_diffuse: number;
  isotropic: number;
  circumsolar: number;
  horizon: number;
}

/**
 * Perez sky diffuse (Perez et al. 1987, 1990):
 *
 *     Δ = DHI · AM / DNI_extra,  ε = ((DHI + DNI)/DHI + κ z³) / (1 + κ z³),  κ = 1.041, z in rad
 *     F1 = max(0, f11 + f12 Δ + f13 z),  F2 = f21 + f22 Δ + f23 z   (coefficients of ε's bin)
 *     I_d = DHI · [ (1 − F1)(1 + cos β)/2 + F1 · a/b + F2 sin β ],  a = max(0, cos aoi), b = max(cos 85°, cos z)
 *
 * the three terms being the isotropic, circumsolar and horizon-brightening parts.
 * @param surface_tilt panel tilt, degrees (0–180)
 * @param surface_azimuth panel azimuth from north, degrees
 * @param dhi diffuse horizontal irradiance, W/m² (≤ 0 gives 0)
 * @param dni direct normal irradiance, W/m²
 * @param dni_extra extraterrestrial normal irradiance, W/m² (> 0)
 * @param solar_zenith solar (apparent) zenith, degrees
 * @param solar_azimuth solar azimuth from north, degrees
 * @param airmass relative (not pressure-corrected) air mass; NaN (sun below the horizon, as
 *   airmassRelative returns) gives 0, as pvlib
 * @param model coefficient set (perez-coefficients.ts)
 * @param return_components true → the parts as PerezComponents (all 0 when the total is 0)
 * @returns plane-of-array sky diffuse irradiance, W/m², or its components
 */
export function perez(
  surface_tilt: number,
  surface_azimuth: number,
  dhi: number,
  dni: number,
  dni_extra: number,
  solar_zenith: number,
  solar_azimuth: number,
  airmass: number,
  model?: PerezModel,
  return_components?: false,
): number;
export function perez(
  surface_tilt: number,
  surface_azimuth: number,
  dhi: number,
  dni: number,
  dni_extra: number,
  solar_zenith: number,
  solar_azimuth: number,
  airmass: number,
  model: PerezModel,
  return_components: true,
): PerezComponents;
export function perez(
  surface_tilt: number,
  surface_azimuth: number,
  dhi: number,
  dni: number,
  dni_extra: number,
  solar_zenith: number,
  solar_azimuth: number,
  airmass: number,
  model: PerezModel = 'allsitescomposite1990',
  return_components = false,
): number | PerezComponents {
  requireFinite({ dhi, dni });
  requirePositive('dni_extra', dni_extra);
  requireOption('model', model, PEREZ_MODELS);
  if (!(Number.isNaN(airmass) || (Number.isFinite(airmass) && airmass >= 0))) {
    throw new SolarInputError([`airmass must be a finite number ≥ 0 or NaN (sun down), got ${String(airmass)}`]);
  }
  const a = Math.max(0, aoiProjection(surface_tilt, surface_azimuth, solar_zenith, solar_azimuth));
  const zero: PerezComponents = { sky_diffuse: 0, isotropic: 0, circumsolar: 0, horizon: 0 };
  if (dhi <= 0 || Number.isNaN(airmass)) return return_components ? zero : 0;

  const kappa = 1.041;
  const z = solar_zenith * RAD;
  const delta = (dhi * airmass) / dni_extra;
  const kz3 = kappa * z ** 3;
  const eps = ((dhi + dni) / dhi + kz3) / (1 + kz3);
  let bin = -1;
  for (let i = 0; i < PEREZ_EPSILON_BINS.length; i++) if (eps >= PEREZ_EPSILON_BINS[i]) bin = i;
  // ε < 1 happens only with dni < 0; it goes to the first bin, as pvlib's first bin edge is 0.
  if (bin < 0) bin = 0;
  const [f11, f12, f13, f21, f22, f23] = PEREZ_COEFFICIENTS[model].bins[bin];
  const f1 = Math.max(0, f11 + f12 * delta + f13 * z);
  const f2 = f21 + f22 * delta + f23 * z;
  const b = Math.max(cosd(solar_zenith), cosd(85));

  const isotropicPart = dhi * 0.5 * (1 - f1) * (1 + cosd(surface_tilt));
  const circumsolar = dhi * ((f1 * a) / b);
  const horizon = dhi * f2 * sind(surface_tilt);
  const sky_diffuse = Math.max(0, isotropicPart + circumsolar + horizon);
  if (!return_components) return sky_diffuse;
  return sky_diffuse === 0 ? zero : { sky_diffuse, isotropic: isotropicPart, circumsolar, horizon };
}

/**
 * Ground-reflected diffuse on the plane: GHI · albedo · (1 − cos β) / 2.
 * @param surface_tilt panel tilt β, degrees (0–180)
 * @param ghi global horizontal irradiance, W/m²
 * @param albedo ground reflectance, fraction 0–1 (see ALBEDO)
 * @returns plane-of-array ground-reflected irradiance, W/m²
 */
export function getGroundDiffuse(surface_tilt: number, ghi: number, albedo = 0.25): number {
  requireTilt(surface_tilt);
  requireFinite({ ghi });
  requireInRange('albedo', albedo, 0, 1);
  return ghi * albedo * (1 - cosd(surface_tilt)) * 0.5;
}

export type SkyDiffuseModel = 'isotropic' | 'haydavies' | 'perez';
const SKY_DIFFUSE_MODELS: readonly SkyDiffuseModel[] = ['isotropic', 'haydavies', 'perez'];

export interface TotalIrradianceOptions {
  /** Extraterrestrial normal irradiance, W/m²; required by 'haydavies' and 'perez'. */
  dni_extra?: number;
  /** Relative air mass for 'perez'; default airmassRelative(solar_zenith) (kastenyoung1989). */
  airmass?: number;
  /** Ground reflectance, fraction 0–1 (default 0.25). */
  albedo?: number;
  /** Sky-diffuse model (default 'isotropic'). */
  model?: SkyDiffuseModel;
  /** Perez coefficient set (default 'allsitescomposite1990'). */
  model_perez?: PerezModel;
}

/** Plane-of-array irradiance and its parts, W/m². */
export interface PoaIrradiance {
  poa_global: number;
  poa_direct: number;
  poa_diffuse: number;
  poa_sky_diffuse: number;
  poa_ground_diffuse: number;
}

/**
 * Total plane-of-array irradiance: beam + sky diffuse (chosen model) + ground-reflected
 * (pvlib get_total_irradiance).
 * @param surface_tilt panel tilt, degrees (0–180)
 * @param surface_azimuth panel azimuth from north, degrees
 * @param solar_zenith solar (apparent) zenith, degrees
 * @param solar_azimuth solar azimuth from north, degrees
 * @param dni direct normal irradiance, W/m²
 * @param ghi global horizontal irradiance, W/m²
 * @param dhi diffuse horizontal irradiance, W/m²
 * @param options dni_extra, airmass, albedo, model, model_perez
 * @returns poa_global = poa_direct + poa_diffuse, poa_diffuse = poa_sky_diffuse + poa_ground_diffuse (W/m²)
 * @throws SolarInputError also when 'haydavies' or 'perez' is asked for without dni_extra
 */
export function getTotalIrradiance(
  surface_tilt: number,
  surface_azimuth: number,
  solar_zenith: number,
  solar_azimuth: number,
  dni: number,
  ghi: number,
  dhi: number,
  options: TotalIrradianceOptions = {},
): PoaIrradiance {
  const { dni_extra, albedo = 0.25, model = 'isotropic', model_perez = 'allsitescomposite1990' } = options;
  requireOption('model', model, SKY_DIFFUSE_MODELS);
  if (dni_extra === undefined && model !== 'isotropic') {
    throw new SolarInputError([`dni_extra is required for model ${model}`]);
  }
  let poa_sky_diffuse: number;
  if (model === 'isotropic') poa_sky_diffuse = isotropic(surface_tilt, dhi);
  else if (model === 'haydavies') {
    poa_sky_diffuse = haydavies(surface_tilt, surface_azimuth, dhi, dni, dni_extra!, solar_zenith, solar_azimuth);
  } else {
    const airmass = options.airmass ?? airmassRelative(solar_zenith);
    poa_sky_diffuse = perez(surface_tilt, surface_azimuth, dhi, dni, dni_extra!, solar_zenith, solar_azimuth, airmass, model_perez);
  }
  const poa_ground_diffuse = getGroundDiffuse(surface_tilt, ghi, albedo);
  const poa_direct = beamComponent(surface_tilt, surface_azimuth, solar_zenith, solar_azimuth, dni);
  const poa_diffuse = poa_sky_diffuse + poa_ground_diffuse;
  return { poa_global: poa_direct + poa_diffuse, poa_direct, poa_diffuse, poa_sky_diffuse, poa_ground_diffuse };
}

const ALBEDO_SOURCE =
  "pvlib-python irradiance.SURFACE_ALBEDOS, citing PVsyst help 'Albedo' (accessed Jan 2024) and Wikipedia 'Albedo' (accessed Jan 2024)";
const albedoRow = (value: number, source = ALBEDO_SOURCE): SourcedValue => ({ value, unit: 'fraction', source, unverified: true });

/**
 * Typical ground albedo by surface (pvlib SURFACE_ALBEDOS). Not checked against the cited pages
 * by tantu (unverified); pass `ALBEDO.grass.value` etc. as `albedo`.
 */
export const ALBEDO = {
  urban: albedoRow(0.18),
  grass: albedoRow(0.2),
  fresh_grass: albedoRow(0.26),
  soil: albedoRow(0.17),
  sand: albedoRow(0.4),
  snow: albedoRow(0.65),
  fresh_snow: albedoRow(0.75),
  asphalt: albedoRow(0.12),
  concrete: albedoRow(0.3),
  aluminum: albedoRow(0.85),
  copper: albedoRow(0.74),
  fresh_steel: albedoRow(0.35),
  dirty_steel: albedoRow(0.08),
  sea: albedoRow(0.06, 'Payne, R. E. (1972), Albedo of the Sea Surface, J. Atmos. Sci. 29, 959–970; via pvlib-python irradiance.SURFACE_ALBEDOS'),
} as const satisfies Record<string, SourcedValue>;
