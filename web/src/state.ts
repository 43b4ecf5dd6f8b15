/**
 * The web app's one state store. Everything a panel shows is derived from `AppState`; panels
 * change it with `set`/`update` and re-render from `subscribe`. The URL hash and localStorage
 * mirror parts of it (persist.ts); MapLibre, deck.gl and terra-draw are views of it.
 */
import type { CarbonResult, LayerInfo, Scenario } from './api.ts';
import type { Lang } from './i18n.ts';

export type ParcelGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

export interface Parcel {
  id: string;
  name: string;
  geometry: ParcelGeometry;
  origin: 'drawn' | 'upload';
  /** True when the geometry lives in terra-draw (editable vertices). */
  editable: boolean;
  properties: Record<string, unknown>;
  result?: CarbonResult;
  /** scenarioKey() of the scenario the result was computed for. */
  resultKey?: string;
  /** The analysis problem; `lang`: the language the server wrote `message` in (asked again after a switch). */
  error?: { status: number; message: string; lang?: string };
}

/** What the layer panel sets for one catalog layer. */
export interface LayerState { visible: boolean; opacity: number }

/** The map view a shared link reproduces (degrees, MapLibre zoom). */
export interface MapView { zoom: number; lat: number; lon: number }

export type Route = { name: 'map' } | { name: 'report'; parcel?: string };

export interface AppState {
  catalog: LayerInfo[];
  /** Why the catalog could not be loaded, if it could not. */
  catalogError: string | null;
  /** By catalog layer id. */
  layers: Record<string, LayerState>;
  /** In the order they were added. */
  parcels: Parcel[];
  selected: string | null;
  /** terra-draw's polygon mode: on, the live area (ha) of the polygon being drawn, when the last one was closed (performance.now() ms). */
  drawing: { active: boolean; areaHa: number | null; finishedAt: number };
  /** Parcels with a carbon analysis in flight. */
  analysing: string[];
  scenario: Scenario;
  lang: Lang;
  /** Id of the active workbench (see shell/registry.ts). */
  workbench: string;
  route: Route;
  view: MapView;
}

export type Listener<S> = (state: S, prev: S) => void;

export interface Store<S> {
  get(): S;
  set(patch: Partial<S>): void;
  update(fn: (state: S) => Partial<S>): void;
  /** Called after every change; with `keys`, only when one of those top-level fields changed (by reference). Returns the unsubscribe. */
  subscribe(listener: Listener<S>, keys?: (keyof S)[]): () => void;
}

/**
 * A store whose listeners see every change in order: a `set` made inside a listener is delivered
 * to all listeners after the current round, as its own (state, prev) pair.
 */
export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  let delivered = initial;
  let delivering = false;
  const listeners = new Set<Listener<S>>();
  const deliver = () => {
    if (delivering) return;
    delivering = true;
    try {
      while (delivered !== state) {
        const prev = delivered;
        const cur = state;
        delivered = cur;
        for (const l of [...listeners]) l(cur, prev);
      }
    } finally {
      delivering = false;
    }
  };
  const set = (patch: Partial<S>) => {
    if (Object.entries(patch).every(([k, v]) => state[k as keyof S] === v)) return;
    state = { ...state, ...patch };
    deliver();
  };
  return {
    get: () => state,
    set,
    update: (fn) => set(fn(state)),
    subscribe(listener, keys) {
      const l: Listener<S> = keys ? (s, p) => { if (keys.some((k) => s[k] !== p[k])) listener(s, p); } : listener;
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export type AppStore = Store<AppState>;

/** The selected parcel, if any. */
export function selectedParcel(s: AppState): Parcel | undefined {
  return s.selected ? s.parcels.find((p) => p.id === s.selected) : undefined;
}

/** Replace one parcel's fields (a new parcels array: subscribers see the change). */
export function patchParcel(store: AppStore, id: string, patch: Partial<Parcel>): void {
  store.update((s) => ({ parcels: s.parcels.map((p) => (p.id === id ? { ...p, ...patch } : p)) }));
}
