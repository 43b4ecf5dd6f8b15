/** The one dictionary of the web app: zh-CN first, English second. Numbers carry units; 亩 beside ha. */

export type Lang = 'zh-CN' | 'en';

const zh = {
  app_title: '碳图 tantu',
  app_subtitle: '浙江碳汇与新能源选址',
  layers: '图层',
  basemap: '底图',
  data_layers: '数据图层',
  opacity: '不透明度',
  synthetic: '合成演示数据',
  synthetic_tip: '此图层为合成演示数据，不代表真实情况',
  source: '来源',
  no_layers: '未能加载图层目录',
  loading: '加载中…',
  parcels: '地块',
  draw_polygon: '绘制地块',
  edit: '编辑',
  delete: '删除',
  delete_all: '全部删除',
  finish_hint: '单击添加顶点，单击首点或按 Enter 结束',
  edit_hint: '拖动顶点修改，拖动中点插入顶点，右键删除顶点',
  upload: '上传文件',
  upload_hint: '拖放或选择文件：GeoJSON、KML/KMZ、Shapefile (zip)、CSV (WKT 或经纬度)',
  crs: '坐标系',
  crs_auto: '自动 (按文件/.prj)',
  crs_wgs84: 'WGS-84 (EPSG:4326)',
  crs_cgcs2000: 'CGCS2000 (EPSG:4490)',
  crs_gcj02: 'GCJ-02 火星坐标 (高德/腾讯)',
  crs_gk: 'CGCS2000 高斯-克吕格 3° CM {cm}°E (EPSG:{code})',
  drop_here: '松开以上传',
  no_parcels: '尚无地块。绘制或上传地块以计算碳汇。',
  parcel: '地块',
  area: '面积',
  ha: '公顷',
  mu: '亩',
  report: '报告',
  report_all: '全部地块报告',
  export_geojson: '导出 GeoJSON',
  export_csv: '导出 CSV',
  carbon: '碳汇分析',
  select_parcel: '选择一个地块查看碳汇分析',
  analysing: '正在计算…',
  analysis_failed: '碳汇分析失败',
  analysis_unavailable: '碳汇分析服务暂不可用',
  retry: '重试',
  area_by_class: '分类面积',
  class: '类型',
  stock: '碳储量',
  pool: '碳库',
  pool_above: '地上生物量',
  pool_below: '地下生物量',
  pool_soil: '土壤有机碳',
  pool_dead: '枯落物/枯死木',
  pool_total: '合计',
  annual_sink: '年碳汇量',
  total: '合计',
  uncertainty: '不确定性 (P5–P95)',
  projection: '碳汇预测',
  baseline: '基线情景',
  project: '项目情景',
  band: '不确定性区间',
  creditable: '可签发减排量',
  vintage: '年份',
  value: '价值',
  price_scenario: '碳价情景',
  price_low: '低',
  price_central: '中',
  price_high: '高',
  discount_rate: '折现率',
  crediting_years: '计入期',
  years: '年',
  npv: '净现值',
  undiscounted: '未折现收入',
  price: '碳价',
  revenue_split: '收益分配',
  warnings: '提示',
  parameters: '参数与来源',
  parameter: '参数',
  param_value: '取值',
  stands: '涉及小班',
  share: '占比',
  back_to_map: '返回地图',
  print: '打印',
  report_title: '碳汇项目评估报告',
  report_generated: '生成时间',
  report_parcels: '地块清单',
  map_snapshot: '地图截图',
  no_result: '尚无分析结果',
  language: 'English',
  error: '错误',
  upload_error: '文件无法读取',
  upload_ok: '已导入 {n} 个地块',
  err_empty: '文件中没有多边形',
  err_format: '不支持的文件格式：{ext}',
  err_json: 'JSON 格式错误：{msg}',
  err_no_shp: 'zip 中没有 .shp 文件',
  err_csv: 'CSV 中找不到 WKT 列或经度/纬度列',
  err_coords: '坐标超出范围，可能是投影坐标，请选择坐标系',
  err_kml: 'KML 解析失败',
  feature: '要素',
  attributes: '属性',
  zoom_in_to_see: '放大到 {z} 级以上显示',
  print_hint: '提示：使用浏览器打印可保存为 PDF',
  per_yr: '/年',
  t_c: 't C',
  t_co2e: 't CO₂e',
  cny: '元',
  wan_cny: '万元',
  draw_mode_on: '绘制中',
  parcels_set: '地块集合',
  none: '无',
  eligible: '符合方法学条件',
  not_eligible: '不符合方法学条件',
  party: '参与方',
  unverified: '未核实',
  dominant_parameters: '主要不确定性参数',
  methodology: '方法学',
  default_option: '默认',
  stock_density: '碳密度',
  sink_density: '年碳汇强度',
  siting: '光伏与风电',
  pv: '光伏',
  wind: '风电',
  pick_point: '在地图上点选位置',
  pick_hint: '单击地图选择站址',
  use_parcel: '使用选中地块',
  site: '站址',
  no_site: '尚未选择站址:点选地图上的位置,或选中一个地块。',
  run: '计算',
  system_kw: '装机容量 (kW 直流)',
  tilt: '倾角',
  azimuth: '方位角 (180 = 正南)',
  optimal: '最佳',
  terrain_plane: '顺坡',
  module_type: '组件类型',
  module_standard: '常规晶硅',
  module_premium: '高效晶硅',
  module_thin_film: '薄膜',
  mounting: '安装方式',
  mount_open_rack: '支架(开放)',
  mount_close_mount: '贴近安装',
  mount_roof: '屋顶',
  losses_pct: '系统损失 (%)',
  horizon: '地形遮挡',
  horizon_dem: '按高程模型',
  horizon_none: '不考虑',
  annual_energy: '年发电量',
  specific_yield: '单位容量发电量',
  capacity_factor: '容量系数',
  performance_ratio: '系统效率 PR',
  p90: 'P90 发电量',
  avoided_co2: '减排量',
  monthly_energy: '逐月发电量',
  loss_waterfall: '损失瀑布图',
  horizon_plot: '地平线高度角',
  nominal: '名义',
  ac_energy: '交流输出',
  download_hourly: '下载逐时 CSV',
  turbine: '风机机型',
  hub_height: '轮毂高度 (m)',
  turbine_count: '风机台数',
  hub_speed: '轮毂高度风速',
  air_density: '空气密度',
  weibull: 'Weibull 分布',
  net_energy: '年净发电量',
  gross_energy: '年毛发电量',
  weather_station: '气象站',
  month_short: '1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月',
  kwh_per_kwp: 'kWh/kWp',
  mwh: 'MWh',
  t_co2_yr: 't CO₂/年',
  // ── siting (issue 11) ──
  // ── charging (issue 12) ──
  // ── ledger (issue 13) ──
  // ── carbon hand-over (issue 9) ──
  carbon_area_analysed: '分析几何的椭球面积(已修复、裁剪到数据范围)',
  carbon_area_drawn: '绘制形状的面积(尚未分析)',
  carbon_export_progress: '导出前分析地块:{done}/{of}…',
  carbon_exported: '已导出 {n} 个地块(含合计行)',
  carbon_exported_failed: '已导出 {n} 个地块;其中 {failed} 个分析失败,已在"status"列标明',
  carbon_confirm_delete_all: '删除全部 {n} 个地块?',
  carbon_confirm_delete: '确认删除',
  carbon_cancel: '取消',
  carbon_deleted: '已删除 {n} 个地块。',
  carbon_undo: '撤销',
  carbon_export_xlsx: '导出 Excel',
  carbon_warn_baseline_zero: '基线碳汇按 0 计({methodology} 缺省):可签发减排量偏乐观,须以项目设计文件的基线替换。',
  carbon_warn_baseline: '基线碳汇采用缺省比例 {fraction}({methodology}):须以项目设计文件的基线替换。',
  carbon_warn_unverified: '结果使用了 {n} 个尚未与原始文献核对的缺省参数(见参数附录中"未核实"标记)。',
  carbon_warn_more_slivers: '另有 {n} {noun}各小于 {ha} 公顷,未逐一列出',
  carbon_warn_more: '另有 {n} {noun}未列出',
  carbon_warn_slivers: '{n} 处小于 {ha} 公顷的边缘碎片未计入(合计 {total} 公顷)。',
  carbon_details: '详情',
  // ── end of workbench sections ──
} as const;

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  app_title: 'tantu 碳图',
  app_subtitle: 'Carbon sinks and renewable siting, Zhejiang',
  layers: 'Layers',
  basemap: 'Basemap',
  data_layers: 'Data layers',
  opacity: 'Opacity',
  synthetic: 'synthetic demo',
  synthetic_tip: 'Synthetic demonstration data, not real observations',
  source: 'Source',
  no_layers: 'The layer catalog could not be loaded',
  loading: 'Loading…',
  parcels: 'Parcels',
  draw_polygon: 'Draw parcel',
  edit: 'Edit',
  delete: 'Delete',
  delete_all: 'Delete all',
  finish_hint: 'Click to add vertices; click the first vertex or press Enter to finish',
  edit_hint: 'Drag vertices to move them, drag midpoints to insert, right-click to delete a vertex',
  upload: 'Upload file',
  upload_hint: 'Drop or choose a file: GeoJSON, KML/KMZ, zipped Shapefile, CSV (WKT or lon/lat)',
  crs: 'CRS',
  crs_auto: 'Automatic (from file / .prj)',
  crs_wgs84: 'WGS-84 (EPSG:4326)',
  crs_cgcs2000: 'CGCS2000 (EPSG:4490)',
  crs_gcj02: 'GCJ-02 (Amap/Tencent)',
  crs_gk: 'CGCS2000 Gauss–Krüger 3° CM {cm}°E (EPSG:{code})',
  drop_here: 'Drop to upload',
  no_parcels: 'No parcels yet. Draw or upload a parcel to analyse its carbon.',
  parcel: 'Parcel',
  area: 'Area',
  ha: 'ha',
  mu: 'mu (亩)',
  report: 'Report',
  report_all: 'Report for all parcels',
  export_geojson: 'Export GeoJSON',
  export_csv: 'Export CSV',
  carbon: 'Carbon analysis',
  select_parcel: 'Select a parcel to see its carbon analysis',
  analysing: 'Analysing…',
  analysis_failed: 'Carbon analysis failed',
  analysis_unavailable: 'The carbon analysis service is not available yet',
  retry: 'Retry',
  area_by_class: 'Area by class',
  class: 'Class',
  stock: 'Carbon stock',
  pool: 'Pool',
  pool_above: 'Above-ground biomass',
  pool_below: 'Below-ground biomass',
  pool_soil: 'Soil organic carbon',
  pool_dead: 'Litter / dead wood',
  pool_total: 'Total',
  annual_sink: 'Annual sink',
  total: 'Total',
  uncertainty: 'Uncertainty (P5–P95)',
  projection: 'Projection',
  baseline: 'Baseline',
  project: 'Project',
  band: 'Uncertainty band',
  creditable: 'Creditable',
  vintage: 'Vintage',
  value: 'Value',
  price_scenario: 'Price scenario',
  price_low: 'Low',
  price_central: 'Central',
  price_high: 'High',
  discount_rate: 'Discount rate',
  crediting_years: 'Crediting period',
  years: 'yr',
  npv: 'NPV',
  undiscounted: 'Undiscounted revenue',
  price: 'Carbon price',
  revenue_split: 'Revenue split',
  warnings: 'Warnings',
  parameters: 'Parameters and sources',
  parameter: 'Parameter',
  param_value: 'Value',
  stands: 'Stands',
  share: 'Share',
  back_to_map: 'Back to map',
  print: 'Print',
  report_title: 'Carbon sink project assessment',
  report_generated: 'Generated',
  report_parcels: 'Parcels',
  map_snapshot: 'Map',
  no_result: 'No analysis result yet',
  language: '中文',
  error: 'Error',
  upload_error: 'The file could not be read',
  upload_ok: '{n} parcel(s) imported',
  err_empty: 'The file has no polygons',
  err_format: 'Unsupported file type: {ext}',
  err_json: 'Invalid JSON: {msg}',
  err_no_shp: 'The zip has no .shp file',
  err_csv: 'The CSV has no WKT column and no longitude/latitude columns',
  err_coords: 'Coordinates out of range — projected coordinates? Choose the CRS',
  err_kml: 'The KML could not be parsed',
  feature: 'Feature',
  attributes: 'Attributes',
  zoom_in_to_see: 'Visible from zoom {z}',
  print_hint: 'Tip: print from the browser to save as PDF',
  per_yr: '/yr',
  t_c: 't C',
  t_co2e: 't CO₂e',
  cny: 'CNY',
  wan_cny: '10k CNY',
  draw_mode_on: 'Drawing',
  parcels_set: 'Parcel set',
  none: 'none',
  eligible: 'eligible',
  not_eligible: 'not eligible',
  party: 'Party',
  unverified: 'unverified',
  dominant_parameters: 'Dominant uncertain parameters',
  methodology: 'Methodology',
  default_option: 'default',
  stock_density: 'Carbon density',
  sink_density: 'Sink per ha',
  siting: 'PV & wind',
  pv: 'PV',
  wind: 'Wind',
  pick_point: 'Pick a point on the map',
  pick_hint: 'Click the map to choose the site',
  use_parcel: 'Use the selected parcel',
  site: 'Site',
  no_site: 'No site yet: click a point on the map, or select a parcel.',
  run: 'Calculate',
  system_kw: 'System size (kW DC)',
  tilt: 'Tilt',
  azimuth: 'Azimuth (180 = south)',
  optimal: 'Optimal',
  terrain_plane: 'Follow the slope',
  module_type: 'Module type',
  module_standard: 'Standard c-Si',
  module_premium: 'Premium c-Si',
  module_thin_film: 'Thin film',
  mounting: 'Mounting',
  mount_open_rack: 'Open rack',
  mount_close_mount: 'Close mount',
  mount_roof: 'Roof',
  losses_pct: 'System losses (%)',
  horizon: 'Terrain horizon',
  horizon_dem: 'From the DEM',
  horizon_none: 'None',
  annual_energy: 'Annual energy',
  specific_yield: 'Specific yield',
  capacity_factor: 'Capacity factor',
  performance_ratio: 'Performance ratio',
  p90: 'P90 energy',
  avoided_co2: 'Avoided CO₂',
  monthly_energy: 'Monthly energy',
  loss_waterfall: 'Loss waterfall',
  horizon_plot: 'Horizon elevation',
  nominal: 'Nominal',
  ac_energy: 'AC output',
  download_hourly: 'Download hourly CSV',
  turbine: 'Turbine',
  hub_height: 'Hub height (m)',
  turbine_count: 'Turbines',
  hub_speed: 'Wind at hub height',
  air_density: 'Air density',
  weibull: 'Weibull',
  net_energy: 'Net annual energy',
  gross_energy: 'Gross annual energy',
  weather_station: 'Weather station',
  month_short: 'Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec',
  kwh_per_kwp: 'kWh/kWp',
  mwh: 'MWh',
  t_co2_yr: 't CO₂/yr',
  // ── siting (issue 11) ──
  // ── charging (issue 12) ──
  // ── ledger (issue 13) ──
  // ── carbon hand-over (issue 9) ──
  carbon_area_analysed: 'Ellipsoidal area of the analysed geometry (repaired, clipped to the data extent)',
  carbon_area_drawn: 'Area of the drawn shape (not analysed yet)',
  carbon_export_progress: 'Analysing parcels before the export: {done}/{of}…',
  carbon_exported: 'Exported {n} parcels (plus a total row)',
  carbon_exported_failed: 'Exported {n} parcels; {failed} could not be analysed and are marked in the "status" column',
  carbon_confirm_delete_all: 'Delete all {n} parcels?',
  carbon_confirm_delete: 'Delete',
  carbon_cancel: 'Cancel',
  carbon_deleted: 'Deleted {n} parcels.',
  carbon_undo: 'Undo',
  carbon_export_xlsx: 'Export Excel',
  carbon_warn_baseline_zero: 'Baseline removals are taken as 0 ({methodology} default): the creditable amounts are optimistic; replace them with the project design document’s baseline.',
  carbon_warn_baseline: 'Baseline removals use the default fraction {fraction} ({methodology}): replace it with the project design document’s baseline.',
  carbon_warn_unverified: 'The results use {n} default parameters not yet checked against their original documents (marked "unverified" in the parameter appendix).',
  carbon_warn_more_slivers: '{n} more {noun} below {ha} ha each, not listed',
  carbon_warn_more: '{n} more {noun}, not listed',
  carbon_warn_slivers: '{n} edge slivers below {ha} ha each are not counted ({total} ha in all).',
  carbon_details: 'Details',
  // ── end of workbench sections ──
};

