/**
 * Distance transform with the index of the nearest source cell, on a row-major raster.
 *
 * Algorithm: vector propagation in the manner of Danielsson's 8SSEDT (P.-E. Danielsson,
 * "Euclidean distance mapping", Computer Graphics and Image Processing 14 (1980) 227–248): every
 * cell carries its nearest source found so far, and raster scans pass it on to neighbours, which
 * keep it when the exact Euclidean distance from their own centre to that source is smaller.
 * One pass = a forward scan (from the left, upper-left, upper and upper-right neighbours, then a
 * right-to-left sweep of the row from the right neighbour) and a backward scan (mirror image);
 * two passes are made. The distance reported is exact (in float64, stored as float32) to the
 * source reported. Propagation over 8 neighbours can in principle miss the true nearest source
 * in rare configurations (Danielsson's error cases, a fraction of a cell); in the tests (random
 * sources, 27 000 cells) it never does. An exact transform with a proven bound is that of
 * Felzenszwalb & Huttenlocher, "Distance transforms of sampled functions", Theory of Computing 8
 * (2012); it would need extra bookkeeping for the source index. O(cells).
 */

export interface DistanceTransform {
  /** Distance to the nearest source, in cell sides × `cellSize` (Infinity when there is no source). */
  dist: Float32Array;
  /** Row-major index of the nearest source cell (-1 when there is no source). */
  nearest: Int32Array;
}

/**
 * Distance from every cell centre to the centre of the nearest source cell (`source[i] !== 0`).
 * @param width columns
 * @param height rows
 * @param source row-major source mask
 * @param cellSize side of a square cell in the unit wanted (default 1: distances in cells; the
 *   cell size in metres gives metres)
 */
export function distanceTransform(width: number, height: number, source: ArrayLike<number>, cellSize = 1): DistanceTransform {
  const W = width, H = height;
  const nearest = new Int32Array(W * H).fill(-1);
  const d2 = new Float64Array(W * H).fill(Infinity);
  for (let i = 0; i < W * H; i++) if (source[i]) { nearest[i] = i; d2[i] = 0; }
  const relax = (i: number, c: number, r: number, j: number) => {
    const s = nearest[j];
    if (s < 0) return;
    const sr = Math.floor(s / W);
    const sc = s - sr * W;
    const d = (sc - c) * (sc - c) + (sr - r) * (sr - r);
    if (d < d2[i]) { d2[i] = d; nearest[i] = s; }
  };
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const i = r * W + c;
        if (c > 0) relax(i, c, r, i - 1);
        if (r > 0) {
          relax(i, c, r, i - W);
          if (c > 0) relax(i, c, r, i - W - 1);
          if (c < W - 1) relax(i, c, r, i - W + 1);
        }
      }
      for (let c = W - 2; c >= 0; c--) relax(r * W + c, c, r, r * W + c + 1);
    }
    for (let r = H - 1; r >= 0; r--) {
      for (let c = W - 1; c >= 0; c--) {
        const i = r * W + c;
        if (c < W - 1) relax(i, c, r, i + 1);
        if (r < H - 1) {
          relax(i, c, r, i + W);
          if (c > 0) relax(i, c, r, i + W - 1);
          if (c < W - 1) relax(i, c, r, i + W + 1);
        }
      }
      for (let c = 1; c < W; c++) relax(r * W + c, c, r, r * W + c - 1);
    }
  }
  const dist = new Float32Array(W * H);
  for (let i = 0; i < W * H; i++) dist[i] = Math.sqrt(d2[i]) * cellSize;
  return { dist, nearest };
}
