/**
 * Location models on a client × facility instance (any cost matrix, not only roads):
 *
 * - MCLP, maximal covering (Church & ReVelle, "The maximal covering location problem", Papers of
 *   the Regional Science Association 32, 1974): choose p facilities (besides the fixed ones) to
 *   maximise Σ w_i y_i, y_i ≤ Σ_{j∈N_i} x_j, x binary.
 * - LSCP, location set covering (Toregas, Swain, ReVelle & Bergman, Operations Research 19, 1971):
 *   the fewest facilities covering every coverable client.
 * - p-median (Hakimi 1964; ReVelle & Swain 1970): p facilities minimising Σ w_i min_j c_ij.
 *
 * Exact: an integer program in CPLEX LP text for an LP solver (HiGHS via the `highs` package,
 * see highs.ts), after removing clients covered by fixed facilities and merging clients with the
 * same covering set. Greedy: the facility with the largest marginal gain each round; coverage and
 * the p-median saving are monotone submodular, so greedy reaches ≥ 1 − 1/e of the optimum
 * (Nemhauser, Wolsey & Fisher, Math. Programming 14, 1978) and the lazy variant (Minoux 1978: a
 * max-heap of stale gains, only the top re-evaluated) picks exactly the same facilities. LSCP
 * greedy uses ≤ H(d) × the optimum (Chvátal 1979), d the largest number of clients one covers.
 *
 * Ties: the lower facility index wins, in plain and lazy greedy alike.
 */
import { ModelInputError } from '../core/errors.ts';

/** Facility j covers clients clients[offsets[j]] … clients[offsets[j + 1] − 1], at costs[…] when given. */
export interface CoverSets {
  clientCount: number;
  facilityCount: number;
  offsets: Int32Array;
  clients: Int32Array;
  /** Cost of each (facility, client) entry (p-median; MCLP/LSCP ignore it). */
  costs?: Float64Array;
}

export class LocationInputError extends ModelInputError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super({ code: 'bad_location_input', title: 'Unusable location problem', detail, extensions });
  }
}

/** CoverSets from (facility, client, cost) triples; entries with cost > radius are left out (radius Infinity keeps all). */
export function coverSetsFrom(clientCount: number, facilityCount: number, facility: ArrayLike<number>, client: ArrayLike<number>, cost: ArrayLike<number>, radius = Infinity): CoverSets {
  const n = facility.length;
  const offsets = new Int32Array(facilityCount + 1);
  for (let k = 0; k < n; k++) {
    const j = facility[k], i = client[k];
    if (!(j >= 0 && j < facilityCount && i >= 0 && i < clientCount)) throw new LocationInputError(`entry ${k} (facility ${j}, client ${i}) is out of range`);
    if (!(cost[k] >= 0)) throw new LocationInputError(`entry ${k} has cost ${cost[k]}; costs must be ≥ 0`);
    if (cost[k] <= radius) offsets[j + 1]++;
  }
  for (let j = 0; j < facilityCount; j++) offsets[j + 1] += offsets[j];
  const fill = offsets.slice(0, facilityCount);
  const clients = new Int32Array(offsets[facilityCount]), costs = new Float64Array(offsets[facilityCount]);
  for (let k = 0; k < n; k++) {
    if (!(cost[k] <= radius)) continue;
    const s = fill[facility[k]]++;
    clients[s] = client[k];
    costs[s] = cost[k];
  }
  return { clientCount, facilityCount, offsets, clients, costs };
}

export type Method = 'exact' | 'greedy' | 'lazy-greedy';

