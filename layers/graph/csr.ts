/**
 * Directed weighted graph in compressed sparse row (CSR) form, built from edge lists.
 *
 * Layout (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed. 2003, §3.4, "CSR"): the
 * out-edges of node u occupy slots offsets[u] … offsets[u + 1] − 1 of `targets` and `weights`.
 * Built by a counting sort on the tail node, O(n + m), stable: the out-edges of a node keep the
 * order they had in the input lists, so searches over the graph relax neighbours in that order
 * (which fixes tie-breaking). `edgeIds[slot]` is the index of the slot's edge in the input lists.
 */
export class CsrGraph {
  /** Number of nodes (ids 0 … nodeCount − 1). */
  readonly nodeCount: number;
  /** Length nodeCount + 1: out-edges of u are slots offsets[u] … offsets[u + 1] − 1. */
  readonly offsets: Int32Array;
  /** Head node of each slot. */
  readonly targets: Int32Array;
  /** Weight of each slot (a cost: length, time, … in the caller's unit). */
  readonly weights: Float64Array;
  /** Input edge index of each slot. */
  readonly edgeIds: Int32Array;

  private constructor(nodeCount: number, offsets: Int32Array, targets: Int32Array, weights: Float64Array, edgeIds: Int32Array) {
    this.nodeCount = nodeCount;
    this.offsets = offsets;
    this.targets = targets;
    this.weights = weights;
    this.edgeIds = edgeIds;
  }

  /**
   * Graph of `nodeCount` nodes with edges from[k] → to[k] of weight weight[k].
   * @throws RangeError when the lists differ in length, a node id is outside 0 … nodeCount − 1,
   *   or a weight is negative or NaN (shortest-path searches need weights ≥ 0)
   */
  static fromEdges(nodeCount: number, from: ArrayLike<number>, to: ArrayLike<number>, weight: ArrayLike<number>): CsrGraph {
    const m = from.length;
    if (to.length !== m || weight.length !== m) throw new RangeError('from, to and weight must have the same length');
    const offsets = new Int32Array(nodeCount + 1);
    for (let k = 0; k < m; k++) {
      const u = from[k], v = to[k], w = weight[k];
      if (!(u >= 0 && u < nodeCount && v >= 0 && v < nodeCount) || u !== Math.floor(u) || v !== Math.floor(v)) {
        throw new RangeError(`edge ${k} (${u} → ${v}) has a node outside 0…${nodeCount - 1}`);
      }
      if (!(w >= 0)) throw new RangeError(`edge ${k} has weight ${w}; weights must be ≥ 0`);
      offsets[u + 1]++;
    }
    for (let u = 0; u < nodeCount; u++) offsets[u + 1] += offsets[u];
    const fill = offsets.slice(0, nodeCount);
    const targets = new Int32Array(m);
    const weights = new Float64Array(m);
    const edgeIds = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const s = fill[from[k]]++;
      targets[s] = to[k];
      weights[s] = weight[k];
      edgeIds[s] = k;
    }
    return new CsrGraph(nodeCount, offsets, targets, weights, edgeIds);
  }

  /** Number of edges. */
  get edgeCount(): number {
    return this.targets.length;
  }

  /** Number of out-edges of u. */
  outDegree(u: number): number {
    return this.offsets[u + 1] - this.offsets[u];
  }

  /** Slot of the first edge u → v, or -1 when there is none. */
  slotOf(u: number, v: number): number {
    for (let s = this.offsets[u], e = this.offsets[u + 1]; s < e; s++) if (this.targets[s] === v) return s;
    return -1;
  }

  /** The same graph with every edge turned around (v → u), e.g. to search towards a destination. */
  reverse(): CsrGraph {
    const n = this.nodeCount;
    const m = this.edgeCount;
    const from = new Int32Array(m);
    for (let u = 0; u < n; u++) for (let s = this.offsets[u]; s < this.offsets[u + 1]; s++) from[s] = u;
    const r = CsrGraph.fromEdges(n, this.targets, from, this.weights);
    // slots of the reversed graph index this graph's slots: map them to the input edges
    const edgeIds = new Int32Array(m);
    for (let s = 0; s < m; s++) edgeIds[s] = this.edgeIds[r.edgeIds[s]];
    return new CsrGraph(n, r.offsets, r.targets, r.weights, edgeIds);
  }

  /**
   * The same topology with other weights, given per slot (length edgeCount, e.g. `weights` scaled
   * for some slots). Offsets, targets and edgeIds are shared, not copied.
   * @throws RangeError on a length mismatch or a negative / NaN weight
   */
  withWeights(slotWeights: Float64Array): CsrGraph {
    if (slotWeights.length !== this.edgeCount) throw new RangeError('one weight per slot is needed');
    for (let s = 0; s < slotWeights.length; s++) if (!(slotWeights[s] >= 0)) throw new RangeError(`slot ${s} has weight ${slotWeights[s]}; weights must be ≥ 0`);
    return new CsrGraph(this.nodeCount, this.offsets, this.targets, slotWeights, this.edgeIds);
  }
}
