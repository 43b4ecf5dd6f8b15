/**
 * Zonal statistics of a registered raster under a lon/lat polygon: the polygon is projected
 * into the raster's CRS, only the window it covers is read, and exact pixel coverage
 * (layers/raster/coverage.ts) weights every pixel.
 */
import type { Sql } from 'postgres';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { getRaster, type RasterRecord } from '../store/catalog.ts';
import { rasterStore, type RasterStore } from '../store/rasters.ts';
import type { RasterWindow } from '../../layers/raster/sample.ts';
import { transformer } from '../../layers/geo/project.ts';
import { pixelCoverage, type PixelCoverage } from '../../layers/raster/coverage.ts';
import { worldToPixel, type Grid } from '../../layers/raster/grid.ts';
import { zonalCategoricalAreas, zonalContinuousStats, type CategoricalAreas, type ContinuousStats } from '../../layers/raster/zonal.ts';
import { ProblemError } from './problem.ts';

interface Window {
  grid: Grid;
  window: RasterWindow;
  coverage: PixelCoverage;
}

function mapPositions(g: Polygon | MultiPolygon, f: (p: Position) => Position): Polygon | MultiPolygon {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
}

/** The catalog record of a raster layer, or a 422 problem saying how to load it. */
export async function rasterRecord(sql: Sql, layerId: string): Promise<RasterRecord> {
  const record = await getRaster(sql, layerId);
  if (!record) {
    throw new ProblemError(422, 'Raster not loaded', `The raster "${layerId}" is not in the catalog: load the demo county or import it with \`npm run tantu -- import <file> --as raster:${layerId}\`.`, {},
      { title: '栅格未加载', detail: `目录中没有栅格 “${layerId}”：请加载演示县，或用 \`npm run tantu -- import <文件> --as raster:${layerId}\` 导入。` });
  }
  return record;
}

/** Read the window of `record` under `polygon` (EPSG:4326) and the polygon's exact coverage on it. */
export async function coveredWindow(record: RasterRecord, polygon: Polygon | MultiPolygon, store: RasterStore = rasterStore): Promise<Window> {
  const t = transformer('EPSG:4326', record.crs);
  const projected = mapPositions(polygon, (p) => t.point(p[0], p[1]));
  const full: Grid = { width: record.width, height: record.height, geotransform: record.geotransform as unknown as Grid['geotransform'], crs: record.crs };
  let [c0, r0, c1, r1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of projected.type === 'Polygon' ? projected.coordinates : projected.coordinates.flat()) {
    for (const [x, y] of ring) {
      const [c, r] = worldToPixel(full, x, y);
      c0 = Math.min(c0, c); r0 = Math.min(r0, r); c1 = Math.max(c1, c); r1 = Math.max(r1, r);
    }
  }
  const window = await store.readWindow(record, Math.floor(c0), Math.floor(r0), Math.ceil(c1), Math.ceil(r1));
  const gt = record.geotransform;
  const grid: Grid = {
    width: window.width,
    height: window.height,
    geotransform: [gt[0] + window.x0 * gt[1] + window.y0 * gt[2], gt[1], gt[2], gt[3] + window.x0 * gt[4] + window.y0 * gt[5], gt[4], gt[5]],
    crs: record.crs,
  };
  return { grid, window, coverage: pixelCoverage(grid, projected) };
}

/** Area per class (m², nodata excluded) of a categorical raster such as land cover, plus the counted footprint. */
export async function zonalClassAreas(sql: Sql, layerId: string, polygon: Polygon | MultiPolygon): Promise<CategoricalAreas> {
  const record = await rasterRecord(sql, layerId);
  const { grid, window, coverage } = await coveredWindow(record, polygon);
  return zonalCategoricalAreas(grid, coverage, window.data, { nodata: record.nodata });
}

/** Sum/mean/min/max of a continuous raster (e.g. GHI, carbon density) weighted by coverage. */
export async function zonalStats(sql: Sql, layerId: string, polygon: Polygon | MultiPolygon): Promise<ContinuousStats> {
  const record = await rasterRecord(sql, layerId);
  const { grid, window, coverage } = await coveredWindow(record, polygon);
  return zonalContinuousStats(grid, coverage, window.data, { nodata: record.nodata });
}