export interface LocationResult {
  problem: 'mclp' | 'lscp' | 'pmedian';
  method: Method;
  /** Solver used, e.g. 'HiGHS (branch and cut)' or 'lazy greedy'. */
  solver: string;
  /** New facilities in the order they were added (greedy) or of their marginal gain (exact). */
  chosen: number[];
  fixed: number[];
  /** Marginal gain of each chosen facility in that order (covered weight, or cost saved for p-median). */
  gains: number[];
  covered_count: number;
  covered_weight: number;
  total_count: number;
  total_weight: number;
  /** Σ w_i · cost to the nearest open facility / Σ w_i (p-median; clients out of reach at `unreachable_cost`). */
  mean_cost: number | null;
  /** Objective of the problem: covered weight (MCLP), facility count (LSCP), Σ w·cost (p-median). */
  objective: number;
  /**
   * What is known of the optimum: 'optimal' (exact, proved); for greedy MCLP / p-median an upper
   * (lower for p-median) bound on the optimum objective; for LSCP a lower bound on the count.
   */
  bound: { kind: 'optimal' | 'greedy'; optimum_bound: number | null; gap_pct: number | null; note: string };
  /** Gain evaluations (greedy), for comparing plain and lazy. */
  evaluations: number;
  /** Clients no facility can cover (MCLP/LSCP) or reach (p-median). */
  uncoverable_count: number;
}

/** Max-heap on (gain, −index): larger gain first, lower index first among equal gains. */
class GainHeap {
  private g: number[] = [];
  private j: number[] = [];
  get size() { return this.g.length; }
  private above(a: number, b: number) { return this.g[a] > this.g[b] || (this.g[a] === this.g[b] && this.j[a] < this.j[b]); }
  private swap(a: number, b: number) { [this.g[a], this.g[b]] = [this.g[b], this.g[a]]; [this.j[a], this.j[b]] = [this.j[b], this.j[a]]; }
  push(gain: number, j: number) {
    this.g.push(gain); this.j.push(j);
    let i = this.g.length - 1;
    while (i > 0) { const p = (i - 1) >> 1; if (!this.above(i, p)) break; this.swap(i, p); i = p; }
  }
  top(): [number, number] { return [this.g[0], this.j[0]]; }
  pop(): [number, number] {
    const out: [number, number] = [this.g[0], this.j[0]];
    const lg = this.g.pop()!, lj = this.j.pop()!;
    if (this.g.length) {
      this.g[0] = lg; this.j[0] = lj;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < this.g.length && this.above(l, m)) m = l;
        if (r < this.g.length && this.above(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m); i = m;
      }
    }
    return out;
  }
}

function checkSets(sets: CoverSets, weights: ArrayLike<number>, fixed: readonly number[]) {
  if (weights.length !== sets.clientCount) throw new LocationInputError(`${weights.length} weights for ${sets.clientCount} clients`);
  for (let i = 0; i < weights.length; i++) if (!(weights[i] >= 0)) throw new LocationInputError(`client ${i} has weight ${weights[i]}; weights must be ≥ 0`);
  for (const j of fixed) if (!(j >= 0 && j < sets.facilityCount)) throw new LocationInputError(`fixed facility ${j} is not among the ${sets.facilityCount} facilities`);
}

/**
 * Greedy selection for a monotone submodular objective given by `gainOf(j)` (evaluated against
 * the current solution) and `commit(j)`. Returns the chosen order, their gains and the number of
 * evaluations. Stops at `p` or when the best gain is 0 (or below `minGain`).
 */
function greedySelect(m: number, p: number, excluded: Set<number>, gainOf: (j: number) => number, commit: (j: number) => void, lazy: boolean, minGain = 0) {
  const chosen: number[] = [], gains: number[] = [];
  let evaluations = 0;
  if (!lazy) {
    while (chosen.length < p) {
      let bj = -1, bg = -Infinity;
      for (let j = 0; j < m; j++) {
        if (excluded.has(j)) continue;
        const g = gainOf(j); evaluations++;
        if (g > bg) { bg = g; bj = j; }
      }
      if (bj < 0 || !(bg > minGain)) break;
      chosen.push(bj); gains.push(bg); excluded.add(bj); commit(bj);
    }
    return { chosen, gains, evaluations };
  }
  const heap = new GainHeap();
  for (let j = 0; j < m; j++) if (!excluded.has(j)) { heap.push(gainOf(j), j); evaluations++; }
  while (chosen.length < p && heap.size) {
    const [, j] = heap.pop();
    const g = gainOf(j); evaluations++;
    // stale gains only fall (submodularity): the fresh top beats every other upper bound → plain greedy's pick
    if (!heap.size || g > heap.top()[0] || (g === heap.top()[0] && j < heap.top()[1])) {
      if (!(g > minGain)) break;
      chosen.push(j); gains.push(g); excluded.add(j); commit(j);
    } else heap.push(g, j);
  }
  return { chosen, gains, evaluations };
}

