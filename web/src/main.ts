/** tantu 碳图 map workbench: MapLibre offline basemap + deck.gl data layers + terra-draw parcels + carbon panel. */
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import { Map as MapLibreMap, NavigationControl, ScaleControl, AttributionControl, LngLatBounds, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
// @deck.gl/maplibre is @deck.gl/mapbox's MapLibre twin; MapboxOverlay reads map.transform, gone in MapLibre 6.
import { MapLibreOverlay as MapboxOverlay } from '@deck.gl/maplibre';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import centroid from '@turf/centroid';
import bbox from '@turf/bbox';
import { analyseCarbon, ApiError, fetchLayers, fetchRegions, type CarbonResult, type LayerInfo, type Scenario } from './api.ts';
import { BASEMAP_LAYER_IDS, basemapStyleLayers, buildBasemapStyle, DATA_ANCHOR } from './basemap.ts';
import { esc, resultSections } from './carbon.ts';
import { readConfig } from './config.ts';
import { download, parcelsCsv, parcelsGeoJson } from './export.ts';
import { formatHash, parseHash, type HashState } from './hash.ts';
import { areaText, lang, num, onLangChange, pick, setLang, t, translateDom, type Lang } from './i18n.ts';
import { renderLayerPanel } from './layer-panel.ts';
import { dataLayer, labelLayer, type Label, type LayerState } from './layers.ts';
import { areaHa, ParcelStore, scenarioKey, type Parcel } from './parcels.ts';
import { FeaturePopup } from './popup.ts';
import { renderReport } from './report.ts';
import { parseParcelFile, UploadError, type CrsChoice } from './upload.ts';

setWorkerUrl(maplibreWorkerUrl);

const config = readConfig();
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Shown by default: the forestry view (forest, bamboo and wetland layers over the basemap). */
const DEFAULT_VISIBLE = new Set(['hillshade', 'water', 'rivers', 'roads', 'boundaries', 'places', 'stands', 'bamboo', 'wetlands']);
/** Base opacity of basemap style layers (the slider scales it). */
const BASE_OPACITY: Record<string, number> = { hillshade: 0.55, boundaries: 0.8 };

const initial: HashState = parseHash(location.hash);
if (initial.lang) setLang(initial.lang);
document.documentElement.lang = lang();

let catalog: LayerInfo[] = [];
const layerState = new Map<string, LayerState>();
let labels: Label[] = [];
let regionsFc: GeoJSON.FeatureCollection | null = null;
let scenario: Scenario = { price_scenario: 'central' };
const pending = new Map<string, AbortController>();

declare global {
  interface Window {
    __tantu?: { map: MapLibreMap; store: ParcelStore; overlay: MapboxOverlay; firstIdle: boolean; catalog: () => LayerInfo[] };
  }
}

// ---------------------------------------------------------------- map
async function loadCatalog(): Promise<void> {
  try {
    catalog = await fetchLayers();
  } catch (e) {
    catalog = [];
    $('layer-panel').innerHTML = `<p class="error-box">${esc(t('no_layers'))}: ${esc((e as Error).message)}</p>`;
  }
  for (const l of catalog) {
    const visible = initial.layers ? initial.layers.includes(l.id) : DEFAULT_VISIBLE.has(l.id);
    layerState.set(l.id, { visible, opacity: 1 });
  }
}

await loadCatalog();

const view = initial.view ?? { zoom: config.zoom, lat: config.center[1], lon: config.center[0] };
const style: StyleSpecification | string = config.styleUrl ?? buildBasemapStyle(catalog);
const map = new MapLibreMap({
  container: 'map',
  style,
  center: [view.lon, view.lat],
  zoom: view.zoom,
  attributionControl: false,
  canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
  maxPitch: 0,
  dragRotate: false,
});
map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
map.addControl(new AttributionControl({ compact: true, customAttribution: 'tantu 碳图' }), 'bottom-right');
map.on('error', (e) => console.warn('[map]', e.error?.message ?? e));

// A click on no feature closes a pinned popup (deck.gl sees the click before MapLibre's 'click' event).
const overlay = new MapboxOverlay({
  interleaved: true,
  layers: [],
  onClick: (info: PickingInfo) => {
    if (!info.object) popup.hide(true);
  },
});
const popup = new FeaturePopup($('popup'));
const store = new ParcelStore(map);

function isBasemapLayer(l: LayerInfo): boolean {
  return !config.styleUrl && (BASEMAP_LAYER_IDS as readonly string[]).includes(l.id);
}

function staticParcelLayer(): Layer | null {
  const statics = store.list().filter((p) => !p.editable);
  if (!statics.length) return null;
  return new GeoJsonLayer({
    id: 'parcels-static',
    data: { type: 'FeatureCollection', features: statics.map((p) => ({ type: 'Feature', id: p.id, geometry: p.geometry, properties: { id: p.id } })) } as never,
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: (f: { properties: { id: string } }) => (f.properties.id === store.selected ? [255, 176, 0, 90] : [255, 127, 0, 46]),
    getLineColor: (f: { properties: { id: string } }) => (f.properties.id === store.selected ? [179, 89, 0, 255] : [211, 84, 0, 255]),
    lineWidthUnits: 'pixels',
    getLineWidth: (f: { properties: { id: string } }) => (f.properties.id === store.selected ? 3 : 2),
    updateTriggers: { getFillColor: store.selected, getLineColor: store.selected, getLineWidth: store.selected },
    onClick: (info: PickingInfo) => {
      const id = (info.object as { properties?: { id?: string } })?.properties?.id;
      if (id) store.select(id);
      return true;
    },
  });
}

function updateDeck(): void {
  const beforeId = map.getLayer(DATA_ANCHOR) ? DATA_ANCHOR : undefined;
  const layers: (Layer | null)[] = catalog
    .filter((l) => !isBasemapLayer(l))
    .map((l) => {
      return dataLayer(l, layerState.get(l.id)!, {
        labelFont: config.labelFont,
        beforeId,
        onHover: (info, li) => {
          if (info.object) popup.show(info.x, info.y, li, (info.object as { properties: Record<string, unknown> }).properties ?? {}, false);
          else popup.hide();
        },
        onClick: (info, li) => {
          // The click that closes a polygon reaches deck.gl after terra-draw has left drawing mode.
          if (store.drawing || performance.now() - store.lastDrawFinish < 400) return;
          const f = info.object as GeoJSON.Feature | undefined;
          if (!f) return;
          popup.show(info.x, info.y, li, (f.properties ?? {}) as Record<string, unknown>, true);
          if ((li.id === 'stands' || li.id === 'bamboo') && f.geometry && /Polygon/.test(f.geometry.type)) void standCarbon(f);
        },
      });
    });
  layers.push(staticParcelLayer());
  if (labels.length) layers.push(labelLayer(labels, config.labelFont));
  overlay.setProps({ layers: layers.filter(Boolean) as Layer[] });
}

/** A clicked stand's carbon density from the analysis API (the tile geometry may be clipped, densities are not). */
async function standCarbon(f: GeoJSON.Feature): Promise<void> {
  const id = String(f.properties?.id ?? '');
  popup.extra(`<p class="loading small">${esc(t('analysing'))}</p>`);
  try {
    // MVTLayer gives picked geometries a non-enumerable `coordinates` getter (tile → WGS-84): copy it out.
    const g = f.geometry as GeoJSON.Polygon;
    const r = await analyseCarbon({ type: g.type, coordinates: g.coordinates } as GeoJSON.Polygon, { price_scenario: 'central' });
    const s = (r.stands ?? []).find((x) => String(x.id) === id) as { stock_tCO2e?: number; sink_tCO2e_per_yr?: number; counted_area_ha?: number } | undefined;
    const ha = s?.counted_area_ha || r.area_ha;
    const stock = s?.stock_tCO2e ?? r.total.stock_tCO2e;
    const sink = s?.sink_tCO2e_per_yr ?? r.total.sink_tCO2e_per_yr;
    popup.extra(`<table><tr><td>${esc(t('stock_density'))}</td><td data-testid="stand-stock">${num(stock / ha / (44 / 12), 1)} t C/ha · ${num(stock / ha, 1)} t CO₂e/ha</td></tr>
      <tr><td>${esc(t('sink_density'))}</td><td>${num(sink / ha, 2)} t CO₂e/ha${esc(t('per_yr'))}</td></tr></table>`);
  } catch (e) {
    popup.extra(`<p class="bad small">${esc((e as Error).message)}</p>`);
  }
}

function applyBasemapLayer(l: LayerInfo): void {
  const st = layerState.get(l.id)!;
  for (const s of basemapStyleLayers(l.id)) {
    if (!map.getLayer(s.id)) continue;
    map.setLayoutProperty(s.id, 'visibility', st.visible ? 'visible' : 'none');
    (map.setPaintProperty as (layer: string, name: string, value: unknown) => void).call(map, s.id, s.opacityProp, (BASE_OPACITY[l.id] ?? 1) * st.opacity);
  }
}

function makeLabels(): void {
  if (!regionsFc) return;
  labels = regionsFc.features
    .filter((f) => f.geometry && (f.properties?.level === 'township' || f.properties?.level === 'county'))
    .map((f) => ({
      position: centroid(f as never).geometry.coordinates as [number, number],
      text: String((lang() === 'en' ? f.properties?.name_en || f.properties?.name_zh : f.properties?.name_zh) ?? ''),
      size: f.properties?.level === 'county' ? 16 : 13,
    }))
    .filter((l) => l.text);
}

async function loadLabels(): Promise<void> {
  try {
    const [county, township] = await Promise.all([fetchRegions('county'), fetchRegions('township')]);
    regionsFc = { type: 'FeatureCollection', features: [...township.features, ...county.features] };
    makeLabels();
    updateDeck();
  } catch (e) {
    console.warn('[labels]', (e as Error).message);
  }
}

function renderLayers(): void {
  if (!catalog.length) {
    if (!$('layer-panel').querySelector('.error-box')) $('layer-panel').innerHTML = `<p class="muted">${esc(t('no_layers'))}</p>`;
    return;
  }
  const data = catalog.filter((l) => !isBasemapLayer(l));
  const base = catalog.filter((l) => isBasemapLayer(l));
  renderLayerPanel($('layer-panel'), data, base, layerState, {
    onToggle: (id, visible) => {
      layerState.get(id)!.visible = visible;
      const l = catalog.find((x) => x.id === id)!;
      if (isBasemapLayer(l)) applyBasemapLayer(l); else updateDeck();
      writeHash();
    },
    onOpacity: (id, opacity) => {
      layerState.get(id)!.opacity = opacity;
      const l = catalog.find((x) => x.id === id)!;
      if (isBasemapLayer(l)) applyBasemapLayer(l); else updateDeck();
    },
  });
}

// ---------------------------------------------------------------- hash
let route: HashState['route'] = initial.route;
function currentHash(): HashState {
  const c = map.getCenter();
  return {
    route,
    parcel: route === 'report' ? parseHash(location.hash).parcel : undefined,
    view: { zoom: map.getZoom(), lat: c.lat, lon: c.lng },
    layers: [...layerState].filter(([, s]) => s.visible).map(([id]) => id),
    lang: lang() as Lang,
  };
}
let writingHash = false;
function writeHash(): void {
  if (route === 'report') return;
  const h = formatHash(currentHash());
  if (h !== location.hash) {
    writingHash = true;
    history.replaceState(null, '', h);
    writingHash = false;
  }
}

// ---------------------------------------------------------------- parcels
function selectedParcel(): Parcel | undefined {
  return store.selected ? store.parcels.get(store.selected) : undefined;
}

function renderParcelList(): void {
  const list = $('parcel-list');
  const parcels = store.list();
  if (!parcels.length) {
    list.innerHTML = `<li class="muted small">${esc(t('no_parcels'))}</li>`;
  } else {
    list.innerHTML = parcels.map((p) => `<li data-id="${esc(p.id)}" data-testid="parcel-item" class="${p.id === store.selected ? 'selected' : ''}">
      <span class="pname" title="${esc(p.name)}">${esc(t('parcel'))} ${esc(p.name)}</span>
      <span class="parea" data-testid="parcel-area" data-ha="${areaHa(p.geometry)}">${esc(areaText(areaHa(p.geometry)))}</span>
      <button type="button" data-action="report" title="${esc(t('report'))}">${esc(t('report'))}</button>
      <button type="button" data-action="delete" data-testid="parcel-delete" title="${esc(t('delete'))}">×</button></li>`).join('');
  }
  const hint = $('draw-hint');
  if (store.drawing) {
    hint.hidden = false;
    hint.textContent = `${t('finish_hint')}${store.drawingAreaHa ? ` · ${areaText(store.drawingAreaHa)}` : ''}`;
  } else if (selectedParcel()?.editable) {
    hint.hidden = false;
    hint.textContent = `${t('edit_hint')} · ${areaText(areaHa(selectedParcel()!.geometry))}`;
  } else {
    hint.hidden = true;
  }
  $('draw-btn').classList.toggle('active', store.drawing);
}

$('parcel-list').addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  const li = target.closest<HTMLElement>('li[data-id]');
  if (!li) return;
  const id = li.dataset.id!;
  const action = target.closest<HTMLElement>('button')?.dataset.action;
  if (action === 'delete') store.remove(id);
  else if (action === 'report') location.hash = formatHash({ ...currentHash(), route: 'report', parcel: id });
  else {
    store.select(id);
    fitTo([store.parcels.get(id)!]);
  }
});

