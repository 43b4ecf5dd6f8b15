/**
 * Siting speed (issue 11): building the county's exclusion and criterion source layers (goal ≤ 15 s),
 * reading them back from the data folder, full-county re-weighting in the worker pool (goal ≤ 150 ms)
 * and on this thread, the ratio of re-weighting to one plain pass over the score stack (how close to
 * the memory limit), the first tile of a new weight set (POST + one PNG; goal ≤ 300 ms), and the first
 * tile after a rule edit (edited rules, criterion scores cached; goal about 1 s).
 *
 * Standalone on a server: DATABASE_URL=postgres://…/tantu_siting TANTU_DATA_DIR=.tantu-test/server npx tsx test/bench/siting.ts
 * (a database with the demo county loaded, e.g. one the API tests prepared). Without DATABASE_URL it
 * opens the embedded PGlite in TANTU_DATA_DIR (default .tantu-test/siting-bench; the first run creates
 * it and loads the demo county), the backend `npm run bench` measures.
 */
import { pathToFileURL } from 'node:url';
import type { Sql } from 'postgres';
import { connectTo, SESSION_OPTIONS } from '../../api/store/connect.ts';
import { buildSitingLayers, forgetSitingData, sitingData, sitingDataVersion } from '../../api/services/siting/data.ts';
import { forgetSitingCaches, reweightHere, reweightInPool, ruleMask, scenarioOf, scoreStack, SITING_WORKER_MODULES } from '../../api/services/siting/engine.ts';
import { specOf } from '../../api/services/siting/index.ts';
import { closeWorkerPool, warmWorkerPool } from '../../api/services/worker-pool.ts';
import { median, type BenchResult } from './result.ts';

type App = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

