import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromFile } from 'geotiff';
import { encodeGeoTiff, writeGeoTiff } from '../../../data-pipeline/geotiff-write.ts';

const dir = mkdtempSync(join(tmpdir(), 'tantu-tiff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('geotiff-write', () => {
  const W = 300, H = 270;
  it.each([
    ['float32', new Float32Array(W * H).map((_, i) => Math.sin(i / 37) * 1000 - 3.25), 'EPSG:4549'],
    ['uint8', new Uint8Array(W * H).map((_, i) => (i * 7) % 251), 'EPSG:4549'],
    ['int16', new Int16Array(W * H).map((_, i) => ((i * 13) % 3001) - 1500), 'EPSG:4326'],
  ] as const)('round-trips %s tiles with geo metadata', async (_name, data, crs) => {
    const path = join(dir, `${_name}.tif`);
    const geographic = crs === 'EPSG:4326';
    writeGeoTiff(path, {
      width: W, height: H, data, crs, originX: geographic ? 119.2 : 400000, originY: geographic ? 30.9 : 3400020,
      pixelSizeX: geographic ? 0.001 : 30, pixelSizeY: geographic ? 0.001 : 30, nodata: -9999,
    });
    const tiff = await fromFile(path);
    const img = await tiff.getImage();
    expect(img.getWidth()).toBe(W);
    expect(img.getHeight()).toBe(H);
    expect(img.isTiled).toBe(true);
    expect(img.getTileWidth()).toBe(256);
    expect(img.getGDALNoData()).toBe(-9999);
    const keys = img.getGeoKeys() as Record<string, number>;
    if (geographic) {
      expect(keys.GTModelTypeGeoKey).toBe(2);
      expect(keys.GeographicTypeGeoKey).toBe(4326);
      expect(img.getOrigin()).toEqual([119.2, 30.9, 0]);
    } else {
      expect(keys.GTModelTypeGeoKey).toBe(1);
      expect(keys.ProjectedCSTypeGeoKey).toBe(4549);
      expect(img.getOrigin()).toEqual([400000, 3400020, 0]);
      expect(img.getResolution()).toEqual([30, -30, 0]);
    }
    const back = (await img.readRasters())[0] as ArrayLike<number>;
    let diff = 0;
    for (let i = 0; i < data.length; i++) if (back[i] !== data[i]) diff++;
    expect(diff).toBe(0);
  });

  it('is deterministic', () => {
    const data = new Float32Array(64 * 64).map((_, i) => i * 0.5);
    const spec = { width: 64, height: 64, data, crs: 'EPSG:4549', originX: 0, originY: 0, pixelSizeX: 1, pixelSizeY: 1, nodata: -1 };
    expect(Buffer.from(encodeGeoTiff(spec)).equals(Buffer.from(encodeGeoTiff(spec)))).toBe(true);
  });
});
