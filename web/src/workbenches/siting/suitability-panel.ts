/**
 * Siting suitability (选址适宜性): a rule set per technology, criterion weights (sliders or an AHP
 * matrix with its consistency ratio), the county's suitability layer re-weighted on the server and
 * drawn from its tiles, the legend, a click readout (criteria, scores, weights, excluding rules, S),
 * the selected parcel's potential (exclusion waterfall, MW, MWh, storage, connection) and the
 * candidate zones with the supply curve, robustness and exports (GeoJSON, CSV, XLSX).
 */
import { BitmapLayer, GeoJsonLayer } from '@deck.gl/layers';
import { TileLayer } from '@deck.gl/geo-layers';
import type { MapMouseEvent } from 'maplibre-gl';
import { fragment, h, svg } from '../../dom.ts';
import { areaText, lang, num, t } from '../../i18n.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import { selectedParcel } from '../../state.ts';
import {
  fetchPoint, fetchSitingRules, fetchTilePng, fetchZones, postAhp, postParcel, postSuitability,
  type AhpResult, type Family, type SitingParcel, type SitingPoint, type SitingRules, type SitingZones, type Suitability,
} from './suitability-api.ts';
import { exportZones } from './zones-export.ts';
import { draftBody, draftOf, rulesSection, type RuleDraft } from './rule-editor.ts';

type Technology = 'pv_ground' | 'pv_fishery' | 'pv_forest' | 'pv_rooftop' | 'wind';
const TECHS: Record<Family, Technology[]> = { pv: ['pv_ground', 'pv_fishery', 'pv_forest', 'pv_rooftop'], wind: ['wind'] };
const SAATY = [9, 7, 5, 3, 2, 1, 1 / 2, 1 / 3, 1 / 5, 1 / 7, 1 / 9];
const saatyLabel = (v: number) => (v >= 1 ? String(v) : `1/${Math.round(1 / v)}`);

interface State {
  family: Family;
  technology: Technology;
  ruleSet: string;
  /** An edited copy of the rule set (sent instead of its name), or null. */
  draft: RuleDraft | null;
  weights: Record<string, number>;
  weightMode: 'sliders' | 'ahp';
  /** PV: the resource criterion scores specific yield (kWh/kWp/yr) or GHI (kWh/m²/yr). */
  pvResource: 'specific_yield' | 'ghi';
  matrix: number[][];
  ahp: AhpResult | null;
  result: Suitability | null;
  point: SitingPoint | null;
  parcel: SitingParcel | null;
  zones: SitingZones | null;
  highlight: number | null;
  busy: string | null;
  error: string | null;
  inspect: boolean;
}

const lbl = (o: { zh: string; en: string }) => (lang() === 'en' ? o.en : o.zh);

