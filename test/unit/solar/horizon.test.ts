import { describe, expect, it } from 'vitest';
import {
  HORIZON_PARAMETERS, fromUserHorizon, horizonElevationAt, horizonProfile, isSunBelowHorizon, skyViewFactor, toPvgisHorizon,
  type DemFrame,
} from '../../../layers/solar/horizon.ts';
import { terrainPlane } from '../../../layers/solar/terrain-plane.ts';
import { aspectDegrees, slopeDegrees } from '../../../layers/raster/terrain.ts';
import { SolarInputError } from '../../../layers/solar/errors.ts';

const RAD = Math.PI / 180;
const deg = (rad: number) => rad / RAD;

/** A north-up DEM of `n × n` square cells of `cell` m, origin (0, n·cell); z(x, y) at cell centres. */
function synthetic(n: number, cell: number, z: (x: number, y: number) => number) {
  const dem = new Float32Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) dem[r * n + c] = z((c + 0.5) * cell, n * cell - (r + 0.5) * cell);
  const grid: DemFrame = { width: n, height: n, geotransform: [0, cell, 0, n * cell, 0, -cell], nodata: -9999 };
  const centre = ((n - 1) / 2 + 0.5) * cell; // the centre of the middle cell (n odd)
  return { dem, grid, centre };
}

/** Curvature-and-refraction drop coefficient (1 − k)/(2R), 1/m. */
const DROP = (1 - HORIZON_PARAMETERS.refraction_k.value) / (2 * HORIZON_PARAMETERS.earth_radius_m.value);

describe('horizonProfile on flat ground', () => {
  const { dem, grid, centre } = synthetic(401, 30, () => 100);

  it('at ground level: the first sample, one cell away, is the highest, just below the horizontal by curvature', () => {
    const p = horizonProfile(dem, grid, centre, centre, { observer_height_m: 0, max_distance_m: 5000 });
    expect(p.azimuth_deg.length).toBe(48);
    const expected = deg(Math.atan(-DROP * 30)); // d = 30 m: −30²·0.87/(2·6 371 000)/30
    for (let i = 0; i < 48; i++) {
      expect(p.elevation_deg[i]).toBeLessThan(0);
      expect(p.elevation_deg[i]).toBeCloseTo(expected, 12);
      expect(p.distance_m[i]).toBe(30);
    }
  });

  it('1.5 m up: the best angle is −2·√(H(1−k)/2R) at d = √(H·2R/(1−k)) ≈ 4.7 km', () => {
    const p = horizonProfile(dem, grid, centre, centre, { max_distance_m: 5900 });
    const dStar = Math.sqrt(1.5 / DROP);
    expect(dStar).toBeGreaterThan(4600);
    expect(dStar).toBeLessThan(4750);
    const expected = deg(-2 * Math.sqrt(1.5 * DROP));
    for (let i = 0; i < 48; i++) {
      expect(p.elevation_deg[i]).toBeCloseTo(expected, 5);
      expect(Math.abs(p.distance_m[i] - dStar)).toBeLessThan(60);
    }
  });

  it('sees the whole sky: sky view factor 1', () => {
    expect(skyViewFactor(horizonProfile(dem, grid, centre, centre))).toBe(1);
  });
});

describe('horizonProfile behind a wall to the south', () => {
  // 2 m cells; an east–west wall of H = 100 m whose first row of cell centres is D = 600 m south of the observer
  const H = 100, D = 600, cell = 2, n = 701;
  const built = synthetic(n, cell, (_x, y) => 0 * y);
  const { grid, centre } = built;
  const dem = built.dem.map((_, i) => (Math.floor(i / n) >= (n - 1) / 2 + D / cell ? H : 0));
  const opts = { observer_height_m: 0, max_distance_m: 1000 };
  const p = horizonProfile(dem, grid, centre, centre, opts);

  it('due south: atan(H/D), found at D', () => {
    expect(p.azimuth_deg[24]).toBe(180);
    expect(Math.abs(p.elevation_deg[24] - deg(Math.atan((H - DROP * D * D) / D)))).toBeLessThan(1e-9);
    expect(Math.abs(p.elevation_deg[24] - deg(Math.atan(H / D)))).toBeLessThan(0.1);
    expect(p.distance_m[24]).toBe(D);
  });

  it('southern sectors: atan(H·cos θ/D) for a ray θ off south (the wall is D/cos θ away), to 0.1°', () => {
    for (let i = 0; i < 48; i++) {
      const theta = p.azimuth_deg[i] - 180;
      if (Math.abs(theta) > 45) continue;
      expect(Math.abs(p.elevation_deg[i] - deg(Math.atan((H * Math.cos(theta * RAD)) / D))), `sector ${p.azimuth_deg[i]}`).toBeLessThan(0.1);
    }
  });

  it('open to the north, east and west: ~0', () => {
    for (let i = 0; i < 48; i++) {
      if (Math.abs(p.azimuth_deg[i] - 180) < 90) continue;
      expect(Math.abs(p.elevation_deg[i]), `sector ${p.azimuth_deg[i]}`).toBeLessThan(0.01);
    }
  });

  it('gives the same profile on the same DEM stored south-up (rows running north)', () => {
    const flipped = new Float32Array(dem.length);
    for (let r = 0; r < n; r++) flipped.set(dem.subarray((n - 1 - r) * n, (n - r) * n), r * n);
    const southUp: DemFrame = { ...grid, geotransform: [0, cell, 0, 0, 0, cell] };
    const q = horizonProfile(flipped, southUp, centre, centre, opts);
    for (let i = 0; i < 48; i++) expect(q.elevation_deg[i]).toBeCloseTo(p.elevation_deg[i], 9);
  });

  it('leaves part of the sky hidden: sky view factor below 1, above the fully walled-in value', () => {
    const svf = skyViewFactor(p);
    expect(svf).toBeLessThan(1);
    expect(svf).toBeGreaterThan(Math.cos(Math.atan(H / D)) ** 2);
  });

  it('accepts a plain number array as the DEM, and options left undefined take their defaults', () => {
    const q = horizonProfile(Array.from(dem), grid, centre, centre, { ...opts, sectors: undefined, refraction_k: undefined });
    expect(Array.from(q.elevation_deg)).toEqual(Array.from(p.elevation_deg));
  });
});

