/**
 * The app under test, on the database the global setup prepared (see test/setup/database.ts).
 * Every answer a test receives is first checked against the response schema its OpenAPI
 * operation declares (problem+json against the Problem schema), so the document cannot drift
 * from what the API really sends.
 */
import { inject } from 'vitest';
import type { z } from '@hono/zod-openapi';
import { createApp } from '../../api/app.ts';
import { readConfig, type Config } from '../../api/config.ts';
import { connectTo, SESSION_OPTIONS, type Database } from '../../api/store/connect.ts';
import { VERSION } from '../../api/version.ts';
import { ProblemSchema } from '../../api/schemas/problem.ts';

export function testDatabase(): Database {
  const url = inject('databaseUrl');
  const sql = connectTo(url, { max: 1, ...SESSION_OPTIONS }); // the app's session settings
  return { sql, url, backend: inject('backend'), close: () => sql.end() };
}

type App = ReturnType<typeof createApp>;
interface Operation { method: string; pattern: RegExp; responses: Record<string, { content?: Record<string, { schema: z.ZodType }> }> }

function operationsOf(app: App): Operation[] {
  return app.openAPIRegistry.definitions.flatMap((d) => {
    if (d.type !== 'route') return [];
    const pattern = new RegExp(`^${d.route.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
    return [{ method: d.route.method.toUpperCase(), pattern, responses: d.route.responses as Operation['responses'] }];
  });
}

/** Throws when `res` does not match the schema its operation declares for its status and media type. */
export async function checkResponse(operations: Operation[], method: string, path: string, res: Response): Promise<void> {
  if (res.status === 204 || res.status === 304) return;
  const mediaType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  const op = operations.find((o) => o.method === method && o.pattern.test(path));
  let schema: z.ZodType | undefined;
  if (mediaType === 'application/problem+json') schema = ProblemSchema;
  else if (op) {
    const declared = op.responses[String(res.status)] ?? op.responses.default;
    if (!declared) throw new Error(`${method} ${path} answered ${res.status}, which its OpenAPI operation does not declare`);
    const content = declared.content?.[mediaType];
    if (!content) throw new Error(`${method} ${path} answered ${res.status} as ${mediaType}, not a media type its operation declares (${Object.keys(declared.content ?? {}).join(', ')})`);
    schema = content.schema;
  }
  if (!schema || !/json$/.test(mediaType)) return;
  const r = schema.safeParse(await res.clone().json());
  if (!r.success) {
    throw new Error(`${method} ${path} (${res.status}) does not match its response schema: ${r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
}

/** The app on `db`, with the test settings and any of `overrides` (e.g. trustProxy). */
export function testApp(db: Database = testDatabase(), overrides: Partial<Config> = {}) {
  const config = { ...readConfig({}), dataDir: inject('dataDir'), databaseUrl: db.url, loadDemo: false, adminToken: 'test-admin-token', ...overrides };
  const inner = createApp({ db, config, version: VERSION });
  const operations = operationsOf(inner);
  const request: App['request'] = async (input, init, env, ctx) => {
    const res = await inner.request(input, init, env, ctx);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    await checkResponse(operations, (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(), url.pathname, res);
    return res;
  };
  return { app: { request, fetch: inner.fetch }, db };
}
