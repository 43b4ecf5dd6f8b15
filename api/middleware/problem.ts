/**
 * RFC 9457 problem details: every API error answers application/problem+json with a title and a
 * detail that says what to fix — never a stack trace. `problemHandler` is the app's onError:
 * ProblemError → its status; a model's ModelInputError (layers/core/errors.ts) → 422, by type, never by message;
 * Hono's HTTPException (e.g. malformed JSON seen by a validator) → its status; anything else → 500,
 * logged.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ModelInputError } from '../../layers/core/errors.ts';
import type { Problem } from '../schemas/problem.ts';
import { ProblemError } from '../services/problem.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemResponse(c: Context, status: ContentfulStatusCode, title: string, detail: string, extensions: Record<string, unknown> = {}): Response {
  const body: Problem = { type: 'about:blank', title, status, detail, ...extensions };
  return c.body(JSON.stringify(body), status, { 'content-type': PROBLEM_CONTENT_TYPE });
}

const HTTP_TITLES: Partial<Record<number, [string, string]>> = {
  400: ['Bad request', 'The request could not be read: send JSON with content-type application/json, or see /api/openapi.json.'],
  401: ['Authorisation required', 'Send the header "Authorization: Bearer <token>".'],
  404: ['Not found', 'See /api/openapi.json for the endpoints.'],
  413: ['Request too large', 'Send a smaller request body.'],
};

export const problemHandler: ErrorHandler = (err, c) => {
  if (err instanceof ProblemError) return problemResponse(c, err.status, err.title, err.detail, err.extensions);
  if (err instanceof ModelInputError) return problemResponse(c, 422, err.title, err.detail, { code: err.code, ...err.extensions });
  if (err instanceof HTTPException && err.status < 500) {
    const [title, hint] = HTTP_TITLES[err.status] ?? [`HTTP ${err.status}`, ''];
    return problemResponse(c, err.status as ContentfulStatusCode, title, err.message ? `${err.message}. ${hint}`.trim() : hint);
  }
  console.error(`[${c.req.method} ${c.req.path}]`, err);
  return problemResponse(c, 500, 'Internal error', 'The server could not complete this request; it has been logged. Try again, or report it with the time of the request.');
};