describe('horizonProfile near a cone', () => {
  // 10 m cells; a cone of height 500 m and base radius 1 000 m, its apex 2 000 m due north
  const Hc = 500, Rb = 1000, L = 2000, cell = 10, n = 601;
  const half = ((n - 1) / 2 + 0.5) * cell;
  const cone = (cx: number, cy: number) => (x: number, y: number) => Math.max(0, Hc * (1 - Math.hypot(x - cx, y - cy) / Rb));
  const { dem, grid, centre } = synthetic(n, cell, cone(half, half + L));
  const p = horizonProfile(dem, grid, centre, centre, { observer_height_m: 0 });

  it('due north the apex: atan(Hc/L), at L', () => {
    expect(p.elevation_deg[0]).toBeCloseTo(deg(Math.atan((Hc - DROP * L * L) / L)), 6);
    expect(p.distance_m[0]).toBe(L);
  });

  it('falls off symmetrically either side of north and is 0 beyond the cone', () => {
    for (let i = 1; i < 24; i++) expect(p.elevation_deg[i]).toBeCloseTo(p.elevation_deg[48 - i], 9);
    for (let i = 1; i <= 3; i++) expect(p.elevation_deg[i]).toBeLessThan(p.elevation_deg[i - 1]);
    const beyond = Math.asin(Rb / L) / RAD; // 30°: rays further off north miss the cone
    for (let i = 0; i < 48; i++) {
      const off = Math.min(p.azimuth_deg[i], 360 - p.azimuth_deg[i]);
      if (off > beyond + 1) expect(Math.abs(p.elevation_deg[i])).toBeLessThan(0.01);
      else if (off < beyond - 5) expect(p.elevation_deg[i]).toBeGreaterThan(1);
    }
  });

  it('from the apex every direction is below the horizontal', () => {
    const top = synthetic(n, cell, cone(half, half));
    const q = horizonProfile(top.dem, top.grid, top.centre, top.centre);
    for (let i = 0; i < 48; i++) expect(q.elevation_deg[i]).toBeLessThan(0);
    expect(skyViewFactor(q)).toBe(1);
  });
});

describe('horizonProfile input', () => {
  const { dem, grid, centre } = synthetic(11, 30, () => 5);

  it('refuses a point outside the DEM, on nodata, a wrong-sized DEM and bad options', () => {
    expect(() => horizonProfile(dem, grid, -10, centre)).toThrow(SolarInputError);
    expect(() => horizonProfile(dem, grid, centre, 11 * 30 + 1)).toThrow(/outside the DEM/);
    const holed = dem.slice();
    holed[5 * 11 + 5] = -9999;
    expect(() => horizonProfile(holed, grid, centre, centre)).toThrow(/no elevation/);
    expect(() => horizonProfile(dem.subarray(1), grid, centre, centre)).toThrow(SolarInputError);
    expect(() => horizonProfile(dem, grid, centre, centre, { sectors: 7.5 })).toThrow(SolarInputError);
    expect(() => horizonProfile(dem, grid, centre, centre, { max_distance_m: 0 })).toThrow(SolarInputError);
    expect(() => horizonProfile(dem, grid, centre, centre, { refraction_k: 1 })).toThrow(SolarInputError);
  });

  it('stops at the edge of the DEM and skips nodata: searched_m says how far each ray found terrain', () => {
    const p = horizonProfile(dem, grid, centre, centre, { sectors: 4 });
    expect(Array.from(p.azimuth_deg)).toEqual([0, 90, 180, 270]);
    expect(Array.from(p.searched_m)).toEqual([150, 150, 150, 150]); // 5 cells of 30 m to each edge
    const holed = dem.slice();
    for (let r = 0; r < 5; r++) holed[r * 11 + 5] = -9999; // nodata north of the observer
    const q = horizonProfile(holed, grid, centre, centre, { sectors: 4 });
    expect(q.elevation_deg[0]).toBe(0);
    expect(q.distance_m[0]).toBeNaN();
    expect(q.searched_m[0]).toBe(0);
  });
});