function fitTo(parcels: Parcel[], animate = true): void {
  if (!parcels.length) return;
  const b = bbox({ type: 'FeatureCollection', features: parcels.map((p) => ({ type: 'Feature', geometry: p.geometry, properties: {} })) });
  map.fitBounds(new LngLatBounds([b[0], b[1]], [b[2], b[3]]), { padding: 60, maxZoom: 15, animate });
}

$('draw-btn').addEventListener('click', () => {
  if (store.drawing) store.stopDrawing();
  else {
    popup.hide(true);
    store.startDrawing();
  }
  renderParcelList();
});
$('delete-all').addEventListener('click', () => store.clear());
$('export-geojson').addEventListener('click', () => download('tantu-parcels.geojson', JSON.stringify(parcelsGeoJson(store.list()), null, 1), 'application/geo+json'));
$('export-csv').addEventListener('click', () => download('tantu-parcels.csv', parcelsCsv(store.list()), 'text/csv;charset=utf-8'));

// ---------------------------------------------------------------- upload
function fillCrsSelect(): void {
  const sel = $<HTMLSelectElement>('crs-select');
  const value = sel.value || 'auto';
  const gk = [117, 120, 123].map((cm) => ({ value: `EPSG:${4534 + (cm - 75) / 3}`, label: t('crs_gk', { cm, code: 4534 + (cm - 75) / 3 }) }));
  sel.innerHTML = [
    { value: 'auto', label: t('crs_auto') }, { value: 'EPSG:4326', label: t('crs_wgs84') }, { value: 'EPSG:4490', label: t('crs_cgcs2000') },
    { value: 'gcj02', label: t('crs_gcj02') }, ...gk,
  ].map((o) => `<option value="${o.value}">${esc(o.label)}</option>`).join('');
  sel.value = value;
}

