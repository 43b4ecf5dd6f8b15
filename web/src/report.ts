/**
 * Report view (#report, #report&parcel=<id>): a printable page per parcel or for the set —
 * map snapshot, tables, chart, parameters and their sources, data sources of the layers.
 */
import { analyseCarbon, type CarbonResult, type LayerInfo, type Scenario } from './api.ts';
import { esc, paramsTable, resultSections } from './carbon.ts';
import { areaText, lang, money, num, pick, t } from './i18n.ts';
import { areaHa, scenarioKey, type Parcel } from './parcels.ts';

export interface ReportInput {
  parcels: Parcel[];
  single: boolean;
  snapshot: string | null;
  scenario: Scenario;
  analyse: (p: Parcel) => Promise<void>;
  catalog: LayerInfo[];
  mapHref: string;
}

function scenarioText(s: Scenario): string {
  const price = s.price_scenario === 'low' ? t('price_low') : s.price_scenario === 'high' ? t('price_high') : t('price_central');
  return `${t('methodology')}: ${s.methodology ?? t('default_option')} · ${t('crediting_years')}: ${s.crediting_years ?? t('default_option')} · ` +
    `${t('price_scenario')}: ${price}${s.discount_rate_pct !== undefined ? ` · ${t('discount_rate')}: ${num(s.discount_rate_pct, 1)}%` : ''}`;
}

export async function renderReport(el: HTMLElement, input: ReportInput): Promise<void> {
  const { parcels } = input;
  const key = scenarioKey(input.scenario);
  // A set of parcels is analysed as one MultiPolygon by the API: exact totals, overlaps counted once.
  let setResult: CarbonResult | null = null;
  const draw = () => {
    const done = parcels.filter((p) => p.result && p.resultKey === key);
    const failed = parcels.filter((p) => p.error);
    const waiting = parcels.length - done.length - failed.length;
    const title = input.single ? `${t('parcel')} ${parcels[0].name}` : t('parcels_set');
    const combined = input.single ? (done[0]?.result ?? null) : setResult;
    const list = `<table class="tbl" data-testid="report-parcels"><thead><tr><th>${esc(t('parcel'))}</th><th>${esc(t('area'))}</th><th>${esc(t('stock'))} (t C)</th><th>${esc(t('annual_sink'))} (t CO₂e${esc(t('per_yr'))})</th><th>${esc(t('creditable'))} (t CO₂e)</th><th>${esc(t('npv'))}</th></tr></thead><tbody>
      ${parcels.map((p) => {
        const r = p.result && p.resultKey === key ? p.result : undefined;
        const cred = r ? r.projection.reduce((s, x) => s + (x.creditable_tCO2e || 0), 0) : undefined;
        return `<tr><td>${esc(p.name)}</td><td>${esc(areaText(areaHa(p.geometry)))}</td><td>${num(r ? r.total.stock_tC : undefined, 0)}</td><td>${num(r?.total.sink_tCO2e_per_yr, 1)}</td><td>${num(cred, 0)}</td><td>${r ? esc(money(r.value?.npv_cny)) : p.error ? esc(p.error.message) : '…'}</td></tr>`;
      }).join('')}</tbody></table>`;
    const layerSources = input.catalog.map((l) => `<li>${esc(pick(l as never, 'title'))}: ${esc(l.source)}${l.synthetic ? ` <span class="badge">${esc(t('synthetic'))}</span>` : ''}</li>`).join('');
    el.dataset.state = waiting ? 'loading' : 'ready';
    el.innerHTML = `
      <div class="toolbar no-print"><a href="${esc(input.mapHref)}" data-testid="back-to-map">← ${esc(t('back_to_map'))}</a>
        <button type="button" id="print-btn" data-testid="print">${esc(t('print'))}</button><span class="muted small">${esc(t('print_hint'))}</span></div>
      <header><h1>${esc(t('report_title'))} · ${esc(title)}</h1><span class="muted small">${esc(t('report_generated'))}: ${esc(new Date().toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN'))}</span></header>
      <p class="small">${esc(scenarioText(input.scenario))}</p>
      ${input.snapshot ? `<figure><img class="snapshot" data-testid="report-snapshot" src="${input.snapshot}" alt="${esc(t('map_snapshot'))}"><figcaption class="muted small">${esc(t('map_snapshot'))}</figcaption></figure>` : ''}
      <h2>${esc(t('report_parcels'))}</h2>${list}
      ${waiting ? `<p class="loading no-print">${esc(t('analysing'))}</p>` : ''}
      ${combined ? `<section class="report-body">${resultSections(combined).replace(/<details(?![^>]*open)/g, '<details open')}</section>` : `<p class="muted">${esc(t('no_result'))}</p>`}
      ${!input.single && done.length > 1 ? done.map((p) => `<section class="report-parcel"><h3>${esc(t('parcel'))} ${esc(p.name)}</h3>${resultSections(p.result!).replace(/<details(?![^>]*open)/g, '<details open')}</section>`).join('') : ''}
      ${combined ? `<h2>${esc(t('parameters'))}</h2>${paramsTable(done[0].result!) || `<p class="muted">${esc(t('none'))}</p>`}` : ''}
      <h2>${esc(t('source'))}</h2><ul class="small">${layerSources}</ul>`;
    el.querySelector('#print-btn')?.addEventListener('click', () => window.print());
  };
  draw();
  const todo = parcels.filter((p) => !(p.result && p.resultKey === key));
  if (todo.length) {
    await Promise.all(todo.map((p) => input.analyse(p).catch(() => undefined)));
    draw();
  }
  if (!input.single && parcels.length > 1) {
    const geometry: GeoJSON.MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: parcels.flatMap(({ geometry: g }) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)),
    };
    setResult = await analyseCarbon(geometry, input.scenario).catch(() => null);
    draw();
  }
}