describe('horizonElevationAt, isSunBelowHorizon', () => {
  const p = fromUserHorizon([10, 0, 0, 20]); // N 10°, E 0°, S 0°, W 20°

  it('interpolates linearly between sector centres and wraps across north', () => {
    expect(horizonElevationAt(p, 0)).toBe(10);
    expect(horizonElevationAt(p, 45)).toBeCloseTo(5, 12);
    expect(horizonElevationAt(p, 315)).toBeCloseTo(15, 12);
    expect(horizonElevationAt(p, 350)).toBeCloseTo(20 + (80 / 90) * (10 - 20), 12);
    expect(horizonElevationAt(p, -45)).toBeCloseTo(15, 12);
    expect(horizonElevationAt(p, 720)).toBeCloseTo(10, 12);
    expect(horizonElevationAt(p, 359.999999)).toBeCloseTo(10, 4);
  });

  it('says the sun is hidden when its apparent elevation is below the horizon towards it', () => {
    expect(isSunBelowHorizon(p, 315, 14)).toBe(true);
    expect(isSunBelowHorizon(p, 315, 16)).toBe(false);
    expect(isSunBelowHorizon(p, 180, 0.5)).toBe(false);
    expect(isSunBelowHorizon(p, 180, -0.5)).toBe(true);
    expect(() => isSunBelowHorizon(p, NaN, 10)).toThrow(SolarInputError);
  });
});

describe('skyViewFactor, PVGIS horizons', () => {
  it('mean of cos² h: a uniform 30° horizon leaves cos² 30° = 0.75 of the sky', () => {
    expect(skyViewFactor(fromUserHorizon(new Array(48).fill(30)))).toBeCloseTo(0.75, 12);
    expect(skyViewFactor(fromUserHorizon([0, 0, 90 - 1e-9, 0]))).toBeCloseTo(0.75, 9);
  });

  it('reads a PVGIS userhorizon list (north first, clockwise) and writes 48 values back', () => {
    const heights = Array.from({ length: 48 }, (_, i) => (i * 7) % 23);
    const p = fromUserHorizon(heights);
    expect(p.azimuth_deg[1]).toBe(7.5);
    expect(p.azimuth_deg[24]).toBe(180);
    expect(p.distance_m.every(Number.isNaN)).toBe(true);
    expect(toPvgisHorizon(p)).toEqual(heights);
    const coarse = toPvgisHorizon(fromUserHorizon([10, 0, 0, 20]));
    expect(coarse.length).toBe(48);
    expect(coarse[0]).toBe(10);
    expect(coarse[6]).toBeCloseTo(5, 12); // 45°
    expect(coarse[36]).toBe(20); // 270°
  });

  it('refuses too few heights and heights outside [−90, 90)', () => {
    expect(() => fromUserHorizon([1, 2, 3])).toThrow(SolarInputError);
    expect(() => fromUserHorizon([1, 2, 3, 90])).toThrow(/height 3/);
    expect(() => fromUserHorizon([1, 2, NaN, 4])).toThrow(SolarInputError);
  });
});

describe('terrainPlane', () => {
  it('lays the modules on the ground: tilt = slope, azimuth = aspect (downslope)', () => {
    expect(terrainPlane(12, 200)).toEqual({ surface_tilt: 12, surface_azimuth: 200 });
    expect(terrainPlane(12, 360)).toEqual({ surface_tilt: 12, surface_azimuth: 0 });
    expect(terrainPlane(0, NaN)).toEqual({ surface_tilt: 0, surface_azimuth: 180 });
    expect(() => terrainPlane(12, NaN)).toThrow(SolarInputError);
    expect(() => terrainPlane(95, 180)).toThrow(SolarInputError);
  });

  it('a hillside rising to the north (tan 20° per metre) faces south at 20°, through Horn slope/aspect', () => {
    const { dem } = synthetic(3, 30, (_x, y) => y * Math.tan(20 * RAD));
    const o = { width: 3, height: 3, cellSizeX: 30, cellSizeY: 30 };
    const plane = terrainPlane(slopeDegrees(dem, o)[4], aspectDegrees(dem, o)[4]);
    expect(plane.surface_tilt).toBeCloseTo(20, 4);
    expect(plane.surface_azimuth).toBeCloseTo(180, 4);
  });
});
