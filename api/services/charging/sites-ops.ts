/**
 * New charging sites (POST /api/charging/sites): candidates (road points on a grid, settlements or
 * the caller's points), each one's reach over the demand cells by one search on the reversed road
 * graph, then MCLP / LSCP / p-median with the existing chargers fixed — exact with HiGHS when the
 * instance is small enough, lazy greedy otherwise (or when asked) — and coverage before/after.
 * Runs in a pool thread (tasks.ts); the endpoint is sites.ts.
 */
import { nodeTimes, siteReach, snapSites, cellTimes, cellTimesAdding, type SitePoint } from '../../../layers/charging/coverage.ts';
import { coverSetsFrom, lscpExact, lscpGreedy, mclpExact, mclpGreedy, pmedianExact, pmedianGreedy, type LocationResult } from '../../../layers/charging/location.ts';
import { highsSolver } from '../../../layers/charging/highs.ts';
import { ProblemError } from '../problem.ts';
import { regionOfPoint, type NetworkModel as Network } from './model.ts';
import type { StationRow } from './tasks.ts';
import { evalOptions, evaluate, paramsOf, publicStations, stationAt, regionSelf, type Station } from './coverage-ops.ts';
import type { RegionCoverage, Sites, SitesRequest } from '../../schemas/charging.ts';

interface Candidate extends SitePoint { lon: number; lat: number; source: string; name_zh: string | null; name_en: string | null }

const MAX_CANDIDATES = 2000;
const round = (v: number, d = 0) => Math.round(v * 10 ** d) / 10 ** d;

export interface PlaceRow { name_zh: string; name_en: string | null; lon: number; lat: number }

function candidatesOf(net: Network, body: SitesRequest, places: readonly PlaceRow[]): Candidate[] {
  const kind = body.candidates ?? 'grid';
  const out: Candidate[] = [];
  const model = net.model(false);
  if (typeof kind === 'object') {
    kind.features.forEach((f, k) => {
      const g = (f as { geometry?: { type?: string; coordinates?: unknown } }).geometry;
      const c = g?.coordinates as number[] | undefined;
      if (g?.type !== 'Point' || !Array.isArray(c) || !(Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90)) {
        throw new ProblemError(422, 'Invalid candidate', `candidates.features[${k}] is not a GeoJSON Point with lon/lat coordinates.`, { feature: k },
          { title: '候选点无效', detail: `candidates.features[${k}] 不是带经纬度坐标的 GeoJSON 点。` });
      }
      const props = (f as { properties?: Record<string, unknown> }).properties ?? {};
      const [x, y] = net.toGrid(c[0], c[1]);
      out.push({ x, y, lon: c[0], lat: c[1], source: 'user', name_zh: typeof props.name_zh === 'string' ? props.name_zh : typeof props.name === 'string' ? props.name : null, name_en: typeof props.name_en === 'string' ? props.name_en : null });
    });
    return out;
  }
  if (kind === 'grid' || kind === 'grid+places') {
    const step = (body.grid_km ?? 2) * 1000;
    const perNet = gridCache.get(net) ?? gridCache.set(net, new Map()).get(net)!;
    const hit = perNet.get(step);
    if (hit) out.push(...hit);
  }
  if ((kind === 'grid' || kind === 'grid+places') && !out.length) {
    const step = (body.grid_km ?? 2) * 1000;
    const { cellIndex, grid } = net;
    const full = new Int32Array(grid.width * grid.height).fill(-1);
    cellIndex.forEach((i, k) => { full[i] = k; });
    const gt = grid.geotransform;
    const xMin = gt[0], xMax = gt[0] + grid.width * gt[1], yMax = gt[3], yMin = gt[3] + grid.height * gt[5];
    const seen = new Set<number>();
    for (let y = yMax - step / 2; y > yMin; y -= step) for (let x = xMin + step / 2; x < xMax; x += step) {
      const c = Math.floor((x - gt[0]) / gt[1]), r = Math.floor((y - gt[3]) / gt[5]);
      const k = full[r * grid.width + c];
      if (k < 0 || net.townships.group[k] < 0) continue;
      const s = model.accessibleIndex.nearest(x, y, step / 2);
      if (s.seg < 0 || seen.has(s.seg)) continue;
      seen.add(s.seg);
      const [lon, lat] = net.toLonLat(s.x, s.y);
      out.push({ x: s.x, y: s.y, lon, lat, source: 'grid', name_zh: null, name_en: null });
    }
    gridCache.get(net)!.set(step, out.slice());
  }
  if (kind === 'places' || kind === 'grid+places') {
    for (const r of places) { const [x, y] = net.toGrid(r.lon, r.lat); out.push({ x, y, lon: r.lon, lat: r.lat, source: 'place', name_zh: r.name_zh, name_en: r.name_en }); }
  }
  return out;
}

