import { describe, expect, it } from 'vitest';
import {
  ALBEDO,
  aoi,
  aoiProjection,
  beamComponent,
  getGroundDiffuse,
  getTotalIrradiance,
  haydavies,
  isotropic,
  perez,
} from '../../../layers/solar/irradiance.ts';
import { PEREZ_COEFFICIENTS, PEREZ_MODELS } from '../../../layers/solar/perez-coefficients.ts';
import { SolarInputError } from '../../../layers/solar/errors.ts';

const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

// pvlib test_irradiance fixtures (Tucson, 24 June 2014 12:00): reference solar-wind.md §3.
const REF = {
  tilt: 40,
  surface_azimuth: 180,
  dhi: 118.45831879,
  dni: 939.95469881,
  ghi: 1042.48031487,
  dni_extra: 1321.1655834833093,
  zenith: 10.56413562,
  azimuth: 144.76567754,
  airmass: 1.01688136,
};

describe('angle of incidence', () => {
  it('is 0 when the panel faces the sun, 90 when edge-on, 180 when the sun is straight behind', () => {
    // arccos near 1 is ill-conditioned: ~1e-6° from the rounding of cos; the angle tolerance is 1e-5°
    expect(aoi(35, 200, 35, 200)).toBeLessThan(1e-5);
    expect(aoiProjection(35, 200, 35, 200)).toBeCloseTo(1, 12);
    expect(aoi(90, 180, 0, 0)).toBeCloseTo(90, 9);
    expect(aoi(0, 0, 0, 123)).toBe(0);
    expect(aoi(180, 0, 0, 0)).toBeCloseTo(180, 9);
  });

  it('reproduces the SPA report incidence (Reda & Andreas Table A5.1: 25.187000°)', () => {
    // slope 30°, surface azimuth rotation −10° from south = 170° from north; topocentric zenith / azimuth
    expect(Math.abs(aoi(30, 170, 50.111622, 194.340241) - 25.187)).toBeLessThan(1e-5);
  });

  it('beam on the plane is DNI · cos aoi, 0 from behind', () => {
    const cos = aoiProjection(REF.tilt, REF.surface_azimuth, REF.zenith, REF.azimuth);
    expect(beamComponent(REF.tilt, REF.surface_azimuth, REF.zenith, REF.azimuth, 1000)).toBeCloseTo(1000 * cos, 9);
    expect(beamComponent(90, 0, 45, 180, 800)).toBe(0);
  });

  it('refuses a tilt outside 0–180 and non-finite angles', () => {
    expect(() => aoi(-1, 180, 10, 180)).toThrow(SolarInputError);
    expect(() => aoi(181, 180, 10, 180)).toThrow(SolarInputError);
    expect(() => aoi(30, Number.NaN, 10, 180)).toThrow(SolarInputError);
    expect(() => beamComponent(30, 180, 10, 180, Number.POSITIVE_INFINITY)).toThrow(SolarInputError);
  });
});

describe('isotropic', () => {
  it('isotropic(40, 100) = 88.30222215594891 (reference §3)', () => {
    expect(rel(isotropic(40, 100), 88.30222215594891)).toBeLessThan(1e-6);
  });
  it('is DHI at tilt 0, DHI/2 vertical, 0 facing down', () => {
    expect(isotropic(0, 123.4)).toBe(123.4);
    expect(isotropic(90, 100)).toBeCloseTo(50, 12);
    expect(isotropic(180, 100)).toBeCloseTo(0, 12);
  });
});

describe('haydavies', () => {
  it('is the isotropic model when there is no beam', () => {
    expect(haydavies(40, 180, 100, 0, 1367, 30, 180)).toBeCloseTo(isotropic(40, 100), 12);
  });
  it('returns DHI on a horizontal plane (R_b = 1)', () => {
    expect(haydavies(0, 180, 110, 800, 1360, 40, 150)).toBeCloseTo(110, 10);
  });
  it('adds the circumsolar share A·R_b on a plane facing the sun', () => {
    const a = 800 / 1360;
    const rb = 1 / Math.cos((40 * Math.PI) / 180);
    expect(haydavies(40, 150, 110, 800, 1360, 40, 150)).toBeCloseTo(110 * (a * rb + (1 - a) * 0.5 * (1 + Math.cos((40 * Math.PI) / 180))), 10);
  });
  it('refuses dni_extra ≤ 0', () => {
    expect(() => haydavies(40, 180, 100, 500, 0, 30, 180)).toThrow(SolarInputError);
  });
});

