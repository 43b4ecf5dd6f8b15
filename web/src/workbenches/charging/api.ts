/** The charging endpoints as the workbench calls them (types from the server's schemas, type-only). */
import { getJson } from '../../api.ts';
import type { ChargingCoverage, Isochrones, Sites, SitesRequest, Uncovered, WhatIf, WhatIfRequest } from '../../../../api/schemas/charging.ts';

export type { ChargingCoverage, Isochrones, Sites, SitesRequest, Uncovered, WhatIf, WhatIfRequest };

const json = (body: unknown, signal?: AbortSignal): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });

export const fetchCoverage = (peak: boolean, signal?: AbortSignal) => getJson<ChargingCoverage>(`/api/charging/coverage?peak=${peak}`, { signal });
export const fetchIsochrones = (peak: boolean, signal?: AbortSignal) => getJson<Isochrones>(`/api/charging/isochrones?minutes=5,15,30&peak=${peak}`, { signal });
export const fetchUncovered = (peak: boolean, signal?: AbortSignal) => getJson<Uncovered>(`/api/charging/uncovered?peak=${peak}`, { signal });
export const postWhatIf = (body: WhatIfRequest, signal?: AbortSignal) => getJson<WhatIf>('/api/charging/what-if', json(body, signal));
export const postSites = (body: SitesRequest, signal?: AbortSignal) => getJson<Sites>('/api/charging/sites', json(body, signal));
