/**
 * Suitability criteria per technology family, each a source layer (layers.ts) rescaled to 0–1
 * (rescale.ts) with its unit, and weight presets. Every rescaling and weight is editable by the
 * caller; the defaults say where they come from.
 */
import type { Sourced } from '../core/sourced.ts';
import type { RescaleFn } from './rescale.ts';

export interface Criterion extends Sourced {
  id: string;
  zh: string;
  en: string;
  layer: string;
  rescale: RescaleFn;
}

export interface WeightPreset extends Sourced {
  id: string;
  zh: string;
  en: string;
  /** criterion id → weight (normalised before use). */
  weights: Record<string, number>;
}

const TANTU = 'tantu default breakpoints (editable); not in reference/solar-wind.md';

/**
 * The PV resource criterion (id 'solar'), two ways: the specific PV yield per cell (default;
 * layers/solar/specific-yield.ts, the full chain's yield per kWh/m² at the weather station × the
 * cell's GHI), or the GHI itself. Choose with `pv_resource` in a suitability request.
 */
export const PV_SOLAR = {
  specific_yield: {
    id: 'solar', zh: '光伏单位容量年发电量', en: 'Specific PV yield', layer: 'pv_yield_kwh_per_kwp_yr',
    rescale: { kind: 'linear', unit: 'kWh/kWp/yr', breakpoints: [[930, 0], [1050, 1]] },
    source: `${TANTU}: spans the demo county's specific yield, 930–1,052 kWh/kWp/yr (its GHI 1,150–1,300 kWh/m²/yr × the demo station's full-chain 0.81 kWh/kWp per kWh/m²), so the scores match the GHI criterion's there`, unverified: true,
  },
  ghi: { id: 'solar', zh: '太阳总辐射', en: 'Global horizontal irradiation', layer: 'ghi_kwh_m2_yr', rescale: { kind: 'linear', unit: 'kWh/m²/yr', breakpoints: [[1150, 0], [1300, 1]] }, source: `${TANTU}: spans the demo county's GHI (1,150–1,300)`, unverified: true },
} as const satisfies Record<string, Criterion>;
export type PvResource = keyof typeof PV_SOLAR;

export const PV_CRITERIA: readonly Criterion[] = [
  PV_SOLAR.specific_yield,
  { id: 'slope', zh: '坡度', en: 'Slope', layer: 'slope_deg', rescale: { kind: 'linear', unit: '°', breakpoints: [[0, 1], [5, 1], [25, 0]] }, source: TANTU, unverified: true },
  { id: 'orientation', zh: '坡向', en: 'Orientation (aspect)', layer: 'aspect_south_dev_deg', rescale: { kind: 'linear', unit: '°', breakpoints: [[0, 1], [90, 0.5], [180, 0.2]] }, source: TANTU, unverified: true },
  { id: 'substation', zh: '距变电站', en: 'Distance to substations', layer: 'dist_substation_m', rescale: { kind: 'linear', unit: 'm', breakpoints: [[0, 1], [2000, 1], [15000, 0]] }, source: TANTU, unverified: true },
  { id: 'power_line', zh: '距输电线路', en: 'Distance to power lines', layer: 'dist_power_line_m', rescale: { kind: 'linear', unit: 'm', breakpoints: [[0, 1], [1000, 1], [10000, 0]] }, source: TANTU, unverified: true },
  { id: 'road', zh: '距道路', en: 'Distance to roads', layer: 'dist_road_m', rescale: { kind: 'linear', unit: 'm', breakpoints: [[0, 1], [500, 1], [5000, 0]] }, source: TANTU, unverified: true },
  { id: 'village', zh: '距居民点', en: 'Distance to villages', layer: 'dist_settlement_m', rescale: { kind: 'sigmoid', unit: 'm', midpoint: 200, steepness_per_unit: 0.02 }, source: `${TANTU}: glare and land conflict near dwellings, score 0.5 at 200 m`, unverified: true },
  { id: 'landuse', zh: '土地利用偏好', en: 'Land-use preference', layer: 'landcover',
    rescale: { kind: 'classes', unit: 'class', scores: { 12: 1, 13: 1, 14: 0.8, 6: 0.6, 7: 0.4, 10: 0.7, 11: 0.8 }, default: 0.3 },
    source: 'reference/solar-wind.md §6: prefer abandoned mines, closed landfills, unused land (1.0); grassland 0.8, shrub 0.6, tea/orchard 0.4, ponds 0.7, roofs 0.8 are tantu choices', unverified: true },
];

