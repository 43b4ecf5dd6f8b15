/** `npm start`: embedded PostGIS (or DATABASE_URL), demo county on first start, API + web app on PORT. */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { startup } from '../data-pipeline/startup.ts';
import { readConfig } from './config.ts';
import { VERSION } from './version.ts';
import { progressReporter } from '../data-pipeline/progress.ts';

const config = readConfig();
const progress = progressReporter();
const { db, seconds, demoLoaded } = await startup(config, progress.update);
progress.done();
console.log(
  `tantu ${VERSION}: ${db.backend === 'embedded' ? `embedded PostGIS in ${config.dataDir}` : 'PostgreSQL server'}` +
    ` — ready in ${(seconds.open + seconds.migrate + seconds.demo).toFixed(1)} s${demoLoaded ? ' (demo county loaded)' : ''}`,
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
