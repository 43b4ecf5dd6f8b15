/**
 * Default rule sets per technology (reference/solar-wind.md §6): each rule a reV-style mask
 * (masks.ts) over a source layer (layers.ts), with its legal source and an `unverified` flag
 * where the reference does not give the rule or tantu chose the number.
 *
 * 自然资办发〔2023〕12号 (自然资源部办公厅 国家林业和草原局办公室 国家能源局综合司《关于支持光伏发电产业发展规范用地管理有关
 * 工作的通知》, 20 Mar 2023): no new PV on permanent basic farmland, basic grassland or Level-I
 * protected forest land; arrays may not occupy cultivated land; on forest land only the
 * forest–PV (林光互补) model, on shrub land, never by felling 乔木林地 or 竹林地; prefer unused
 * and existing construction land. The seeds name ponds (渔光互补), abandoned mines and closed
 * landfills as sites. Wind setbacks are multiples of tip height: 1.1× roads and lines, 3× from
 * dwellings.
 */
import { landCoverByKey } from '../landcover/classes.ts';
import type { MaskRule } from './masks.ts';
import type { Contiguity } from './min-area.ts';
import { WATER_BODY_CODES } from './layers.ts';

export type Technology = 'pv_ground' | 'pv_fishery' | 'pv_forest' | 'pv_rooftop' | 'wind';
export const TECHNOLOGIES: readonly Technology[] = ['pv_ground', 'pv_fishery', 'pv_forest', 'pv_rooftop', 'wind'];
/** Which criteria family a technology is scored with. */
export const FAMILY: Record<Technology, 'pv' | 'wind'> = { pv_ground: 'pv', pv_fishery: 'pv', pv_forest: 'pv', pv_rooftop: 'pv', wind: 'wind' };

export interface RuleSet {
  /** 'default:<technology>' for the shipped sets, the user's name for saved ones. */
  name: string;
  technology: Technology;
  label_zh: string;
  label_en: string;
  rules: MaskRule[];
  /** Contiguous usable land below this is dropped (reV min_area), ha; 0 = none. */
  min_area_ha: number;
  contiguity: Contiguity;
  /** Capacity density on usable land, MW per km² (MW_dc for PV). */
  density_mw_per_km2: number;
  density_source: string;
  density_unverified: boolean;
}

const code = (key: string) => landCoverByKey(key)!.code;
const FORESTS = ['broadleaf_forest', 'chinese_fir_forest', 'masson_pine_forest', 'mixed_forest'].map(code);
const BAMBOO = code('moso_bamboo');

const R2023 = '自然资办发〔2023〕12号 (2023-03-20); reference/solar-wind.md §6';
const THREE_LINES = '中办 国办《关于在国土空间规划中统筹划定落实三条控制线的指导意见》(2019): 生态保护红线内原则上禁止开发性、生产性建设活动 — not in reference/solar-wind.md';

const farmland: MaskRule = {
  id: 'basic_farmland', label_zh: '永久基本农田', label_en: 'Permanent basic farmland',
  layer: 'basic_farmland', exclude_values: [1], source: `${R2023}: 不得在永久基本农田新建光伏`, unverified: false,
};
const redline: MaskRule = {
  id: 'eco_redline', label_zh: '生态保护红线', label_en: 'Ecological protection red line',
  layer: 'eco_redline', exclude_values: [1], source: THREE_LINES, unverified: true,
};
const cropland: MaskRule = {
  id: 'cropland', label_zh: '耕地（阵列不得占用）', label_en: 'Cultivated land (arrays may not occupy it)',
  layer: 'landcover', exclude_values: [code('cropland')], source: `${R2023}: 光伏方阵不得占用耕地`, unverified: false,
};
const arborBamboo: MaskRule = {
  id: 'arbor_bamboo', label_zh: '乔木林地、竹林地（不得采伐建设）', label_en: 'Arbor and bamboo forest (no felling for PV)',
  layer: 'landcover', exclude_values: [...FORESTS, BAMBOO], source: `${R2023}: 不得采伐林木、不得占用乔木林地、竹林地`, unverified: false,
};
const slope25: MaskRule = {
  id: 'slope', label_zh: '坡度 ≥ 25°', label_en: 'Slope ≥ 25°',
  layer: 'slope_deg', exclude_range: [25, null],
  source: 'tantu default: 25° is the common upper slope in Chinese ground-PV siting studies and the slope above which 《水土保持法》 restricts reclamation; not in reference/solar-wind.md', unverified: true,
};

