/**
 * The value of a registered raster at a lon/lat point (nearest pixel, or bilinear between pixel
 * centres): the wind speed, land-cover class and elevation under a planned turbine.
 */
import type { Sql } from 'postgres';
import { getRaster } from '../store/catalog.ts';
import { samplePoints } from '../store/rasters.ts';
import { transformer } from '../../layers/geo/project.ts';

/** Value of raster `layerId` at (lon, lat); null when the raster is not loaded, the point is outside it or at nodata. */
export async function rasterValueAt(sql: Sql, layerId: string, lon: number, lat: number, opts: { bilinear?: boolean } = {}): Promise<number | null> {
  const record = await getRaster(sql, layerId);
  if (!record) return null;
  const [v] = await samplePoints(record, [transformer('EPSG:4326', record.crs).point(lon, lat)], opts);
  return v ?? null;
}
