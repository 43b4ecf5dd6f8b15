/** The Hono app, built from routers. Routes do HTTP only; services and stores do the work. */
import { existsSync } from 'node:fs';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Config } from './config.ts';
import { identify, type AuthEnv } from './middleware/auth.ts';
import { requireJsonBody } from './middleware/content-type.ts';
import { analysisQueue } from './middleware/analysis-queue.ts';
import { clientAddress } from './middleware/forwarded.ts';
import { hostAllowList } from './middleware/host-allow-list.ts';
import { problemHandler, problemResponse } from './middleware/problem.ts';
import { requireText } from './middleware/request-text.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { useRasterDir } from './services/raster-dir.ts';
import type { AppDeps } from './routes/openapi.ts';
import { healthRouter } from './routes/health.ts';
import { layersRouter } from './routes/layers.ts';
import { regionsRouter } from './routes/regions.ts';
import { analysisRouter } from './routes/analysis.ts';
import { paramsRouter } from './routes/params.ts';
import { standsRouter } from './routes/stands.ts';
import { energyRouter } from './routes/energy.ts';
import { tilesRouter } from './routes/tiles.ts';
import { sitingRouter } from './routes/siting.ts';
import { chargingRouter } from './routes/charging.ts';
import { authRouter } from './routes/auth.ts';
import { ledgerRouter } from './routes/ledger.ts';
import { csrfProtect } from './middleware/csrf.ts';
import { resolveSession, resolveToken } from './services/auth.ts';
import { indicatorsRouter } from './routes/indicators.ts';

export type { AppDeps } from './routes/openapi.ts';

export const WEB_DIST = 'dist/web';

export function createApp(deps: AppDeps & { config: Config }) {
  useRasterDir(deps.config.dataDir);
  const app = new OpenAPIHono<AuthEnv>();
  app.onError(problemHandler);
  const { config } = deps;

  app.use('*', hostAllowList(config.allowedHosts));
  app.use('*', securityHeaders());
  app.use('/api/*', bodyLimit({
    maxSize: config.maxBodyMb * 1024 * 1024,
    onError: (c) => problemResponse(c, 413, 'Request too large',
      `The request body is larger than ${config.maxBodyMb} MB. Simplify or split the geometry (or raise TANTU_MAX_BODY_MB).`, { max_body_mb: config.maxBodyMb },
      { title: '请求过大', detail: `请求体超过 ${config.maxBodyMb} MB。请简化或拆分几何图形（或调高 TANTU_MAX_BODY_MB）。` }),
  }));
  app.use('/api/*', requireJsonBody());
  app.use('*', requireText());
  app.use('/api/*', identify({ adminToken: config.adminToken, failuresPerMin: config.authFailuresPerMin, clientOf: (c) => clientAddress(c, config.trustProxy),
    resolveToken: (t) => resolveToken(deps.db.sql, t), resolveSession: (s) => resolveSession(deps.db.sql, s) }));
  app.use('/api/*', csrfProtect());
  app.use('/api/analysis/*', analysisQueue({ concurrency: config.analysisConcurrency, maxWaiting: config.analysisQueue }));
  app.route('/api', healthRouter(deps));
  app.route('/api', layersRouter(deps));
  app.route('/api', regionsRouter(deps));
  app.route('/api', analysisRouter(deps));
  app.route('/api', paramsRouter(deps));
  app.route('/api', standsRouter(deps));
  app.route('/api', energyRouter(deps));
  app.route('/api', sitingRouter(deps));
  app.route('/api', chargingRouter(deps));
  app.route('/api', authRouter(deps));
  app.route('/api', ledgerRouter(deps));
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'tantu_session', description: 'Browser session from POST /api/auth/login; writes also need the X-CSRF-Token header' });
  app.route('/api', indicatorsRouter(deps));
  app.route('/tiles', tilesRouter(deps));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'TANTU_ADMIN_TOKEN' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'tantu 碳图 API', version: deps.version, description: 'Carbon sinks, PV/wind siting and EV charging coverage for Zhejiang.' },
  });

  app.all('/api/*', (c) => problemResponse(c, 404, 'Not found', `No API endpoint ${c.req.method} ${c.req.path}. See /api/openapi.json for the list.`, {},
    { title: '未找到', detail: `没有接口 ${c.req.method} ${c.req.path}。接口列表见 /api/openapi.json。` }));

  if (existsSync(WEB_DIST)) {
    app.use('/*', serveStatic({ root: WEB_DIST }));
  } else {
    app.get('/', (c) => c.html('<!doctype html><meta charset="utf-8"><title>tantu 碳图</title><h1>tantu 碳图</h1><p>The web app is not built: run <code>npm run build:web</code>.</p>'));
  }
  return app;
}
