/**
 * Carbon analyses of parcels: one request per parcel in flight (a newer one aborts the older),
 * results kept on the parcel with the scenario key they were computed for.
 */
import { analyseCarbon, ApiError } from '../../api.ts';
import { lang } from '../../i18n.ts';
import { areaHa, scenarioKey } from '../../parcels.ts';
import { patchParcel, type AppStore, type Parcel, type ParcelGeometry } from '../../state.ts';

/**
 * The one area of a parcel the workbench shows: the API's ellipsoidal area of the analysed geometry
 * (repaired, clipped to the data) once there is a result for its shape, else the drawn shape's
 * spherical area (turf), marked as not yet analysed. Edits clear the result, so it never goes stale.
 */
export function parcelAreaHa(p: Parcel): { ha: number; analysed: boolean } {
  return p.result ? { ha: p.result.area_ha, analysed: true } : { ha: areaHa(p.geometry), analysed: false };
}

export interface Analyses {
  /** Analyse the parcel for the store's scenario unless its result or a request for the same geometry and scenario is there (`force`: always). */
  run(p: Parcel, force?: boolean): Promise<void>;
  /** True when the parcel has a current result, an error, or a request for them in flight. */
  settledOrRunning(p: Parcel): boolean;
}

export function createAnalyses(store: AppStore): Analyses {
  const inFlight = new Map<string, { ctrl: AbortController; geometry: ParcelGeometry; key: string; done: Promise<void> }>();
  const setAnalysing = (id: string, on: boolean) => store.update((s) => ({ analysing: on ? [...s.analysing.filter((x) => x !== id), id] : s.analysing.filter((x) => x !== id) }));
  const running = (p: Parcel, key: string) => {
    const f = inFlight.get(p.id);
    return f && f.geometry === p.geometry && f.key === key ? f : undefined;
  };
  return {
    settledOrRunning(p) {
      const key = scenarioKey(store.get().scenario);
      return Boolean(p.error || (p.result && p.resultKey === key) || running(p, key));
    },
    run(p, force = false) {
      const { scenario } = store.get();
      const key = scenarioKey(scenario);
      if (!force && p.result && p.resultKey === key) return Promise.resolve();
      const same = running(p, key);
      if (!force && same) return same.done;
      inFlight.get(p.id)?.ctrl.abort();
      const ctrl = new AbortController();
      const geometry = p.geometry;
      const requestLang = lang();
      patchParcel(store, p.id, { error: undefined });
      setAnalysing(p.id, true);
      const done = analyseCarbon(geometry, scenario, ctrl.signal)
        .then((result) => {
          // A parcel edited meanwhile keeps waiting for the answer about its new shape.
          const now = store.get().parcels.find((x) => x.id === p.id);
          if (now?.geometry === geometry) patchParcel(store, p.id, { result, resultKey: key, error: undefined });
        })
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          const err = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
          patchParcel(store, p.id, { result: undefined, resultKey: undefined, error: { status: err.status, message: err.message, lang: requestLang } });
        })
        .finally(() => {
          if (inFlight.get(p.id)?.ctrl !== ctrl) return;
          inFlight.delete(p.id);
          setAnalysing(p.id, false);
        });
      inFlight.set(p.id, { ctrl, geometry, key, done });
      return done;
    },
  };
}