export function mountSuitabilityPanel(container: HTMLElement, ctx: WorkbenchContext): () => void {
  let rules: SitingRules | null = null;
  const s: State = {
    family: 'pv', technology: 'pv_ground', ruleSet: 'default:pv_ground', draft: null, weights: {}, weightMode: 'sliders', pvResource: 'specific_yield',
    matrix: [], ahp: null, result: null, point: null, parcel: null, zones: null, highlight: null, busy: null, error: null, inspect: true,
  };
  const root = h('section', { id: 'siting-suitability', 'data-testid': 'suitability-panel' });
  container.append(root);
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastClick: { lon: number; lat: number } | null = null;

  const criteria = () => {
    if (!rules) return [];
    const alt = s.family === 'pv' ? rules.pv_resources.find((r) => r.key === s.pvResource) : undefined;
    return rules.criteria[s.family].map((c) => (alt && c.id === alt.id ? alt : c));
  };
  const setDefaults = () => {
    const preset = rules!.presets[s.family][1] ?? rules!.presets[s.family][0];
    s.weights = Object.fromEntries(criteria().map((c) => [c.id, preset.weights[c.id] ?? 0]));
    s.matrix = criteria().map((_, i) => criteria().map((__, j) => (i === j ? 1 : 1)));
    s.ahp = null;
  };
  const ruleSet = () => rules?.rule_sets.find((r) => r.name === s.ruleSet) ?? null;

  const drawLayers = () => {
    const r = s.result;
    const layers = [];
    if (r) {
      layers.push(new TileLayer<ImageBitmap | null>({
        id: `siting-suit-${r.scenario}`, data: r.tiles, tileSize: 256, maxZoom: 16, opacity: 0.8,
        getTileData: ({ url, signal }) => (url ? fetchTilePng(url, signal) : null),
        renderSubLayers: (props) => {
          if (!props.data) return null;
          const [[w, so], [e, n]] = props.tile.boundingBox;
          return new BitmapLayer({ id: `${props.id}-bitmap`, image: props.data, bounds: [w, so, e, n], opacity: props.opacity });
        },
      }));
    }
    const z = s.zones;
    if (z) {
      const features = z.zones.filter((x) => x.geometry).map((x) => ({ type: 'Feature' as const, geometry: x.geometry as GeoJSON.MultiPolygon, properties: { rank: x.rank } }));
      layers.push(new GeoJsonLayer({
        id: `siting-zones-${z.scenario}-${s.highlight ?? 0}`, data: { type: 'FeatureCollection', features } as never, stroked: true, filled: true,
        getFillColor: (f: { properties: { rank: number } }) => (f.properties.rank === s.highlight ? [255, 200, 0, 120] : [0, 0, 0, 0]),
        getLineColor: (f: { properties: { rank: number } }) => (f.properties.rank === s.highlight ? [255, 140, 0, 255] : [20, 20, 20, 220]),
        lineWidthMinPixels: 1.5, pickable: true,
        onClick: (info: { object?: { properties: { rank: number } } }) => { if (info.object) { s.highlight = info.object.properties.rank; drawLayers(); render(); } },
      }));
    }
    ctx.map.setLayers('siting-suitability', layers);
  };

  const request = () => {
    const edited = s.draft ? { rules: draftBody(s.draft) } : { rule_set: s.ruleSet };
    return { technology: s.technology, ...edited, weights: s.weights, ...(s.family === 'pv' ? { pv_resource: s.pvResource } : {}) };
  };

  const compute = async () => {
    controller?.abort();
    controller = new AbortController();
    s.busy = t('siting_computing');
    s.error = null;
    render();
    try {
      s.result = await postSuitability(s.family, request(), controller.signal);
      s.zones = null;
      s.parcel = null;
      drawLayers();
      if (lastClick) await readPoint(lastClick.lon, lastClick.lat);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      s.error = (e as Error).message;
    } finally {
      s.busy = null;
    }
    render();
  };
  const recompute = () => {
    if (!s.result) return;
    clearTimeout(timer);
    timer = setTimeout(() => void compute(), 250);
  };

  const readPoint = async (lon: number, lat: number) => {
    if (!s.result) return;
    s.point = await fetchPoint(s.family, s.result.scenario, lon, lat);
  };
  const onMapClick = (e: MapMouseEvent) => {
    if (!s.inspect || !s.result || ctx.store.get().drawing.active) return;
    lastClick = { lon: e.lngLat.lng, lat: e.lngLat.lat };
    void readPoint(lastClick.lon, lastClick.lat).then(render).catch((err) => { s.error = (err as Error).message; render(); });
  };
  ctx.map.map.on('click', onMapClick);

  // ---------------------------------------------------------------- pieces

  function weightsBlock(): HTMLElement {
    const crit = criteria();
    const total = crit.reduce((a, c) => a + (s.weights[c.id] ?? 0), 0) || 1;
    const presets = rules!.presets[s.family];
    const presetSel = h('select', { 'data-testid': 'suit-preset', onchange: () => { const p = presets.find((x) => x.id === presetSel.value); if (p) { s.weights = Object.fromEntries(crit.map((c) => [c.id, p.weights[c.id] ?? 0])); render(); recompute(); } } },
      h('option', { value: '' }, t('siting_preset')), presets.map((p) => h('option', { value: p.id }, `${lbl(p)}${p.unverified ? ' *' : ''}`)));
    const modeTabs = h('div', { class: 'tabs' }, (['sliders', 'ahp'] as const).map((m) =>
      h('button', { class: s.weightMode === m ? 'active' : null, 'data-testid': `suit-weights-${m}`, onclick: () => { s.weightMode = m; render(); } }, t(m === 'sliders' ? 'siting_sliders' : 'siting_ahp'))));
    const sliders = h('div', { class: 'weights' }, crit.map((c) => {
      const w = s.weights[c.id] ?? 0;
      const input = h('input', {
        type: 'range', min: 0, max: 100, step: 1, value: String(Math.round(w * 100)), 'data-testid': `suit-w-${c.id}`,
        oninput: () => { s.weights[c.id] = Number(input.value) / 100; pct.textContent = `${num((100 * s.weights[c.id]) / (Object.values(s.weights).reduce((a, b) => a + b, 0) || 1), 1)} %`; },
        onchange: () => { render(); recompute(); },
      });
      const pct = h('span', { class: 'pct', 'data-testid': `suit-wpct-${c.id}` }, `${num((100 * w) / total, 1)} %`);
      return h('label', { class: 'weight' }, h('span', { title: `${c.source}` }, `${lbl(c)} (${c.unit})`), input, pct);
    }));
    const resource = s.family === 'pv' ? (() => {
      const sel = h('select', { 'data-testid': 'suit-pv-resource', title: rules!.pv_resources.find((r) => r.key === s.pvResource)?.source ?? '', onchange: () => { s.pvResource = sel.value as State['pvResource']; render(); recompute(); } },
        rules!.pv_resources.map((r) => h('option', { value: r.key }, `${lbl(r)} (${r.unit})`)));
      sel.value = s.pvResource;
      return h('label', { class: 'field' }, h('span', null, lang() === 'en' ? 'PV resource criterion' : '光伏资源指标'), sel);
    })() : null;
    const method = s.family === 'pv' && s.pvResource === 'specific_yield' && s.result?.pv_yield
      ? h('p', { class: 'small muted', 'data-testid': 'suit-pv-yield-method' }, lang() === 'en'
        ? `Specific yield = GHI × ${num(s.result.pv_yield.kwh_per_kwp_per_kwh_per_m2, 3)} kWh/kWp per kWh/m² (full yield chain at ${s.result.pv_yield.station_name}: ${num(s.result.pv_yield.specific_yield_kwh_per_kwp, 0)} kWh/kWp at ${num(s.result.pv_yield.ghi_kwh_per_m2_yr, 0)} kWh/m², tilt ${num(s.result.pv_yield.surface_tilt_deg, 0)}°; no terrain horizon)`
        : `单位容量发电量 = 水平总辐射 × ${num(s.result.pv_yield.kwh_per_kwp_per_kwh_per_m2, 3)} kWh/kWp 每 kWh/m²（气象站 ${s.result.pv_yield.station_name} 全链计算：${num(s.result.pv_yield.specific_yield_kwh_per_kwp, 0)} kWh/kWp，水平总辐射 ${num(s.result.pv_yield.ghi_kwh_per_m2_yr, 0)} kWh/m²，倾角 ${num(s.result.pv_yield.surface_tilt_deg, 0)}°；未计地形遮挡）`)
      : null;
    return h('div', null, h('h3', null, t('siting_weights')), resource, method, h('div', { class: 'row' }, modeTabs, presetSel), s.weightMode === 'sliders' ? sliders : ahpBlock());
  }

  function ahpBlock(): HTMLElement {
    const crit = criteria();
    const n = crit.length;
    const table = h('table', { class: 'ahp', 'data-testid': 'suit-ahp' },
      h('tr', null, h('th', null, ''), crit.map((c, j) => h('th', { title: lbl(c) }, String(j + 1)))),
      crit.map((c, i) => h('tr', null, h('th', { title: lbl(c) }, `${i + 1} ${lbl(c)}`), crit.map((_, j) => {
        if (j === i) return h('td', null, '1');
        if (j < i) return h('td', { class: 'muted' }, saatyLabel(1 / s.matrix[j][i]));
        const sel = h('select', { onchange: () => { const v = Number(sel.value); s.matrix[i][j] = v; s.matrix[j][i] = 1 / v; } }, SAATY.map((v) => h('option', { value: String(v) }, saatyLabel(v))));
        sel.value = String(SAATY.find((v) => Math.abs(v - s.matrix[i][j]) < 1e-9) ?? 1);
        return h('td', null, sel);
      }))));
    const apply = async () => {
      try {
        s.ahp = await postAhp(crit.map((c) => c.id), s.matrix.slice(0, n));
        s.weights = { ...s.ahp.weights };
        render();
        recompute();
      } catch (e) { s.error = (e as Error).message; render(); }
    };
    const a = s.ahp;
    return h('div', null,
      h('p', { class: 'small muted' }, t('siting_ahp_hint')),
      h('div', { class: 'scroll' }, table),
      h('button', { 'data-testid': 'suit-ahp-apply', onclick: () => void apply() }, t('siting_ahp_apply')),
      a ? h('p', { class: a.consistent ? 'small' : 'small bad', 'data-testid': 'suit-ahp-cr', 'data-value': a.cr },
        `λmax ${num(a.lambda_max, 3)} · CI ${num(a.ci, 3)} · RI ${num(a.ri, 2)} · CR ${num(a.cr, 3)} ${a.consistent ? '✓' : ''}`) : null,
      a?.warning ? h('p', { class: 'bad small', 'data-testid': 'suit-ahp-warning' }, lbl(a.warning)) : null,
    );
  }

  function rulesBlock(): HTMLElement {
    return rulesSection({
      rules: rules!, technology: s.technology, selected: s.ruleSet, draft: s.draft,
      select: (name) => { s.ruleSet = name; s.draft = null; render(); recompute(); },
      copy: (off) => {
        const set = ruleSet();
        if (!set) return;
        s.draft = draftOf(set);
        if (off) { const r = s.draft.rules.find((x) => x.rule.id === off); if (r) r.enabled = false; }
        render();
        if (off) recompute();
      },
      discard: () => { s.draft = null; render(); recompute(); },
      change: () => { recompute(); },
      saved: (name) => reloadRules(name),
      deleted: () => reloadRules(`default:${s.technology}`),
    });
  }

  /** After a save or delete: the catalog again, with `name` selected. */
  function reloadRules(name: string): void {
    void fetchSitingRules().then((r) => { rules = r; s.ruleSet = name; s.draft = null; render(); recompute(); })
      .catch((e) => { s.error = (e as Error).message; render(); });
  }

  function legend(r: Suitability): HTMLElement {
    const item = (color: string, text: string, cls = '') => h('li', { class: cls }, h('span', { class: 'swatch', style: `background: ${color}` }), text);
    return h('div', { class: 'legend', 'data-testid': 'suit-legend' }, h('h3', null, t('siting_legend')),
      h('ul', null,
        r.legend.classes.map((c) => item(c.color, `${lbl(c)} (S ≥ ${num(c.min, 2)}) · ${num(r.stats.class_km2[c.key], 1)} km²`)),
        r.legend.excluded.map((e) => item(e.color, `${lbl(e)} · ${num(r.stats.excluded_km2.find((x) => x.rule_id === e.rule_id)?.km2 ?? 0, 1)} km²`, 'excluded'))),
      h('p', { class: 'small muted', 'data-testid': 'suit-usable', 'data-value': r.stats.usable_km2 },
        `${t('siting_usable')}: ${num(r.stats.usable_km2, 1)} km² / ${num(r.stats.domain_km2, 0)} km² · ${t('siting_reweight_ms')} ${num(r.timings.reweight_ms, 0)} ms`));
  }

  function pointBlock(p: SitingPoint): HTMLElement {
    return h('div', { 'data-testid': 'suit-point', 'data-s': p.s, 'data-scenario': p.scenario, 'data-excluded': p.excluded_by.map((x) => x.rule_id).join(' ') },
      h('h3', null, t('siting_cell')),
      h('p', { class: 'small' }, `${num(p.lat, 5)}°N ${num(p.lon, 5)}°E · S = `, h('b', { 'data-testid': 'suit-point-s' }, num(p.s, 3)), ` · ${lbl(p.class)} · ${t('siting_mask')} ${num(p.mask, 2)}`),
      p.excluded_by.length ? h('p', { class: 'bad small', 'data-testid': 'suit-point-excluded' }, `${t('siting_excluded_by')}: ${p.excluded_by.map(lbl).join('、')}`) : null,
      h('table', { class: 'readout' },
        h('tr', null, h('th', null, t('siting_criterion')), h('th', null, t('siting_value')), h('th', null, 'x'), h('th', null, 'w'), h('th', null, 'w·x')),
        p.criteria.map((c) => h('tr', { 'data-criterion': c.id, 'data-score': c.score, 'data-weight': c.weight, 'data-value': c.value ?? '' },
          h('td', null, lbl(c)), h('td', null, c.value === null ? '–' : `${num(c.value, c.unit === 'class' ? 0 : 1)} ${c.unit === 'class' ? '' : c.unit}`),
          h('td', null, num(c.score, 3)), h('td', null, num(c.weight, 3)), h('td', null, num(c.score * c.weight, 3))))));
  }

  function parcelBlock(p: SitingParcel): HTMLElement {
    const W = 360, L = 150, R = 64, rowH = 18;
    const steps = p.waterfall.filter((x) => x.removed_ha > 1e-6);
    const H = (steps.length + 2) * rowH + 8;
    const sx = (v: number) => L + (v / Math.max(p.area_ha, 1e-9)) * (W - L - R);
    const rows: SVGElement[] = [];
    const bar = (i: number, from: number, to: number, cls: string, label: string, value: string) => {
      const y = 4 + i * rowH;
      rows.push(svg('text', { class: 'tick', x: L - 6, y: y + 12, 'text-anchor': 'end' }, label),
        svg('rect', { class: cls, x: sx(Math.min(from, to)), y: y + 3, width: Math.max(1, Math.abs(sx(to) - sx(from))), height: rowH - 6 }),
        svg('text', { class: 'tick', x: W - R + 4, y: y + 12 }, value));
    };
    bar(0, 0, p.area_ha, 'end', t('siting_parcel_area'), `${num(p.area_ha, 1)} ha`);
    let level = p.area_ha;
    steps.forEach((x, i) => { bar(i + 1, level, level - x.removed_ha, 'loss', lbl(x), `−${num(x.removed_ha, 1)}`); level -= x.removed_ha; });
    bar(steps.length + 1, 0, p.usable_ha, 'end', t('siting_usable'), `${num(p.usable_ha, 1)} ha`);
    const kpi = (label: string, value: string, testid?: string, raw?: number) => h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value', 'data-testid': testid, 'data-value': raw }, value));
    return h('div', { 'data-testid': 'suit-parcel' }, h('h3', null, t('siting_parcel')),
      svg('svg', { class: 'chart energy', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('siting_waterfall') }, rows),
      h('div', { class: 'kpis' },
        kpi(t('siting_usable'), areaText(p.usable_ha), 'suit-parcel-usable', p.usable_ha),
        kpi(t('siting_capacity'), `${num(p.wind_layout?.capacity_mw ?? p.capacity.capacity_mw, 1)} MW`),
        p.energy ? kpi(t('annual_energy'), `${num(p.energy.annual_mwh, 0)} MWh`) : null,
        p.energy?.specific_yield_kwh_per_kwp ? kpi(t('specific_yield'), `${num(p.energy.specific_yield_kwh_per_kwp, 0)} kWh/kWp`) : null,
        kpi(t('siting_storage'), `${num(p.storage.power_mw, 1)} MW / ${num(p.storage.energy_mwh, 1)} MWh`),
        p.connection ? kpi(t('siting_connection'), `${num(p.connection.distance_km, 1)} km · ${num(p.connection.cost_cny / 1e4, 0)} ${t('siting_wan_cny')}`) : null,
        p.avoided ? kpi(t('avoided_co2'), `${num(p.avoided.tCO2_per_yr, 0)} ${t('t_co2_yr')}`) : null,
        p.wind_layout ? kpi(t('turbine_count'), `${p.wind_layout.turbines} × ${num(p.wind_layout.rated_kw / 1000, 1)} MW (${p.wind_layout.spacing_crosswind_d}D × ${p.wind_layout.spacing_downwind_d}D)`) : null),
      h('p', { class: 'small muted' }, p.capacity.alternatives.map((a) => `${num(a.density_mw_per_km2, 0)} MW/km² → ${num(a.capacity_mw, 1)} MW`).join(' · ')));
  }

  function supplyChart(z: SitingZones): SVGElement {
    const W = 360, H = 170, L = 44, B = 24, T = 10;
    const pts = z.supply_curve;
    const maxMw = Math.max(1e-9, pts.at(-1)?.cumulative_mw ?? 0);
    const vals = pts.map((p) => p.value);
    const lo = Math.min(...vals, 0), hi = Math.max(...vals, 1e-9);
    const sx = (mw: number) => L + (mw / maxMw) * (W - L - 8);
    const sy = (v: number) => H - B - ((v - lo) / (hi - lo || 1)) * (H - B - T);
    let d = `M${sx(0)},${sy(pts[0]?.value ?? 0)}`;
    let prev = 0;
    for (const p of pts) { d += ` L${sx(prev)},${sy(p.value)} L${sx(p.cumulative_mw)},${sy(p.value)}`; prev = p.cumulative_mw; }
    return svg('svg', { class: 'chart energy', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('siting_supply_curve'), 'data-testid': 'suit-supply' },
      svg('path', { class: 'supply', d }),
      svg('text', { class: 'tick', x: L, y: H - 6 }, '0'), svg('text', { class: 'tick', x: W - 8, y: H - 6, 'text-anchor': 'end' }, `${num(maxMw, 0)} MW`),
      svg('text', { class: 'tick', x: 4, y: sy(hi) + 4 }, num(hi, 2)), svg('text', { class: 'tick', x: 4, y: sy(lo) }, num(lo, 2)),
      svg('text', { class: 'tick', x: L + 4, y: 10 }, z.supply_unit));
  }

  function zonesBlock(z: SitingZones): HTMLElement {
    return h('div', { 'data-testid': 'suit-zones' }, h('h3', null, `${t('siting_zones')} (${z.total_zones} · ${num(z.total_capacity_mw, 0)} MW)`),
      supplyChart(z),
      h('p', { class: 'small muted' }, lbl({ zh: z.robustness.note_zh, en: z.robustness.note_en })),
      h('div', { class: 'row' },
        (['geojson', 'csv', 'xlsx'] as const).map((f) => h('button', { 'data-testid': `suit-export-${f}`, onclick: () => void exportZones(z, f).catch((e) => { s.error = (e as Error).message; render(); }) }, f.toUpperCase()))),
      h('div', { class: 'scroll' }, h('table', { class: 'zones' },
        h('tr', null, ['#', t('siting_area'), 'MW', 'S', t('siting_topn', { n: z.robustness.top_n }), t('siting_substation_km')].map((x) => h('th', null, x))),
        z.zones.map((x) => h('tr', { class: x.rank === s.highlight ? 'active' : null, 'data-rank': x.rank, onclick: () => {
          s.highlight = x.rank; drawLayers(); render();
          if (x.geometry) ctx.map.fitTo([x.geometry as GeoJSON.MultiPolygon]);
        } },
        h('td', null, String(x.rank)), h('td', null, areaText(x.area_ha)), h('td', null, num(x.capacity_mw, 1)), h('td', null, num(x.mean_s, 3)),
        h('td', null, `${num(100 * x.top_n_share, 0)} %`), h('td', null, num(x.substation_distance_m / 1000, 1)))))));
  }

  function render(): void {
    if (!rules) { root.replaceChildren(h('h2', null, t('siting_suitability')), h('p', { class: 'loading' }, t('analysing'))); return; }
    // A redraw (a rule edit recomputes the layer) keeps the field the user had moved on to.
    const active = document.activeElement;
    const focused = active instanceof HTMLElement && root.contains(active) ? active.dataset.testid : undefined;
    draw();
    if (focused) root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
  }

  function draw(): void {
    const parcel = selectedParcel(ctx.store.get());
    root.replaceChildren(fragment(
      h('h2', null, t('siting_suitability')),
      h('div', { class: 'tabs' }, (['pv', 'wind'] as Family[]).map((f) => h('button', { class: s.family === f ? 'active' : null, 'data-testid': `suit-family-${f}`, onclick: () => {
        s.family = f; s.technology = TECHS[f][0]; s.ruleSet = `default:${s.technology}`; s.draft = null; setDefaults(); s.result = null; s.point = null; s.zones = null; s.parcel = null; drawLayers(); render();
      } }, t(f)))),
      s.family === 'pv' ? h('div', { class: 'row' }, (() => {
        const sel = h('select', { 'data-testid': 'suit-tech', onchange: () => { s.technology = sel.value as Technology; s.ruleSet = `default:${s.technology}`; s.draft = null; render(); recompute(); } },
          TECHS.pv.map((x) => { const r = rules!.rule_sets.find((y) => y.name === `default:${x}`)!; return h('option', { value: x }, lbl({ zh: r.label_zh, en: r.label_en })); }));
        sel.value = s.technology;
        return sel;
      })()) : null,
      rulesBlock(),
      weightsBlock(),
      h('div', { class: 'row' },
        h('button', { class: 'primary', 'data-testid': 'suit-run', disabled: Boolean(s.busy), onclick: () => void compute() }, s.result ? t('siting_recompute') : t('siting_show')),
        s.result ? h('button', { class: s.inspect ? 'active' : null, 'data-testid': 'suit-inspect', onclick: () => { s.inspect = !s.inspect; render(); } }, t('siting_inspect')) : null),
      s.busy ? h('p', { class: 'loading' }, s.busy) : null,
      s.error ? h('p', { class: 'bad', 'data-testid': 'suit-error' }, s.error) : null,
      s.result ? h('p', { class: 'small muted', 'data-testid': 'suit-scenario', 'data-scenario': s.result.scenario }, `${t('siting_scenario')} ${s.result.scenario.slice(0, 8)}`) : null,
      s.result ? legend(s.result) : null,
      s.point ? pointBlock(s.point) : s.result ? h('p', { class: 'small muted' }, t('siting_click_hint')) : null,
      s.result ? h('div', { class: 'row' },
        h('button', { 'data-testid': 'suit-zones-run', onclick: () => void (async () => {
          s.busy = t('analysing'); render();
          try { s.zones = await fetchZones(s.family, s.result!.scenario, { min_s: 0.6, top_n: 10 }); s.highlight = null; drawLayers(); } catch (e) { s.error = (e as Error).message; }
          s.busy = null; render();
        })() }, t('siting_find_zones')),
        parcel ? h('button', { 'data-testid': 'suit-parcel-run', onclick: () => void (async () => {
          s.busy = t('analysing'); render();
          try { s.parcel = await postParcel({ geometry: parcel.geometry, scenario: s.result!.scenario }); } catch (e) { s.error = (e as Error).message; }
          s.busy = null; render();
        })() }, t('siting_parcel_potential')) : null) : null,
      s.parcel ? parcelBlock(s.parcel) : null,
      s.zones ? zonesBlock(s.zones) : null,
    ));
  }

  render();
  void fetchSitingRules().then((r) => { rules = r; setDefaults(); render(); }).catch((e) => { s.error = (e as Error).message; rules = null; root.replaceChildren(h('p', { class: 'bad' }, String((e as Error).message))); });
  const off = ctx.store.subscribe(render, ['lang', 'selected']);
  return () => {
    controller?.abort();
    clearTimeout(timer);
    off();
    ctx.map.map.off('click', onMapClick);
    ctx.map.setLayers('siting-suitability', []);
    root.remove();
  };
}