/** Coverage state: which clients are covered. */
function coverState(sets: CoverSets, weights: ArrayLike<number>, fixed: readonly number[]) {
  const covered = new Uint8Array(sets.clientCount);
  const coverable = new Uint8Array(sets.clientCount);
  for (const c of sets.clients) coverable[c] = 1;
  const open = (j: number) => { for (let s = sets.offsets[j]; s < sets.offsets[j + 1]; s++) covered[sets.clients[s]] = 1; };
  for (const j of fixed) open(j);
  const gainW = (j: number) => { let g = 0; for (let s = sets.offsets[j]; s < sets.offsets[j + 1]; s++) { const c = sets.clients[s]; if (!covered[c]) g += weights[c]; } return g; };
  const gainN = (j: number) => { let g = 0; for (let s = sets.offsets[j]; s < sets.offsets[j + 1]; s++) if (!covered[sets.clients[s]]) g++; return g; };
  const totals = () => {
    let cn = 0, cw = 0, tw = 0, un = 0;
    for (let i = 0; i < sets.clientCount; i++) { tw += weights[i]; if (covered[i]) { cn++; cw += weights[i]; } if (!coverable[i]) un++; }
    return { cn, cw, tw, un };
  };
  return { covered, coverable, open, gainW, gainN, totals };
}

/** MCLP by (lazy) greedy. The bound: OPT ≤ min(f(S)/(1 − 1/e), f(S) + the p largest marginal gains left). */
export function mclpGreedy(sets: CoverSets, weights: ArrayLike<number>, p: number, fixed: readonly number[] = [], opts: { lazy?: boolean } = {}): LocationResult {
  checkSets(sets, weights, fixed);
  const lazy = opts.lazy ?? true;
  const st = coverState(sets, weights, fixed);
  const fixedWeight = st.totals().cw;
  const sel = greedySelect(sets.facilityCount, p, new Set(fixed), st.gainW, st.open, lazy);
  const t = st.totals();
  const left: number[] = [];
  const taken = new Set([...fixed, ...sel.chosen]);
  for (let j = 0; j < sets.facilityCount; j++) if (!taken.has(j)) left.push(st.gainW(j));
  left.sort((a, b) => b - a);
  const newW = t.cw - fixedWeight;
  const minoux = t.cw + left.slice(0, p).reduce((a, b) => a + b, 0);
  const ratio = fixedWeight + newW / (1 - 1 / Math.E);
  const ub = Math.min(minoux, ratio, t.tw);
  return {
    problem: 'mclp', method: lazy ? 'lazy-greedy' : 'greedy', solver: lazy ? 'lazy greedy (Minoux)' : 'greedy', chosen: sel.chosen, fixed: [...fixed], gains: sel.gains,
    covered_count: t.cn, covered_weight: t.cw, total_count: sets.clientCount, total_weight: t.tw, mean_cost: null, objective: t.cw,
    bound: { kind: 'greedy', optimum_bound: ub, gap_pct: ub > 0 ? (100 * (ub - t.cw)) / ub : 0, note: 'optimum ≤ min(greedy/(1−1/e), greedy + the p largest marginal gains left); greedy ≥ 63 % of the optimum' },
    evaluations: sel.evaluations, uncoverable_count: t.un,
  };
}

