/** A carbon analysis result as DOM: KPIs, tables, chart, parameters (the panel and the report share these). */
import type { CarbonResult, Pools, ProjectionRow, Range } from '../../api.ts';
import { fragment, h } from '../../dom.ts';
import { areaText, fieldLabel, lang, money, num, pick, t, valueLabel, type Key } from '../../i18n.ts';
import { projectionChart } from './chart.ts';
import { warningsBox } from './warnings.ts';

/** t C → t CO2e (44/12, the molar mass ratio). */
const CO2_PER_C = 44 / 12;

/** A number cell carrying its raw value (tests and exports read data-value). */
function v(x: number | undefined, digits = 1, testid?: string): HTMLElement {
  return h('span', { class: 'num', 'data-testid': testid, 'data-value': Number.isFinite(x) ? String(x) : '' }, num(x, digits));
}

const POOLS: (keyof Pools)[] = ['above', 'below', 'soil', 'dead', 'total'];
const POOL_LABEL: Record<keyof Pools, Key> = { above: 'pool_above', below: 'pool_below', soil: 'pool_soil', dead: 'pool_dead', total: 'pool_total' };

/** A parameter source as written by the tables (English notes, Chinese document titles): marked with its language for the reader and assistive tech. */
export function citation(source: string): HTMLElement {
  return h('span', { class: 'citation', lang: /[\u3400-\u9fff]/.test(source) && !/[a-z]{4,}/.test(source) ? 'zh-CN' : 'en' }, source);
}

const tr = (...cells: (Node | string)[]) => h('tr', null, cells.map((c) => h('td', null, c)));
const headRow = (...cells: (Node | string)[]) => h('tr', null, cells.map((c) => h('th', null, c)));

/** The P5–P95 range under a headline, in the headline's unit (`factor` converts the range's unit to it). */
function rangeLine(range: Range | undefined, digits: number, unit: string, factor = 1, testid?: string): HTMLElement | null {
  if (!range) return null;
  const f = (x: number) => num(x * factor, digits);
  return h('div', { class: 'kpi-sub', 'data-testid': testid }, `${t('uncertainty')}: ${f(range.p5)} – ${f(range.p95)} ${unit} (P50 ${f(range.p50)})`);
}

/** Creditable t CO₂e over the crediting period (the API's total, else the sum of the vintages). */
export function creditable(r: CarbonResult): number {
  return r.credits?.total_creditable_tCO2e ?? (r.projection ?? []).reduce((s, x) => s + (x.creditable_tCO2e || 0), 0);
}

export function summary(r: CarbonResult): HTMLElement {
  const kpi = (label: string, ...value: (Node | string | null)[]) => h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, label), ...value);
  return h('div', { class: 'kpis' },
    kpi(t('area'), h('div', { class: 'kpi-value', 'data-testid': 'total-area', 'data-value': r.area_ha }, areaText(r.area_ha))),
    kpi(t('stock'), h('div', { class: 'kpi-value' }, v(r.total.stock_tC, 0, 'total-stock-tc'), ' t C · ', v(r.total.stock_tCO2e, 0, 'total-stock-tco2e'), ' t CO₂e'),
      // The Monte Carlo range is of t CO2e; shown in t C beside the t C headline.
      rangeLine(r.total.range, 0, 't C', 1 / CO2_PER_C, 'stock-range')),
    kpi(t('annual_sink'), h('div', { class: 'kpi-value' }, v(r.total.sink_tCO2e_per_yr, 1, 'total-sink'), ` t CO₂e${t('per_yr')}`), rangeLine(r.total.sink_range ?? undefined, 1, `t CO₂e${t('per_yr')}`, 1, 'sink-range')),
    kpi(`${t('creditable')} (${t('total')})`, h('div', { class: 'kpi-value' }, v(creditable(r), 0, 'total-creditable'), ' t CO₂e'),
      r.eligibility ? h('div', { class: r.eligibility.eligible ? 'kpi-sub' : 'kpi-sub bad' }, `${r.params.methodology.id} · ${t(r.eligibility.eligible ? 'eligible' : 'not_eligible')}`) : null),
    r.value ? kpi(t('npv'), h('div', { class: 'kpi-value', 'data-testid': 'npv', 'data-value': r.value.npv_cny }, money(r.value.npv_cny))) : null,
  );
}

