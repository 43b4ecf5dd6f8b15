/**
 * The wind models against reference/solar-wind.md §5 and §7 (windpowerlib's test values re-derived
 * by hand) and hand-checked cases: profiles, air density, power curves with the density
 * correction, the Weibull fit, power density and mean power, and the turbine table.
 */
import { describe, expect, it } from 'vitest';
import { hellmanExponentFromSpeeds, windSpeedHellman, windSpeedLogarithmic } from '../../../layers/wind/wind-speed.ts';
import { densityBarometric, densityIdealGas, pressureAtElevation, temperatureGradient } from '../../../layers/wind/density.ts';
import { densityCorrectedSpeeds, powerCurve } from '../../../layers/wind/power-curve.ts';
import { gammaFn, meanPowerFromSeries, powerDensity, weibullFit, weibullMeanPower, weibullPdf } from '../../../layers/wind/weibull.ts';
import { annualEnergy, netEnergy } from '../../../layers/wind/energy.ts';
import { TURBINES, tipHeight, userTurbine } from '../../../layers/wind/turbines.ts';
import { roughnessLength } from '../../../layers/wind/roughness.ts';
import { windYield } from '../../../layers/wind/wind-yield.ts';
import { mulberry32 } from '../../../layers/core/random.ts';
import { WindInputError } from '../../../layers/wind/errors.ts';

const G = TURBINES.generic_3200;

describe('wind profile (reference §5)', () => {
  it('Hellman with roughness 0.15 m and with α = 1/7, 10 m → 100 m', () => {
    expect(windSpeedHellman(5, 10, 100, { roughness_length_m: 0.15 })).toBeCloseTo(7.12462437, 7);
    expect(windSpeedHellman(6.5, 10, 100, { roughness_length_m: 0.15 })).toBeCloseTo(9.26201168, 7);
    expect(windSpeedHellman(5, 10, 100)).toBeCloseTo(6.9474774, 6);
    expect(windSpeedHellman(6.5, 10, 100)).toBeCloseTo(9.03172, 5);
  });

  it('the log law returns the measured speed at its own height and grows with height; the shear exponent inverts Hellman', () => {
    expect(windSpeedLogarithmic(6, 10, 10, 0.1)).toBeCloseTo(6, 12);
    // By hand: 6 · ln(100/0.1) / ln(10/0.1) = 6 · 3/2 = 9.
    expect(windSpeedLogarithmic(6, 10, 100, 0.1)).toBeCloseTo(9, 12);
    const v100 = windSpeedHellman(5, 10, 100, { hellman_exponent: 0.2 });
    expect(hellmanExponentFromSpeeds(5, 10, v100, 100)).toBeCloseTo(0.2, 12);
    expect(() => windSpeedLogarithmic(6, 10, 100, 0.1, 20)).toThrow(WindInputError);
  });
});

describe('air density (reference §7)', () => {
  it('barometric and ideal gas at 100 m hub, 101,125 Pa at 0 m, 267 K', () => {
    expect(densityBarometric(101125, 0, 100, 267)).toBeCloseTo(1.30305336, 8);
    expect(densityIdealGas(101125, 0, 100, 267)).toBeCloseTo(1.30309439, 8);
  });

  it('the standard atmosphere: 101,325 Pa at sea level, about 89,875 Pa at 1,000 m; −6.5 K/km', () => {
    expect(pressureAtElevation(0)).toBe(101325);
    expect(pressureAtElevation(1000)).toBeCloseTo(89875, -1);
    expect(temperatureGradient(288.15, 2, 102)).toBeCloseTo(287.5, 12);
  });
});

describe('power curve (reference §7)', () => {
  const v = [4, 5, 6];
  const p = [300, 400, 500];
  it('interpolates linearly and is 0 outside the curve', () => {
    expect(powerCurve(5.5, v, p)).toBeCloseTo(450, 12);
    expect(powerCurve(7.0, v, p)).toBe(0);
    expect(powerCurve(3.9, v, p)).toBe(0);
    expect(powerCurve(4, v, p)).toBe(300);
  });

  it('the density correction scales speeds by (1.225/ρ)^(1/3) below 7.5 m/s and (1.225/ρ)^(2/3) above 12.5 m/s', () => {
    const [a, b, c] = densityCorrectedSpeeds([5, 10, 15], 1.1);
    expect(a).toBeCloseTo(5 * (1.225 / 1.1) ** (1 / 3), 12);
    expect(b).toBeCloseTo(10 * (1.225 / 1.1) ** 0.5, 12);
    expect(c).toBeCloseTo(15 * (1.225 / 1.1) ** (2 / 3), 12);
    // Thinner air: the same speed gives less power; at standard density nothing changes.
    expect(powerCurve(8, G.curve_v, G.curve_p_kw, { density: 1.1, density_correction: true })).toBeLessThan(powerCurve(8, G.curve_v, G.curve_p_kw));
    expect(powerCurve(8, G.curve_v, G.curve_p_kw, { density: 1.225, density_correction: true })).toBeCloseTo(1522, 9);
  });
});

