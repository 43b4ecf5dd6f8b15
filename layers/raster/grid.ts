/**
 * A raster grid: size, affine geotransform in GDAL order and CRS.
 *
 * GDAL geotransform (GDAL Raster Data Model, "Affine GeoTransform"):
 *     X = gt[0] + col·gt[1] + row·gt[2]
 *     Y = gt[3] + col·gt[4] + row·gt[5]
 * where (col, row) are pixel/line coordinates of a pixel *corner*: (0, 0) is the top-left corner of
 * the top-left pixel and the centre of pixel (c, r) is (c + 0.5, r + 0.5). North-up grids have
 * gt[2] = gt[4] = 0 and gt[5] < 0.
 *
 * Pixel area (reference/carbon.md §1): projected CRS → |det| = |gt[1]·gt[5] − gt[2]·gt[4]| m² (metres
 * of the projection, e.g. Gauss–Krüger, whose scale factor is k ≈ 1 + ½(Δλ cosφ)², so areas
 * are k² too large: in EPSG:4549 (CM 120°E) +0.09 % at 118°E, +0.14 % at 122.5°E, 30.6°N); geographic CRS (EPSG:4326/4490) → exact ellipsoidal area of the
 * row's cell (layers/geo/area.ts `cellAreaM2ForRow`), never degrees².
 *
 * The rasters tantu generates (demo county, analysis rasters) are the special case of a north-up
 * grid of square cells in projected metres: `squareGrid` builds one, `northUpFrame` and
 * `squareCellSize` read origin and cell size back for code that works in map coordinates
 * (rasterize.ts, polygonize.ts, the demo generator). There is no second grid type.
 */
import { CGCS2000, WGS84, cellAreaM2ForRow } from '../geo/area.ts';
import { epsgNumber, isGeographic, type CrsCode } from '../geo/crs.ts';

/** GDAL-order affine geotransform [originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight]. */
export type GeoTransform = readonly [number, number, number, number, number, number];

export interface Grid {
  /** columns */
  width: number;
  /** rows */
  height: number;
  geotransform: GeoTransform;
  crs: CrsCode;
}

/** World coordinates (CRS units) of pixel coordinates (col, row); integer values are pixel corners. */
export function pixelToWorld(grid: Grid, col: number, row: number): [number, number] {
  const g = grid.geotransform;
  return [g[0] + col * g[1] + row * g[2], g[3] + col * g[4] + row * g[5]];
}

/** World coordinates of the centre of pixel (col, row) (integers). */
export function pixelCenterToWorld(grid: Grid, col: number, row: number): [number, number] {
  return pixelToWorld(grid, col + 0.5, row + 0.5);
}

/**
 * Fractional pixel coordinates [col, row] of a world position (inverse of the affine transform).
 * floor() of them gives the pixel that contains the position.
 * @throws RangeError if the geotransform is singular
 */
export function worldToPixel(grid: { geotransform: readonly number[] }, x: number, y: number): [number, number] {
  const g = grid.geotransform;
  const det = g[1] * g[5] - g[2] * g[4];
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('singular geotransform');
  const dx = x - g[0];
  const dy = y - g[3];
  return [(g[5] * dx - g[2] * dy) / det, (-g[4] * dx + g[1] * dy) / det];
}

/** True if the grid has no rotation terms. */
export function isNorthUp(grid: Grid): boolean {
  return grid.geotransform[2] === 0 && grid.geotransform[4] === 0;
}

/** [minX, minY, maxX, maxY] of the grid's extent in CRS units. */
export function gridBounds(grid: Grid): [number, number, number, number] {
  const corners = [
    pixelToWorld(grid, 0, 0),
    pixelToWorld(grid, grid.width, 0),
    pixelToWorld(grid, 0, grid.height),
    pixelToWorld(grid, grid.width, grid.height),
  ];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * Area of one pixel of row `row`, m². Projected CRS: |gt[1]·gt[5] − gt[2]·gt[4]| (the same for all
 * rows; assumes metre units, true for every projected CRS in crs.ts). Geographic CRS: the exact
 * ellipsoidal area of the cell between the row's two parallels (WGS 84 for EPSG:4326, CGCS2000 for
 * EPSG:4490; they differ by < 1e-8 relative).
 * @throws RangeError for a rotated geographic grid (rows would not follow parallels)
 */
export function pixelAreaM2(grid: Grid, row: number): number {
  const g = grid.geotransform;
  if (!isGeographic(grid.crs)) return Math.abs(g[1] * g[5] - g[2] * g[4]);
  if (!isNorthUp(grid)) throw new RangeError('rotated geographic grids are not supported for pixel areas');
  const ellipsoid = epsgNumber(grid.crs) === 4490 ? CGCS2000 : WGS84;
  const latA = g[3] + row * g[5];
  return cellAreaM2ForRow(latA, latA + g[5], g[1], ellipsoid);
}

/** Pixel area of every row, m² (length = grid.height). */
export function rowAreasM2(grid: Grid): Float64Array {
  const out = new Float64Array(grid.height);
  if (!isGeographic(grid.crs)) return out.fill(pixelAreaM2(grid, 0));
  for (let r = 0; r < grid.height; r++) out[r] = pixelAreaM2(grid, r);
  return out;
}

/** Origin and cell size of a north-up grid: pixel (c, r) spans x0 + [c, c + 1)·dx, y0 − [r, r + 1)·dy. */
export interface NorthUpFrame {
  /** West edge of column 0, CRS units. */
  x0: number;
  /** North edge of row 0, CRS units. */
  y0: number;
  /** Cell width, CRS units (> 0). */
  dx: number;
  /** Cell height, CRS units (> 0; rows run south). */
  dy: number;
}

/**
 * Origin and cell size of a north-up grid (geotransform [x0, dx, 0, y0, 0, −dy]).
 * @throws RangeError for rotated grids and for grids whose rows run north
 */
export function northUpFrame(grid: Grid): NorthUpFrame {
  const g = grid.geotransform;
  if (!isNorthUp(grid) || !(g[1] > 0) || !(g[5] < 0)) throw new RangeError('a north-up grid (pixel width > 0, pixel height < 0, no rotation) is needed');
  return { x0: g[0], y0: g[3], dx: g[1], dy: -g[5] };
}

/**
 * Side of the square cells of a north-up grid, CRS units.
 * @throws RangeError unless the grid is north-up with square cells
 */
export function squareCellSize(grid: Grid): number {
  const { dx, dy } = northUpFrame(grid);
  if (dx !== dy) throw new RangeError(`cells are ${dx} × ${dy}, not square`);
  return dx;
}

/** A north-up grid of square cells: geotransform [x0, cell, 0, y0, 0, −cell]. */
export function squareGrid(spec: { width: number; height: number; x0: number; y0: number; cell: number; crs: CrsCode }): Grid {
  const { width, height, x0, y0, cell, crs } = spec;
  return { width, height, geotransform: [x0, cell, 0, y0, 0, -cell], crs };
}

/**
 * Call `fn(i, x, y)` for every cell of a north-up grid where `mask[i]` is non-zero, in row-major
 * order, with the cell centre's world coordinates.
 */
export function forEachCellCenter(grid: Grid, mask: ArrayLike<number>, fn: (i: number, x: number, y: number) => void): void {
  const { x0, y0, dx, dy } = northUpFrame(grid);
  for (let r = 0; r < grid.height; r++) {
    const y = y0 - (r + 0.5) * dy;
    for (let c = 0; c < grid.width; c++) {
      const i = r * grid.width + c;
      if (mask[i]) fn(i, x0 + (c + 0.5) * dx, y);
    }
  }
}
