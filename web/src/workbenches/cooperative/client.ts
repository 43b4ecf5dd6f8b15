/**
 * The cooperative workbench's API client: JSON over fetch with the session cookie (same origin),
 * the CSRF token on every write, problem+json turned into ApiError in the interface's language.
 * Types come from the API's schemas (type-only imports).
 */
import type { z } from '@hono/zod-openapi';
import type * as S from '../../../../api/schemas/ledger.ts';
import type { SessionSchema } from '../../../../api/schemas/auth.ts';
import { ApiError } from '../../api.ts';
import { lang } from '../../i18n.ts';

export type Session = z.infer<typeof SessionSchema>;
export type Project = z.infer<typeof S.ProjectSchema>;
export type ProjectDetail = z.infer<typeof S.ProjectDetailSchema>;
export type Party = z.infer<typeof S.PartySchema>;
export type Block = z.infer<typeof S.BlockSchema>;
export type Listing = z.infer<typeof S.ListingSchema>;
export type Purchase = z.infer<typeof S.PurchaseSchema>;
export type Pledge = z.infer<typeof S.PledgeSchema>;
export type Retirement = z.infer<typeof S.RetirementSchema>;
export type Payout = z.infer<typeof S.PayoutSchema>;
export type Statement = z.infer<typeof S.StatementSchema>;
export type Registry = z.infer<typeof S.RegistrySchema>;
export type Verify = z.infer<typeof S.VerifySchema>;

let csrf: string | null = null;
export const setCsrf = (t: string | null) => { csrf = t; };

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': lang() === 'en' ? 'en' : 'zh-CN' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'Network error', (e as Error).message);
  }
  if (!res.ok) {
    let title = `HTTP ${res.status}`, detail = '';
    try { const b = await res.json(); title = String(b.title ?? title); detail = String(b.detail ?? ''); } catch { /* not JSON */ }
    throw new ApiError(res.status, title, detail);
  }
  return (await res.json()) as T;
}

export async function downloadCsv(path: string, filename: string): Promise<void> {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, `HTTP ${res.status}`, '');
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