/** LSCP by (lazy) greedy on the number of clients covered; bound: OPT ≥ ⌈greedy / H(d)⌉. */
export function lscpGreedy(sets: CoverSets, fixed: readonly number[] = [], opts: { lazy?: boolean } = {}): LocationResult {
  const ones = new Float64Array(sets.clientCount).fill(1);
  checkSets(sets, ones, fixed);
  const lazy = opts.lazy ?? true;
  const st = coverState(sets, ones, fixed);
  const sel = greedySelect(sets.facilityCount, Infinity, new Set(fixed), st.gainN, st.open, lazy);
  const t = st.totals();
  let d = 0;
  for (let j = 0; j < sets.facilityCount; j++) d = Math.max(d, sets.offsets[j + 1] - sets.offsets[j]);
  let H = 0;
  for (let k = 1; k <= d; k++) H += 1 / k;
  const lb = sel.chosen.length ? Math.ceil(sel.chosen.length / Math.max(1, H)) : 0;
  return {
    problem: 'lscp', method: lazy ? 'lazy-greedy' : 'greedy', solver: lazy ? 'lazy greedy (Minoux)' : 'greedy', chosen: sel.chosen, fixed: [...fixed], gains: sel.gains,
    covered_count: t.cn, covered_weight: t.cw, total_count: sets.clientCount, total_weight: t.tw, mean_cost: null, objective: sel.chosen.length,
    bound: { kind: 'greedy', optimum_bound: lb, gap_pct: sel.chosen.length ? (100 * (sel.chosen.length - lb)) / sel.chosen.length : 0, note: `fewest new sites ≥ ⌈greedy / H(${d})⌉ (Chvátal 1979)` },
    evaluations: sel.evaluations, uncoverable_count: t.un,
  };
}

/** p-median state: each client's current cost (unreachable_cost until a facility reaches it). */
function medianState(sets: CoverSets, weights: ArrayLike<number>, fixed: readonly number[], unreachable: number) {
  if (!sets.costs) throw new LocationInputError('p-median needs costs');
  const costs = sets.costs;
  const cur = new Float64Array(sets.clientCount).fill(unreachable);
  const reach = new Uint8Array(sets.clientCount);
  for (const c of sets.clients) reach[c] = 1;
  const open = (j: number) => { for (let s = sets.offsets[j]; s < sets.offsets[j + 1]; s++) { const c = sets.clients[s]; if (costs[s] < cur[c]) cur[c] = costs[s]; } };
  for (const j of fixed) open(j);
  const gain = (j: number) => { let g = 0; for (let s = sets.offsets[j]; s < sets.offsets[j + 1]; s++) { const c = sets.clients[s]; if (costs[s] < cur[c]) g += weights[c] * (cur[c] - costs[s]); } return g; };
  const total = () => { let f = 0, w = 0, un = 0, cn = 0, cw = 0; for (let i = 0; i < cur.length; i++) { f += weights[i] * cur[i]; w += weights[i]; if (!reach[i]) un++; if (cur[i] < unreachable) { cn++; cw += weights[i]; } } return { f, w, un, cn, cw }; };
  return { cur, open, gain, total };
}

/**
 * p-median by (lazy) greedy (the saving Σ w (c_old − c_new)+ over the fixed sites is monotone
 * submodular). Clients no open facility reaches cost `unreachable_cost` (default 2 × the largest
 * cost). Bound: the optimum's saving ≤ greedy's saving / (1 − 1/e), so the optimum objective is ≥
 * base − that.
 */
export function pmedianGreedy(sets: CoverSets, weights: ArrayLike<number>, p: number, fixed: readonly number[] = [], opts: { lazy?: boolean; unreachable_cost?: number } = {}): LocationResult {
  checkSets(sets, weights, fixed);
  const lazy = opts.lazy ?? true;
  const M = opts.unreachable_cost ?? maxCost(sets) * 2;
  const st = medianState(sets, weights, fixed, M);
  const base = st.total().f;
  const sel = greedySelect(sets.facilityCount, p, new Set(fixed), st.gain, st.open, lazy);
  const t = st.total();
  const saving = base - t.f;
  // the optimum's saving ≤ saving / (1 − 1/e) → the optimum objective ≥ base − that
  const lb = Math.max(0, base - saving / (1 - 1 / Math.E));
  return {
    problem: 'pmedian', method: lazy ? 'lazy-greedy' : 'greedy', solver: lazy ? 'lazy greedy (Minoux)' : 'greedy', chosen: sel.chosen, fixed: [...fixed], gains: sel.gains,
    covered_count: t.cn, covered_weight: t.cw, total_count: sets.clientCount, total_weight: t.w, mean_cost: t.w > 0 ? t.f / t.w : null, objective: t.f,
    bound: { kind: 'greedy', optimum_bound: lb, gap_pct: t.f > 0 ? (100 * (t.f - lb)) / t.f : 0, note: `Σ w·cost ≥ the bound: the saving over the fixed sites is ≥ 63 % of the optimum saving; unreachable clients cost ${M}` },
    evaluations: sel.evaluations, uncoverable_count: t.un,
  };
}

