/** Small GeoTIFF fixtures for the InVEST carbon tests, written into a temp dir. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { writeGeoTiff, type RasterArray } from '../../../data-pipeline/geotiff-write.ts';

/** A temp workspace; call `cleanup()` in afterEach/afterAll. */
export function tempDir(prefix = 'tantu-invest-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RasterFixture {
  rows: number[][];
  /** default EPSG:26910 (NAD83 / UTM 10N), as in InVEST's tests */
  crs?: string;
  /** default 1 (m) */
  pixel?: number;
  /** default: an easting/northing inside UTM 10N */
  originX?: number;
  originY?: number;
  nodata?: number | null;
  type?: 'uint8' | 'int16';
}

/** Write a class raster from rows of codes; returns its path. */
export function writeClassRaster(dir: string, name: string, f: RasterFixture): string {
  const height = f.rows.length;
  const width = f.rows[0]!.length;
  const Ctor = f.type === 'int16' ? Int16Array : Uint8Array;
  const data: RasterArray = new Ctor(width * height);
  f.rows.forEach((r, y) => r.forEach((v, x) => (data[y * width + x] = v)));
  const path = join(dir, name);
  writeGeoTiff(path, {
    width, height, data, crs: f.crs ?? 'EPSG:26910',
    originX: f.originX ?? 461_261, originY: f.originY ?? 4_923_265,
    pixelSizeX: f.pixel ?? 1, pixelSizeY: f.pixel ?? 1, nodata: f.nodata ?? null, tileSize: 16,
  });
  return path;
}

/** A width × height raster filled with one code. */
export function filled(width: number, height: number, code: number): number[][] {
  return Array.from({ length: height }, () => new Array<number>(width).fill(code));
}

export function writeText(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The reference pools table of carbon.md §2. */
export const REFERENCE_POOLS = `lucode,c_above,c_below,c_soil,c_dead
1,15,10,60,1
2,5,3,20,0
3,2,1,5,0
`;

/** Read band 1 of a written GeoTIFF with its georeferencing. */
export async function readRaster(path: string) {
  const tiff = await fromFile(path);
  const image = await tiff.getImage();
  const [band] = (await image.readRasters({ samples: [0] })) as unknown as Float32Array[];
  return {
    data: band!,
    width: image.getWidth(),
    height: image.getHeight(),
    nodata: image.getGDALNoData(),
    origin: image.getOrigin(),
    resolution: image.getResolution(),
    geoKeys: image.getGeoKeys() as Record<string, number>,
    bitsPerSample: image.getBitsPerSample(),
    sampleFormat: image.getSampleFormat(),
  };
}