function uploadStatus(text: string, error: boolean): void {
  const el = $('upload-status');
  el.hidden = false;
  el.textContent = text;
  el.classList.toggle('error', error);
}

async function uploadFiles(files: FileList | File[]): Promise<void> {
  const crs = $<HTMLSelectElement>('crs-select').value as CrsChoice;
  const added: string[] = [];
  const errors: string[] = [];
  for (const file of Array.from(files)) {
    try {
      const parcels = await parseParcelFile(file, crs);
      added.push(...store.add(parcels.map((p) => ({ name: p.name, geometry: p.geometry, properties: p.properties }))));
    } catch (e) {
      const msg = e instanceof UploadError ? t(e.key, e.vars) : (e as Error).message;
      errors.push(`${file.name}: ${msg}`);
    }
  }
  if (errors.length) uploadStatus(`${t('upload_error')} — ${errors.join('; ')}`, true);
  else uploadStatus(t('upload_ok', { n: added.length }), false);
  if (added.length) {
    fitTo(added.map((id) => store.parcels.get(id)!));
    store.select(added[0]);
  }
}

$<HTMLInputElement>('file-input').addEventListener('change', (e) => {
  const input = e.target as HTMLInputElement;
  if (input.files?.length) void uploadFiles(input.files).finally(() => { input.value = ''; });
});
let dragDepth = 0;
window.addEventListener('dragenter', (e) => {
  if (!e.dataTransfer?.types.includes('Files')) return;
  dragDepth++;
  $('drop-overlay').hidden = false;
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) $('drop-overlay').hidden = true;
});
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  $('drop-overlay').hidden = true;
  if (e.dataTransfer?.files.length) void uploadFiles(e.dataTransfer.files);
});

