/**
 * The error services and routes throw to answer with an RFC 9457 problem document: an HTTP
 * status, a title and a detail that says what was wrong and how to fix it, optional extension
 * members, and optionally the title and detail in Chinese (`zh`), which the answer carries
 * unless the caller's Accept-Language prefers English. api/middleware/problem.ts turns it into
 * the response.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A problem's title and detail in one language. */
export interface ProblemText {
  title: string;
  detail: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    /** The title and detail in Chinese (zh-CN). */
    readonly zh?: ProblemText,
  ) {
    super(detail);
  }
}

/**
 * The first `n` of `items` joined for a detail, then how many more there are, in English and
 * Chinese ("…; and 1,999,990 more" / "…；另有 1,999,990 处"), so a detail stays short however
 * many problems a request has. `total` is the number of problems when `items` holds only the first.
 */
export function firstOf(items: readonly string[], n = 10, total = items.length): { en: string; zh: string } {
  const shown = items.slice(0, n);
  const more = total - shown.length;
  const count = more.toLocaleString('en-US');
  return {
    en: shown.join('; ') + (more > 0 ? `; and ${count} more` : ''),
    zh: shown.join('；') + (more > 0 ? `；另有 ${count} 处` : ''),
  };
}
