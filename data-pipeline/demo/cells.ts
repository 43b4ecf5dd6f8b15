/**
 * The cell partition of the demo county: Voronoi cells of jittered-grid seed points (~15 ha),
 * clipped to the county. Cells are the building blocks of stands (小班), villages, townships and
 * the protected-area polygons, so those layers share edges exactly. A label raster (nearest seed
 * per raster cell = the same Voronoi partition sampled at cell centres) ties them to the rasters.
 */
import * as turf from '@turf/turf';
import * as pc from 'polyclip-ts';
import { pointInRing, ringSignedArea } from '../../layers/geo/planar.ts';
import { Rng } from './random.ts';
import type { PolygonXY, XY } from '../../layers/geo/planar.ts';
import { northUpFrame, squareCellSize, type Grid } from '../../layers/raster/grid.ts';

export interface Cells {
  count: number;
  seeds: Float64Array; // x, y pairs
  /** Clipped polygons (MultiPolygon coordinates in metres); empty array when outside the county. */
  polys: XY[][][][];
  /** Label raster: cell id per raster cell inside the county, -1 outside. */
  label: Int32Array;
  /** Raster cells inside the county per cell. */
  pixels: Int32Array;
  /** Neighbouring cell ids (sharing a raster edge). */
  neighbours: number[][];
  /** Representative point (seed if inside the county, else first raster cell centre). */
  anchor: Float64Array;
}