// ---------------------------------------------------------------- carbon
function analyse(p: Parcel, force = false): Promise<void> {
  const key = scenarioKey(scenario);
  if (!force && p.result && p.resultKey === key) return Promise.resolve();
  pending.get(p.id)?.abort();
  const ctrl = new AbortController();
  pending.set(p.id, ctrl);
  p.error = undefined;
  renderCarbon();
  return analyseCarbon(p.geometry, scenario, ctrl.signal)
    .then((r) => store.setResult(p.id, key, r))
    .catch((e: unknown) => {
      if ((e as Error).name === 'AbortError') return;
      const err = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      store.setResult(p.id, key, undefined, { status: err.status, message: err.message });
    })
    .finally(() => {
      if (pending.get(p.id) === ctrl) pending.delete(p.id);
      renderCarbon();
    });
}

let firstCarbonMarked = false;
function renderCarbon(): void {
  const el = $('carbon-panel');
  const p = selectedParcel();
  if (!p) {
    el.dataset.state = 'empty';
    el.innerHTML = `<p class="muted">${esc(t('select_parcel'))}</p>`;
    return;
  }
  const head = `<div class="carbon-head"><strong>${esc(t('parcel'))} ${esc(p.name)}</strong> · ${esc(areaText(areaHa(p.geometry)))}
    <a href="${formatHash({ ...currentHash(), route: 'report', parcel: p.id })}" data-testid="report-link">${esc(t('report'))}</a></div>`;
  if (pending.has(p.id)) {
    el.dataset.state = 'loading';
    el.innerHTML = `${head}<p class="loading">${esc(t('analysing'))}</p>`;
    return;
  }
  if (p.error) {
    el.dataset.state = 'error';
    const title = p.error.status === 404 || p.error.status === 0 ? t('analysis_unavailable') : t('analysis_failed');
    el.innerHTML = `${head}<div class="error-box" data-testid="carbon-error"><strong>${esc(title)}</strong><br>${esc(p.error.message)}</div>
      <button type="button" data-testid="carbon-retry" id="carbon-retry">${esc(t('retry'))}</button>`;
    $('carbon-retry').addEventListener('click', () => void analyse(p, true));
    return;
  }
  if (!p.result || p.resultKey !== scenarioKey(scenario)) {
    el.dataset.state = 'loading';
    el.innerHTML = `${head}<p class="loading">${esc(t('analysing'))}</p>`;
    void analyse(p);
    return;
  }
  el.dataset.state = 'ready';
  el.innerHTML = `${head}${resultSections(p.result)}`;
  scenarioControlsFrom(p.result);
  if (!firstCarbonMarked) {
    firstCarbonMarked = true;
    performance.mark('tantu-first-carbon');
  }
}

