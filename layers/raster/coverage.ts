/**
 * Polygon → pixel coverage on a Grid.
 *
 * `pixelCoverage(grid, geometry, { mode })` with the polygon's coordinates in the grid's CRS:
 * - mode 'exact' (default): for every pixel, the exact fraction of its area covered by the polygon
 *   (holes removed), in [0, 1]. Method: the signed-area accumulation of anti-aliasing rasterisers
 *   (as in FreeType's "gray" anti-aliasing rasteriser): each polygon edge,
 *   clipped to a pixel row and then to a pixel, contributes the trapezoid between itself and the
 *   pixel's right side (dy · (c + 1 − x̄)) to that pixel and its full height dy to every pixel to its
 *   right in the row (a running "cover" sum). Summed over the closed rings this is ∫ winding number over
 *   each pixel = the exact area of polygon ∩ pixel, with work proportional to the number of boundary
 *   pixels (plus one span per row for the interior), not to the number of covered pixels.
 *   Coverage is computed in pixel space (the inverse geotransform is affine, so area fractions are
 *   exact for projected grids). For geographic grids the fraction is of the cell's lon/lat extent; the
 *   ellipsoidal area density varies across a cell by ≈ tanφ·Δφ (4e-6 relative for a 1″ cell at 30°N).
 * - mode 'center': a pixel is covered (fraction 1) when its centre is inside (nonzero winding), like
 *   GDAL's default rasterisation; cheaper, but its area is only statistically right.
 * Rings may have either orientation: shells are counted positive and holes negative whatever their
 * winding. Overlapping parts of a MultiPolygon are clamped to fraction 1 where fully covered, but
 * partially covered pixels may then be over-counted — validate parcels first (geo/validate.ts).
 *
 * Output: compact spans. Span i covers pixels spanColStart[i] ≤ col < spanColEnd[i] of row spanRow[i];
 * if spanFractionOffset[i] = −1 every pixel of it is fully covered, otherwise pixel col has fraction
 * fractions[spanFractionOffset[i] + col − spanColStart[i]]. Spans are ordered by row, then column,
 * and do not overlap.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Grid } from './grid.ts';

export type CoverageMode = 'exact' | 'center';

export interface PixelCoverage {
  mode: CoverageMode;
  /** grid size the spans index into */
  width: number;
  height: number;
  spanCount: number;
  spanRow: Int32Array;
  spanColStart: Int32Array;
  /** exclusive */
  spanColEnd: Int32Array;
  /** −1 = every pixel of the span is fully covered; else index into `fractions` of its first pixel */
  spanFractionOffset: Int32Array;
  fractions: Float64Array;
  /** number of pixels with a fraction > 0 */
  pixelCount: number;
  /** Σ fractions, in pixels (× pixel area = covered area for projected grids) */
  fractionSum: number;
}

export interface CoverageOptions {
  /** 'exact' (default) or 'center' */
  mode?: CoverageMode;
}

/** fractions below this are dropped (1e-12 of a 30 m pixel is 1e-9 m²) and within it of 1 are 1 */
const EPS = 1e-12;

class SpanWriter {
  row = new Int32Array(256);
  c0 = new Int32Array(256);
  c1 = new Int32Array(256);
  off = new Int32Array(256);
  frac = new Float64Array(256);
  n = 0;
  nf = 0;
  pixels = 0;
  sum = 0;

  private grow() {
    const cap = this.row.length * 2;
    const g = <T extends Int32Array>(a: T, C: new (n: number) => T) => {
      const b = new C(cap);
      b.set(a);
      return b;
    };
    this.row = g(this.row, Int32Array);
    this.c0 = g(this.c0, Int32Array);
    this.c1 = g(this.c1, Int32Array);
    this.off = g(this.off, Int32Array);
  }

  full(r: number, a: number, b: number) {
    if (b <= a) return;
    this.pixels += b - a;
    this.sum += b - a;
    const k = this.n - 1;
    if (k >= 0 && this.row[k] === r && this.off[k] === -1 && this.c1[k] === a) {
      this.c1[k] = b;
      return;
    }
    if (this.n === this.row.length) this.grow();
    this.row[this.n] = r;
    this.c0[this.n] = a;
    this.c1[this.n] = b;
    this.off[this.n] = -1;
    this.n++;
  }

