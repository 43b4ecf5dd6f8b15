/** The charging endpoints as the workbench calls them (types from the server's schemas, type-only). */
import { ApiError } from '../../api.ts';
import { lang } from '../../i18n.ts';
import type { ChargingCoverage, Isochrones, Sites, SitesRequest, Uncovered, WhatIf, WhatIfRequest } from '../../../../api/schemas/charging.ts';

export type { ChargingCoverage, Isochrones, Sites, SitesRequest, Uncovered, WhatIf, WhatIfRequest };

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const headers = new Headers(init?.headers);
  headers.set('accept-language', lang() === 'en' ? 'en' : 'zh-CN');
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers });
  } catch (e) {
    throw new ApiError(0, 'Network error', (e as Error).message);
  }
  if (!res.ok) {
    let title = res.statusText || `HTTP ${res.status}`, detail = '';
    try { const b = await res.json(); title = String(b.title ?? title); detail = String(b.detail ?? ''); } catch { /* not JSON */ }
    throw new ApiError(res.status, title, detail);
  }
  return (await res.json()) as T;
}

const json = (body: unknown, signal?: AbortSignal): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });

export const fetchCoverage = (peak: boolean, signal?: AbortSignal) => call<ChargingCoverage>(`/api/charging/coverage?peak=${peak}`, { signal });
export const fetchIsochrones = (peak: boolean, signal?: AbortSignal) => call<Isochrones>(`/api/charging/isochrones?minutes=5,15,30&peak=${peak}`, { signal });
export const fetchUncovered = (peak: boolean, signal?: AbortSignal) => call<Uncovered>(`/api/charging/uncovered?peak=${peak}`, { signal });
export const postWhatIf = (body: WhatIfRequest, signal?: AbortSignal) => call<WhatIf>('/api/charging/what-if', json(body, signal));
export const postSites = (body: SitesRequest, signal?: AbortSignal) => call<Sites>('/api/charging/sites', json(body, signal));
