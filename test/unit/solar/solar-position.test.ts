import { describe, it, expect } from 'vitest';
import {
  deltaT, solarPosition, solarPositionSeries, spaIntermediate, sunRiseSetTransit, SolarPositionInputError,
} from '../../../layers/solar/solar-position.ts';
import { B_TERMS, L_TERMS, NUTATION_ABCD, NUTATION_Y, R_TERMS } from '../../../layers/solar/spa-terms.ts';
import { mulberry32 } from '../../../layers/core/random.ts';

const RAD = Math.PI / 180;
// SPA report NREL/TP-560-34302, Table A5.1: 2003-10-17 12:30:30 local time, UTC−7.
const REF_TIME = new Date(Date.UTC(2003, 9, 17, 19, 30, 30));
const REF_LAT = 39.742476;
const REF_LON = -105.1786;
const REF_OPTS = { elevation_m: 1830.14, pressure_pa: 82000, temperature_c: 11, delta_t_s: 67, atmos_refract_deg: 0.5667 };

/** Seconds between an instant and a local (UTC−7) clock time on 2003-10-17. */
const secondsFromLocal = (d: Date | null, h: number, m: number, s: number): number =>
  (d!.getTime() - Date.UTC(2003, 9, 17, h + 7, m, s)) / 1000;

describe('SPA term tables (report tables A4.2, A4.3)', () => {
  it('hold every row of the paper', () => {
    expect(L_TERMS.map((t) => t.length)).toEqual([64, 34, 20, 7, 3, 1]);
    expect(B_TERMS.map((t) => t.length)).toEqual([5, 2]);
    expect(R_TERMS.map((t) => t.length)).toEqual([40, 10, 6, 2, 1]);
    expect([NUTATION_ABCD.length, NUTATION_Y.length]).toEqual([63, 63]);
  });
});

describe('solarPosition: the SPA reference case (Table A5.1)', () => {
  const r = spaIntermediate(REF_TIME, REF_LAT, REF_LON, REF_OPTS);

  it('Julian day, heliocentric L, B, R', () => {
    expect(r.jd).toBeCloseTo(2452930.312847, 6);
    expect(Math.abs(r.L - 24.0182616917)).toBeLessThan(1e-9);
    expect(Math.abs(r.B - -0.0001011219)).toBeLessThan(1e-10);
    expect(Math.abs(r.R - 0.9965422974)).toBeLessThan(1e-10);
  });

  it('nutation, obliquity and hour angle', () => {
    expect(Math.abs(r.delta_psi - -0.0039984)).toBeLessThan(1e-8);
    expect(Math.abs(r.delta_epsilon - 0.00166657)).toBeLessThan(1e-8);
    expect(Math.abs(r.epsilon - 23.440465)).toBeLessThan(1e-6);
    expect(Math.abs(r.H - 11.105902)).toBeLessThan(1e-6);
  });

  it('topocentric zenith (refraction-corrected) and azimuth to 1e-5°', () => {
    const p = solarPosition(REF_TIME, REF_LAT, REF_LON, REF_OPTS);
    expect(Math.abs(p.apparent_zenith - 50.111622)).toBeLessThan(1e-5);
    expect(Math.abs(p.azimuth - 194.340241)).toBeLessThan(1e-5);
    expect(p.apparent_elevation).toBeCloseTo(90 - p.apparent_zenith, 12);
    expect(p.elevation).toBeCloseTo(90 - p.zenith, 12);
    expect(p.zenith).toBeGreaterThan(p.apparent_zenith); // refraction lifts the sun
    expect(Math.abs(p.equation_of_time_min - 14.64)).toBeLessThan(0.005);
  });

  it('incidence on the 30° surface rotated −10° is 25.187°', () => {
    // SPA eq. 47: cos I = cos θ cos ω + sin ω sin θ cos(Γ − γ), Γ and γ from south, westward.
    const theta = r.apparent_zenith * RAD;
    const slope = 30 * RAD;
    const cosI = Math.cos(theta) * Math.cos(slope) + Math.sin(slope) * Math.sin(theta) * Math.cos((r.azimuth_astronomical - -10) * RAD);
    expect(Math.abs(Math.acos(cosI) / RAD - 25.187)).toBeLessThan(1e-5);
    expect(r.azimuth_astronomical).toBeCloseTo(r.azimuth - 180, 10);
  });

  it('sunrise 06:12:43 and sunset 17:20:19 local time, to the second', () => {
    const t = sunRiseSetTransit(REF_TIME, REF_LAT, REF_LON, { delta_t_s: 67, atmos_refract_deg: 0.5667, utc_offset_h: -7 });
    const rise = secondsFromLocal(t.sunrise, 6, 12, 43);
    const set = secondsFromLocal(t.sunset, 17, 20, 19);
    expect(rise >= 0 && rise < 1).toBe(true); // the report prints truncated seconds
    expect(set >= 0 && set < 1).toBe(true);
    // Transit: solar noon = 12:00 − longitude offset − equation of time (hand formula, ±30 s).
    const noon_min = 12 * 60 - (REF_LON - -105) * 4 - 14.64;
    expect(Math.abs(secondsFromLocal(t.transit, 0, 0, 0) - noon_min * 60)).toBeLessThan(30);
    // The same day from an instant late on the local date (already the next UTC day).
    const late = sunRiseSetTransit(new Date(Date.UTC(2003, 9, 18, 6, 0)), REF_LAT, REF_LON, { delta_t_s: 67, utc_offset_h: -7 });
    expect(late.sunrise!.getTime()).toBe(t.sunrise!.getTime());
  });
});