/** A zh / en pair for attribute names and coded values that come from data (column names, enum keys). */
type Pair = readonly [zh: string, en: string];

/** Attribute (column) names of the data layers and the carbon result tables; units in the label. */
const FIELDS: Record<string, Pair> = {
  id: ['编号', 'Id'], stand_id: ['小班号', 'Stand id'], name: ['名称', 'Name'], name_zh: ['名称', 'Name (zh)'], name_en: ['英文名', 'Name (en)'],
  species: ['树种', 'Species'], species_zh: ['树种', 'Species'], dominant_species: ['优势树种', 'Dominant species'],
  species_group: ['树种组', 'Species group'], forest_type: ['森林类型', 'Forest type'], origin: ['起源', 'Origin'],
  age: ['林龄 (年)', 'Age (yr)'], age_yr: ['林龄 (年)', 'Age (yr)'], age_class: ['龄组', 'Age class'], site_class: ['立地等级', 'Site class'],
  volume_m3_per_ha: ['单位蓄积 (m³/ha)', 'Volume (m³/ha)'], volume_m3: ['蓄积 (m³)', 'Volume (m³)'],
  culm_density_per_ha: ['立竹密度 (株/ha)', 'Culm density (culms/ha)'], density_per_ha: ['密度 (株/ha)', 'Density (trees/ha)'],
  mean_dbh_cm: ['平均胸径 (cm)', 'Mean DBH (cm)'], dbh_cm: ['平均胸径 (cm)', 'Mean DBH (cm)'], height_m: ['平均树高 (m)', 'Mean height (m)'],
  canopy_closure: ['郁闭度', 'Canopy closure'], owner_village: ['权属村', 'Owner village'],
  stock_tC: ['碳储量 (t C)', 'Carbon stock (t C)'], stock_tC_per_ha: ['碳密度 (t C/ha)', 'Carbon density (t C/ha)'],
  stock_tCO2e: ['碳储量 (t CO₂e)', 'Carbon stock (t CO₂e)'], sink_tCO2e_per_yr: ['年碳汇 (t CO₂e/年)', 'Annual sink (t CO₂e/yr)'],
  area_ha: ['面积 (公顷)', 'Area (ha)'], counted_area_ha: ['计入面积 (公顷)', 'Counted area (ha)'],
  share_of_stand: ['占小班比例', 'Share of stand'], share_of_parcel: ['占地块比例', 'Share of parcel'], route: ['计算方法', 'Method'],
  level: ['级别', 'Level'], kind: ['类型', 'Kind'], source: ['来源', 'Source'], population: ['人口', 'Population'],
  township: ['乡镇', 'Township'], village: ['村', 'Village'], owner: ['权属', 'Ownership'], ownership: ['权属', 'Ownership'],
  wetland_type: ['湿地类型', 'Wetland type'], road_class: ['道路等级', 'Road class'], speed_kmh: ['设计车速 (km/h)', 'Speed (km/h)'],
  oneway: ['单行', 'One-way'], chargers: ['充电桩数', 'Chargers'], power_kw: ['功率 (kW)', 'Power (kW)'], site_kind: ['站点类型', 'Site kind'],
  capacity_kw: ['容量 (kW)', 'Capacity (kW)'], voltage_kv: ['电压 (kV)', 'Voltage (kV)'],
};

