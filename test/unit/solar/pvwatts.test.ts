import { describe, expect, it } from 'vitest';
import {
  PVWATTS_LOSS_DEFAULTS,
  PVWATTS_MODULE_TYPES,
  pvwattsDC,
  pvwattsInverter,
  pvwattsInverterEfficiency,
  pvwattsLosses,
} from '../../../layers/solar/pvwatts.ts';
import { SolarInputError } from '../../../layers/solar/errors.ts';

const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('pvwattsDC', () => {
  it('pvwatts_dc(900, 30, 100, −0.003) = 88.65 (reference §4)', () => {
    expect(rel(pvwattsDC(900, 30, 100, -0.003), 88.65)).toBeLessThan(1e-6);
  });
  it('is the rating at 1000 W/m² and temp_ref', () => {
    expect(pvwattsDC(1000, 25, 5000, -0.0047)).toBe(5000);
    expect(pvwattsDC(1000, 40, 5000, -0.004, 40)).toBe(5000);
  });
  it('refuses non-finite input', () => {
    expect(() => pvwattsDC(Number.NaN, 25, 100, -0.004)).toThrow(SolarInputError);
  });
});

describe('pvwattsLosses', () => {
  it('PVWatts defaults combine to 14.075660688264469 % (reference §4)', () => {
    expect(rel(pvwattsLosses(), 14.075660688264469)).toBeLessThan(1e-6);
  });
  it('combines multiplicatively and takes defaults for missing categories', () => {
    const zero = { soiling: 0, shading: 0, snow: 0, mismatch: 0, wiring: 0, connections: 0, lid: 0, nameplate_rating: 0, age: 0, availability: 0 };
    expect(pvwattsLosses(zero)).toBe(0);
    expect(pvwattsLosses({ ...zero, soiling: 10, shading: 10 })).toBeCloseTo(19, 12);
    expect(pvwattsLosses({ soiling: 2 })).toBe(pvwattsLosses());
  });
  it('lists the ten default losses with their source', () => {
    expect(Object.fromEntries(Object.entries(PVWATTS_LOSS_DEFAULTS).map(([k, v]) => [k, v.value]))).toEqual({
      soiling: 2, shading: 3, snow: 0, mismatch: 2, wiring: 2, connections: 0.5, lid: 1.5, nameplate_rating: 1, age: 0, availability: 3,
    });
    for (const row of Object.values(PVWATTS_LOSS_DEFAULTS)) expect(row.source).toMatch(/NREL\/TP-6A20-62641/);
  });
  it('refuses a loss outside 0–100 %', () => {
    expect(() => pvwattsLosses({ soiling: 120 })).toThrow(SolarInputError);
    expect(() => pvwattsLosses({ age: -1 })).toThrow(SolarInputError);
  });
});

describe('pvwattsInverter', () => {
  it('pvwatts_inverter(90, 100, 0.95) = 85.58556604752516 (reference §4)', () => {
    expect(rel(pvwattsInverter(90, 100, 0.95), 85.58556604752516)).toBeLessThan(1e-6);
  });
  it('efficiency follows η_nom/η_ref · (−0.0162ζ − 0.0059/ζ + 0.9858)', () => {
    expect(pvwattsInverterEfficiency(50, 100)).toBeCloseTo((0.96 / 0.9637) * (-0.0081 - 0.0118 + 0.9858), 12);
    expect(pvwattsInverterEfficiency(0, 100)).toBe(0);
  });
  it('clips at P_ac0 = η_nom · pdc0 and gives 0 for no or negative DC', () => {
    expect(pvwattsInverter(150, 100)).toBe(96);
    // η(ζ = 1) = η_nom by construction: the DC limit gives exactly P_ac0
    expect(pvwattsInverter(100, 100)).toBeCloseTo(96, 12);
    expect(pvwattsInverter(0, 100)).toBe(0);
    expect(pvwattsInverter(-5, 100)).toBe(0);
  });
  it('refuses pdc0 ≤ 0 and efficiencies outside (0, 1]', () => {
    expect(() => pvwattsInverter(50, 0)).toThrow(SolarInputError);
    expect(() => pvwattsInverter(50, 100, 1.2)).toThrow(SolarInputError);
    expect(() => pvwattsInverter(50, 100, 0.96, 0)).toThrow(SolarInputError);
  });
});

describe('PVWATTS_MODULE_TYPES', () => {
  it('carries Dobos 2014 temperature coefficients (reference §4)', () => {
    expect(PVWATTS_MODULE_TYPES.standard.gamma_pdc).toBe(-0.0047);
    expect(PVWATTS_MODULE_TYPES.premium.gamma_pdc).toBe(-0.0035);
    expect(PVWATTS_MODULE_TYPES.thin_film.gamma_pdc).toBe(-0.002);
    for (const row of Object.values(PVWATTS_MODULE_TYPES)) expect(row.source).toMatch(/Dobos \(2014\)/);
  });
});