export const DEFAULT_RULE_SETS: Record<Technology, RuleSet> = {
  pv_ground: {
    name: 'default:pv_ground', technology: 'pv_ground', label_zh: '地面集中式光伏', label_en: 'Ground-mounted PV',
    rules: [
      farmland, redline, cropland, arborBamboo,
      { id: 'water', label_zh: '水域、湿地（渔光互补另列）', label_en: 'Water and wetland (fishery–PV is its own line)', layer: 'landcover',
        exclude_values: [code('open_water'), code('marsh_wetland')], source: 'tantu: ground-mounted PV stands on land; ponds are scored as 渔光互补 (reference/solar-wind.md §6 seeds)', unverified: true },
      { id: 'built_up', label_zh: '建设用地（屋顶光伏另列）', label_en: 'Built-up land (rooftop PV is its own line)', layer: 'landcover',
        exclude_values: [code('built_up')], source: 'tantu: built-up land is counted as rooftop/BIPV, not ground arrays', unverified: true },
      slope25,
    ],
    min_area_ha: 3, contiguity: 'queen',
    density_mw_per_km2: 36, density_source: 'NREL reV default PV 36 MW_dc/km² (reference/solar-wind.md §6); Chinese ground-mount is often denser — edit', density_unverified: false,
  },
  pv_fishery: {
    name: 'default:pv_fishery', technology: 'pv_fishery', label_zh: '渔光互补（坑塘水面）', label_en: 'Fishery–PV (ponds)',
    rules: [
      farmland, redline,
      { id: 'ponds_only', label_zh: '仅坑塘水面', label_en: 'Ponds only', layer: 'water_body', include_values: [WATER_BODY_CODES.pond],
        source: 'reference/solar-wind.md §6 seeds: 坑塘水面 for 渔光互补; rivers, lakes and reservoirs are left out (河道、水库管理范围, 《河道管理条例》) — the exclusion of those is not in the reference', unverified: true },
    ],
    // tantu choice: single ponds are small (the demo county's average 1.2 ha); 0.5 ha ≈ 0.18 MW_dc at 36 MW/km²
    min_area_ha: 0.5, contiguity: 'queen',
    density_mw_per_km2: 36, density_source: 'NREL reV default PV 36 MW_dc/km² (reference/solar-wind.md §6)', density_unverified: false,
  },
  pv_forest: {
    name: 'default:pv_forest', technology: 'pv_forest', label_zh: '林光互补（灌木林地）', label_en: 'Forest–PV (shrub land)',
    rules: [
      farmland, redline,
      { id: 'shrub_only', label_zh: '仅灌木林地', label_en: 'Shrub land only', layer: 'landcover', include_values: [code('shrub')],
        source: `${R2023}: 林地仅林光互补，限灌木林地（覆盖度 < 50 %、年降水 ≥ 400 mm）；覆盖度无数据，未核实`, unverified: true },
      slope25,
    ],
    min_area_ha: 3, contiguity: 'queen',
    density_mw_per_km2: 36, density_source: 'NREL reV default PV 36 MW_dc/km² (reference/solar-wind.md §6); Zhejiang composite PV: low edge ≥ 2 m, array centre spacing ≥ 7 m lowers it', density_unverified: false,
  },
  pv_rooftop: {
    name: 'default:pv_rooftop', technology: 'pv_rooftop', label_zh: '屋顶分布式光伏/光伏建筑一体化', label_en: 'Rooftop PV / BIPV',
    rules: [
      { id: 'built_up_only', label_zh: '仅建设用地', label_en: 'Built-up land only', layer: 'landcover', include_values: [code('built_up')],
        source: `${R2023}: 优先利用存量建设用地; rooftops are on built-up land`, unverified: false },
    ],
    min_area_ha: 0, contiguity: 'queen',
    density_mw_per_km2: 20, density_source: 'tantu estimate: ~25 % of built-up land is usable roof at ~80 MW/km² of roof (≈ 12.5 m²/kW) → 20 MW per km² of built-up land; not in reference/solar-wind.md', density_unverified: true,
  },
  wind: {
    name: 'default:wind', technology: 'wind', label_zh: '陆上风电', label_en: 'Onshore wind',
    rules: [
      { ...farmland, source: '《基本农田保护条例》: 永久基本农田不得占用于非农建设; reference/solar-wind.md §6 gives it for PV', unverified: true },
      redline,
      { id: 'water', label_zh: '水域、湿地', label_en: 'Water and wetland', layer: 'landcover', exclude_values: [code('open_water'), code('marsh_wetland')], source: 'tantu: onshore turbines stand on land', unverified: true },
      { id: 'built_up', label_zh: '建设用地', label_en: 'Built-up land', layer: 'landcover', exclude_values: [code('built_up')], source: 'tantu: no turbines on built-up land', unverified: true },
      { id: 'setback_dwellings', label_zh: '距居民点 < 3 倍叶尖高度', label_en: 'Within 3 × tip height of dwellings', layer: 'dist_settlement_m', setback_tip_heights: 3,
        source: 'reference/solar-wind.md §6: stricter (e.g. 3×) from dwellings', unverified: false },
      { id: 'setback_roads', label_zh: '距道路 < 1.1 倍叶尖高度', label_en: 'Within 1.1 × tip height of roads', layer: 'dist_road_m', setback_tip_heights: 1.1,
        source: 'reference/solar-wind.md §6: 1.1× tip height where no local rule exists', unverified: false },
      { id: 'setback_lines', label_zh: '距输电线路 < 1.1 倍叶尖高度', label_en: 'Within 1.1 × tip height of power lines', layer: 'dist_power_line_m', setback_tip_heights: 1.1,
        source: 'reference/solar-wind.md §6: 1.1× tip height where no local rule exists', unverified: false },
      { id: 'slope', label_zh: '坡度 ≥ 30°', label_en: 'Slope ≥ 30°', layer: 'slope_deg', exclude_range: [30, null], source: 'tantu default (construction and crane access); not in reference/solar-wind.md', unverified: true },
    ],
    min_area_ha: 10, contiguity: 'queen',
    density_mw_per_km2: 3, density_source: 'NREL reV default wind 3 MW/km² (published range 2–9; reference/solar-wind.md §6)', density_unverified: false,
  },
};

