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
};

const dictionaries: Record<Lang, Record<Key, string>> = { 'zh-CN': zh, en };

let current: Lang = 'zh-CN';
const listeners = new Set<(lang: Lang) => void>();

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  if (l === current) return;
  current = l;
  document.documentElement.lang = l;
  for (const f of listeners) f(l);
}

export function onLangChange(f: (lang: Lang) => void): void {
  listeners.add(f);
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
