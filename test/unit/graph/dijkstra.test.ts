import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../../layers/graph/csr.ts';
import { dijkstra, dijkstraMulti, pathTo } from '../../../layers/graph/dijkstra.ts';
import { mulberry32 } from '../../../layers/core/random.ts';

// 5 nodes plus an isolated node 5:
//   0 →(4) 1, 0 →(1) 2, 2 →(2) 1, 1 →(1) 3, 2 →(5) 3, 3 →(3) 4, 4 →(1) 0 (one-way back edge)
// from 0: d(2) = 1, d(1) = 1 + 2 = 3 (not 4), d(3) = 3 + 1 = 4 (not 1 + 5), d(4) = 7, d(5) = ∞
const FROM = [0, 0, 2, 1, 2, 3, 4];
const TO = [1, 2, 1, 3, 3, 4, 0];
const W = [4, 1, 2, 1, 5, 3, 1];
const g = CsrGraph.fromEdges(6, FROM, TO, W);

describe('CsrGraph', () => {
  it('groups out-edges by tail in input order and remembers the input edge of each slot', () => {
    expect([...g.offsets]).toEqual([0, 2, 3, 5, 6, 7, 7]);
    expect([...g.targets]).toEqual([1, 2, 3, 1, 3, 4, 0]);
    expect([...g.weights]).toEqual([4, 1, 1, 2, 5, 3, 1]);
    expect([...g.edgeIds]).toEqual([0, 1, 3, 2, 4, 5, 6]);
    expect(g.edgeCount).toBe(7);
    expect(g.outDegree(2)).toBe(2);
    expect(g.outDegree(5)).toBe(0);
    expect(g.slotOf(2, 3)).toBe(4);
    expect(g.slotOf(3, 2)).toBe(-1);
  });

  it('reverse() turns every edge around and keeps the input edge ids', () => {
    const r = g.reverse();
    const edges = (x: CsrGraph) => {
      const out: [number, number, number, number][] = [];
      for (let u = 0; u < x.nodeCount; u++) for (let s = x.offsets[u]; s < x.offsets[u + 1]; s++) out.push([u, x.targets[s], x.weights[s], x.edgeIds[s]]);
      return out;
    };
    expect(edges(r)).toEqual([[0, 4, 1, 6], [1, 0, 4, 0], [1, 2, 2, 2], [2, 0, 1, 1], [3, 1, 1, 3], [3, 2, 5, 4], [4, 3, 3, 5]]);
    expect(edges(r.reverse())).toEqual(edges(g));
  });

  it('withWeights shares the topology', () => {
    const h = g.withWeights(new Float64Array(7).fill(1));
    expect(h.targets).toBe(g.targets);
    expect([...dijkstra(h, 0).dist]).toEqual([0, 1, 1, 2, 3, Infinity]);
  });

  it('rejects bad input', () => {
    expect(() => CsrGraph.fromEdges(2, [0], [2], [1])).toThrow(RangeError);
    expect(() => CsrGraph.fromEdges(2, [0], [1], [-1])).toThrow(RangeError);
    expect(() => CsrGraph.fromEdges(2, [0], [1], [NaN])).toThrow(RangeError);
    expect(() => CsrGraph.fromEdges(2, [0, 1], [1], [1])).toThrow(RangeError);
    expect(() => g.withWeights(new Float64Array(3))).toThrow(RangeError);
  });
});

