/** Hillshade of a DEM window for raster tiles (gdaldem-style, via layers/raster/terrain.ts). */
import type { RasterRecord } from '../../stores/catalog.ts';
import type { RasterWindow } from '../../stores/rasters.ts';

export function hillshadeWindow(_w: RasterWindow, _record: RasterRecord, _sx: number, _sy: number): RasterWindow {
  throw new Error('hillshade: waiting for layers/raster/terrain.ts');
}
