/**
 * Shortest paths on a CsrGraph with non-negative weights: Dijkstra's algorithm from one source
 * or from several at once, with an optional cutoff and an optional target to stop at.
 *
 * Algorithm: E. W. Dijkstra, "A note on two problems in connexion with graphs", Numerische
 * Mathematik 1 (1959) 269–271, with a binary heap and lazy deletion (a node is pushed again when
 * its distance improves; stale pairs are skipped when popped): O((n + m) log n). Multi-source:
 * every source starts at distance 0 in the same heap, which equals the minimum over single-source
 * runs (a virtual super-source joined to each source by a 0-weight edge).
 *
 * Determinism: sources are pushed in the order given, out-edges are relaxed in CSR slot order
 * and a distance is replaced only when strictly smaller, so equal-cost ties keep the first
 * predecessor found; with the heap's fixed tie order (heap.ts) a run repeats exactly.
 */
import type { CsrGraph } from './csr.ts';
import { MinHeap } from './heap.ts';

export interface ShortestPaths {
  /** Distance from the nearest source, in the unit of the weights; Infinity when not reached. */
  dist: Float64Array;
  /** Predecessor on a shortest path; -1 at sources and at nodes not reached. */
  pred: Int32Array;
  /** The source each node was reached from; -1 when not reached. */
  origin: Int32Array;
}

export interface DijkstraOptions {
  /**
   * Largest distance of interest: nodes farther than this are not labelled (dist stays Infinity),
   * so the search stops expanding at the cutoff. Default Infinity.
   */
  cutoff?: number;
  /**
   * Stop as soon as this node is settled (its dist and path are final; other nodes may then hold
   * tentative distances). Default: search everything within the cutoff.
   */
  target?: number;
}

/** Shortest paths from one source node. */
export function dijkstra(graph: CsrGraph, source: number, options: DijkstraOptions = {}): ShortestPaths {
  return dijkstraMulti(graph, [source], options);
}

/**
 * Shortest paths from the nearest of several source nodes (each at distance 0).
 * @throws RangeError for a source outside the graph
 */
export function dijkstraMulti(graph: CsrGraph, sources: ArrayLike<number>, options: DijkstraOptions = {}): ShortestPaths {
  const n = graph.nodeCount;
  const cutoff = options.cutoff ?? Infinity;
  const target = options.target ?? -1;
  const { offsets, targets, weights } = graph;
  const dist = new Float64Array(n).fill(Infinity);
  const pred = new Int32Array(n).fill(-1);
  const origin = new Int32Array(n).fill(-1);
  const heap = new MinHeap(Math.min(n, 1024));
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k];
    if (!(s >= 0 && s < n)) throw new RangeError(`source ${s} is outside 0…${n - 1}`);
    dist[s] = 0;
    origin[s] = s;
    heap.push(s, 0);
  }
  while (heap.size) {
    const du = heap.peekKey();
    const u = heap.pop();
    if (du > dist[u]) continue; // stale
    if (u === target) break;
    const ou = origin[u];
    for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
      const v = targets[e];
      const nd = du + weights[e];
      if (nd < dist[v] && nd <= cutoff) {
        dist[v] = nd;
        pred[v] = u;
        origin[v] = ou;
        heap.push(v, nd);
      }
    }
  }
  return { dist, pred, origin };
}

/**
 * Nodes of a shortest path from its source to `target` (both included), from a search's
 * predecessors; [] when the target was not reached.
 */
export function pathTo(paths: Pick<ShortestPaths, 'dist' | 'pred'>, target: number): number[] {
  if (!(paths.dist[target] < Infinity)) return [];
  const path = [target];
  for (let v = paths.pred[target]; v >= 0; v = paths.pred[v]) path.push(v);
  return path.reverse();
}

/** Paths of a seeded search: as ShortestPaths, but `origin` holds the seed index (not a node). */
export type SeededPaths = ShortestPaths;

/**
 * Shortest paths from seeds that start at a distance of their own: seed k puts node nodes[k] at
 * distance startDist[k] (e.g. the part of an edge between a node and a point on it, plus an
 * access leg). Equals Dijkstra from a virtual super-source joined to nodes[k] by an edge of
 * weight startDist[k]. A node seeded twice keeps the smaller start (the first on a tie).
 * `origin[v]` is the index k of the seed v was reached from; -1 when not reached. Seeds farther
 * than the cutoff (or at or beyond their `bound`) are ignored. Reuses `into` (its arrays are
 * overwritten) when given.
 * @throws RangeError for a node outside the graph or a negative / NaN start distance
 */
export interface SeededOptions extends Omit<DijkstraOptions, 'target'> {
  /**
   * Prune: a node is labelled only while its distance is < bound[v] (e.g. its distance from sites
   * already open: nothing found through such a node can beat them). Default: no bound.
   */
  bound?: ArrayLike<number>;
}