function maxCost(sets: CoverSets): number {
  let m = 0;
  if (sets.costs) for (const c of sets.costs) if (c > m) m = c;
  return m || 1;
}

// ---------------- exact models (LP text for HiGHS) ----------------

/** An LP/MIP solver taking CPLEX LP text (highs.ts wraps the `highs` package). */
export interface LpSolver {
  name: string;
  solve(lp: string, options?: Record<string, number | string | boolean>): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> };
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(12).replace(/\.?0+$/, '').replace(/\.?0+e/, 'e'));

/** Write "name: t1 + t2 …" broken into lines of ≤ 16 terms. */
function linear(terms: string[]): string {
  const lines: string[] = [];
  for (let k = 0; k < terms.length; k += 16) lines.push(terms.slice(k, k + 16).join(' + ').replace(/\+ -/g, '- '));
  return lines.join('\n  + ').replace(/\+ -/g, '- ');
}

export interface ExactLimits {
  /** Largest number of nonzeros (after merging clients) tried exactly. Default 200,000. */
  max_nonzeros?: number;
  /** Solver time limit, seconds. Default 20. */
  time_limit_s?: number;
}

/** Clients merged by identical covering set (restricted to `open` facilities), with their total weight. */
function mergeClients(sets: CoverSets, weights: ArrayLike<number>, skip: Uint8Array, excluded: Set<number>) {
  const byClient: number[][] = Array.from({ length: sets.clientCount }, () => []);
  for (let j = 0; j < sets.facilityCount; j++) {
    if (excluded.has(j)) continue;
    for (let s = sets.offsets[j]; s < sets.offsets[j + 1]; s++) byClient[sets.clients[s]].push(j);
  }
  const rows = new Map<string, { facilities: number[]; weight: number; count: number }>();
  for (let i = 0; i < sets.clientCount; i++) {
    if (skip[i] || !byClient[i].length) continue;
    const k = byClient[i].join(',');
    const r = rows.get(k);
    if (r) { r.weight += weights[i]; r.count++; } else rows.set(k, { facilities: byClient[i], weight: weights[i], count: 1 });
  }
  return [...rows.values()];
}

/** Order chosen facilities by greedy marginal gain (for reporting the gain of each added site). */
function orderByGain(chosen: number[], gainOf: (j: number) => number, commit: (j: number) => void): { order: number[]; gains: number[] } {
  const left = new Set(chosen), order: number[] = [], gains: number[] = [];
  while (left.size) {
    let bj = -1, bg = -Infinity;
    for (const j of [...left].sort((a, b) => a - b)) { const g = gainOf(j); if (g > bg) { bg = g; bj = j; } }
    order.push(bj); gains.push(bg); left.delete(bj); commit(bj);
  }
  return { order, gains };
}

/**
 * MCLP exactly (y continuous in [0, 1]: integral at the optimum for binary x). Returns null when
 * the instance is larger than the limits or the solver stops without a proved optimum.
 */
