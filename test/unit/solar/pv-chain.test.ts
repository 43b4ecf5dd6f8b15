/**
 * The PV chain end to end on a synthetic clear-sky year whose beam and diffuse are consistent
 * with its global irradiance (Ineichen–Perez at SPA positions), so closures can be checked
 * exactly: a horizontal plane sees the GHI, the waterfall adds up, the optimal tilt of a
 * mid-latitude site lies near its latitude, and the parts of the chain agree with their own
 * reference functions hour by hour.
 */
import { describe, expect, it } from 'vitest';
import { clearskyIneichen } from '../../../layers/solar/clearsky.ts';
import { airmassAbsolute, airmassRelative } from '../../../layers/solar/atmosphere.ts';
import { solarPositionSeries } from '../../../layers/solar/solar-position.ts';
import { skyHours } from '../../../layers/solar/sky-hours.ts';
import { simulatePv, type PvSystem } from '../../../layers/solar/pv-chain.ts';
import { optimalOrientation } from '../../../layers/solar/optimal-orientation.ts';
import { pvYield } from '../../../layers/solar/pv-yield.ts';
import { pvwattsDC, pvwattsInverter } from '../../../layers/solar/pvwatts.ts';
import { sapmCell, TEMPERATURE_MODEL_PARAMETERS } from '../../../layers/solar/temperature.ts';
import type { WeatherSeries } from '../../../layers/weather/series.ts';

const LAT = 30.63;
const LON = 119.68;

/** A clear-sky typical year (2023, 8,760 h, UTC+8) at the demo county's centre, 20 °C, 2 m/s. */
function clearYear(): WeatherSeries {
  const n = 8760;
  const time_ms = new Float64Array(n);
  const start = Date.UTC(2023, 0, 1) - 8 * 3_600_000;
  for (let i = 0; i < n; i++) time_ms[i] = start + i * 3_600_000;
  const mid = time_ms.map((t) => t + 1_800_000);
  const sun = solarPositionSeries(mid, LAT, LON, { elevation_m: 0 });
  const ghi = new Float64Array(n), dni = new Float64Array(n), dhi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = sun.apparent_zenith[i];
    if (sun.zenith[i] >= 90) continue;
    const cs = clearskyIneichen(z, airmassAbsolute(airmassRelative(z), 101325), 3);
    dni[i] = cs.dni;
    dhi[i] = cs.dhi;
    // Closure: GHI = DNI·cos z + DHI with the zenith the chain will see.
    ghi[i] = cs.dni * Math.cos((sun.zenith[i] * Math.PI) / 180) + cs.dhi;
  }
  return {
    station: { name: 'clear sky test', latitude: LAT, longitude: LON, elevation_m: 0, utc_offset_h: 8, source: 'test', format: 'csv' },
    time_ms, ghi_w_per_m2: ghi, dni_w_per_m2: dni, dhi_w_per_m2: dhi,
    temp_air_c: new Float64Array(n).fill(20), wind_speed_m_per_s: new Float64Array(n).fill(2), wind_height_m: 10, pressure_pa: null,
  };
}

const weather = clearYear();
const sky = skyHours(weather, { latitude: LAT, longitude: LON, elevation_m: 0, horizon: null });
const base: PvSystem = {
  kw_dc: 100, surface_tilt: 25, surface_azimuth: 180, module_type: 'standard', mounting: 'open_rack',
  losses_pct: 14.075660688264469, dc_ac_ratio: 1.2, eta_inv_nom: 0.96, albedo: 0.25, bifacial_gain_pct: 0,
};