$<HTMLSelectElement>('price-scenario').addEventListener('change', (e) => {
  scenario = { ...scenario, price_scenario: (e.target as HTMLSelectElement).value as Scenario['price_scenario'] };
  renderCarbon();
});
$<HTMLSelectElement>('methodology').addEventListener('change', (e) => {
  const v = (e.target as HTMLSelectElement).value;
  scenario = { ...scenario };
  if (v) scenario.methodology = v; else delete scenario.methodology;
  renderCarbon();
});
$<HTMLInputElement>('crediting-years').addEventListener('change', (e) => {
  const n = Number((e.target as HTMLInputElement).value);
  scenario = { ...scenario };
  if ((e.target as HTMLInputElement).value === '' || !Number.isFinite(n)) delete scenario.crediting_years; else scenario.crediting_years = Math.round(n);
  renderCarbon();
});

/** Fill the methodology list and the placeholders from what the API answered (its defaults). */
function scenarioControlsFrom(r: CarbonResult): void {
  const tables = (r.params as { tables?: { methodologies?: Record<string, { id: string; name_zh?: string; name_en?: string }> } } | undefined)?.tables;
  const sel = $<HTMLSelectElement>('methodology');
  const ms = Object.values(tables?.methodologies ?? {});
  if (ms.length && sel.options.length !== ms.length + 1) {
    const cur = sel.value;
    sel.innerHTML = `<option value="">${esc(t('default_option'))}</option>` +
      ms.map((m) => `<option value="${esc(m.id)}">${esc(m.id)} ${esc(pick(m as never, 'name'))}</option>`).join('');
    sel.value = cur;
  }
  const used = (r.params as { scenario?: { crediting_years?: number } } | undefined)?.scenario;
  if (used?.crediting_years) $<HTMLInputElement>('crediting-years').placeholder = String(used.crediting_years);
  if (r.value?.discount_rate_pct !== undefined) $<HTMLInputElement>('discount-rate').placeholder = String(r.value.discount_rate_pct);
}