export function mclpExact(sets: CoverSets, weights: ArrayLike<number>, p: number, fixed: readonly number[], solver: LpSolver, limits: ExactLimits = {}): LocationResult | null {
  checkSets(sets, weights, fixed);
  const st = coverState(sets, weights, fixed);
  const excluded = new Set(fixed);
  const rows = mergeClients(sets, weights, st.covered, excluded).filter((r) => r.weight > 0);
  const nz = rows.reduce((a, r) => a + r.facilities.length + 1, 0);
  if (nz > (limits.max_nonzeros ?? 200_000)) return null;
  const cand: number[] = [];
  for (let j = 0; j < sets.facilityCount; j++) if (!excluded.has(j)) cand.push(j);
  const pp = Math.min(p, cand.length);
  let chosen: number[] = [];
  if (rows.length && pp > 0) {
    const lp = [
      'Maximize', ` obj: ${rows.length ? linear(rows.map((r, k) => `${num(r.weight)} y${k}`)) : '0 x0'}`,
      'Subject To',
      ...rows.map((r, k) => ` c${k}: y${k} - ${linear(r.facilities.map((j) => `x${j}`)).replace(/ \+ /g, ' - ')} <= 0`),
      ` p: ${linear(cand.map((j) => `x${j}`))} = ${pp}`,
      'Bounds', ...rows.map((_, k) => ` 0 <= y${k} <= 1`),
      'Binaries', ...chunk(cand.map((j) => `x${j}`)), 'End',
    ].join('\n');
    const res = solver.solve(lp, { time_limit: limits.time_limit_s ?? 20, output_flag: false, mip_rel_gap: 0 });
    if (res.Status !== 'Optimal') return null;
    chosen = cand.filter((j) => (res.Columns[`x${j}`]?.Primal ?? 0) > 0.5);
  }
  const ordered = orderByGain(chosen, st.gainW, st.open);
  const t = st.totals();
  return {
    problem: 'mclp', method: 'exact', solver: solver.name, chosen: ordered.order, fixed: [...fixed], gains: ordered.gains,
    covered_count: t.cn, covered_weight: t.cw, total_count: sets.clientCount, total_weight: t.tw, mean_cost: null, objective: t.cw,
    bound: { kind: 'optimal', optimum_bound: t.cw, gap_pct: 0, note: `integer program solved to optimality (${rows.length} merged clients, ${cand.length} candidates)` },
    evaluations: 0, uncoverable_count: t.un,
  };
}

/** LSCP exactly: fewest new facilities covering every coverable client. Null beyond the limits. */
export function lscpExact(sets: CoverSets, fixed: readonly number[], solver: LpSolver, limits: ExactLimits = {}): LocationResult | null {
  const ones = new Float64Array(sets.clientCount).fill(1);
  checkSets(sets, ones, fixed);
  const st = coverState(sets, ones, fixed);
  const excluded = new Set(fixed);
  const rows = mergeClients(sets, ones, st.covered, excluded);
  const nz = rows.reduce((a, r) => a + r.facilities.length, 0);
  if (nz > (limits.max_nonzeros ?? 200_000)) return null;
  const cand = [...new Set(rows.flatMap((r) => r.facilities))].sort((a, b) => a - b);
  let chosen: number[] = [];
  if (rows.length) {
    const lp = [
      'Minimize', ` obj: ${linear(cand.map((j) => `x${j}`))}`,
      'Subject To', ...rows.map((r, k) => ` c${k}: ${linear(r.facilities.map((j) => `x${j}`))} >= 1`),
      'Binaries', ...chunk(cand.map((j) => `x${j}`)), 'End',
    ].join('\n');
    const res = solver.solve(lp, { time_limit: limits.time_limit_s ?? 20, output_flag: false, mip_rel_gap: 0 });
    if (res.Status !== 'Optimal') return null;
    chosen = cand.filter((j) => (res.Columns[`x${j}`]?.Primal ?? 0) > 0.5);
  }
  const ordered = orderByGain(chosen, st.gainN, st.open);
  const t = st.totals();
  return {
    problem: 'lscp', method: 'exact', solver: solver.name, chosen: ordered.order, fixed: [...fixed], gains: ordered.gains,
    covered_count: t.cn, covered_weight: t.cw, total_count: sets.clientCount, total_weight: t.tw, mean_cost: null, objective: chosen.length,
    bound: { kind: 'optimal', optimum_bound: chosen.length, gap_pct: 0, note: `integer program solved to optimality (${rows.length} merged clients, ${cand.length} candidates)` },
    evaluations: 0, uncoverable_count: t.un,
  };
}

