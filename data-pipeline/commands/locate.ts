/**
 * `npm run tantu -- locate …`: MCLP, LSCP or p-median on any cost matrix (an OD matrix from
 * elsewhere, e.g. a network analyst's), no database. Exact with HiGHS unless --greedy (or the
 * instance is too large), lazy greedy otherwise — the same models as POST /api/charging/sites
 * (layers/charging/location.ts).
 */
import { readFile } from 'node:fs/promises';
import { coverSetsFrom, lscpExact, lscpGreedy, mclpExact, mclpGreedy, pmedianExact, pmedianGreedy, type LocationResult } from '../../layers/charging/location.ts';
import { highsSolver } from '../../layers/charging/highs.ts';
import { parseCsv } from '../import/csv.ts';
import { decodeText } from '../import/text.ts';

export const LOCATE_USAGE = `npm run tantu -- locate --problem mclp|lscp|pmedian --costs <csv client,facility,cost> [--weights <csv client,weight>]
        [--radius R] [--p P] [--fixed id,id] [--greedy] [--json]
        Location models on any cost matrix (no database): mclp = most weight within R of p new facilities; lscp = fewest
        facilities putting every client within R; pmedian = p facilities minimising mean weighted cost. --fixed facilities are
        open already. Exact with HiGHS when small enough, else (or with --greedy) lazy greedy, with its bound.`;

export class LocateUsageError extends Error {}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new LocateUsageError(`${name} needs a value`);
  return v;
}

async function readTable(path: string, columns: number, what: string): Promise<string[][]> {
  let bytes: Uint8Array;
  try { bytes = new Uint8Array(await readFile(path)); } catch { throw new LocateUsageError(`cannot read ${what} file ${path}`); }
  const { rows, lines } = parseCsv(decodeText(bytes).text.replace(/^\uFEFF/, ''));
  const body = rows.filter((r) => r.some((c) => c.trim() !== ''));
  // a header row: its last column is not a number
  const start = body.length && !Number.isFinite(Number(body[0][columns - 1])) ? 1 : 0;
  const out: string[][] = [];
  for (let k = start; k < body.length; k++) {
    const r = body[k];
    if (r.length < columns) throw new LocateUsageError(`${what} line ${lines[rows.indexOf(r)] ?? k + 1}: ${columns} columns expected, got ${r.length}`);
    out.push(r.slice(0, columns).map((c) => c.trim()));
  }
  if (!out.length) throw new LocateUsageError(`${what} file ${path} has no rows`);
  return out;
}

export interface LocateOutput {
  problem: string;
  method: string;
  solver: string;
  chosen: string[];
  fixed: string[];
  gains: number[];
  covered_count: number;
  covered_weight: number;
  coverage_pct_count: number;
  coverage_pct_weight: number;
  mean_weighted_cost: number | null;
  unreached_count: number;
  clients: number;
  facilities: number;
  bound: LocationResult['bound'];
  exact_skipped: string | null;
  radius: number | null;
  p: number | null;
}

