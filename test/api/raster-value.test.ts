/**
 * GET /api/layers/{id}/value — the map's raster readout: the nearest pixel of the layer's GeoTIFF
 * under the point (read here independently with geotiff + proj4), its unit, the land-cover class
 * label, null outside the raster, and problems in Chinese and English for a layer that is not a raster.
 */
import { resolve } from 'node:path';
import { fromFile } from 'geotiff';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import { proj4Definition } from '../../layers/geo/crs.ts';
import { testApp } from '../setup/app.ts';

const { app, db } = testApp();
afterAll(() => db.close());

/** The pixel under (lon, lat) read straight from the file: GDAL geotransform, nearest pixel. */
async function pixel(layer: string, lon: number, lat: number): Promise<{ value: number | null; unit: string | null }> {
  const [r] = await db.sql<{ path: string; crs: string; geotransform: number[]; nodata: number | null; width: number; height: number; unit: string | null }[]>`
    SELECT path, crs, geotransform, nodata, width, height, unit FROM rasters WHERE layer_id = ${layer}`;
  const [x, y] = proj4('EPSG:4326', proj4Definition(r.crs as never)!, [lon, lat]);
  const gt = r.geotransform.map(Number);
  const col = Math.floor((x - gt[0]) / gt[1]);
  const row = Math.floor((y - gt[3]) / gt[5]);
  if (col < 0 || row < 0 || col >= r.width || row >= r.height) return { value: null, unit: r.unit };
  const tiff = await fromFile(resolve(r.path));
  const image = await tiff.getImage();
  const [band] = (await image.readRasters({ window: [col, row, col + 1, row + 1] })) as unknown as ArrayLike<number>[];
  const v = band[0];
  return { value: r.nodata !== null && v === Number(r.nodata) ? null : v, unit: r.unit };
}

describe('raster value readout', () => {
  it('answers the pixel value under the point for each raster layer, with its unit', async () => {
    const layers = await db.sql<{ id: string; raster_id: string; unit: string | null }[]>`SELECT id, raster_id, unit FROM layers WHERE kind = 'raster' AND raster_id IS NOT NULL`;
    expect(layers.length).toBeGreaterThan(3);
    const [lon, lat] = [119.6, 30.6];
    for (const l of layers) {
      const res = await app.request(`/api/layers/${l.id}/value?lon=${lon}&lat=${lat}`);
      expect(res.status, l.id).toBe(200);
      const body = await res.json();
      const want = await pixel(l.raster_id, lon, lat);
      expect(body.layer).toBe(l.id);
      expect(body.unit).toBe(l.unit);
      if (want.value === null) expect(body.value).toBeNull();
      else expect(body.value, l.id).toBeCloseTo(want.value, 4);
    }
  });

  it('names the land-cover class of the value', async () => {
    const res = await app.request('/api/layers/landcover/value?lon=119.6&lat=30.6');
    const body = await res.json();
    const [layer] = await db.sql<{ legend: { classes: { value: number; label_zh: string; label_en: string }[] } }[]>`SELECT legend FROM layers WHERE id = 'landcover'`;
    const cls = layer.legend.classes.find((c) => c.value === body.value)!;
    expect(body.class).toEqual({ value: cls.value, label_zh: cls.label_zh, label_en: cls.label_en });
  });

  it('is null outside the raster', async () => {
    const body = await (await app.request('/api/layers/ghi/value?lon=100&lat=20')).json();
    expect(body.value).toBeNull();
    expect(body.class).toBeNull();
  });

  it('answers 404 problem+json in Chinese by default and in English when asked, for a vector or unknown layer; 400 for a bad point', async () => {
    const zh = await app.request('/api/layers/stands/value?lon=119.6&lat=30.6');
    expect(zh.status).toBe(404);
    expect(zh.headers.get('content-type')).toContain('application/problem+json');
    expect((await zh.json()).title).toBe('不是栅格图层');
    const en = await app.request('/api/layers/nope/value?lon=119.6&lat=30.6', { headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(404);
    expect((await en.json()).title).toBe('Not a raster layer');
    expect((await app.request('/api/layers/ghi/value?lon=500&lat=30')).status).toBe(400);
    expect((await app.request('/api/layers/ghi/value?lat=30')).status).toBe(400);
  });
});
