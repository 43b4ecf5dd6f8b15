/**
 * `npm start`: embedded PostGIS (or DATABASE_URL), demo county on first start, API + web app on PORT.
 * The server listens at once and says it is starting (api/routes/starting.ts) until the database is
 * open and the web app is built; the web app is (re)built only when its inputs changed, at the same
 * time as the database starts.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { VERSION } from './version.ts';
import { startingResponse } from './routes/starting.ts';
import { startup } from '../data-pipeline/startup.ts';
import { progressReporter } from '../data-pipeline/progress.ts';
import { ensureWebBuild } from '../web/build.ts';
import { closeWorkerPool, warmWorkerPool } from './services/worker-pool.ts';
import { CARBON_MODEL } from './services/carbon-analysis.ts';
import { GEOMETRY_CHECK } from './services/parcel.ts';
import { ZONAL } from './services/zonal.ts';
import { PV_MODEL } from './services/pv-yield.ts';
import { HORIZON_MODEL } from './services/horizon.ts';
import { CHARGING_TASKS } from './services/charging/network.ts';
import { SITING_WORKER_MODULES } from './services/siting/engine.ts';
import { seedTiles, type SeedLayer } from './services/tiles/seed.ts';

const t0 = performance.now();
const config = readConfig();
const progress = progressReporter();
let step = 'starting';
let app: ReturnType<typeof createApp> | undefined;
const server = serve({ fetch: (req, env) => (app ? app.fetch(req, env) : startingResponse(req, step)), port: config.port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`tantu 碳图 listening on http://localhost:${info.port}`);
});
// The worker threads load the models meanwhile, so the first analysis does not wait for them.
const warm = warmWorkerPool([CARBON_MODEL, GEOMETRY_CHECK, ZONAL, PV_MODEL, HORIZON_MODEL, ...SITING_WORKER_MODULES]).catch((e: Error) => console.error(`worker pool: ${e.message}`));
const [web, { db, demoLoaded }] = await Promise.all([
  ensureWebBuild({ log: (line) => console.log(line) }),
  startup(config, (s, fraction) => { step = `${s} ${Math.round(fraction * 100)} %`; progress.update(s, fraction); }),
]).catch((e: Error) => {
  // e.g. the data folder is owned by another tantu (api/store/data-lock.ts): say so and stop.
  progress.done();
  console.error(`tantu cannot start: ${e.message}`);
  process.exit(1);
});
progress.done();
app = createApp({ db, config, version: VERSION });
console.log(
  `tantu ${VERSION}: ${db.backend === 'embedded' ? `embedded PostGIS in ${config.dataDir}` : 'PostgreSQL server'}` +
    ` — ready in ${((performance.now() - t0) / 1e3).toFixed(1)} s${demoLoaded ? ' (demo county loaded)' : ''}${web.built ? ` (web app built in ${web.seconds.toFixed(1)} s)` : ''}`,
);

await warm;
// The charging pool's thread once the start is done (it would compete with it for the cores).
await warmWorkerPool([CHARGING_TASKS], 'charging').catch((e: Error) => console.error(`worker pool: ${e.message}`));

// Draw the map's tiles into the cache now, one at a time, so browsing does not queue behind analyses.
const seeding = new AbortController();
if (config.tileCacheMb > 0 && (config.tileSeedZoom >= 0 || config.tileSeedRasterZoom >= 0)) {
  const request = (path: string) => app!.request(`http://${config.allowedHosts[0] ?? 'localhost'}${path}`);
  void (async () => {
    const { layers } = await (await request('/api/layers')).json() as { layers: SeedLayer[] };
    const r = await seedTiles(request, layers, { maxZoom: { vector: config.tileSeedZoom, raster: config.tileSeedRasterZoom }, maxTiles: config.tileSeedMax }, seeding.signal);
    if (!seeding.signal.aborted) console.log(`tile cache: ${r.tiles} tiles of ${layers.length} layers (vector to zoom ${Math.min(r.zoom, config.tileSeedZoom)}, raster to ${Math.min(r.zoom, config.tileSeedRasterZoom)}) drawn in ${r.seconds.toFixed(1)} s${r.failed ? ` (${r.failed} failed)` : ''}`);
  })().catch((e: Error) => console.error(`tile cache seeding stopped: ${e.message}`));
}

async function shutdown() {
  seeding.abort();
  server.close();
  await closeWorkerPool();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
