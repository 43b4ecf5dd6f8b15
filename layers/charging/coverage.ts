/**
 * Charging coverage per person (reference/charging.md): every demand cell snapped to its nearest
 * accessible road segment with a partial-edge cost and an off-road access leg; one multi-source
 * Dijkstra from all chargers on the REVERSED graph (times run resident → charger, one-way streets
 * respected) with a cutoff of the largest threshold; a cell is covered when its time ≤ its
 * threshold (300 s urban, 1,800 s rural by default).
 *
 * Time of a resident at point P snapped to segment a → b at fraction t (segment time T):
 *   access(P) + min( (1 − t)·T + D(b),                 drive on towards b
 *                    t·T + D(a)          if two-way,   drive back towards a
 *                    |s − t|·T + access(S) for a charger S snapped to the same segment at s,
 *                                        when the direction from t to s may be driven )
 * where D(v) is node v's time to its nearest charger. A charger S at fraction s of a → b seeds
 * the reversed search with D(a) ≤ s·T + access(S) and, when two-way, D(b) ≤ (1 − s)·T + access(S).
 * access(P) = off-road distance / ACCESS.speed_kmh; cells farther than ACCESS.max_m from an
 * accessible road are unreachable.
 */
import { dijkstraSeeded, SeededSearch, type SeededPaths } from '../graph/dijkstra.ts';
import { ModelInputError } from '../core/errors.ts';
import { accessibleSegment, SegmentIndex, type RoadGraph, type Snap } from './road-graph.ts';
import { ACCESS, COVERAGE_THRESHOLDS, type AccessParams } from './speeds.ts';

export interface CoverageThresholds {
  /** Largest time to a charger for an urban cell, seconds. */
  urban_s: number;
  /** … for a rural cell, seconds. */
  rural_s: number;
}

export const DEFAULT_THRESHOLDS: CoverageThresholds = { urban_s: COVERAGE_THRESHOLDS.urban_s, rural_s: COVERAGE_THRESHOLDS.rural_s };

/** Demand cells: centres in the graph's plane (metres), people, urban flag. */
export interface DemandCells {
  x: Float64Array;
  y: Float64Array;
  pop: Float64Array;
  /** 1 urban, 0 rural. */
  urban: Uint8Array;
}

/** Snapped positions of many points, as parallel arrays. */
export interface SnapSet {
  seg: Int32Array;
  t: Float64Array;
  /** Access-leg time from the point to its snapped position, seconds (Infinity when not snapped). */
  access_s: Float64Array;
  offset_m: Float64Array;
}

/** A charger (or candidate site) position. */
export interface SitePoint {
  x: number;
  y: number;
  /** Service-area chargers snap to any segment (their service road); others to accessible ones. */
  service_area?: boolean;
}

/** What a coverage computation is built from once and reused: graph, indices, snapped demand. */
export interface CoverageModel {
  graph: RoadGraph;
  access: AccessParams;
  /** Index of accessible segments (demand, ordinary chargers). */
  accessibleIndex: SegmentIndex;
  /** Index of all segments (service-area chargers). */
  allIndex: SegmentIndex;
  cells: DemandCells;
  cellSnaps: SnapSet;
}

export class CoverageInputError extends ModelInputError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super({ code: 'bad_coverage_input', title: 'Unusable coverage input', detail, extensions });
  }
}

/** Snap points to the nearest segment of `index` within access.max_m. */
export function snapAll(index: SegmentIndex, xs: ArrayLike<number>, ys: ArrayLike<number>, access: AccessParams = ACCESS): SnapSet {
  const n = xs.length;
  const out: SnapSet = { seg: new Int32Array(n), t: new Float64Array(n), access_s: new Float64Array(n), offset_m: new Float64Array(n) };
  const v = access.speed_kmh / 3.6;
  for (let i = 0; i < n; i++) {
    const s = index.nearest(xs[i], ys[i], access.max_m);
    out.seg[i] = s.seg;
    out.t[i] = s.t;
    out.offset_m[i] = s.offset_m;
    out.access_s[i] = s.seg >= 0 ? s.offset_m / v : Infinity;
  }
  return out;
}

/** Build the reusable model: indices and the snapped demand. */
export function coverageModel(graph: RoadGraph, cells: DemandCells, access: AccessParams = ACCESS): CoverageModel {
  const n = cells.x.length;
  if (cells.y.length !== n || cells.pop.length !== n || cells.urban.length !== n) throw new CoverageInputError('demand cells need x, y, pop and urban of the same length');
  const accessibleIndex = new SegmentIndex(graph, accessibleSegment(graph));
  const allIndex = new SegmentIndex(graph);
  return { graph, access, accessibleIndex, allIndex, cells, cellSnaps: snapAll(accessibleIndex, cells.x, cells.y, access) };
}

