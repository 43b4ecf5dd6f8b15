import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { describe } from '../openapi.ts';

const Health = z.object({
  status: z.literal('ok'),
  backend: z.enum(['embedded', 'server']),
  postgres_version: z.string(),
  postgis_version: z.string(),
  version: z.string(),
});

const op = describe({ method: 'get', path: '/api/health', summary: 'Service status and database backend', tags: ['platform'], response: Health });

export function healthRouter({ db, version }: AppDeps) {
  return new Hono().get('/health', async (c) => {
    const [row] = await db.sql<{ pg: string; postgis: string }[]>`
      SELECT current_setting('server_version') pg, postgis_lib_version() postgis`;
    return c.json(op.response.parse({ status: 'ok', backend: db.backend, postgres_version: row.pg, postgis_version: row.postgis, version }));
  });
}
