/**
 * Load figure for `npm run bench` (issue 8): `clients` concurrent keep-alive clients (Node fetch /
 * undici) for `seconds` against a real HTTP server, a mixed workload — stands/roads vector tiles at
 * z12–14 and landcover PNG tiles at random positions within ±0.15° of the county centre, and
 * POST /api/analysis/carbon with 1 km² and 10 km² squares around random points there — plus
 * GET /api/health every 100 ms from a separate client. Parcel throughput under load is divided by
 * the single-client parcel rate measured first in the same run. Prints goals, asserts nothing.
 * Hand-written rather than autocannon: the mix of kinds, per-kind percentiles and JSON bodies built
 * per request are simpler here than autocannon's request-callback API.
 */
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './result.ts';
import type { Config } from '../../api/config.ts';
import { seedTiles, type SeedLayer } from '../../api/services/tiles/seed.ts';

type Kind = 'vector tile' | 'raster tile' | 'parcel 1 km²' | 'parcel 10 km²' | 'health';
interface Stat { ms: number[]; errors: number; client4xx: number }

const SPREAD_DEG = 0.15;

function square(lon: number, lat: number, km2: number) {
  const h = Math.sqrt(km2) / 2, dLat = h / 110.574, dLon = h / (111.32 * Math.cos((lat * Math.PI) / 180));
  return { type: 'Polygon', coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]] };
}

function tile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z, r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.asinh(Math.tan(r)) / Math.PI) / 2) * n)];
}

const pct = (s: number[], p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN);

async function hit(baseUrl: string, kind: Kind, lon: number, lat: number, stats: Map<Kind, Stat>): Promise<void> {
  const x = lon + (Math.random() * 2 - 1) * SPREAD_DEG, y = lat + (Math.random() * 2 - 1) * SPREAD_DEG;
  let url = `${baseUrl}/api/health`, init: RequestInit | undefined;
  if (kind === 'vector tile' || kind === 'raster tile') {
    const z = 12 + Math.floor(Math.random() * 3), [tx, ty] = tile(x, y, z);
    url = kind === 'raster tile' ? `${baseUrl}/tiles/landcover/${z}/${tx}/${ty}.png`
      : `${baseUrl}/tiles/${Math.random() < 0.5 ? 'stands' : 'roads'}/${z}/${tx}/${ty}.mvt`;
  } else if (kind !== 'health') {
    url = `${baseUrl}/api/analysis/carbon`;
    init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry: square(x, y, kind === 'parcel 1 km²' ? 1 : 10) }) };
  }
  const s = stats.get(kind) ?? { ms: [], errors: 0, client4xx: 0 };
  stats.set(kind, s);
  const t0 = performance.now();
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    if (res.status >= 500) s.errors++;
    else if (res.status >= 400) s.client4xx++;
  } catch { s.errors++; }
  s.ms.push(performance.now() - t0);
}

/**
 * Seed the tile cache as `npm start` does after it is ready (api/server.ts), so the load figure meets
 * the tiles a running server has; the seeding time is a figure of its own.
 */
export async function benchSeed(app: { request(path: string): Response | Promise<Response> }, config: Config, backend: string): Promise<BenchResult> {
  const { layers } = await (await app.request('/api/layers')).json() as { layers: SeedLayer[] };
  const r = await seedTiles((p) => app.request(p), layers, { maxZoom: { vector: config.tileSeedZoom, raster: config.tileSeedRasterZoom }, maxTiles: config.tileSeedMax });
  return { name: `tile cache seeding after start (${backend})`, value: r.seconds, unit: 's',
    note: `${r.tiles} tiles, vector to z${config.tileSeedZoom}, raster to z${config.tileSeedRasterZoom}, ${r.failed} failed; one at a time, as npm start does` };
}

const KINDS: Kind[] = ['vector tile', 'vector tile', 'raster tile', 'parcel 1 km²', 'parcel 10 km²'];