/** Build the instance: for each candidate, the clients it reaches and how fast. */
function reach(net: Network, peak: boolean, cands: Candidate[], clients: number[], thresholdOf: (k: number) => number, cutoff_s: number, keepAll: boolean, stations: readonly Station[]) {
  const model = net.model(peak);
  // nodes the existing chargers reach sooner prune each candidate's search: a client served through
  // such a node is served at least as fast by them (so it adds no coverage and no p-median saving)
  const existing = snapSites(model, stations);
  const bound = nodeTimes(model.graph, existing.snaps, existing.access_s, cutoff_s).dist;
  const limit = Float64Array.from(clients, (k) => (keepAll ? cutoff_s : thresholdOf(k)));
  const r = siteReach(model, cands, clients, limit, cutoff_s, bound);
  return { fac: Array.from(r.site), cli: Array.from(r.client), cost: Array.from(r.time_s), snapped: r.snapped };
}

const timesCache = new Map<string, { time_s: Float64Array; node_s: Float64Array }>();
function meanTimesOf(net: Network, stations: readonly Station[], peak: boolean, cutoff_s: number) {
  const key = `${net.fingerprint}|${peak}|${cutoff_s}|${stations.map((s) => `${s.id}@${s.x},${s.y}${s.service_area ? 's' : ''}`).join(';')}`;
  let t = timesCache.get(key);
  if (!t) {
    const r = cellTimes(net.model(peak), stations, cutoff_s);
    t = { time_s: r.time_s, node_s: r.node_s };
    timesCache.set(key, t);
    while (timesCache.size > 4) timesCache.delete(timesCache.keys().next().value!);
  }
  return t;
}

/** Grid candidates per network and spacing (they depend on nothing else). */
const gridCache = new WeakMap<Network, Map<number, Candidate[]>>();