export function classesTable(r: CarbonResult): HTMLElement {
  return h('table', { class: 'tbl', 'data-testid': 'classes-table' },
    h('thead', null, headRow(t('class'), t('ha'), t('mu'), `${t('stock')} (t C)`, `${t('annual_sink')} (t CO₂e${t('per_yr')})`)),
    h('tbody', null, (r.classes ?? []).map((c) => tr(pick(c as never, 'name'), v(c.area_ha, 2), v(c.area_ha * 15, 1), v(c.stock_tC.total, 0), v(c.sink_tCO2e_per_yr, 1)))),
    h('tfoot', null, headRow(t('total'), v(r.area_ha, 2), v(r.area_mu, 1), v(r.total.stock_tC, 0), v(r.total.sink_tCO2e_per_yr, 1))));
}

export function poolsTable(r: CarbonResult): HTMLElement {
  const p = r.total.pools_tC;
  return h('table', { class: 'tbl', 'data-testid': 'pools-table' },
    h('thead', null, headRow(t('pool'), 't C', 't CO₂e')),
    h('tbody', null, POOLS.map((k) => h('tr', { class: k === 'total' ? 'total' : null }, h('td', null, t(POOL_LABEL[k])), h('td', null, v(p[k], 1)), h('td', null, v(p[k] * CO2_PER_C, 1))))));
}

export function vintageTable(rows: ProjectionRow[]): HTMLElement | null {
  if (!rows?.length) return null;
  const sum = rows.reduce((s, row) => s + (row.creditable_tCO2e || 0), 0);
  return h('table', { class: 'tbl vintages', 'data-testid': 'vintage-table' },
    h('thead', null, headRow(t('vintage'), t('baseline'), t('project'), t('creditable'))),
    h('tbody', null, rows.map((row) => tr(String(row.year), v(row.baseline_tCO2e, 0), v(row.project_tCO2e, 0), v(row.creditable_tCO2e, 0)))),
    h('tfoot', null, headRow(t('total'), '', '', v(sum, 0, 'creditable-total'))));
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
function splitTable(split: Record<string, unknown>): HTMLElement | null {
  const shares = split.shares as Record<string, number> | undefined;
  const npv = split.npv_cny as Record<string, number> | undefined;
  const und = split.undiscounted_cny as Record<string, number> | undefined;
  if (shares && typeof shares === 'object') {
    return h('table', { class: 'tbl', 'data-testid': 'split-table' },
      h('thead', null, headRow(t('party'), t('share'), t('npv'), t('undiscounted'))),
      h('tbody', null, Object.entries(shares).map(([k, share]) => tr(party(k), `${num(share * 100, 1)}%`, money(npv?.[`${k}_cny`]), money(und?.[`${k}_cny`])))));
  }
  const rows = Object.entries(split).map(([k, x]) => tr(party(k), typeof x === 'number' ? (x <= 1 ? `${num(x * 100, 1)}%` : money(x)) : JSON.stringify(x)));
  return rows.length ? h('table', { class: 'tbl', 'data-testid': 'split-table' }, h('tbody', null, rows)) : null;
}

export function valueTable(r: CarbonResult): DocumentFragment | null {
  const val = r.value;
  if (!val) return null;
  return fragment(
    h('table', { class: 'tbl', 'data-testid': 'value-table' }, h('tbody', null,
      tr(t('price'), `${num(val.price_cny_per_tCO2e, 0)} ${t('cny')}/t CO₂e${val.price_growth_pct ? ` (+${num(val.price_growth_pct, 1)}%${t('per_yr')})` : ''}`),
      val.discount_rate_pct !== undefined ? tr(t('discount_rate'), `${num(val.discount_rate_pct, 1)}%`) : null,
      tr(t('undiscounted'), money(val.undiscounted_cny)),
      tr(t('npv'), money(val.npv_cny)))),
    val.split && typeof val.split === 'object' ? [h('h4', null, t('revenue_split')), splitTable(val.split)] : null,
  );
}

/** Parameters and their sources: every sourced value of the API's params (scenario, methodology, tables). */
export function paramsTable(r: CarbonResult, limit = 600): HTMLElement | null {
  const rows: HTMLElement[] = [];
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
    if (rows.length < limit) rows.push(tr(name, value, h('span', null, source, unverified ? [' ', h('em', { class: 'bad' }, `[${t('unverified')}]`)] : null)));
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
        const value = 'value' in rec ? `${fmt(rec.value)}${rec.unit ? ` ${rec.unit}` : ''}` : fmt(rec);
        push(name, value, rec.source, Boolean(rec.unverified));
        for (const [k, x] of Object.entries(rec)) if (x && typeof x === 'object' && !Array.isArray(x) && depth < 6) walk(`${name}.${k}`, x, depth + 1);
        return;
      }
      if (depth >= 6) { push(name, fmt(rec), '', false); return; }
      for (const [k, x] of Object.entries(rec)) walk(name ? `${name}.${k}` : k, x, depth + 1);
      return;
    }
    push(name, fmt(o), '', false);
  };
  walk('', r.params ?? {}, 0);
  if (!rows.length) return null;
  return h('table', { class: 'tbl params', 'data-testid': 'params-table' }, h('thead', null, headRow(t('parameter'), t('param_value'), t('source'))), h('tbody', null, rows));
}

