/**
 * `npm start`: embedded PostGIS (or DATABASE_URL), demo county on first start, API + web app on PORT.
 * The web app is (re)built only when its inputs changed, at the same time as the database starts.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { VERSION } from './version.ts';
import { startup } from '../data-pipeline/startup.ts';
import { progressReporter } from '../data-pipeline/progress.ts';
import { ensureWebBuild } from '../web/build.ts';

const t0 = performance.now();
const config = readConfig();
const progress = progressReporter();
const [web, { db, demoLoaded }] = await Promise.all([
  ensureWebBuild({ log: (line) => console.log(line) }),
  startup(config, progress.update),
]);
progress.done();
console.log(
  `tantu ${VERSION}: ${db.backend === 'embedded' ? `embedded PostGIS in ${config.dataDir}` : 'PostgreSQL server'}` +
    ` — ready in ${((performance.now() - t0) / 1e3).toFixed(1)} s${demoLoaded ? ' (demo county loaded)' : ''}${web.built ? ` (web app built in ${web.seconds.toFixed(1)} s)` : ''}`,
);
const server = serve({ fetch: createApp({ db, config, version: VERSION }).fetch, port: config.port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`tantu 碳图 listening on http://localhost:${info.port}`);
});

async function shutdown() {
  server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