describe('dijkstra', () => {
  it('finds the known distances and paths of the hand graph; unreachable = Infinity', () => {
    const sp = dijkstra(g, 0);
    expect([...sp.dist]).toEqual([0, 3, 1, 4, 7, Infinity]);
    expect([...sp.pred]).toEqual([-1, 2, 0, 1, 3, -1]);
    expect([...sp.origin]).toEqual([0, 0, 0, 0, 0, -1]);
    expect(pathTo(sp, 4)).toEqual([0, 2, 1, 3, 4]);
    expect(pathTo(sp, 0)).toEqual([0]);
    expect(pathTo(sp, 5)).toEqual([]);
  });

  it('follows one-way edges only forwards', () => {
    // from 1: 1 → 3 → 4 → 0 → 2; nothing leads back to 1 except through 0
    const sp = dijkstra(g, 1);
    expect([...sp.dist]).toEqual([5, 0, 6, 1, 4, Infinity]);
    // on the reversed graph, distances are "to 1": 0 → 2 → 1 costs 3, 4 → 0 → 2 → 1 costs 4
    const to1 = dijkstra(g.reverse(), 1);
    expect([...to1.dist]).toEqual([3, 0, 2, 7, 4, Infinity]);
    expect(pathTo(to1, 4)).toEqual([1, 2, 0, 4]);
  });

  it('stops expanding at the cutoff', () => {
    const sp = dijkstra(g, 0, { cutoff: 3 });
    expect([...sp.dist]).toEqual([0, 3, 1, Infinity, Infinity, Infinity]);
    expect([...sp.pred]).toEqual([-1, 2, 0, -1, -1, -1]);
    expect(dijkstra(g, 0, { cutoff: 0 }).dist[2]).toBe(Infinity);
  });

  it('stops when the target is settled, with its final distance and path', () => {
    const sp = dijkstra(g, 0, { target: 1 });
    expect(sp.dist[1]).toBe(3);
    expect(pathTo(sp, 1)).toEqual([0, 2, 1]);
    // node 4 lies beyond the target and was not reached yet
    expect(sp.dist[4]).toBe(Infinity);
  });

  it('multi-source: distance to the nearest source, with that source as origin', () => {
    const sp = dijkstraMulti(g, [1, 2]);
    expect([...sp.dist]).toEqual([5, 0, 0, 1, 4, Infinity]);
    expect([...sp.origin]).toEqual([1, 1, 2, 1, 1, -1]);
    expect(pathTo(sp, 0)).toEqual([1, 3, 4, 0]);
    expect(() => dijkstraMulti(g, [6])).toThrow(RangeError);
  });

  it('multi-source equals the minimum over single-source runs (random graphs)', () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 20; trial++) {
      const { graph, n } = randomGraph(rand, 40, 120);
      const sources = [0, 7, 19, 33];
      const multi = dijkstraMulti(graph, sources);
      const singles = sources.map((s) => dijkstra(graph, s).dist);
      for (let v = 0; v < n; v++) {
        const best = Math.min(...singles.map((d) => d[v]));
        expect(multi.dist[v]).toBe(best);
        if (best < Infinity) expect(singles[sources.indexOf(multi.origin[v])][v]).toBe(best);
      }
    }
  });

  it('agrees with a naive O(n²) Dijkstra on random graphs (distances, and paths that realise them)', () => {
    const rand = mulberry32(5);
    for (let trial = 0; trial < 50; trial++) {
      const n = 2 + Math.floor(rand() * 60);
      const { graph, from, to, w } = randomGraph(rand, n, Math.floor(rand() * n * 4));
      const s = Math.floor(rand() * n);
      const cutoff = rand() < 0.3 ? rand() * 20 : Infinity;
      const sp = dijkstra(graph, s, { cutoff });
      const naive = naiveDijkstra(n, from, to, w, s);
      for (let v = 0; v < n; v++) {
        const expected = naive[v] <= cutoff ? naive[v] : Infinity;
        expect(sp.dist[v], `trial ${trial} node ${v}`).toBeCloseTo(expected, 9);
        if (expected === Infinity) { expect(sp.dist[v]).toBe(Infinity); continue; }
        const p = pathTo(sp, v);
        expect(p[0]).toBe(s);
        expect(p[p.length - 1]).toBe(v);
        let len = 0;
        for (let k = 0; k + 1 < p.length; k++) len += cheapestEdge(graph, p[k], p[k + 1]);
        expect(len).toBeCloseTo(sp.dist[v], 9);
      }
    }
  });
});

/** Weight of the cheapest edge u → v (random graphs have parallel edges). */
function cheapestEdge(graph: CsrGraph, u: number, v: number): number {
  let best = Infinity;
  for (let s = graph.offsets[u]; s < graph.offsets[u + 1]; s++) if (graph.targets[s] === v) best = Math.min(best, graph.weights[s]);
  return best;
}

function randomGraph(rand: () => number, n: number, m: number) {
  const from: number[] = [], to: number[] = [], w: number[] = [];
  for (let k = 0; k < m; k++) {
    from.push(Math.floor(rand() * n));
    to.push(Math.floor(rand() * n));
    w.push(rand() < 0.1 ? 0 : Math.round(rand() * 100) / 10); // some zero weights, some ties
  }
  return { graph: CsrGraph.fromEdges(n, from, to, w), n, from, to, w };
}

/** Textbook Dijkstra with an array scan for the minimum (no heap). */
function naiveDijkstra(n: number, from: number[], to: number[], w: number[], s: number): number[] {
  const d = new Array<number>(n).fill(Infinity);
  const done = new Array<boolean>(n).fill(false);
  d[s] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!done[v] && d[v] < Infinity && (u < 0 || d[v] < d[u])) u = v;
    if (u < 0) return d;
    done[u] = true;
    for (let k = 0; k < from.length; k++) if (from[k] === u && d[u] + w[k] < d[to[k]]) d[to[k]] = d[u] + w[k];
  }
}
