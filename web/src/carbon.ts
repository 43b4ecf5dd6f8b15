/** Rendering of a carbon analysis result (panel and report share these HTML builders). */
import type { CarbonResult, Pools, ProjectionRow, Range } from './api.ts';
import { projectionChart } from './chart.ts';
import { areaText, fieldLabel, lang, money, num, pick, t, valueLabel, type Key } from './i18n.ts';

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

const pools = (r: CarbonResult): Pools => r.total.pools_tC;

function rangeText(range: Range, digits: number): string {
  return range ? `<div class="kpi-sub">${esc(t('uncertainty'))}: ${num(range.p5, digits)} – ${num(range.p95, digits)} (P50 ${num(range.p50, digits)})</div>` : '';
}

export function summaryHtml(r: CarbonResult): string {
  const cred = r.credits?.total_creditable_tCO2e ?? (r.projection ?? []).reduce((s, x) => s + (x.creditable_tCO2e || 0), 0);
  return `<div class="kpis">
    <div class="kpi"><div class="kpi-label">${esc(t('area'))}</div><div class="kpi-value" data-testid="total-area" data-value="${r.area_ha}">${esc(areaText(r.area_ha))}</div></div>
    <div class="kpi"><div class="kpi-label">${esc(t('stock'))}</div><div class="kpi-value">${v(r.total.stock_tC, 0, 'total-stock-tc')} t C · ${v(r.total.stock_tCO2e, 0, 'total-stock-tco2e')} t CO₂e</div>${rangeText(r.total.range, 0)}</div>
    <div class="kpi"><div class="kpi-label">${esc(t('annual_sink'))}</div><div class="kpi-value">${v(r.total.sink_tCO2e_per_yr, 1, 'total-sink')} t CO₂e${esc(t('per_yr'))}</div>${rangeText(r.total.sink_range ?? undefined, 1)}</div>
    <div class="kpi"><div class="kpi-label">${esc(t('creditable'))} (${esc(t('total'))})</div><div class="kpi-value">${v(cred, 0, 'total-creditable')} t CO₂e</div>
      ${r.eligibility ? `<div class="kpi-sub ${r.eligibility.eligible ? '' : 'bad'}">${esc(r.eligibility.methodology)} · ${esc(t(r.eligibility.eligible ? 'eligible' : 'not_eligible'))}</div>` : ''}</div>
    ${r.value ? `<div class="kpi"><div class="kpi-label">${esc(t('npv'))}</div><div class="kpi-value" data-testid="npv" data-value="${r.value.npv_cny}">${esc(money(r.value.npv_cny))}</div></div>` : ''}
  </div>`;
}