export function buildCells(
  g: Grid,
  inside: Uint8Array,
  county: PolygonXY,
  seed: number,
  cellHa: number,
  onProgress: (f: number) => void,
): Cells {
  const { x0, y0 } = northUpFrame(g), cell = squareCellSize(g);
  const rng = new Rng(seed, 11);
  const s = Math.sqrt(cellHa * 1e4);
  const Y1 = y0 - g.height * cell;
  const nx = Math.ceil((g.width * cell) / s);
  const ny = Math.ceil((g.height * cell) / s);
  const count = nx * ny;
  const seeds = new Float64Array(count * 2);
  for (let by = 0; by < ny; by++) {
    for (let bx = 0; bx < nx; bx++) {
      const k = by * nx + bx;
      seeds[2 * k] = x0 + (bx + 0.1 + 0.8 * rng.next()) * s;
      seeds[2 * k + 1] = Y1 + (by + 0.1 + 0.8 * rng.next()) * s;
    }
  }
  // label raster: nearest seed among the 5×5 neighbouring buckets
  const N = g.width * g.height;
  const label = new Int32Array(N).fill(-1);
  const pixels = new Int32Array(count);
  for (let r = 0; r < g.height; r++) {
    const y = y0 - (r + 0.5) * cell;
    const by = Math.floor((y - Y1) / s);
    for (let c = 0; c < g.width; c++) {
      const i = r * g.width + c;
      if (!inside[i]) continue;
      const x = x0 + (c + 0.5) * cell;
      const bx = Math.floor((x - x0) / s);
      let best = -1, bd = Infinity;
      for (let yy = Math.max(0, by - 2); yy <= Math.min(ny - 1, by + 2); yy++) {
        for (let xx = Math.max(0, bx - 2); xx <= Math.min(nx - 1, bx + 2); xx++) {
          const k = yy * nx + xx;
          const d = (seeds[2 * k] - x) ** 2 + (seeds[2 * k + 1] - y) ** 2;
          if (d < bd || (d === bd && k < best)) { bd = d; best = k; }
        }
      }
      label[i] = best;
      pixels[best]++;
    }
  }
  onProgress(0.2);
  // raster neighbours and "near the county edge" flags
  const nb = new Map<number, Set<number>>();
  const nearEdge = new Uint8Array(count);
  const W = g.width;
  for (let r = 0; r < g.height; r++) {
    for (let c = 0; c < W; c++) {
      const i = r * W + c;
      const a = label[i];
      if (a < 0) continue;
      for (const [dc, dr] of [[1, 0], [0, 1]]) {
        if (c + dc >= W || r + dr >= g.height) continue;
        const b = label[i + dr * W + dc];
        if (b >= 0 && b !== a) {
          (nb.get(a) ?? nb.set(a, new Set()).get(a)!).add(b);
          (nb.get(b) ?? nb.set(b, new Set()).get(b)!).add(a);
        }
      }
      // within 2 raster cells of the outside?
      let edge = false;
      for (let dr = -2; dr <= 2 && !edge; dr++) {
        for (let dc = -2; dc <= 2; dc++) {
          const rr = r + dr, cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= g.height || cc >= W || !inside[rr * W + cc]) { edge = true; break; }
        }
      }
      if (edge) nearEdge[a] = 1;
    }
  }
  const neighbours: number[][] = Array.from({ length: count }, (_, k) => [...(nb.get(k) ?? [])].sort((p, q) => p - q));
  onProgress(0.35);

  // Voronoi polygons over the grid extent
  const pts = turf.featureCollection(Array.from({ length: count }, (_, k) => turf.point([seeds[2 * k], seeds[2 * k + 1]])));
  const vor = turf.voronoi(pts, { bbox: [x0 - s, Y1 - s, x0 + g.width * cell + s, y0 + s] });
  onProgress(0.5);
  const countyGeom = county as pc.Geom;
  const polys: XY[][][][] = new Array(count);
  const anchor = new Float64Array(count * 2);
  // a seed is inside the county if the raster cell under it is
  const insideAt = (x: number, y: number) => {
    const c = Math.floor((x - x0) / cell), r = Math.floor((y0 - y) / cell);
    return c >= 0 && r >= 0 && c < W && r < g.height && inside[r * W + c] === 1;
  };
  // cells with no raster cell inside but next to one that has: may hold slivers of the county
  const candidate = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    if (pixels[k] > 0) candidate[k] = 1;
  }
  for (let k = 0; k < count; k++) {
    if (pixels[k] > 0) continue;
    const bx = k % nx, by = Math.floor(k / nx);
    outer: for (let yy = Math.max(0, by - 1); yy <= Math.min(ny - 1, by + 1); yy++) {
      for (let xx = Math.max(0, bx - 1); xx <= Math.min(nx - 1, bx + 1); xx++) {
        if (pixels[yy * nx + xx] > 0) { candidate[k] = 1; nearEdge[k] = 1; break outer; }
      }
    }
  }
  for (let k = 0; k < count; k++) {
    const f = vor.features[k];
    if (!candidate[k] || !f) { polys[k] = []; continue; }
    const ring = f.geometry.coordinates[0] as XY[];
    if (nearEdge[k]) {
      // clip the county to the cell's box first (Sutherland–Hodgman, linear time), then let
      // polyclip intersect the small pieces; degenerate edges lie on the box, outside the cell
      let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
      for (const [x, y] of ring) { bx0 = Math.min(bx0, x); by0 = Math.min(by0, y); bx1 = Math.max(bx1, x); by1 = Math.max(by1, y); }
      const m = 0.1 * s;
      const local = county.map((r) => clipRingToBox(r, bx0 - m, by0 - m, bx1 + m, by1 + m)).filter((r) => r.length >= 4);
      if (!local.length || !local[0].length) { polys[k] = []; continue; }
      let clipped: XY[][][];
      try {
        clipped = pc.intersection([ring] as pc.Geom, local as pc.Geom) as XY[][][];
      } catch {
        clipped = pc.intersection([ring] as pc.Geom, countyGeom) as XY[][][];
      }
      // snap to 1 mm so that neighbours clipped separately share identical vertices
      const snap = (r: XY[]): XY[] => {
        const o: XY[] = [];
        for (const [x, y] of r) {
          const q: XY = [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
          const l = o[o.length - 1];
          if (!l || l[0] !== q[0] || l[1] !== q[1]) o.push(q);
        }
        return o;
      };
      polys[k] = clipped.map((p) => p.map(snap).filter((r) => r.length >= 4)).filter((p) => p.length && Math.abs(ringSignedArea(p[0])) > 1);
    } else {
      polys[k] = [[ring.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000] as XY)]];
    }
    if (k % 500 === 0) onProgress(0.5 + (0.5 * k) / count);
  }
  for (let k = 0; k < count; k++) {
    const x = seeds[2 * k], y = seeds[2 * k + 1];
    if (insideAt(x, y) && polys[k].length) { anchor[2 * k] = x; anchor[2 * k + 1] = y; continue; }
    if (polys[k].length) {
      const big = polys[k].reduce((a, b) => (Math.abs(ringSignedArea(b[0])) > Math.abs(ringSignedArea(a[0])) ? b : a));
      let sx = 0, sy = 0;
      for (let i = 0; i + 1 < big[0].length; i++) { sx += big[0][i][0]; sy += big[0][i][1]; }
      anchor[2 * k] = sx / (big[0].length - 1);
      anchor[2 * k + 1] = sy / (big[0].length - 1);
    } else {
      anchor[2 * k] = x; anchor[2 * k + 1] = y;
    }
  }
  onProgress(1);
  return { count, seeds, polys, label, pixels, neighbours, anchor };
}

