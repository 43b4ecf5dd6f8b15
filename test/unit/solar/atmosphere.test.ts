import { describe, expect, it } from 'vitest';
import { AIRMASS_MODELS, airmassAbsolute, airmassRelative, alt2pres, pres2alt } from '../../../layers/solar/atmosphere.ts';
import { SolarInputError } from '../../../layers/solar/errors.ts';

describe('airmassRelative', () => {
  // pvlib test_atmosphere.test_airmass: zeniths [100, 89.9, 80, 0], atol 0.001
  const expected: Record<string, number[]> = {
    simple: [NaN, 572.958, 5.759, 1.0],
    kasten1966: [NaN, 35.365, 5.58, 0.999],
    youngirvine1967: [NaN, -2.251358367165932e5, 5.5365, 1.0],
    kastenyoung1989: [NaN, 36.467, 5.586, 1.0],
    gueymard1993: [NaN, 36.431, 5.581, 1.0],
    young1994: [NaN, 30.733, 5.541, 1.0],
    pickering2002: [NaN, 37.064, 5.581, 1.0],
  };
  const zeniths = [100, 89.9, 80, 0];

  for (const model of AIRMASS_MODELS) {
    it(`${model} matches pvlib's test values`, () => {
      zeniths.forEach((z, i) => {
        const v = airmassRelative(z, model);
        if (Number.isNaN(expected[model][i])) expect(v).toBeNaN();
        else expect(Math.abs(v - expected[model][i])).toBeLessThan(0.001);
      });
    });
  }

  it('defaults to Kasten & Young 1989 and is NaN once the sun is below the horizon', () => {
    expect(airmassRelative(60)).toBe(airmassRelative(60, 'kastenyoung1989'));
    expect(airmassRelative(60)).toBeCloseTo(1 / (0.5 + 0.50572 * 36.07995 ** -1.6364), 12);
    expect(airmassRelative(90.001)).toBeNaN();
  });

  it('refuses non-finite zenith and unknown models', () => {
    expect(() => airmassRelative(Number.NaN)).toThrow(SolarInputError);
    expect(() => airmassRelative(10, 'bogus' as 'simple')).toThrow(SolarInputError);
  });
});

describe('airmassAbsolute', () => {
  it('scales by p / 101325 and passes NaN through', () => {
    expect(airmassAbsolute(2)).toBe(2);
    expect(airmassAbsolute(2, 101325 / 2)).toBe(1);
    expect(airmassAbsolute(Number.NaN, 90000)).toBeNaN();
  });
  it('refuses infinite air mass and a pressure ≤ 0', () => {
    expect(() => airmassAbsolute(Number.POSITIVE_INFINITY)).toThrow(SolarInputError);
    expect(() => airmassAbsolute(1, 0)).toThrow(SolarInputError);
  });
});

describe('alt2pres / pres2alt', () => {
  it("match pvlib's test values (atol 0.001)", () => {
    const alts = [-100, 0, 1000, 8000];
    const pres = [102532.073, 101324.999, 89874.75, 35600.496];
    alts.forEach((a, i) => expect(Math.abs(alt2pres(a) - pres[i])).toBeLessThan(0.001));
    const p = [10000, 90000, 101325];
    const h = [15797.638, 988.637, 0.124];
    p.forEach((x, i) => expect(Math.abs(pres2alt(x) - h[i])).toBeLessThan(0.001));
  });
  it('are inverse to within a metre over the troposphere', () => {
    for (const h of [0, 500, 1830, 5000]) expect(Math.abs(pres2alt(alt2pres(h)) - h)).toBeLessThan(1);
  });
  it('refuse non-finite altitude, altitude above the formula top and pressure ≤ 0', () => {
    expect(() => alt2pres(Number.NaN)).toThrow(SolarInputError);
    expect(() => alt2pres(50000)).toThrow(SolarInputError);
    expect(() => pres2alt(-1)).toThrow(SolarInputError);
  });
});
