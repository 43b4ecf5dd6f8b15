/** The Hono app, built from routers. Routes do HTTP only; services and stores do the work. */
import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { openApiDocument } from './openapi.ts';
import { ProblemError, problemResponse } from './problem.ts';
import { healthRouter } from './routes/health.ts';
import { layersRouter } from './routes/layers.ts';
import { regionsRouter } from './routes/regions.ts';
import { analysisRouter } from './routes/analysis.ts';
import { paramsRouter } from './routes/params.ts';
import { tilesRouter } from './routes/tiles.ts';
import { standsRouter } from './routes/stands.ts';

export interface AppDeps {
  db: Database;
  config: Config;
  version: string;
}

export const WEB_DIST = 'dist/web';

export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err.status, err.title, err.detail, err.extensions);
    console.error(`[${c.req.method} ${c.req.path}]`, err);
    return problemResponse(c, 500, 'Internal error', 'The server could not complete this request; it has been logged. Try again, or report it with the time of the request.');
  });

  app.use('/api/*', bodyLimit({
    maxSize: deps.config.maxBodyMb * 1024 * 1024,
    onError: (c) => problemResponse(c, 413, 'Request too large',
      `The request body is larger than ${deps.config.maxBodyMb} MB. Simplify or split the geometry (or raise TANTU_MAX_BODY_MB).`),
  }));
  app.route('/api', healthRouter(deps));
  app.route('/api', layersRouter(deps));
  app.route('/api', regionsRouter(deps));
  app.route('/api', analysisRouter(deps));
  app.route('/api', paramsRouter(deps));
  app.route('/api', standsRouter(deps));
  app.route('/tiles', tilesRouter(deps));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(deps.version)));

  app.all('/api/*', (c) => problemResponse(c, 404, 'Not found', `No API endpoint ${c.req.method} ${c.req.path}. See /api/openapi.json for the list.`));

  if (existsSync(WEB_DIST)) {
    app.use('/*', serveStatic({ root: WEB_DIST }));
  } else {
    app.get('/', (c) => c.html('<!doctype html><meta charset="utf-8"><title>tantu 碳图</title><h1>tantu 碳图</h1><p>The web app is not built: run <code>npm run build:web</code>.</p>'));
  }
  return app;
}
