/** The indicator API as the workbench calls it: indicators, the session, new targets (types from the server's schemas, type-only). */
import type { z } from '@hono/zod-openapi';
import { ApiError } from '../../api.ts';
import { lang } from '../../i18n.ts';
import type { Indicator, Indicators, NewTarget } from '../../../../api/schemas/indicators.ts';
import type { SessionSchema } from '../../../../api/schemas/auth.ts';

export type { Indicator, Indicators, NewTarget };
export type Session = z.infer<typeof SessionSchema>;

/** JSON over fetch with the session cookie; problem+json becomes an ApiError in the interface's language. */
async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin', headers: { 'accept-language': lang() === 'en' ? 'en' : 'zh-CN', ...(init.headers as Record<string, string> | undefined) } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Network error', (e as Error).message);
  }
  if (!res.ok) {
    let title = res.statusText || `HTTP ${res.status}`, detail = '';
    try { const b = await res.json(); title = String(b.title ?? title); detail = String(b.detail ?? ''); } catch { /* not JSON */ }
    throw new ApiError(res.status, title, detail);
  }
  return (await res.json()) as T;
}

export const fetchIndicators = (region: string, signal?: AbortSignal) =>
  request<Indicators>(`/api/indicators?region=${encodeURIComponent(region)}&children=1`, { signal });

export const fetchSession = () => request<Session>('/api/auth/session');

/** POST /api/indicators/targets with the session's CSRF token; answers the stored target's id. */
export const saveTarget = (body: NewTarget, csrf: string | null) =>
  request<{ id: number }>('/api/indicators/targets', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) } });
