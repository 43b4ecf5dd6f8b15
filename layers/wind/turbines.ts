/**
 * Wind turbine types with their power curves (kW by hub-height wind speed in m/s at 1.225 kg/m³),
 * each with its source, and the check a user-supplied curve must pass.
 *
 * The NREL curves are from NREL's turbine-models library (github.com/NREL/turbine-models,
 * `turbine_models/data/Onshore/*.csv`, tabulated every 0.25 m/s), taken here every 0.5 m/s below
 * rated power plus the rated point: linear interpolation between these points stays within
 * about 1 % of the full table. `generic_3200` is the typical 3.2 MW curve of
 * /work/shared/reference/solar-wind.md §5.
 */
import type { Sourced } from '../core/sourced.ts';
import { WindInputError } from './errors.ts';

export interface Turbine extends Sourced {
  id: string;
  name: string;
  rated_kw: number;
  rotor_diameter_m: number;
  /** Hub heights offered, m; the first is the default. */
  hub_heights_m: readonly number[];
  curve_v: readonly number[];
  curve_p_kw: readonly number[];
}

const NREL = (file: string) => `NREL turbine-models library, Onshore/${file} (power curve at 0.25 m/s, sampled every 0.5 m/s)`;

export const TURBINES = {
  generic_3200: {
    id: 'generic_3200', name: 'Generic 3.2 MW onshore', rated_kw: 3200, rotor_diameter_m: 130, hub_heights_m: [110, 90, 130],
    curve_v: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25],
    curve_p_kw: [3, 49, 155, 339, 628, 1036, 1522, 2215, 2677, 3030, 3177, 3200, 3200],
    source: 'reference/solar-wind.md §5: a typical 3.2 MW onshore curve (rotor diameter assumed 130 m)', unverified: true,
  },
  nrel_2017_market_2300: {
    id: 'nrel_2017_market_2300', name: 'NREL 2017 market-average 2.3 MW, 113 m rotor', rated_kw: 2320, rotor_diameter_m: 113, hub_heights_m: [90, 80, 110],
    curve_v: [3, 3.25, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 9.75, 10, 24.75, 25],
    curve_p_kw: [0, 52.9, 74.3, 127.3, 195.3, 280.2, 384, 508.4, 655.4, 826.8, 1024.6, 1250.6, 1506.6, 1794.6, 2116.5, 2290.7, 2320, 2320, 0],
    source: NREL('2017COE_Market_Average_2.3MW_113.csv'), unverified: false,
  },
  nrel_2019_market_2550: {
    id: 'nrel_2019_market_2550', name: 'NREL 2019 market-average 2.6 MW, 121 m rotor', rated_kw: 2550, rotor_diameter_m: 121, hub_heights_m: [90, 110],
    curve_v: [3, 3.25, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 9.75, 24.75, 25],
    curve_p_kw: [0, 63, 87, 148, 226, 324, 443, 586, 755, 952, 1180, 1440, 1734, 2065, 2436, 2550, 2550, 0],
    source: NREL('2019COE_Market_Average_2.6MW_121.csv'), unverified: false,
  },
  iea_3370: {
    id: 'iea_3370', name: 'IEA Wind 3.4 MW reference, 130 m rotor', rated_kw: 3370, rotor_diameter_m: 130, hub_heights_m: [110],
    curve_v: [3, 3.5392, 4.0485, 4.5267, 4.973, 5.3862, 5.7654, 6.1098, 6.4186, 6.6912, 6.9269, 7.1252, 7.408, 7.5435, 7.7563, 8.0899, 8.5735, 9.203, 9.5707, 9.8127, 25],
    curve_p_kw: [51.6, 123.4, 213.2, 318.8, 436, 560.9, 688.9, 819.1, 949.7, 1075.9, 1193.7, 1299.2, 1460.1, 1541.7, 1675.9, 1901.5, 2263.3, 2799.3, 3148.5, 3370, 3370],
    source: 'IEA Wind Task 37 3.4 MW land-based reference turbine (Bortolotti et al. 2019, NREL/TP-5000-73492), via the NREL turbine-models library, Onshore/IEA_Reference_3.4MW_130.csv (every tabulated point below rated)', unverified: false,
  },
  nrel_atb_4000: {
    id: 'nrel_atb_4000', name: 'NREL ATB 2020 reference 4 MW, 150 m rotor', rated_kw: 4000, rotor_diameter_m: 150, hub_heights_m: [110, 130],
    curve_v: [3, 3.25, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 9.75, 24.75, 25],
    curve_p_kw: [0, 94, 132, 225, 344, 494, 676, 895, 1153, 1455, 1802, 2200, 2650, 3156, 3722, 4000, 4000, 0],
    source: NREL('2020ATB_NREL_Reference_4MW_150.csv'), unverified: false,
  },
  nrel_atb_5500: {
    id: 'nrel_atb_5500', name: 'NREL ATB 2020 reference 5.5 MW, 175 m rotor', rated_kw: 5500, rotor_diameter_m: 175, hub_heights_m: [120, 140],
    curve_v: [3, 3.25, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 9.75, 10, 24.75, 25],
    curve_p_kw: [0, 127, 178, 305, 468, 671, 919, 1216, 1567, 1977, 2450, 2990, 3602, 4291, 5060, 5477, 5500, 5500, 0],
    source: NREL('2020ATB_NREL_Reference_5.5MW_175.csv'), unverified: false,
  },
} as const satisfies Record<string, Turbine>;

