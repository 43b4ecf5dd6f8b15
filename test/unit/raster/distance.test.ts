import { describe, expect, it } from 'vitest';
import { distanceTransform } from '../../../layers/raster/distance.ts';

describe('distanceTransform', () => {
  it('gives distances in cells from one source, with its index', () => {
    const { dist, nearest } = distanceTransform(5, 1, [1, 0, 0, 0, 0]);
    expect([...dist]).toEqual([0, 1, 2, 3, 4]);
    expect([...nearest]).toEqual([0, 0, 0, 0, 0]);
  });

  it('is Euclidean, not city-block: corners of a 3 × 3 around a centre source are √2 away', () => {
    const { dist } = distanceTransform(3, 3, [0, 0, 0, 0, 1, 0, 0, 0, 0]);
    const r2 = Math.fround(Math.SQRT2);
    expect([...dist]).toEqual([r2, 1, r2, 1, 0, 1, r2, 1, r2]);
    // a knight's move away: √5
    expect(distanceTransform(3, 2, [1, 0, 0, 0, 0, 0]).dist[5]).toBe(Math.fround(Math.sqrt(5)));
  });

  it('scales to metres with the cell size', () => {
    expect([...distanceTransform(4, 1, [0, 0, 0, 1], 30).dist]).toEqual([90, 60, 30, 0]);
  });

  it('picks the nearest of several sources; an exact tie keeps the first one found', () => {
    const { dist, nearest } = distanceTransform(5, 1, [1, 0, 0, 0, 1]);
    expect([...dist]).toEqual([0, 1, 2, 1, 0]);
    expect([...nearest]).toEqual([0, 0, 0, 4, 4]);
  });

  it('has Infinity and -1 everywhere without sources', () => {
    const { dist, nearest } = distanceTransform(2, 2, [0, 0, 0, 0]);
    expect([...dist]).toEqual([Infinity, Infinity, Infinity, Infinity]);
    expect([...nearest]).toEqual([-1, -1, -1, -1]);
  });

  it('matches brute force on random sources: exact distance to the reported source, which is a nearest one', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let worst = 0, wrongDistance = 0;
    for (let trial = 0; trial < 10; trial++) {
      const W = 60, H = 45;
      const src = new Uint8Array(W * H);
      for (let k = 0; k < 3 + trial * 4; k++) src[Math.floor(rand() * W * H)] = 1;
      const { dist, nearest } = distanceTransform(W, H, src);
      const sources = [...src.keys()].filter((i) => src[i]);
      for (let i = 0; i < W * H; i++) {
        const r = Math.floor(i / W), c = i % W;
        const d = (s: number) => Math.hypot((s % W) - c, Math.floor(s / W) - r);
        if (dist[i] !== Math.fround(d(nearest[i]))) wrongDistance++;
        worst = Math.max(worst, d(nearest[i]) - Math.min(...sources.map(d)));
      }
    }
    expect(wrongDistance).toBe(0);
    // 27 000 cells, 10 source patterns: no cell misses its nearest source (ties may pick another
    // source at the same distance: differences are hypot rounding only)
    expect(worst).toBeLessThan(1e-12);
  });
});