  partial(r: number, c: number, f: number) {
    if (f <= EPS) return;
    if (f >= 1 - EPS) {
      this.full(r, c, c + 1);
      return;
    }
    this.pixels++;
    this.sum += f;
    if (this.nf === this.frac.length) {
      const b = new Float64Array(this.frac.length * 2);
      b.set(this.frac);
      this.frac = b;
    }
    this.frac[this.nf] = f;
    const k = this.n - 1;
    if (k >= 0 && this.row[k] === r && this.off[k] !== -1 && this.c1[k] === c) {
      this.c1[k] = c + 1;
      this.nf++;
      return;
    }
    if (this.n === this.row.length) this.grow();
    this.row[this.n] = r;
    this.c0[this.n] = c;
    this.c1[this.n] = c + 1;
    this.off[this.n] = this.nf;
    this.n++;
    this.nf++;
  }

  result(mode: CoverageMode, width: number, height: number): PixelCoverage {
    return {
      mode,
      width,
      height,
      spanCount: this.n,
      spanRow: this.row.slice(0, this.n),
      spanColStart: this.c0.slice(0, this.n),
      spanColEnd: this.c1.slice(0, this.n),
      spanFractionOffset: this.off.slice(0, this.n),
      fractions: this.frac.slice(0, this.nf),
      pixelCount: this.pixels,
      fractionSum: this.sum,
    };
  }
}

/** Rings in pixel space as flat [x0, y0, x1, y1, …] (closed), each with a sign (+1 shell, −1 hole). */
function toPixelRings(grid: Grid, geometry: Polygon | MultiPolygon): { xy: Float64Array; sign: number }[] {
  const g = grid.geotransform;
  const det = g[1] * g[5] - g[2] * g[4];
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('singular geotransform');
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: { xy: Float64Array; sign: number }[] = [];
  for (const rings of polygons) {
    rings.forEach((ring, ri) => {
      const n = ring.length;
      if (n < 3) return;
      const closed = ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1];
      const m = closed ? n : n + 1;
      const xy = new Float64Array(m * 2);
      for (let i = 0; i < m; i++) {
        const p = ring[i % n];
        const dx = p[0] - g[0];
        const dy = p[1] - g[3];
        xy[2 * i] = (g[5] * dx - g[2] * dy) / det;
        xy[2 * i + 1] = (-g[4] * dx + g[1] * dy) / det;
      }
      let a = 0;
      for (let i = 0; i + 3 < xy.length; i += 2) a += xy[i] * xy[i + 3] - xy[i + 2] * xy[i + 1];
      if (a === 0) return;
      // Convention of the accumulation below: an edge adds −dy to the pixels on its right, so a ring with
      // positive shoelace area gets +1 inside; flip rings as needed so shells are +1 and holes −1.
      out.push({ xy, sign: (ri === 0 ? 1 : -1) * (a > 0 ? 1 : -1) });
    });
  }
  return out;
}

/**
 * Pixels of `grid` covered by a polygon whose coordinates are in the grid's CRS.
 * @param grid the raster grid (any affine geotransform)
 * @param geometry Polygon or MultiPolygon in grid CRS units
 * @returns spans with per-pixel fractions (see the module comment)
 */
export function pixelCoverage(grid: Grid, geometry: Polygon | MultiPolygon, options: CoverageOptions = {}): PixelCoverage {
  const mode = options.mode ?? 'exact';
  const rings = toPixelRings(grid, geometry);
  return mode === 'center' ? centerCoverage(grid, rings) : exactCoverage(grid, rings);
}

