/**
 * Vocabulary of the target tables' coded fields, and the Chinese (and common English)
 * names people use for them in inventory tables (森林资源二类调查 小班 data and the like).
 * Keys of SPECIES_GROUPS match the species parameter tables in layers/carbon.
 */

export const SPECIES_GROUP_KEYS = [
  'chinese_fir', 'masson_pine', 'slash_pine', 'cypress', 'oak', 'hard_broadleaf', 'soft_broadleaf',
  'mixed_conifer', 'mixed_broadleaf', 'mixed_conifer_broadleaf', 'moso_bamboo',
] as const;

/** Chinese species / species-group names → species_group key. */
export const SPECIES_NAMES: Record<string, (typeof SPECIES_GROUP_KEYS)[number]> = {
  杉木: 'chinese_fir', 杉: 'chinese_fir', 杉木林: 'chinese_fir', 杉类: 'chinese_fir',
  马尾松: 'masson_pine', 马尾松林: 'masson_pine',
  湿地松: 'slash_pine', 火炬松: 'slash_pine', 国外松: 'slash_pine',
  柏木: 'cypress', 柏树: 'cypress', 柏类: 'cypress', 侧柏: 'cypress', 圆柏: 'cypress',
  栎类: 'oak', 栎: 'oak', 栎树: 'oak', 麻栎: 'oak', 白栎: 'oak', 青冈: 'oak', 青冈栎: 'oak',
  硬阔类: 'hard_broadleaf', 硬阔: 'hard_broadleaf', 其他硬阔: 'hard_broadleaf', 其它硬阔类: 'hard_broadleaf', 其他硬阔类: 'hard_broadleaf',
  木荷: 'hard_broadleaf', 樟树: 'hard_broadleaf', 香樟: 'hard_broadleaf',
  软阔类: 'soft_broadleaf', 软阔: 'soft_broadleaf', 其他软阔: 'soft_broadleaf', 其它软阔类: 'soft_broadleaf', 其他软阔类: 'soft_broadleaf',
  杨树: 'soft_broadleaf', 柳树: 'soft_broadleaf', 泡桐: 'soft_broadleaf',
  针叶混: 'mixed_conifer', 针叶混交林: 'mixed_conifer', 针叶混交: 'mixed_conifer',
  阔叶混: 'mixed_broadleaf', 阔叶混交林: 'mixed_broadleaf', 阔叶混交: 'mixed_broadleaf',
  针阔混: 'mixed_conifer_broadleaf', 针阔混交林: 'mixed_conifer_broadleaf', 针阔混交: 'mixed_conifer_broadleaf',
  毛竹: 'moso_bamboo', 毛竹林: 'moso_bamboo',
};