/** Snap chargers: service-area ones to any segment, the others to accessible segments. */
export function snapSites(model: CoverageModel, sites: readonly SitePoint[]): { snaps: Snap[]; access_s: number[] } {
  const v = model.access.speed_kmh / 3.6;
  const snaps = sites.map((p) => (p.service_area ? model.allIndex : model.accessibleIndex).nearest(p.x, p.y, model.access.max_m));
  return { snaps, access_s: snaps.map((s) => (s.seg >= 0 ? s.offset_m / v : Infinity)) };
}

/** Seeds of the reversed search for snapped chargers (see the module comment). */
export function siteSeeds(g: RoadGraph, snaps: readonly Snap[], access_s: readonly number[]): { nodes: Int32Array; start_s: Float64Array; site: Int32Array } {
  const nodes: number[] = [], start: number[] = [], site: number[] = [];
  snaps.forEach((s, k) => {
    if (s.seg < 0) return;
    const T = g.segTime_s[s.seg];
    nodes.push(g.segA[s.seg]); start.push(access_s[k] + s.t * T); site.push(k);
    if (!g.segOneway[s.seg]) { nodes.push(g.segB[s.seg]); start.push(access_s[k] + (1 - s.t) * T); site.push(k); }
  });
  return { nodes: Int32Array.from(nodes), start_s: Float64Array.from(start), site: Int32Array.from(site) };
}

/** Node times to the nearest of the sites (reversed graph), with the site each comes from. */
export interface NodeTimes {
  /** Seconds from each node to its nearest site; Infinity beyond the cutoff. */
  dist: Float64Array;
  /** Index of that site; -1 when none within the cutoff. */
  site: Int32Array;
}

/** One multi-source search from the snapped sites, cutoff in seconds (pruned where a node's time is ≥ bound, when given). */
export function nodeTimes(g: RoadGraph, snaps: readonly Snap[], access_s: readonly number[], cutoff_s: number, into?: SeededPaths, bound?: Float64Array): NodeTimes {
  const seeds = siteSeeds(g, snaps, access_s);
  const p = dijkstraSeeded(g.reverse, seeds.nodes, seeds.start_s, { cutoff: cutoff_s, bound }, into);
  const site = new Int32Array(g.nodeCount);
  for (let v = 0; v < site.length; v++) site[v] = p.origin[v] >= 0 ? seeds.site[p.origin[v]] : -1;
  return { dist: p.dist, site };
}

/** Sites snapped to each segment (for residents on the same segment as a charger). */
export function sitesBySegment(snaps: readonly Snap[], access_s: readonly number[]): Map<number, { t: number; access_s: number; site: number }[]> {
  const m = new Map<number, { t: number; access_s: number; site: number }[]>();
  snaps.forEach((s, k) => {
    if (s.seg < 0) return;
    (m.get(s.seg) ?? m.set(s.seg, []).get(s.seg)!).push({ t: s.t, access_s: access_s[k], site: k });
  });
  return m;
}

/** Time of one snapped point to its nearest site, and which site (-1 when none / not snapped). */
export function snappedTime(
  g: RoadGraph, seg: number, t: number, access_s: number, times: NodeTimes,
  sameSegment: Map<number, { t: number; access_s: number; site: number }[]>,
): { time_s: number; site: number } {
  if (seg < 0) return { time_s: Infinity, site: -1 };
  const T = g.segTime_s[seg], a = g.segA[seg], b = g.segB[seg];
  let best = (1 - t) * T + times.dist[b], site = times.site[b];
  if (!g.segOneway[seg]) {
    const viaA = t * T + times.dist[a];
    if (viaA < best) { best = viaA; site = times.site[a]; }
  }
  const here = sameSegment.get(seg);
  if (here) for (const s of here) {
    if (s.t < t && g.segOneway[seg]) continue;
    const d = Math.abs(s.t - t) * T + s.access_s;
    if (d < best) { best = d; site = s.site; }
  }
  return best < Infinity ? { time_s: access_s + best, site } : { time_s: Infinity, site: -1 };
}

