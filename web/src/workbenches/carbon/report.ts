/**
 * Report view (#report, #report&parcel=<id>). One parcel prints on at most four A4 pages in the
 * interface's language: (1) cover facts, the map (full frame, legend, scale bar, north arrow) and
 * the KPIs; (2) classes, pools and the projection chart; (3) vintages, value and revenue split,
 * eligibility and the warnings that matter; (4) a compact parameter appendix. A set of parcels
 * gets the parcel list (areas adding up, or the overlap said), the set's result and each parcel.
 */
import { analyseCarbon, type CarbonResult, type LayerInfo } from '../../api.ts';
import { h, replace } from '../../dom.ts';
import { areaText, lang, money, num, pick, t } from '../../i18n.ts';
import { scenarioKey } from '../../parcels.ts';
import { hashOf } from '../../persist.ts';
import type { AppState, Parcel, Route } from '../../state.ts';
import { legend } from '../../shell/layer-panel.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import { sourceText } from '../../shell/sources.ts';
import { parcelAreaHa, type Analyses } from './analysis.ts';
import { tablesOverview, usedParameters } from './appendix.ts';
import { projectionChart } from './chart.ts';
import { classesTable, creditable, dominantTable, poolsTable, resultSections, summary, valueTable } from './results.ts';
import { warningsBox } from './warnings.ts';

/** The snapshot's frame in CSS px: the printable A4 width (182 mm) at 1.6 × 96 dpi, 3:2. */
const SNAP_W = 1100;
const SNAP_H = 740;