export async function benchLoad(ctx: { baseUrl: string; lon: number; lat: number; seconds?: number; clients?: number; backend?: string }): Promise<BenchResult[]> {
  const { baseUrl, lon, lat, seconds = 30, clients = 20, backend } = ctx;
  // The single-client rate, after a few parcels that warm the caches (block cache, worker modules):
  // 40 parcels, so one slow or quick answer does not move the ratio much.
  const single = new Map<Kind, Stat>();
  const parcel = (i: number): Kind => (i % 2 ? 'parcel 10 km²' : 'parcel 1 km²');
  for (let i = 0; i < 6; i++) await hit(baseUrl, parcel(i), lon, lat, new Map());
  const SINGLE_RUNS = 40;
  const t1 = performance.now();
  for (let i = 0; i < SINGLE_RUNS; i++) await hit(baseUrl, parcel(i), lon, lat, single);
  const singleRate = SINGLE_RUNS / ((performance.now() - t1) / 1e3);

  const stats = new Map<Kind, Stat>();
  const end = performance.now() + seconds * 1e3;
  const health = (async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await hit(baseUrl, 'health', lon, lat, stats);
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - t))));
    }
  })();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) await hit(baseUrl, KINDS[Math.floor(Math.random() * KINDS.length)], lon, lat, stats);
  }));
  await health;
  const elapsed = (performance.now() - t0) / 1e3;

  const out: BenchResult[] = [];
  let total = 0, parcels = 0, tileP99 = 0;
  for (const [kind, s] of stats) {
    const sorted = [...s.ms].sort((a, b) => a - b);
    if (kind !== 'health') total += s.ms.length;
    if (kind.startsWith('parcel')) parcels += s.ms.length;
    if (kind.endsWith('tile')) tileP99 = Math.max(tileP99, pct(sorted, 99));
    out.push({ name: `load: ${kind} requests/s`, value: s.ms.length / elapsed, unit: 'req/s',
      note: `p50 ${pct(sorted, 50).toFixed(0)} / p95 ${pct(sorted, 95).toFixed(0)} / p99 ${pct(sorted, 99).toFixed(0)} ms; ${s.errors} errors (≥500 or network), ${s.client4xx} 4xx` });
  }
  const h = [...(stats.get('health')?.ms ?? [])].sort((a, b) => a - b);
  const ratio = parcels / elapsed / singleRate;
  out.push(
    { name: 'load: total requests/s', value: total / elapsed, unit: 'req/s', note: `${clients} clients × ${seconds} s, health probes excluded` },
    { name: 'load: /api/health p99', value: pct(h, 99), unit: 'ms', note: `goal < 50 ms (${(pct(h, 99) / 50).toFixed(2)}× of goal)` },
    { name: 'load: tile p99 (worst kind)', value: tileP99, unit: 'ms', note: `goal < 200 ms (${(tileP99 / 200).toFixed(2)}× of goal)` },
    { name: 'load: parcel throughput / single-client rate', value: ratio, unit: '×', note: `goal ≥ 1.6× (${(ratio / 1.6).toFixed(2)}× of goal); single client ${singleRate.toFixed(2)} parcels/s` },
  );
  return backend ? out.map((r) => ({ ...r, name: r.name.replace(/^load:/, `load (${backend}):`) })) : out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const baseUrl = process.env.TANTU_BENCH_URL;
  if (!baseUrl) throw new Error('set TANTU_BENCH_URL=http://127.0.0.1:PORT (a running npm start)');
  const lon = Number(process.env.TANTU_BENCH_LON ?? 119.6), lat = Number(process.env.TANTU_BENCH_LAT ?? 30.6);
  const rows = await benchLoad({ baseUrl, lon, lat, seconds: Number(process.env.TANTU_BENCH_SECONDS ?? 30), clients: Number(process.env.TANTU_BENCH_CLIENTS ?? 20) });
  for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}  (${r.note ?? ''})`);
}