/** Run the command; returns the printed lines (tests) and the result. */
export async function locateCommand(args: string[], log: (line: string) => void = console.log): Promise<LocateOutput> {
  const problemArg = flag(args, '--problem');
  if (problemArg !== 'mclp' && problemArg !== 'lscp' && problemArg !== 'pmedian') throw new LocateUsageError('--problem mclp|lscp|pmedian is required');
  const problem: 'mclp' | 'lscp' | 'pmedian' = problemArg;
  const costsPath = flag(args, '--costs');
  if (!costsPath) throw new LocateUsageError('--costs <csv client,facility,cost> is required');
  const radiusText = flag(args, '--radius');
  const radius = radiusText === undefined ? null : Number(radiusText);
  if (radius !== null && !(radius >= 0)) throw new LocateUsageError(`--radius takes a number ≥ 0 (got "${radiusText}")`);
  if (problem !== 'pmedian' && radius === null) throw new LocateUsageError(`--radius R is required for ${problem} (a client is covered when its cost ≤ R)`);
  const pText = flag(args, '--p');
  const p = pText === undefined ? (problem === 'lscp' ? null : 1) : Number(pText);
  if (p !== null && !(Number.isInteger(p) && p >= 1)) throw new LocateUsageError(`--p takes a whole number ≥ 1 (got "${pText}")`);

  const costRows = await readTable(costsPath, 3, 'costs');
  const clientIx = new Map<string, number>(), facIx = new Map<string, number>();
  const f: number[] = [], c: number[] = [], cost: number[] = [];
  costRows.forEach(([ci, fi, v], k) => {
    const x = Number(v);
    if (!(x >= 0)) throw new LocateUsageError(`costs row ${k + 1}: cost "${v}" is not a number ≥ 0`);
    if (!clientIx.has(ci)) clientIx.set(ci, clientIx.size);
    if (!facIx.has(fi)) facIx.set(fi, facIx.size);
    f.push(facIx.get(fi)!); c.push(clientIx.get(ci)!); cost.push(x);
  });
  // weights: clients listed only there are never covered; clients without a weight row weigh 0 (1 each without the file)
  const weightsPath = flag(args, '--weights');
  const wmap = new Map<string, number>();
  if (weightsPath) {
    for (const [ci, wv] of await readTable(weightsPath, 2, 'weights')) {
      const x = Number(wv);
      if (!(x >= 0)) throw new LocateUsageError(`weights: client ${ci} has weight "${wv}"; weights are numbers ≥ 0`);
      wmap.set(ci, x);
      if (!clientIx.has(ci)) clientIx.set(ci, clientIx.size);
    }
  }
  const weights = Float64Array.from(clientIx.keys(), (ci) => (weightsPath ? wmap.get(ci) ?? 0 : 1));
  return finish(weights);

  async function finish(w: Float64Array): Promise<LocateOutput> {
    const fixedIds = (flag(args, '--fixed') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = fixedIds.filter((id) => !facIx.has(id));
    if (unknown.length) throw new LocateUsageError(`--fixed: no facility ${unknown.join(', ')} in the costs`);
    const fixed = fixedIds.map((id) => facIx.get(id)!);
    const n = clientIx.size, m = facIx.size;
    const within = problem === 'pmedian' ? (radius ?? Infinity) : radius!;
    const sets = coverSetsFrom(n, m, f, c, cost, within);
    const greedy = problem === 'mclp' ? mclpGreedy(sets, w, p!, fixed) : problem === 'lscp' ? lscpGreedy(sets, fixed) : pmedianGreedy(sets, w, p!, fixed);
    let result: LocationResult | null = null;
    let skipped: string | null = args.includes('--greedy') ? 'greedy asked for' : null;
    if (!args.includes('--greedy')) {
      const solver = await highsSolver();
      result = problem === 'mclp' ? mclpExact(sets, w, p!, fixed, solver) : problem === 'lscp' ? lscpExact(sets, fixed, solver) : pmedianExact(sets, w, p!, fixed, solver);
      if (!result) skipped = 'instance larger than 200,000 nonzeros or no proved optimum within 20 s';
    }
    result ??= greedy;
    // covered (cost ≤ radius) and mean weighted cost to the nearest open facility, from all cost rows
    const open = new Set([...fixed, ...result.chosen]);
    const best = new Float64Array(n).fill(Infinity);
    for (let k = 0; k < f.length; k++) if (open.has(f[k]) && cost[k] < best[c[k]]) best[c[k]] = cost[k];
    let cn = 0, cw = 0, tw = 0, sw = 0, swc = 0, unreached = 0;
    for (let i = 0; i < n; i++) {
      tw += w[i];
      if (best[i] <= (radius ?? Infinity)) { cn++; cw += w[i]; }
      if (best[i] < Infinity) { sw += w[i]; swc += w[i] * best[i]; } else unreached++;
    }
    const ids = [...facIx.keys()];
    const outp: LocateOutput = {
      problem, method: result.method, solver: result.solver, chosen: result.chosen.map((j) => ids[j]), fixed: fixedIds, gains: result.gains,
      covered_count: cn, covered_weight: cw, coverage_pct_count: n ? (100 * cn) / n : 0, coverage_pct_weight: tw ? (100 * cw) / tw : 0,
      mean_weighted_cost: sw ? swc / sw : null, unreached_count: unreached, clients: n, facilities: m, bound: result.bound, exact_skipped: skipped,
      radius, p,
    };
    if (args.includes('--json')) log(JSON.stringify(outp, null, 2));
    else {
      log(`${problem.toUpperCase()} on ${n} clients × ${m} facilities${radius !== null ? `, radius ${radius}` : ''}${p !== null ? `, p = ${p}` : ''}${fixedIds.length ? `, fixed ${fixedIds.join(',')}` : ''}`);
      log(`solver: ${result.solver} (${result.method})${skipped ? ` — exact skipped: ${skipped}` : ''}`);
      log(`chosen (${outp.chosen.length}): ${outp.chosen.map((id, k) => `${id} (+${+result!.gains[k].toPrecision(6)})`).join(', ') || 'none'}`);
      log(`covered: ${cn} of ${n} clients (${outp.coverage_pct_count.toFixed(2)} % by count), weight ${+cw.toPrecision(10)} of ${+tw.toPrecision(10)} (${outp.coverage_pct_weight.toFixed(2)} % by weight)`);
      log(`mean weighted cost to the nearest open facility: ${outp.mean_weighted_cost === null ? 'n/a' : outp.mean_weighted_cost.toFixed(3)}${unreached ? ` (${unreached} clients reach none)` : ''}`);
      log(`bound: ${result.bound.kind === 'optimal' ? 'optimal' : `optimum ${problem === 'mclp' ? '≤' : '≥'} ${result.bound.optimum_bound?.toPrecision(8)} (gap ≤ ${result.bound.gap_pct?.toFixed(2)} %)`} — ${result.bound.note}`);
    }
    return outp;
  }
}
