/** The tantu HTTP API as the web app sees it: types and fetch helpers (same origin, no external requests). */

// The server's own types (type-only imports: erased from the bundle), so the two cannot drift.
import type { CatalogEntry } from '../../api/schemas/platform.ts';
import type { LegendEntry } from '../../api/store/catalog.ts';
import type { CarbonAnalysis } from '../../api/services/carbon-analysis.ts';
import type { StandCarbon } from '../../api/schemas/carbon.ts';
import type { CarbonScenario, PoolStock } from '../../layers/carbon/parcel.ts';

export type { Legend } from '../../api/store/catalog.ts';
export type LegendClass = LegendEntry;
export type LayerInfo = CatalogEntry;
export type Pools = PoolStock;
export type CarbonResult = CarbonAnalysis;
export type CarbonClass = CarbonAnalysis['classes'][number];
export type ProjectionRow = CarbonAnalysis['projection'][number];
export type Range = Pick<CarbonAnalysis['total']['range'], 'p5' | 'p50' | 'p95'>;
export type { StandCarbon };
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

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, 'Network error', (e as Error).message);
  }
  if (!res.ok) throw await problem(res);
  return (await res.json()) as T;
}

export async function fetchLayers(): Promise<LayerInfo[]> {
  return (await getJson<{ layers: LayerInfo[] }>('api/layers')).layers;
}

export async function fetchRegions(level: 'county' | 'township' | 'village'): Promise<GeoJSON.FeatureCollection> {
  return getJson<GeoJSON.FeatureCollection>(`api/regions?level=${level}`);
}

export async function analyseCarbon(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, scenario: Scenario, signal?: AbortSignal): Promise<CarbonResult> {
  return getJson<CarbonResult>('api/analysis/carbon', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
    body: JSON.stringify({ geometry, scenario }),
    signal,
  });
}

/** One stand's (小班) carbon per hectare: the map's stand popup (no parcel analysis). */
export async function fetchStandCarbon(id: string, signal?: AbortSignal): Promise<StandCarbon> {
  return getJson<StandCarbon>(`api/stands/${encodeURIComponent(id)}/carbon`, { signal });
}
