/**
 * Raster tiles: 256×256 RGBA PNG in Web Mercator from a GeoTIFF in any CRS of layers/geo/crs.ts.
 *
 * Each output pixel centre is inverse-projected to the raster's pixel grid by transforming a
 * coarse grid of points (every 16 output pixels) and interpolating bilinearly between them (the
 * projection is smooth over 16 pixels, so this is exact to a small fraction of a pixel). Values are
 * read from the coarsest resolution level (COG overview) that is still at least as fine as the
 * output pixels, sampled nearest-neighbour (class legends) or bilinearly (ramps, hillshade), and
 * coloured by the layer's legend. Nodata and outside pixels are transparent.
 */
import { PNG } from 'pngjs';
import { isGeographic } from '../../../layers/geo/crs.ts';
import { transformer } from '../../../layers/geo/project.ts';
import type { Legend, RasterRecord } from '../../stores/catalog.ts';
import { sampleBilinear, sampleNearest, worldToPixel, type RasterStore, type RasterWindow } from '../../stores/rasters.ts';
import { classColorizer, rampColorizer, type Colorizer } from './colors.ts';
import { boxesIntersect, tileBounds3857, tileBounds4326, type TileCoord } from './tile-math.ts';
import { hillshadeWindow } from './hillshade.ts';

export const TILE_SIZE = 256;
/** Output pixels between exactly projected grid points. */
const STEP = 16;
const NODES = TILE_SIZE / STEP + 1;

/** Fractional level-0 pixel coordinates (col, row) of each output pixel centre, row-major. */
export interface TileFootprint {
  col: Float64Array;
  row: Float64Array;
  /** Bounding box of the footprint in level-0 pixels. */
  minCol: number;
  minRow: number;
  maxCol: number;
  maxRow: number;
}

/** Where each output pixel of a tile falls in a raster's pixel grid (see the module comment). */
export function tileFootprint(record: Pick<RasterRecord, 'crs' | 'geotransform' | 'width' | 'height'>, t: TileCoord): TileFootprint {
  const [minx, , , maxy] = tileBounds3857(t);
  const res = (tileBounds3857(t)[2] - minx) / TILE_SIZE;
  const xy = new Float64Array(NODES * NODES * 2);
  for (let j = 0; j < NODES; j++) {
    for (let i = 0; i < NODES; i++) {
      const k = (j * NODES + i) * 2;
      xy[k] = minx + i * STEP * res;
      xy[k + 1] = maxy - j * STEP * res;
    }
  }
  transformer('EPSG:3857', record.crs).inPlace(xy);
  const nc = new Float64Array(NODES * NODES);
  const nr = new Float64Array(NODES * NODES);
  let minCol = Infinity, minRow = Infinity, maxCol = -Infinity, maxRow = -Infinity;
  for (let k = 0; k < NODES * NODES; k++) {
    const [c, r] = worldToPixel(record.geotransform, xy[2 * k], xy[2 * k + 1]);
    nc[k] = c;
    nr[k] = r;
    if (c < minCol) minCol = c;
    if (c > maxCol) maxCol = c;
    if (r < minRow) minRow = r;
    if (r > maxRow) maxRow = r;
  }
  const col = new Float64Array(TILE_SIZE * TILE_SIZE);
  const row = new Float64Array(TILE_SIZE * TILE_SIZE);
  for (let py = 0; py < TILE_SIZE; py++) {
    const v = (py + 0.5) / STEP;
    const j = Math.min(NODES - 2, Math.floor(v));
    const ty = v - j;
    for (let px = 0; px < TILE_SIZE; px++) {
      const u = (px + 0.5) / STEP;
      const i = Math.min(NODES - 2, Math.floor(u));
      const tx = u - i;
      const k = j * NODES + i;
      const w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty;
      const o = py * TILE_SIZE + px;
      col[o] = nc[k] * w00 + nc[k + 1] * w10 + nc[k + NODES] * w01 + nc[k + NODES + 1] * w11;
      row[o] = nr[k] * w00 + nr[k + 1] * w10 + nr[k + NODES] * w01 + nr[k + NODES + 1] * w11;
    }
  }
  return { col, row, minCol, minRow, maxCol, maxRow };
}