/** Allowed values of coded fields (the CHECK constraints of api/store/migrations/001_core.sql) and their synonyms. */
export const CODED_FIELDS: Record<string, Record<string, { allowed: readonly string[]; synonyms: Record<string, string> }>> = {
  regions: {
    level: {
      allowed: ['province', 'city', 'county', 'township', 'village'],
      synonyms: { 省: 'province', 市: 'city', 地级市: 'city', 县: 'county', 区: 'county', 县级市: 'county', 县区: 'county', 乡镇: 'township', 乡: 'township', 镇: 'township', 街道: 'township', 村: 'village', 行政村: 'village', 社区: 'village' },
    },
  },
  stands: {
    forest_type: {
      allowed: ['arbor', 'bamboo', 'shrub'],
      synonyms: { 乔木林: 'arbor', 乔木: 'arbor', 竹林: 'bamboo', 竹: 'bamboo', 灌木林: 'shrub', 灌木: 'shrub', 特灌: 'shrub', 国家特别规定灌木林: 'shrub' },
    },
    origin: {
      allowed: ['natural', 'planted'],
      synonyms: { 天然: 'natural', 天然林: 'natural', 天然更新: 'natural', 人工: 'planted', 人工林: 'planted', 人工造林: 'planted', 植苗: 'planted', 人工更新: 'planted', plantation: 'planted' },
    },
  },
  wetlands: {
    wetland_type: {
      allowed: ['lake', 'reservoir', 'river', 'marsh', 'pond'],
      synonyms: { 湖泊: 'lake', 湖: 'lake', 水库: 'reservoir', 库塘: 'reservoir', 河流: 'river', 河: 'river', 溪: 'river', 永久性河流: 'river', 沼泽: 'marsh', 沼泽地: 'marsh', 草本沼泽: 'marsh', 坑塘: 'pond', 池塘: 'pond', 养殖塘: 'pond' },
    },
  },
  protected_areas: {
    kind: {
      allowed: ['eco_redline', 'basic_farmland'],
      synonyms: { 生态保护红线: 'eco_redline', 生态红线: 'eco_redline', 红线: 'eco_redline', 永久基本农田: 'basic_farmland', 基本农田: 'basic_farmland' },
    },
  },
  roads: {
    road_class: {
      allowed: ['expressway', 'national', 'provincial', 'county', 'township', 'village', 'urban'],
      synonyms: { 高速: 'expressway', 高速公路: 'expressway', 国道: 'national', 省道: 'provincial', 县道: 'county', 乡道: 'township', 村道: 'village', 城市道路: 'urban', 城市: 'urban', 街道: 'urban' },
    },
  },
  places: {
    kind: {
      allowed: ['county_seat', 'town', 'village'],
      synonyms: { 县城: 'county_seat', 县政府驻地: 'county_seat', 镇: 'town', 乡镇: 'town', 乡: 'town', 集镇: 'town', 村: 'village', 行政村: 'village', 自然村: 'village' },
    },
  },
  stations: {
    site_kind: {
      allowed: ['public', 'service_area', 'private'],
      synonyms: { 公共: 'public', 公用: 'public', 公共充电站: 'public', 服务区: 'service_area', 高速服务区: 'service_area', 专用: 'private', 私人: 'private', 自用: 'private', 个人: 'private' },
    },
  },
};

/**
 * Column names tried (case-insensitively, after the field's own name) when no --map is given.
 * Only unambiguous names: anything else should be mapped explicitly.
 */
export const FIELD_ALIASES: Record<string, string[]> = {
  id: ['编号', '代码', 'code', 'fid_id'],
  name_zh: ['名称', '中文名', '名字', 'name', 'NAME'],
  name_en: ['英文名', 'name_en'],
  parent_id: ['上级编号', '上级代码'],
  level: ['级别', '层级'],
  population: ['人口', '户籍人口', '常住人口'],
  species_group: ['树种', '优势树种', '树种组', '优势树种组', 'species'],
  forest_type: ['森林类型', '林分类型', '地类'],
  origin: ['起源'],
  age_yr: ['林龄', '年龄', 'age'],
  site_class: ['立地等级', '立地质量等级', '地位级'],
  volume_m3_per_ha: ['每公顷蓄积', '公顷蓄积', '单位蓄积'],
  culm_density_per_ha: ['每公顷株数', '立竹度'],
  mean_dbh_cm: ['平均胸径'],
  owner_village: ['村', '村名', '行政村', '权属村'],
  wetland_type: ['湿地类型', '湿地类'],
  kind: ['类型', '类别'],
  road_class: ['道路等级', '公路等级', '技术等级'],
  speed_kmh: ['限速', '设计速度', '速度'],
  oneway: ['单行', '单向'],
  chargers: ['充电桩数', '桩数', '充电桩数量', '枪数'],
  power_kw: ['功率', '功率kw', '总功率', '功率(kw)', '功率（kw）'],
  site_kind: ['站点类型', '场站类型'],
  voltage_kv: ['电压', '电压等级', '电压kv', '电压(kv)'],
};
