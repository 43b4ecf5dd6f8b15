/**
 * Air density at hub height (windpowerlib.density, temperature) and the standard-atmosphere
 * pressure at an elevation.
 * - barometric: ρ = (p/100 − Δh/8) · ρ0 · T0 · 100 / (p0 · T), ρ0 1.225 kg/m³, T0 288.15 K,
 *   p0 101,330 Pa, Δh = hub − pressure height (windpowerlib `barometric`, pressure falling 1/8 hPa per m);
 * - ideal gas: ρ = p_hub / (R_s · T), p_hub = (p/100 − Δh/8) · 100, R_s 287.058 J/(kg·K);
 * - temperature at hub: T − 0.0065 K/m · (hub − T height) (`linear_gradient`).
 * Reference values: /work/shared/reference/solar-wind.md §7 (1.30305336 and 1.30309439 kg/m³).
 */
import { requirePositive } from './errors.ts';

/** Pressure at the hub, Pa: 1/8 hPa less per metre above the measurement. */
function pressureAtHub(pressure_pa: number, pressure_height_m: number, hub_height_m: number): number {
  return (pressure_pa / 100 - (hub_height_m - pressure_height_m) / 8) * 100;
}

/** @returns kg/m³; pressure in Pa measured at `pressure_height_m`, temperature at hub in K */
export function densityBarometric(pressure_pa: number, pressure_height_m: number, hub_height_m: number, temperature_hub_k: number): number {
  requirePositive({ pressure_pa, temperature_hub_k });
  return (pressureAtHub(pressure_pa, pressure_height_m, hub_height_m) / 100) * 1.225 * 288.15 * 100 / (101330 * temperature_hub_k);
}

/** @returns kg/m³ by the ideal gas law at the hub's pressure */
export function densityIdealGas(pressure_pa: number, pressure_height_m: number, hub_height_m: number, temperature_hub_k: number): number {
  requirePositive({ pressure_pa, temperature_hub_k });
  return pressureAtHub(pressure_pa, pressure_height_m, hub_height_m) / (287.058 * temperature_hub_k);
}

/** @returns K at `hub_height_m` from `temperature_k` measured at `temperature_height_m` (−6.5 K/km) */
export function temperatureGradient(temperature_k: number, temperature_height_m: number, hub_height_m: number): number {
  return temperature_k - 0.0065 * (hub_height_m - temperature_height_m);
}

/** Standard-atmosphere pressure at `elevation_m` above sea level, Pa (ICAO: 101,325 · (1 − 2.25577e-5 z)^5.25588). */
export function pressureAtElevation(elevation_m: number): number {
  return 101325 * (1 - 2.25577e-5 * elevation_m) ** 5.25588;
}
