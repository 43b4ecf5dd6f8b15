/**
 * The far horizon of a site from a DEM: for each azimuth sector the highest elevation angle of the
 * terrain, the test "is the sun behind the hills", and the isotropic sky view factor.
 *
 * Ray marching (as GRASS r.horizon does along one ray per direction): from the observer at
 * (x, y), z0 = DEM(x, y) + observer height, along the centre azimuth φ of each sector, the DEM is
 * sampled bilinearly (layers/raster/sample.ts) at d = s, 2s, 3s, … ≤ max_distance_m, where the step s
 * is one cell (√|det| of the geotransform, 30 m on the demo DEM; the step does not grow with
 * distance: 48 × 667 samples for 20 km take ≈ 0.75 ms in Node on the demo DEM). Each sample's angle is
 *     h(d) = atan((z(d) − z0 − c(d)) / d),   c(d) = d² (1 − k) / (2R)
 * c is the drop of the terrain below the observer's horizontal plane through Earth's curvature,
 * reduced by atmospheric refraction of the grazing ray (coefficient k ≈ 0.13, the geodetic value of
 * Gauss; R = 6 371 000 m, the mean Earth radius). The sector's horizon is the largest h and
 * distance_m the d where it was found. Only the sector's centre line is searched, not its full
 * 7.5° width. Distances are projected metres of the grid's CRS (Gauss–Krüger scale error < 0.15 %
 * in the demo zone; a geographic-degree grid is not supported by the caller's contract).
 *
 * The observer stands 1.5 m above the DEM by default (the middle of a ground-mounted array's
 * modules): at 0 m the observer is on the DEM surface, and on a hillside the ground rising in the
 * first cells uphill counts as horizon at the full slope angle, though the modules stand above it.
 * Pass 0 for the bare ground.
 *
 * Nodata samples are skipped and the ray ends at the edge of the grid: `searched_m` says how far each
 * ray found terrain (less than max_distance_m near the edge of the DEM, where the horizon may be
 * underestimated). A sector with no terrain sample at all has elevation 0 (a flat horizon, what
 * pvlib assumes without horizon data) and distance NaN.
 *
 * Angles can be slightly negative: on flat ground an observer 1.5 m up sees the ground fall away by
 * curvature (the best angle, at d = √(2R·H/(1−k)) ≈ 4.7 km, is −2·√(H(1−k)/(2R)) ≈ −0.037°), and a
 * summit sees all around below its horizontal plane. They are kept: the sun is apparent (refracted)
 * elevation too, and the comparison stays honest.
 *
 * Conventions: azimuths clockwise from north (pvlib: 0 = N, 90 = E, 180 = S), sector i centred at
 * i · 360°/n starting at north. PVGIS computes its horizon (from a ~90 m DEM, 3 arc-seconds) at 48
 * directions of 7.5° starting at north and moving clockwise, and its user horizon is read in the
 * same order (PVGIS 5 "Horizon profile" tool documentation and user manual, "horizon file", as
 * quoted at doc.forecast.solar/horizon; the CSV `A_hor` column of its output
 * uses PVGIS's azimuth, 0 = south, 90 = west, −90 = east, i.e. pvlib azimuth − 180). With the default
 * 48 sectors a profile here lines up value for value with a PVGIS `userhorizon` list. (PVGIS 4 read
 * uploaded files counter-clockwise from east; those files must be reordered first.)
 */
import type { SourcedValue } from '../core/sourced.ts';
import { sampleBilinear, type RasterArray, type RasterWindow } from '../raster/sample.ts';
import { worldToPixel, type GeoTransform } from '../raster/grid.ts';
import { SolarInputError, requireFinite, requireInRange, requirePositive } from './errors.ts';