/** Parcel-potential parameters (every value with its source). */
export const SITING_PARAMETERS = {
  storage_fraction: { value: 0.1, unit: 'of capacity', source: 'Hangzhou plan: new centralised PV and wind add storage ≥ 10 % of capacity (reference/solar-wind.md §6)', unverified: false },
  storage_hours: { value: 2, unit: 'h', source: 'tantu assumption: 2-hour storage, the usual duration in Zhejiang allocation rules; not in reference/solar-wind.md', unverified: true },
  connection_cny_per_km: { value: 800_000, unit: 'CNY/km', source: 'tantu rough estimate for a 35/110 kV overhead line to the nearest substation; not in reference/solar-wind.md', unverified: true },
  china_ground_density_mw_per_km2: { value: 60, unit: 'MW_dc/km²', source: 'tantu rule of thumb for Chinese fixed-tilt ground PV (~25 亩/MW); reference/solar-wind.md §6 says often denser than reV and a parameter', unverified: true },
  wind_spacing_crosswind_d: { value: 4, unit: 'rotor diameters', source: 'tantu default layout spacing (common 3–5 D across the wind); not in reference/solar-wind.md', unverified: true },
  wind_spacing_downwind_d: { value: 7, unit: 'rotor diameters', source: 'tantu default layout spacing (common 5–9 D along the wind); not in reference/solar-wind.md', unverified: true },
} as const;
