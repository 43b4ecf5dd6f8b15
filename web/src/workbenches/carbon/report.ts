/**
 * Report view (#report, #report&parcel=<id>): a printable page per parcel or for the set —
 * map snapshot, tables, chart, parameters and their sources, data sources of the layers.
 */
import { analyseCarbon, type CarbonResult, type Scenario } from '../../api.ts';
import { h, replace } from '../../dom.ts';
import { areaText, lang, money, num, pick, t } from '../../i18n.ts';
import { areaHa, scenarioKey } from '../../parcels.ts';
import { hashOf } from '../../persist.ts';
import type { Parcel, Route } from '../../state.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import type { Analyses } from './analysis.ts';
import { paramsTable, resultSections } from './results.ts';

function scenarioText(s: Scenario): string {
  const price = s.price_scenario === 'low' ? t('price_low') : s.price_scenario === 'high' ? t('price_high') : t('price_central');
  return `${t('methodology')}: ${s.methodology ?? t('default_option')} · ${t('crediting_years')}: ${s.crediting_years ?? t('default_option')} · ` +
    `${t('price_scenario')}: ${price}${s.discount_rate_pct !== undefined ? ` · ${t('discount_rate')}: ${num(s.discount_rate_pct, 1)}%` : ''}`;
}

/** The map without vertex handles, fitted to the parcels, as a PNG data URL (null if the canvas cannot be read). */
async function snapshot({ store, map, parcels }: WorkbenchContext, of: Parcel[]): Promise<{ png: string | null; reselect: string | null }> {
  const reselect = store.get().selected;
  if (reselect) parcels.select(null);
  map.fitTo(of.map((p) => p.geometry), false);
  await map.idle(4000);
  try {
    return { png: map.map.getCanvas().toDataURL('image/png'), reselect };
  } catch {
    return { png: null, reselect };
  }
}

export async function renderReport(el: HTMLElement, ctx: WorkbenchContext, analyses: Analyses, route: Extract<Route, { name: 'report' }>): Promise<() => void> {
  const { store } = ctx;
  const all = store.get().parcels;
  const single = Boolean(route.parcel && all.some((p) => p.id === route.parcel));
  const chosen = single ? all.filter((p) => p.id === route.parcel) : all;
  const ids = new Set(chosen.map((p) => p.id));
  const shot = chosen.length ? await snapshot(ctx, chosen) : { png: null, reselect: null };
  const { scenario } = store.get();
  const key = scenarioKey(scenario);
  // A set of parcels is analysed as one MultiPolygon by the API: exact totals, overlaps counted once.
  let setResult: CarbonResult | null = null;
  const draw = () => {
    const s = store.get();
    const parcels = s.parcels.filter((p) => ids.has(p.id));
    const current = (p: Parcel) => (p.result && p.resultKey === key ? p.result : undefined);
    const done = parcels.filter((p) => current(p));
    const waiting = parcels.length - done.length - parcels.filter((p) => p.error).length;
    const title = single ? `${t('parcel')} ${parcels[0].name}` : t('parcels_set');
    const combined = single ? (current(parcels[0]) ?? null) : setResult;
    el.dataset.state = waiting ? 'loading' : 'ready';
    replace(el,
      h('div', { class: 'toolbar no-print' },
        h('a', { href: hashOf(s, { name: 'map' }), 'data-testid': 'back-to-map' }, `← ${t('back_to_map')}`),
        h('button', { type: 'button', id: 'print-btn', 'data-testid': 'print', onclick: () => window.print() }, t('print')),
        h('span', { class: 'muted small' }, t('print_hint'))),
      h('header', null, h('h1', null, `${t('report_title')} · ${title}`),
        h('span', { class: 'muted small' }, `${t('report_generated')}: ${new Date().toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN')}`)),
      h('p', { class: 'small' }, scenarioText(scenario)),
      shot.png ? h('figure', null, h('img', { class: 'snapshot', 'data-testid': 'report-snapshot', src: shot.png, alt: t('map_snapshot') }), h('figcaption', { class: 'muted small' }, t('map_snapshot'))) : null,
      h('h2', null, t('report_parcels')),
      h('table', { class: 'tbl', 'data-testid': 'report-parcels' },
        h('thead', null, h('tr', null, [t('parcel'), t('area'), `${t('stock')} (t C)`, `${t('annual_sink')} (t CO₂e${t('per_yr')})`, `${t('creditable')} (t CO₂e)`, t('npv')].map((x) => h('th', null, x)))),
        h('tbody', null, parcels.map((p) => {
          const r = current(p);
          const cred = r ? r.projection.reduce((sum, x) => sum + (x.creditable_tCO2e || 0), 0) : undefined;
          return h('tr', null, [p.name, areaText(areaHa(p.geometry)), num(r?.total.stock_tC, 0), num(r?.total.sink_tCO2e_per_yr, 1), num(cred, 0),
            r ? money(r.value?.npv_cny) : p.error ? p.error.message : '…'].map((x) => h('td', null, x)));
        }))),
      waiting ? h('p', { class: 'loading no-print' }, t('analysing')) : null,
      combined ? h('section', { class: 'report-body' }, resultSections(combined, true)) : h('p', { class: 'muted' }, t('no_result')),
      !single && done.length > 1 ? done.map((p) => h('section', { class: 'report-parcel' }, h('h3', null, `${t('parcel')} ${p.name}`), resultSections(current(p)!, true))) : null,
      combined ? [h('h2', null, t('parameters')), paramsTable(combined) ?? h('p', { class: 'muted' }, t('none'))] : null,
      h('h2', null, t('source')),
      h('ul', { class: 'small' }, s.catalog.map((l) => h('li', null, `${pick(l as never, 'title')}: ${l.source}`, l.synthetic ? [' ', h('span', { class: 'badge' }, t('synthetic'))] : null))),
    );
  };
  draw();
  const todo = chosen.filter((p) => !(p.result && p.resultKey === key));
  if (todo.length) {
    await Promise.all(todo.map((p) => analyses.run(p).catch(() => undefined)));
    draw();
  }
  if (!single && chosen.length > 1) {
    const geometry: GeoJSON.MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: chosen.flatMap(({ geometry: g }) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)),
    };
    setResult = await analyseCarbon(geometry, scenario).catch(() => null);
    draw();
  }
  return () => {
    const id = shot.reselect;
    if (id && store.get().parcels.some((p) => p.id === id)) ctx.parcels.select(id);
  };
}
