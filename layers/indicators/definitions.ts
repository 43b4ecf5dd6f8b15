/**
 * The policy indicators (issue 14): stable ids, names, units, what each measures and from which of
 * tantu's data, in Chinese first, English second. The formulas are in measures.ts; targets are data
 * (table indicator_targets, migration 007); status and gap rules in status.ts.
 */
import { LANDCOVER_CLASSES } from '../landcover/classes.ts';
import { DEFAULT_RULE_SETS } from '../siting/rules.ts';

const PV = DEFAULT_RULE_SETS.pv_ground, WIND = DEFAULT_RULE_SETS.wind;
/** The turbine whose tip height (at its default hub height) sets the wind rule set's setbacks for the wind potential. */
export const WIND_POTENTIAL_TURBINE = 'generic_3200';

export const INDICATOR_IDS = [
  'forest_coverage_pct',
  'forest_stock_m3',
  'wetland_rate_pct',
  'wetland_protection_pct',
  'carbon_stock_tC',
  'carbon_sink_tCO2e_per_yr',
  'charging_coverage_urban_pct',
  'charging_coverage_rural_pct',
  'townships_with_chargers_pct',
  'service_areas_with_chargers_pct',
  'public_chargers',
  'public_chargers_urban',
  'public_chargers_rural',
  'pv_potential_mw',
  'wind_potential_mw',
  'credits_issued_tCO2e',
  'credits_retired_tCO2e',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export interface Bilingual {
  zh: string;
  en: string;
}

export interface IndicatorDef {
  id: IndicatorId;
  name_zh: string;
  name_en: string;
  unit: string;
  /** true when the region's value is the sum of its children's (a quantity, not a ratio). */
  additive: boolean;
  definition: Bilingual;
  /** Which of tantu's data (and which service) the value comes from. */
  source: Bilingual;
}

/**
 * Land-cover classes (layers/landcover/classes.ts) that count as forest under the national
 * definition of forest coverage (森林覆盖率 = (乔木林地 + 竹林地 + 国家特别规定灌木林地) / 土地总面积,
 * GB/T 26424-2010 森林资源规划设计调查技术规程; 国家林业局《国家森林资源连续清查技术规定》2014):
 * the arbor classes 1–4 (乔木林), moso bamboo 5 (竹林) and shrubland 6 — the raster does not tell
 * 国家特别规定灌木林 from other shrubland, so all of class 6 is counted (an upper bound; stated in the
 * definition). Tea gardens and orchards (7) are not counted.
 */
export const FOREST_CLASS_CODES: readonly number[] = [1, 2, 3, 4, 5, 6];

const classList = (codes: readonly number[], lang: 'zh' | 'en') =>
  codes.map((c) => { const k = LANDCOVER_CLASSES.find((x) => x.code === c)!; return `${c} ${lang === 'zh' ? k.zh : k.en}`; }).join(lang === 'zh' ? '、' : ', ');

export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'forest_coverage_pct', name_zh: '森林覆盖率', name_en: 'Forest coverage', unit: '%', additive: false,
    definition: {
      zh: `（乔木林 + 竹林 + 国家特别规定灌木林）面积 ÷ 土地总面积 × 100（国家定义）；土地总面积取有土地覆盖数据的面积。计入的土地覆盖类别：${classList(FOREST_CLASS_CODES, 'zh')}；栅格不区分国家特别规定灌木林与其他灌木林，灌木林全部计入（上限）；茶园/果园不计入。面积为精确像元覆盖，按行政区椭球面积缩放。`,
      en: `(arbor forest + bamboo forest + nationally specified shrubland) area ÷ total land area × 100 (national definition); the land area is the area with land-cover data. Land-cover classes counted: ${classList(FOREST_CLASS_CODES, 'en')}; the raster does not separate nationally specified shrubland from other shrubland, so all shrubland is counted (an upper bound); tea gardens and orchards are not. Areas by exact pixel coverage, scaled to the region's ellipsoidal area.`,
    },
    source: { zh: '土地覆盖栅格 landcover（分区统计，api/services/zonal.ts）', en: 'Land-cover raster "landcover" (zonal statistics, api/services/zonal.ts)' },
  },
  {
    id: 'forest_stock_m3', name_zh: '森林蓄积量', name_en: 'Forest stock volume', unit: 'm³', additive: true,
    definition: {
      zh: '乔木林小班 Σ（单位面积蓄积 m³/公顷 × 小班在本行政区内的椭球面积 公顷）；竹林与灌木林不计蓄积。',
      en: 'Σ over arbor forest stands (sub-compartments) of volume (m³/ha) × the stand\'s ellipsoidal area inside the region (ha); bamboo and shrub stands carry no stock volume.',
    },
    source: { zh: '森林小班表 stands', en: 'Forest stands table "stands"' },
  },
  {
    id: 'wetland_rate_pct', name_zh: '湿地率', name_en: 'Wetland rate', unit: '%', additive: false,
    definition: {
      zh: '湿地面积 ÷ 土地总面积 × 100。湿地为湿地表中全部类型（湖泊、水库、河流、沼泽、坑塘）在本行政区内的椭球面积。',
      en: 'Wetland area ÷ total land area × 100. Wetland is every record of the wetlands table (lake, reservoir, river, marsh, pond) inside the region, ellipsoidal area.',
    },
    source: { zh: '湿地表 wetlands、行政区表 regions', en: 'Tables "wetlands" and "regions"' },
  },
  {
    id: 'wetland_protection_pct', name_zh: '湿地保护率', name_en: 'Wetland protection rate', unit: '%', additive: false,
    definition: {
      zh: '位于生态保护红线（protected_areas 中 kind = eco_redline）内的湿地面积 ÷ 湿地总面积 × 100。',
      en: 'Wetland area inside the ecological protection red line (protected_areas with kind = eco_redline) ÷ all wetland area × 100.',
    },
    source: { zh: '湿地表 wetlands、保护地表 protected_areas', en: 'Tables "wetlands" and "protected_areas"' },
  },
  {
    id: 'carbon_stock_tC', name_zh: '碳储量', name_en: 'Carbon stock', unit: 't C', additive: true,
    definition: {
      zh: '总碳密度栅格（地上 + 地下 + 土壤 + 枯落物，t C/公顷）× 像元在本行政区内的面积之和。',
      en: 'Σ of the total carbon density raster (above + below ground + soil + dead organic matter, t C/ha) × the pixel area inside the region.',
    },
    source: { zh: '碳密度栅格 carbon_density（data-pipeline/build/carbon-layers.ts）', en: 'Carbon density raster "carbon_density" (data-pipeline/build/carbon-layers.ts)' },
  },
  {
    id: 'carbon_sink_tCO2e_per_yr', name_zh: '年碳汇量', name_en: 'Annual carbon sink', unit: 't CO2e/yr', additive: true,
    definition: {
      zh: '年碳汇栅格（t CO2e/公顷/年）× 像元在本行政区内的面积之和。',
      en: 'Σ of the annual sink raster (t CO2e/ha/yr) × the pixel area inside the region.',
    },
    source: { zh: '碳汇栅格 carbon_sink（data-pipeline/build/carbon-layers.ts）', en: 'Sink raster "carbon_sink" (data-pipeline/build/carbon-layers.ts)' },
  },
  {
    id: 'charging_coverage_urban_pct', name_zh: '城镇充电圈覆盖率', name_en: 'Urban charging-circle coverage', unit: '%', additive: false,
    definition: {
      zh: '城镇人口中沿路网 5 分钟内可达公共充电站的人口比例（城市五分钟充电圈）。',
      en: 'Share of the urban population within a 5-minute drive of a public charger on the road graph (the 5-minute urban charging circle).',
    },
    source: { zh: '充电覆盖（api/services/charging/coverage.ts）：人口栅格、路网、充电站表', en: 'Charging coverage (api/services/charging/coverage.ts): population raster, roads, charging stations' },
  },
  {
    id: 'charging_coverage_rural_pct', name_zh: '乡村充电圈覆盖率', name_en: 'Rural charging-circle coverage', unit: '%', additive: false,
    definition: {
      zh: '乡村人口中沿路网 30 分钟内可达公共充电站的人口比例（城乡半小时充电圈）。',
      en: 'Share of the rural population within a 30-minute drive of a public charger on the road graph (the 30-minute urban–rural charging circle).',
    },
    source: { zh: '充电覆盖（api/services/charging/coverage.ts）：人口栅格、路网、充电站表', en: 'Charging coverage (api/services/charging/coverage.ts): population raster, roads, charging stations' },
  },
  {
    id: 'townships_with_chargers_pct', name_zh: '乡镇充电设施覆盖率', name_en: 'Townships with public chargers', unit: '%', additive: false,
    definition: {
      zh: '辖区内至少有一座公共充电站的乡镇（街道）数 ÷ 乡镇总数 × 100（乡乡全覆盖）；乡镇本身为 100 或 0；村级不适用。',
      en: 'Townships (and subdistricts) of the region with at least one public charging station ÷ all its townships × 100 (a charger in every township); a township itself is 100 or 0; not applicable to a village.',
    },
    source: { zh: '充电覆盖的乡镇检查（api/services/charging/coverage.ts）', en: 'The township check of charging coverage (api/services/charging/coverage.ts)' },
  },
  {
    id: 'service_areas_with_chargers_pct', name_zh: '高速服务区充电设施覆盖率', name_en: 'Expressway service areas with chargers', unit: '%', additive: false,
    definition: {
      zh: '高速公路服务区（名称含“服务区”的道路）中，其道路上或 150 米内有公共充电站的服务区数 ÷ 服务区总数 × 100；按县检查，乡镇、村不适用。',
      en: 'Expressway service areas (roads whose name ends in "service area") with a public charger on or within 150 m of their roads ÷ all service areas × 100; checked for the county, not applicable to a township or village.',
    },
    source: { zh: '充电覆盖的服务区检查（api/services/charging/coverage.ts）', en: 'The service-area check of charging coverage (api/services/charging/coverage.ts)' },
  },
  {
    id: 'public_chargers', name_zh: '公共充电桩数', name_en: 'Public chargers', unit: 'chargers', additive: true,
    definition: {
      zh: '本行政区内公共充电站与服务区充电站的充电桩（枪）数之和；专用（private）站不计。',
      en: 'Σ of chargers (charging points) at the public and service-area stations inside the region; private stations are not counted.',
    },
    source: { zh: '充电站表 charging_stations', en: 'Table "charging_stations"' },
  },
  {
    id: 'public_chargers_urban', name_zh: '城镇公共充电桩数', name_en: 'Urban public chargers', unit: 'chargers', additive: true,
    definition: {
      zh: '位于城镇人口格网单元（与充电覆盖相同的城乡划分）内的公共充电桩数。',
      en: 'Public chargers whose station lies in an urban population cell (the urban/rural split of charging coverage).',
    },
    source: { zh: '充电站表 charging_stations、充电覆盖的城乡划分（api/services/charging/network.ts）', en: 'Table "charging_stations" and the urban/rural cells of charging coverage (api/services/charging/network.ts)' },
  },
  {
    id: 'public_chargers_rural', name_zh: '乡村公共充电桩数', name_en: 'Rural public chargers', unit: 'chargers', additive: true,
    definition: {
      zh: '其余公共充电桩数：站点所在人口格网单元为乡村或无人口数据。',
      en: 'The other public chargers: the station\'s population cell is rural or has no population data.',
    },
    source: { zh: '充电站表 charging_stations、充电覆盖的城乡划分（api/services/charging/network.ts）', en: 'Table "charging_stations" and the urban/rural cells of charging coverage (api/services/charging/network.ts)' },
  },
  {
    id: 'pv_potential_mw', name_zh: '光伏技术可开发容量', name_en: 'PV technical potential', unit: 'MW', additive: true,
    definition: {
      zh: `按默认地面光伏规则集（pv_ground）排除后的可用面积（含部分纳入权重、最小连片面积）× 装机密度 ${PV.density_mw_per_km2} MW/km²（${PV.density_source}）；不含屋顶、渔光、林光。对照本级装机目标时，“达标”表示技术潜力足以支撑目标。`,
      en: `Usable area after the default ground-mounted PV rule set (pv_ground: exclusions, partial inclusion weights, minimum contiguous area) × ${PV.density_mw_per_km2} MW/km² (${PV.density_source}); rooftop, fishery and forest PV not included. Against the region's own capacity target, "met" means the technical potential is large enough for it.`,
    },
    source: { zh: '选址图层与排除规则（api/services/siting/）', en: 'Siting layers and exclusion rules (api/services/siting/)' },
  },
  {
    id: 'wind_potential_mw', name_zh: '风电技术可开发容量', name_en: 'Wind technical potential', unit: 'MW', additive: true,
    definition: {
      zh: `按默认风电规则集（wind，按风机 ${WIND_POTENTIAL_TURBINE} 默认轮毂高度的叶尖高度计退让）排除后的可用面积 × ${WIND.density_mw_per_km2} MW/km²（${WIND.density_source}）。`,
      en: `Usable area after the default wind rule set (wind; setbacks by the tip height of turbine ${WIND_POTENTIAL_TURBINE} at its default hub height) × ${WIND.density_mw_per_km2} MW/km² (${WIND.density_source}).`,
    },
    source: { zh: '选址图层与排除规则（api/services/siting/）', en: 'Siting layers and exclusion rules (api/services/siting/)' },
  },
  {
    id: 'credits_issued_tCO2e', name_zh: '已签发碳汇量', name_en: 'Credits issued', unit: 't CO2e', additive: true,
    definition: {
      zh: '两山合作社账本中各项目已签发量（含缓冲）按项目地块在本行政区内的面积份额分摊之和。',
      en: 'Σ over ledger projects of the tonnes issued (buffer included) × the share of the project\'s pooled parcel area inside the region.',
    },
    source: { zh: '两山合作社账本（api/store/ledger.ts 余额，ledger_parcels 地块）', en: 'The cooperative ledger (balances in api/store/ledger.ts, parcels in ledger_parcels)' },
  },
  {
    id: 'credits_retired_tCO2e', name_zh: '已注销碳汇量', name_en: 'Credits retired', unit: 't CO2e', additive: true,
    definition: {
      zh: '两山合作社账本中各项目已注销量按项目地块在本行政区内的面积份额分摊之和。',
      en: 'Σ over ledger projects of the tonnes retired × the share of the project\'s pooled parcel area inside the region.',
    },
    source: { zh: '两山合作社账本（api/store/ledger.ts 余额，ledger_parcels 地块）', en: 'The cooperative ledger (balances in api/store/ledger.ts, parcels in ledger_parcels)' },
  },
];

export function indicatorDef(id: IndicatorId): IndicatorDef {
  return INDICATORS.find((d) => d.id === id)!;
}
