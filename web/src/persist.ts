/**
 * The store's two mirrors, in one place: the URL hash (what a shared link reproduces: route,
 * workbench, view, visible layers, language) and localStorage (parcels and their results survive
 * a reload, e.g. opening #report directly).
 */
import { formatHash, parseHash, type HashState } from './hash.ts';
import type { AppState, AppStore, Parcel, Route } from './state.ts';

const STORAGE_KEY = 'tantu.parcels.v1';

/** A parcel as saved: no editability (terra-draw decides again) and no error. */
export type SavedParcel = Pick<Parcel, 'id' | 'name' | 'geometry' | 'origin' | 'properties' | 'result' | 'resultKey'>;

function routeOf(h: HashState): Route {
  return h.route === 'report' ? { name: 'report', parcel: h.parcel } : { name: 'map' };
}

/** The state a page opened at this hash starts from (fields the hash does not give are absent). */
export function stateFromHash(hash: string): Partial<AppState> & { visibleLayers?: string[] } {
  const h = parseHash(hash);
  return {
    route: routeOf(h),
    ...(h.lang ? { lang: h.lang } : {}),
    ...(h.view ? { view: h.view } : {}),
    ...(h.workbench ? { workbench: h.workbench } : {}),
    ...(h.layers ? { visibleLayers: h.layers } : {}),
  };
}

/** The hash of a state, at a route (default: the state's own). */
export function hashOf(s: AppState, route: Route = s.route): string {
  return formatHash({
    route: route.name,
    parcel: route.name === 'report' ? route.parcel : undefined,
    workbench: s.workbench,
    view: s.view,
    layers: Object.entries(s.layers).filter(([, l]) => l.visible).map(([id]) => id),
    lang: s.lang,
  });
}

/** Keep the hash and the store in step: the store writes it on the map route; links and the back button write the store. */
export function bindHash(store: AppStore): void {
  const write = (s: AppState) => {
    if (s.route.name !== 'map') return;
    const hash = hashOf(s);
    if (hash !== location.hash) history.replaceState(null, '', hash);
  };
  store.subscribe(write, ['route', 'workbench', 'view', 'layers', 'lang']);
  window.addEventListener('hashchange', () => {
    const h = parseHash(location.hash);
    const s = store.get();
    const patch: Partial<AppState> = {};
    if (h.lang && h.lang !== s.lang) patch.lang = h.lang;
    if (h.workbench && h.workbench !== s.workbench) patch.workbench = h.workbench;
    // Every report link (re)opens the report; the map route is only entered once.
    if (h.route === 'report' || s.route.name !== 'map') patch.route = routeOf(h);
    store.set(patch);
    write(store.get());
  });
  write(store.get());
}

/** The parcels saved by the last session (none when storage is empty, disabled or garbled). */
export function savedParcels(): SavedParcel[] {
  try {
    const data: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(data) ? (data as SavedParcel[]) : [];
  } catch {
    return [];
  }
}

/** Save the parcels whenever they change (coalesced: a vertex drag changes them on every mouse move). */
export function bindStorage(store: AppStore): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    try {
      const data: SavedParcel[] = store.get().parcels.map(({ id, name, geometry, origin, properties, result, resultKey }) => ({ id, name, geometry, origin, properties, result, resultKey }));
      localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    } catch { /* storage full or disabled */ }
  };
  store.subscribe(() => { timer ??= setTimeout(save, 200); }, ['parcels']);
  window.addEventListener('pagehide', () => { if (timer !== undefined) { clearTimeout(timer); save(); } });
}
