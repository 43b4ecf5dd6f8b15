/**
 * RFC 9457 problem details: every API error answers application/problem+json with a title and a
 * detail that says what to fix — never a stack trace. `problemHandler` is the app's onError:
 * ProblemError → its status; a model's ModelInputError (layers/core/errors.ts) → 422, by type, never by message;
 * Hono's HTTPException (e.g. malformed JSON seen by a validator) → its status; anything else → 500,
 * logged.
 *
 * Bounded: a body is at most MAX_PROBLEM_BYTES (16 KB) however large the error — long strings are
 * cut, lists keep their first entries and say how many were left out, deep structures are cut.
 * In the caller's language: zh-CN unless Accept-Language prefers English (Content-Language and
 * Vary: Accept-Language say so); a problem without a Chinese text answers in English.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ModelInputError } from '../../layers/core/errors.ts';
import type { Problem } from '../schemas/problem.ts';
import { ProblemError, type ProblemText } from '../services/problem.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const MAX_PROBLEM_BYTES = 16 * 1024;
const MAX_TEXT_CHARS = 2000;
const MAX_LIST_ITEMS = 20;
const MAX_KEYS = 30;
const MAX_DEPTH = 4;

/** 'en' when the Accept-Language header ranks an English tag above every Chinese one, else 'zh'. */
export function preferredLanguage(acceptLanguage: string | undefined): 'zh' | 'en' {
  let en = -1;
  let zh = -1;
  for (const part of (acceptLanguage ?? '').slice(0, 1000).split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (!Number.isFinite(q)) continue;
    if (tag === 'en' || tag.startsWith('en-')) en = Math.max(en, q);
    else if (tag === 'zh' || tag.startsWith('zh-')) zh = Math.max(zh, q);
  }
  return en > 0 && en > zh ? 'en' : 'zh';
}

const cut = (s: string, max = MAX_TEXT_CHARS) => (s.length > max ? `${s.slice(0, max)}… (${(s.length - max).toLocaleString('en-US')} more characters)` : s);

/** A copy of `v` small enough to answer: strings, lists, objects and depth cut to the limits above. */
function bounded(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return cut(v, 500);
  if (v === null || typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(v)) {
    const items = v.slice(0, MAX_LIST_ITEMS).map((x) => bounded(x, depth + 1));
    return v.length > MAX_LIST_ITEMS ? [...items, `… and ${(v.length - MAX_LIST_ITEMS).toLocaleString('en-US')} more`] : items;
  }
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    if (n++ === MAX_KEYS) { out['…'] = 'more members left out'; break; }
    out[cut(k, 100)] = bounded((v as Record<string, unknown>)[k], depth + 1);
  }
  return out;
}

/**
 * Answers a problem document: `en` always, `zh` when given and the caller does not prefer
 * English. The body never exceeds MAX_PROBLEM_BYTES.
 */
export function problemResponse(c: Context, status: ContentfulStatusCode, title: string, detail: string, extensions: Record<string, unknown> = {}, zh?: ProblemText): Response {
  const text = zh && preferredLanguage(c.req.header('accept-language')) === 'zh' ? { lang: 'zh-CN', ...zh } : { lang: 'en', title, detail };
  const head = { type: 'about:blank', title: cut(text.title, 200), status, detail: cut(text.detail) };
  let json = JSON.stringify({ ...(bounded(extensions) as object), ...head } satisfies Problem);
  if (new TextEncoder().encode(json).length > MAX_PROBLEM_BYTES) json = JSON.stringify({ ...head, extensions_omitted: true } satisfies Problem);
  c.header('vary', 'Accept-Language', { append: true });
  return c.body(json, status, { 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': text.lang });
}

/** Title and hint of the problems the HTTP layer itself produces, in English and Chinese. */
const HTTP_TITLES: Partial<Record<number, { en: [string, string]; zh: [string, string] }>> = {
  400: { en: ['Bad request', 'The request could not be read: send JSON with content-type application/json, or see /api/openapi.json.'],
    zh: ['请求无法读取', '请以 content-type application/json 发送 JSON，或参阅 /api/openapi.json。'] },
  401: { en: ['Authorisation required', 'Send the header "Authorization: Bearer <token>".'], zh: ['需要授权', '请发送请求头 “Authorization: Bearer <令牌>”。'] },
  404: { en: ['Not found', 'See /api/openapi.json for the endpoints.'], zh: ['未找到', '接口列表见 /api/openapi.json。'] },
  413: { en: ['Request too large', 'Send a smaller request body.'], zh: ['请求过大', '请发送更小的请求体。'] },
};

export const problemHandler: ErrorHandler = (err, c) => {
  if (err instanceof ProblemError) return problemResponse(c, err.status, err.title, err.detail, err.extensions, err.zh);
  if (err instanceof ModelInputError) return problemResponse(c, 422, err.title, err.detail, { code: err.code, ...err.extensions }, err.zh);
  if (err instanceof HTTPException && err.status < 500) {
    const t = HTTP_TITLES[err.status];
    const [title, hint] = t?.en ?? [`HTTP ${err.status}`, ''];
    return problemResponse(c, err.status as ContentfulStatusCode, title, err.message ? `${err.message}. ${hint}`.trim() : hint, {},
      t && { title: t.zh[0], detail: err.message ? `${err.message}。${t.zh[1]}` : t.zh[1] });
  }
  console.error(`[${c.req.method} ${c.req.path}]`, err);
  return problemResponse(c, 500, 'Internal error', 'The server could not complete this request; it has been logged. Try again, or report it with the time of the request.', {},
    { title: '服务器内部错误', detail: '服务器未能完成此请求，已记录。请重试，或报告请求的时间。' });
};
