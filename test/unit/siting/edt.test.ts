import { describe, expect, it } from 'vitest';
import { euclideanDistance } from '../../../layers/raster/edt.ts';
import { mulberry32 } from '../../../layers/core/random.ts';

/** Brute force: the minimum over all sources of the exact centre-to-centre distance. */
function brute(W: number, H: number, src: Uint8Array, cell: number): Float32Array {
  const s: [number, number][] = [];
  for (let i = 0; i < W * H; i++) if (src[i]) s.push([i % W, Math.floor(i / W)]);
  return Float32Array.from({ length: W * H }, (_, i) => {
    const c = i % W, r = Math.floor(i / W);
    let best = Infinity;
    for (const [sc, sr] of s) best = Math.min(best, Math.hypot(sc - c, sr - r));
    return best * cell;
  });
}

describe('euclideanDistance (Felzenszwalb–Huttenlocher)', () => {
  it('equals brute force on random sources, exactly', () => {
    const rand = mulberry32(3);
    for (const [W, H, n] of [[37, 23, 5], [50, 40, 60], [13, 31, 1]] as const) {
      const src = new Uint8Array(W * H);
      for (let k = 0; k < n; k++) src[Math.floor(rand() * W * H)] = 1;
      expect([...euclideanDistance(W, H, src, 30)]).toEqual([...brute(W, H, src, 30)]);
    }
  });
  it('is Infinity everywhere without a source', () => {
    expect([...euclideanDistance(3, 2, new Uint8Array(6))].every((v) => v === Infinity)).toBe(true);
  });
});