/** Defaults of `horizonProfile`, with where each comes from. */
export const HORIZON_PARAMETERS = {
  sectors: { value: 48, unit: 'sectors', source: 'PVGIS 5 horizon profile tool: 48 equidistant directions (7.5°) from north, clockwise', unverified: false },
  max_distance_m: {
    value: 20_000, unit: 'm', unverified: true,
    source: 'tantu choice: beyond 20 km a 1 000 m relief subtends < 2.9° (after 27 m of curvature drop), where the sun carries little energy; the demo county spans ~60 km',
  },
  observer_height_m: { value: 1.5, unit: 'm', unverified: true, source: 'tantu choice: the middle of a ground-mounted array\'s modules (0.5–2.5 m above ground)' },
  earth_radius_m: { value: 6_371_000, unit: 'm', unverified: false, source: 'mean Earth radius, rounded (GRS 80 mean radius R1 = 6 371 008.8 m, Moritz 2000, J. Geodesy 74)' },
  refraction_k: { value: 0.13, unit: 'dimensionless', unverified: true, source: 'coefficient of terrestrial refraction, Gauss\'s 0.13 (geodetic practice 0.13–0.14 by day)' },
} as const satisfies Record<keyof HorizonOptions, SourcedValue>;

export interface HorizonOptions {
  /** number of azimuth sectors (≥ 4), default 48 */
  sectors?: number;
  /** search radius, m (> 0), default 20 000 */
  max_distance_m?: number;
  /** observer height above the DEM surface, m (≥ 0), default 1.5 */
  observer_height_m?: number;
  /** Earth radius, m, default 6 371 000 */
  earth_radius_m?: number;
  /** refraction coefficient k (0 ≤ k < 1), default 0.13 */
  refraction_k?: number;
}

/** A horizon profile: one value per sector, sectors equally spaced, ascending from north. */
export interface HorizonProfile {
  /** sector centres, degrees clockwise from north, ascending in [0, 360) */
  azimuth_deg: Float64Array;
  /** horizon elevation angle, degrees above the horizontal plane */
  elevation_deg: Float64Array;
  /** distance from the observer to the terrain giving the horizon, m (NaN where unknown) */
  distance_m: Float64Array;
}

/** A profile computed from a DEM. */
export interface DemHorizonProfile extends HorizonProfile {
  /** distance of the farthest terrain sample on each sector's ray, m (0 when none) */
  searched_m: Float64Array;
}

/** The DEM's frame: size in cells, GDAL geotransform in projected metres, nodata value. */
export interface DemFrame {
  width: number;
  height: number;
  geotransform: GeoTransform | readonly number[];
  nodata: number | null;
}

const RAD = Math.PI / 180;

/**
 * Horizon profile at (x, y) from a DEM (see the module comment for the method).
 * @param dem elevations, m, row-major `width × height`
 * @param grid the DEM's size, geotransform (projected metres) and nodata value
 * @param x observer easting in the grid's CRS, m
 * @param y observer northing in the grid's CRS, m
 * @param opts sectors, search radius (m), observer height (m), Earth radius (m), refraction k
 * @returns per sector: centre azimuth (deg from north clockwise), horizon elevation (deg), distance
 *   of the horizon (m) and distance searched (m)
 * @throws SolarInputError for bad options, a DEM of the wrong length, or an observer outside the grid or on nodata
 */