/** Coded values by attribute: species groups (layers/carbon/stand.ts), forest types, origins, wetland and road classes. */
const VALUES: Record<string, Record<string, Pair>> = {
  species_group: {
    chinese_fir: ['杉木', 'Chinese fir'], masson_pine: ['马尾松', 'Masson pine'], slash_pine: ['湿地松', 'Slash pine'], cypress: ['柏木', 'Cypress'],
    oak: ['栎类', 'Oaks'], hard_broadleaf: ['硬阔类', 'Hard broadleaf'], soft_broadleaf: ['软阔类', 'Soft broadleaf'],
    mixed_conifer: ['针叶混', 'Mixed conifer'], mixed_broadleaf: ['阔叶混', 'Mixed broadleaf'], mixed_conifer_broadleaf: ['针阔混', 'Mixed conifer-broadleaf'],
    moso_bamboo: ['毛竹', 'Moso bamboo'], shrub: ['灌木', 'Shrub'],
  },
  forest_type: { arbor: ['乔木林', 'Arbor forest'], bamboo: ['竹林', 'Bamboo forest'], shrub: ['灌木林', 'Shrubland'] },
  origin: { natural: ['天然', 'Natural'], planted: ['人工', 'Planted'] },
  wetland_type: { lake: ['湖泊', 'Lake'], reservoir: ['水库', 'Reservoir'], river: ['河流', 'River'], marsh: ['沼泽', 'Marsh'], pond: ['坑塘', 'Pond'] },
  road_class: {
    expressway: ['高速公路', 'Expressway'], national: ['国道', 'National road'], provincial: ['省道', 'Provincial road'], county: ['县道', 'County road'],
    township: ['乡道', 'Township road'], village: ['村道', 'Village road'], urban: ['城市道路', 'Urban road'],
  },
  route: {
    stand_table: ['小班蓄积法', 'Stand volume'], stand_ipcc_fallback: ['IPCC 缺省值', 'IPCC default'], bamboo_allometry: ['毛竹异速生长', 'Bamboo allometry'],
    bamboo_fallback: ['竹林缺省密度', 'Bamboo default density'], class_pools: ['地类碳库', 'Land-cover class pools'],
  },
  level: { province: ['省', 'Province'], city: ['市', 'City'], county: ['县', 'County'], township: ['乡镇', 'Township'], village: ['行政村', 'Village'] },
  kind: {
    eco_redline: ['生态保护红线', 'Ecological red line'], basic_farmland: ['永久基本农田', 'Permanent basic farmland'],
    county_seat: ['县城', 'County seat'], town: ['镇', 'Town'], village: ['村', 'Village'],
  },
  site_kind: { public: ['公共', 'Public'], service_area: ['服务区', 'Service area'], private: ['专用', 'Private'] },
  oneway: { 0: ['否', 'No'], 1: ['是', 'Yes'] },
};

