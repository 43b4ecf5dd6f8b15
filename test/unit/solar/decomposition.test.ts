import { describe, expect, it } from 'vitest';
import { clearnessIndex, disc, erbs } from '../../../layers/solar/decomposition.ts';
import { extraRadiation } from '../../../layers/solar/extra-radiation.ts';
import { SolarInputError } from '../../../layers/solar/errors.ts';

const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);
const cosd = (deg: number) => Math.cos((deg * Math.PI) / 180);

describe('clearnessIndex', () => {
  it('is GHI over the horizontal extraterrestrial irradiance, clipped', () => {
    expect(clearnessIndex(700, 60, 1400)).toBeCloseTo(1, 12);
    expect(clearnessIndex(350, 60, 1400)).toBeCloseTo(0.5, 12);
    expect(clearnessIndex(-5, 60, 1400)).toBe(0);
    expect(clearnessIndex(3000, 0, 1000)).toBe(2);
    expect(clearnessIndex(3000, 0, 1000, 0.065, 1)).toBe(1);
  });
  it('uses min_cos_zenith near the horizon', () => {
    expect(clearnessIndex(13, 89, 1000)).toBeCloseTo(13 / 65, 12);
  });
  it('refuses extra_radiation ≤ 0 and non-finite input', () => {
    expect(() => clearnessIndex(100, 30, 0)).toThrow(SolarInputError);
    expect(() => clearnessIndex(Number.NaN, 30, 1360)).toThrow(SolarInputError);
  });
});

describe('erbs', () => {
  // pvlib test_irradiance.test_erbs: 1 January ×3 and 20 June 2019 (day 171)
  const cases = [
    { ghi: 50, zenith: 85, doy: 1, dni: 96.7192672, dhi: 41.5703604, kt: 0.405723511 },
    { ghi: 1000, zenith: 10, doy: 1, dni: 794.205651, dhi: 217.860117, kt: 0.718132729 },
    { ghi: 1000, zenith: 10, doy: 171, dni: 842.001578, dhi: 170.790318, kt: 0.768214312 },
  ];
  for (const c of cases) {
    it(`matches pvlib for GHI ${c.ghi}, zenith ${c.zenith}, day ${c.doy}`, () => {
      const out = erbs(c.ghi, c.zenith, c.doy);
      expect(rel(out.dni, c.dni)).toBeLessThan(1e-6);
      expect(rel(out.dhi, c.dhi)).toBeLessThan(1e-6);
      expect(rel(out.kt, c.kt)).toBeLessThan(1e-6);
    });
  }

  it('closes: dni · cos z + dhi = ghi, in every k_t regime', () => {
    for (const [ghi, z] of [[20, 70], [300, 40], [600, 30], [1000, 10], [1050, 5]]) {
      const out = erbs(ghi, z, 100);
      expect(out.dni * cosd(z) + out.dhi).toBeCloseTo(ghi, 9);
    }
  });

  it('uses the three Erbs pieces (diffuse fraction 1 − 0.09 k_t, the quartic, 0.165)', () => {
    const e = extraRadiation(80);
    const ghiAt = (kt: number, z: number) => kt * e * cosd(z);
    expect(erbs(ghiAt(0.1, 30), 30, 80).dhi / ghiAt(0.1, 30)).toBeCloseTo(1 - 0.009, 12);
    const kt = 0.5;
    const quartic = 0.9511 - 0.1604 * kt + 4.388 * kt ** 2 - 16.638 * kt ** 3 + 12.336 * kt ** 4;
    expect(erbs(ghiAt(kt, 30), 30, 80).dhi / ghiAt(kt, 30)).toBeCloseTo(quartic, 12);
    expect(erbs(ghiAt(0.9, 30), 30, 80).dhi / ghiAt(0.9, 30)).toBeCloseTo(0.165, 12);
  });

  it('puts everything in the diffuse past max_zenith, at night and for negative GHI', () => {
    expect(erbs(0, 120, 1)).toEqual({ dni: 0, dhi: 0, kt: 0 });
    expect(erbs(20, 88, 100)).toEqual({ dni: 0, dhi: 20, kt: clearnessIndex(20, 88, extraRadiation(100), 0.065, 1) });
    expect(erbs(-3, 50, 100).dni).toBe(0);
    expect(erbs(-3, 50, 100).dhi).toBe(-3);
  });

  it('refuses non-finite input and a bad day of year', () => {
    expect(() => erbs(Number.NaN, 30, 100)).toThrow(SolarInputError);
    expect(() => erbs(500, 30, 0)).toThrow(SolarInputError);
  });
});

describe('disc', () => {
  // pvlib test_irradiance.test_disc_value: 24 June 2014 (day 175), atol 1e-5
  const cases = [
    { pressure: 93193, ghi: 1038.62, z: 10.567, dni: 830.46567, kt: 0.79742, am: 0.93505 },
    { pressure: 93193, ghi: 254.53, z: 72.469, dni: 676.09497, kt: 0.63776, am: 3.02102 },
    { pressure: 101325, ghi: 1038.62, z: 10.567, dni: 868.72425, kt: 0.79742, am: 1.01664 },
    { pressure: 101325, ghi: 254.53, z: 72.469, dni: 680.66679, kt: 0.63776, am: 3.28463 },
    { pressure: null, ghi: 254.53, z: 72.469, dni: 680.66679, kt: 0.63776, am: 3.28463 },
  ];
  for (const c of cases) {
    it(`matches pvlib for GHI ${c.ghi}, zenith ${c.z}, pressure ${c.pressure}`, () => {
      const out = disc(c.ghi, c.z, 175, c.pressure);
      expect(Math.abs(out.dni - c.dni)).toBeLessThan(1e-5);
      expect(Math.abs(out.kt - c.kt)).toBeLessThan(1e-5);
      expect(Math.abs(out.airmass - c.am)).toBeLessThan(1e-5);
    });
  }

  it('caps the air mass at max_airmass and gives 0 past max_zenith or with the sun down', () => {
    expect(disc(30, 86, 100).airmass).toBeLessThanOrEqual(12);
    expect(disc(30, 86, 100, 101325, 0.065, 87, 5).airmass).toBe(5);
    expect(disc(30, 88, 100).dni).toBe(0);
    expect(disc(0, 100, 100).dni).toBe(0);
    expect(disc(-2, 40, 100).dni).toBe(0);
  });

  it('clips k_t at 1 (over-irradiance)', () => {
    expect(disc(3000, 0, 200).kt).toBe(1);
  });

  it('refuses max_airmass ≤ 0, pressure ≤ 0 and non-finite input', () => {
    expect(() => disc(500, 30, 100, 101325, 0.065, 87, 0)).toThrow(SolarInputError);
    expect(() => disc(500, 30, 100, 0)).toThrow(SolarInputError);
    expect(() => disc(500, Number.POSITIVE_INFINITY, 100)).toThrow(SolarInputError);
  });
});