describe('solarPosition: hand-checked cases', () => {
  it('at the equator on an equinox, the noon zenith is |latitude − declination|', () => {
    const { transit } = sunRiseSetTransit(new Date(Date.UTC(2025, 2, 20)), 0, 0);
    const r = spaIntermediate(transit, 0, 0);
    expect(Math.abs(r.delta_prime)).toBeLessThan(0.5);
    expect(Math.abs(r.zenith - Math.abs(0 - r.delta_prime))).toBeLessThan(0.01);
    expect(r.zenith).toBeLessThan(0.5);
  });

  it('Hangzhou at the summer-solstice noon: elevation ≈ 90 − 30.25 + 23.44', () => {
    const { transit } = sunRiseSetTransit(new Date(Date.UTC(2025, 5, 21, 4)), 30.25, 120.17, { utc_offset_h: 8 });
    const p = solarPosition(transit, 30.25, 120.17);
    // Solar noon in CST (UTC+8, meridian 120°E): 12:00 − 4 min/° · (120.17 − 120) − equation of time.
    const noon_ms = Date.UTC(2025, 5, 21, 4) - (4 * 0.17 + p.equation_of_time_min) * 60_000;
    expect(Math.abs(transit.getTime() - noon_ms)).toBeLessThan(30_000);
    expect(Math.abs(p.elevation - (90 - 30.25 + 23.44))).toBeLessThan(0.02);
    expect(Math.abs(p.azimuth - 180)).toBeLessThan(1); // due south at transit: δ < φ
  });

  it('polar night at 80°N in December: no sunrise, no sunset, the sun below the horizon at transit', () => {
    const t = sunRiseSetTransit(new Date(Date.UTC(2025, 11, 21)), 80, 15);
    expect([t.sunrise, t.sunset]).toEqual([null, null]);
    expect(solarPosition(t.transit, 80, 15).apparent_elevation).toBeLessThan(-10);
  });

  it('ΔT by Espenak & Meeus: about 64.5 s in 2003 and 63.9 s in 2000', () => {
    expect(deltaT(2003, 10)).toBeCloseTo(64.5, 0);
    expect(deltaT(2000, 1)).toBeCloseTo(63.86 + 0.3345 / 24, 3);
    // Without delta_t_s the position uses deltaT(year, month) of the time.
    const given = solarPosition(REF_TIME, REF_LAT, REF_LON, { ...REF_OPTS, delta_t_s: deltaT(2003, 10) });
    const { delta_t_s: _d, ...noDeltaT } = REF_OPTS;
    expect(solarPosition(REF_TIME, REF_LAT, REF_LON, noDeltaT)).toEqual(given);
  });

  it('rejects a latitude beyond the pole and an invalid date', () => {
    expect(() => solarPosition(REF_TIME, 91, 0)).toThrow(SolarPositionInputError);
    expect(() => solarPosition(new Date(Number.NaN), 30, 120)).toThrow(SolarPositionInputError);
  });
});

describe('solarPositionSeries', () => {
  it('gives the scalar numbers for 100 random times', () => {
    const rand = mulberry32(20260417);
    const times = Float64Array.from({ length: 100 }, () => Math.round(Date.UTC(1990, 0, 1) + rand() * 50 * 365.25 * 86_400_000));
    const s = solarPositionSeries(times, 30.25, 120.17, { elevation_m: 20 });
    times.forEach((ms, i) => {
      const p = solarPosition(new Date(ms), 30.25, 120.17, { elevation_m: 20 });
      expect([s.zenith[i], s.apparent_zenith[i], s.elevation[i], s.apparent_elevation[i], s.azimuth[i], s.equation_of_time_min[i]])
        .toEqual([p.zenith, p.apparent_zenith, p.elevation, p.apparent_elevation, p.azimuth, p.equation_of_time_min]);
    });
  });
});
