/** GET /api/indicators as the workbench calls it (types from the server's schemas, type-only). */
import { ApiError } from '../../api.ts';
import { lang } from '../../i18n.ts';
import type { Indicator, Indicators } from '../../../../api/schemas/indicators.ts';

export type { Indicator, Indicators };

export async function fetchIndicators(region: string, signal?: AbortSignal): Promise<Indicators> {
  let res: Response;
  try {
    res = await fetch(`/api/indicators?region=${encodeURIComponent(region)}&children=1`, { signal, headers: { 'accept-language': lang() === 'en' ? 'en' : 'zh-CN' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Network error', (e as Error).message);
  }
  if (!res.ok) {
    let title = res.statusText || `HTTP ${res.status}`, detail = '';
    try { const b = await res.json(); title = String(b.title ?? title); detail = String(b.detail ?? ''); } catch { /* not JSON */ }
    throw new ApiError(res.status, title, detail);
  }
  return (await res.json()) as Indicators;
}
