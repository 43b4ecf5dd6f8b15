/**
 * Connected components of a raster mask and reV's `min_area`: contiguous usable land smaller
 * than a minimum area is dropped. Contiguity is queen (8 neighbours: edges and corners) or rook
 * (4 neighbours: edges only) — two cells touching only at a corner are one patch under queen
 * and two under rook.
 */
export type Contiguity = 'queen' | 'rook';

export interface Components {
  /** Component id per cell (1-based), 0 where the mask is off. */
  labels: Int32Array;
  /** Cells per component, index = id (index 0 unused). */
  sizes: Int32Array;
  count: number;
}

/**
 * Label the connected components of the cells where `on[i]` is truthy (> 0), row-major.
 * Ids are given in row-major order of each component's first cell. Iterative flood fill, O(cells).
 */
export function connectedComponents(width: number, height: number, on: ArrayLike<number>, contiguity: Contiguity = 'queen'): Components {
  const n = width * height;
  const labels = new Int32Array(n);
  const sizes: number[] = [0];
  const stack = new Int32Array(n);
  const queen = contiguity === 'queen';
  let id = 0;
  for (let s = 0; s < n; s++) {
    if (!(on[s] > 0) || labels[s]) continue;
    id++;
    let size = 0, top = 0;
    stack[top++] = s;
    labels[s] = id;
    while (top) {
      const i = stack[--top];
      size++;
      const r = (i / width) | 0;
      const c = i - r * width;
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          if (!dr && !dc) continue;
          if (!queen && dr && dc) continue;
          const cc = c + dc;
          if (cc < 0 || cc >= width) continue;
          const j = rr * width + cc;
          if (on[j] > 0 && !labels[j]) { labels[j] = id; stack[top++] = j; }
        }
      }
    }
    sizes.push(size);
  }
  return { labels, sizes: Int32Array.from(sizes), count: id };
}

/**
 * Drop patches smaller than `minCells` from a mask (in place) and return how many cells were dropped;
 * with `excludedBy`, dropped cells get `code` there (masks.ts MIN_AREA_CODE = 254).
 * @param mask values > 0 are usable; dropped cells are set to 0
 * @param minCells minimum patch size in cells (min_area_m² / cell area m², rounded up)
 */
export function applyMinArea(
  width: number, height: number, mask: Float32Array | Uint8Array, minCells: number, contiguity: Contiguity = 'queen',
  excludedBy?: Uint8Array, code = 254,
): { dropped: number; components: Components } {
  const comps = connectedComponents(width, height, mask, contiguity);
  let dropped = 0;
  if (minCells > 1) {
    for (let i = 0; i < mask.length; i++) {
      const l = comps.labels[i];
      if (l && comps.sizes[l] < minCells) {
        mask[i] = 0;
        comps.labels[i] = 0;
        if (excludedBy) excludedBy[i] = code;
        dropped++;
      }
    }
  }
  return { dropped, components: comps };
}
