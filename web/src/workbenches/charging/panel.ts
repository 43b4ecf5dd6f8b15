/**
 * The EV charging panel: coverage per person against the plan targets (城市五分钟、城乡半小时充电圈,
 * 乡乡全覆盖, service areas), the per-township table, isochrone and uncovered-population layers,
 * new-site suggestions with their gains, and what-if stations added on the map or removed by a
 * click on an existing one. Exports the table (CSV with BOM) and the layers (GeoJSON).
 */
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { MapMouseEvent } from 'maplibre-gl';
import { fragment, h, type Child } from '../../dom.ts';
import { localName, num, t, type Key } from '../../i18n.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import { download } from '../carbon/export.ts';
import { fetchCoverage, fetchIsochrones, fetchUncovered, postSites, postWhatIf, type ChargingCoverage, type Isochrones, type Sites, type Uncovered, type WhatIf } from './api.ts';

interface Added { lon: number; lat: number }

interface PanelState {
  peak: boolean;
  coverage: ChargingCoverage | null;
  iso: Isochrones | null;
  uncovered: Uncovered | null;
  showIso: boolean;
  showUncovered: boolean;
  sites: Sites | null;
  p: number;
  problem: 'mclp' | 'lscp' | 'pmedian';
  added: Added[];
  removed: string[];
  whatIf: WhatIf | null;
  picking: boolean;
  busy: string | null;
  error: string | null;
}

