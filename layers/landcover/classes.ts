/**
 * Land-cover classes tantu uses for Zhejiang (codes stored in uint8 rasters; 0 = nodata).
 * The names follow the national land-use classification (GB/T 21010-2017) and the forest
 * resource inventory groups that matter for carbon; colours are for map legends.
 */
export interface LandCoverClass {
  code: number;
  key: string;
  zh: string;
  en: string;
  color: string;
}

export const LANDCOVER_NODATA = 0;

export const LANDCOVER_CLASSES: readonly LandCoverClass[] = [
  { code: 1, key: 'broadleaf_forest', zh: '阔叶林', en: 'Broadleaf forest', color: '#1b7837' },
  { code: 2, key: 'chinese_fir_forest', zh: '杉木林', en: 'Chinese fir forest', color: '#2f6f4f' },
  { code: 3, key: 'masson_pine_forest', zh: '马尾松林', en: 'Masson pine forest', color: '#4d8b31' },
  { code: 4, key: 'mixed_forest', zh: '针阔混交林', en: 'Mixed forest', color: '#5aae61' },
  { code: 5, key: 'moso_bamboo', zh: '毛竹林', en: 'Moso bamboo', color: '#a6d96a' },
  { code: 6, key: 'shrub', zh: '灌木林', en: 'Shrubland', color: '#b8a04a' },
  { code: 7, key: 'tea_orchard', zh: '茶园/果园', en: 'Tea garden / orchard', color: '#d9ef8b' },
  { code: 8, key: 'cropland', zh: '耕地', en: 'Cropland', color: '#fee08b' },
  { code: 9, key: 'marsh_wetland', zh: '沼泽湿地', en: 'Marsh wetland', color: '#66c2a5' },
  { code: 10, key: 'open_water', zh: '水域', en: 'Open water', color: '#3288bd' },
  { code: 11, key: 'built_up', zh: '建设用地', en: 'Built-up land', color: '#d73027' },
  { code: 12, key: 'bare_mine', zh: '裸地/废弃矿山', en: 'Bare land / abandoned mine', color: '#bababa' },
  { code: 13, key: 'closed_landfill', zh: '封场填埋场', en: 'Closed landfill', color: '#8c6d31' },
  { code: 14, key: 'grassland', zh: '草地', en: 'Grassland', color: '#c2e699' },
];

const byCode = new Map(LANDCOVER_CLASSES.map((c) => [c.code, c]));
const byKey = new Map(LANDCOVER_CLASSES.map((c) => [c.key, c]));

export function landCoverByCode(code: number): LandCoverClass | undefined {
  return byCode.get(code);
}

export function landCoverByKey(key: string): LandCoverClass | undefined {
  return byKey.get(key);
}