/** Travel time of every demand cell to its nearest site (seconds) and the site's index. */
export function cellTimes(model: CoverageModel, sites: readonly SitePoint[], cutoff_s: number): { time_s: Float64Array; site: Int32Array; siteSnaps: Snap[]; node_s: Float64Array } {
  const { snaps, access_s } = snapSites(model, sites);
  const times = nodeTimes(model.graph, snaps, access_s, cutoff_s);
  const same = sitesBySegment(snaps, access_s);
  const { cellSnaps } = model;
  const n = cellSnaps.seg.length;
  const time = new Float64Array(n), site = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = snappedTime(model.graph, cellSnaps.seg[i], cellSnaps.t[i], cellSnaps.access_s[i], times, same);
    time[i] = r.time_s <= cutoff_s ? r.time_s : Infinity;
    site[i] = r.time_s <= cutoff_s ? r.site : -1;
  }
  return { time_s: time, site, siteSnaps: snaps, node_s: times.dist };
}

/**
 * Cell times to the nearest of the sites of `base` (a cellTimes result with the same cutoff) and
 * `added`, without searching from the base sites again: one search from the added sites, pruned
 * where the base's node times are not beaten, then the smaller of the two times per cell. Equals
 * cellTimes on all the sites exactly (floating-point addition is monotone, so the minimum over
 * sites commutes with each edge and partial-edge sum); sites are not reported.
 */
export function cellTimesAdding(model: CoverageModel, base: { time_s: Float64Array; node_s: Float64Array }, added: readonly SitePoint[], cutoff_s: number): Float64Array {
  const { snaps, access_s } = snapSites(model, added);
  const times = nodeTimes(model.graph, snaps, access_s, cutoff_s, undefined, base.node_s);
  const same = sitesBySegment(snaps, access_s);
  const { cellSnaps } = model;
  const out = Float64Array.from(base.time_s);
  for (let i = 0; i < out.length; i++) {
    const r = snappedTime(model.graph, cellSnaps.seg[i], cellSnaps.t[i], cellSnaps.access_s[i], times, same);
    if (r.time_s <= cutoff_s && r.time_s < out[i]) out[i] = r.time_s;
  }
  return out;
}

/** Which clients each candidate site reaches within its limit: parallel lists (site, client, seconds). */
export interface SiteReach {
  /** Index into the sites. */
  site: Int32Array;
  /** Index into the clients list. */
  client: Int32Array;
  /** Travel time of the client to the site, seconds. */
  time_s: Float64Array;
  /** Whether each site snapped to a road. */
  snapped: boolean[];
}

/**
 * For every candidate site, the clients (demand cells `clients[i]`) whose time to it is ≤
 * `limit_s[i]`: one search per site on the reversed graph with the cutoff, pruned where `bound`
 * (e.g. node times to the existing chargers) is not beaten. Equals, entry for entry and in the same
 * order (site, then client index), running nodeTimes for each site and snappedTime for every
 * client; but each search resets only the nodes it labelled (SeededSearch) and only the clients on
 * a segment next to a labelled node, or on the site's own segment, are timed — so a site costs what
 * its search explores, not the size of the county.
 */
export function siteReach(
  model: CoverageModel, sites: readonly SitePoint[], clients: ArrayLike<number>, limit_s: ArrayLike<number>, cutoff_s: number, bound?: Float64Array,
): SiteReach {
  const g = model.graph;
  const { cellSnaps } = model;
  const { snaps, access_s } = snapSites(model, sites);
  const m = clients.length;
  // clients by node: a client on a → b is reached through b, and through a when two-way
  const count = new Int32Array(g.nodeCount + 1);
  const bySeg = new Map<number, number[]>();
  for (let i = 0; i < m; i++) {
    const s = cellSnaps.seg[clients[i]];
    if (s < 0) continue;
    count[g.segB[s] + 1]++;
    if (!g.segOneway[s]) count[g.segA[s] + 1]++;
    (bySeg.get(s) ?? bySeg.set(s, []).get(s)!).push(i);
  }
  for (let v = 0; v < g.nodeCount; v++) count[v + 1] += count[v];
  const fill = count.slice(0, g.nodeCount), list = new Int32Array(count[g.nodeCount]);
  for (let i = 0; i < m; i++) {
    const s = cellSnaps.seg[clients[i]];
    if (s < 0) continue;
    list[fill[g.segB[s]]++] = i;
    if (!g.segOneway[s]) list[fill[g.segA[s]]++] = i;
  }
  const search = new SeededSearch(g.reverse);
  const times: NodeTimes = { dist: search.dist, site: new Int32Array(g.nodeCount) };
  const mark = new Int32Array(m).fill(-1);
  const site: number[] = [], client: number[] = [], time: number[] = [];
  let picked = new Int32Array(64);
  snaps.forEach((snap, j) => {
    if (snap.seg < 0) return;
    const seeds = siteSeeds(g, [snap], [access_s[j]]);
    const labelled = search.run(seeds.nodes, seeds.start_s, { cutoff: cutoff_s, bound });
    let np = 0;
    const take = (i: number) => {
      if (mark[i] === j) return;
      mark[i] = j;
      if (np === picked.length) { const q = new Int32Array(picked.length * 2); q.set(picked); picked = q; }
      picked[np++] = i;
    };
    for (let k = 0; k < labelled; k++) { const v = search.touched[k]; for (let e = count[v]; e < count[v + 1]; e++) take(list[e]); }
    for (const i of bySeg.get(snap.seg) ?? []) take(i);
    const chosen = picked.subarray(0, np).sort();
    const same = sitesBySegment([snap], [access_s[j]]);
    for (const i of chosen) {
      const k = clients[i];
      const r = snappedTime(g, cellSnaps.seg[k], cellSnaps.t[k], cellSnaps.access_s[k], times, same);
      if (r.time_s <= limit_s[i]) { site.push(j); client.push(i); time.push(r.time_s); }
    }
  });
  return { site: Int32Array.from(site), client: Int32Array.from(client), time_s: Float64Array.from(time), snapped: snaps.map((s) => s.seg >= 0) };
}