$<HTMLInputElement>('discount-rate').addEventListener('change', (e) => {
  const v = (e.target as HTMLInputElement).value;
  const n = Number(v);
  scenario = { ...scenario };
  if (v === '' || !Number.isFinite(n)) delete scenario.discount_rate_pct; else scenario.discount_rate_pct = n;
  renderCarbon();
});

store.onChange(() => {
  renderParcelList();
  updateDeck();
  if (route === 'map') renderCarbon();
});
store.onSelect((id) => {
  // Selecting a parcel closes a feature popup; deselecting (a click on the map) may be the click that opened it.
  if (id) popup.hide(true);
  renderCarbon();
});
store.onGeometryEdited((id) => {
  const p = store.parcels.get(id);
  if (p && id === store.selected) void analyse(p, true);
});

// ---------------------------------------------------------------- report route
let reselect: string | null = null;
async function showRoute(): Promise<void> {
  const h = parseHash(location.hash);
  route = h.route;
  if (route === 'report') {
    const parcels = h.parcel && store.parcels.has(h.parcel) ? [store.parcels.get(h.parcel)!] : store.list();
    let snapshot: string | null = null;
    if (parcels.length) {
      // No vertex handles in the picture: drop the selection (restored on return to the map).
      if (store.selected) {
        reselect = store.selected;
        store.select(null);
      }
      fitTo(parcels, false);
      await mapIdle(4000);
      try { snapshot = map.getCanvas().toDataURL('image/png'); } catch { snapshot = null; }
    }
    document.body.classList.add('report-mode');
    $('report').hidden = false;
    await renderReport($('report'), {
      parcels,
      single: Boolean(h.parcel && parcels.length === 1),
      snapshot,
      scenario,
      analyse: (p) => analyse(p),
      catalog,
      mapHref: formatHash({ ...currentHash(), route: 'map', parcel: undefined }),
    });
  } else {
    document.body.classList.remove('report-mode');
    $('report').hidden = true;
    map.resize();
    if (reselect && store.parcels.has(reselect)) store.select(reselect);
    reselect = null;
    renderCarbon();
  }
}

function mapIdle(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    map.once('idle', () => { clearTimeout(timer); resolve(); });
    map.triggerRepaint();
  });
}

window.addEventListener('hashchange', () => {
  if (writingHash) return;
  const h = parseHash(location.hash);
  if (h.lang && h.lang !== lang()) setLang(h.lang);
  if (h.route !== route || h.route === 'report') void showRoute();
});

// ---------------------------------------------------------------- language
function renderAll(): void {
  translateDom();
  fillCrsSelect();
  renderLayers();
  renderParcelList();
  makeLabels();
  updateDeck();
  if (route === 'map') renderCarbon(); else void showRoute();
}
onLangChange(() => {
  renderAll();
  writeHash();
});
$('lang-toggle').addEventListener('click', () => setLang(lang() === 'en' ? 'zh-CN' : 'en'));

// ---------------------------------------------------------------- start
translateDom();
fillCrsSelect();
renderLayers();
renderParcelList();
renderCarbon();

map.on('load', () => {
  map.addControl(overlay as never);
  for (const l of catalog) if (isBasemapLayer(l)) applyBasemapLayer(l);
  store.start();
  store.restore();
  updateDeck();
  void loadLabels();
  map.once('idle', () => {
    performance.mark('tantu-first-idle');
    if (window.__tantu) window.__tantu.firstIdle = true;
    document.body.dataset.mapReady = '1';
  });
  if (route === 'report') void showRoute();
});
map.on('moveend', writeHash);


window.__tantu = { map, store, overlay, firstIdle: false, catalog: () => catalog };
