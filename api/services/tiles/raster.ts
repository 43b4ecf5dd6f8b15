/**
 * Raster tiles: 256×256 RGBA PNG in Web Mercator from a GeoTIFF in any CRS of layers/geo/crs.ts.
 *
 * Each output pixel centre is inverse-projected to the raster's pixel grid by transforming a
 * coarse grid of points (every 16 output pixels) and interpolating bilinearly between them (the
 * projection is smooth over 16 pixels, so this is exact to a small fraction of a pixel). Values are
 * read from the coarsest resolution level (COG overview) that is still at least as fine as the
 * output pixels, sampled nearest-neighbour (class legends) or bilinearly (ramps, hillshade), and
 * coloured by the layer's legend. Nodata and outside pixels are transparent.
 *
 * Hillshade layers resample the DEM (bilinearly) to the output pixels plus a one-pixel margin and
 * shade that grid with gdaldem's algorithm (layers/raster/terrain.ts: Horn, azimuth 315°,
 * altitude 45°) at the tile's ground resolution, so relief looks alike at every zoom and the cost
 * per tile does not grow with the DEM window. Grey 1–255, opaque; nodata transparent.
 */
import { PNG } from 'pngjs';
import { transformer } from '../../../layers/geo/project.ts';
import type { Legend, RasterRecord } from '../../store/catalog.ts';
import type { RasterStore } from '../../store/rasters.ts';
import { sampleBilinear, sampleNearest } from '../../../layers/raster/sample.ts';
import { worldToPixel } from '../../../layers/raster/grid.ts';
import { classColorizer, rampColorizer, type Colorizer } from './colors.ts';
import { boxesIntersect, mercToLonLat, tileBounds3857, tileBounds4326, type TileCoord } from './tile-math.ts';
import { hillshade } from '../../../layers/raster/terrain.ts';

export const TILE_SIZE = 256;
/** Output pixels between exactly projected grid points. */
const STEP = 16;
const NODES = TILE_SIZE / STEP + 1;

/**
 * Fractional level-0 pixel coordinates (col, row) of the centres of an (size × size) block of output
 * pixels, row-major: the tile's 256 × 256 pixels plus `margin` pixels on every side.
 */
export interface TileFootprint {
  size: number;
  col: Float64Array;
  row: Float64Array;
  /** Bounding box of the footprint in level-0 pixels. */
  minCol: number;
  minRow: number;
  maxCol: number;
  maxRow: number;
}

/** Where each output pixel of a tile (plus a margin) falls in a raster's pixel grid (see the module comment). */
export function tileFootprint(record: Pick<RasterRecord, 'crs' | 'geotransform'>, t: TileCoord, margin = 0): TileFootprint {
  const [minx, , maxx, maxy] = tileBounds3857(t);
  const res = (maxx - minx) / TILE_SIZE;
  const size = TILE_SIZE + 2 * margin;
  // Grid nodes every STEP pixels from the tile's corner, covering the margin too.
  const before = Math.ceil(margin / STEP);
  const nodes = NODES + 2 * before;
  const xy = new Float64Array(nodes * nodes * 2);
  for (let j = 0; j < nodes; j++) {
    for (let i = 0; i < nodes; i++) {
      const k = (j * nodes + i) * 2;
      xy[k] = minx + (i - before) * STEP * res;
      xy[k + 1] = maxy - (j - before) * STEP * res;
    }
  }
  transformer('EPSG:3857', record.crs).inPlace(xy);
  const nc = new Float64Array(nodes * nodes);
  const nr = new Float64Array(nodes * nodes);
  let minCol = Infinity, minRow = Infinity, maxCol = -Infinity, maxRow = -Infinity;
  for (let k = 0; k < nodes * nodes; k++) {
    const [c, r] = worldToPixel(record, xy[2 * k], xy[2 * k + 1]);
    nc[k] = c;
    nr[k] = r;
    if (c < minCol) minCol = c;
    if (c > maxCol) maxCol = c;
    if (r < minRow) minRow = r;
    if (r > maxRow) maxRow = r;
  }
  const col = new Float64Array(size * size);
  const row = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    const v = (py - margin + 0.5) / STEP + before;
    const j = Math.min(nodes - 2, Math.floor(v));
    const ty = v - j;
    for (let px = 0; px < size; px++) {
      const u = (px - margin + 0.5) / STEP + before;
      const i = Math.min(nodes - 2, Math.floor(u));
      const tx = u - i;
      const k = j * nodes + i;
      const w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty;
      const o = py * size + px;
      col[o] = nc[k] * w00 + nc[k + 1] * w10 + nc[k + nodes] * w01 + nc[k + nodes + 1] * w11;
      row[o] = nr[k] * w00 + nr[k + 1] * w10 + nr[k + nodes] * w01 + nr[k + nodes + 1] * w11;
    }
  }
  return { size, col, row, minCol, minRow, maxCol, maxRow };
}