export function horizonProfile(dem: ArrayLike<number>, grid: DemFrame, x: number, y: number, opts: HorizonOptions = {}): DemHorizonProfile {
  const P = HORIZON_PARAMETERS;
  const o = {
    sectors: opts.sectors ?? P.sectors.value,
    max_distance_m: opts.max_distance_m ?? P.max_distance_m.value,
    observer_height_m: opts.observer_height_m ?? P.observer_height_m.value,
    earth_radius_m: opts.earth_radius_m ?? P.earth_radius_m.value,
    refraction_k: opts.refraction_k ?? P.refraction_k.value,
  };
  requireFinite({ x, y });
  requireInRange('sectors', o.sectors, 4, 3600);
  if (!Number.isInteger(o.sectors)) throw new SolarInputError([`sectors must be an integer, got ${o.sectors}`]);
  requirePositive('max_distance_m', o.max_distance_m);
  requireInRange('observer_height_m', o.observer_height_m, 0, 1e4);
  requireInRange('earth_radius_m', o.earth_radius_m, 1, 1e9);
  requireInRange('refraction_k', o.refraction_k, 0, 0.999);
  const { width, height } = grid;
  if (dem.length !== width * height) throw new SolarInputError([`the DEM has ${dem.length} cells, expected ${width} × ${height}`]);
  const g = grid.geotransform;
  const det = g[1] * g[5] - g[2] * g[4];
  if (!(Number.isFinite(det) && det !== 0)) throw new SolarInputError(['the DEM geotransform is singular']);

  const window: RasterWindow = {
    data: ArrayBuffer.isView(dem) ? (dem as RasterArray) : Float64Array.from(dem),
    width, height, x0: 0, y0: 0, nodata: grid.nodata, scale: 1,
  };
  const [c0, r0] = worldToPixel(grid, x, y);
  if (!(c0 >= 0 && r0 >= 0 && c0 < width && r0 < height)) {
    throw new SolarInputError([`the point (${x}, ${y}) is outside the DEM`]);
  }
  const ground = sampleBilinear(window, c0, r0);
  if (ground === undefined) throw new SolarInputError([`the DEM has no elevation at (${x}, ${y})`]);
  const z0 = ground + o.observer_height_m;

  const step = Math.sqrt(Math.abs(det));
  const steps = Math.floor(o.max_distance_m / step);
  const drop = (1 - o.refraction_k) / (2 * o.earth_radius_m);
  const n = o.sectors;
  const azimuth_deg = new Float64Array(n);
  const elevation_deg = new Float64Array(n);
  const distance_m = new Float64Array(n);
  const searched_m = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const az = (s * 360) / n;
    azimuth_deg[s] = az;
    // one metre along the azimuth in world (east, north) → in pixels, through the inverse geotransform
    const east = Math.sin(az * RAD);
    const north = Math.cos(az * RAD);
    const dc = (g[5] * east - g[2] * north) / det;
    const dr = (-g[4] * east + g[1] * north) / det;
    let best = -Infinity;
    let bestD = NaN;
    let reach = 0;
    for (let i = 1; i <= steps; i++) {
      const d = i * step;
      const c = c0 + dc * d;
      const r = r0 + dr * d;
      if (!(c >= 0 && r >= 0 && c < width && r < height)) break;
      const z = sampleBilinear(window, c, r);
      if (z === undefined) continue;
      reach = d;
      const tan = (z - z0 - drop * d * d) / d;
      if (tan > best) {
        best = tan;
        bestD = d;
      }
    }
    elevation_deg[s] = best === -Infinity ? 0 : Math.atan(best) / RAD;
    distance_m[s] = bestD;
    searched_m[s] = reach;
  }
  return { azimuth_deg, elevation_deg, distance_m, searched_m };
}

/**
 * Horizon elevation towards an azimuth: linear interpolation between the two neighbouring sector
 * centres, wrapping across north (between the last sector and the first).
 * @param profile a horizon profile (azimuths ascending in [0, 360))
 * @param solar_azimuth_deg azimuth, degrees clockwise from north (any real value; taken mod 360)
 * @returns horizon elevation, degrees
 */
export function horizonElevationAt(profile: Pick<HorizonProfile, 'azimuth_deg' | 'elevation_deg'>, solar_azimuth_deg: number): number {
  requireFinite({ solar_azimuth_deg });
  const az = profile.azimuth_deg;
  const el = profile.elevation_deg;
  const n = az.length;
  const a = ((solar_azimuth_deg % 360) + 360) % 360;
  // the last sector centre at or before a (wrapping to the last sector when a < az[0])
  let lo = 0;
  let hi = n - 1;
  if (a < az[0]) lo = n - 1;
  else {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (az[mid] <= a) lo = mid;
      else hi = mid - 1;
    }
  }
  const next = (lo + 1) % n;
  const from = az[lo];
  const span = (((az[next] - from) % 360) + 360) % 360 || 360;
  const t = ((((a - from) % 360) + 360) % 360) / span;
  return el[lo] + t * (el[next] - el[lo]);
}

