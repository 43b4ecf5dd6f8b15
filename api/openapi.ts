/**
 * Request validation and the OpenAPI document from the same zod schemas: a route
 * declares its operation once (`describe`) and validates with `parseJson`/`parseQuery`.
 */
import { z } from 'zod';
import type { Context } from 'hono';
import { ProblemError } from './problem.ts';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tags: string[];
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  responseType?: string;
}

const operations: Operation[] = [];

/** Register an operation for /api/openapi.json; returns it for the route to use its schemas. */
export function describe<T extends Operation>(op: T): T {
  if (!operations.some((o) => o.method === op.method && o.path === op.path)) operations.push(op);
  return op;
}

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}

export function parseQuery<T extends z.ZodObject>(c: Context, schema: T): z.infer<T> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw new ProblemError(400, 'Invalid query parameters', issuesText(r.error));
  return r.data;
}

export async function parseJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ProblemError(400, 'Body is not JSON', 'Send a JSON body with content-type application/json.');
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new ProblemError(422, 'Invalid request body', issuesText(r.error));
  return r.data;
}

function toPathTemplate(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

export function openApiDocument(version: string): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const p = toPathTemplate(op.path);
    const params = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.query) {
      for (const [name, s] of Object.entries(op.query.shape)) {
        params.push({ name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: z.toJSONSchema(s as z.ZodType, { io: 'input', unrepresentable: 'any' }) as never });
      }
    }
    paths[p] ??= {};
    paths[p][op.method] = {
      summary: op.summary,
      tags: op.tags,
      parameters: params.length ? params : undefined,
      requestBody: op.body
        ? { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } } }
        : undefined,
      responses: {
        '200': {
          description: 'OK',
          content: { [op.responseType ?? 'application/json']: { schema: op.response ? z.toJSONSchema(op.response, { unrepresentable: 'any' }) : {} } },
        },
        default: { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'tantu 碳图 API', version, description: 'Carbon sinks, PV/wind siting and EV charging coverage for Zhejiang.' },
    paths,
    components: {
      schemas: {
        Problem: {
          type: 'object',
          required: ['title', 'status', 'detail'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
        },
      },
    },
  };
}
