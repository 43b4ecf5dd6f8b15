/**
 * Routers with their OpenAPI operations defined once (@hono/zod-openapi): a route's zod schemas
 * validate its input, type its handler and generate /api/openapi.json; the API tests check every
 * answer against the response schema of its operation (test/setup/app.ts).
 */
import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Sql } from 'postgres';
import type { Config } from '../config.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { ProblemSchema } from '../schemas/problem.ts';
import { firstOf, ProblemError } from '../services/problem.ts';

/** What routers are built from: the database handle, the settings and the version. */
export interface AppDeps {
  db: { sql: Sql; backend: 'embedded' | 'server' };
  config: Config;
  version: string;
}

/** Responses every operation may give besides its own: a problem document. */
export const problemResponses = {
  default: { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: ProblemSchema } } },
} satisfies RouteConfig['responses'];

export function jsonResponse<T extends z.ZodType>(schema: T, description: string, mediaType = 'application/json') {
  return { description, content: { [mediaType]: { schema } } } as { description: string; content: Record<string, { schema: T }> };
}

/** The first issues of a validation error, each naming its field, then how many more there are. */
function issuesText(error: z.ZodError): { en: string; zh: string } {
  return firstOf(error.issues.slice(0, 10).map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`), 10, error.issues.length);
}

const TITLES = {
  json: ['Invalid request body', '请求体无效'],
  query: ['Invalid query parameters', '查询参数无效'],
  param: ['Invalid path parameters', '路径参数无效'],
} as const;

/** A router whose validation failures answer problem+json: 422 for a body, 400 for the query or path. */
export function router() {
  return new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const text = issuesText(result.error);
      const [en, zh] = TITLES[result.target as keyof typeof TITLES] ?? TITLES.param;
      throw new ProblemError(result.target === 'json' ? 422 : 400, en, text.en, { issue_count: result.error.issues.length }, { title: zh, detail: text.zh });
    },
  });
}