/** Metres per CSS pixel at a latitude and MapLibre zoom (512 px tiles). */
function metresPerPixel(lat: number, zoom: number): number {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The longest 1/2/5 × 10ⁿ m that fits in `maxM`. */
function niceMetres(maxM: number): number {
  const p = 10 ** Math.floor(Math.log10(maxM));
  return [5, 2, 1].map((f) => f * p).find((x) => x <= maxM) ?? p;
}

/** Draw the north arrow (top right) and a scale bar (bottom left) onto the snapshot. */
function decorate(g: CanvasRenderingContext2D, w: number, h: number, scale: number, mpp: number): void {
  g.save();
  g.scale(scale, scale);
  const W = w / scale;
  const H = h / scale;
  // North arrow.
  const x = W - 36;
  const y = 22;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(x - 18, y - 10, 36, 62);
  g.fillStyle = '#222';
  g.beginPath(); g.moveTo(x, y); g.lineTo(x + 10, y + 34); g.lineTo(x, y + 27); g.lineTo(x - 10, y + 34); g.closePath(); g.fill();
  g.font = 'bold 14px "Noto Sans SC", sans-serif';
  g.textAlign = 'center';
  g.fillText('N', x, y + 50);
  // Scale bar: a 1/2/5 length of at most a quarter of the width.
  const metres = niceMetres((W / 4) * mpp);
  const px = metres / mpp;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  const bx = 16;
  const by = H - 24;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(bx - 8, by - 22, px + 16, 36);
  g.fillStyle = '#222';
  g.fillRect(bx, by, px / 2, 6);
  g.strokeStyle = '#222';
  g.lineWidth = 1.5;
  g.strokeRect(bx, by, px, 6);
  g.font = '13px "Noto Sans SC", sans-serif';
  g.textAlign = 'left';
  g.fillText('0', bx - 3, by - 6);
  g.textAlign = 'right';
  g.fillText(label, bx + px + 4, by - 6);
  g.restore();
}

interface Snapshot { png: string | null; reselect: string | null }

/**
 * The map fitted to the parcels in a fixed 3:2 frame (the map pane is drawn off-screen at that
 * size meanwhile), without vertex handles, with a north arrow and a scale bar; PNG data URL.
 */
async function snapshot({ store, map, parcels }: WorkbenchContext, of: Parcel[]): Promise<Snapshot> {
  const reselect = store.get().selected;
  if (reselect) parcels.select(null);
  document.body.classList.add('snapshotting');
  try {
    map.map.resize();
    map.fitTo(of.map((p) => p.geometry), false);
    await map.idle(6000);
    // deck.gl tiles arrive after MapLibre's idle: give them a moment, then one more idle.
    await new Promise((ok) => setTimeout(ok, 900));
    await map.idle(3000);
    const canvas = map.map.getCanvas();
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const g = out.getContext('2d')!;
    g.drawImage(canvas, 0, 0);
    const c = map.map.getCenter();
    decorate(g, out.width, out.height, canvas.width / canvas.clientWidth, metresPerPixel(c.lat, map.map.getZoom()));
    return { png: out.toDataURL('image/png'), reselect };
  } catch {
    return { png: null, reselect };
  } finally {
    document.body.classList.remove('snapshotting');
    map.map.resize();
  }
}

/** The map's legend: the parcel outline and every visible layer's legend. */
function mapLegend(s: AppState): HTMLElement {
  const visible = s.catalog.filter((l) => s.layers[l.id]?.visible && l.id !== 'hillshade');
  return h('div', { class: 'report-legend', 'data-testid': 'report-legend' },
    h('div', { class: 'legend-item' }, h('strong', null, t('parcel')), h('div', { class: 'legend-style' }, h('span', { class: 'swatch parcel-swatch' }))),
    visible.map((l: LayerInfo) => h('div', { class: 'legend-item' }, h('strong', null, pick(l as never, 'title')), legend(l.legend, l.unit, l.id))));
}

function facts(rows: [string, Node | string][]): HTMLElement {
  return h('table', { class: 'tbl facts', 'data-testid': 'report-facts' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', null, k), h('td', null, v)))));
}

function priceName(p: string | undefined): string {
  return t(p === 'low' ? 'price_low' : p === 'high' ? 'price_high' : 'price_central');
}

/** The cover facts of one result: what was analysed, under which rules, when, from which data. */
function coverFacts(p: Parcel | null, r: CarbonResult, generated: Date): HTMLElement {
  const m = r.params.methodology;
  const sc = r.params.scenario;
  const years = sc.crediting_years;
  const sources = [r.inputs.landcover_source, ...r.inputs.stands_source].map(sourceText).filter(Boolean);
  return facts([
    ...(p ? [[t('parcel'), `${p.name}`] as [string, string]] : []),
    [t('area'), `${areaText(r.area_ha)} · ${t('carbon_area_analysed')}`],
    [t('methodology'), h('span', { 'data-testid': 'report-methodology' }, `${pick(m as never, 'name')} · ${m.id} (${m.version})`)],
    [t('crediting_years'), `${years} ${t('years')} (${String(sc.start_year)}–${String(sc.start_year + years - 1)})`],
    [t('price_scenario'), `${priceName(sc.price_scenario)} · ${num(r.value.price_cny_per_tCO2e, 2)} ${t('cny')}/t CO₂e${r.value.price_growth_pct ? ` (+${num(r.value.price_growth_pct, 1)} %${t('per_yr')})` : ''}`],
    [t('discount_rate'), `${num(r.value.discount_rate_pct, 1)} %`],
    [t('report_generated'), generated.toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN')],
    [t('carbon_model'), `${r.model_version} · tantu ${r.inputs.tantu_version} · ${t('carbon_monte_carlo', { runs: String(r.total.range.runs), seed: String(r.total.range.seed) })}`],
    [t('carbon_overrides'), r.inputs.parameter_overrides.length ? r.inputs.parameter_overrides.join(', ') : t('none')],
    [t('carbon_data_sources'), `${[...new Set(sources)].join('; ')} · ${t('carbon_stands_counted', { n: r.stands.length })}`],
  ]);
}

/** Eligibility in one line, with the blocking reasons. */
function eligibility(r: CarbonResult): HTMLElement {
  const e = r.eligibility;
  return h('p', { class: e.eligible ? '' : 'bad', 'data-testid': 'report-eligibility' },
    h('strong', null, `${t('carbon_eligibility')}: `), `${r.params.methodology.id} · ${t(e.eligible ? 'eligible' : 'not_eligible')}`,
    e.reasons.filter((x) => x.blocking).map((x) => h('span', null, ` — ${lang() === 'en' ? x.en : x.zh}`)));
}

/** The vintages in two side-by-side columns (a 30-year period fits on half a page). */
function vintageColumns(r: CarbonResult): HTMLElement {
  const rows = r.projection;
  const half = Math.ceil(rows.length / 2);
  let cum = 0;
  const cumulative = rows.map((x) => (cum += x.creditable_tCO2e || 0));
  const table = (from: number, to: number) => h('table', { class: 'tbl vintages', 'data-testid': 'vintage-table' },
    h('thead', null, h('tr', null, [t('vintage'), t('baseline'), t('project'), t('creditable'), t('carbon_cumulative')].map((x) => h('th', null, x)))),
    h('tbody', null, rows.slice(from, to).map((x, i) => h('tr', null,
      h('td', null, String(x.year)), h('td', null, num(x.baseline_tCO2e, 0)), h('td', null, num(x.project_tCO2e, 0)),
      h('td', null, num(x.creditable_tCO2e, 0)), h('td', null, num(cumulative[from + i], 0))))));
  return h('div', { class: 'vintage-columns' }, table(0, half), table(half, rows.length),
    h('p', { class: 'small muted' }, `${t('creditable')} (${t('total')}): ${num(creditable(r), 0)} t CO₂e · t CO₂e`));
}

/** One parcel's report body: four A4 pages. */
function parcelPages(s: AppState, p: Parcel | null, r: CarbonResult, png: string | null, generated: Date): Node[] {
  return [
    h('section', { class: 'report-page', 'data-page': '1' },
      coverFacts(p, r, generated),
      png ? h('figure', { class: 'report-map' }, h('img', { class: 'snapshot', 'data-testid': 'report-snapshot', src: png, alt: t('map_snapshot') }), mapLegend(s)) : null,
      summary(r)),
    h('section', { class: 'report-page', 'data-page': '2' },
      h('h2', null, t('area_by_class')), classesTable(r),
      h('h2', null, t('stock')), poolsTable(r),
      h('h2', null, t('projection')), projectionChart(r)),
    h('section', { class: 'report-page', 'data-page': '3' },
      h('h2', null, `${t('creditable')} / ${t('vintage')}`), vintageColumns(r),
      h('h2', null, t('value')), valueTable(r),
      h('h2', null, t('carbon_eligibility_warnings')), eligibility(r), warningsBox(r)),
    h('section', { class: 'report-page', 'data-page': '4' },
      h('h2', null, t('carbon_appendix')),
      h('h3', null, t('carbon_used_parameters')), usedParameters(r),
      h('h3', null, t('carbon_parameter_tables')), tablesOverview(r),
      r.dominant_parameters?.length ? [h('h3', null, t('dominant_parameters')), dominantTable({ ...r, dominant_parameters: r.dominant_parameters.slice(0, 5) })] : null),
  ];
}

export async function renderReport(el: HTMLElement, ctx: WorkbenchContext, analyses: Analyses, route: Extract<Route, { name: 'report' }>): Promise<() => void> {
  const { store } = ctx;
  const all = store.get().parcels;
  const single = Boolean(route.parcel && all.some((p) => p.id === route.parcel));
  const chosen = single ? all.filter((p) => p.id === route.parcel) : all;
  const ids = new Set(chosen.map((p) => p.id));
  // Loading from the start: the map snapshot (the map fitted to the parcels, drawn and read back) takes a while.
  el.dataset.state = 'loading';
  const shot = chosen.length ? await snapshot(ctx, chosen) : { png: null, reselect: null };
  const { scenario } = store.get();
  const key = scenarioKey(scenario);
  const generated = new Date();
  // A set of parcels is analysed as one MultiPolygon by the API: exact totals, overlaps counted once.
  let setResult: CarbonResult | null = null;
  /** The set's own analysis has answered (or failed: the report is then ready without it). */
  let setSettled = single || chosen.length < 2;
  const draw = () => {
    const s = store.get();
    const parcels = s.parcels.filter((p) => ids.has(p.id));
    const current = (p: Parcel) => (p.result && p.resultKey === key ? p.result : undefined);
    const done = parcels.filter((p) => current(p));
    const waiting = parcels.length - done.length - parcels.filter((p) => p.error).length;
    const title = single ? `${t('parcel')} ${parcels[0].name}` : t('parcels_set');
    // Ready once every parcel has its answer; the set's own analysis (exact totals, overlaps once) is added when it comes.
    el.dataset.state = waiting ? 'loading' : 'ready';
    el.dataset.set = setSettled ? 'ready' : 'loading';
    el.lang = s.lang;
    const toolbar = h('div', { class: 'toolbar no-print' },
      h('a', { href: hashOf(s, { name: 'map' }), 'data-testid': 'back-to-map' }, `← ${t('back_to_map')}`),
      h('button', { type: 'button', id: 'print-btn', 'data-testid': 'print', onclick: () => window.print() }, t('print')),
      h('span', { class: 'muted small' }, t('print_hint')));
    const header = h('header', null, h('h1', null, `${t('report_title')} · ${title}`));
    if (single) {
      const r = current(parcels[0]);
      replace(el, toolbar, header,
        r ? parcelPages(s, parcels[0], r, shot.png, generated)
          : parcels[0].error ? h('p', { class: 'error-box' }, parcels[0].error.message) : h('p', { class: 'loading' }, t('analysing')));
      return;
    }
    const sum = done.reduce((x, p) => x + parcelAreaHa(p).ha, 0);
    const overlap = setResult && done.length === parcels.length ? sum - setResult.area_ha : 0;
    replace(el, toolbar, header,
      h('h2', null, t('report_parcels')),
      h('table', { class: 'tbl', 'data-testid': 'report-parcels' },
        h('thead', null, h('tr', null, [t('parcel'), t('area'), `${t('stock')} (t C)`, `${t('annual_sink')} (t CO₂e${t('per_yr')})`, `${t('creditable')} (t CO₂e)`, t('npv')].map((x) => h('th', null, x)))),
        h('tbody', null, parcels.map((p) => {
          const r = current(p);
          return h('tr', null, [p.name, areaText(parcelAreaHa(p).ha), num(r?.total.stock_tC, 0), num(r?.total.sink_tCO2e_per_yr, 1), r ? num(creditable(r), 0) : '–',
            r ? money(r.value?.npv_cny) : p.error ? p.error.message : '…'].map((x) => h('td', null, x)));
        })),
        h('tfoot', null,
          h('tr', null, h('th', null, t('carbon_sum_of_parcels')), h('th', { 'data-testid': 'report-sum-area', 'data-value': sum }, areaText(sum)), h('th', { colspan: 4 })),
          setResult ? h('tr', null, h('th', null, t('parcels_set')), h('th', { 'data-testid': 'report-set-area', 'data-value': setResult.area_ha }, areaText(setResult.area_ha)),
            h('th', { colspan: 4, class: 'small' }, overlap > 0.005 ? t('carbon_overlap_once', { ha: num(overlap, 2) }) : t('carbon_set_equals_sum'))) : null)),
      waiting ? h('p', { class: 'loading no-print' }, t('analysing')) : null,
      setResult ? parcelPages(s, null, setResult, shot.png, generated) : h('p', { class: 'muted' }, t('no_result')),
      done.length > 1 ? done.map((p) => h('section', { class: 'report-parcel' }, h('h3', null, `${t('parcel')} ${p.name}`), resultSections(current(p)!, true))) : null,
    );
  };
  draw();
  // The report follows a language switch and each parcel's answer as it arrives.
  const off = store.subscribe(draw, ['lang', 'parcels']);
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
    setSettled = true;
    draw();
  } else if (!single && chosen.length === 1) {
    setResult = store.get().parcels.find((p) => p.id === chosen[0].id)?.result ?? null;
    draw();
  }
  return () => {
    off();
    const id = shot.reselect;
    if (id && store.get().parcels.some((p) => p.id === id)) ctx.parcels.select(id);
  };
}
