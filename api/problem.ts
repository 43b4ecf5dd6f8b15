/** RFC 9457 problem details: every API error is application/problem+json with a message that says what to fix. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** An error a route throws to answer with a problem document (never a stack trace). */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export function problemResponse(c: Context, status: ContentfulStatusCode, title: string, detail: string, extensions: Record<string, unknown> = {}) {
  const body: Problem = { type: 'about:blank', title, status, detail, ...extensions };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json; charset=utf-8' });
}
