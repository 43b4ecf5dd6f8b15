/**
 * The indicator panel: pick a region (county → township → village, in the lists or by a click on
 * the map), see every indicator's value,
 * target (document, place, year, own or reference), gap and status; one indicator drawn as a
 * choropleth over the child regions and as a bar chart of them; the narrative; a one-page brief
 * (print stylesheet: only the brief prints) and the CSV of every indicator.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import { fetchRegions } from '../../api.ts';
import { fragment, h, type Child } from '../../dom.ts';
import { areaText, lang, localName, num, t } from '../../i18n.ts';
import type { ParcelGeometry } from '../../state.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import { download } from '../carbon/export.ts';
import { fetchIndicators, type Indicator, type Indicators } from './api.ts';
import { CLASS_COLOURS, NO_DATA_COLOUR, barChart, classBreaks, classOf } from './charts.ts';
import { indicatorsCsv } from './export.ts';
import { targetSection } from './target-form.ts';
import { gapText, indicatorName, statusClass, statusText, targetText, unitText, valueText } from './format.ts';

type Feature = GeoJSON.Feature<ParcelGeometry, { id: string; parent_id: string | null; level: string; name_zh: string; name_en: string | null; area_ha: number }>;

interface PanelState {
  regions: Map<string, Feature>;
  county: string | null;
  township: string | null;
  village: string | null;
  shown: string;
  answer: Indicators | null;
  busy: boolean;
  error: string | null;
  /** What the last action did (e.g. a target saved), shown above the answer until the next one. */
  notice: string | null;
}

const regionId = (s: PanelState) => s.village ?? s.township ?? s.county;

