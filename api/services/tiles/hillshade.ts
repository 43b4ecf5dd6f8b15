/**
 * Hillshade of a DEM window for raster tiles: gdaldem's default algorithm (Horn, light from
 * azimuth 315°, altitude 45°, z factor 1) from layers/raster/terrain.ts, with edges computed so
 * the DEM's border pixels are shaded too. Values 1–255 (flat ground 181), 0 = nodata.
 */
import { hillshade } from '../../../layers/raster/terrain.ts';
import type { RasterRecord } from '../../stores/catalog.ts';
import type { RasterWindow } from '../../stores/rasters.ts';
import { metresPerUnit } from './raster.ts';

/**
 * The hillshade of a window of the DEM read at a level whose pixels are `1/sx` × `1/sy` full
 * resolution pixels; same position and size as the window, nodata 0.
 */
export function hillshadeWindow(w: RasterWindow, record: Pick<RasterRecord, 'crs' | 'bounds' | 'geotransform'>, sx: number, sy: number): RasterWindow {
  const [mx, my] = metresPerUnit(record);
  const shade = hillshade(w.data, {
    width: w.width,
    height: w.height,
    cellSizeX: (Math.abs(record.geotransform[1]) / sx) * mx,
    cellSizeY: (Math.abs(record.geotransform[5]) / sy) * my,
    nodata: w.nodata,
    computeEdges: true,
  });
  return { ...w, data: shade, nodata: 0 };
}
