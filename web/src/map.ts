/**
 * The map: MapLibre with the offline basemap (basemap.ts), deck.gl interleaved through
 * @deck.gl/maplibre for the catalog's data layers (layers.ts), region labels, the layers workbenches
 * add (parcels, results), and the feature popup. It draws what the store says (catalog, layer
 * state, language) and writes the view back to it.
 */
import { Map as MapLibreMap, NavigationControl, ScaleControl, AttributionControl, LngLatBounds, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
// @deck.gl/maplibre is @deck.gl/mapbox's MapLibre twin; MapboxOverlay reads map.transform, gone in MapLibre 6.
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import centroid from '@turf/centroid';
import bbox from '@turf/bbox';
import { fetchRegions, type LayerInfo } from './api.ts';
import { BASEMAP_LAYER_IDS, basemapStyleLayers, buildBasemapStyle, DATA_ANCHOR } from './basemap.ts';
import type { readConfig } from './config.ts';
import { byId } from './dom.ts';
import { parseHash } from './hash.ts';
import { dataLayer, labelLayer, type Label } from './layers.ts';
import { placeLabels, type LabelCandidate } from './shell/label-placement.ts';
import { FeaturePopup } from './shell/popup.ts';
import { sourceText } from './shell/sources.ts';
import { villageRegions } from './shell/region-names.ts';
import type { AppState, AppStore, ParcelGeometry } from './state.ts';

setWorkerUrl(maplibreWorkerUrl);

/** MapLibre's UI strings (control tooltips) in both languages. */
const MAP_UI: Record<AppState['lang'], Record<string, string>> = {
  'zh-CN': {
    'Map.Title': '地图', 'NavigationControl.ZoomIn': '放大', 'NavigationControl.ZoomOut': '缩小', 'NavigationControl.ResetBearing': '重置方向',
    'AttributionControl.ToggleAttribution': '数据来源', 'AttributionControl.MapFeedback': '地图反馈', 'Popup.Close': '关闭',
  },
  en: {
    'Map.Title': 'Map', 'NavigationControl.ZoomIn': 'Zoom in', 'NavigationControl.ZoomOut': 'Zoom out', 'NavigationControl.ResetBearing': 'Reset bearing to north',
    'AttributionControl.ToggleAttribution': 'Data sources', 'AttributionControl.MapFeedback': 'Map feedback', 'Popup.Close': 'Close',
  },
};

/** Base opacity of basemap style layers (the slider scales it). */
const BASE_OPACITY: Record<string, number> = { hillshade: 0.55, boundaries: 0.8 };

export type FeatureClick = (layer: LayerInfo, feature: GeoJSON.Feature) => void;

export interface MapShell {
  map: MapLibreMap;
  overlay: MapLibreOverlay;
  popup: FeaturePopup;
  /** Resolves after the style's 'load', once the overlay is on the map. */
  loaded: Promise<void>;
  /** True for catalog layers the basemap style draws (toggled in MapLibre, not deck.gl). */
  isBasemap(l: LayerInfo): boolean;
  /** Set the deck.gl layers one owner (a workbench, the parcels) draws above the data layers. */
  setLayers(owner: string, layers: (Layer | null)[]): void;
  /** Call `f` for a click on a catalog feature (the popup is pinned first); returns the unsubscribe. */
  onFeatureClick(f: FeatureClick): () => void;
  fitTo(geometries: ParcelGeometry[], animate?: boolean): void;
  /** Resolves at the map's next 'idle', or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void>;
}

export function createMap(store: AppStore, config: ReturnType<typeof readConfig>): MapShell {
  const { catalog, view } = store.get();
  const style: StyleSpecification | string = config.styleUrl ?? buildBasemapStyle(catalog);
  // Without a view in the link, the map opens on the whole county (the boundaries' extent), whatever the window's size.
  const fromLink = Boolean(parseHash(location.hash).view);
  const county = catalog.find((l) => l.id === 'boundaries')?.bounds ?? null;
  const map = new MapLibreMap({
    container: 'map',
    style,
    center: [view.lon, view.lat],
    zoom: view.zoom,
    ...(!fromLink && county ? { bounds: county as [number, number, number, number], fitBoundsOptions: { padding: 16 } } : {}),
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    maxPitch: 0,
    dragRotate: false,
  });
  // The controls speak the interface's language: rebuilt with MapLibre's UI strings and the translated attributions on a switch.
  let controls: (NavigationControl | ScaleControl | AttributionControl)[] = [];
  const addControls = (s: AppState) => {
    for (const c of controls) map.removeControl(c);
    (map as unknown as { _locale: Record<string, string> })._locale = { ...(map as unknown as { _locale: Record<string, string> })._locale, ...MAP_UI[s.lang] };
    const attributions = [...new Set(s.catalog.map((l) => sourceText(l.attribution)).filter(Boolean))];
    controls = [
      new NavigationControl({ showCompass: false }),
      new ScaleControl({ unit: 'metric' }),
      new AttributionControl({ compact: true, customAttribution: [s.lang === 'en' ? 'tantu' : '碳图 tantu', ...attributions] }),
    ];
    map.addControl(controls[0], 'top-right');
    map.addControl(controls[1], 'bottom-left');
    map.addControl(controls[2], 'bottom-right');
    map.getCanvas().setAttribute('aria-label', MAP_UI[s.lang]['Map.Title']);
    // On a narrow map the attribution starts folded (the ⓘ button opens it), clear of the scale bar.
    if (map.getContainer().clientWidth < 720) map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
  };
  addControls(store.get());
  store.subscribe(addControls, ['lang']);
  map.on('error', (e) => console.warn('[map]', e.error?.message ?? e));

  const popup = new FeaturePopup(byId('popup'));
  // A click on no feature closes a pinned popup (deck.gl sees the click before MapLibre's 'click' event).
  const overlay = new MapLibreOverlay({ interleaved: true, layers: [], onClick: (info: PickingInfo) => { if (!info.object) popup.hide(true); } });
  const owned = new Map<string, (Layer | null)[]>();
  const clicks = new Set<FeatureClick>();
  let labels: Label[] = [];
  let regions: GeoJSON.Feature[] = [];

  const isBasemap = (l: LayerInfo) => !config.styleUrl && (BASEMAP_LAYER_IDS as readonly string[]).includes(l.id);

  const onClick = (info: PickingInfo, li: LayerInfo) => {
    // The click that closes a polygon reaches deck.gl after terra-draw has left drawing mode.
    const { drawing } = store.get();
    if (drawing.active || performance.now() - drawing.finishedAt < 400) return;
    const f = info.object as GeoJSON.Feature | undefined;
    if (!f) return;
    popup.show(info.x, info.y, li, (f.properties ?? {}) as Record<string, unknown>, true);
    for (const c of clicks) c(li, f);
  };
  const onHover = (info: PickingInfo, li: LayerInfo) => {
    // While drawing, a popup would sit over the parcel being drawn.
    if (store.get().drawing.active) { popup.hide(); return; }
    if (info.object) popup.show(info.x, info.y, li, (info.object as { properties: Record<string, unknown> }).properties ?? {}, false);
    else popup.hide();
  };

  const redraw = () => {
    const s = store.get();
    const beforeId = map.getLayer(DATA_ANCHOR) ? DATA_ANCHOR : undefined;
    const layers = s.catalog.filter((l) => !isBasemap(l)).map((l) => dataLayer(l, s.layers[l.id], { labelFont: config.labelFont, beforeId, onHover, onClick }));
    for (const ls of owned.values()) layers.push(...ls);
    if (labels.length) layers.push(labelLayer(labels, config.labelFont));
    overlay.setProps({ layers: layers.filter(Boolean) as Layer[] });
  };

  const applyBasemap = (s: AppState) => {
    for (const l of s.catalog.filter(isBasemap)) {
      const st = s.layers[l.id];
      for (const sl of basemapStyleLayers(l.id)) {
        if (!map.getLayer(sl.id)) continue;
        map.setLayoutProperty(sl.id, 'visibility', st.visible ? 'visible' : 'none');
        (map.setPaintProperty as (layer: string, name: string, value: unknown) => void).call(map, sl.id, sl.opacityProp, (BASE_OPACITY[l.id] ?? 1) * st.opacity);
      }
    }
  };

  /** Label candidates from the regions: the county (until zoom 11), townships, villages from zoom 12 (when the places layer is on). */
  let villages: GeoJSON.Feature[] = [];
  let villagesAsked = false;
  const candidates = (s: AppState): LabelCandidate[] => {
    const name = (f: GeoJSON.Feature) => String((s.lang === 'en' ? f.properties?.name_en || f.properties?.name_zh : f.properties?.name_zh) ?? '');
    const pop = (f: GeoJSON.Feature) => Math.min(0.99, Number(f.properties?.population ?? 0) / 1e7);
    const showVillages = s.layers.places?.visible ?? true;
    return [
      ...regions.filter((f) => f.geometry && f.properties?.level === 'county')
        .map((f) => ({ position: centroid(f as never).geometry.coordinates as [number, number], text: name(f), size: 16, priority: 3 + pop(f), minZoom: 0, maxZoom: 11 })),
      ...regions.filter((f) => f.geometry && f.properties?.level === 'township')
        .map((f) => ({ position: centroid(f as never).geometry.coordinates as [number, number], text: name(f), size: 13, priority: 2 + pop(f), minZoom: 8 })),
      ...(showVillages ? villages : []).filter((f) => f.geometry)
        .map((f) => ({ position: centroid(f as never).geometry.coordinates as [number, number], text: name(f), size: 11, priority: 1 + pop(f), minZoom: 12 })),
    ].filter((l) => l.text);
  };
  let all: LabelCandidate[] = [];
  const makeLabels = (s: AppState) => { all = candidates(s); };
  /** Place the labels for the current view; the kept boxes go to #map's data-label-boxes (for tests). */
  const placeNow = () => {
    const c = map.getContainer();
    const placed = placeLabels(all, map.getZoom(), (p) => { const q = map.project(p); return [q.x, q.y]; }, c.clientWidth, c.clientHeight, config.labelFont);
    labels = placed.map(({ position, text, size }) => ({ position, text, size }));
    c.dataset.labelBoxes = JSON.stringify(placed.map((p) => ({ text: p.text, box: p.box.map((x) => Math.round(x * 10) / 10) })));
    if (map.getZoom() >= 11.5 && !villagesAsked) {
      villagesAsked = true;
      void villageRegions().then((fc) => { villages = fc.features; makeLabels(store.get()); placeNow(); redraw(); }, (e) => console.warn('[labels]', (e as Error).message));
    }
  };

  const loadLabels = async () => {
    try {
      const [county, township] = await Promise.all([fetchRegions('county'), fetchRegions('township')]);
      regions = [...township.features, ...county.features];
      makeLabels(store.get());
      // The label font (the bundled web font when the system has no CJK font) must be there before deck.gl draws its atlas.
      await document.fonts?.load(`600 13px ${config.labelFont}`, all.map((l) => l.text).join('')).catch(() => undefined);
      placeNow();
      redraw();
    } catch (e) {
      console.warn('[labels]', (e as Error).message);
    }
  };

  const loaded = new Promise<void>((resolve) => {
    map.on('load', () => {
      if (!fromLink && county) {
        const c = map.getCenter();
        store.set({ view: { zoom: map.getZoom(), lat: c.lat, lon: c.lng } });
      }
      map.addControl(overlay as never);
      applyBasemap(store.get());
      redraw();
      store.subscribe((s) => { applyBasemap(s); redraw(); }, ['layers']);
      store.subscribe((s) => { makeLabels(s); placeNow(); redraw(); }, ['lang', 'layers']);
      map.on('moveend', () => { placeNow(); redraw(); });
      map.on('resize', () => { placeNow(); redraw(); });
      void loadLabels();
      map.once('idle', () => {
        performance.mark('tantu-first-idle');
        document.body.dataset.mapReady = '1';
      });
      resolve();
    });
  });
  map.on('moveend', () => {
    const c = map.getCenter();
    store.set({ view: { zoom: map.getZoom(), lat: c.lat, lon: c.lng } });
  });
  // Selecting a parcel closes a feature popup; deselecting (a click on the map) may be the click that opened it.
  store.subscribe((s) => { if (s.selected) popup.hide(true); }, ['selected']);

  return {
    map,
    overlay,
    popup,
    loaded,
    isBasemap,
    setLayers(owner, layers) {
      owned.set(owner, layers);
      redraw();
    },
    onFeatureClick(f) {
      clicks.add(f);
      return () => clicks.delete(f);
    },
    fitTo(geometries, animate = true) {
      if (!geometries.length) return;
      const b = bbox({ type: 'FeatureCollection', features: geometries.map((geometry) => ({ type: 'Feature', geometry, properties: {} })) });
      map.fitBounds(new LngLatBounds([b[0], b[1]], [b[2], b[3]]), { padding: 60, maxZoom: 15, animate });
    },
    idle(timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        map.once('idle', () => { clearTimeout(timer); resolve(); });
        map.triggerRepaint();
      });
    },
  };
}
