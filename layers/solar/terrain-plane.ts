/**
 * The array plane of a ground-mounted array laid on sloping terrain: modules parallel to the ground,
 * so the plane's tilt is the terrain slope and its azimuth the terrain aspect.
 *
 * Aspect (layers/raster/terrain.ts, as GDAL gdaldem) is the azimuth of the downslope direction,
 * degrees clockwise from north; a plane tilted down towards azimuth A faces A (pvlib's
 * surface_azimuth: the direction the front of the module faces, 180 = south). So
 *     surface_tilt = slope,   surface_azimuth = aspect.
 * Flat ground (slope 0, or aspect NaN as gdaldem writes for flat cells) gives tilt 0 and azimuth 180,
 * pvlib's default, which does not matter for a horizontal plane.
 */
import { SolarInputError, requireInRange } from './errors.ts';

/**
 * The plane of modules laid on the terrain.
 * @param slope_deg terrain slope, degrees (0–90)
 * @param aspect_deg downslope azimuth, degrees clockwise from north (NaN for flat ground)
 * @returns surface_tilt (degrees from horizontal) and surface_azimuth (degrees clockwise from north, in [0, 360))
 * @throws SolarInputError for a slope outside 0–90° or a non-finite aspect on sloping ground
 */
export function terrainPlane(slope_deg: number, aspect_deg: number): { surface_tilt: number; surface_azimuth: number } {
  requireInRange('slope_deg', slope_deg, 0, 90);
  if (slope_deg === 0 || Number.isNaN(aspect_deg)) {
    if (slope_deg !== 0) throw new SolarInputError([`aspect_deg must be a finite number on sloping ground (slope ${slope_deg}°), got NaN`]);
    return { surface_tilt: 0, surface_azimuth: 180 };
  }
  if (!Number.isFinite(aspect_deg)) throw new SolarInputError([`aspect_deg must be a finite number, got ${String(aspect_deg)}`]);
  return { surface_tilt: slope_deg, surface_azimuth: ((aspect_deg % 360) + 360) % 360 };
}