/**
 * True when the sun is behind the terrain: its apparent elevation is below the horizon towards its
 * azimuth (the beam is then blocked; sky diffuse is not). Both angles are apparent (refracted).
 * @param profile a horizon profile
 * @param solar_azimuth_deg solar azimuth, degrees clockwise from north
 * @param apparent_elevation_deg apparent solar elevation, degrees
 */
export function isSunBelowHorizon(
  profile: Pick<HorizonProfile, 'azimuth_deg' | 'elevation_deg'>,
  solar_azimuth_deg: number,
  apparent_elevation_deg: number,
): boolean {
  requireFinite({ apparent_elevation_deg });
  return apparent_elevation_deg < horizonElevationAt(profile, solar_azimuth_deg);
}

/**
 * Sky view factor of a horizontal surface: the fraction of the isotropic diffuse sky (as seen by a
 * horizontal plane) that the horizon leaves visible,
 *     SVF = (1/2π) ∫ cos² h(φ) dφ  ≈  mean over sectors of cos² max(h, 0)
 * (Dozier, J. & Frew, J. (1990), Rapid calculation of terrain parameters for radiation modeling
 * from digital elevation data, IEEE Trans. Geosci. Remote Sens. 28(5), 963–969, eq. for a
 * horizontal surface, with H the horizon's zenith angle: sin² H = cos² h). Horizons below the
 * horizontal plane count as 0: a horizontal surface sees no sky below it. 1 for an open site.
 * @param profile a horizon profile with equally spaced sectors
 * @returns SVF, 0–1
 */
export function skyViewFactor(profile: Pick<HorizonProfile, 'elevation_deg'>): number {
  const el = profile.elevation_deg;
  let sum = 0;
  for (let i = 0; i < el.length; i++) {
    const c = Math.cos(Math.max(0, el[i]) * RAD);
    sum += c * c;
  }
  return sum / el.length;
}

/** Number of directions of a PVGIS horizon (7.5° apart, from north clockwise). */
export const PVGIS_HORIZON_SECTORS = 48;

/**
 * The profile as PVGIS's `userhorizon`: 48 heights, degrees, at 0°, 7.5°, … 352.5° clockwise from
 * north (PVGIS 5 order). A profile of another sector count is resampled with `horizonElevationAt`.
 * @param profile a horizon profile
 * @returns 48 horizon heights, degrees
 */
export function toPvgisHorizon(profile: Pick<HorizonProfile, 'azimuth_deg' | 'elevation_deg'>): number[] {
  return Array.from({ length: PVGIS_HORIZON_SECTORS }, (_, i) => horizonElevationAt(profile, (i * 360) / PVGIS_HORIZON_SECTORS));
}

/**
 * A profile from user-supplied horizon heights in PVGIS's convention: equally spaced directions,
 * the first due north, then clockwise (36 values: N, 10° east of north, …, 10° west of north).
 * Distances are unknown (NaN).
 * @param heights_deg horizon heights, degrees, each in [−90, 90); at least 4
 * @throws SolarInputError for fewer than 4 values or a value out of range
 */
export function fromUserHorizon(heights_deg: readonly number[]): HorizonProfile {
  if (!Array.isArray(heights_deg) || heights_deg.length < 4) {
    throw new SolarInputError([`a horizon needs at least 4 heights (equally spaced from north, clockwise), got ${Array.isArray(heights_deg) ? heights_deg.length : String(heights_deg)}`]);
  }
  const bad = heights_deg.flatMap((h, i) => (typeof h === 'number' && h >= -90 && h < 90 ? [] : [`height ${i} must be a number in [−90, 90) degrees, got ${String(h)}`]));
  if (bad.length) throw new SolarInputError(bad);
  const n = heights_deg.length;
  return {
    azimuth_deg: Float64Array.from({ length: n }, (_, i) => (i * 360) / n),
    elevation_deg: Float64Array.from(heights_deg),
    distance_m: new Float64Array(n).fill(NaN),
  };
}
