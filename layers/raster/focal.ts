/**
 * Focal (moving-window) statistics on a row-major raster.
 *
 * Box mean via a summed-area table (F. C. Crow, "Summed-area tables for texture mapping",
 * SIGGRAPH 1984): S[r][c] = Σ of all values above-left of (r, c); the sum over any box is
 * S[rb][cb] − S[ra][cb] − S[rb][ca] + S[ra][ca], so every cell costs O(1) whatever the window.
 * Sums are accumulated in float64.
 */

/**
 * Mean over the (2k + 1) × (2k + 1) box centred on each cell; cells of the box outside the raster
 * are left out (the mean is over the part inside), so edges are not pulled towards zero.
 * @param width columns
 * @param height rows
 * @param values row-major, width · height of them (NaN propagates to every box that holds it)
 * @param k half-width of the box in cells (0 = the values themselves)
 */
export function boxMean(width: number, height: number, values: ArrayLike<number>, k: number): Float32Array {
  const W = width, H = height;
  const S = new Float64Array((W + 1) * (H + 1));
  for (let r = 0; r < H; r++) {
    let row = 0;
    for (let c = 0; c < W; c++) {
      row += values[r * W + c];
      S[(r + 1) * (W + 1) + c + 1] = S[r * (W + 1) + c + 1] + row;
    }
  }
  const out = new Float32Array(W * H);
  for (let r = 0; r < H; r++) {
    const ra = Math.max(0, r - k);
    const rb = Math.min(H, r + k + 1);
    for (let c = 0; c < W; c++) {
      const ca = Math.max(0, c - k);
      const cb = Math.min(W, c + k + 1);
      const s = S[rb * (W + 1) + cb] - S[ra * (W + 1) + cb] - S[rb * (W + 1) + ca] + S[ra * (W + 1) + ca];
      out[r * W + c] = s / ((rb - ra) * (cb - ca));
    }
  }
  return out;
}