/**
 * p-median exactly: min Σ w_i c_ij z_ij + Σ w_i M u_i, Σ_j z_ij + u_i = 1, z_ij ≤ x_j, Σ x_j = p
 * (+ fixed at 1); u_i = 1 leaves client i unserved at cost M. Null beyond the limits.
 */
export function pmedianExact(sets: CoverSets, weights: ArrayLike<number>, p: number, fixed: readonly number[], solver: LpSolver, limits: ExactLimits & { unreachable_cost?: number } = {}): LocationResult | null {
  checkSets(sets, weights, fixed);
  if (!sets.costs) throw new LocationInputError('p-median needs costs');
  const M = limits.unreachable_cost ?? maxCost(sets) * 2;
  const nz = sets.clients.length * 3 + sets.clientCount * 2;
  if (nz > (limits.max_nonzeros ?? 200_000)) return null;
  const fixedSet = new Set(fixed);
  const cand: number[] = [];
  for (let j = 0; j < sets.facilityCount; j++) if (!fixedSet.has(j)) cand.push(j);
  const pp = Math.min(p, cand.length);
  const byClient: { j: number; c: number }[][] = Array.from({ length: sets.clientCount }, () => []);
  for (let j = 0; j < sets.facilityCount; j++) for (let s = sets.offsets[j]; s < sets.offsets[j + 1]; s++) byClient[sets.clients[s]].push({ j, c: sets.costs[s] });
  const obj: string[] = [], cons: string[] = [], links: string[] = [];
  let k = 0;
  for (let i = 0; i < sets.clientCount; i++) {
    if (!(weights[i] > 0)) continue;
    const terms = [`u${i}`];
    obj.push(`${num(weights[i] * M)} u${i}`);
    for (const { j, c } of byClient[i]) {
      obj.push(`${num(weights[i] * c)} z${i}_${j}`);
      terms.push(`z${i}_${j}`);
      links.push(` l${k++}: z${i}_${j} - x${j} <= 0`);
    }
    cons.push(` a${i}: ${linear(terms)} = 1`);
  }
  const allX = Array.from({ length: sets.facilityCount }, (_, j) => `x${j}`);
  const lp = [
    'Minimize', ` obj: ${obj.length ? linear(obj) : '0 x0'}`,
    'Subject To', ...cons, ...links,
    ` p: ${linear(cand.map((j) => `x${j}`).length ? cand.map((j) => `x${j}`) : ['0 x0'])} = ${pp}`,
    ...fixed.map((j, q) => ` f${q}: x${j} = 1`),
    'Binaries', ...chunk(allX), 'End',
  ].join('\n');
  const res = solver.solve(lp, { time_limit: limits.time_limit_s ?? 20, output_flag: false, mip_rel_gap: 0 });
  if (res.Status !== 'Optimal') return null;
  const chosen = cand.filter((j) => (res.Columns[`x${j}`]?.Primal ?? 0) > 0.5);
  const st = medianState(sets, weights, fixed, M);
  const ordered = orderByGain(chosen, st.gain, st.open);
  const t = st.total();
  return {
    problem: 'pmedian', method: 'exact', solver: solver.name, chosen: ordered.order, fixed: [...fixed], gains: ordered.gains,
    covered_count: t.cn, covered_weight: t.cw, total_count: sets.clientCount, total_weight: t.w, mean_cost: t.w > 0 ? t.f / t.w : null, objective: t.f,
    bound: { kind: 'optimal', optimum_bound: t.f, gap_pct: 0, note: `integer program solved to optimality; unreachable clients cost ${M}` },
    evaluations: 0, uncoverable_count: t.un,
  };
}

function chunk(names: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < names.length; k += 20) out.push(' ' + names.slice(k, k + 20).join(' '));
  return out;
}