/** Sutherland–Hodgman clip of a closed ring to an axis-aligned box (may leave edges on the box). */
export function clipRingToBox(ring: XY[], x0: number, y0: number, x1: number, y1: number): XY[] {
  let pts = ring.slice(0, -1);
  const edges: [(p: XY) => boolean, (a: XY, b: XY) => XY][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((x0 - a[0]) * (b[1] - a[1])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((x1 - a[0]) * (b[1] - a[1])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((y0 - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((y1 - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), y1]],
  ];
  for (const [ins, cut] of edges) {
    if (!pts.length) break;
    const out: XY[] = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i], prev = pts[(i + pts.length - 1) % pts.length];
      const ci = ins(cur), pi = ins(prev);
      if (ci) { if (!pi) out.push(cut(prev, cur)); out.push(cur); }
      else if (pi) out.push(cut(prev, cur));
    }
    pts = out;
  }
  if (!pts.length) return [];
  return [...pts, pts[0]];
}

/** Area of a MultiPolygon in m² (outer minus holes). */
export function multiArea(mp: XY[][][]): number {
  let a = 0;
  for (const p of mp) {
    a += Math.abs(ringSignedArea(p[0]));
    for (let h = 1; h < p.length; h++) a -= Math.abs(ringSignedArea(p[h]));
  }
  return a;
}

/**
 * Union of cells' polygons as MultiPolygon coordinates (metres). Cells tile the county and share
 * their vertices exactly, so the union's boundary is the set of cell edges not shared by two of the
 * cells: polyclip is given only those (as polygons), which yields the same result as the union of
 * all cells at a fraction of the cost. When the edges do not cancel into clean rings (overlaps,
 * degenerate loops) all cells go to polyclip.
 */
export function unionCells(cells: Cells, ids: number[]): XY[][][] {
  const geoms = ids.map((k) => cells.polys[k]).filter((p) => p.length);
  if (!geoms.length) return [];
  if (geoms.length === 1) return geoms[0];
  const outline = (tileOutline(geoms) ?? geoms.flat()) as pc.Geom[];
  return pc.union(outline[0], ...outline.slice(1)) as XY[][][];
}

/**
 * Boundary of MultiPolygons that tile without overlap and share vertices exactly, as polygons:
 * the directed edges (outer rings counter-clockwise, holes clockwise) whose reverse is not also an
 * edge, chained into loops that visit each vertex once; clockwise loops are the holes of the
 * smallest counter-clockwise loop around them. Undefined when the edges do not form such loops.
 */
function tileOutline(geoms: XY[][][][]): PolygonXY[] | undefined {
  const ids = new Map<string, number>();
  const pts: XY[] = [];
  const vertex = (p: XY): number => {
    const key = `${p[0]},${p[1]}`;
    let id = ids.get(key);
    if (id === undefined) { id = pts.length; ids.set(key, id); pts.push(p); }
    return id;
  };
  const M = 2 ** 26; // edge key a·M + b
  const edges = new Set<number>();
  for (const mp of geoms) {
    for (const poly of mp) {
      for (let h = 0; h < poly.length; h++) {
        const ring = poly[h];
        const forward = (ringSignedArea(ring) > 0) === (h === 0);
        const n = ring.length - 1; // closed ring
        for (let i = 0; i < n; i++) {
          const a = vertex(forward ? ring[i] : ring[n - i]), b = vertex(forward ? ring[i + 1] : ring[n - i - 1]);
          if (a === b) continue;
          if (edges.has(b * M + a)) edges.delete(b * M + a);
          else if (edges.has(a * M + b)) return undefined; // overlapping cells
          else edges.add(a * M + b);
        }
      }
    }
  }
  if (pts.length >= M) return undefined;
  const out = new Map<number, number[]>();
  for (const e of edges) {
    const a = Math.floor(e / M);
    (out.get(a) ?? out.set(a, []).get(a)!).push(e - a * M);
  }
  // walk the edges; a vertex reached twice closes a loop, which is cut out of the path
  const loops: XY[][] = [];
  for (const start of out.keys()) {
    while (out.get(start)!.length) {
      const path = [start];
      const at = new Map([[start, 0]]);
      for (;;) {
        const w = out.get(path[path.length - 1])?.pop();
        if (w === undefined) return undefined; // an edge leads nowhere
        const k = at.get(w);
        if (k === undefined) { at.set(w, path.length); path.push(w); continue; }
        const loop = path.splice(k);
        for (const u of loop) at.delete(u);
        loops.push([...loop, w].map((u) => pts[u]));
        if (!path.length) break;
        at.set(w, path.length);
        path.push(w);
      }
    }
  }
  const outer: { ring: XY[]; area: number; holes: XY[][] }[] = [];
  const holes: XY[][] = [];
  for (const ring of loops) {
    const area = ringSignedArea(ring);
    if (Math.abs(area) <= 1) return undefined; // degenerate
    if (area > 0) outer.push({ ring, area, holes: [] });
    else holes.push(ring);
  }
  for (const hole of holes) {
    const x = (hole[0][0] + hole[1][0]) / 2, y = (hole[0][1] + hole[1][1]) / 2;
    let best: (typeof outer)[number] | undefined;
    for (const o of outer) if ((!best || o.area < best.area) && pointInRing(x, y, o.ring)) best = o;
    if (!best) return undefined;
    best.holes.push(hole);
  }
  return outer.length ? outer.map((o) => [o.ring, ...o.holes]) : undefined;
}

/**
 * Make each label group 4-connected over the cell adjacency: smaller pieces are handed to the
 * neighbouring group they share most borders with (restricted to `allowed` groups if given).
 */
export function makeContiguous(
  cells: Cells, group: Int32Array, members: (k: number) => boolean, sameParent?: (a: number, b: number) => boolean,
  home?: Map<number, number>,
): void {
  for (let iter = 0; iter < 4; iter++) {
    const comp = new Int32Array(cells.count).fill(-1);
    const compCells: number[][] = [];
    for (let k = 0; k < cells.count; k++) {
      if (!members(k) || comp[k] >= 0) continue;
      const id = compCells.length;
      const list = [k];
      comp[k] = id;
      for (let q = 0; q < list.length; q++) {
        for (const j of cells.neighbours[list[q]]) if (members(j) && comp[j] < 0 && group[j] === group[k]) { comp[j] = id; list.push(j); }
      }
      compCells.push(list);
    }
    // largest component per group
    const largest = new Map<number, number>();
    const pinned = new Set<number>();
    compCells.forEach((list, id) => {
      const gId = group[list[0]];
      if (pinned.has(gId)) return;
      const h = home?.get(gId);
      if (h !== undefined && comp[h] === id) { largest.set(gId, id); pinned.add(gId); return; }
      const cur = largest.get(gId);
      if (cur === undefined || compCells[cur].length < list.length) largest.set(gId, id);
    });
    let moved = 0;
    compCells.forEach((list, id) => {
      const gId = group[list[0]];
      if (largest.get(gId) === id) return;
      const votes = new Map<number, number>();
      for (const k of list) for (const j of cells.neighbours[k]) {
        if (!members(j) || group[j] === gId) continue;
        if (sameParent && !sameParent(gId, group[j])) continue;
        votes.set(group[j], (votes.get(group[j]) ?? 0) + 1);
      }
      let best = -1, bv = -1;
      for (const [gj, v] of [...votes].sort((a, b) => a[0] - b[0])) if (v > bv) { bv = v; best = gj; }
      if (best >= 0) { for (const k of list) group[k] = best; moved++; }
    });
    if (!moved) break;
  }
}