const pair = (p: Pair): string => (current === 'en' ? p[1] : p[0]);

/** The label of an attribute name (units included), or the name itself when it is not known. */
export function fieldLabel(name: string): string {
  const p = FIELDS[name];
  return p ? pair(p) : name;
}

/** The label of a coded attribute value (e.g. species_group chinese_fir → 杉木 / Chinese fir), or undefined when it is not coded. */
export function valueLabel(field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const p = VALUES[field]?.[String(value)];
  return p ? pair(p) : undefined;
}

const dictionaries: Record<Lang, Record<Key, string>> = { 'zh-CN': zh, en };

let current: Lang = 'zh-CN';

export function lang(): Lang {
  return current;
}

/** Set the language t() speaks; the store's `lang` drives it (shell/index.ts), before any panel renders. */
export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
}

/** The text for a key in the current language, with {name} placeholders filled. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  let s = dictionaries[current][key] ?? zh[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Pick the zh or en variant of an object's title/name fields. */
export function pick(o: { [k: string]: unknown }, base: string): string {
  const zhv = o[`${base}_zh`];
  const env = o[`${base}_en`];
  return String((current === 'en' ? env ?? zhv : zhv ?? env) ?? '');
}

/** Format a number for the current locale with a fixed number of significant-ish decimals. */
export function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return x.toLocaleString(current === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** 1 ha = 15 亩 (mu). */
export const MU_PER_HA = 15;

/** "12.3 公顷（184.5 亩）" / "12.3 ha (184.5 mu)". */
export function areaText(ha: number): string {
  return current === 'en'
    ? `${num(ha, 2)} ha (${num(ha * MU_PER_HA, 1)} mu)`
    : `${num(ha, 2)} 公顷（${num(ha * MU_PER_HA, 1)} 亩）`;
}

/** Money in CNY: 万元 in Chinese above 10 000, plain CNY in English. */
export function money(cny: number | null | undefined): string {
  if (cny === null || cny === undefined || !Number.isFinite(cny)) return '–';
  if (current === 'en') return `${num(cny, 0)} CNY`;
  return Math.abs(cny) >= 1e4 ? `${num(cny / 1e4, 2)} 万元` : `${num(cny, 0)} 元`;
}

/** Apply translations to elements with data-i18n="key" (text) and data-i18n-title="key" (tooltip). */
export function translateDom(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as Key);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-title]').forEach((el) => {
    el.title = t(el.dataset.i18nTitle as Key);
  });
}
