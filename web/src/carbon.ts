/** Rendering of a carbon analysis result (panel and report share these HTML builders). */
import type { CarbonResult, Pools, ProjectionRow } from './api.ts';
import { totalStockTC } from './api.ts';
import { projectionChart } from './chart.ts';
import { areaText, lang, money, num, pick, t, type Key } from './i18n.ts';

/** t C → t CO2e (44/12, the molar mass ratio). */
export const CO2_PER_C = 44 / 12;

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A number cell carrying its raw value (tests and exports read data-value). */
function v(x: number | undefined, digits = 1, testid?: string): string {
  const raw = Number.isFinite(x) ? String(x) : '';
  return `<span class="num"${testid ? ` data-testid="${testid}"` : ''} data-value="${raw}">${num(x, digits)}</span>`;
}

const POOLS: (keyof Pools)[] = ['above', 'below', 'soil', 'dead', 'total'];

function pools(r: CarbonResult): Pools {
  const s = r.total.stock_tC;
  if (typeof s === 'object') return s;
  const sum = { above: 0, below: 0, soil: 0, dead: 0, total: 0 };
  for (const c of r.classes ?? []) for (const k of POOLS) sum[k] += c.stock_tC?.[k] ?? 0;
  sum.total = s;
  return sum;
}

export function summaryHtml(r: CarbonResult): string {
  const range = r.total.range;
  return `<div class="kpis">
    <div class="kpi"><div class="kpi-label">${esc(t('area'))}</div><div class="kpi-value" data-testid="total-area" data-value="${r.area_ha}">${esc(areaText(r.area_ha))}</div></div>
    <div class="kpi"><div class="kpi-label">${esc(t('stock'))}</div><div class="kpi-value">${v(totalStockTC(r), 0, 'total-stock-tc')} t C · ${v(r.total.stock_tCO2e, 0, 'total-stock-tco2e')} t CO₂e</div></div>
    <div class="kpi"><div class="kpi-label">${esc(t('annual_sink'))}</div><div class="kpi-value">${v(r.total.sink_tCO2e_per_yr, 1, 'total-sink')} t CO₂e${esc(t('per_yr'))}</div>
      ${range ? `<div class="kpi-sub">${esc(t('uncertainty'))}: ${num(range.p5, 1)} – ${num(range.p95, 1)} (P50 ${num(range.p50, 1)})</div>` : ''}</div>
    ${r.value ? `<div class="kpi"><div class="kpi-label">${esc(t('npv'))}</div><div class="kpi-value" data-testid="npv" data-value="${r.value.npv_cny}">${esc(money(r.value.npv_cny))}</div></div>` : ''}
  </div>`;
}

export function classesTable(r: CarbonResult): string {
  const rows = (r.classes ?? []).map((c) => `<tr><td>${esc(pick(c as never, 'name'))}</td><td>${v(c.area_ha, 2)}</td><td>${v(c.area_ha * 15, 1)}</td>
    <td>${v(c.stock_tC?.total, 0)}</td><td>${v(c.sink_tCO2e_per_yr, 1)}</td></tr>`).join('');
  return `<table class="tbl" data-testid="classes-table"><thead><tr><th>${esc(t('class'))}</th><th>${esc(t('ha'))}</th><th>${esc(t('mu'))}</th><th>${esc(t('stock'))} (t C)</th><th>${esc(t('annual_sink'))} (t CO₂e${esc(t('per_yr'))})</th></tr></thead>
    <tbody>${rows}</tbody><tfoot><tr><th>${esc(t('total'))}</th><th>${v(r.area_ha, 2)}</th><th>${v(r.area_mu ?? r.area_ha * 15, 1)}</th><th>${v(totalStockTC(r), 0)}</th><th>${v(r.total.sink_tCO2e_per_yr, 1)}</th></tr></tfoot></table>`;
}