describe('PV chain (pv-chain.ts)', () => {
  it('a horizontal plane receives the global horizontal irradiance (exactly while the sun is above 5°)', () => {
    const r = simulatePv(sky, { ...base, surface_tilt: 0 }, { hourly: true });
    let hours = 0;
    for (let i = 0; i < sky.n; i++) {
      // Perez caps the circumsolar ratio's denominator at cos 85°, so below 5° elevation the plane sees a little less.
      if (sky.zenith[i] >= 85) continue;
      expect(r.hourly!.poa_global[i]).toBeCloseTo(sky.ghi[i], 9);
      hours++;
    }
    expect(hours).toBeGreaterThan(4000);
    expect(Math.abs(r.poa_kwh_per_m2_yr / r.ghi_kwh_per_m2_yr - 1)).toBeLessThan(1e-3);
  });

  it('the loss waterfall adds up: nominal − Σ losses = AC energy, and Σ months = the year', () => {
    const r = simulatePv(sky, { ...base, bifacial_gain_pct: 5, dc_ac_ratio: 1.5 });
    const lost = r.losses.reduce((s, l) => s + l.kwh, 0);
    expect(r.nominal_kwh - lost).toBeCloseTo(r.annual_kwh, 6);
    expect(r.monthly_kwh.reduce((a, b) => a + b, 0)).toBeCloseTo(r.annual_kwh, 6);
    expect(r.losses.find((l) => l.stage === 'horizon')!.kwh).toBe(0);
    expect(r.losses.find((l) => l.stage === 'bifacial')!.kwh).toBeLessThan(0);
    expect(r.losses.find((l) => l.stage === 'clipping')!.kwh).toBeGreaterThan(0);
  });

  it('each hour equals the reference functions composed by hand', () => {
    const r = simulatePv(sky, base, { hourly: true });
    const h = r.hourly!;
    const t = TEMPERATURE_MODEL_PARAMETERS.sapm.open_rack_glass_polymer;
    let checked = 0;
    for (let i = 0; i < sky.n; i += 37) {
      if (h.poa_global[i] <= 0) continue;
      const tCell = sapmCell(h.poa_global[i], 20, 2, t.a, t.b, t.deltaT);
      expect(h.temp_cell_c[i]).toBeCloseTo(tCell, 9);
      const pdc = pvwattsDC(h.poa_effective[i], tCell, 100_000, -0.0047);
      expect(h.p_dc_w[i]).toBeCloseTo(pdc, 6);
      const pac = pvwattsInverter(pdc * (1 - base.losses_pct / 100), 100_000 / 1.2 / 0.96, 0.96);
      expect(h.p_ac_w[i]).toBeCloseTo(pac, 6);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('rejects a system it cannot simulate, naming each field', () => {
    expect(() => simulatePv(sky, { ...base, kw_dc: -1, surface_tilt: 120 })).toThrow(/kw_dc.*surface_tilt/);
  });
});

describe('optimal orientation and the yield answer', () => {
  it('the optimal tilt at 30.6°N under clear skies lies between 20° and 35°, facing about south', () => {
    const o = optimalOrientation(sky, 'optimal', 0.25);
    expect(o.surface_tilt).toBeGreaterThan(20);
    expect(o.surface_tilt).toBeLessThan(35);
    expect(Math.abs(o.surface_azimuth - 180)).toBeLessThan(5);
    // No neighbour does better.
    for (const [dt, da] of [[2, 0], [-2, 0], [0, 5], [0, -5]]) {
      const other = optimalOrientation(sky, o.surface_azimuth + da, 0.25, 60, o.surface_tilt + dt);
      expect(other.effective_kwh_per_m2_yr).toBeLessThanOrEqual(o.effective_kwh_per_m2_yr + 1e-9);
    }
  });

  it('a parcel is sized by its area and the capacity density (reV 36 MW/km²)', () => {
    const site = { lon: LON, lat: LAT, elevation_m: 0, area_ha: 10, slope_deg: null, aspect_deg: null, horizon: null };
    const grid = { tCO2_per_MWh: 0.5703, year: 2022, source: 'test' };
    const y = pvYield(weather, site, { surface_tilt: 25 }, { grid_emission: grid });
    expect(y.system.kw_dc).toBeCloseTo(3600, 9);
    expect(y.avoided.tCO2_per_yr).toBeCloseTo((y.energy.annual_kwh / 1000) * 0.5703, 9);
    expect(y.exceedance.p90_kwh).toBeCloseTo(y.energy.annual_kwh * (1 - 1.2815515655446004 * 0.05), 6);
    // Clear skies all year: far above a real Zhejiang yield (~1,000–1,200 kWh/kWp), below the physical bound.
    expect(y.energy.specific_yield_kwh_per_kwp).toBeGreaterThan(1500);
    expect(y.energy.specific_yield_kwh_per_kwp).toBeLessThan(2400);
  });
});