function exactCoverage(grid: Grid, rings: { xy: Float64Array; sign: number }[]): PixelCoverage {
  const W = grid.width;
  const H = grid.height;
  // records (row, col, area, cover): `area` goes to the pixel, `cover` to every pixel right of it
  let cap = 1024;
  let rRow = new Int32Array(cap);
  let rCol = new Int32Array(cap);
  let rArea = new Float64Array(cap);
  let rCover = new Float64Array(cap);
  let n = 0;
  const push = (r: number, c: number, area: number, cover: number) => {
    if (n === cap) {
      cap *= 2;
      const a = new Int32Array(cap); a.set(rRow); rRow = a;
      const b = new Int32Array(cap); b.set(rCol); rCol = b;
      const d = new Float64Array(cap); d.set(rArea); rArea = d;
      const e = new Float64Array(cap); e.set(rCover); rCover = e;
    }
    rRow[n] = r;
    rCol[n] = c;
    rArea[n] = area;
    rCover[n] = cover;
    n++;
  };

  /** A piece of an edge inside row r, from x = xs to x = xe, with signed height dy. */
  const rowPiece = (r: number, xs: number, xe: number, dy: number) => {
    if (xs > xe) { const t = xs; xs = xe; xe = t; }
    if (xs >= W) return; // right of the grid: no pixel of the grid is to its right
    if (xs === xe) {
      if (xs <= 0) push(r, 0, dy, dy);
      else { const c = Math.floor(xs); push(r, c, dy * (c + 1 - xs), dy); }
      return;
    }
    const k = dy / (xe - xs); // dy per unit x
    if (xs < 0) {
      const q = Math.min(xe, 0);
      const d = k * (q - xs);
      push(r, 0, d, d); // left of the grid: the whole row is to its right
      if (xe <= 0) return;
      xs = 0;
    }
    if (xe > W) xe = W;
    let c = Math.floor(xs);
    for (;;) {
      const q = Math.min(xe, c + 1);
      const d = k * (q - xs);
      push(r, c, d * (c + 1 - 0.5 * (xs + q)), d);
      if (q >= xe) break;
      xs = q;
      c++;
    }
  };

  for (const { xy, sign } of rings) {
    for (let i = 0; i + 3 < xy.length; i += 2) {
      let x0 = xy[i], y0 = xy[i + 1], x1 = xy[i + 2], y1 = xy[i + 3];
      if (y0 === y1) continue; // horizontal edges add nothing
      let s = -sign;
      if (y0 > y1) { let t = x0; x0 = x1; x1 = t; t = y0; y0 = y1; y1 = t; s = -s; }
      if (y1 <= 0 || y0 >= H) continue;
      const slope = (x1 - x0) / (y1 - y0);
      const rFirst = Math.max(0, Math.floor(y0));
      const rLast = Math.min(H - 1, Math.ceil(y1) - 1);
      for (let r = rFirst; r <= rLast; r++) {
        const ya = r > y0 ? r : y0;
        const yb = r + 1 < y1 ? r + 1 : y1;
        if (yb <= ya) continue;
        const xa = ya === y0 ? x0 : x0 + (ya - y0) * slope;
        const xb = yb === y1 ? x1 : x0 + (yb - y0) * slope;
        rowPiece(r, xa, xb, s * (yb - ya));
      }
    }
  }

  // counting sort of the records by row
  const out = new SpanWriter();
  if (n === 0) return out.result('exact', W, H);
  let rowMin = H, rowMax = -1;
  for (let i = 0; i < n; i++) { if (rRow[i] < rowMin) rowMin = rRow[i]; if (rRow[i] > rowMax) rowMax = rRow[i]; }
  const nRows = rowMax - rowMin + 1;
  const start = new Int32Array(nRows + 1);
  for (let i = 0; i < n; i++) start[rRow[i] - rowMin + 1]++;
  for (let r = 0; r < nRows; r++) start[r + 1] += start[r];
  const fill = start.slice(0, nRows);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[rRow[i] - rowMin]++] = i;

  /** Pixels a ≤ c < b crossed by no edge: all covered by the same height fraction v of the row. */
  const interior = (r: number, a: number, b: number, v: number) => {
    if (v >= 1 - EPS) out.full(r, a, b);
    else if (v > EPS) for (let c = a; c < b; c++) out.partial(r, c, v);
  };
  let tmp: number[] = [];
  for (let rr = 0; rr < nRows; rr++) {
    const a = start[rr], b = start[rr + 1];
    if (a === b) continue;
    const r = rr + rowMin;
    tmp.length = 0;
    for (let j = a; j < b; j++) tmp.push(order[j]);
    tmp.sort((p, q) => rCol[p] - rCol[q]);
    let acc = 0;
    let prev = -1;
    let j = 0;
    while (j < tmp.length) {
      const c = rCol[tmp[j]];
      let area = 0, cover = 0;
      while (j < tmp.length && rCol[tmp[j]] === c) { area += rArea[tmp[j]]; cover += rCover[tmp[j]]; j++; }
      if (c > prev + 1) interior(r, prev + 1, c, acc);
      const f = acc + area;
      out.partial(r, c, f > 1 ? 1 : f);
      acc += cover;
      prev = c;
    }
    if (prev + 1 < W) interior(r, prev + 1, W, acc);
  }
  tmp = [];
  return out.result('exact', W, H);
}

