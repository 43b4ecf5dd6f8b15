/**
 * Raster helpers for the demo generator: a north-up grid in projected metres, polygon
 * rasterisation, nearest-source distance transform, box means, slope/aspect, and a
 * mask → polygon tracer that yields valid (non-self-touching) rings.
 */
import { pointInRing, ringSignedArea } from '../../layers/geo/planar.ts';

export type XY = [number, number];
/** A polygon as rings of [x, y]; first ring outer, the rest holes (closed: first = last). */
export type PolygonXY = XY[][];

export interface Grid {
  width: number;
  height: number;
  /** Cell size in metres. */
  cell: number;
  /** West edge x and north edge y of the grid, metres. */
  x0: number;
  y0: number;
}

export function cellCenter(g: Grid, i: number): XY {
  const r = Math.floor(i / g.width);
  const c = i - r * g.width;
  return [g.x0 + (c + 0.5) * g.cell, g.y0 - (r + 0.5) * g.cell];
}

/** Index of the cell containing (x, y), or -1 outside the grid. */
export function cellIndex(g: Grid, x: number, y: number): number {
  const c = Math.floor((x - g.x0) / g.cell);
  const r = Math.floor((g.y0 - y) / g.cell);
  if (c < 0 || r < 0 || c >= g.width || r >= g.height) return -1;
  return r * g.width + c;
}

/** Burn polygons (even–odd over all rings) into `out` with `value` where the cell centre is inside. */
export function rasterizePolygons(g: Grid, polygons: PolygonXY[], out: Uint8Array | Int32Array, value: number): void {
  const edges: number[] = [];
  for (const poly of polygons) {
    for (const ring of poly) {
      for (let k = 0; k + 1 < ring.length; k++) edges.push(ring[k][0], ring[k][1], ring[k + 1][0], ring[k + 1][1]);
    }
  }
  const n = edges.length / 4;
  if (!n) return;
  // bucket edges by row range
  let minY = Infinity;
  let maxY = -Infinity;
  for (let e = 0; e < n; e++) {
    minY = Math.min(minY, edges[e * 4 + 1], edges[e * 4 + 3]);
    maxY = Math.max(maxY, edges[e * 4 + 1], edges[e * 4 + 3]);
  }
  const r0 = Math.max(0, Math.floor((g.y0 - maxY) / g.cell - 0.5));
  const r1 = Math.min(g.height - 1, Math.ceil((g.y0 - minY) / g.cell - 0.5));
  const rows: number[][] = Array.from({ length: r1 - r0 + 1 }, () => []);
  for (let e = 0; e < n; e++) {
    const ya = edges[e * 4 + 1];
    const yb = edges[e * 4 + 3];
    const lo = Math.min(ya, yb);
    const hi = Math.max(ya, yb);
    const ra = Math.max(r0, Math.ceil((g.y0 - hi) / g.cell - 0.5));
    const rb = Math.min(r1, Math.floor((g.y0 - lo) / g.cell - 0.5));
    for (let r = ra; r <= rb; r++) rows[r - r0].push(e);
  }
  const xs: number[] = [];
  for (let r = r0; r <= r1; r++) {
    const y = g.y0 - (r + 0.5) * g.cell;
    xs.length = 0;
    for (const e of rows[r - r0]) {
      const xa = edges[e * 4];
      const ya = edges[e * 4 + 1];
      const xb = edges[e * 4 + 2];
      const yb = edges[e * 4 + 3];
      if ((ya <= y && yb > y) || (yb <= y && ya > y)) xs.push(xa + ((y - ya) / (yb - ya)) * (xb - xa));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const ca = Math.max(0, Math.ceil((xs[k] - g.x0) / g.cell - 0.5));
      const cb = Math.min(g.width - 1, Math.floor((xs[k + 1] - g.x0) / g.cell - 0.5));
      for (let c = ca; c <= cb; c++) out[r * g.width + c] = value;
    }
  }
}

/**
 * Approximate Euclidean distance transform (two-pass nearest-source propagation).
 * `source[i] !== 0` marks sources. Returns distance in metres and the index of the nearest source.
 */
export function distanceTransform(g: Grid, source: Uint8Array): { dist: Float32Array; nearest: Int32Array } {
  const { width: W, height: H } = g;
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
  for (let i = 0; i < W * H; i++) dist[i] = Math.sqrt(d2[i]) * g.cell;
  return { dist, nearest };
}

/** Mean over a (2k+1)² box (cells outside the grid ignored), via an integral image. */
export function boxMean(g: Grid, v: Float32Array, k: number): Float32Array {
  const { width: W, height: H } = g;
  const S = new Float64Array((W + 1) * (H + 1));
  for (let r = 0; r < H; r++) {
    let row = 0;
    for (let c = 0; c < W; c++) {
      row += v[r * W + c];
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

/**
 * Trace a binary mask (within `g`) into polygons in map metres. The mask is modified first so
 * that no two foreground (or background) cells touch only at a corner, which makes every ring
 * simple and non-touching, hence valid for PostGIS. Components smaller than `minCells` are dropped.
 */
export function polygonizeMask(g: Grid, mask: Uint8Array, minCells = 1): PolygonXY[] {
  const { width: W, height: H } = g;
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
    return [g.x0 + (vc - 1 + c0) * g.cell, g.y0 - (vr - 1 + r0) * g.cell];
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
    const px = hx + g.cell * 0.01, py = hy + g.cell * 0.01;
    const o = outers.find((o) => pointInRing(px, py, o.ring)) ?? outers.find((o) => pointInRing(hx - g.cell * 0.01, hy - g.cell * 0.01, o.ring));
    if (o) o.holes.push(hole);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}

/** Call `fn(i, x, y)` for every cell inside the mask, with the cell centre's projected coordinates. */
export function forEachInside(g: Grid, inside: Uint8Array, fn: (i: number, x: number, y: number) => void): void {
  for (let r = 0; r < g.height; r++) {
    const y = g.y0 - (r + 0.5) * g.cell;
    for (let c = 0; c < g.width; c++) {
      const i = r * g.width + c;
      if (inside[i]) fn(i, g.x0 + (c + 0.5) * g.cell, y);
    }
  }
}
