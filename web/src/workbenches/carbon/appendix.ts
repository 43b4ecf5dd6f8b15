/**
 * The report's parameter appendix: every parameter table by name (how many entries, how many
 * unverified, where they come from), then the rows this parcel actually used (the pools of its
 * land-cover classes, the stand factors of its species groups, the price, the discount rate and
 * the methodology), each with its source and unverified flag. Not a raw dump of the tables.
 */
import type { CarbonResult } from '../../api.ts';
import { h } from '../../dom.ts';
import { fieldLabel, lang, num, pick, t, valueLabel } from '../../i18n.ts';

type Rec = Record<string, unknown>;

const TABLE_NAMES: Record<string, [string, string]> = {
  pools: ['地类碳库 (InVEST 碳库表)', 'Land-cover carbon pools (InVEST table)'],
  stand: ['小班蓄积—生物量因子', 'Stand volume-to-biomass factors'],
  ipcc: ['IPCC 缺省值', 'IPCC defaults'],
  bamboo: ['毛竹异速生长与碳含量', 'Moso bamboo allometry and carbon fraction'],
  wetland: ['湿地碳库与埋藏速率', 'Wetland stocks and burial rates'],
  growth: ['生长曲线 (Richards)', 'Growth curves (Richards)'],
  class_routing: ['地类—算法对应', 'Land-cover class routing'],
  methodologies: ['方法学规则', 'Methodology rules'],
  prices: ['碳价情景', 'Carbon price scenarios'],
  value: ['折现率与收益分配', 'Discount rate and revenue split'],
  stand_class_preference: ['小班—地类匹配顺序', 'Stand-to-class preference'],
  uncertainty: ['蒙特卡洛不确定性分布', 'Monte Carlo uncertainty distributions'],
};

/** Every object with a `source` string inside `x` (a sourced row or value). */
function sourced(x: unknown, out: Rec[] = [], depth = 0): Rec[] {
  if (!x || typeof x !== 'object' || depth > 6) return out;
  if (Array.isArray(x)) { for (const y of x) sourced(y, out, depth + 1); return out; }
  const r = x as Rec;
  if (typeof r.source === 'string') out.push(r);
  for (const v of Object.values(r)) if (v && typeof v === 'object') sourced(v, out, depth + 1);
  return out;
}

/** A source shortened for print (the full text is the cell's tooltip and in the exports). */
function cite(s: string, max = 140): HTMLElement {
  const short = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return h('span', { class: 'citation', lang: /[a-z]{4,}/.test(s) ? 'en' : 'zh-CN', title: s }, short);
}

function flag(unverified: unknown): HTMLElement | null {
  return unverified ? h('em', { class: 'bad' }, t('unverified')) : null;
}

const row = (...cells: (Node | string | null)[]) => h('tr', null, cells.map((c) => h('td', null, c)));
const head = (...cells: string[]) => h('thead', null, h('tr', null, cells.map((c) => h('th', null, c))));

/** One row per parameter table: entries, unverified entries, the main sources. */
export function tablesOverview(r: CarbonResult): HTMLElement {
  const tables = r.params.tables as unknown as Rec;
  const overridden = new Set(r.inputs.parameter_overrides);
  return h('table', { class: 'tbl params appendix', 'data-testid': 'appendix-tables' },
    head(t('carbon_table'), t('carbon_entries'), t('unverified'), t('source')),
    h('tbody', null, Object.entries(tables).map(([name, v]) => {
      const rows = sourced(v);
      const sources = [...new Set(rows.map((x) => String(x.source)))];
      const unverified = rows.filter((x) => x.unverified).length;
      const label = TABLE_NAMES[name] ? (lang() === 'en' ? TABLE_NAMES[name][1] : TABLE_NAMES[name][0]) : name;
      return row(
        h('span', null, label, overridden.has(name) ? [' ', h('em', { class: 'bad' }, t('carbon_overridden'))] : null),
        String(rows.length || (Array.isArray(v) ? v.length : Object.keys(v as Rec).length)),
        unverified ? h('span', { class: 'bad' }, String(unverified)) : '0',
        sources.length ? h('span', null, cite(sources[0], 110), sources.length > 1 ? h('span', { class: 'muted' }, ` ${t('carbon_more_sources', { n: sources.length - 1 })}`) : null) : '–');
    })));
}

/** The parameters this parcel used: its classes' pools, its species groups' factors, price, discount rate, methodology. */
export function usedParameters(r: CarbonResult): HTMLElement {
  const tables = r.params.tables as unknown as Rec;
  const rows: HTMLElement[] = [];
  const codes = new Set(r.classes.map((c) => c.code));
  for (const p of (tables.pools as Rec[]) ?? []) {
    if (!codes.has(Number(p.lucode))) continue;
    const cls = r.classes.find((c) => c.code === p.lucode);
    rows.push(row(`${t('carbon_pools_of')} ${cls ? pick(cls as never, 'name') : String(p.lucode)}`,
      `${num(Number(p.c_above), 1)} / ${num(Number(p.c_below), 1)} / ${num(Number(p.c_soil), 1)} / ${num(Number(p.c_dead), 1)} t C/ha`, flag(p.unverified), cite(String(p.source))));
  }
  const groups = new Set(r.stands.map((s) => s.species_group));
  const stand = (tables.stand ?? {}) as Record<string, Rec>;
  for (const g of groups) {
    const s = stand[g];
    if (!s) continue;
    rows.push(row(`${fieldLabel('species_group')}: ${valueLabel('species_group', g) ?? g}`,
      `SVD ${num(Number(s.svd_t_per_m3), 3)} t/m³ · BEF ${num(Number(s.bef), 3)} · R ${num(Number(s.root_shoot), 3)} · CF ${num(Number(s.cf), 3)}`, flag(s.unverified), cite(String(s.source))));
  }
  const sc = r.params.scenario;
  const price = ((tables.prices ?? {}) as Record<string, Rec>)[sc.price_scenario ?? 'central'];
  if (price) rows.push(row(`${t('price')} (${t(`price_${sc.price_scenario ?? 'central'}` as never)})`, `${num(Number(price.value), 2)} ${t('cny')}/t CO₂e`, flag(price.unverified), cite(String(price.source))));
  const value = (tables.value ?? {}) as Record<string, Rec>;
  if (value.discount_rate_pct) {
    const d = value.discount_rate_pct;
    rows.push(row(t('discount_rate'), `${num(r.value.discount_rate_pct, 1)} %${sc.discount_rate_pct === undefined ? '' : ` (${t('carbon_set_by_user')})`}`, sc.discount_rate_pct === undefined ? flag(d.unverified) : null, sc.discount_rate_pct === undefined ? cite(String(d.source)) : '–'));
  }
  const m = r.params.methodology;
  rows.push(row(t('methodology'), `${m.id} (${m.version})`, flag(m.unverified), cite(String(m.source))));
  return h('table', { class: 'tbl params appendix', 'data-testid': 'appendix-used' }, head(t('parameter'), t('param_value'), t('unverified'), t('source')), h('tbody', null, rows));
}
