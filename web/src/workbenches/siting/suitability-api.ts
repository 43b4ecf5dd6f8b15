/** Fetch helpers of the siting suitability endpoints (types from the server's schemas, type-only). */
import type {
  AhpResult, SitingParcel, SitingPoint, SitingRules, SitingZones, SuitabilityRequest, SuitabilityResult as Suitability,
} from '../../../../api/schemas/siting.ts';
import { lang } from '../../i18n.ts';

export type { AhpResult, SitingParcel, SitingPoint, SitingRules, SitingZones, Suitability, SuitabilityRequest };
export type Family = 'pv' | 'wind';

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept-language', lang() === 'en' ? 'en' : 'zh-CN');
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) {
    let msg = `HTTP ${res.status}`;
    try { const p = await res.json(); msg = p.detail ? `${p.title}: ${p.detail}` : String(p.title ?? msg); } catch { /* not JSON */ }
    throw new Error(msg);
  }
  return res.json() as Promise<T>;
}

export const fetchSitingRules = () => call<SitingRules>('api/siting/rules');
export const postAhp = (criteria: string[], matrix: number[][]) => call<AhpResult>('api/siting/ahp', { method: 'POST', body: JSON.stringify({ criteria, matrix }) });
export const postSuitability = (family: Family, req: SuitabilityRequest, signal?: AbortSignal) =>
  call<Suitability>(`api/siting/${family}/suitability`, { method: 'POST', body: JSON.stringify(req), signal });
export const fetchPoint = (family: Family, scenario: string, lon: number, lat: number, signal?: AbortSignal) =>
  call<SitingPoint>(`api/siting/${family}/point?lon=${lon}&lat=${lat}&scenario=${scenario}`, { signal });
export const fetchZones = (family: Family, scenario: string, q: { min_s: number; top_n: number }) =>
  call<SitingZones>(`api/siting/${family}/zones?scenario=${scenario}&min_s=${q.min_s}&top_n=${q.top_n}&limit=50&runs=500`);
export const postParcel = (body: { geometry: unknown; scenario: string }) => call<SitingParcel>('api/analysis/siting', { method: 'POST', body: JSON.stringify(body) });

/** A PNG tile as an ImageBitmap (null for 204). */
export async function fetchTilePng(url: string, signal?: AbortSignal): Promise<ImageBitmap | null> {
  const res = await fetch(url, { signal });
  if (res.status === 204 || !res.ok) return null;
  return createImageBitmap(await res.blob());
}