export function mountIndicatorsPanel(container: HTMLElement, ctx: WorkbenchContext): () => void {
  const s: PanelState = { regions: new Map(), county: null, township: null, village: null, shown: 'forest_coverage_pct', answer: null, busy: true, error: null, notice: null };
  const root = h('section', { id: 'indicators-section', 'data-testid': 'indicators-panel' });
  container.append(root);
  let controller: AbortController | undefined;
  let alive = true;

  const childrenOf = (id: string | null) => [...s.regions.values()].filter((f) => f.properties.parent_id === id).sort((a, b) => a.properties.id.localeCompare(b.properties.id));

  async function start() {
    try {
      const fcs = await Promise.all((['county', 'township', 'village'] as const).map((l) => fetchRegions(l)));
      for (const fc of fcs) for (const f of fc.features as Feature[]) s.regions.set(f.properties.id, f);
      s.county = [...s.regions.values()].find((f) => f.properties.level === 'county')?.properties.id ?? null;
      if (alive) await load();
    } catch (e) { fail(e); }
  }

  function fail(e: unknown) {
    if ((e as Error).name === 'AbortError' || !alive) return;
    s.error = (e as Error).message;
    s.busy = false;
    render();
  }

  async function load() {
    const id = regionId(s);
    if (!id) { s.busy = false; render(); return; }
    controller?.abort();
    controller = new AbortController();
    s.busy = true;
    s.error = null;
    render();
    try {
      s.answer = await fetchIndicators(id, controller.signal);
      s.busy = false;
      const f = s.regions.get(id);
      if (f) ctx.map.fitTo([f.geometry]);
      draw();
      render();
    } catch (e) { fail(e); }
  }

  /** The child regions of the answer with their value of the shown indicator. */
  function childValues(): { f: Feature; value: number | null }[] {
    const a = s.answer;
    if (!a?.children) return [];
    return a.children.flatMap((c) => { const f = s.regions.get(c.region_id); return f ? [{ f, value: c.values[s.shown] ?? null }] : []; });
  }

  function draw() {
    const a = s.answer;
    if (!a) { ctx.map.setLayers('indicators', []); return; }
    const kids = childValues();
    const b = classBreaks(kids.map((k) => k.value));
    const self = s.regions.get(a.region_id);
    ctx.map.setLayers('indicators', [
      kids.length ? new GeoJsonLayer({
        id: 'indicators-choropleth', data: kids.map((k) => ({ ...k.f, properties: { ...k.f.properties, value: k.value } })) as unknown as GeoJSON.Feature[],
        filled: true, stroked: true, pickable: true,
        // a click on a child region opens it (a township's villages; a village itself)
        onClick: (info: { object?: Feature }) => { const p = info.object?.properties; if (p && (p.level === 'township' || p.level === 'village')) select(p.level, p.id); return true; },
        getFillColor: (f: GeoJSON.Feature) => { const k = classOf((f.properties as { value: number | null }).value, b); return [...(k < 0 ? NO_DATA_COLOUR : CLASS_COLOURS[k]), 170] as [number, number, number, number]; },
        getLineColor: [90, 90, 90, 200], lineWidthMinPixels: 1,
        updateTriggers: { getFillColor: [s.shown, a.region_id] },
      }) : null,
      self ? new GeoJsonLayer({ id: 'indicators-outline', data: [self] as unknown as GeoJSON.Feature[], filled: false, stroked: true, getLineColor: [20, 20, 20, 255], lineWidthMinPixels: 2.5, pickable: false }) : null,
    ]);
  }

  function select(level: 'township' | 'village', value: string) {
    s.notice = null;
    if (level === 'township') { s.township = value || null; s.village = null; } else s.village = value || null;
    void load();
  }

  function pickers(): HTMLElement {
    const county = s.county ? s.regions.get(s.county) : undefined;
    const opt = (f: Feature) => h('option', { value: f.properties.id }, localName(f.properties));
    const town = h('select', { 'data-testid': 'ind-township', onchange: () => select('township', town.value) },
      h('option', { value: '' }, t('ind_whole', { name: county ? localName(county.properties) : '' })), childrenOf(s.county).map(opt));
    town.value = s.township ?? '';
    const vill = h('select', { 'data-testid': 'ind-village', disabled: !s.township, onchange: () => select('village', vill.value) },
      h('option', { value: '' }, s.township ? t('ind_whole', { name: localName(s.regions.get(s.township)!.properties) }) : '–'), s.township ? childrenOf(s.township).map(opt) : []);
    vill.value = s.village ?? '';
    return h('div', { class: 'ind-pickers' },
      h('label', { class: 'field' }, h('span', null, t('ind_county')), h('span', { 'data-testid': 'ind-county' }, county ? localName(county.properties) : '–')),
      h('label', { class: 'field' }, h('span', null, t('ind_township')), town),
      h('label', { class: 'field' }, h('span', null, t('ind_village')), vill));
  }

  function table(a: Indicators, forPrint = false): HTMLElement {
    return h('table', { class: 'chg-table ind-table', 'data-testid': forPrint ? 'ind-brief-table' : 'ind-table' },
      h('thead', null, h('tr', null, h('th', null, t('ind_indicator')), h('th', { class: 'num' }, t('ind_value')), h('th', null, t('ind_target')), h('th', { class: 'num' }, t('ind_gap')), h('th', null, t('ind_status')))),
      h('tbody', null, a.indicators.map((x) => h('tr', {
        'data-indicator': x.id, 'data-value': x.value ?? '', 'data-status': x.status, class: !forPrint && x.id === s.shown ? 'ind-shown' : null,
        title: lang() === 'en' ? x.definition.en : x.definition.zh,
        onclick: forPrint ? null : () => { s.shown = x.id; draw(); render(); },
      },
      h('td', null, indicatorName(x)), h('td', { class: 'num' }, valueText(x.value, x.unit)), h('td', { class: 'ind-target' }, targetText(x, !forPrint)),
      h('td', { class: 'num' }, gapText(x)), h('td', null, h('span', { class: statusClass(x) }, statusText(x)))))));
  }

  function chart(a: Indicators, columns = 1): Child {
    const x = a.indicators.find((i) => i.id === s.shown)!;
    const kids = childValues();
    if (!kids.length) return h('p', { class: 'small muted', 'data-testid': 'ind-no-children' }, t('ind_no_children'));
    const b = classBreaks(kids.map((k) => k.value));
    return fragment(
      barChart(kids.map((k) => ({ id: k.f.properties.id, label: localName(k.f.properties), value: k.value })), x.unit, unitText(x.unit), `${indicatorName(x)} · ${t('ind_children')}`, columns),
      b ? h('div', { class: 'ind-legend', 'data-testid': 'ind-legend' }, CLASS_COLOURS.map((_, k) => h('span', { class: 'ind-legend-item' },
        h('span', { class: `ind-swatch ind-c${k}` }), `${num(b.min + k * b.step, x.unit === '%' ? 1 : 0)}–${num(b.min + (k + 1) * b.step, x.unit === '%' ? 1 : 0)}`)),
      h('span', { class: 'ind-legend-item' }, h('span', { class: 'ind-swatch ind-cnone' }), t('ind_no_data'))) : null,
    );
  }

  function shownPicker(a: Indicators): HTMLElement {
    const sel = h('select', { 'data-testid': 'ind-shown', onchange: () => { s.shown = sel.value; draw(); render(); } },
      a.indicators.map((x) => h('option', { value: x.id }, indicatorName(x))));
    sel.value = s.shown;
    return h('label', { class: 'field' }, h('span', null, t('ind_shown')), sel);
  }

  /** The plans the applied targets come from, once each. */
  const documents = (a: Indicators) => [...new Set(a.indicators.flatMap((i) => (i.target ? [lang() === 'en' ? i.target.document_en || i.target.document : i.target.document] : [])))];

  const narrativeOf = (a: Indicators) => (lang() === 'en' ? a.narrative_en : a.narrative_zh);

  function brief(a: Indicators) {
    document.querySelector('.ind-brief')?.remove();
    const close = () => { sheet.remove(); document.body.classList.remove('ind-printing'); };
    const x = a.indicators.find((i) => i.id === s.shown)!;
    const sources = [...new Set(a.indicators.map((i) => (lang() === 'en' ? i.source.en : i.source.zh)))];
    const sheet = h('div', { class: 'ind-brief', 'data-testid': 'ind-brief' },
      h('div', { class: 'ind-brief-bar' }, h('button', { onclick: () => window.print() }, t('ind_print')), h('button', { 'data-testid': 'ind-brief-close', onclick: close }, t('ind_close'))),
      h('header', null, h('h1', null, t('ind_brief_title', { region: localName(a) })),
        h('p', { class: 'small muted' }, t('ind_brief_meta', { area: areaText(a.area_ha), year: a.as_of_year, date: new Date().toISOString().slice(0, 10), version: a.inputs.tantu_version }))),
      h('p', { class: 'ind-narrative' }, narrativeOf(a)),
      table(a, true),
      a.children?.length ? h('div', { class: 'ind-brief-chart' }, h('h3', null, `${indicatorName(x)} · ${t('ind_children')} (${unitText(x.unit)})`), chart(a, a.children.length > 8 ? 2 : 1)) : null,
      h('p', { class: 'ind-footnote' }, `${t('ind_documents')}: ${documents(a).join('; ')}`),
      h('p', { class: 'ind-footnote' }, t('ind_scope_note')),
      h('p', { class: 'ind-footnote' }, `${t('ind_sources')}: ${sources.join('; ')}`));
    document.body.append(sheet);
    document.body.classList.add('ind-printing');
  }

  function findings(a: Indicators): Child {
    if (!a.findings.length) return null;
    return h('details', { class: 'ind-findings' }, h('summary', null, `${t('ind_findings')} (${a.findings.length})`),
      h('ul', null, a.findings.map((f) => h('li', { class: 'small' }, lang() === 'en' ? f.en : f.zh))));
  }

  function definitions(a: Indicators): Child {
    return h('details', { class: 'ind-definitions' }, h('summary', null, t('ind_definitions')),
      h('dl', null, a.indicators.map((x: Indicator) => [h('dt', null, `${indicatorName(x)} (${x.id})`),
        h('dd', { class: 'small' }, lang() === 'en' ? x.definition.en : x.definition.zh, ' ', h('span', { class: 'muted' }, `${t('ind_source')}: ${lang() === 'en' ? x.source.en : x.source.zh}`))])));
  }

  function render(): void {
    const a = s.answer;
    root.replaceChildren(fragment(
      h('h2', null, t('ind_title')),
      h('p', { class: 'small muted' }, t('ind_intro')),
      s.regions.size ? pickers() : null,
      s.busy ? h('p', { class: 'loading', 'data-testid': 'ind-busy' }, t('ind_loading')) : null,
      s.error ? h('p', { class: 'bad', 'data-testid': 'ind-error' }, s.error) : null,
      s.notice ? h('p', { class: 'ok', 'data-testid': 'ind-notice' }, s.notice) : null,
      a ? h('div', { 'data-testid': 'ind-result', 'data-region': a.region_id },
        h('h3', null, `${localName(a)} · ${areaText(a.area_ha)}`),
        h('p', { class: 'ind-narrative', 'data-testid': 'ind-narrative' }, narrativeOf(a)),
        table(a),
        shownPicker(a),
        chart(a),
        h('div', { class: 'row' },
          h('button', { 'data-testid': 'ind-brief-open', onclick: () => brief(a) }, t('ind_brief')),
          h('button', { 'data-testid': 'ind-export-csv', onclick: () => download(`tantu-indicators-${a.region_id}.csv`, indicatorsCsv(a), 'text/csv;charset=utf-8') }, t('ind_export_csv'))),
        findings(a),
        definitions(a),
        targetSection(a, (id) => { s.notice = t('ind_target_saved', { id }); void load(); }),
        h('p', { class: 'small muted' }, t('ind_scope_note'))) : null,
    ));
  }

  render();
  void start();
  const offLang = ctx.store.subscribe(() => { render(); if (document.querySelector('.ind-brief') && s.answer) brief(s.answer); }, ['lang']);
  return () => {
    alive = false;
    controller?.abort();
    offLang();
    document.querySelector('.ind-brief')?.remove();
    document.body.classList.remove('ind-printing');
    ctx.map.setLayers('indicators', []);
    root.remove();
  };
}
