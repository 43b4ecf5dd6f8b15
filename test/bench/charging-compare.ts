/**
 * Before/after figures for the charging work (issues 8 and 12): the same database and load, the code
 * of any checkout. Network rebuild + county coverage (5 runs: wall time and the longest event-loop
 * stall of this, the main, thread), then POST /api/charging/sites whole requests per problem (5 runs
 * each, warm). Prints, asserts nothing.
 *
 *   DATABASE_URL=…/<db with the demo county> TANTU_DATA_DIR=<its data folder> ROOT=<checkout, default this one> npx tsx test/bench/charging-compare.ts
 *
 * e.g. ROOT=/work/main for the code before the worker split and the sparse reach search.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
const ROOT = process.env.ROOT ?? fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const { connectTo } = await import(`${ROOT}/api/store/connect.ts`);
const net = await import(`${ROOT}/api/services/charging/network.ts`);
const { chargingCoverage } = await import(`${ROOT}/api/services/charging/coverage.ts`);
const { chargingSites } = await import(`${ROOT}/api/services/charging/sites.ts`);
const { useRasterDir } = await import(`${ROOT}/api/services/raster-dir.ts`);
const pool = await import(`${ROOT}/api/services/worker-pool.ts`);
useRasterDir(process.env.TANTU_DATA_DIR ?? 'data');
const sql = connectTo(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await chargingCoverage(sql, {}); // warm (thread start, JIT)
const build: number[] = [], lag: number[] = [];
for (let i = 0; i < 5; i++) {
  net.resetChargingNetwork();
  const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
  const t = performance.now();
  await chargingCoverage(sql, {});
  build.push(performance.now() - t);
  await new Promise((r) => setTimeout(r, 30)); h.disable(); lag.push(h.max / 1e6);
}
console.log(`${ROOT}: rebuild + county coverage median ${med(build).toFixed(0)} ms; longest event-loop stall median ${med(lag).toFixed(0)} ms (runs: ${lag.map((x) => x.toFixed(0)).join(', ')})`);
for (const body of [{ problem: 'mclp', p: 10, greedy: true }, { problem: 'mclp', p: 10 }, { problem: 'mclp', p: 10, grid_km: 1, greedy: true }, { problem: 'mclp', p: 10, grid_km: 1 }, { problem: 'pmedian', p: 10 }, { problem: 'lscp' }]) {
  await chargingSites(sql, body);
  const xs: number[] = [], ls: number[] = [];
  let last: any;
  for (let i = 0; i < 5; i++) {
    const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
    const t = performance.now(); last = await chargingSites(sql, body); xs.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 30)); h.disable(); ls.push(h.max / 1e6);
  }
  console.log(`  sites ${JSON.stringify(body)}: median ${med(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}), reach ${last.seconds.coverage_sets} s, solve ${last.seconds.solve} s, ${last.method}; event-loop stall median ${med(ls).toFixed(0)} ms`);
}
await pool.closeWorkerPool();
await sql.end();
