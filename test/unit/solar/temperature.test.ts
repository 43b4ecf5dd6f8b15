import { describe, expect, it } from 'vitest';
import { TEMPERATURE_MODEL_PARAMETERS, faiman, pvsystCell, sapmCell, sapmModule } from '../../../layers/solar/temperature.ts';
import { SolarInputError } from '../../../layers/solar/errors.ts';

describe('SAPM', () => {
  const p = TEMPERATURE_MODEL_PARAMETERS.sapm.open_rack_glass_glass;

  it('sapm_cell(900, 20, 5) open-rack glass/glass = 43.509 °C, module 40.809 (reference §7)', () => {
    expect(p).toMatchObject({ a: -3.47, b: -0.0594, deltaT: 3 });
    expect(sapmCell(900, 20, 5, p.a, p.b, p.deltaT)).toBeCloseTo(43.509, 3);
    expect(sapmModule(900, 20, 5, p.a, p.b)).toBeCloseTo(40.809, 3);
    expect(sapmCell(900, 20, 5, p.a, p.b, p.deltaT) - sapmModule(900, 20, 5, p.a, p.b)).toBeCloseTo(2.7, 12);
  });

  it("pvlib's docstring example: sapm_cell(1000, 10, 0, open rack glass/glass) = 44.11703066106086", () => {
    expect(sapmCell(1000, 10, 0, p.a, p.b, p.deltaT)).toBeCloseTo(44.11703066106086, 10);
  });

  it('is the air temperature in the dark and uses irrad_ref', () => {
    expect(sapmCell(0, 12.5, 3, p.a, p.b, p.deltaT)).toBe(12.5);
    expect(sapmCell(500, 20, 2, p.a, p.b, 3, 500) - sapmModule(500, 20, 2, p.a, p.b)).toBeCloseTo(3, 12);
  });

  it("carries pvlib's four sets with sources", () => {
    expect(Object.keys(TEMPERATURE_MODEL_PARAMETERS.sapm)).toEqual([
      'open_rack_glass_glass',
      'close_mount_glass_glass',
      'open_rack_glass_polymer',
      'insulated_back_glass_polymer',
    ]);
    expect(TEMPERATURE_MODEL_PARAMETERS.sapm.insulated_back_glass_polymer).toMatchObject({ a: -2.81, b: -0.0455, deltaT: 0 });
    for (const row of Object.values(TEMPERATURE_MODEL_PARAMETERS.sapm)) expect(row.source).toMatch(/SAND2004-3535/);
  });

  it('refuses negative wind speed, irrad_ref ≤ 0 and non-finite input', () => {
    expect(() => sapmCell(900, 20, -1, p.a, p.b, p.deltaT)).toThrow(SolarInputError);
    expect(() => sapmCell(900, 20, 1, p.a, p.b, p.deltaT, 0)).toThrow(SolarInputError);
    expect(() => sapmModule(Number.NaN, 20, 1, p.a, p.b)).toThrow(SolarInputError);
  });
});

describe('faiman', () => {
  it('faiman(900, 20, 5) = 35.203 °C (u0 25, u1 6.84; reference §7)', () => {
    expect(faiman(900, 20, 5)).toBeCloseTo(35.203, 3);
    expect(faiman(900, 20, 5)).toBeCloseTo(20 + 900 / (25 + 6.84 * 5), 12);
  });
  it('defaults to wind 1 m/s', () => {
    expect(faiman(800, 25)).toBeCloseTo(25 + 800 / 31.84, 12);
  });
  it('refuses a heat-loss sum ≤ 0', () => {
    expect(() => faiman(800, 25, 1, 0, 0)).toThrow(SolarInputError);
  });
});

describe('pvsystCell', () => {
  it('pvsyst_cell(900, 20, 5) = 20 + 900·0.9·0.9/29 = 45.1379 °C (reference §7 gives 45.137, truncated)', () => {
    expect(pvsystCell(900, 20, 5)).toBeCloseTo(20 + 729 / 29, 12);
    expect(Math.abs(pvsystCell(900, 20, 5) - 45.137)).toBeLessThan(1e-3);
  });
  it("pvlib's docstring example: freestanding, pvsyst_cell(1000, 10) = 37.93103448275862", () => {
    const f = TEMPERATURE_MODEL_PARAMETERS.pvsyst.freestanding;
    expect(pvsystCell(1000, 10, 1, f.u_c, f.u_v)).toBeCloseTo(37.93103448275862, 10);
  });
  it('insulated mounting runs hotter, wind cools when u_v > 0', () => {
    const ins = TEMPERATURE_MODEL_PARAMETERS.pvsyst.insulated;
    expect(pvsystCell(800, 20, 1, ins.u_c, ins.u_v)).toBeGreaterThan(pvsystCell(800, 20, 1));
    expect(pvsystCell(800, 20, 5, 25, 1.2)).toBeLessThan(pvsystCell(800, 20, 1, 25, 1.2));
  });
  it('refuses a heat-loss sum ≤ 0 and non-finite input', () => {
    expect(() => pvsystCell(800, 20, 1, 0, 0)).toThrow(SolarInputError);
    expect(() => pvsystCell(800, Number.NaN)).toThrow(SolarInputError);
  });
});
