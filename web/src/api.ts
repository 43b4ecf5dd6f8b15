/** The tantu HTTP API as the web app sees it: types and fetch helpers (same origin, no external requests). */

import { lang } from './i18n.ts';

// The server's own types (type-only imports: erased from the bundle), so the two cannot drift.
import type { CatalogEntry } from '../../api/schemas/platform.ts';
import type { LegendEntry } from '../../api/store/catalog.ts';
import type { CarbonAnalysis } from '../../api/services/carbon-analysis.ts';
import type { StandCarbon } from '../../api/schemas/carbon.ts';
import type { RasterValue } from '../../api/schemas/raster-value.ts';
import type { PvAnalysis, PvRequest, WindAnalysis, WindRequest } from '../../api/schemas/energy.ts';
import type { CarbonScenario, PoolStock } from '../../layers/carbon/parcel.ts';

export type { Legend } from '../../api/store/catalog.ts';
export type LegendClass = LegendEntry;
export type LayerInfo = CatalogEntry;
export type Pools = PoolStock;
export type CarbonResult = CarbonAnalysis;
export type CarbonClass = CarbonAnalysis['classes'][number];
export type ProjectionRow = CarbonAnalysis['projection'][number];
export type Range = Pick<CarbonAnalysis['total']['range'], 'p5' | 'p50' | 'p95'>;
export type { RasterValue };
export type { StandCarbon, PvAnalysis, PvRequest, WindAnalysis, WindRequest };
export type Scenario = Pick<CarbonScenario, 'methodology' | 'crediting_years' | 'price_scenario' | 'discount_rate_pct'>;

/** An API error (problem+json) or a network failure, with a message fit to show. */
export class ApiError extends Error {
  constructor(public status: number, public title: string, public detail: string) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

async function problem(res: Response): Promise<ApiError> {
  let title = res.statusText || `HTTP ${res.status}`;
  let detail = '';
  try {
    const body = await res.json();
    if (body && typeof body === 'object') {
      title = String(body.title ?? title);
      detail = String(body.detail ?? '');
    }
  } catch { /* not JSON */ }
  return new ApiError(res.status, title, detail);
}

/** Problems come back in the interface's language (the server answers by Accept-Language). */
function withLanguage(init?: RequestInit): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set('accept-language', lang() === 'en' ? 'en' : 'zh-CN');
  return { ...init, headers };
}

/** JSON from the API (same origin, with the session cookie); a problem+json answer or a network failure as an ApiError, an abort as the AbortError it is. */
export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, withLanguage(init));
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Network error', (e as Error).message);
  }
  if (!res.ok) throw await problem(res);
  if (res.status === 204) return undefined as T; // e.g. a DELETE: nothing to read
  return (await res.json()) as T;
}

export async function fetchLayers(): Promise<LayerInfo[]> {
  return (await getJson<{ layers: LayerInfo[] }>('api/layers')).layers;
}

export async function fetchRegions(level: 'county' | 'township' | 'village'): Promise<GeoJSON.FeatureCollection> {
  return getJson<GeoJSON.FeatureCollection>(`api/regions?level=${level}`);
}

export function analyseCarbon(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, scenario: Scenario, signal?: AbortSignal): Promise<CarbonResult> {
  return postJson<CarbonResult>('api/analysis/carbon', { geometry, scenario }, signal);
}

/** One stand's (小班) carbon per hectare: the map's stand popup (no parcel analysis). */
export async function fetchStandCarbon(id: string, signal?: AbortSignal): Promise<StandCarbon> {
  return getJson<StandCarbon>(`api/stands/${encodeURIComponent(id)}/carbon`, { signal });
}

function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return getJson<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
    body: JSON.stringify(body),
    signal,
  });
}

/** PV yield of a point or parcel (POST /api/analysis/pv). */
export function analysePv(req: PvRequest, signal?: AbortSignal): Promise<PvAnalysis> {
  return postJson<PvAnalysis>('api/analysis/pv', req, signal);
}

/** The hourly PV series as CSV text (UTF-8 with BOM). */
export async function pvHourlyCsv(req: PvRequest): Promise<Blob> {
  const res = await fetch('api/analysis/pv?format=csv', withLanguage({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) }));
  if (!res.ok) throw await problem(res);
  return res.blob();
}

/** Wind yield of a point or parcel (POST /api/analysis/wind). */
export function analyseWind(req: WindRequest, signal?: AbortSignal): Promise<WindAnalysis> {
  return postJson<WindAnalysis>('api/analysis/wind', req, signal);
}

export interface TurbineInfo { id: string; name: string; rated_kw: number; rotor_diameter_m: number; hub_heights_m: number[] }

export async function fetchTurbines(): Promise<TurbineInfo[]> {
  return (await getJson<{ turbines: TurbineInfo[] }>('api/wind/turbines')).turbines;
}

/** The value of a raster layer under a point (GET /api/layers/{id}/value): the map's readout. */
export function fetchRasterValue(id: string, lon: number, lat: number, signal?: AbortSignal): Promise<RasterValue> {
  return getJson<RasterValue>(`api/layers/${encodeURIComponent(id)}/value?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`, { signal });
}