const BAND_COLOURS: Record<number, [number, number, number, number]> = { 5: [26, 150, 65, 110], 15: [166, 217, 106, 90], 30: [253, 174, 97, 70] };
const pctText = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${num(v, 1)} %`);

const kpi = (label: string, value: Child, testid: string, raw: number | null, ok?: boolean, sub?: string) =>
  h('div', { class: `kpi${ok === undefined ? '' : ok ? ' chg-pass' : ' chg-fail'}` },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value', 'data-testid': testid, 'data-value': raw ?? '' }, value),
    sub ? h('div', { class: 'kpi-sub' }, sub) : null);

export function mountChargingPanel(container: HTMLElement, ctx: WorkbenchContext): () => void {
  const s: PanelState = {
    peak: false, coverage: null, iso: null, uncovered: null, showIso: true, showUncovered: true, sites: null, p: 5, problem: 'mclp',
    added: [], removed: [], whatIf: null, picking: false, busy: null, error: null,
  };
  const root = h('section', { id: 'charging-section', 'data-testid': 'charging-panel' });
  container.append(root);
  let controller: AbortController | undefined;

  const fail = (e: unknown) => { if ((e as Error).name !== 'AbortError') { s.error = (e as Error).message; s.busy = null; render(); } };

  async function load() {
    controller?.abort();
    controller = new AbortController();
    s.busy = 'chg_loading';
    s.error = null;
    render();
    try {
      const [c, iso, unc] = await Promise.all([fetchCoverage(s.peak, controller.signal), fetchIsochrones(s.peak, controller.signal), fetchUncovered(s.peak, controller.signal)]);
      s.coverage = c; s.iso = iso; s.uncovered = unc;
      s.busy = null;
      if (s.added.length || s.removed.length) await runWhatIf();
      draw();
      render();
    } catch (e) { fail(e); }
  }

  async function runWhatIf() {
    if (!s.added.length && !s.removed.length) { s.whatIf = null; draw(); render(); return; }
    s.busy = 'chg_updating';
    render();
    try {
      s.whatIf = await postWhatIf({ add: s.added.map((a, k) => ({ ...a, id: `new-${k + 1}`, name_zh: `新增站点${k + 1}` })), remove: s.removed, peak: s.peak, uncovered: true });
      s.busy = null;
      draw();
      render();
    } catch (e) { fail(e); }
  }

  async function suggest() {
    s.busy = 'chg_suggesting';
    s.error = null;
    render();
    try {
      s.sites = await postSites({ problem: s.problem, ...(s.problem !== 'lscp' ? { p: s.p } : {}), peak: s.peak });
      s.busy = null;
      draw();
      render();
    } catch (e) { fail(e); }
  }

  function draw() {
    const unc = s.whatIf?.uncovered ?? s.uncovered;
    const layers = [
      s.showIso && s.iso ? new GeoJsonLayer({
        id: 'charging-isochrones', data: [...s.iso.features].reverse() as unknown as GeoJSON.Feature[], filled: true, stroked: true,
        getFillColor: (f: GeoJSON.Feature) => BAND_COLOURS[(f.properties as { minutes: number }).minutes] ?? [120, 120, 200, 60],
        getLineColor: [40, 90, 40, 160], lineWidthMinPixels: 1, pickable: false,
      }) : null,
      s.showUncovered && unc ? new ScatterplotLayer({
        id: 'charging-uncovered', data: unc.features, getPosition: (f: Uncovered['features'][number]) => f.geometry.coordinates as [number, number],
        getRadius: (f: Uncovered['features'][number]) => 40 + 6 * Math.sqrt(f.properties.population), radiusUnits: 'meters', radiusMinPixels: 1.5,
        getFillColor: (f: Uncovered['features'][number]) => (f.properties.urban ? [200, 30, 30, 200] : [230, 110, 20, 190]), pickable: false,
      }) : null,
      s.sites ? new ScatterplotLayer({
        id: 'charging-sites', data: s.sites.sites, getPosition: (d: Sites['sites'][number]) => [d.lon, d.lat], getRadius: 9, radiusUnits: 'pixels',
        getFillColor: [120, 40, 160], getLineColor: [255, 255, 255], lineWidthMinPixels: 2, stroked: true,
      }) : null,
      s.added.length ? new ScatterplotLayer({
        id: 'charging-added', data: s.added, getPosition: (d: Added) => [d.lon, d.lat], getRadius: 9, radiusUnits: 'pixels',
        getFillColor: [20, 110, 200], getLineColor: [255, 255, 255], lineWidthMinPixels: 2, stroked: true,
      }) : null,
    ];
    ctx.map.setLayers('charging', layers);
  }

  const onMapClick = (e: MapMouseEvent) => {
    if (!s.picking || ctx.store.get().drawing.active) return;
    s.picking = false;
    ctx.map.map.getCanvas().style.cursor = '';
    setTimeout(() => ctx.map.popup.hide(true));
    s.added.push({ lon: e.lngLat.lng, lat: e.lngLat.lat });
    void runWhatIf();
  };
  ctx.map.map.on('click', onMapClick);
  // a click on an existing station (the charging_stations layer) marks it removed, or restores it
  const offFeature = ctx.map.onFeatureClick((layer, f) => {
    if (layer.id !== 'charging_stations' || s.picking) return;
    const id = String((f.properties as { id?: string })?.id ?? '');
    if (!id) return;
    s.removed = s.removed.includes(id) ? s.removed.filter((x) => x !== id) : [...s.removed, id];
    void runWhatIf();
  });

  function csv(c: ChargingCoverage): string {
    const head = ['township_id', '乡镇 township', '英文名 name_en', '人口 population', '覆盖人口 covered', '覆盖率 coverage_pct', '城镇人口 urban_pop', '城镇覆盖率 urban_pct (≤300 s)', '乡村人口 rural_pop', '乡村覆盖率 rural_pct (≤1800 s)', '公共充电站 public_chargers'];
    const cell = (x: unknown) => { const v = x === null || x === undefined ? '' : String(x); return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v; };
    const rows = [c, ...c.children].map((r) => [r.region_id, r.name_zh, r.name_en, r.population, r.covered_population, r.coverage_pct, r.urban.population, r.urban.coverage_pct, r.rural.population, r.rural.coverage_pct, r.public_chargers].map(cell).join(','));
    return `\uFEFF${[head.map(cell).join(','), ...rows].join('\r\n')}\r\n`;
  }

  function geojson(): string {
    const features: unknown[] = [
      ...(s.iso?.features ?? []).map((f) => ({ ...f, properties: { ...f.properties, layer: 'isochrone' } })),
      ...((s.whatIf?.uncovered ?? s.uncovered)?.features ?? []).map((f) => ({ ...f, properties: { ...f.properties, layer: 'uncovered' } })),
      ...(s.sites?.sites ?? []).map((x) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [x.lon, x.lat] }, properties: { layer: 'suggested_site', rank: x.rank, gain_population: x.gain_population, method: s.sites!.method } })),
      ...s.added.map((a, k) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [a.lon, a.lat] }, properties: { layer: 'what_if_added', id: `new-${k + 1}` } })),
    ];
    return JSON.stringify({ type: 'FeatureCollection', features });
  }

  function kpis(c: ChargingCoverage): HTMLElement {
    const w = s.whatIf?.after;
    const cur = w ?? c;
    const chk = cur.checks;
    return h('div', { class: 'kpis' },
      kpi(t('chg_total'), pctText(cur.coverage_pct), 'chg-total', cur.coverage_pct, undefined, `${num(cur.covered_population, 0)} / ${num(cur.population, 0)} ${t('chg_people')}`),
      kpi(t('chg_urban', { m: num(cur.urban.threshold_s / 60, 0) }), pctText(cur.urban.coverage_pct), 'chg-urban', cur.urban.coverage_pct, (cur.urban.coverage_pct ?? 100) >= 99.95, t('chg_target_100')),
      kpi(t('chg_rural', { m: num(cur.rural.threshold_s / 60, 0) }), pctText(cur.rural.coverage_pct), 'chg-rural', cur.rural.coverage_pct, (cur.rural.coverage_pct ?? 100) >= 99.95, t('chg_target_100')),
      kpi(t('chg_township_check'), `${chk.township_chargers.passing} / ${chk.township_chargers.total}`, 'chg-townships', chk.township_chargers.passing, chk.township_chargers.pass,
        chk.township_chargers.missing.length ? `${t('chg_missing')}: ${chk.township_chargers.missing.map(localName).join(t('chg_list_sep'))}` : t('chg_pass')),
      kpi(t('chg_sa_check'), chk.service_areas.items.map((i) => `${localName(i)} ${i.stations}`).join(' · ') || '–', 'chg-service-areas', chk.service_areas.items.length, chk.service_areas.pass),
      kpi(t('chg_stations'), String(cur.params.stations), 'chg-stations', cur.params.stations, undefined, `${num(cur.params.graph.length_km, 0)} km · ${num(cur.params.graph.directed_edges, 0)} ${t('chg_edges')}`),
    );
  }

  function whatIfBox(): HTMLElement | null {
    const w = s.whatIf;
    if (!w && !s.added.length && !s.removed.length) return null;
    return h('div', { class: 'chg-whatif', 'data-testid': 'chg-whatif' },
      h('h3', null, t('chg_whatif')),
      h('p', null, t('chg_whatif_summary', { a: s.added.length, r: s.removed.length })),
      w ? h('p', { 'data-testid': 'chg-whatif-delta', 'data-value': w.delta_covered_population },
        `${t('chg_delta')}: ${w.delta_covered_population >= 0 ? '+' : ''}${num(w.delta_covered_population, 0)} ${t('chg_people')} (${w.delta_coverage_pct === null ? '–' : `${w.delta_coverage_pct >= 0 ? '+' : ''}${num(w.delta_coverage_pct, 2)}`} %) · ${t('chg_update_ms', { ms: num(w.update_ms, 0) })}`) : null,
      h('button', { 'data-testid': 'chg-whatif-reset', onclick: () => { s.added = []; s.removed = []; s.whatIf = null; draw(); render(); } }, t('chg_reset')),
    );
  }

  function sitesBox(): HTMLElement {
    const r = s.sites;
    const pInput = h('input', { type: 'number', min: 1, max: 50, step: 1, value: String(s.p), 'data-testid': 'chg-p', onchange: () => { const v = Number(pInput.value); if (Number.isInteger(v) && v >= 1 && v <= 50) s.p = v; } });
    const prob = h('select', { 'data-testid': 'chg-problem', onchange: () => { s.problem = prob.value as PanelState['problem']; render(); } },
      (['mclp', 'lscp', 'pmedian'] as const).map((k) => h('option', { value: k }, t(`chg_problem_${k}` as Key))));
    prob.value = s.problem;
    return h('div', { class: 'chg-sites' },
      h('h3', null, t('chg_sites')),
      h('div', { class: 'row' }, h('label', { class: 'field' }, h('span', null, t('chg_problem')), prob),
        s.problem !== 'lscp' ? h('label', { class: 'field' }, h('span', null, t('chg_p')), pInput) : null,
        h('button', { 'data-testid': 'chg-suggest', disabled: !!s.busy, onclick: () => void suggest() }, t('chg_suggest'))),
      r ? h('div', { 'data-testid': 'chg-sites-result' },
        h('p', { class: 'small' }, `${t('chg_method')}: ${r.solver} · ${r.bound.kind === 'optimal' ? t('chg_optimal') : t('chg_greedy_bound', { gap: num(r.bound.gap_pct ?? 0, 1) })}`,
          r.exact_skipped ? ` (${r.exact_skipped})` : ''),
        h('p', { class: 'small' }, `${t('chg_before_after')}: ${pctText(r.before.coverage_pct)} → ${pctText(r.after.coverage_pct)} · ${t('chg_mean_time')}: ${num((r.mean_time_s.before ?? 0) / 60, 1)} → ${num((r.mean_time_s.after ?? 0) / 60, 1)} min`),
        h('table', { class: 'chg-table', 'data-testid': 'chg-sites-table' },
          h('thead', null, h('tr', null, h('th', null, '#'), h('th', null, t('chg_position')), h('th', { class: 'num' }, t('chg_gain')))),
          h('tbody', null, r.sites.map((x) => h('tr', { 'data-gain': x.gain_population },
            h('td', null, String(x.rank)), h('td', null, x.name_zh ? localName({ name_zh: x.name_zh, name_en: x.name_en }) : `${num(x.lat, 4)}°N ${num(x.lon, 4)}°E`), h('td', { class: 'num' }, num(x.gain_population, 0)))))),
      ) : null,
    );
  }

  function table(c: ChargingCoverage): HTMLElement {
    const after = s.whatIf?.after;
    return h('table', { class: 'chg-table', 'data-testid': 'chg-townships-table' },
      h('thead', null, h('tr', null, h('th', null, t('chg_township')), h('th', { class: 'num' }, t('chg_population')), h('th', { class: 'num' }, t('chg_coverage')),
        h('th', { class: 'num' }, t('chg_urban_short')), h('th', { class: 'num' }, t('chg_rural_short')), h('th', { class: 'num' }, t('chg_chargers')))),
      h('tbody', null, (after ?? c).children.map((r) => h('tr', { 'data-region': r.region_id, class: r.public_chargers === 0 ? 'chg-fail' : null },
        h('td', null, localName(r)), h('td', { class: 'num' }, num(r.population, 0)), h('td', { class: 'num' }, pctText(r.coverage_pct)),
        h('td', { class: 'num' }, pctText(r.urban.coverage_pct)), h('td', { class: 'num' }, pctText(r.rural.coverage_pct)), h('td', { class: 'num' }, String(r.public_chargers))))));
  }

  function render(): void {
    const c = s.coverage;
    const iso = s.iso;
    root.replaceChildren(fragment(
      h('h2', null, t('chg_title')),
      h('p', { class: 'small muted' }, t('chg_intro')),
      h('div', { class: 'row' },
        h('label', null, h('input', { type: 'checkbox', checked: s.peak, 'data-testid': 'chg-peak', onchange: () => { s.peak = !s.peak; void load(); } }), ' ', t('chg_peak')),
        h('label', null, h('input', { type: 'checkbox', checked: s.showIso, 'data-testid': 'chg-show-iso', onchange: () => { s.showIso = !s.showIso; draw(); } }), ' ', t('chg_layer_iso')),
        h('label', null, h('input', { type: 'checkbox', checked: s.showUncovered, 'data-testid': 'chg-show-uncovered', onchange: () => { s.showUncovered = !s.showUncovered; draw(); } }), ' ', t('chg_layer_uncovered'))),
      s.busy ? h('p', { class: 'loading', 'data-testid': 'chg-busy' }, t(s.busy as Key)) : null,
      s.error ? h('p', { class: 'bad', 'data-testid': 'chg-error' }, s.error) : null,
      c ? kpis(c) : null,
      iso ? h('p', { class: 'small', 'data-testid': 'chg-iso-pop' }, `${t('chg_iso_pop')}: `, iso.features.map((f) => `≤ ${f.properties.minutes} min ${num(f.properties.total_pop, 0)}`).join(' · ')) : null,
      h('div', { class: 'row' },
        h('button', { class: s.picking ? 'active' : null, 'data-testid': 'chg-add', onclick: () => { s.picking = !s.picking; ctx.map.map.getCanvas().style.cursor = s.picking ? 'crosshair' : ''; render(); } }, t('chg_add_station')),
        h('span', { class: 'small muted' }, t('chg_remove_hint'))),
      whatIfBox(),
      sitesBox(),
      c ? [h('h3', null, t('chg_per_township')), table(c)] : null,
      c ? h('div', { class: 'row' },
        h('button', { 'data-testid': 'chg-export-csv', onclick: () => download('tantu-charging-coverage.csv', csv(s.whatIf?.after ?? c), 'text/csv;charset=utf-8') }, t('chg_export_csv')),
        h('button', { 'data-testid': 'chg-export-geojson', onclick: () => download('tantu-charging.geojson', geojson(), 'application/geo+json') }, t('chg_export_geojson'))) : null,
      c ? h('p', { class: 'small muted' }, `${t('chg_params')}: ${c.params.urban_rule}; ${c.params.speed_rule}; ${t('chg_access', { v: num(c.params.access.speed_kmh, 0), m: num(c.params.access.max_m, 0) })}`) : null,
    ));
  }

  render();
  void load();
  const offLang = ctx.store.subscribe(render, ['lang']);
  return () => {
    controller?.abort();
    offLang();
    offFeature();
    ctx.map.map.off('click', onMapClick);
    ctx.map.map.getCanvas().style.cursor = '';
    ctx.map.setLayers('charging', []);
    root.remove();
  };
}
