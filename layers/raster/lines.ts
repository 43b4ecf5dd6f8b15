/**
 * Lines and points → cells on a north-up grid: set every cell a polyline passes through
 * (supercover: the segment is walked cell boundary by cell boundary, Amanatides & Woo, "A fast
 * voxel traversal algorithm for ray tracing", Eurographics 1987), and the cell of each point.
 * Coordinates are in the grid's CRS; parts outside the grid are skipped.
 */
import type { PlanarPoint } from '../geo/planar.ts';
import { northUpFrame, type Grid } from './grid.ts';

/** Set out[i] = value for every cell that the polylines (vertex lists in grid CRS units) pass through. */
export function rasterizeLines(grid: Grid, lines: readonly (readonly PlanarPoint[])[], out: { [i: number]: number }, value: number): void {
  const { x0, y0, dx, dy } = northUpFrame(grid);
  const W = grid.width, H = grid.height;
  const set = (c: number, r: number) => { if (c >= 0 && c < W && r >= 0 && r < H) out[r * W + c] = value; };
  for (const line of lines) {
    for (let k = 0; k + 1 < line.length; k++) {
      // pixel-space coordinates (col, row), rows increasing southwards
      const ax = (line[k][0] - x0) / dx, ay = (y0 - line[k][1]) / dy;
      const bx = (line[k + 1][0] - x0) / dx, by = (y0 - line[k + 1][1]) / dy;
      let c = Math.floor(ax), r = Math.floor(ay);
      const cEnd = Math.floor(bx), rEnd = Math.floor(by);
      const ddx = bx - ax, ddy = by - ay;
      const stepC = ddx > 0 ? 1 : -1, stepR = ddy > 0 ? 1 : -1;
      const tDeltaC = ddx !== 0 ? Math.abs(1 / ddx) : Infinity;
      const tDeltaR = ddy !== 0 ? Math.abs(1 / ddy) : Infinity;
      let tMaxC = ddx !== 0 ? (ddx > 0 ? c + 1 - ax : ax - c) * tDeltaC : Infinity;
      let tMaxR = ddy !== 0 ? (ddy > 0 ? r + 1 - ay : ay - r) * tDeltaR : Infinity;
      set(c, r);
      let guard = Math.abs(cEnd - c) + Math.abs(rEnd - r) + 2;
      while ((c !== cEnd || r !== rEnd) && guard-- > 0) {
        if (tMaxC < tMaxR) { c += stepC; tMaxC += tDeltaC; } else { r += stepR; tMaxR += tDeltaR; }
        set(c, r);
      }
    }
  }
}

/** Set out[i] = value for the cell that contains each point (grid CRS units). */
export function rasterizePoints(grid: Grid, points: readonly PlanarPoint[], out: { [i: number]: number }, value: number): void {
  const { x0, y0, dx, dy } = northUpFrame(grid);
  for (const p of points) {
    const c = Math.floor((p[0] - x0) / dx), r = Math.floor((y0 - p[1]) / dy);
    if (c >= 0 && c < grid.width && r >= 0 && r < grid.height) out[r * grid.width + c] = value;
  }
}
