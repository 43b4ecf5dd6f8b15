/**
 * Zonal statistics of a raster over a polygon, from its pixel coverage (coverage.ts).
 *
 * Every pixel counts with weight fraction × pixel area (m²; grid.ts `pixelAreaM2`, per row for
 * geographic grids), the exactextract convention (D. Baston, exactextract, ISciences 2019):
 * - categorical rasters (land cover): covered area per class code;
 * - continuous rasters: Σ f·v (pixel-weighted sum, exactextract "sum"), Σ f·A·v (area-weighted, e.g.
 *   t C/ha × m² ÷ 10 000 = t C), area-weighted mean, min and max over covered valid pixels.
 * Both report the counted footprint (valid pixels) and the nodata footprint separately, so a total can
 * be defended ("Σ over 98.7 % of the parcel; 1.3 % nodata") — reference/carbon.md §2.
 *
 * `values` is the raster band for the same Grid the coverage was computed on, row-major
 * (index = row · width + col); to work on a window, describe the window as its own Grid (origin moved
 * by the window offset) and compute the coverage on it.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { pixelCoverage, type PixelCoverage } from './coverage.ts';
import { isNorthUp, rowAreasM2, type Grid } from './grid.ts';
import { isGeographic } from '../geo/crs.ts';

export interface ZonalOptions {
  /** nodata value of the band (NaN is always nodata) */
  nodata?: number | null;
}

export interface Footprint {
  /** Σ fraction × pixel area over valid pixels, m² */
  countedAreaM2: number;
  /** Σ fraction × pixel area over nodata pixels, m² */
  nodataAreaM2: number;
  /** countedAreaM2 + nodataAreaM2 = covered area of the polygon inside the grid, m² */
  coveredAreaM2: number;
  /** Σ fraction over valid pixels (pixel units) */
  countedPixels: number;
  /** Σ fraction over nodata pixels (pixel units) */
  nodataPixels: number;
}

export interface CategoricalAreas extends Footprint {
  /** class code → covered area, m² (nodata excluded) */
  areaByClassM2: Map<number, number>;
}

export interface ContinuousStats extends Footprint {
  /** Σ fraction · value (pixel-weighted, value units × pixels) */
  sum: number;
  /** Σ fraction · pixel area · value (value units × m²) */
  areaWeightedSumM2: number;
  /** areaWeightedSumM2 / countedAreaM2 (value units); NaN if nothing counted */
  mean: number;
  /** smallest / largest valid value among pixels with fraction > 0; NaN if none */
  min: number;
  max: number;
}

function check(grid: Grid, cov: PixelCoverage, values: ArrayLike<number>) {
  if (cov.width !== grid.width || cov.height !== grid.height) {
    throw new RangeError(`coverage is for a ${cov.width}×${cov.height} grid, not ${grid.width}×${grid.height}`);
  }
  if (values.length !== grid.width * grid.height) {
    throw new RangeError(`values has ${values.length} cells; the grid has ${grid.width * grid.height}`);
  }
  if (isGeographic(grid.crs) && !isNorthUp(grid)) throw new RangeError('rotated geographic grids are not supported');
}

/**
 * Covered area per class of a categorical raster (e.g. land-cover codes).
 * @param grid grid of `values` and `cov`
 * @param cov pixel coverage of the polygon on `grid`
 * @param values class codes, row-major
 */
