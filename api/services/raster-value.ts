/**
 * The value of a catalog raster layer under a lon/lat point, with its unit and, for a class
 * raster, the legend class: the map's readout on hover and click (GET /api/layers/{id}/value).
 */
import type { Sql } from 'postgres';
import type { RasterValue } from '../schemas/raster-value.ts';
import { listLayers } from '../store/catalog.ts';
import { ProblemError } from './problem.ts';
import { rasterValueAt } from './raster-point.ts';

export async function rasterLayerValue(sql: Sql, id: string, lon: number, lat: number): Promise<RasterValue> {
  const layer = (await listLayers(sql)).find((l) => l.id === id);
  if (!layer || layer.kind !== 'raster' || !layer.raster_id) {
    throw new ProblemError(404, 'Not a raster layer',
      `There is no raster layer '${id}' in the catalog (GET /api/layers lists the layers; vector layers have no value readout).`, {},
      { title: '不是栅格图层', detail: `图层目录中没有栅格图层"${id}"(GET /api/layers 列出全部图层;矢量图层没有数值读取)。` });
  }
  const value = await rasterValueAt(sql, layer.raster_id, lon, lat);
  const legend = layer.legend as { type?: string; classes?: { value: number; label_zh: string; label_en: string }[] };
  const cls = value !== null && legend?.type === 'classes' ? legend.classes?.find((c) => c.value === value) : undefined;
  return {
    layer: id, lon, lat, value,
    unit: layer.unit ?? null,
    class: cls ? { value: cls.value, label_zh: cls.label_zh, label_en: cls.label_en } : null,
  };
}