/** The sites answer on the network (in a pool thread). */
export async function sitesOp(net: Network, rows: readonly StationRow[], body: SitesRequest, places: readonly PlaceRow[]): Promise<Sites> {
  const t0 = performance.now();
  const opts = evalOptions(body);
  const th = opts.thresholds;
  const stations = publicStations(rows, net);
  const before = evaluate(net, stations, opts);
  const cands = candidatesOf(net, body, places);
  if (!cands.length) {
    throw new ProblemError(422, 'No candidates', 'No candidate site lies on or near a road in the county: give points inside it, or use candidates "grid".', {},
      { title: '没有候选点', detail: '县域内没有靠近道路的候选点：请提供县内的点，或使用 candidates "grid"。' });
  }
  if (cands.length > MAX_CANDIDATES) {
    throw new ProblemError(413, 'Too many candidates', `${cands.length} candidates; at most ${MAX_CANDIDATES}. Use a larger grid_km or fewer points.`, { candidates: cands.length, max: MAX_CANDIDATES },
      { title: '候选点过多', detail: `候选点 ${cands.length} 个，最多 ${MAX_CANDIDATES} 个。请加大 grid_km 或减少点数。` });
  }
  const thresholdOf = (k: number) => (net.cells.urban[k] ? th.urban_s : th.rural_s);
  const inCounty = (k: number) => net.townships.group[k] >= 0 && net.cells.pop[k] > 0;
  const problem = body.problem;
  const p = body.p ?? 5;
  const M = body.max_pmedian_s ?? 3600;
  // every cell's time to the existing chargers up to M (cached per station set, like evaluate)
  const baseTimes = () => meanTimesOf(net, stations, opts.peak, M);
  const clients: number[] = [];
  for (let k = 0; k < net.cells.x.length; k++) if (inCounty(k) && (problem === 'pmedian' || !before.covered[k])) clients.push(k);
  const weights = Float64Array.from(clients, (k) => net.cells.pop[k]);

  const t1 = performance.now();
  // MCLP/LSCP need times up to the largest threshold among the clients left uncovered
  const cutoff = problem === 'pmedian' ? M : clients.reduce((a, k) => Math.max(a, thresholdOf(k)), 0);
  const inst = reach(net, opts.peak, cands, clients, thresholdOf, cutoff, problem === 'pmedian', stations);
  let fixed: number[] = [];
  let facCount = cands.length;
  let existingTimes: Float64Array | null = null;
  if (problem === 'pmedian') {
    // the existing chargers as one fixed facility (index = cands.length): a client's cost is its time to the nearest
    existingTimes = baseTimes().time_s;
    clients.forEach((k, i) => { if (existingTimes![k] <= M) { inst.fac.push(cands.length); inst.cli.push(i); inst.cost.push(existingTimes![k]); } });
    fixed = [cands.length];
    facCount = cands.length + 1;
  }
  const sets = coverSetsFrom(clients.length, facCount, inst.fac, inst.cli, inst.cost);
  const t2 = performance.now();

  let result: LocationResult | null = null;
  let exactSkipped: string | null = body.greedy ? 'greedy asked for' : null;
  let greedyCovered: number | null = null;
  const greedy = problem === 'mclp' ? mclpGreedy(sets, weights, p, fixed) : problem === 'lscp' ? lscpGreedy(sets, fixed) : pmedianGreedy(sets, weights, p, fixed, { unreachable_cost: M });
  if (!body.greedy) {
    const solver = await highsSolver();
    const limits = { max_nonzeros: 200_000, time_limit_s: 20 };
    result = problem === 'mclp' ? mclpExact(sets, weights, p, fixed, solver, limits)
      : problem === 'lscp' ? lscpExact(sets, fixed, solver, limits)
        : pmedianExact(sets, weights, p, fixed, solver, { ...limits, unreachable_cost: M });
    if (!result) exactSkipped = `the integer program is larger than ${limits.max_nonzeros.toLocaleString('en-US')} nonzeros or HiGHS did not prove an optimum within ${limits.time_limit_s} s; lazy greedy used`;
    else greedyCovered = round(greedy.covered_weight, 1);
  }
  result ??= greedy;
  const t3 = performance.now();

  // coverage after, and each site's gain in people newly covered (in the order of the result)
  const chosen = result.chosen.map((j) => cands[j]);
  const added = chosen.map((c, k) => stationAt(net, `site-${k + 1}`, c.name_zh, 'public', c.lon, c.lat));
  const after = evaluate(net, [...stations, ...added], opts);
  const covered = Uint8Array.from(before.covered);
  const gainsPop = result.chosen.map((j) => {
    let g = 0;
    for (let s = sets.offsets[j]; s < sets.offsets[j + 1]; s++) {
      const k = clients[sets.clients[s]];
      if (!covered[k] && sets.costs![s] <= thresholdOf(k)) { covered[k] = 1; g += net.cells.pop[k]; }
    }
    return g;
  });
  const county = (ev: { covered: Uint8Array }, st: Station[]): RegionCoverage => regionSelf(net, st, ev, opts);
  const meanTime = (times: Float64Array) => {
    let a = 0, w = 0;
    for (let k = 0; k < times.length; k++) if (inCounty(k)) { a += net.cells.pop[k] * Math.min(times[k], M); w += net.cells.pop[k]; }
    return w > 0 ? round(a / w, 1) : null;
  };
  const beforeMean = baseTimes().time_s;
  // = cellTimes of stations + added, searching from the added sites only (exact, see cellTimesAdding)
  const afterMean = cellTimesAdding(net.model(opts.peak), baseTimes(), added, M);
  let uncoverable = 0;
  const coverable = new Uint8Array(clients.length);
  for (let s = 0; s < sets.clients.length; s++) if (sets.costs![s] <= thresholdOf(clients[sets.clients[s]])) coverable[sets.clients[s]] = 1;
  clients.forEach((k, i) => { if (!coverable[i] && !before.covered[k]) uncoverable += net.cells.pop[k]; });

  const t4 = performance.now();
  return {
    problem, method: result.method, solver: result.solver,
    bound: { ...result.bound, optimum_bound: result.bound.optimum_bound === null ? null : round(result.bound.optimum_bound, 2), gap_pct: result.bound.gap_pct === null ? null : round(result.bound.gap_pct, 3) },
    exact_skipped: exactSkipped, greedy_covered_population: greedyCovered,
    sites: chosen.map((c, k) => ({
      rank: k + 1, lon: round(c.lon, 7), lat: round(c.lat, 7), source: c.source, name_zh: c.name_zh, name_en: c.name_en,
      gain_population: round(gainsPop[k], 1), gain_person_seconds: problem === 'pmedian' ? round(result!.gains[k], 0) : null,
      township_id: net.townships.ids[regionOfPoint(net.townships, c.x, c.y)] ?? null,
    })),
    before: county(before, stations), after: county(after, [...stations, ...added]),
    mean_time_s: { before: meanTime(beforeMean), after: meanTime(afterMean) },
    candidates: cands.length, clients: clients.length, uncoverable_population: round(uncoverable, 1),
    seconds: { coverage_sets: round((t2 - t1) / 1000, 3), solve: round((t3 - t2) / 1000, 3), total: round((t4 - t0) / 1000, 3) },
    params: paramsOf(net, opts, stations),
  };
}

