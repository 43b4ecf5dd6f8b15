import { describe, expect, it } from 'vitest';
import { extraRadiation } from '../../../layers/solar/extra-radiation.ts';
import { SolarInputError } from '../../../layers/solar/errors.ts';

describe('extraRadiation', () => {
  it('gives the Spencer series at the solar constant: 1 January, day angle 0', () => {
    // B = 0: 1.00011 + 0.034221 + 0.000719 = 1.03505
    expect(extraRadiation(1)).toBeCloseTo(1366.1 * 1.03505, 9);
    expect(extraRadiation(1, 1370)).toBeCloseTo(1370 * 1.03505, 9);
  });

  it('reproduces the dni_extra of pvlib test fixtures (24 June → 1321.1655834833093 W/m²)', () => {
    const v = extraRadiation(175);
    expect(Math.abs(v - 1321.1655834833093) / 1321.1655834833093).toBeLessThan(1e-9);
  });

  it('is largest near perihelion (early January) and smallest near aphelion (early July)', () => {
    const days = Array.from({ length: 365 }, (_, i) => i + 1);
    const values = days.map((d) => extraRadiation(d));
    const max = days[values.indexOf(Math.max(...values))];
    const min = days[values.indexOf(Math.min(...values))];
    expect(max).toBeLessThan(15);
    expect(min).toBeGreaterThan(175);
    expect(min).toBeLessThan(195);
  });

  it('asce: 1 + 0.033 cos(2π doy / 365)', () => {
    expect(extraRadiation(365, 1366.1, 'asce')).toBeCloseTo(1366.1 * 1.033, 9);
    expect(extraRadiation(365 / 2, 1000, 'asce')).toBeCloseTo(1000 * 0.967, 9);
  });

  it('refuses days outside [1, 367), non-finite input and unknown methods', () => {
    expect(() => extraRadiation(0)).toThrow(SolarInputError);
    expect(() => extraRadiation(367)).toThrow(SolarInputError);
    expect(() => extraRadiation(Number.NaN)).toThrow(SolarInputError);
    expect(() => extraRadiation(10, Number.POSITIVE_INFINITY)).toThrow(SolarInputError);
    expect(() => extraRadiation(10, 1366.1, 'nrel' as 'spencer')).toThrow(SolarInputError);
  });
});
