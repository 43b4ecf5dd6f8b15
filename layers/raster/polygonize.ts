/**
 * Mask → polygons: the cells of a binary raster mask as valid polygons in map coordinates.
 *
 * Algorithm: crack following (the boundary between a foreground and a background cell is a
 * "crack", Rosenfeld & Kak, Digital Picture Processing, 2nd ed. 1982, §11.1.7): on the
 * (width + 1) × (height + 1) lattice of cell corners every crack becomes a directed edge with the
 * foreground on its right (in row-down pixel space, so counter-clockwise in y-up map axes), each
 * corner then has at most one outgoing edge, and following the edges yields closed rings;
 * collinear corners are dropped. Rings of positive area are shells, negative ones holes; each
 * hole goes to the smallest shell that contains a point just beside its first vertex.
 * Before tracing, corner-only contacts are removed (one of the two empty cells of a diagonal
 * pair is filled), so every corner has exactly one way out and rings never touch (GDAL's
 * GDALPolygonize, by contrast, can emit rings that touch at a corner). O(cells).
 */
import { pointInRing, ringSignedArea, type PolygonXY, type XY } from '../geo/planar.ts';
import { northUpFrame, type Grid } from './grid.ts';

/**
 * Trace the cells of a north-up `grid` where `mask[i]` is non-zero into polygons in the grid's
 * CRS (outer rings counter-clockwise, holes clockwise, closed). A working copy of the mask is
 * changed first so that no two foreground (or background) cells touch only at a corner, which
 * makes every ring simple and non-touching, hence valid for PostGIS: a diagonal pair gains one
 * cell. 4-connected components smaller than `minCells` cells are dropped.
 * @throws RangeError for a grid that is not north-up
 */
export function polygonizeMask(grid: Grid, mask: ArrayLike<number>, minCells = 1): PolygonXY[] {
  const { x0, y0, dx, dy } = northUpFrame(grid);
  const { width: W, height: H } = grid;
  // bounding box of the mask
  let c0 = W, c1 = -1, r0 = H, r1 = -1;
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) if (mask[r * W + c]) {
    if (c < c0) c0 = c; if (c > c1) c1 = c; if (r < r0) r0 = r; if (r > r1) r1 = r;
  }
  if (c1 < 0) return [];
  // local padded copy
  const w = c1 - c0 + 3;
  const h = r1 - r0 + 3;
  const m = new Uint8Array(w * h);
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) m[(r - r0 + 1) * w + (c - c0 + 1)] = mask[r * W + c] ? 1 : 0;
  // drop small 4-connected components
  if (minCells > 1) {
    const seen = new Uint8Array(w * h);
    const stack: number[] = [];
    const comp: number[] = [];
    for (let i = 0; i < w * h; i++) {
      if (!m[i] || seen[i]) continue;
      comp.length = 0;
      stack.push(i);
      seen[i] = 1;
      while (stack.length) {
        const j = stack.pop()!;
        comp.push(j);
        for (const k of [j - 1, j + 1, j - w, j + w]) if (m[k] && !seen[k]) { seen[k] = 1; stack.push(k); }
      }
      if (comp.length < minCells) for (const j of comp) m[j] = 0;
    }
  }
  // remove corner-only contacts by filling one of the two empty cells
  for (let changed = true; changed;) {
    changed = false;
    for (let r = 0; r + 1 < h; r++) {
      for (let c = 0; c + 1 < w; c++) {
        const a = m[r * w + c], b = m[r * w + c + 1], d = m[(r + 1) * w + c], e = m[(r + 1) * w + c + 1];
        if (a && e && !b && !d) { m[r * w + c + 1] = 1; changed = true; }
        else if (b && d && !a && !e) { m[r * w + c] = 1; changed = true; }
      }
    }
  }
  // directed boundary edges on the (w+1)×(h+1) vertex lattice, interior on the right in y-down
  // (so counter-clockwise in map coordinates for outer rings)
  const VW = w + 1;
  const next = new Int32Array(VW * (h + 1)).fill(-1);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      if (!m[r * w + c]) continue;
      if (!m[(r - 1) * w + c]) next[r * VW + c + 1] = r * VW + c; // top: right → left
      if (!m[r * w + c + 1]) next[(r + 1) * VW + c + 1] = r * VW + c + 1; // right: bottom → top
      if (!m[(r + 1) * w + c]) next[(r + 1) * VW + c] = (r + 1) * VW + c + 1; // bottom: left → right
      if (!m[r * w + c - 1]) next[r * VW + c] = (r + 1) * VW + c; // left: top → bottom
    }
  }
  const toXY = (v: number): XY => {
    const vr = Math.floor(v / VW);
    const vc = v - vr * VW;
    return [x0 + (vc - 1 + c0) * dx, y0 - (vr - 1 + r0) * dy];
  };
  const outers: { ring: XY[]; area: number; holes: XY[][] }[] = [];
  const holes: XY[][] = [];
  for (let s = 0; s < next.length; s++) {
    if (next[s] < 0) continue;
    const verts: number[] = [];
    let v = s;
    while (next[v] >= 0) {
      verts.push(v);
      const nv = next[v];
      next[v] = -1;
      v = nv;
    }
    // drop collinear vertices
    const ring: XY[] = [];
    const n = verts.length;
    for (let k = 0; k < n; k++) {
      const p = verts[(k + n - 1) % n], q = verts[k], t = verts[(k + 1) % n];
      const dx1 = (q % VW) - (p % VW), dy1 = Math.floor(q / VW) - Math.floor(p / VW);
      const dx2 = (t % VW) - (q % VW), dy2 = Math.floor(t / VW) - Math.floor(q / VW);
      if (dx1 * dy2 - dy1 * dx2 !== 0) ring.push(toXY(q));
    }
    ring.push(ring[0]);
    const a = ringSignedArea(ring);
    if (a > 0) outers.push({ ring, area: a, holes: [] });
    else holes.push(ring);
  }
  outers.sort((a, b) => a.area - b.area);
  for (const hole of holes) {
    const [hx, hy] = hole[0];
    const px = hx + dx * 0.01, py = hy + dy * 0.01;
    const o = outers.find((o) => pointInRing(px, py, o.ring)) ?? outers.find((o) => pointInRing(hx - dx * 0.01, hy - dy * 0.01, o.ring));
    if (o) o.holes.push(hole);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}
