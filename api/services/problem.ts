/**
 * The error services and routes throw to answer with an RFC 9457 problem document: an HTTP
 * status, a title and a detail that says what was wrong and how to fix it, and optional
 * extension members. api/middleware/problem.ts turns it into the response.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

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