function colorizerFor(legend: Legend): Colorizer {
  if (legend.type === 'classes') return classColorizer(legend);
  if (legend.type === 'ramp') return rampColorizer(legend);
  if (legend.type === 'hillshade') {
    // gdaldem grey levels 1–255 (0 = nodata), opaque; the map sets the layer's opacity.
    return (v, out, i) => {
      if (!(v >= 1)) return false;
      out[i] = v; out[i + 1] = v; out[i + 2] = v; out[i + 3] = 255;
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
  const isShade = legend.type === 'hillshade';
  // Hillshade needs each pixel's 3×3 neighbourhood: one extra output pixel around the tile.
  const margin = isShade ? 1 : 0;
  const fp = tileFootprint(record, t, margin);
  if (fp.maxCol < 0 || fp.maxRow < 0 || fp.minCol > record.width || fp.minRow > record.height) return null;

  // Coarsest level whose pixels are no larger than the output pixels.
  const perOutput = Math.min(fp.maxCol - fp.minCol, fp.maxRow - fp.minRow) / fp.size;
  const levels = await store.levels(record);
  let level = 0;
  for (let l = 1; l < levels.length; l++) if (levels[l].scale <= perOutput) level = l;
  const sx = levels[level].width / record.width;
  const sy = levels[level].height / record.height;

  const pad = 2;
  const win = await store.readWindow(
    record,
    Math.floor(fp.minCol * sx) - pad, Math.floor(fp.minRow * sy) - pad,
    Math.ceil(fp.maxCol * sx) + pad, Math.ceil(fp.maxRow * sy) + pad,
    { level },
  );
  if (!win.width || !win.height) return null;

  const n = fp.size * fp.size;
  const sample = legend.type === 'classes' ? sampleNearest : sampleBilinear;
  let values: ArrayLike<number>;
  if (isShade) {
    // The DEM resampled to the output pixels, shaded at the tile's resolution (ground metres per pixel).
    const dem = new Float32Array(n);
    for (let o = 0; o < n; o++) dem[o] = sample(win, fp.col[o] * sx, fp.row[o] * sy) ?? NaN;
    const [minx, miny, maxx, maxy] = tileBounds3857(t);
    const lat = mercToLonLat(0, (miny + maxy) / 2)[1];
    const cell = ((maxx - minx) / TILE_SIZE) * Math.cos((lat * Math.PI) / 180);
    values = cropMargin(hillshade(dem, { width: fp.size, height: fp.size, cellSizeX: cell, cellSizeY: cell, computeEdges: true }), fp.size, margin);
  } else {
    const v = new Float64Array(n);
    for (let o = 0; o < n; o++) v[o] = sample(win, fp.col[o] * sx, fp.row[o] * sy) ?? NaN;
    values = v;
  }

  const colorize = colorizerFor(legend);
  const rgba = new Uint8Array(TILE_SIZE * TILE_SIZE * 4);
  let painted = 0;
  for (let o = 0; o < TILE_SIZE * TILE_SIZE; o++) {
    const v = values[o];
    if (v === v && colorize(v, rgba, o * 4) && rgba[o * 4 + 3] > 0) painted++;
  }
  return painted ? rgba : null;
}

function cropMargin<T extends Uint8Array>(a: T, size: number, margin: number): T {
  if (!margin) return a;
  const out = new (a.constructor as new (n: number) => T)(TILE_SIZE * TILE_SIZE);
  for (let y = 0; y < TILE_SIZE; y++) out.set(a.subarray((y + margin) * size + margin, (y + margin) * size + margin + TILE_SIZE), y * TILE_SIZE);
  return out;
}

/** PNG bytes (RGBA, 8 bit) of rendered tile pixels. */
export function encodePng(rgba: Uint8Array): Buffer {
  const png = new PNG({ width: TILE_SIZE, height: TILE_SIZE, colorType: 6, inputHasAlpha: true });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  // Paeth filter: within 2 % of adaptive filtering's size at about half the time.
  return PNG.sync.write(png, { colorType: 6, inputHasAlpha: true, deflateLevel: 6, filterType: 4 });
}
