/**
 * GeoTIFF reader for raster imports: CRS from the GeoKeys (ProjectedCSTypeGeoKey /
 * GeographicTypeGeoKey) or --crs, the GDAL-order geotransform, GDAL_NODATA, value range,
 * and the bounds in EPSG:4326 from a densified transform of the raster's edges.
 * Supported CRSs are those of layers/geo/crs.ts (4326/4490, 3857, UTM, CGCS2000 GK zones).
 */
import { fromArrayBuffer } from 'geotiff';
import proj4 from 'proj4';
import { proj4Definition } from '../../layers/geo/crs.ts';
import { ParseError } from './errors.ts';
import { resolveCrs } from './reproject.ts';

export interface GeoTiffInfo {
  /** 'EPSG:nnnn' */
  crs: string;
  crsNote: string;
  width: number;
  height: number;
  bands: number;
  /** GDAL order: x0, pixel width, 0, y0, 0, pixel height (negative for north-up), in CRS units. */
  geotransform: [number, number, number, number, number, number];
  nodata: number | null;
  /** [west, south, east, north], degrees EPSG:4326. */
  bounds: [number, number, number, number];
  /** Range of valid (non-nodata, finite) values of band 1, on a ≤ 1024×1024 sample. */
  min: number | null;
  max: number | null;
}

const USER_DEFINED = 32767;

/**
 * Bounds in EPSG:4326 of a rectangle [minX, minY, maxX, maxY] in `crs`, transforming
 * `steps` points along each edge (edges of projected rectangles are curves in lon/lat).
 */
export function boundsTo4326(crs: string, rect: [number, number, number, number], steps = 32): [number, number, number, number] {
  const def = proj4Definition(crs);
  if (!def) throw new Error(`unsupported CRS ${crs}`);
  const conv = proj4(def, '+proj=longlat +datum=WGS84 +no_defs');
  const [x0, y0, x1, y1] = rect;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    for (const [x, y] of [[x0 + t * (x1 - x0), y0], [x0 + t * (x1 - x0), y1], [x0, y0 + t * (y1 - y0)], [x1, y0 + t * (y1 - y0)]]) {
      const [lon, lat] = conv.forward([x, y]);
      w = Math.min(w, lon); e = Math.max(e, lon); s = Math.min(s, lat); n = Math.max(n, lat);
    }
  }
  return [w, s, e, n];
}

