/**
 * Polygons → cells: burn polygons given in a grid's CRS into a raster where the cell centre lies
 * inside (GDAL's default rasterisation rule; for exact area fractions use coverage.ts).
 *
 * Algorithm: scan-line polygon fill (Foley, van Dam, Feiner & Hughes, Computer Graphics:
 * Principles and Practice, 2nd ed., §3.6): edges are bucketed by the rows whose centre line they
 * span; on each row's centre line the crossing x of every edge is sorted and the cells whose
 * centres lie between crossings 1–2, 3–4, … are set, which is the even–odd rule over all rings
 * of all polygons (holes come out; overlapping polygons cancel where they overlap an odd number
 * of times). A centre exactly on the line y = edge vertex counts as in the half-open rule
 * ya ≤ y < yb, so shared vertices are not counted twice. O(edges · rows spanned + cells set).
 *
 * coverage.ts `pixelCoverage(…, { mode: 'center' })` applies the same centre rule to one GeoJSON
 * (Multi)Polygon for zonal statistics: nonzero winding in pixel space on any affine grid,
 * returning spans. This function burns many polygons into an array (masks, labels) in map
 * coordinates, even–odd; the demo county's rasters depend on its exact arithmetic.
 */
import type { PlanarPoint } from '../geo/planar.ts';
import { northUpFrame, type Grid } from './grid.ts';

/**
 * Set `out[i] = value` for every cell of a north-up `grid` whose centre is inside `polygons`
 * (even–odd over all their rings; rings closed, first = last). Other cells are left as they are.
 * @throws RangeError for a grid that is not north-up
 */
export function rasterizePolygons(
  grid: Grid,
  polygons: readonly (readonly (readonly PlanarPoint[])[])[],
  out: { [i: number]: number },
  value: number,
): void {
  const { x0, y0, dx, dy } = northUpFrame(grid);
  const W = grid.width;
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
  const r0 = Math.max(0, Math.floor((y0 - maxY) / dy - 0.5));
  const r1 = Math.min(grid.height - 1, Math.ceil((y0 - minY) / dy - 0.5));
  if (r1 < r0) return;
  const rows: number[][] = Array.from({ length: r1 - r0 + 1 }, () => []);
  for (let e = 0; e < n; e++) {
    const ya = edges[e * 4 + 1];
    const yb = edges[e * 4 + 3];
    const lo = Math.min(ya, yb);
    const hi = Math.max(ya, yb);
    const ra = Math.max(r0, Math.ceil((y0 - hi) / dy - 0.5));
    const rb = Math.min(r1, Math.floor((y0 - lo) / dy - 0.5));
    for (let r = ra; r <= rb; r++) rows[r - r0].push(e);
  }
  const xs: number[] = [];
  for (let r = r0; r <= r1; r++) {
    const y = y0 - (r + 0.5) * dy;
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
      const ca = Math.max(0, Math.ceil((xs[k] - x0) / dx - 0.5));
      const cb = Math.min(W - 1, Math.floor((xs[k + 1] - x0) / dx - 0.5));
      for (let c = ca; c <= cb; c++) out[r * W + c] = value;
    }
  }
}
