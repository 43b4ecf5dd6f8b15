/**
 * Downloads: the parcels with their analysis results as CSV (UTF-8 with BOM, opens in Excel),
 * GeoJSON and XLSX (SheetJS, loaded on demand so it stays out of the first bundle). One row per
 * parcel plus a total row; every number is the API's answer for that parcel, unrounded, and every
 * row says what produced it (methodology id and version, crediting period, price scenario,
 * discount rate, model version, parameter overrides, generation time).
 */
import type { CarbonResult } from '../../api.ts';
import type { Parcel } from '../../state.ts';

/** A cell: numbers unrounded (the API's), text, or empty. */
export type Cell = string | number | boolean | null;
export type ExportRow = Record<string, Cell>;

/** Numeric columns that add up over parcels (the total row sums them; ranges and rates do not add up). */
export const ADDITIVE = [
  'area_ha', 'area_mu', 'classified_area_ha', 'unclassified_area_ha', 'stock_tC', 'stock_tCO2e',
  'stock_above_tC', 'stock_below_tC', 'stock_soil_tC', 'stock_dead_tC', 'sink_tCO2e_per_yr',
  'creditable_tCO2e', 'activity_area_ha', 'npv_cny', 'undiscounted_cny',
  'npv_households_cny', 'npv_village_collective_cny', 'npv_cooperative_cny',
] as const;

