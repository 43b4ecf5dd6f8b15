/**
 * The one seeded pseudo-random generator of tantu: a seed reproduces a run exactly on every
 * platform (Monte Carlo ranges, synthetic data).
 */

/**
 * mulberry32 (public-domain 32-bit generator by Tommy Ettinger): a uniform [0, 1) generator
 * from a 32-bit seed (the seed is taken modulo 2³²).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
