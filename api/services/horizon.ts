/**
 * The horizon of a site from the DEM raster (the demo `dem` layer unless another is named): the
 * point is projected into the DEM's CRS, only the window of `max_distance_m` around it is read from
 * the raster store, and layers/solar/horizon.ts marches the rays. The answer also carries the ground
 * elevation, the terrain slope and aspect (Horn's 3×3 method, layers/raster/terrain.ts) and the
 * plane of modules laid on that terrain (layers/solar/terrain-plane.ts).
 */
import type { Sql } from 'postgres';
import { rasterStore, type RasterStore } from '../store/rasters.ts';
import { transformer } from '../../layers/geo/project.ts';
import { isGeographic } from '../../layers/geo/crs.ts';
import { worldToPixel, type GeoTransform } from '../../layers/raster/grid.ts';
import { sampleBilinear, type RasterWindow } from '../../layers/raster/sample.ts';
import { aspectDegrees, slopeDegrees } from '../../layers/raster/terrain.ts';
import { HORIZON_PARAMETERS, skyViewFactor, type DemHorizonProfile, type HorizonOptions } from '../../layers/solar/horizon.ts';
import { terrainPlane } from '../../layers/solar/terrain-plane.ts';
import { ProblemError } from './problem.ts';
import { runInWorker } from './worker-pool.ts';
import { rasterRecord } from './zonal.ts';

export interface HorizonAtOptions extends HorizonOptions {
  /** raster layer holding the DEM, default 'dem' */
  layer_id?: string;
  /** raster store to read from, default the process-wide one */
  store?: RasterStore;
}

export interface HorizonAt {
  /** the site, EPSG:4326 degrees */
  lon: number;
  lat: number;
  /** the site in the DEM's CRS (`crs`), m */
  x: number;
  y: number;
  crs: string;
  /** DEM layer used, its source and cell size (m) */
  dem: { layer_id: string; source: string; cell_m: number };
  /** ground elevation at the site (bilinear), m */
  elevation_m: number;
  /** terrain slope at the site's cell, degrees (Horn 3×3) */
  slope_deg: number;
  /** terrain aspect (downslope azimuth clockwise from north), degrees; null on flat ground */
  aspect_deg: number | null;
  /** plane of modules laid on the terrain (pvlib surface_tilt / surface_azimuth, degrees) */
  terrain_plane: { surface_tilt: number; surface_azimuth: number };
  /** horizon per sector (azimuth from north clockwise, elevation and distances) */
  profile: DemHorizonProfile;
  /** fraction of the isotropic sky a horizontal surface sees, 0–1 */
  sky_view_factor: number;
  /** search radius (m) and observer height above ground (m) used */
  max_distance_m: number;
  observer_height_m: number;
}

/** Geotransform of a window read at pixel offset (x0, y0) of a raster with geotransform `gt`. */
function windowGeotransform(gt: readonly number[], x0: number, y0: number): GeoTransform {
  return [gt[0] + x0 * gt[1] + y0 * gt[2], gt[1], gt[2], gt[3] + x0 * gt[4] + y0 * gt[5], gt[4], gt[5]];
}

/** Slope and aspect of the cell containing fractional pixel (col, row) of `w`, from its 3×3 neighbourhood. */
function slopeAspectAt(w: RasterWindow, col: number, row: number, cellX: number, cellY: number): { slope_deg: number; aspect_deg: number | null } {
  const c = Math.floor(col) - w.x0;
  const r = Math.floor(row) - w.y0;
  const nb = new Float64Array(9);
  for (let k = 0; k < 9; k++) {
    const cc = c + (k % 3) - 1;
    const rr = r + ((k / 3) | 0) - 1;
    nb[k] = cc >= 0 && rr >= 0 && cc < w.width && rr < w.height ? w.data[rr * w.width + cc] : NaN;
  }
  // computeEdges: a nodata neighbour (county edge, raster edge) takes the centre value, as gdaldem -compute_edges
  const o = { width: 3, height: 3, cellSizeX: cellX, cellSizeY: cellY, nodata: w.nodata, computeEdges: true };
  const slope = slopeDegrees(nb, o)[4];
  const aspect = aspectDegrees(nb, o)[4];
  return { slope_deg: slope, aspect_deg: Number.isNaN(aspect) ? null : aspect };
}

/**
 * Horizon profile, ground elevation, slope, aspect and terrain plane at a lon/lat point.
 * @param sql database (for the raster catalog)
 * @param lon longitude, degrees east (EPSG:4326)
 * @param lat latitude, degrees north
 * @param opts horizon options (sectors, max_distance_m, observer_height_m, earth_radius_m,
 *   refraction_k; see layers/solar/horizon.ts), the DEM layer and the raster store
 * @throws ProblemError 422 when the DEM is not loaded, is in a geographic CRS, or has no elevation at the point
 */
