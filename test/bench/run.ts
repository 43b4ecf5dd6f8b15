/**
 * `npm run bench`: the figures users feel, with ratios against reference tools, in one run.
 *  - cold and warm start of the embedded database (open, migrate, demo county);
 *  - tile throughput (vector and raster, z10–14), and on a server the endpoint / raw ST_AsMVT ratio;
 *  - parcel carbon analysis time for 1–1,000 km² and the zonal core against rasterio;
 *  - PV/wind yield: SPA rate, the 8,760-hour PV chain, horizon from the DEM, the yield endpoints;
 *  - the web app: first map render, first carbon panel, gzipped JS;
 *  - load: 20 concurrent clients on mixed tiles and parcels, with /api/health probes (each backend).
 * Set DATABASE_URL to add the server-backend figures. Not part of `npm test`: no timing asserts.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import { startup } from '../../data-pipeline/startup.ts';
import { readConfig, type Config } from '../../api/config.ts';
import { VERSION } from '../../api/version.ts';
import { benchTiles } from './tiles.ts';
import { benchCarbon, benchZonalVsRasterio } from './carbon.ts';
import { benchWeb } from './web.ts';
import { benchEnergy, yieldFigures } from './energy.ts';
import { benchLoad, benchSeed } from './load.ts';
import { countyCentre } from './carbon.ts';
import type { BenchResult } from './result.ts';

const results: BenchResult[] = [];
const section = (title: string) => console.error(`\n== ${title}`);
const add = (rows: BenchResult[]) => {
  for (const r of rows) {
    results.push(r);
    console.error(`  ${r.name}: ${Number.isFinite(r.value) ? r.value.toFixed(2) : 'n/a'} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
  }
};

const dataDir = join(tmpdir(), `tantu-bench-${process.pid}`);
const config: Config = { ...readConfig({}), dataDir, loadDemo: true };

section('embedded database start');
let t0 = performance.now();
let booted = await startup(config);
const cold = (performance.now() - t0) / 1e3;
await booted.db.close();
t0 = performance.now();
booted = await startup(config);
const warm = (performance.now() - t0) / 1e3;
add([
  { name: 'cold start (create PostGIS, migrate, generate + load demo county)', value: cold, unit: 's', note: `demo ${booted.seconds.demo.toFixed(1)} s of it on the warm run` },
  { name: 'warm start (reopen)', value: warm, unit: 's' },
]);

const embedded = booted.db;
const app = createApp({ db: embedded, config, version: VERSION });
const uncached = (c: Config) => ({ ...c, tileCacheMb: 0 });
section('tiles (embedded)');
add(await benchTiles({ app, drawApp: createApp({ db: embedded, config: uncached(config), version: VERSION }), sql: embedded.sql, backend: 'embedded' }));
section('carbon analysis (embedded)');
add(await benchCarbon({ app, sql: embedded.sql, backend: 'embedded' }));
section('zonal statistics core vs rasterio');
add(await benchZonalVsRasterio(embedded.sql, dataDir));
section('PV and wind yield (embedded)');
const [lon, lat] = await countyCentre(embedded.sql);
add(await benchEnergy({ app, sql: embedded.sql, lon, lat }));
add(await yieldFigures(app, embedded.sql));
section('siting (embedded)');
add(await (await import('./siting.ts')).benchSiting({ app, sql: embedded.sql, dataDir, lon, lat }));
section('EV charging coverage (graph in memory; pgRouting on DATABASE_URL when set)');
add(await (await import('./charging.ts')).benchCharging({ sql: embedded.sql, serverUrl: process.env.DATABASE_URL }));
section('cooperative ledger (embedded)');
add(await (await import('./ledger.ts')).benchLedger({ app, sql: embedded.sql, backend: 'embedded' }));

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const server = await startup({ ...config, databaseUrl: serverUrl, dataDir: `${dataDir}-server` });
  const serverConfig = { ...config, databaseUrl: serverUrl, dataDir: `${dataDir}-server` };
  const serverApp = createApp({ db: server.db, config: serverConfig, version: VERSION });
  section('tiles (PostgreSQL server)');
  add(await benchTiles({ app: serverApp, drawApp: createApp({ db: server.db, config: uncached(serverConfig), version: VERSION }), sql: server.db.sql, backend: 'server' }));
  section('carbon analysis (PostgreSQL server)');
  add(await benchCarbon({ app: serverApp, sql: server.db.sql, backend: 'server' }));
  section('load: 20 clients × 30 s, mixed tiles and parcels (PostgreSQL server)');
  const serverHttp = serve({ fetch: serverApp.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => serverHttp.once('listening', r));
  add([await benchSeed(serverApp, serverConfig, 'server')]);
  add(await benchLoad({ baseUrl: `http://127.0.0.1:${(serverHttp.address() as { port: number }).port}`, lon, lat, backend: 'server' }));
  serverHttp.close();
  await server.db.close();
} else {
  console.error('\n(set DATABASE_URL to a PostGIS server to add server figures and the ST_AsMVT ratio)');
}

section('web app in headless Chromium');
const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => http.once('listening', r));
const port = (http.address() as { port: number }).port;
add(await benchWeb({ baseUrl: `http://127.0.0.1:${port}` }));
section('load: 20 clients × 30 s, mixed tiles and parcels (embedded)');
add([await benchSeed(app, config, 'embedded')]);
add(await benchLoad({ baseUrl: `http://127.0.0.1:${port}`, lon, lat, backend: 'embedded' }));
http.close();

await embedded.close();
rmSync(dataDir, { recursive: true, force: true });
rmSync(`${dataDir}-server`, { recursive: true, force: true });
console.log('\n' + ['figure', 'value', 'unit', 'note'].join('\t'));
for (const r of results) console.log([r.name, Number.isFinite(r.value) ? r.value.toFixed(2) : 'n/a', r.unit, r.note ?? ''].join('\t'));