/** The parameters that drive the Monte Carlo spread most (rank correlations). */
export function dominantTable(r: CarbonResult): HTMLElement {
  return h('table', { class: 'tbl params' },
    h('thead', null, headRow(t('parameter'), `ρ ${t('stock')}`, `ρ ${t('annual_sink')}`, t('source'))),
    h('tbody', null, (r.dominant_parameters ?? []).map((p) => tr(p.name, num(p.rank_correlation_stock, 2), num(p.rank_correlation_sink, 2), citation(p.source)))));
}

const STAND_KEYS = ['id', 'species_group', 'forest_type', 'route', 'counted_area_ha', 'share_of_stand', 'volume_m3_per_ha', 'stock_tCO2e', 'sink_tCO2e_per_yr'] as const;

function standsTable(r: CarbonResult, open: boolean): HTMLElement | null {
  const stands = r.stands ?? [];
  if (!stands.length) return null;
  const cell = (k: (typeof STAND_KEYS)[number], x: unknown): Node | string => {
    const coded = valueLabel(k, x);
    if (coded !== undefined) return coded;
    if (k === 'share_of_stand' && typeof x === 'number') return `${num(x * 100, 1)}%`;
    return typeof x === 'number' ? num(x, Number.isInteger(x) ? 0 : 2) : String(x ?? '');
  };
  return h('details', { open }, h('summary', null, `${t('stands')} (${stands.length})`),
    h('table', { class: 'tbl', 'data-testid': 'stands-table' },
      h('thead', null, h('tr', null, STAND_KEYS.map((k) => h('th', { 'data-key': k }, fieldLabel(k))))),
      h('tbody', null, stands.slice(0, 200).map((s) => tr(...STAND_KEYS.map((k) => cell(k, s[k])))))));
}

/** All sections of one result; `open` unfolds every <details> (the printed report). */
export function resultSections(r: CarbonResult, open = false): DocumentFragment {
  return fragment(
    summary(r), warningsBox(r),
    h('h4', null, t('area_by_class')), classesTable(r),
    h('h4', null, t('stock')), poolsTable(r),
    h('h4', null, t('projection')), projectionChart(r),
    h('details', { class: 'vintage-details', open }, h('summary', null, `${t('creditable')} / ${t('vintage')}`), vintageTable(r.projection)),
    h('h4', null, t('value')), valueTable(r),
    standsTable(r, open),
    r.dominant_parameters?.length ? h('details', { open }, h('summary', null, t('dominant_parameters')), dominantTable(r)) : null,
  );
}
