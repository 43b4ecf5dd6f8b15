/**
 * The PV / wind yield panel: pick a point on the map (or use the selected parcel), set the system,
 * and see the annual energy, monthly bars, the loss waterfall and the terrain horizon.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { MapMouseEvent } from 'maplibre-gl';
import { analysePv, analyseWind, fetchTurbines, pvHourlyCsv, type PvAnalysis, type PvRequest, type TurbineInfo, type WindAnalysis, type WindRequest } from '../../api.ts';
import { fragment, h, type Child } from '../../dom.ts';
import { areaText, lang, num, t, type Key } from '../../i18n.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import { selectedParcel } from '../../state.ts';
import { horizonChart, monthlyChart, waterfallChart } from './charts.ts';

type Mode = 'pv' | 'wind';
type Site = { kind: 'point'; lon: number; lat: number } | { kind: 'parcel'; id: string; name: string; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon };

interface PanelState {
  mode: Mode;
  site: Site | null;
  picking: boolean;
  pv: { kw_dc: number; tilt: 'optimal' | 'terrain' | number; azimuth: number; module_type: 'standard' | 'premium' | 'thin_film'; mounting: 'open_rack' | 'close_mount' | 'roof'; losses_pct: number; horizon: 'dem' | 'none' };
  wind: { turbine: string; hub_height_m: number | null; turbines: number | null };
  busy: boolean;
  error: string | null;
  result: { mode: 'pv'; r: PvAnalysis } | { mode: 'wind'; r: WindAnalysis } | null;
}

const kpi = (label: string, value: Child, testid?: string, raw?: number) =>
  h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value', 'data-testid': testid, 'data-value': raw }, value));

function select<T extends string>(value: T, options: [T, Key][], onChange: (v: T) => void, testid?: string): HTMLSelectElement {
  const el = h('select', { 'data-testid': testid, onchange: () => onChange(el.value as T) }, options.map(([v, k]) => h('option', { value: v }, t(k))));
  el.value = value;
  return el;
}

function numberInput(value: number | null, attrs: { min: number; max: number; step: number | 'any'; testid?: string }, onChange: (v: number | null) => void): HTMLInputElement {
  const el = h('input', {
    type: 'number', min: attrs.min, max: attrs.max, step: attrs.step, value: value === null ? '' : String(value), 'data-testid': attrs.testid,
    onchange: () => {
      const v = el.value === '' ? null : Number(el.value);
      const ok = v === null || (Number.isFinite(v) && v >= attrs.min && v <= attrs.max);
      el.setCustomValidity(ok ? '' : `${attrs.min} – ${attrs.max}`);
      el.reportValidity();
      if (ok) onChange(v);
    },
  });
  return el;
}

const field = (label: string, input: Element) => h('label', { class: 'field' }, h('span', null, label), input);

export function mountYieldPanel(container: HTMLElement, ctx: WorkbenchContext): () => void {
  const s: PanelState = {
    mode: 'pv', site: null, picking: false,
    pv: { kw_dc: 1000, tilt: 'optimal', azimuth: 180, module_type: 'standard', mounting: 'open_rack', losses_pct: 14.08, horizon: 'dem' },
    wind: { turbine: 'generic_3200', hub_height_m: null, turbines: null },
    busy: false, error: null, result: null,
  };
  let turbines: TurbineInfo[] = [];
  let controller: AbortController | undefined;
  const root = h('section', { id: 'siting-section', 'data-testid': 'siting-panel' });
  container.append(root);

  const setSite = (site: Site | null) => {
    s.site = site;
    s.result = null;
    s.error = null;
    ctx.map.setLayers('siting', site?.kind === 'point'
      ? [new ScatterplotLayer({ id: 'siting-site', data: [site], getPosition: (d: { lon: number; lat: number }) => [d.lon, d.lat], getRadius: 8, radiusUnits: 'pixels', getFillColor: [240, 160, 48], getLineColor: [60, 40, 0], lineWidthMinPixels: 2, stroked: true })]
      : []);
    render();
  };

  const onMapClick = (e: MapMouseEvent) => {
    if (!s.picking || ctx.store.get().drawing.active) return;
    s.picking = false;
    ctx.map.map.getCanvas().style.cursor = '';
    // The click chose a site, not a feature: no attribute popup over it.
    setTimeout(() => ctx.map.popup.hide(true));
    setSite({ kind: 'point', lon: e.lngLat.lng, lat: e.lngLat.lat });
  };
  ctx.map.map.on('click', onMapClick);

  const where = (): Pick<PvRequest, 'location' | 'geometry'> =>
    s.site!.kind === 'point' ? { location: { lon: s.site!.lon, lat: s.site!.lat } } : { geometry: s.site!.geometry };

  const pvRequest = (): PvRequest => ({
    ...where(),
    horizon: s.pv.horizon,
    system: {
      ...(s.site!.kind === 'point' ? { kw_dc: s.pv.kw_dc } : {}),
      surface_tilt: s.pv.tilt, surface_azimuth: s.pv.azimuth, module_type: s.pv.module_type, mounting: s.pv.mounting, losses_pct: s.pv.losses_pct,
    },
  });
  const windRequest = (): WindRequest => ({
    ...where(), turbine: s.wind.turbine,
    ...(s.wind.hub_height_m !== null ? { hub_height_m: s.wind.hub_height_m } : {}),
    ...(s.wind.turbines !== null ? { turbines: s.wind.turbines } : {}),
  });

  const run = async () => {
    if (!s.site) return;
    controller?.abort();
    controller = new AbortController();
    s.busy = true;
    s.error = null;
    render();
    try {
      s.result = s.mode === 'pv'
        ? { mode: 'pv', r: await analysePv(pvRequest(), controller.signal) }
        : { mode: 'wind', r: await analyseWind(windRequest(), controller.signal) };
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      s.error = (e as Error).message;
    } finally {
      s.busy = false;
    }
    render();
  };

  const download = async () => {
    const blob = await pvHourlyCsv(pvRequest());
    const a = h('a', { href: URL.createObjectURL(blob), download: 'tantu-pv-hourly.csv' });
    a.click();
    URL.revokeObjectURL(a.href);
  };

  function siteLine(): HTMLElement {
    const site = s.site;
    if (!site) return h('p', { class: 'muted', 'data-testid': 'siting-no-site' }, t('no_site'));
    return h('p', { 'data-testid': 'siting-site' }, `${t('site')}: `,
      site.kind === 'point' ? `${num(site.lat, 4)}°N ${num(site.lon, 4)}°E` : site.name);
  }

  function pvForm(): HTMLElement {
    const p = s.pv;
    return h('div', { class: 'form' },
      s.site?.kind === 'point' ? field(t('system_kw'), numberInput(p.kw_dc, { min: 0.1, max: 1e7, step: 'any', testid: 'pv-kw' }, (v) => { if (v !== null) p.kw_dc = v; })) : null,
      field(t('tilt'), h('span', null,
        select(typeof p.tilt === 'number' ? 'given' : p.tilt, [['optimal', 'optimal'], ['terrain', 'terrain_plane'], ['given', 'tilt']], (v) => { p.tilt = v === 'given' ? 25 : v; render(); }, 'pv-tilt-mode'),
        typeof p.tilt === 'number' ? numberInput(p.tilt, { min: 0, max: 90, step: 1, testid: 'pv-tilt' }, (v) => { if (v !== null) p.tilt = v; }) : null)),
      p.tilt !== 'terrain' ? field(t('azimuth'), numberInput(p.azimuth, { min: 0, max: 360, step: 1, testid: 'pv-azimuth' }, (v) => { if (v !== null) p.azimuth = v; })) : null,
      field(t('module_type'), select(p.module_type, [['standard', 'module_standard'], ['premium', 'module_premium'], ['thin_film', 'module_thin_film']], (v) => { p.module_type = v; })),
      field(t('mounting'), select(p.mounting, [['open_rack', 'mount_open_rack'], ['close_mount', 'mount_close_mount'], ['roof', 'mount_roof']], (v) => { p.mounting = v; })),
      field(t('losses_pct'), numberInput(p.losses_pct, { min: 0, max: 99, step: 'any' }, (v) => { if (v !== null) p.losses_pct = v; })),
      field(t('horizon'), select(p.horizon, [['dem', 'horizon_dem'], ['none', 'horizon_none']], (v) => { p.horizon = v; })),
    );
  }

  function windForm(): HTMLElement {
    const w = s.wind;
    const turbineSelect = h('select', { 'data-testid': 'wind-turbine', onchange: () => { w.turbine = turbineSelect.value; } },
      turbines.map((tb) => h('option', { value: tb.id }, `${tb.name} · ${num(tb.rated_kw / 1000, 2)} MW`)));
    turbineSelect.value = w.turbine;
    return h('div', { class: 'form' },
      field(t('turbine'), turbineSelect),
      field(t('hub_height'), numberInput(w.hub_height_m, { min: 10, max: 300, step: 1 }, (v) => { w.hub_height_m = v; })),
      s.site?.kind === 'parcel' ? field(t('turbine_count'), numberInput(w.turbines, { min: 1, max: 10000, step: 1 }, (v) => { w.turbines = v; })) : null,
    );
  }

  function warnings(list: { code: string; zh: string; en: string }[]): HTMLElement | null {
    if (!list.length) return null;
    return h('details', { class: 'warnings', open: true }, h('summary', null, `${t('warnings')} (${list.length})`),
      h('ul', null, list.map((w) => h('li', { 'data-code': w.code }, lang() === 'en' ? w.en : w.zh))));
  }

  function pvResult(r: PvAnalysis): HTMLElement {
    const e = r.energy;
    return h('div', { 'data-testid': 'pv-result' },
      h('div', { class: 'kpis' },
        kpi(t('annual_energy'), `${num(e.annual_kwh / 1000, 1)} MWh`, 'pv-annual', e.annual_kwh),
        kpi(t('specific_yield'), `${num(e.specific_yield_kwh_per_kwp, 0)} kWh/kWp`, 'pv-specific', e.specific_yield_kwh_per_kwp),
        kpi(t('capacity_factor'), `${num(e.capacity_factor_pct, 1)} %`),
        kpi(t('performance_ratio'), num(e.performance_ratio, 3)),
        kpi(t('p90'), `${num(r.exceedance.p90_kwh / 1000, 1)} MWh`),
        kpi(t('avoided_co2'), `${num(r.avoided.tCO2_per_yr, 1)} ${t('t_co2_yr')}`),
      ),
      h('p', { class: 'small muted' },
        `${num(r.system.kw_dc, 0)} kW · ${t('tilt')} ${num(r.system.surface_tilt, 1)}° · ${t('azimuth')} ${num(r.system.surface_azimuth, 0)}°`,
        r.site.area_ha !== null ? ` · ${areaText(r.site.area_ha)}` : '',
        ` · ${t('weather_station')}: ${r.weather.name} (${num(r.weather.distance_km, 0)} km)`),
      h('h3', null, t('monthly_energy')), monthlyChart(e.monthly_kwh),
      h('h3', null, t('loss_waterfall')),
      waterfallChart(e.nominal_kwh, r.losses.filter((l) => Math.abs(l.kwh) > 0).map((l) => ({ label: lang() === 'en' ? l.en : l.zh, kwh: l.kwh })), e.annual_kwh),
      r.horizon ? [h('h3', null, t('horizon_plot')), horizonChart(r.horizon.azimuth_deg, r.horizon.elevation_deg)] : null,
      warnings(r.warnings),
      h('button', { 'data-testid': 'pv-hourly', onclick: () => void download().catch((err) => { s.error = (err as Error).message; render(); }) }, t('download_hourly')),
    );
  }

  function windResult(r: WindAnalysis): HTMLElement {
    const e = r.energy;
    return h('div', { 'data-testid': 'wind-result' },
      h('div', { class: 'kpis' },
        kpi(t('net_energy'), `${num(e.net_kwh / 1000, 0)} MWh`, 'wind-net', e.net_kwh),
        kpi(t('capacity_factor'), `${num(e.capacity_factor_pct, 1)} %`, 'wind-cf', e.capacity_factor_pct),
        kpi(t('hub_speed'), `${num(r.wind.hub_speed_m_per_s, 2)} m/s`),
        kpi(t('air_density'), `${num(r.wind.air_density_kg_per_m3, 3)} kg/m³`),
        kpi(t('weibull'), `A ${num(r.wind.weibull_A_m_per_s, 2)} · k ${num(r.wind.weibull_k, 2)}`),
        kpi(t('avoided_co2'), `${num(r.avoided.tCO2_per_yr, 0)} ${t('t_co2_yr')}`),
      ),
      h('p', { class: 'small muted' }, `${e.turbines} × ${r.turbine.name} · ${t('hub_height')} ${num(r.turbine.hub_height_m, 0)} · ${t('gross_energy')} ${num(e.gross_kwh / 1000, 0)} MWh`),
      h('h3', null, t('loss_waterfall')),
      waterfallChart(e.gross_kwh, r.losses.map((l) => ({ label: lang() === 'en' ? l.en : l.zh, kwh: l.kwh })), e.net_kwh, { start: t('gross_energy'), end: t('net_energy') }),
      warnings(r.warnings),
    );
  }

  function render(): void {
    const parcel = selectedParcel(ctx.store.get());
    root.replaceChildren(fragment(
      h('h2', null, t('siting')),
      h('div', { class: 'tabs' },
        (['pv', 'wind'] as Mode[]).map((m) => h('button', { class: s.mode === m ? 'active' : null, 'data-testid': `siting-mode-${m}`, onclick: () => { s.mode = m; s.result = null; render(); } }, t(m)))),
      h('div', { class: 'row' },
        h('button', { class: s.picking ? 'active' : null, 'data-testid': 'siting-pick', onclick: () => { s.picking = !s.picking; ctx.map.map.getCanvas().style.cursor = s.picking ? 'crosshair' : ''; render(); } }, t('pick_point')),
        parcel ? h('button', { 'data-testid': 'siting-use-parcel', onclick: () => setSite({ kind: 'parcel', id: parcel.id, name: parcel.name, geometry: parcel.geometry }) }, t('use_parcel')) : null),
      s.picking ? h('p', { class: 'small muted' }, t('pick_hint')) : null,
      siteLine(),
      s.mode === 'pv' ? pvForm() : windForm(),
      h('button', { class: 'primary', 'data-testid': 'siting-run', disabled: !s.site || s.busy, onclick: () => void run() }, t('run')),
      s.busy ? h('p', { class: 'loading' }, t('analysing')) : null,
      s.error ? h('p', { class: 'bad', 'data-testid': 'siting-error' }, s.error) : null,
      s.result?.mode === 'pv' ? pvResult(s.result.r) : s.result?.mode === 'wind' ? windResult(s.result.r) : null,
    ));
  }

  render();
  void fetchTurbines().then((list) => { turbines = list; if (s.mode === 'wind') render(); }).catch((e) => { s.error = (e as Error).message; render(); });
  const offLang = ctx.store.subscribe(render, ['lang', 'selected']);
  return () => {
    controller?.abort();
    offLang();
    ctx.map.map.off('click', onMapClick);
    ctx.map.map.getCanvas().style.cursor = '';
    ctx.map.setLayers('siting', []);
    root.remove();
  };
}