export function classesTable(r: CarbonResult): string {
  const rows = (r.classes ?? []).map((c) => `<tr><td>${esc(pick(c as never, 'name'))}</td><td>${v(c.area_ha, 2)}</td><td>${v(c.area_ha * 15, 1)}</td>
    <td>${v(c.stock_tC.total, 0)}</td><td>${v(c.sink_tCO2e_per_yr, 1)}</td></tr>`).join('');
  return `<table class="tbl" data-testid="classes-table"><thead><tr><th>${esc(t('class'))}</th><th>${esc(t('ha'))}</th><th>${esc(t('mu'))}</th><th>${esc(t('stock'))} (t C)</th><th>${esc(t('annual_sink'))} (t CO₂e${esc(t('per_yr'))})</th></tr></thead>
    <tbody>${rows}</tbody><tfoot><tr><th>${esc(t('total'))}</th><th>${v(r.area_ha, 2)}</th><th>${v(r.area_mu, 1)}</th><th>${v(r.total.stock_tC, 0)}</th><th>${v(r.total.sink_tCO2e_per_yr, 1)}</th></tr></tfoot></table>`;
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

const PARTY: Record<string, [string, string]> = {
  households: ['农户', 'Households'], village_collective: ['村集体', 'Village collective'], cooperative: ['两山合作社', '"Two Mountains" cooperative'],
  villages: ['村集体', 'Villages'], developer: ['项目开发方', 'Developer'],
};

function party(key: string): string {
  const k = key.replace(/_(cny|share)$/, '');
  const p = PARTY[k];
  return p ? (lang() === 'en' ? p[1] : p[0]) : k.replace(/_/g, ' ');
}

/** Revenue split: the API's {shares, npv_cny, undiscounted_cny} by party, or a flat record. */
function splitTable(split: Record<string, unknown>): string {
  const shares = split.shares as Record<string, number> | undefined;
  const npv = split.npv_cny as Record<string, number> | undefined;
  const und = split.undiscounted_cny as Record<string, number> | undefined;
  if (shares && typeof shares === 'object') {
    const rows = Object.entries(shares).map(([k, share]) => `<tr><td>${esc(party(k))}</td><td>${num(share * 100, 1)}%</td>
      <td>${esc(money(npv?.[`${k}_cny`]))}</td><td>${esc(money(und?.[`${k}_cny`]))}</td></tr>`).join('');
    return `<table class="tbl" data-testid="split-table"><thead><tr><th>${esc(t('party'))}</th><th>${esc(t('share'))}</th><th>${esc(t('npv'))}</th><th>${esc(t('undiscounted'))}</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
  const rows = Object.entries(split).map(([k, x]) => `<tr><td>${esc(party(k))}</td><td>${typeof x === 'number' ? (x <= 1 ? `${num(x * 100, 1)}%` : esc(money(x))) : esc(JSON.stringify(x))}</td></tr>`).join('');
  return rows ? `<table class="tbl" data-testid="split-table"><tbody>${rows}</tbody></table>` : '';
}

export function valueHtml(r: CarbonResult): string {
  const val = r.value;
  if (!val) return '';
  return `<table class="tbl" data-testid="value-table"><tbody>
      <tr><td>${esc(t('price'))}</td><td>${num(val.price_cny_per_tCO2e, 0)} ${esc(t('cny'))}/t CO₂e${val.price_growth_pct ? ` (+${num(val.price_growth_pct, 1)}%${esc(t('per_yr'))})` : ''}</td></tr>
      ${val.discount_rate_pct !== undefined ? `<tr><td>${esc(t('discount_rate'))}</td><td>${num(val.discount_rate_pct, 1)}%</td></tr>` : ''}
      <tr><td>${esc(t('undiscounted'))}</td><td>${esc(money(val.undiscounted_cny))}</td></tr>
      <tr><td>${esc(t('npv'))}</td><td>${esc(money(val.npv_cny))}</td></tr>
    </tbody></table>
    ${val.split && typeof val.split === 'object' ? `<h4>${esc(t('revenue_split'))}</h4>${splitTable(val.split)}` : ''}`;
}

export function warningsHtml(r: CarbonResult): string {
  const reasons = r.eligibility?.reasons ?? [];
  const seen = new Set<string>();
  const w = [...reasons, ...(r.warnings ?? [])].filter((x) => {
    const k = typeof x === 'string' ? x : JSON.stringify([(x as { code?: string }).code, (x as { zh?: string }).zh]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (!w.length) return '';
  const text = (x: unknown) => {
    if (typeof x === 'string') return x;
    const o = x as Record<string, unknown>;
    return String((lang() === 'en' ? o.message_en ?? o.en ?? o.message : o.message_zh ?? o.zh ?? o.message) ?? o.code ?? JSON.stringify(o));
  };
  const blocking = (x: unknown) => Boolean(x && typeof x === 'object' && (x as { blocking?: boolean }).blocking);
  return `<div class="warnings" data-testid="warnings"><strong>${esc(t('warnings'))}</strong><ul>${w.map((x) => `<li${blocking(x) ? ' class="bad"' : ''}>${esc(text(x))}</li>`).join('')}</ul></div>`;
}

/** Parameters and their sources: every sourced value of the API's params (scenario, methodology, tables). */
export function paramsTable(r: CarbonResult, limit = 600): string {
  const params = r.params ?? {};
  const rows: string[] = [];
  const fmt = (x: unknown): string => {
    if (x === null || x === undefined) return '–';
    if (typeof x === 'number') return num(x, Number.isInteger(x) ? 0 : Math.abs(x) < 1 ? 3 : 2);
    if (Array.isArray(x)) return x.map(fmt).join(', ');
    if (typeof x === 'object') {
      return Object.entries(x as Record<string, unknown>)
        .filter(([k, y]) => !['source', 'unverified', 'name_zh', 'name_en'].includes(k) && (typeof y === 'number' || typeof y === 'string' || typeof y === 'boolean'))
        .map(([k, y]) => `${k} ${fmt(y)}`).join('; ');
    }
    return String(x);
  };
  const push = (name: string, value: string, source: string, unverified: boolean) => {
    if (rows.length < limit) rows.push(`<tr><td>${esc(name)}</td><td>${esc(value)}</td><td>${esc(source)}${unverified ? ` <em class="bad">[${esc(t('unverified'))}]</em>` : ''}</td></tr>`);
  };
  const walk = (name: string, o: unknown, depth: number) => {
    if (o === null || o === undefined) return;
    if (Array.isArray(o)) {
      if (o.every((x) => typeof x !== 'object')) { push(name, fmt(o), '', false); return; }
      o.forEach((x, i) => {
        const rec = x as Record<string, unknown>;
        walk(`${name}[${rec.id ?? rec.name ?? rec.key ?? rec.code ?? i}]`, x, depth + 1);
      });
      return;
    }
    if (typeof o === 'object') {
      const rec = o as Record<string, unknown>;
      if (typeof rec.source === 'string') {
        const v = 'value' in rec ? `${fmt(rec.value)}${rec.unit ? ` ${rec.unit}` : ''}` : fmt(rec);
        push(name, v, rec.source, Boolean(rec.unverified));
        for (const [k, x] of Object.entries(rec)) if (x && typeof x === 'object' && !Array.isArray(x) && depth < 6) walk(`${name}.${k}`, x, depth + 1);
        return;
      }
      if (depth >= 6) { push(name, fmt(rec), '', false); return; }
      for (const [k, x] of Object.entries(rec)) walk(name ? `${name}.${k}` : k, x, depth + 1);
      return;
    }
    push(name, fmt(o), '', false);
  };
  walk('', params, 0);
  if (!rows.length) return '';
  return `<table class="tbl params" data-testid="params-table"><thead><tr><th>${esc(t('parameter'))}</th><th>${esc(t('param_value'))}</th><th>${esc(t('source'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The parameters that drive the Monte Carlo spread most (rank correlations). */
export function dominantTable(r: CarbonResult): string {
  const d = r.dominant_parameters ?? [];
  if (!d.length) return '';
  return `<table class="tbl params"><thead><tr><th>${esc(t('parameter'))}</th><th>ρ ${esc(t('stock'))}</th><th>ρ ${esc(t('annual_sink'))}</th><th>${esc(t('source'))}</th></tr></thead><tbody>
    ${d.map((p) => `<tr><td>${esc(p.name)}</td><td>${num(p.rank_correlation_stock, 2)}</td><td>${num(p.rank_correlation_sink, 2)}</td><td>${esc(p.source)}</td></tr>`).join('')}</tbody></table>`;
}

export function standsTable(r: CarbonResult): string {
  const stands = r.stands ?? [];
  if (!stands.length) return '';
  const keys = ['id', 'species_group', 'forest_type', 'route', 'counted_area_ha', 'share_of_stand', 'volume_m3_per_ha', 'stock_tCO2e', 'sink_tCO2e_per_yr'] as const;
  const cell = (k: (typeof keys)[number], x: unknown) => {
    const coded = valueLabel(k, x);
    if (coded !== undefined) return `<span title="${esc(x)}">${esc(coded)}</span>`;
    if (k === 'share_of_stand' && typeof x === 'number') return `${num(x * 100, 1)}%`;
    return typeof x === 'number' ? num(x, Number.isInteger(x) ? 0 : 2) : esc(x);
  };
  return `<details><summary>${esc(t('stands'))} (${stands.length})</summary><table class="tbl" data-testid="stands-table"><thead><tr>${keys.map((k) => `<th data-key="${k}">${esc(fieldLabel(k))}</th>`).join('')}</tr></thead>
    <tbody>${stands.slice(0, 200).map((s) => `<tr>${keys.map((k) => `<td>${cell(k, s[k])}</td>`).join('')}</tr>`).join('')}</tbody></table></details>`;
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
    ${opts.params ? `<h4>${esc(t('parameters'))}</h4>${paramsTable(r)}` : ''}
    ${r.dominant_parameters?.length ? `<details><summary>${esc(t('dominant_parameters'))}</summary>${dominantTable(r)}</details>` : ''}`;
}