/** The ray marching of layers/solar/horizon.ts, run in the worker pool. */
export const HORIZON_MODEL = new URL('../../layers/solar/horizon.ts', import.meta.url);

export async function horizonAt(sql: Sql, lon: number, lat: number, opts: HorizonAtOptions = {}): Promise<HorizonAt> {
  const { layer_id = 'dem', store = rasterStore, ...horizon } = opts;
  if (!(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
    throw new ProblemError(422, 'Invalid point', `lon must be in [−180, 180] and lat in [−90, 90] degrees, got (${lon}, ${lat}).`, {},
      { title: '位置无效', detail: `经度须在 [−180, 180]、纬度须在 [−90, 90] 度之间，收到 (${lon}, ${lat})。` });
  }
  const record = await rasterRecord(sql, layer_id);
  if (isGeographic(record.crs)) {
    throw new ProblemError(422, 'DEM not projected', `The raster "${layer_id}" is in ${record.crs} (degrees); the horizon needs a DEM in a projected CRS in metres. Reproject it (e.g. to a CGCS2000 Gauss–Krüger zone) and import it again.`, {},
      { title: 'DEM 未投影', detail: `栅格 “${layer_id}” 的坐标系为 ${record.crs}（度）；地平线计算需要以米为单位的投影坐标系 DEM。请重投影（如 CGCS2000 高斯-克吕格分带）后重新导入。` });
  }
  const [x, y] = transformer('EPSG:4326', record.crs).point(lon, lat);
  const gt = record.geotransform;
  const [col, row] = worldToPixel(record, x, y);
  const [w, s, e, n] = record.bounds;
  if (!(col >= 0 && row >= 0 && col < record.width && row < record.height)) {
    throw new ProblemError(422, 'Point outside the DEM', `The point (${lon}, ${lat}) is outside the DEM "${layer_id}", which covers lon ${w.toFixed(4)}–${e.toFixed(4)}, lat ${s.toFixed(4)}–${n.toFixed(4)}.`, { bounds: record.bounds },
      { title: '点位在高程模型之外', detail: `点 (${lon}, ${lat}) 不在高程模型"${layer_id}"范围内;其范围为经度 ${w.toFixed(4)}–${e.toFixed(4)}、纬度 ${s.toFixed(4)}–${n.toFixed(4)}。` });
  }
  const max_distance_m = horizon.max_distance_m ?? HORIZON_PARAMETERS.max_distance_m.value;
  const cellX = Math.hypot(gt[1], gt[4]);
  const cellY = Math.hypot(gt[2], gt[5]);
  const radius = Math.ceil(max_distance_m / Math.min(cellX, cellY)) + 2;
  const window = await store.readWindow(record, Math.floor(col) - radius, Math.floor(row) - radius, Math.floor(col) + radius + 1, Math.floor(row) + radius + 1);
  const ground = sampleBilinear(window, col, row);
  if (ground === undefined) {
    throw new ProblemError(422, 'No elevation at the point', `The DEM "${layer_id}" has no data at (${lon}, ${lat}) (outside the area it covers, e.g. beyond the county boundary).`, {},
      { title: '该点没有高程数据', detail: `高程模型"${layer_id}"在 (${lon}, ${lat}) 处没有数据(超出其覆盖范围,例如在县界之外)。` });
  }
  const frame = { width: window.width, height: window.height, geotransform: windowGeotransform(gt, window.x0, window.y0), nodata: window.nodata };
  // Marching the rays over the DEM window is CPU work (tens of ms): done in the worker pool.
  const profile = await runInWorker<DemHorizonProfile>(HORIZON_MODEL, 'horizonProfile', [window.data, frame, x, y, horizon]);
  const { slope_deg, aspect_deg } = slopeAspectAt(window, col, row, cellX, cellY);
  return {
    lon, lat, x, y, crs: record.crs,
    dem: { layer_id, source: record.source, cell_m: Math.sqrt(Math.abs(gt[1] * gt[5] - gt[2] * gt[4])) },
    elevation_m: ground,
    slope_deg,
    aspect_deg,
    terrain_plane: terrainPlane(slope_deg, aspect_deg ?? NaN),
    profile,
    sky_view_factor: skyViewFactor(profile),
    max_distance_m,
    observer_height_m: horizon.observer_height_m ?? HORIZON_PARAMETERS.observer_height_m.value,
  };
}
