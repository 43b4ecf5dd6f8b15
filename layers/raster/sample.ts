/**
 * Sampling a window of raster values at fractional pixel positions: nearest neighbour, bilinear
 * between pixel centres, and the nodata test. Pure: the window comes from a reader such as the
 * API's raster store.
 *
 * Pixel coordinates are (column, row) of the grid of the level read, origin at the top-left
 * corner of the top-left pixel, as in GDAL: pixel (c, r) covers [c, c + 1) × [r, r + 1) and its
 * centre is (c + 0.5, r + 0.5).
 * Bilinear interpolation (e.g. GDAL's "bilinear" resampling): with fx = col − 0.5 − x0,
 * fy = row − 0.5 − y0 and tx, ty their fractional parts, the value is
 * (1 − ty)·[(1 − tx)·v00 + tx·v10] + ty·[(1 − tx)·v01 + tx·v11] over the four surrounding pixel
 * centres.
 */

export type RasterArray =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A block of pixels read from one band. */
export interface RasterWindow {
  /** Row-major values, `width * height` of them. */
  data: RasterArray;
  width: number;
  height: number;
  /** Pixel column/row of data[0] in the grid of the level read (level 0 = full resolution). */
  x0: number;
  y0: number;
  /** Value marking "no data" (from the raster record), or null. */
  nodata: number | null;
  /** Full-resolution pixels per pixel of the level read (1 for level 0; 2, 4, … for overviews). */
  scale: number;
}

/** True when v is the nodata value (or NaN). */
export function isNodata(v: number, nodata: number | null): boolean {
  return v !== v || (nodata !== null && v === nodata);
}

/**
 * Nearest-neighbour value at fractional pixel (col, row) of a window's level grid, or undefined
 * outside the window or at nodata.
 */
export function sampleNearest(w: RasterWindow, col: number, row: number): number | undefined {
  const x = Math.floor(col) - w.x0;
  const y = Math.floor(row) - w.y0;
  if (x < 0 || y < 0 || x >= w.width || y >= w.height) return undefined;
  const v = w.data[y * w.width + x];
  return isNodata(v, w.nodata) ? undefined : v;
}

/**
 * Bilinear value at fractional pixel (col, row) between pixel centres; falls back to the nearest
 * pixel where a neighbour is nodata or outside the window. Undefined outside or at nodata.
 */
export function sampleBilinear(w: RasterWindow, col: number, row: number): number | undefined {
  const fx = col - 0.5 - w.x0;
  const fy = row - 0.5 - w.y0;
  const ix = Math.floor(fx);
  const iy = Math.floor(fy);
  if (ix >= 0 && iy >= 0 && ix + 1 < w.width && iy + 1 < w.height) {
    const i = iy * w.width + ix;
    const v00 = w.data[i], v10 = w.data[i + 1], v01 = w.data[i + w.width], v11 = w.data[i + w.width + 1];
    if (!isNodata(v00, w.nodata) && !isNodata(v10, w.nodata) && !isNodata(v01, w.nodata) && !isNodata(v11, w.nodata)) {
      const tx = fx - ix;
      const ty = fy - iy;
      return (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
    }
  }
  return sampleNearest(w, col, row);
}