describe('Weibull (reference §5)', () => {
  it('Γ, the density and the power density ½ρA³Γ(1+3/k): A 6, k 2, ρ 1.225 → 175.87 W/m²', () => {
    expect(gammaFn(5)).toBeCloseTo(24, 10);
    expect(gammaFn(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(gammaFn(2.5)).toBeCloseTo(1.329340388179137, 12);
    expect(powerDensity(6, 2, 1.225)).toBeCloseTo(175.87, 2);
    // The density integrates to 1 and has the mean A·Γ(1+1/k).
    let total = 0, mean = 0;
    for (let x = 0.0005; x < 60; x += 0.001) { total += weibullPdf(x, 6, 2) * 0.001; mean += x * weibullPdf(x, 6, 2) * 0.001; }
    expect(total).toBeCloseTo(1, 6);
    expect(mean).toBeCloseTo(6 * gammaFn(1.5), 5);
  });

  it('the maximum-likelihood fit recovers A and k from 100,000 seeded samples within 1 %', () => {
    const next = mulberry32(7);
    const A = 6.5, k = 2.3;
    const xs = Float64Array.from({ length: 100_000 }, () => A * (-Math.log(1 - next())) ** (1 / k));
    const fit = weibullFit(xs);
    expect(Math.abs(fit.A / A - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.k / k - 1)).toBeLessThan(0.01);
    expect(fit.calm_fraction).toBe(0);
    expect(() => weibullFit([1, 2, -1])).toThrow(WindInputError);
  });

  it('the mean power of a cubic curve is the power density; the 3.2 MW curve at A 7, k 2 gives a CF of 0.2–0.4, as a large sample does', () => {
    // P(v) = ½ρv³ per m² on a dense grid up to 40 m/s is the power density.
    const vs = Array.from({ length: 4001 }, (_, i) => i * 0.01);
    const cubic = vs.map((v) => 0.5 * 1.225 * v ** 3);
    expect(weibullMeanPower(6, 2, vs, cubic) / powerDensity(6, 2, 1.225)).toBeCloseTo(1, 4);
    const mean = weibullMeanPower(7, 2, G.curve_v, G.curve_p_kw);
    const cf = mean / G.rated_kw;
    expect(cf).toBeGreaterThan(0.2);
    expect(cf).toBeLessThan(0.4);
    const next2 = mulberry32(11);
    const sample = Float64Array.from({ length: 200_000 }, () => 7 * (-Math.log(1 - next2())) ** 0.5);
    expect(meanPowerFromSeries(sample, (v) => powerCurve(v, G.curve_v, G.curve_p_kw)) / mean).toBeCloseTo(1, 2);
  });
});

describe('energy, turbines and the yield answer', () => {
  it('annual energy over 8,766 h; losses combine multiplicatively', () => {
    expect(annualEnergy(1000)).toBe(8_766_000);
    expect(netEnergy(1000, { wake_pct: 10, availability_pct: 10, electrical_pct: 0, other_pct: 0 })).toBeCloseTo(810, 9);
  });

  it('every turbine in the table passes the user-curve check, spans 2–6 MW, and a bad curve is named', () => {
    const list = Object.values(TURBINES);
    expect(list.length).toBeGreaterThanOrEqual(6);
    for (const t of list) {
      expect(() => userTurbine(t)).not.toThrow();
      expect(t.rated_kw).toBeGreaterThanOrEqual(2000);
      expect(t.rated_kw).toBeLessThanOrEqual(6000);
      expect(Math.max(...t.curve_p_kw)).toBeCloseTo(t.rated_kw, 0);
    }
    expect(tipHeight(110, 130)).toBe(175);
    expect(() => userTurbine({ name: 'x', rated_kw: 2000, rotor_diameter_m: 90, curve_v: [3, 2, 5], curve_p_kw: [0, 100, 3000] }))
      .toThrow(/curve_v must ascend.*exceeds the rated/);
  });

  it('roughness by land cover: water smoothest, forest roughest; the yield follows the wind and the air', () => {
    expect(roughnessLength(10)).toBeLessThan(roughnessLength(8));
    expect(roughnessLength(8)).toBeLessThan(roughnessLength(1));
    const grid = { tCO2_per_MWh: 0.5703, year: 2022, source: 'test' };
    const site = (v: number, z: number) => ({ wind_100m_m_per_s: v, elevation_m: z, roughness_length_m: 0.1, area_ha: null });
    const calm = windYield(site(5, 100), { turbine: G, grid_emission: grid }, null);
    const windy = windYield(site(7, 100), { turbine: G, grid_emission: grid }, null);
    const high = windYield(site(7, 1200), { turbine: G, grid_emission: grid }, null);
    expect(windy.energy.capacity_factor_pct).toBeGreaterThan(calm.energy.capacity_factor_pct);
    expect(high.wind.air_density_kg_per_m3).toBeLessThan(windy.wind.air_density_kg_per_m3);
    expect(high.energy.net_kwh).toBeLessThan(windy.energy.net_kwh);
    // Hub 110 m above the 100 m raster: a little more wind; Rayleigh scale from the hub mean.
    expect(windy.wind.hub_speed_m_per_s).toBeGreaterThan(7);
    expect(windy.wind.weibull_A_m_per_s * gammaFn(1.5)).toBeCloseTo(windy.wind.hub_speed_m_per_s, 9);
    const lost = windy.losses.reduce((s, l) => s + l.kwh, 0);
    expect(windy.energy.gross_kwh - lost).toBeCloseTo(windy.energy.net_kwh, 6);
    expect(windy.avoided.tCO2_per_yr).toBeCloseTo(windy.energy.net_kwh / 1000 * 0.5703, 9);
  });
});