/** Covered flag of each cell: time ≤ its class's threshold. */
export function coveredCells(cells: DemandCells, time_s: Float64Array, th: CoverageThresholds = DEFAULT_THRESHOLDS): Uint8Array {
  const out = new Uint8Array(time_s.length);
  for (let i = 0; i < out.length; i++) out[i] = time_s[i] <= (cells.urban[i] ? th.urban_s : th.rural_s) ? 1 : 0;
  return out;
}

export interface ClassCoverage {
  population: number;
  covered_population: number;
  /** covered / population × 100; null when nobody lives there. */
  coverage_pct: number | null;
  threshold_s: number;
}

export interface CoverageSummary {
  population: number;
  covered_population: number;
  coverage_pct: number | null;
  urban: ClassCoverage;
  rural: ClassCoverage;
  /** Cells with people that no charger reaches within the threshold. */
  uncovered_cells: number;
}

const pct = (c: number, p: number) => (p > 0 ? (100 * c) / p : null);

/**
 * Coverage per group: `group[i]` is cell i's group (−1: in none), `weight[i]` (optional) the
 * share of the cell in it (e.g. a parcel's cover fraction). Population in people.
 */
export function summarise(
  cells: DemandCells, covered: Uint8Array, groupCount: number, group?: Int32Array, th: CoverageThresholds = DEFAULT_THRESHOLDS, weight?: Float64Array,
): CoverageSummary[] {
  const acc = Array.from({ length: groupCount }, () => ({ up: 0, uc: 0, rp: 0, rc: 0, un: 0 }));
  for (let i = 0; i < covered.length; i++) {
    const gi = group ? group[i] : 0;
    if (gi < 0) continue;
    const p = cells.pop[i] * (weight ? weight[i] : 1);
    if (!(p > 0)) continue;
    const a = acc[gi];
    if (cells.urban[i]) { a.up += p; if (covered[i]) a.uc += p; } else { a.rp += p; if (covered[i]) a.rc += p; }
    if (!covered[i]) a.un++;
  }
  return acc.map((a) => ({
    population: a.up + a.rp, covered_population: a.uc + a.rc, coverage_pct: pct(a.uc + a.rc, a.up + a.rp),
    urban: { population: a.up, covered_population: a.uc, coverage_pct: pct(a.uc, a.up), threshold_s: th.urban_s },
    rural: { population: a.rp, covered_population: a.rc, coverage_pct: pct(a.rc, a.rp), threshold_s: th.rural_s },
    uncovered_cells: a.un,
  }));
}

/**
 * Urban flag per cell from population density (the rule when no urban/rural raster exists):
 * urban when pop / cell area ≥ minDensity (people per km²).
 */
export function urbanByDensity(pop: ArrayLike<number>, cellAreaKm2: number, minDensityPerKm2: number): Uint8Array {
  const out = new Uint8Array(pop.length);
  for (let i = 0; i < out.length; i++) out[i] = pop[i] / cellAreaKm2 >= minDensityPerKm2 ? 1 : 0;
  return out;
}