/** Read the georeferencing of a GeoTIFF. `crsOverride` (from --crs) wins over the GeoKeys. */
export async function readGeoTiffInfo(bytes: Uint8Array, crsOverride?: string): Promise<GeoTiffInfo> {
  let image;
  try {
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const tiff = await fromArrayBuffer(buf);
    image = await tiff.getImage();
  } catch (e) {
    throw new ParseError(`not a readable GeoTIFF (${(e as Error).message})`, 'the file is truncated or not a TIFF: export it again as GeoTIFF');
  }
  const keys = (image.getGeoKeys() ?? {}) as Record<string, number | string | undefined>;
  let crs: string;
  let crsNote: string;
  if (crsOverride) {
    const r = resolveCrs(crsOverride);
    if (!r || r.kind !== 'epsg') {
      throw new ParseError(`unknown CRS "${crsOverride}"`, 'a raster needs an EPSG code tantu supports: 4326, 4490, 3857, 326zz/327zz (UTM) or 4491–4554 (CGCS2000 Gauss–Krüger)');
    }
    crs = r.code;
    crsNote = `--crs ${crsOverride}`;
  } else {
    const projected = Number(keys.ProjectedCSTypeGeoKey);
    const geographic = Number(keys.GeographicTypeGeoKey);
    const model = Number(keys.GTModelTypeGeoKey);
    let code: number | undefined;
    if (Number.isFinite(projected) && projected > 0 && (model !== 2 || !Number.isFinite(geographic))) code = projected;
    else if (Number.isFinite(geographic) && geographic > 0) code = geographic;
    if (code === undefined) {
      throw new ParseError('the GeoTIFF has no CRS in its GeoKeys', 'pass the CRS with --crs <EPSG code>, e.g. --crs EPSG:4549');
    }
    if (code === USER_DEFINED) {
      throw new ParseError(
        `the GeoTIFF's CRS is user-defined (GeoKey ${USER_DEFINED}${keys.GTCitationGeoKey ? `, "${keys.GTCitationGeoKey}"` : ''})`,
        'pass the EPSG code with --crs, e.g. --crs EPSG:4549, or re-export with an EPSG CRS (gdal_translate -a_srs EPSG:4549)',
      );
    }
    if (!proj4Definition(`EPSG:${code}`)) {
      throw new ParseError(
        `unknown CRS EPSG:${code}${keys.PCSCitationGeoKey || keys.GTCitationGeoKey ? ` ("${keys.PCSCitationGeoKey ?? keys.GTCitationGeoKey}")` : ''}`,
        'tantu reads EPSG:4326, 4490, 3857, UTM (326zz/327zz) and CGCS2000 Gauss–Krüger (4491–4554): reproject the raster, e.g. gdalwarp -t_srs EPSG:4549',
      );
    }
    crs = `EPSG:${code}`;
    crsNote = `GeoKey ${Number.isFinite(projected) && code === projected ? 'ProjectedCSTypeGeoKey' : 'GeographicTypeGeoKey'} = ${code}`;
  }
  const fd = image.getFileDirectory() as unknown as { getValue(tag: string): number[] | undefined };
  const transform = fd.getValue('ModelTransformation');
  if (transform && (transform[1] !== 0 || transform[4] !== 0)) {
    throw new ParseError('the GeoTIFF is rotated or sheared (ModelTransformation)', 'warp it to a north-up grid first: gdalwarp -t_srs <its EPSG code>');
  }
  let origin: number[];
  let res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch {
    throw new ParseError('the GeoTIFF has no georeferencing (no tie point / pixel scale)', 'georeference it before importing (e.g. gdal_translate -a_ullr … -a_srs EPSG:4549)');
  }
  const tie = fd.getValue('ModelTiepoint');
  let x0 = origin[0];
  let y0 = origin[1];
  if (tie && tie.length >= 6 && !transform) {
    x0 = tie[3] - tie[0] * res[0];
    y0 = tie[4] - tie[1] * res[1];
  }
  if (Number(keys.GTRasterTypeGeoKey) === 2) {
    // PixelIsPoint: the tie point is a pixel centre; GDAL's geotransform is to the pixel corner.
    x0 -= res[0] / 2;
    y0 -= res[1] / 2;
  }
  const width = image.getWidth();
  const height = image.getHeight();
  const geotransform: GeoTiffInfo['geotransform'] = [x0, res[0], 0, y0, 0, res[1]];
  const x1 = x0 + width * res[0];
  const y1 = y0 + height * res[1];
  const rect: [number, number, number, number] = [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
  const bounds = boundsTo4326(crs, rect);
  if (!bounds.every(Number.isFinite) || bounds[0] < -180 || bounds[2] > 180 || bounds[1] < -90 || bounds[3] > 90) {
    throw new ParseError(
      `the raster's extent ${rect.map((v) => Math.round(v)).join(', ')} is not valid in ${crs}`,
      `check the CRS: the coordinates do not fit ${crs}; pass the right one with --crs`,
    );
  }
  const nodata = image.getGDALNoData();
  let min: number | null = null;
  let max: number | null = null;
  try {
    const scale = Math.max(1, Math.max(width, height) / 1024);
    const data = (await image.readRasters({
      samples: [0],
      width: Math.max(1, Math.round(width / scale)),
      height: Math.max(1, Math.round(height / scale)),
      resampleMethod: 'nearest',
    })) as unknown as ArrayLike<number>[];
    const band = data[0];
    for (let i = 0; i < band.length; i++) {
      const v = band[i];
      if (!Number.isFinite(v) || (nodata !== null && (v === nodata || v === Math.fround(nodata)))) continue;
      if (min === null || v < min) min = v;
      if (max === null || v > max) max = v;
    }
  } catch (e) {
    throw new ParseError(`the GeoTIFF's pixels cannot be read (${(e as Error).message})`, 'the file is damaged or uses an unsupported compression: re-export it (e.g. gdal_translate -co COMPRESS=DEFLATE)');
  }
  return { crs, crsNote, width, height, bands: image.getSamplesPerPixel(), geotransform, nodata, bounds, min, max };
}
