/** The tantu HTTP API as the web app sees it: types and fetch helpers (same origin, no external requests). */

export interface LegendClass { value: number; color: string; label_zh: string; label_en: string }
export type Legend =
  | { type: 'classes'; classes: LegendClass[] }
  | { type: 'ramp'; unit: string; stops: { value: number; color: string }[] }
  | { type: 'style'; color: string; fill?: string; width?: number }
  | { type: 'hillshade' };

export interface LayerInfo {
  id: string;
  title_zh: string;
  title_en: string;
  kind: 'vector' | 'raster';
  unit: string | null;
  legend: Legend;
  bounds: [number, number, number, number] | null;
  minzoom: number;
  maxzoom: number;
  tiles: string;
  tilejson: string;
  source: string;
  synthetic: boolean;
  attribution: string | null;
}

export interface Pools { above: number; below: number; soil: number; dead: number; total: number }

export interface CarbonClass {
  class: string;
  code: number;
  name_zh: string;
  name_en: string;
  area_ha: number;
  stock_tC: Pools;
  sink_tCO2e_per_yr: number;
}

export interface Range { p5: number; p50: number; p95: number; of?: string; runs?: number; seed?: number }

export interface ProjectionRow { year: number; baseline_tCO2e: number; project_tCO2e: number; creditable_tCO2e: number; [k: string]: unknown }

export interface CarbonResult {
  area_ha: number;
  area_mu: number;
  classes: CarbonClass[];
  total: {
    stock_tC: Pools | number;
    stock_tCO2e: number;
    sink_tCO2e_per_yr: number;
    /** Stock per pool, t C (when stock_tC is the plain total). */
    pools_tC?: Pools;
    /** Monte Carlo range of stock_tCO2e. */
    range?: Range;
    /** Monte Carlo range of sink_tCO2e_per_yr. */
    sink_range?: Range;
  };
  eligibility?: { methodology: string; eligible: boolean; reasons: { code: string; blocking: boolean; zh: string; en: string }[] };
  credits?: { total_creditable_tCO2e: number; uncertainty_deduction: number; buffer_fraction: number; activity_area_ha: number };
  dominant_parameters?: { name: string; rank_correlation_stock: number; rank_correlation_sink: number; source: string }[];
  projection: ProjectionRow[];
  value?: {
    npv_cny: number;
    undiscounted_cny: number;
    price_cny_per_tCO2e: number;
    discount_rate_pct?: number;
    price_growth_pct?: number;
    split?: Record<string, unknown>;
    [k: string]: unknown;
  };
  stands?: Record<string, unknown>[];
  warnings?: unknown[];
  params?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface Scenario {
  methodology?: string;
  crediting_years?: number;
  price_scenario?: 'low' | 'central' | 'high';
  discount_rate_pct?: number;
}

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

/** Total stock in t C whether the API gives a number or a per-pool object. */
export function totalStockTC(r: CarbonResult): number {
  const s = r.total.stock_tC;
  return typeof s === 'number' ? s : s.total;
}