/** Every column, in order. The number of a parcel is read from the path given (dot path into the API's answer). */
export const COLUMNS: { key: string; path?: string; zh: string; en: string }[] = [
  { key: 'id', zh: '地块编号', en: 'Parcel id' },
  { key: 'name', zh: '地块名称', en: 'Parcel name' },
  { key: 'status', zh: '状态 (analysed 已分析 / failed 失败 / not_analysed 未分析)', en: 'Status (analysed / failed / not_analysed)' },
  { key: 'problem', zh: '分析失败原因', en: 'Why the analysis failed' },
  { key: 'area_ha', path: 'area_ha', zh: '面积 (公顷, 分析几何的椭球面积)', en: 'Area (ha, ellipsoidal, of the analysed geometry)' },
  { key: 'area_mu', path: 'area_mu', zh: '面积 (亩)', en: 'Area (mu)' },
  { key: 'classified_area_ha', path: 'classified_area_ha', zh: '有地类面积 (公顷)', en: 'Classified area (ha)' },
  { key: 'unclassified_area_ha', path: 'unclassified_area_ha', zh: '无地类面积 (公顷)', en: 'Unclassified area (ha)' },
  { key: 'stock_tC', path: 'total.stock_tC', zh: '碳储量 (t C)', en: 'Carbon stock (t C)' },
  { key: 'stock_tCO2e', path: 'total.stock_tCO2e', zh: '碳储量 (t CO₂e)', en: 'Carbon stock (t CO₂e)' },
  { key: 'stock_p5_tCO2e', path: 'total.range.p5', zh: '碳储量 P5 (t CO₂e)', en: 'Carbon stock P5 (t CO₂e)' },
  { key: 'stock_p50_tCO2e', path: 'total.range.p50', zh: '碳储量 P50 (t CO₂e)', en: 'Carbon stock P50 (t CO₂e)' },
  { key: 'stock_p95_tCO2e', path: 'total.range.p95', zh: '碳储量 P95 (t CO₂e)', en: 'Carbon stock P95 (t CO₂e)' },
  { key: 'stock_above_tC', path: 'total.pools_tC.above', zh: '地上生物量碳 (t C)', en: 'Above-ground biomass (t C)' },
  { key: 'stock_below_tC', path: 'total.pools_tC.below', zh: '地下生物量碳 (t C)', en: 'Below-ground biomass (t C)' },
  { key: 'stock_soil_tC', path: 'total.pools_tC.soil', zh: '土壤有机碳 (t C)', en: 'Soil organic carbon (t C)' },
  { key: 'stock_dead_tC', path: 'total.pools_tC.dead', zh: '枯落物/枯死木碳 (t C)', en: 'Dead organic matter (t C)' },
  { key: 'sink_tCO2e_per_yr', path: 'total.sink_tCO2e_per_yr', zh: '年碳汇量 (t CO₂e/年)', en: 'Annual sink (t CO₂e/yr)' },
  { key: 'sink_p5_tCO2e_per_yr', path: 'total.sink_range.p5', zh: '年碳汇量 P5 (t CO₂e/年)', en: 'Annual sink P5 (t CO₂e/yr)' },
  { key: 'sink_p50_tCO2e_per_yr', path: 'total.sink_range.p50', zh: '年碳汇量 P50 (t CO₂e/年)', en: 'Annual sink P50 (t CO₂e/yr)' },
  { key: 'sink_p95_tCO2e_per_yr', path: 'total.sink_range.p95', zh: '年碳汇量 P95 (t CO₂e/年)', en: 'Annual sink P95 (t CO₂e/yr)' },
  { key: 'creditable_tCO2e', path: 'credits.total_creditable_tCO2e', zh: '计入期可签发减排量 (t CO₂e)', en: 'Creditable over the crediting period (t CO₂e)' },
  { key: 'activity_area_ha', path: 'credits.activity_area_ha', zh: '项目活动面积 (公顷)', en: 'Project activity area (ha)' },
  { key: 'buffer_fraction', path: 'credits.buffer_fraction', zh: '缓冲比例', en: 'Buffer fraction' },
  { key: 'uncertainty_deduction', path: 'credits.uncertainty_deduction', zh: '不确定性扣减比例', en: 'Uncertainty deduction' },
  { key: 'eligible', path: 'eligibility.eligible', zh: '符合方法学条件', en: 'Eligible under the methodology' },
  { key: 'npv_cny', path: 'value.npv_cny', zh: '净现值 (元)', en: 'Net present value (CNY)' },
  { key: 'undiscounted_cny', path: 'value.undiscounted_cny', zh: '未折现收入 (元)', en: 'Undiscounted revenue (CNY)' },
  { key: 'npv_households_cny', path: 'value.split.npv_cny.households_cny', zh: '农户净现值 (元)', en: 'Households NPV (CNY)' },
  { key: 'npv_village_collective_cny', path: 'value.split.npv_cny.village_collective_cny', zh: '村集体净现值 (元)', en: 'Village collective NPV (CNY)' },
  { key: 'npv_cooperative_cny', path: 'value.split.npv_cny.cooperative_cny', zh: '两山合作社净现值 (元)', en: 'Cooperative NPV (CNY)' },
  { key: 'price_cny_per_tCO2e', path: 'value.price_cny_per_tCO2e', zh: '碳价 (元/t CO₂e)', en: 'Carbon price (CNY/t CO₂e)' },
  { key: 'price_growth_pct', path: 'value.price_growth_pct', zh: '碳价年增长 (%)', en: 'Price growth (%/yr)' },
  { key: 'discount_rate_pct', path: 'value.discount_rate_pct', zh: '折现率 (%)', en: 'Discount rate (%)' },
  { key: 'price_scenario', zh: '碳价情景 (low/central/high)', en: 'Price scenario (low/central/high)' },
  { key: 'methodology_id', path: 'params.methodology.id', zh: '方法学编号', en: 'Methodology id' },
  { key: 'methodology_version', path: 'params.methodology.version', zh: '方法学版本', en: 'Methodology version' },
  { key: 'methodology_name', zh: '方法学名称', en: 'Methodology name' },
  { key: 'crediting_years', path: 'params.scenario.crediting_years', zh: '计入期 (年)', en: 'Crediting period (years)' },
  { key: 'start_year', path: 'params.scenario.start_year', zh: '起始年份', en: 'First vintage year' },
  { key: 'monte_carlo_runs', path: 'total.range.runs', zh: '蒙特卡洛次数', en: 'Monte Carlo runs' },
  { key: 'seed', path: 'total.range.seed', zh: '随机种子', en: 'Random seed' },
  { key: 'model_version', path: 'model_version', zh: '模型版本', en: 'Model version' },
  { key: 'tantu_version', path: 'inputs.tantu_version', zh: 'tantu 版本', en: 'tantu version' },
  { key: 'parameter_overrides', zh: '管理员覆盖的参数表', en: 'Parameter tables overridden by an administrator' },
  { key: 'landcover_source', path: 'inputs.landcover_source', zh: '地类数据来源', en: 'Land-cover source' },
  { key: 'generated_at', zh: '生成时间 (UTC)', en: 'Generated at (UTC)' },
];

/** Numeric columns read from the API answer (the e2e test compares each with the API). */
export const NUMERIC_COLUMNS = COLUMNS.filter((c) => c.path && !['params.methodology.id', 'params.methodology.version', 'model_version', 'inputs.tantu_version', 'inputs.landcover_source', 'eligibility.eligible'].includes(c.path)).map((c) => c.key);

function at(o: unknown, path: string): Cell {
  let x: unknown = o;
  for (const k of path.split('.')) x = x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined;
  return typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean' ? x : null;
}

/** What a parcel exports: its current result (for the scenario the list is exported under), or why there is none. */
export interface ExportItem { parcel: Parcel; result?: CarbonResult; priceScenario: string }

