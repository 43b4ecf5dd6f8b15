/**
 * The specific PV yield per cell (layers/solar/specific-yield.ts) against the full 8,760-hour chain:
 * at sampled "cells" — the station's year scaled to the cell's GHI (±10 %), moved up to ±0.5° in
 * latitude and longitude and up to 1,000 m in elevation — r × GHI_cell stays within 1 % of the full
 * chain run there (measured: 0.3–0.6 % on the Hangzhou EPW). The weather is the Hangzhou fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEpw } from '../../../data-pipeline/import/weather/epw.ts';
import { annualGhiKwhPerM2, fullChainSpecificYield, scaleIrradiance, specificYieldRaster, yieldPerGhi } from '../../../layers/solar/specific-yield.ts';

const weather = parseEpw(readFileSync('test/fixtures/weather/hangzhou.epw', 'utf8'));
const TOLERANCE = 0.01;

describe('specific PV yield per cell', () => {
  const r = yieldPerGhi(weather);

  it('the station ratio is the full chain’s yield over the station’s GHI, at a plausible level for Zhejiang', () => {
    expect(r.kwh_per_kwp_per_kwh_per_m2).toBeCloseTo(r.specific_yield_kwh_per_kwp / r.ghi_kwh_per_m2_yr, 12);
    expect(r.ghi_kwh_per_m2_yr).toBeCloseTo(annualGhiKwhPerM2(weather), 9);
    // optimal tilt gain a few % above horizontal, PR ≈ 0.8–0.85: 0.8–0.95 kWh/kWp per kWh/m²
    expect(r.kwh_per_kwp_per_kwh_per_m2).toBeGreaterThan(0.8);
    expect(r.kwh_per_kwp_per_kwh_per_m2).toBeLessThan(0.95);
    expect(r.surface_azimuth_deg).toBe(180);
    expect(r.surface_tilt_deg).toBeGreaterThan(15);
    expect(r.surface_tilt_deg).toBeLessThan(35);
  });

  const st = weather.station;
  const cells: [factor: number, dLat: number, dLon: number, dElev_m: number][] = [
    [0.9, 0, 0, 0], [1.1, 0.5, -0.5, 500], [1.05, -0.5, 0.5, 1000], [0.95, 0.3, 0.3, 200], [1, 0.2, -0.4, 300],
  ];
  it.each(cells)('GHI × %s, Δlat %s°, Δlon %s°, +%s m: within 1 % of the full chain', (f, dLat, dLon, dz) => {
    const full = fullChainSpecificYield(scaleIrradiance(weather, f), { lat: st.latitude + dLat, lon: st.longitude + dLon, elevation_m: st.elevation_m + dz }).kwh_per_kwp;
    const ghiCell = annualGhiKwhPerM2(weather) * f;
    const [cell] = specificYieldRaster(new Float32Array([ghiCell]), r.kwh_per_kwp_per_kwh_per_m2);
    expect(Math.abs(cell / full - 1)).toBeLessThan(TOLERANCE);
  });

  it('the raster keeps nodata as NaN and is linear in GHI', () => {
    const y = specificYieldRaster(new Float32Array([NaN, 1000, 1200]), r.kwh_per_kwp_per_kwh_per_m2);
    expect(Number.isNaN(y[0])).toBe(true);
    expect(y[2] / y[1]).toBeCloseTo(1.2, 5);
  });
});
