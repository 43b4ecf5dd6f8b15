/**
 * Coefficient sets of the Perez sky-diffuse model: for each of the 8 sky-clearness (ε) bins,
 * F1 = f11 + f12·Δ + f13·z and F2 = f21 + f22·Δ + f23·z (z = zenith in radians, Δ = brightness).
 *
 * Bins (ε lower edges): 1.000, 1.065, 1.230, 1.500, 1.950, 2.800, 4.500, 6.200.
 *
 * Values as tabulated in pvlib-python (`irradiance._get_perez_coefficients`), which cites
 * Perez, R., Ineichen, P., Seals, R., Michalsky, J., Stewart, R. (1990), Modeling daylight
 * availability and irradiance components from direct and global irradiance, Solar Energy 44(5),
 * 271–289, and Perez, R. et al. (1988), The Development and Verification of the Perez Diffuse
 * Radiation Model, Sandia report SAND88-7030. Not checked against the papers' tables by tantu
 * (unverified); the allsitescomposite1990 set reproduces pvlib's published test value (tested).
 */
import type { Sourced } from '../core/sourced.ts';

/** One ε bin: [f11, f12, f13, f21, f22, f23]. */
export type PerezBin = readonly [number, number, number, number, number, number];

export interface PerezCoefficientSet extends Sourced {
  /** Eight rows, one per ε bin from overcast (1) to clear (8). */
  bins: readonly PerezBin[];
}

/** Lower edges of the ε (sky clearness) bins; ε ≥ 6.2 falls in the last bin. */
export const PEREZ_EPSILON_BINS: readonly number[] = [1, 1.065, 1.23, 1.5, 1.95, 2.8, 4.5, 6.2];

export const PEREZ_COEFFICIENTS = {
  allsitescomposite1990: {
    bins: [
      [-0.008, 0.588, -0.062, -0.06, 0.072, -0.022],
      [0.13, 0.683, -0.151, -0.019, 0.066, -0.029],
      [0.33, 0.487, -0.221, 0.055, -0.064, -0.026],
      [0.568, 0.187, -0.295, 0.109, -0.152, -0.014],
      [0.873, -0.392, -0.362, 0.226, -0.462, 0.001],
      [1.132, -1.237, -0.412, 0.288, -0.823, 0.056],
      [1.06, -1.6, -0.359, 0.264, -1.127, 0.131],
      [0.678, -0.327, -0.25, 0.156, -1.377, 0.251],
    ],
    source:
      'Perez et al. (1990), Solar Energy 44(5) 271–289, all-sites composite; as tabulated in pvlib-python irradiance._get_perez_coefficients',
    unverified: true,
  },
  allsitescomposite1988: {
    bins: [
      [-0.018, 0.705, -0.071, -0.058, 0.102, -0.026],
      [0.191, 0.645, -0.171, 0.012, 0.009, -0.027],
      [0.44, 0.378, -0.256, 0.087, -0.104, -0.025],
      [0.756, -0.121, -0.346, 0.179, -0.321, -0.008],
      [0.996, -0.645, -0.405, 0.26, -0.59, 0.017],
      [1.098, -1.29, -0.393, 0.269, -0.832, 0.075],
      [0.973, -1.135, -0.378, 0.124, -0.258, 0.149],
      [0.689, -0.412, -0.273, 0.199, -1.675, 0.237],
    ],
    source:
      'Perez et al. (1988), SAND88-7030, all-sites composite; as tabulated in pvlib-python irradiance._get_perez_coefficients',
    unverified: true,
  },
} as const satisfies Record<string, PerezCoefficientSet>;

export type PerezModel = keyof typeof PEREZ_COEFFICIENTS;
export const PEREZ_MODELS = Object.keys(PEREZ_COEFFICIENTS) as PerezModel[];
