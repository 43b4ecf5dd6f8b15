/** The indicator API as the workbench calls it: indicators, the session, new targets (types from the server's schemas, type-only). */
import type { z } from '@hono/zod-openapi';
import { getJson } from '../../api.ts';
import type { Indicator, Indicators, NewTarget } from '../../../../api/schemas/indicators.ts';
import type { SessionSchema } from '../../../../api/schemas/auth.ts';

export type { Indicator, Indicators, NewTarget };
export type Session = z.infer<typeof SessionSchema>;

export const fetchIndicators = (region: string, signal?: AbortSignal) =>
  getJson<Indicators>(`/api/indicators?region=${encodeURIComponent(region)}&children=1`, { signal });

export const fetchSession = () => getJson<Session>('/api/auth/session');

/** POST /api/indicators/targets with the session's CSRF token; answers the stored target's id. */
export const saveTarget = (body: NewTarget, csrf: string | null) =>
  getJson<{ id: number }>('/api/indicators/targets', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) } });