export function poolsTable(r: CarbonResult): string {
  const p = pools(r);
  const label: Record<keyof Pools, Key> = { above: 'pool_above', below: 'pool_below', soil: 'pool_soil', dead: 'pool_dead', total: 'pool_total' };
  const rows = POOLS.map((k) => `<tr${k === 'total' ? ' class="total"' : ''}><td>${esc(t(label[k]))}</td><td>${v(p[k], 1)}</td><td>${v(p[k] * CO2_PER_C, 1)}</td></tr>`).join('');
  return `<table class="tbl" data-testid="pools-table"><thead><tr><th>${esc(t('pool'))}</th><th>t C</th><th>t CO₂e</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function vintageTable(rows: ProjectionRow[]): string {
  if (!rows?.length) return '';
  const body = rows.map((row) => `<tr><td>${row.year}</td><td>${v(row.baseline_tCO2e, 0)}</td><td>${v(row.project_tCO2e, 0)}</td><td>${v(row.creditable_tCO2e, 0)}</td></tr>`).join('');
  const sum = rows.reduce((s, row) => s + (row.creditable_tCO2e || 0), 0);
  return `<table class="tbl vintages" data-testid="vintage-table"><thead><tr><th>${esc(t('vintage'))}</th><th>${esc(t('baseline'))}</th><th>${esc(t('project'))}</th><th>${esc(t('creditable'))}</th></tr></thead>
    <tbody>${body}</tbody><tfoot><tr><th>${esc(t('total'))}</th><th></th><th></th><th>${v(sum, 0, 'creditable-total')}</th></tr></tfoot></table>`;
}

function labelOf(key: string): string {
  const zh: Record<string, string> = {
    landholder: '林权所有者', owner: '林权所有者', village: '村集体', village_collective: '村集体', collective: '村集体',
    farmers: '农户', households: '农户', developer: '项目开发方', operator: '项目业主', government: '政府',
    verification: '核证费用', verifier: '核证费用', registry: '登记费用', costs: '成本', fees: '费用', platform: '平台',
  };
  const words = key.replace(/_(cny|pct|share)$/, '').replace(/_/g, ' ');
  return lang() === 'en' ? words : zh[key.replace(/_(cny|pct|share)$/, '')] ?? words;
}

export function valueHtml(r: CarbonResult): string {
  const val = r.value;
  if (!val) return '';
  const split = val.split && typeof val.split === 'object' ? Object.entries(val.split) : [];
  const splitRows = split.map(([k, x]) => {
    if (typeof x === 'number') {
      const isShare = /share|pct/.test(k) || (x <= 1 && x >= 0 && split.every(([, y]) => typeof y !== 'number' || y <= 1));
      return `<tr><td>${esc(labelOf(k))}</td><td>${isShare ? `${num(x <= 1 ? x * 100 : x, 0)}%` : esc(money(x))}</td></tr>`;
    }
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const share = typeof o.share === 'number' ? `${num(o.share <= 1 ? o.share * 100 : o.share, 0)}%` : '';
      const cny = typeof o.cny === 'number' ? money(o.cny) : typeof o.npv_cny === 'number' ? money(o.npv_cny) : '';
      return `<tr><td>${esc(labelOf(k))}</td><td>${esc([share, cny].filter(Boolean).join(' · '))}</td></tr>`;
    }
    return `<tr><td>${esc(labelOf(k))}</td><td>${esc(x)}</td></tr>`;
  }).join('');
  return `<table class="tbl" data-testid="value-table"><tbody>
      <tr><td>${esc(t('price'))}</td><td>${num(val.price_cny_per_tCO2e, 0)} ${esc(t('cny'))}/t CO₂e</td></tr>
      <tr><td>${esc(t('undiscounted'))}</td><td>${esc(money(val.undiscounted_cny))}</td></tr>
      <tr><td>${esc(t('npv'))}</td><td>${esc(money(val.npv_cny))}</td></tr>
    </tbody></table>
    ${splitRows ? `<h4>${esc(t('revenue_split'))}</h4><table class="tbl" data-testid="split-table"><tbody>${splitRows}</tbody></table>` : ''}`;
}

export function warningsHtml(r: CarbonResult): string {
  const w = r.warnings ?? [];
  if (!w.length) return '';
  const text = (x: unknown) => {
    if (typeof x === 'string') return x;
    const o = x as Record<string, unknown>;
    return String((lang() === 'en' ? o.message_en ?? o.en ?? o.message : o.message_zh ?? o.zh ?? o.message) ?? o.code ?? JSON.stringify(o));
  };
  return `<div class="warnings"><strong>${esc(t('warnings'))}</strong><ul>${w.map((x) => `<li>${esc(text(x))}</li>`).join('')}</ul></div>`;
}

/** Parameters and their sources: flattens the API's params object into rows. */
export function paramsTable(r: CarbonResult): string {
  const params = r.params ?? {};
  const rows: string[] = [];
  const fmt = (x: unknown): string => {
    if (x === null || x === undefined) return '–';
    if (typeof x === 'number') return num(x, Number.isInteger(x) ? 0 : 3);
    if (typeof x === 'object') return JSON.stringify(x);
    return String(x);
  };
  const walk = (prefix: string, o: unknown, depth: number) => {
    if (o && typeof o === 'object' && !Array.isArray(o) && depth < 3) {
      const rec = o as Record<string, unknown>;
      if ('value' in rec && ('source' in rec || 'unit' in rec)) {
        rows.push(`<tr><td>${esc(prefix)}</td><td>${esc(fmt(rec.value))}${rec.unit ? ` ${esc(rec.unit)}` : ''}</td><td>${esc(rec.source ?? '')}${rec.unverified ? ' <em>(unverified)</em>' : ''}</td></tr>`);
        return;
      }
      for (const [k, x] of Object.entries(rec)) walk(prefix ? `${prefix}.${k}` : k, x, depth + 1);
      return;
    }
    if (Array.isArray(o) && o.length && typeof o[0] === 'object' && depth < 3) {
      o.forEach((x, i) => walk(`${prefix}[${(x as Record<string, unknown>).id ?? (x as Record<string, unknown>).key ?? i}]`, x, depth + 1));
      return;
    }
    rows.push(`<tr><td>${esc(prefix)}</td><td>${esc(fmt(o))}</td><td></td></tr>`);
  };
  walk('', params, 0);
  if (!rows.length) return '';
  return `<table class="tbl params" data-testid="params-table"><thead><tr><th>${esc(t('parameter'))}</th><th>${esc(t('param_value'))}</th><th>${esc(t('source'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function standsTable(r: CarbonResult): string {
  const stands = r.stands ?? [];
  if (!stands.length) return '';
  const keys = [...new Set(stands.slice(0, 50).flatMap((s) => Object.keys(s)))].slice(0, 8);
  const cell = (x: unknown) => (typeof x === 'number' ? num(x, Number.isInteger(x) ? 0 : 2) : esc(x));
  return `<details><summary>${esc(t('stands'))} (${stands.length})</summary><table class="tbl"><thead><tr>${keys.map((k) => `<th>${esc(k)}</th>`).join('')}</tr></thead>
    <tbody>${stands.slice(0, 200).map((s) => `<tr>${keys.map((k) => `<td>${cell(s[k])}</td>`).join('')}</tr>`).join('')}</tbody></table></details>`;
}

/** All sections of one result. */
export function resultSections(r: CarbonResult, opts: { params?: boolean } = {}): string {
  return `${summaryHtml(r)}${warningsHtml(r)}
    <h4>${esc(t('area_by_class'))}</h4>${classesTable(r)}
    <h4>${esc(t('stock'))}</h4>${poolsTable(r)}
    <h4>${esc(t('projection'))}</h4>${projectionChart(r)}
    <details class="vintage-details" open><summary>${esc(t('creditable'))} / ${esc(t('vintage'))}</summary>${vintageTable(r.projection)}</details>
    <h4>${esc(t('value'))}</h4>${valueHtml(r)}
    ${standsTable(r)}
    ${opts.params ? `<h4>${esc(t('parameters'))}</h4>${paramsTable(r)}` : ''}`;
}

/** Sum of several results (a set of parcels): areas, stocks, sinks, projections and values add up. */
export function combine(results: CarbonResult[]): CarbonResult | null {
  if (!results.length) return null;
  if (results.length === 1) return results[0];
  const classes = new Map<string, CarbonResult['classes'][number]>();
  const p: Pools = { above: 0, below: 0, soil: 0, dead: 0, total: 0 };
  const proj = new Map<number, ProjectionRow>();
  let area = 0, mu = 0, co2e = 0, sink = 0, p5 = 0, p50 = 0, p95 = 0, npv = 0, undisc = 0;
  let hasRange = true;
  for (const r of results) {
    area += r.area_ha; mu += r.area_mu ?? r.area_ha * 15; co2e += r.total.stock_tCO2e; sink += r.total.sink_tCO2e_per_yr;
    const rp = pools(r);
    for (const k of POOLS) p[k] += rp[k];
    if (r.total.range) { p5 += r.total.range.p5; p50 += r.total.range.p50; p95 += r.total.range.p95; } else hasRange = false;
    for (const c of r.classes ?? []) {
      const prev = classes.get(c.class);
      if (!prev) classes.set(c.class, { ...c, stock_tC: { ...c.stock_tC } });
      else {
        prev.area_ha += c.area_ha; prev.sink_tCO2e_per_yr += c.sink_tCO2e_per_yr;
        for (const k of POOLS) prev.stock_tC[k] += c.stock_tC?.[k] ?? 0;
      }
    }
    for (const row of r.projection ?? []) {
      const prev = proj.get(row.year);
      if (!prev) proj.set(row.year, { year: row.year, baseline_tCO2e: row.baseline_tCO2e, project_tCO2e: row.project_tCO2e, creditable_tCO2e: row.creditable_tCO2e });
      else { prev.baseline_tCO2e += row.baseline_tCO2e; prev.project_tCO2e += row.project_tCO2e; prev.creditable_tCO2e += row.creditable_tCO2e; }
    }
    npv += r.value?.npv_cny ?? 0; undisc += r.value?.undiscounted_cny ?? 0;
  }
  const first = results[0];
  return {
    area_ha: area, area_mu: mu,
    classes: [...classes.values()].sort((a, b) => b.area_ha - a.area_ha),
    total: { stock_tC: p, stock_tCO2e: co2e, sink_tCO2e_per_yr: sink, ...(hasRange ? { range: { p5, p50, p95 } } : {}) },
    projection: [...proj.values()].sort((a, b) => a.year - b.year),
    value: first.value ? { npv_cny: npv, undiscounted_cny: undisc, price_cny_per_tCO2e: first.value.price_cny_per_tCO2e } : undefined,
    warnings: [...new Set(results.flatMap((r) => (r.warnings ?? []).map((w) => (typeof w === 'string' ? w : JSON.stringify(w)))))].map((w) => (w.startsWith('{') ? JSON.parse(w) : w)),
    params: first.params,
  };
}