export function dijkstraSeeded(
  graph: CsrGraph, nodes: ArrayLike<number>, startDist: ArrayLike<number>, options: SeededOptions = {}, into?: SeededPaths,
): SeededPaths {
  const n = graph.nodeCount;
  if (nodes.length !== startDist.length) throw new RangeError('one start distance per seed node is needed');
  const cutoff = options.cutoff ?? Infinity;
  const bound = options.bound;
  const { offsets, targets, weights } = graph;
  const dist = into?.dist.length === n ? into.dist.fill(Infinity) : new Float64Array(n).fill(Infinity);
  const pred = into?.pred.length === n ? into.pred.fill(-1) : new Int32Array(n).fill(-1);
  const origin = into?.origin.length === n ? into.origin.fill(-1) : new Int32Array(n).fill(-1);
  const heap = new MinHeap(Math.min(n, 1024));
  for (let k = 0; k < nodes.length; k++) {
    const s = nodes[k], d0 = startDist[k];
    if (!(s >= 0 && s < n)) throw new RangeError(`seed node ${s} is outside 0…${n - 1}`);
    if (!(d0 >= 0)) throw new RangeError(`seed ${k} starts at ${d0}; start distances must be ≥ 0`);
    if (d0 > cutoff || !(d0 < dist[s]) || (bound && !(d0 < bound[s]))) continue;
    dist[s] = d0;
    origin[s] = k;
    heap.push(s, d0);
  }
  while (heap.size) {
    const du = heap.peekKey();
    const u = heap.pop();
    if (du > dist[u]) continue; // stale
    const ou = origin[u];
    for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
      const v = targets[e];
      const nd = du + weights[e];
      if (nd < dist[v] && nd <= cutoff && (!bound || nd < bound[v])) {
        dist[v] = nd;
        pred[v] = u;
        origin[v] = ou;
        heap.push(v, nd);
      }
    }
  }
  return { dist, pred, origin };
}

/**
 * A reusable seeded search for many small searches on one big graph (e.g. one per candidate site,
 * each pruned by a bound): the same algorithm, order of operations and results as dijkstraSeeded
 * (so distances are bit-identical), but the arrays are allocated once and only the nodes the last
 * run labelled are reset, so a run costs O(labelled · log) instead of O(n). After `run`, `dist[v]`
 * and `origin[v]` hold the run's answer (Infinity / −1 elsewhere) and `touched[0 … touchedCount − 1]`
 * lists the labelled nodes, in the order they were first labelled. No predecessors are kept.
 */
export class SeededSearch {
  readonly dist: Float64Array;
  readonly origin: Int32Array;
  touched: Int32Array;
  touchedCount = 0;
  private heap = new MinHeap(1024);

  constructor(readonly graph: CsrGraph) {
    this.dist = new Float64Array(graph.nodeCount).fill(Infinity);
    this.origin = new Int32Array(graph.nodeCount).fill(-1);
    this.touched = new Int32Array(Math.min(graph.nodeCount, 1024));
  }

  private label(v: number) {
    if (this.touchedCount === this.touched.length) {
      const t = new Int32Array(Math.min(this.graph.nodeCount, this.touched.length * 2));
      t.set(this.touched);
      this.touched = t;
    }
    this.touched[this.touchedCount++] = v;
  }

  /**
   * Search from the seeds (as dijkstraSeeded); returns the number of labelled nodes.
   * @throws RangeError for a node outside the graph or a negative / NaN start distance
   */
  run(nodes: ArrayLike<number>, startDist: ArrayLike<number>, options: SeededOptions = {}): number {
    const { graph, dist, origin, heap } = this;
    const n = graph.nodeCount;
    if (nodes.length !== startDist.length) throw new RangeError('one start distance per seed node is needed');
    for (let k = 0; k < this.touchedCount; k++) { const v = this.touched[k]; dist[v] = Infinity; origin[v] = -1; }
    this.touchedCount = 0;
    heap.clear();
    const cutoff = options.cutoff ?? Infinity;
    const bound = options.bound;
    const { offsets, targets, weights } = graph;
    for (let k = 0; k < nodes.length; k++) {
      const s = nodes[k], d0 = startDist[k];
      if (!(s >= 0 && s < n)) throw new RangeError(`seed node ${s} is outside 0…${n - 1}`);
      if (!(d0 >= 0)) throw new RangeError(`seed ${k} starts at ${d0}; start distances must be ≥ 0`);
      if (d0 > cutoff || !(d0 < dist[s]) || (bound && !(d0 < bound[s]))) continue;
      if (dist[s] === Infinity) this.label(s);
      dist[s] = d0;
      origin[s] = k;
      heap.push(s, d0);
    }
    while (heap.size) {
      const du = heap.peekKey();
      const u = heap.pop();
      if (du > dist[u]) continue; // stale
      const ou = origin[u];
      for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
        const v = targets[e];
        const nd = du + weights[e];
        if (nd < dist[v] && nd <= cutoff && (!bound || nd < bound[v])) {
          if (dist[v] === Infinity) this.label(v);
          dist[v] = nd;
          origin[v] = ou;
          heap.push(v, nd);
        }
      }
    }
    return this.touchedCount;
  }
}