/** The turbine of `id` in TURBINES, or undefined. */
export function turbineById(id: string): Turbine | undefined {
  return (TURBINES as Record<string, Turbine>)[id];
}

/** Blade tip height above ground, m: hub height + rotor radius (setbacks are multiples of it). */
export function tipHeight(hub_height_m: number, rotor_diameter_m: number): number {
  return hub_height_m + rotor_diameter_m / 2;
}

/**
 * A user's turbine, checked: speeds strictly ascending within 0–50 m/s, powers finite, ≥ 0 and at
 * most 5 % above the rated power, at least 3 points; every problem named at once.
 */
export function userTurbine(t: { name: string; rated_kw: number; rotor_diameter_m: number; curve_v: readonly number[]; curve_p_kw: readonly number[]; hub_heights_m?: readonly number[] }): Turbine {
  const bad: string[] = [];
  if (!(t.rated_kw > 0 && Number.isFinite(t.rated_kw))) bad.push('rated_kw must be a positive number');
  if (!(t.rotor_diameter_m > 0 && Number.isFinite(t.rotor_diameter_m))) bad.push('rotor_diameter_m must be a positive number');
  if (t.curve_v.length !== t.curve_p_kw.length) bad.push(`curve_v has ${t.curve_v.length} speeds but curve_p_kw ${t.curve_p_kw.length} powers`);
  if (t.curve_v.length < 3) bad.push('a power curve needs at least 3 points');
  t.curve_v.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0 && v <= 50)) bad.push(`curve_v[${i}] = ${v} is not a speed within 0–50 m/s`);
    else if (i > 0 && !(v > t.curve_v[i - 1])) bad.push(`curve_v must ascend: curve_v[${i}] = ${v} follows ${t.curve_v[i - 1]}`);
  });
  t.curve_p_kw.forEach((p, i) => {
    if (!(Number.isFinite(p) && p >= 0)) bad.push(`curve_p_kw[${i}] = ${p} is not a power ≥ 0`);
    else if (p > t.rated_kw * 1.05) bad.push(`curve_p_kw[${i}] = ${p} kW exceeds the rated ${t.rated_kw} kW by more than 5 %`);
  });
  if (bad.length) throw new WindInputError(bad.slice(0, 20));
  return {
    id: 'user', name: t.name, rated_kw: t.rated_kw, rotor_diameter_m: t.rotor_diameter_m, hub_heights_m: t.hub_heights_m ?? [100],
    curve_v: [...t.curve_v], curve_p_kw: [...t.curve_p_kw], source: `user-supplied power curve "${t.name}"`, unverified: true,
  };
}
