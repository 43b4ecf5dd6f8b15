/**
 * tantu 碳图 in the browser: the state store (state.ts), the map (map.ts), the parcels on it
 * (parcels.ts) and the shell (shell/) into which each workbench registers its panel
 * (workbenches/<id>/). The URL hash and localStorage mirror the store (persist.ts).
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { fetchLayers } from './api.ts';
import { readConfig } from './config.ts';
import { createMap } from './map.ts';
import { ParcelEditor } from './parcels.ts';
import { bindHash, bindStorage, savedParcels, stateFromHash } from './persist.ts';
import { bindLanguage, mountRoute, mountShell } from './shell/index.ts';
import { registerWorkbench, type WorkbenchContext } from './shell/registry.ts';
import { createStore, type AppState, type AppStore } from './state.ts';
import { carbonWorkbench } from './workbenches/carbon/index.ts';
import { sitingWorkbench } from './workbenches/siting/index.ts';
import { chargingWorkbench } from './workbenches/charging/index.ts';
import { cooperativeWorkbench } from './workbenches/cooperative/index.ts';
import { indicatorsWorkbench } from './workbenches/indicators/index.ts';

/** Shown by default: the forestry view (forest, bamboo and wetland layers over the basemap). */
const DEFAULT_VISIBLE = new Set(['hillshade', 'water', 'rivers', 'roads', 'boundaries', 'places', 'stands', 'bamboo', 'wetlands']);

declare global {
  interface Window {
    /** For tests and the bench: the map, the store, the parcel editor (add/select/clear) and the workbench registry. */
    __tantu?: { map: MapLibreMap; overlay: MapLibreOverlay; state: AppStore; store: ParcelEditor; registerWorkbench: typeof registerWorkbench };
  }
}

const config = readConfig();
const { visibleLayers, ...fromHash } = stateFromHash(location.hash);
const store = createStore<AppState>({
  catalog: [],
  catalogError: null,
  layers: {},
  parcels: [],
  selected: null,
  drawing: { active: false, areaHa: null, finishedAt: -Infinity },
  analysing: [],
  scenario: { price_scenario: 'central' },
  lang: 'zh-CN',
  workbench: 'carbon',
  route: { name: 'map' },
  view: { zoom: config.zoom, lat: config.center[1], lon: config.center[0] },
  ...fromHash,
});
bindLanguage(store);

try {
  const catalog = await fetchLayers();
  const visible = (id: string) => (visibleLayers ? visibleLayers.includes(id) : DEFAULT_VISIBLE.has(id));
  store.set({ catalog, layers: Object.fromEntries(catalog.map((l) => [l.id, { visible: visible(l.id), opacity: 1 }])) });
} catch (e) {
  store.set({ catalogError: (e as Error).message });
}

const map = createMap(store, config);
const parcels = new ParcelEditor(store, map);
const ctx: WorkbenchContext = { store, map, parcels };
registerWorkbench(carbonWorkbench());
registerWorkbench(sitingWorkbench());
registerWorkbench(chargingWorkbench());
registerWorkbench(cooperativeWorkbench());
registerWorkbench(indicatorsWorkbench());
mountShell(ctx);
bindHash(store);
window.__tantu = { map: map.map, overlay: map.overlay, state: store, store: parcels, registerWorkbench };

await map.loaded;
parcels.start();
parcels.add(savedParcels());
bindStorage(store);
mountRoute(ctx);