function centerCoverage(grid: Grid, rings: { xy: Float64Array; sign: number }[]): PixelCoverage {
  const W = grid.width;
  const H = grid.height;
  // edges bucketed by the first row whose centre (r + 0.5) they cross: rows with ymin ≤ r + 0.5 < ymax
  const ex0: number[] = [], ey0: number[] = [], ek: number[] = [], ew: number[] = [], eLast: number[] = [];
  const buckets: number[][] = Array.from({ length: H }, () => []);
  for (const { xy, sign } of rings) {
    for (let i = 0; i + 3 < xy.length; i += 2) {
      let x0 = xy[i], y0 = xy[i + 1], x1 = xy[i + 2], y1 = xy[i + 3];
      if (y0 === y1) continue;
      let w = -sign;
      if (y0 > y1) { let t = x0; x0 = x1; x1 = t; t = y0; y0 = y1; y1 = t; w = -w; }
      const rFirst = Math.max(0, Math.ceil(y0 - 0.5));
      const rLast = Math.min(H - 1, Math.ceil(y1 - 0.5) - 1);
      if (rFirst > rLast) continue;
      const id = ex0.length;
      ex0.push(x0); ey0.push(y0); ek.push((x1 - x0) / (y1 - y0)); ew.push(w); eLast.push(rLast);
      buckets[rFirst].push(id);
    }
  }
  const out = new SpanWriter();
  let active: number[] = [];
  const xs: { x: number; w: number }[] = [];
  for (let r = 0; r < H; r++) {
    if (buckets[r].length) active = active.concat(buckets[r]);
    if (active.length === 0) continue;
    active = active.filter((id) => eLast[id] >= r);
    const yc = r + 0.5;
    xs.length = 0;
    for (const id of active) xs.push({ x: ex0[id] + (yc - ey0[id]) * ek[id], w: ew[id] });
    xs.sort((a, b) => a.x - b.x);
    let wind = 0;
    for (let i = 0; i + 1 < xs.length; i++) {
      wind += xs[i].w;
      if (wind === 0) continue;
      // pixels whose centre c + 0.5 lies in [x_i, x_{i+1})
      const c0 = Math.max(0, Math.ceil(xs[i].x - 0.5));
      const c1 = Math.min(W, Math.ceil(xs[i + 1].x - 0.5));
      out.full(r, c0, c1);
    }
  }
  return out.result('center', W, H);
}

/**
 * Call fn(row, col, fraction) for every covered pixel, in row-major order.
 */
export function forEachCoveredPixel(cov: PixelCoverage, fn: (row: number, col: number, fraction: number) => void): void {
  for (let s = 0; s < cov.spanCount; s++) {
    const r = cov.spanRow[s];
    const off = cov.spanFractionOffset[s];
    const a = cov.spanColStart[s];
    const b = cov.spanColEnd[s];
    if (off === -1) for (let c = a; c < b; c++) fn(r, c, 1);
    else for (let c = a; c < b; c++) fn(r, c, cov.fractions[off + c - a]);
  }
}