export function exportRow({ parcel: p, result: r, priceScenario }: ExportItem, generatedAt: string): ExportRow {
  const row: ExportRow = {};
  for (const c of COLUMNS) row[c.key] = c.path && r ? at(r, c.path) : null;
  row.id = p.id;
  row.name = p.name;
  row.status = r ? 'analysed' : p.error ? 'failed' : 'not_analysed';
  row.problem = !r && p.error ? p.error.message : null;
  if (r) {
    row.price_scenario = priceScenario;
    row.methodology_name = `${r.params.methodology.name_zh} / ${r.params.methodology.name_en}`;
    row.parameter_overrides = r.inputs.parameter_overrides.join('; ');
  }
  row.generated_at = generatedAt;
  return row;
}

/** The total row: sums of the additive columns over the analysed parcels; the scenario columns when all parcels share them. */
export function totalRow(rows: ExportRow[], generatedAt: string): ExportRow {
  const done = rows.filter((r) => r.status === 'analysed');
  const row: ExportRow = Object.fromEntries(COLUMNS.map((c) => [c.key, null]));
  row.id = 'total';
  row.name = `合计 Total (${done.length}/${rows.length})`;
  row.status = done.length === rows.length ? 'analysed' : 'partial';
  for (const k of ADDITIVE) row[k] = done.length ? done.reduce((s, r) => s + (typeof r[k] === 'number' ? r[k] : 0), 0) : null;
  for (const k of ['price_scenario', 'methodology_id', 'methodology_version', 'methodology_name', 'crediting_years', 'start_year', 'discount_rate_pct', 'price_cny_per_tCO2e', 'model_version', 'tantu_version', 'parameter_overrides']) {
    const values = new Set(done.map((r) => r[k]));
    row[k] = values.size === 1 ? [...values][0] : null;
  }
  row.generated_at = generatedAt;
  return row;
}

export function exportTable(items: ExportItem[], generatedAt = new Date().toISOString()): { rows: ExportRow[]; total: ExportRow } {
  const rows = items.map((it) => exportRow(it, generatedAt));
  return { rows, total: totalRow(rows, generatedAt) };
}

export function parcelsGeoJson(items: ExportItem[], generatedAt = new Date().toISOString()): GeoJSON.FeatureCollection & { total: ExportRow; columns: typeof COLUMNS } {
  const { rows, total } = exportTable(items, generatedAt);
  return {
    type: 'FeatureCollection',
    // Foreign members (RFC 7946 §6.1): the total row and what each property means.
    total,
    columns: COLUMNS,
    features: items.map(({ parcel: p, result: r }, i) => {
      const carbon = r ? (({ geometry: _g, ...rest }) => rest)(r) : undefined;
      return { type: 'Feature', id: p.id, geometry: p.geometry, properties: { ...p.properties, ...rows[i], ...(carbon ? { carbon } : {}) } };
    }),
  };
}

function wkt(g: Parcel['geometry']): string {
  const ring = (r: GeoJSON.Position[]) => `(${r.map((c) => `${c[0]} ${c[1]}`).join(', ')})`;
  return g.type === 'Polygon' ? `POLYGON(${g.coordinates.map(ring).join(', ')})` : `MULTIPOLYGON(${g.coordinates.map((poly) => `(${poly.map(ring).join(', ')})`).join(', ')})`;
}

/** CSV: UTF-8 with BOM (Excel opens Chinese correctly), CRLF, numbers in full precision, geometry as WKT (empty in the total row). */
export function parcelsCsv(items: ExportItem[], generatedAt = new Date().toISOString()): string {
  const { rows, total } = exportTable(items, generatedAt);
  const keys = COLUMNS.map((c) => c.key);
  const cell = (x: unknown) => {
    const s = x === null || x === undefined ? '' : String(x);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    [...keys, 'wkt'].join(','),
    ...rows.map((r, i) => [...keys.map((k) => cell(r[k])), cell(wkt(items[i].parcel.geometry))].join(',')),
    [...keys.map((k) => cell(total[k])), ''].join(','),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX: sheet "parcels" (header + one row per parcel + total), sheet "columns" (what each column means, zh and en). */
export async function parcelsXlsx(items: ExportItem[], generatedAt = new Date().toISOString()): Promise<Blob> {
  const XLSX = await import('@e965/xlsx');
  const { rows, total } = exportTable(items, generatedAt);
  const keys = COLUMNS.map((c) => c.key);
  const aoa = [keys, ...[...rows, total].map((r) => keys.map((k) => r[k]))];
  const wb = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!cols'] = keys.map((k) => ({ wch: Math.max(10, Math.min(28, k.length + 2)) }));
  XLSX.utils.book_append_sheet(wb, sheet, 'parcels');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['column', '说明', 'meaning'], ...COLUMNS.map((c) => [c.key, c.zh, c.en])]), 'columns');
  const data = XLSX.write(wb, { bookType: 'xlsx', type: 'array', compression: true }) as ArrayBuffer;
  return new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function download(filename: string, content: string | Blob, type: string): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