describe('perez', () => {
  const args = [REF.tilt, REF.surface_azimuth, REF.dhi, REF.dni, REF.dni_extra, REF.zenith, REF.azimuth, REF.airmass] as const;

  it('sky diffuse 109.084332 W/m² with the reference inputs (allsitescomposite1990, §3)', () => {
    expect(rel(perez(...args), 109.084332)).toBeLessThan(1e-6);
    // pvlib test_irradiance.test_poa_components gives 109.08433162
    expect(rel(perez(...args), 109.08433162)).toBeLessThan(1e-9);
  });

  it('components sum to the sky diffuse', () => {
    const c = perez(...args, 'allsitescomposite1990', true);
    expect(c.sky_diffuse).toBe(perez(...args));
    expect(c.isotropic + c.circumsolar + c.horizon).toBeCloseTo(c.sky_diffuse, 10);
    expect(c.circumsolar).toBeGreaterThan(0);
  });

  it('returns DHI on a horizontal plane for every coefficient set', () => {
    for (const model of PEREZ_MODELS) {
      expect(perez(0, 180, 100, 700, 1360, 30, 150, 1.15, model)).toBeCloseTo(100, 10);
    }
  });

  it('uses the chosen coefficient set', () => {
    expect(perez(...args, 'allsitescomposite1988')).not.toBeCloseTo(perez(...args), 3);
    expect(PEREZ_COEFFICIENTS.allsitescomposite1990.bins).toHaveLength(8);
    expect(PEREZ_COEFFICIENTS.allsitescomposite1988.bins).toHaveLength(8);
  });

  it('is 0 (with zero components) when the air mass is NaN (sun down) or there is no diffuse light', () => {
    expect(perez(40, 180, 50, 0, 1360, 95, 180, Number.NaN)).toBe(0);
    expect(perez(40, 180, 0, 0, 1360, 80, 180, 5)).toBe(0);
    expect(perez(40, 180, 0, 0, 1360, 80, 180, 5, 'allsitescomposite1990', true)).toEqual({
      sky_diffuse: 0,
      isotropic: 0,
      circumsolar: 0,
      horizon: 0,
    });
  });

  it('refuses infinite air mass, unknown models and dni_extra ≤ 0', () => {
    expect(() => perez(40, 180, 100, 500, 1360, 30, 180, Number.POSITIVE_INFINITY)).toThrow(SolarInputError);
    expect(() => perez(40, 180, 100, 500, 1360, 30, 180, 1.2, 'bogus' as 'allsitescomposite1990')).toThrow(SolarInputError);
    expect(() => perez(40, 180, 100, 500, -1, 30, 180, 1.2)).toThrow(SolarInputError);
  });
});

describe('getGroundDiffuse', () => {
  it('tilt 40°, GHI 900, albedo 0.25 → 26.32000014911496 (reference §3)', () => {
    expect(rel(getGroundDiffuse(40, 900, 0.25), 26.32000014911496)).toBeLessThan(1e-6);
    expect(getGroundDiffuse(40, 900)).toBe(getGroundDiffuse(40, 900, 0.25));
  });
  it('is 0 at tilt 0 and GHI·albedo facing down', () => {
    expect(getGroundDiffuse(0, 900, 0.3)).toBe(0);
    expect(getGroundDiffuse(180, 900, 0.3)).toBeCloseTo(270, 10);
  });
  it('refuses an albedo outside 0–1', () => {
    expect(() => getGroundDiffuse(30, 900, 1.2)).toThrow(SolarInputError);
  });
  it('offers pvlib SURFACE_ALBEDOS with sources', () => {
    expect(ALBEDO.grass.value).toBe(0.2);
    expect(ALBEDO.fresh_snow.value).toBe(0.75);
    expect(ALBEDO.sea.value).toBe(0.06);
    for (const row of Object.values(ALBEDO)) expect(row.source.length).toBeGreaterThan(10);
  });
});

describe('getTotalIrradiance', () => {
  const run = (model: 'isotropic' | 'haydavies' | 'perez') =>
    getTotalIrradiance(REF.tilt, REF.surface_azimuth, REF.zenith, REF.azimuth, REF.dni, REF.ghi, REF.dhi, {
      dni_extra: REF.dni_extra,
      airmass: REF.airmass,
      albedo: 0.4,
      model,
    });

  it("matches pvlib's poa_components test (Perez, sand albedo 0.4)", () => {
    const t = run('perez');
    expect(rel(t.poa_global, 956.18253696)).toBeLessThan(1e-8);
    expect(rel(t.poa_direct, 798.31939281)).toBeLessThan(1e-8);
    expect(rel(t.poa_diffuse, 157.86314414)).toBeLessThan(1e-8);
    expect(rel(t.poa_sky_diffuse, 109.08433162)).toBeLessThan(1e-8);
    expect(rel(t.poa_ground_diffuse, 48.77881252)).toBeLessThan(1e-8);
  });

  it('sums its parts for each sky model', () => {
    for (const model of ['isotropic', 'haydavies', 'perez'] as const) {
      const t = run(model);
      expect(t.poa_diffuse).toBeCloseTo(t.poa_sky_diffuse + t.poa_ground_diffuse, 10);
      expect(t.poa_global).toBeCloseTo(t.poa_direct + t.poa_diffuse, 10);
      expect(t.poa_direct).toBeCloseTo(beamComponent(REF.tilt, REF.surface_azimuth, REF.zenith, REF.azimuth, REF.dni), 10);
      expect(t.poa_ground_diffuse).toBeCloseTo(getGroundDiffuse(REF.tilt, REF.ghi, 0.4), 10);
    }
    expect(run('isotropic').poa_sky_diffuse).toBeCloseTo(isotropic(REF.tilt, REF.dhi), 10);
  });

  it('computes the Perez air mass when none is given', () => {
    const t = getTotalIrradiance(30, 180, 30, 180, 800, 900, 100, { dni_extra: 1360, model: 'perez' });
    expect(t.poa_sky_diffuse).toBeCloseTo(perez(30, 180, 100, 800, 1360, 30, 180, 1 / (Math.cos(Math.PI / 6) + 0.50572 * 66.07995 ** -1.6364)), 10);
  });

  it('needs dni_extra for haydavies and perez', () => {
    expect(() => getTotalIrradiance(30, 180, 30, 180, 800, 900, 100, { model: 'perez' })).toThrow(SolarInputError);
    expect(() => getTotalIrradiance(30, 180, 30, 180, 800, 900, 100, { model: 'haydavies' })).toThrow(SolarInputError);
    expect(() => getTotalIrradiance(30, 180, 30, 180, 800, 900, 100, { model: 'klucher' as 'perez' })).toThrow(SolarInputError);
  });
});