function colorizerFor(legend: Legend): Colorizer {
  if (legend.type === 'classes') return classColorizer(legend);
  if (legend.type === 'ramp') return rampColorizer(legend);
  if (legend.type === 'hillshade') {
    return (v, out, i) => {
      const g = Math.round(v);
      out[i] = g; out[i + 1] = g; out[i + 2] = g; out[i + 3] = 255;
      return true;
    };
  }
  throw new Error(`legend type ${legend.type} is for vector layers, not rasters`);
}

/** RGBA pixels of a raster layer's tile, or null when the tile shows no data. */
export async function renderRasterTile(
  store: RasterStore,
  legend: Legend,
  record: RasterRecord,
  t: TileCoord,
): Promise<Uint8Array | null> {
  if (!boxesIntersect(tileBounds4326(t), record.bounds)) return null;
  const fp = tileFootprint(record, t);
  if (fp.maxCol < 0 || fp.maxRow < 0 || fp.minCol > record.width || fp.minRow > record.height) return null;

  // Coarsest level whose pixels are no larger than the output pixels.
  const perOutput = Math.min(fp.maxCol - fp.minCol, fp.maxRow - fp.minRow) / TILE_SIZE;
  const levels = await store.levels(record);
  let level = 0;
  for (let l = 1; l < levels.length; l++) if (levels[l].scale <= perOutput) level = l;
  const sx = levels[level].width / record.width;
  const sy = levels[level].height / record.height;

  const margin = 2;
  let win: RasterWindow = await store.readWindow(
    record,
    Math.floor(fp.minCol * sx) - margin, Math.floor(fp.minRow * sy) - margin,
    Math.ceil(fp.maxCol * sx) + margin, Math.ceil(fp.maxRow * sy) + margin,
    { level },
  );
  if (!win.width || !win.height) return null;
  if (legend.type === 'hillshade') win = hillshadeWindow(win, record, sx, sy);

  const colorize = colorizerFor(legend);
  const sample = legend.type === 'classes' ? sampleNearest : sampleBilinear;
  const rgba = new Uint8Array(TILE_SIZE * TILE_SIZE * 4);
  let painted = 0;
  for (let o = 0; o < TILE_SIZE * TILE_SIZE; o++) {
    const v = sample(win, fp.col[o] * sx, fp.row[o] * sy);
    if (v !== undefined && colorize(v, rgba, o * 4) && rgba[o * 4 + 3] > 0) painted++;
  }
  return painted ? rgba : null;
}

/** PNG bytes (RGBA, 8 bit) of rendered tile pixels. */
export function encodePng(rgba: Uint8Array): Buffer {
  const png = new PNG({ width: TILE_SIZE, height: TILE_SIZE, colorType: 6, inputHasAlpha: true });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png, { colorType: 6, inputHasAlpha: true, deflateLevel: 6 });
}

/** Metres per unit of the raster CRS near the window (1 for projected CRSs). */
export function metresPerUnit(record: Pick<RasterRecord, 'crs' | 'bounds'>): [number, number] {
  if (!isGeographic(record.crs)) return [1, 1];
  const lat = ((record.bounds[1] + record.bounds[3]) / 2) * (Math.PI / 180);
  // Length of a degree on the GRS 80 / WGS 84 ellipsoid at this latitude.
  const a = 6378137, e2 = 0.00669438;
  const s = 1 - e2 * Math.sin(lat) ** 2;
  const mPerDegLon = (Math.PI / 180) * a * Math.cos(lat) / Math.sqrt(s);
  const mPerDegLat = (Math.PI / 180) * a * (1 - e2) / s ** 1.5;
  return [mPerDegLon, mPerDegLat];
}