export const WIND_CRITERIA: readonly Criterion[] = [
  { id: 'wind_power', zh: '风功率密度', en: 'Wind power density', layer: 'wind_wpd_w_m2', rescale: { kind: 'linear', unit: 'W/m²', breakpoints: [[100, 0], [400, 1]] }, source: TANTU, unverified: true },
  { id: 'slope', zh: '坡度', en: 'Slope', layer: 'slope_deg', rescale: { kind: 'linear', unit: '°', breakpoints: [[0, 1], [10, 1], [30, 0]] }, source: TANTU, unverified: true },
  { id: 'elevation', zh: '高程', en: 'Elevation', layer: 'elevation_m', rescale: { kind: 'linear', unit: 'm', breakpoints: [[100, 0.2], [800, 1]] }, source: `${TANTU}: ridges are windier and farther from people`, unverified: true },
  { id: 'substation', zh: '距变电站', en: 'Distance to substations', layer: 'dist_substation_m', rescale: { kind: 'linear', unit: 'm', breakpoints: [[0, 1], [3000, 1], [25000, 0]] }, source: TANTU, unverified: true },
  { id: 'power_line', zh: '距输电线路', en: 'Distance to power lines', layer: 'dist_power_line_m', rescale: { kind: 'linear', unit: 'm', breakpoints: [[0, 1], [2000, 1], [15000, 0]] }, source: TANTU, unverified: true },
  { id: 'road', zh: '距道路', en: 'Distance to roads', layer: 'dist_road_m', rescale: { kind: 'linear', unit: 'm', breakpoints: [[0, 1], [1000, 1], [8000, 0]] }, source: TANTU, unverified: true },
  { id: 'village', zh: '距居民点', en: 'Distance to villages', layer: 'dist_settlement_m', rescale: { kind: 'linear', unit: 'm', breakpoints: [[500, 0], [2000, 1]] }, source: `${TANTU}: noise and shadow flicker`, unverified: true },
  { id: 'landuse', zh: '土地利用偏好', en: 'Land-use preference', layer: 'landcover',
    rescale: { kind: 'classes', unit: 'class', scores: { 12: 1, 13: 1, 14: 1, 6: 0.9, 7: 0.6, 8: 0.6 }, default: 0.5 }, source: `${TANTU}: open land first, forest needs clearing`, unverified: true },
];

export const CRITERIA: Record<'pv' | 'wind', readonly Criterion[]> = { pv: PV_CRITERIA, wind: WIND_CRITERIA };

/** The criteria of a family, PV with its resource criterion as chosen (default the specific yield). */
export function criteriaOf(family: 'pv' | 'wind', pvResource: PvResource = 'specific_yield'): readonly Criterion[] {
  if (family === 'wind' || pvResource === 'specific_yield') return CRITERIA[family];
  return PV_CRITERIA.map((c) => (c.id === 'solar' ? PV_SOLAR[pvResource] : c));
}

export const WEIGHT_PRESETS: Record<'pv' | 'wind', readonly WeightPreset[]> = {
  pv: [
    { id: 'equal', zh: '等权重', en: 'Equal weights', weights: Object.fromEntries(PV_CRITERIA.map((c) => [c.id, 1])), source: 'equal weights', unverified: false },
    {
      id: 'published_cn_solar_farm', zh: '已发表的中国光伏电站选址权重', en: 'Published Chinese solar-farm weights',
      // 10 criteria in the study; average temperature (0.116) and area (0.099) have no layer here
      // (area is the min_area rule), so the remaining 8 are renormalised by 0.785.
      weights: { solar: 0.12, village: 0.103, road: 0.098, landuse: 0.097, slope: 0.096, substation: 0.092, orientation: 0.09, power_line: 0.09 },
      source: 'reference/solar-wind.md §6 (a published Chinese solar-farm study: radiation 0.120, temperature 0.116, villages 0.103, area 0.099, roads 0.098, agricultural capacity 0.097, slope 0.096, substations 0.092, orientation 0.090, lines 0.090); temperature and area dropped, agricultural capacity read as land-use preference; the study itself is not named in the reference',
      unverified: true,
    },
  ],
  wind: [
    { id: 'equal', zh: '等权重', en: 'Equal weights', weights: Object.fromEntries(WIND_CRITERIA.map((c) => [c.id, 1])), source: 'equal weights', unverified: false },
    { id: 'resource_first', zh: '资源优先', en: 'Resource first', weights: { wind_power: 0.35, slope: 0.1, elevation: 0.05, substation: 0.15, power_line: 0.1, road: 0.1, village: 0.1, landuse: 0.05 }, source: 'tantu illustrative weights; not in reference/solar-wind.md', unverified: true },
  ],
};

/** The default weights of a family (the published set for PV, resource-first for wind), normalised, in criteria order. */
export function defaultWeights(family: 'pv' | 'wind'): number[] {
  const preset = WEIGHT_PRESETS[family][1];
  const w = CRITERIA[family].map((c) => preset.weights[c.id] ?? 0);
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}