export function zonalCategoricalAreas(
  grid: Grid,
  cov: PixelCoverage,
  values: ArrayLike<number>,
  options: ZonalOptions = {},
): CategoricalAreas {
  check(grid, cov, values);
  const rowArea = rowAreasM2(grid);
  const nodata = options.nodata ?? null;
  const W = grid.width;
  const byClass = new Map<number, number>();
  let counted = 0, nodataA = 0, countedPx = 0, nodataPx = 0;
  for (let s = 0; s < cov.spanCount; s++) {
    const r = cov.spanRow[s];
    const a = cov.spanColStart[s];
    const b = cov.spanColEnd[s];
    const off = cov.spanFractionOffset[s];
    const A = rowArea[r];
    const base = r * W;
    // accumulate runs of equal class before touching the map (land cover is spatially clumped)
    let runCode = NaN, runFrac = 0;
    for (let c = a; c < b; c++) {
      const f = off === -1 ? 1 : cov.fractions[off + c - a];
      const v = values[base + c];
      if (v !== v || v === nodata) {
        nodataPx += f;
        nodataA += f * A;
        continue;
      }
      countedPx += f;
      counted += f * A;
      if (v === runCode) runFrac += f;
      else {
        if (runFrac > 0) byClass.set(runCode, (byClass.get(runCode) ?? 0) + runFrac * A);
        runCode = v;
        runFrac = f;
      }
    }
    if (runFrac > 0) byClass.set(runCode, (byClass.get(runCode) ?? 0) + runFrac * A);
  }
  return {
    areaByClassM2: byClass,
    countedAreaM2: counted,
    nodataAreaM2: nodataA,
    coveredAreaM2: counted + nodataA,
    countedPixels: countedPx,
    nodataPixels: nodataPx,
  };
}

/**
 * Fraction- and area-weighted statistics of a continuous raster (e.g. carbon density t C/ha).
 * @param grid grid of `values` and `cov`
 * @param cov pixel coverage of the polygon on `grid`
 * @param values band values, row-major
 */
export function zonalContinuousStats(
  grid: Grid,
  cov: PixelCoverage,
  values: ArrayLike<number>,
  options: ZonalOptions = {},
): ContinuousStats {
  check(grid, cov, values);
  const rowArea = rowAreasM2(grid);
  const nodata = options.nodata ?? null;
  const W = grid.width;
  let counted = 0, nodataA = 0, countedPx = 0, nodataPx = 0;
  let sum = 0, areaSum = 0, min = Infinity, max = -Infinity;
  for (let s = 0; s < cov.spanCount; s++) {
    const r = cov.spanRow[s];
    const a = cov.spanColStart[s];
    const b = cov.spanColEnd[s];
    const off = cov.spanFractionOffset[s];
    const A = rowArea[r];
    const base = r * W;
    let rowSum = 0, rowPx = 0, rowNodataPx = 0;
    for (let c = a; c < b; c++) {
      const f = off === -1 ? 1 : cov.fractions[off + c - a];
      const v = values[base + c];
      if (v !== v || v === nodata) {
        rowNodataPx += f;
        continue;
      }
      rowPx += f;
      rowSum += f * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    sum += rowSum;
    areaSum += rowSum * A;
    countedPx += rowPx;
    counted += rowPx * A;
    nodataPx += rowNodataPx;
    nodataA += rowNodataPx * A;
  }
  const any = countedPx > 0;
  return {
    sum,
    areaWeightedSumM2: areaSum,
    mean: any ? areaSum / counted : NaN,
    min: any ? min : NaN,
    max: any ? max : NaN,
    countedAreaM2: counted,
    nodataAreaM2: nodataA,
    coveredAreaM2: counted + nodataA,
    countedPixels: countedPx,
    nodataPixels: nodataPx,
  };
}

/**
 * Class areas of `values` under `polygon` (coordinates in the grid's CRS): exact coverage, then
 * zonalCategoricalAreas — in one call, so a worker thread can do both.
 */
export function polygonCategoricalAreas(grid: Grid, polygon: Polygon | MultiPolygon, values: ArrayLike<number>, options: ZonalOptions = {}): CategoricalAreas {
  return zonalCategoricalAreas(grid, pixelCoverage(grid, polygon), values, options);
}

/** Statistics of `values` under `polygon` (in the grid's CRS): exact coverage, then zonalContinuousStats, in one call. */
export function polygonContinuousStats(grid: Grid, polygon: Polygon | MultiPolygon, values: ArrayLike<number>, options: ZonalOptions = {}): ContinuousStats {
  return zonalContinuousStats(grid, pixelCoverage(grid, polygon), values, options);
}