async function times(f: () => Promise<unknown>, runs: number): Promise<number> {
  await f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function benchSiting({ app, sql, dataDir, lon, lat }: { app: App; sql: Sql; dataDir: string; lon: number; lat: number }): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const version = await sitingDataVersion(sql);
  // as the server does at start (api/server.ts): the pool's threads up with their modules loaded
  await warmWorkerPool(SITING_WORKER_MODULES);
  forgetSitingData();
  forgetSitingCaches();
  let t = performance.now();
  const built = await buildSitingLayers(sql, version);
  const buildS = (performance.now() - t) / 1e3;
  out.push({ name: 'siting: build exclusion + criterion layers (county)', value: buildS, unit: 's', note: `${built.width}×${built.height} cells of ${built.cellSizeM} m, ${built.layers.size} layers; goal ≤ 15 s (${(buildS / 15).toFixed(2)}× of goal)` });
  // first call writes the disk cache (or reads it when it exists), the second reads it back
  await sitingData(sql, dataDir);
  forgetSitingData();
  t = performance.now();
  const data = await sitingData(sql, dataDir);
  out.push({ name: 'siting: layers read back from the data folder', value: (performance.now() - t) / 1e3, unit: 's', note: `from ${data.build.from}` });

  const spec = await specOf(sql, data, 'pv', {});
  // where a new scenario's time goes: the criterion scores (once per set of rescalings), then the mask (once per rule set)
  t = performance.now();
  scoreStack(data, spec.criteria);
  const stackS = (performance.now() - t) / 1e3;
  t = performance.now();
  ruleMask(data, spec.rule_set, spec.tip_height_m);
  const maskS = (performance.now() - t) / 1e3;
  forgetSitingCaches();
  t = performance.now();
  const sc = scenarioOf(data, spec);
  out.push(
    { name: 'siting: score stack + rule mask of a new rule set (PV ground)', value: (performance.now() - t) / 1e3, unit: 's', note: `${sc.stack.criteria.length} criteria, ${spec.rule_set.rules.length} rules, min_area; goal about 1 s` },
    { name: 'siting:   of which the criterion score stack', value: stackS, unit: 's', note: 'rescale 8 layers to bytes + interleave; cached per set of rescalings' },
    { name: 'siting:   of which the rule mask + min_area', value: maskS, unit: 's', note: 'cached per rule set: what a rule edit redoes' },
  );

  const N = sc.stack.cells, K = sc.stack.criteria.length;
  const w = spec.weights;
  const inPool = await times(() => reweightInPool(sc.stack, w, sc.mask.mask), 9);
  const here = await times(() => reweightHere(sc.stack, w, sc.mask.mask), 9);
  // one plain pass over the same bytes the re-weighting reads and writes (K score bytes and the mask
  // per cell, one byte out): an integer sum, no multiplications — the memory-bound floor
  const st = sc.stack.stack, m = sc.mask.mask, o8 = new Uint8Array(N);
  const onePass = K === 8 ? () => {
    for (let i = 0, o = 0; i < N; i++, o += 8) o8[i] = m[i] + st[o] + st[o + 1] + st[o + 2] + st[o + 3] + st[o + 4] + st[o + 5] + st[o + 6] + st[o + 7];
  } : () => {
    for (let i = 0, o = 0; i < N; i++, o += K) {
      let s = m[i];
      for (let k = 0; k < K; k++) s += st[o + k];
      o8[i] = s;
    }
  };
  const pass = await times(async () => onePass(), 9);
  out.push(
    { name: 'siting: full-county re-weighting in the worker pool', value: inPool, unit: 'ms', note: `${(N / 1e6).toFixed(2)} M cells × ${K} criteria; goal ≤ 150 ms (${(inPool / 150).toFixed(2)}× of goal)` },
    { name: 'siting: full-county re-weighting on this thread', value: here, unit: 'ms', note: `${((N / here) / 1e3).toFixed(1)} M cells/s` },
    { name: 'siting: re-weighting / one pass over the cells', value: here / pass, unit: '×', note: `an integer pass over the same ${((N * (K + 1)) / 2 ** 20).toFixed(0)} MiB takes ${pass.toFixed(1)} ms` },
  );

  // first tile of a new weight set: POST a fresh weight vector, then one PNG tile over the county centre
  const z = 11, n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  const firsts: number[] = [], tilesOnly: number[] = [];
  for (let k = 0; k < 7; k++) {
    const weights = Object.fromEntries(spec.criteria.map((c, i) => [c.id, 1 + ((i * 7 + k * 13) % 11)]));
    const t0 = performance.now();
    const res = await app.request('/api/siting/pv/suitability', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ weights }) });
    const body = await res.json() as { tiles: string };
    const t1 = performance.now();
    const tile = await app.request(body.tiles.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
    await tile.arrayBuffer();
    const t2 = performance.now();
    if (k > 0) { firsts.push(t2 - t0); tilesOnly.push(t2 - t1); }
  }
  const first = median(firsts);
  out.push(
    { name: 'siting: first tile of a new weight set (POST + PNG)', value: first, unit: 'ms', note: `goal ≤ 300 ms (${(first / 300).toFixed(2)}× of goal); the tile alone ${median(tilesOnly).toFixed(0)} ms` },
  );

  // a rule edit in the workbench: the default PV ground set with its slope threshold changed (criterion
  // scores cached, the mask and min_area new), POST + the first tile — the "about a second"
  const edits: number[] = [];
  const ground = spec.rule_set;
  for (let k = 0; k < 7; k++) {
    const rules = ground.rules.map((r) => (r.id === 'slope' ? { ...r, exclude_range: [10 + k * 1.5, null] } : r));
    const body = { rules: { technology: 'pv_ground', rules, min_area_ha: ground.min_area_ha, contiguity: ground.contiguity, density_mw_per_km2: ground.density_mw_per_km2 } };
    const t0 = performance.now();
    const res = await app.request('/api/siting/pv/suitability', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const b = await res.json() as { tiles: string };
    const tile = await app.request(b.tiles.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
    await tile.arrayBuffer();
    if (k > 0) edits.push(performance.now() - t0);
  }
  const edit = median(edits);
  out.push({ name: 'siting: first tile after a rule edit (POST edited rules + PNG)', value: edit, unit: 'ms', note: `goal about 1 s (${(edit / 1000).toFixed(2)}× of goal); scores cached, mask + min_area new` });
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { createApp } = await import('../../api/app.ts');
  const { readConfig } = await import('../../api/config.ts');
  const { VERSION } = await import('../../api/version.ts');
  const { resolve } = await import('node:path');
  const url = process.env.DATABASE_URL;
  let sql: Sql, app: App, close: () => Promise<void>;
  let dataDir: string;
  if (url) {
    dataDir = resolve(process.env.TANTU_DATA_DIR ?? '.tantu-test/server');
    sql = connectTo(url, SESSION_OPTIONS);
    const config = { ...readConfig({}), dataDir, databaseUrl: url, loadDemo: false };
    app = createApp({ db: { sql, backend: 'server' }, config, version: VERSION });
    close = () => sql.end();
  } else {
    // the embedded PGlite (what `npm run bench` measures): opened, migrated, demo county loaded on first use
    dataDir = resolve(process.env.TANTU_DATA_DIR ?? '.tantu-test/siting-bench');
    const { startup } = await import('../../data-pipeline/startup.ts');
    const config = { ...readConfig({}), dataDir, loadDemo: true };
    const booted = await startup(config);
    sql = booted.db.sql;
    app = createApp({ db: booted.db, config, version: VERSION });
    close = () => booted.db.close();
  }
  const [c] = await sql<{ lon: number; lat: number }[]>`SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_Centroid(geom) p FROM regions WHERE level = 'county') q`;
  const rows = await benchSiting({ app, sql, dataDir, lon: c.lon, lat: c.lat });
  for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}  (${r.note ?? ''})`);
  await closeWorkerPool();
  await close();
}
