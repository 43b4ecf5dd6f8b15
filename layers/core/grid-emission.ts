/**
 * Grid emission factors for the CO2 that renewable generation avoids: t CO2 per MWh (= kg per kWh)
 * of grid electricity displaced. A planner picks the factor and its year; every answer states both.
 *
 * Reference: /work/shared/reference/solar-wind.md §6 ("use a configurable value with its source
 * year; China's national average grid factor is published by the environment ministry").
 */
import type { Sourced } from './sourced.ts';

export interface GridEmissionFactor extends Sourced {
  /** t CO2 per MWh of electricity (numerically kg CO2 per kWh). */
  tCO2_per_MWh: number;
  /** The year the factor describes. */
  year: number;
  zh: string;
  en: string;
}

export const GRID_EMISSION_FACTORS = {
  china_national_2022: {
    tCO2_per_MWh: 0.5703,
    year: 2022,
    zh: '全国电力平均二氧化碳排放因子(2022 年)',
    en: 'China national average grid CO2 emission factor (2022)',
    source: 'Ministry of Ecology and Environment (生态环境部) and National Bureau of Statistics, announcement of the 2022 national average power CO2 emission factor, 2024',
    unverified: true,
  },
  china_national_2021: {
    tCO2_per_MWh: 0.5568,
    year: 2021,
    zh: '全国电网平均排放因子(2021 年,用于企业温室气体核算)',
    en: 'China national grid average emission factor (2021, for corporate GHG accounting)',
    source: 'Ministry of Ecology and Environment, 关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知 (环办气候函〔2023〕43号)',
    unverified: true,
  },
} as const satisfies Record<string, GridEmissionFactor>;

export type GridEmissionKey = keyof typeof GRID_EMISSION_FACTORS;

export const DEFAULT_GRID_EMISSION: GridEmissionKey = 'china_national_2022';

/** Avoided t CO2 per year for `energy_kwh_per_yr` of displaced grid electricity. */
export function avoidedCO2(energy_kwh_per_yr: number, tCO2_per_MWh: number): number {
  return (energy_kwh_per_yr / 1000) * tCO2_per_MWh;
}
