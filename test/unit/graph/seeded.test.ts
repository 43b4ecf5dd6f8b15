import { describe, expect, it } from 'vitest';
import { CsrGraph } from '../../../layers/graph/csr.ts';
import { dijkstraMulti, dijkstraSeeded, SeededSearch } from '../../../layers/graph/dijkstra.ts';
import { mulberry32 } from '../../../layers/core/random.ts';

describe('dijkstraSeeded', () => {
  // path 0 — 1 — 2 — 3 (two-way, weight 10 each) and a one-way shortcut 3 → 0 of weight 1
  const g = CsrGraph.fromEdges(4, [0, 1, 1, 2, 2, 3, 3], [1, 0, 2, 1, 3, 2, 0], [10, 10, 10, 10, 10, 10, 1]);

  it('starts each seed at its own distance and labels nodes with the seed index', () => {
    const p = dijkstraSeeded(g, [1, 2], [4, 3]);
    expect([...p.dist]).toEqual([14, 4, 3, 13]);
    expect([...p.origin]).toEqual([0, 0, 1, 1]);
    // 3 → 0 is one-way: from a seed at 3 node 0 is 1 away, the other way round 30
    expect(dijkstraSeeded(g, [3], [0]).dist[0]).toBe(1);
    expect(dijkstraSeeded(g, [0], [0]).dist[3]).toBe(30);
  });

  it('keeps the smaller start of a node seeded twice and honours the cutoff', () => {
    const p = dijkstraSeeded(g, [1, 1], [7, 2], { cutoff: 12 });
    expect(p.dist[1]).toBe(2);
    expect(p.origin[1]).toBe(1);
    expect(p.dist[0]).toBe(12);
    expect(p.dist[3]).toBe(Infinity);
    expect(dijkstraSeeded(g, [0], [20], { cutoff: 12 }).dist[0]).toBe(Infinity);
  });

  it('equals dijkstraMulti when every seed starts at 0, on random graphs', () => {
    const rnd = mulberry32(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 30, from: number[] = [], to: number[] = [], w: number[] = [];
      for (let k = 0; k < 90; k++) { from.push(Math.floor(rnd() * n)); to.push(Math.floor(rnd() * n)); w.push(Math.round(rnd() * 20)); }
      const gr = CsrGraph.fromEdges(n, from, to, w);
      const src = [Math.floor(rnd() * n), Math.floor(rnd() * n)];
      const a = dijkstraMulti(gr, src, { cutoff: 25 }), b = dijkstraSeeded(gr, src, [0, 0], { cutoff: 25 });
      expect([...b.dist]).toEqual([...a.dist]);
    }
  });

  it('prunes at a bound: nodes are labelled only while nearer than the bound', () => {
    const bound = Float64Array.from([Infinity, Infinity, 5, Infinity]);
    const p = dijkstraSeeded(g, [0], [0], { bound });
    expect(p.dist[1]).toBe(10);
    expect(p.dist[2]).toBe(Infinity); // 20 ≥ 5: pruned, and 3 is reached only through 2
    expect(p.dist[3]).toBe(Infinity);
    expect(dijkstraSeeded(g, [2], [5], { bound }).dist[2]).toBe(Infinity);
  });

  it('rejects bad seeds', () => {
    expect(() => dijkstraSeeded(g, [9], [0])).toThrow(RangeError);
    expect(() => dijkstraSeeded(g, [0], [-1])).toThrow(RangeError);
    expect(() => dijkstraSeeded(g, [0, 1], [0])).toThrow(RangeError);
  });
});

describe('SeededSearch', () => {
  it('gives dijkstraSeeded\'s distances and origins run after run, with random seeds, cutoffs and bounds', () => {
    const rnd = mulberry32(11);
    const n = 60, from: number[] = [], to: number[] = [], w: number[] = [];
    for (let k = 0; k < 200; k++) { from.push(Math.floor(rnd() * n)); to.push(Math.floor(rnd() * n)); w.push(rnd() * 20); }
    const gr = CsrGraph.fromEdges(n, from, to, w);
    const search = new SeededSearch(gr);
    for (let trial = 0; trial < 40; trial++) {
      const seeds = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => Math.floor(rnd() * n));
      const start = seeds.map(() => rnd() * 5);
      const bound = trial % 2 ? Float64Array.from({ length: n }, () => 5 + rnd() * 40) : undefined;
      const opts = { cutoff: 10 + rnd() * 40, bound };
      const a = dijkstraSeeded(gr, seeds, start, opts);
      const labelled = search.run(seeds, start, opts);
      expect([...search.dist]).toEqual([...a.dist]);
      expect([...search.origin]).toEqual([...a.origin]);
      // touched lists exactly the labelled nodes
      expect(labelled).toBe([...a.dist].filter((d) => d < Infinity).length);
      expect(new Set(search.touched.subarray(0, labelled))).toEqual(new Set([...a.dist.keys()].filter((v) => a.dist[v] < Infinity)));
    }
  });

  it('refuses what dijkstraSeeded refuses', () => {
    const g = CsrGraph.fromEdges(2, [0], [1], [1]);
    const s = new SeededSearch(g);
    expect(() => s.run([5], [0])).toThrow(RangeError);
    expect(() => s.run([0], [-1])).toThrow(RangeError);
    expect(() => s.run([0, 1], [0])).toThrow(RangeError);
  });
});
