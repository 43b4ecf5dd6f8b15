/**
 * Driving speeds by road class for charging-coverage routing, and the mapping of OpenStreetMap
 * `highway` values to tantu's road classes.
 *
 * The routing speed of an edge is min(posted speed of the row, free-flow speed of its class) ×
 * the class's peak-hour factor when peak hours are asked for: the posted/design speed (the
 * roads table's `speed_kmh`, OSM `maxspeed`) is an upper bound that traffic rarely reaches, the
 * free-flow speed is what a car averages on such a road (OSRM's car profile), and the peak factor
 * is the share of it left at rush hour.
 */
import type { Sourced } from '../core/sourced.ts';

/** tantu's road classes (the roads table's CHECK constraint). */
export const ROAD_CLASSES = ['expressway', 'national', 'provincial', 'county', 'township', 'village', 'urban'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export interface RoadSpeedRow extends Sourced {
  /** Average free-flow speed of a car on this class, km/h. */
  free_flow_kmh: number;
  /** Design speed range of the Chinese standard for this class, km/h (for reference, [low, high]). */
  design_kmh: readonly [number, number];
  /** Share of the free-flow speed left in peak hours (0–1). */
  peak_factor: number;
  /** Residents can join the road here (false: access-controlled, entered only by ramps). */
  accessible: boolean;
}

const JTG = 'JTG B01-2014 公路工程技术标准 design speeds (reference/charging.md)';
const CJJ = 'CJJ 37-2012 城市道路工程设计规范 design speeds (reference/charging.md)';
const OSRM = "OSRM car profile free-flow defaults (motorway 90, trunk 85, primary 65, secondary 55, tertiary 40, residential 25 km/h; reference/charging.md)";
const PEAK = 'tantu estimate of the peak-hour share of free-flow speed (not from a measured source)';

/** Speeds by class. Free-flow from OSRM's car profile with the Chinese class ↔ OSM highway mapping below. */
export const ROAD_SPEEDS: Readonly<Record<RoadClass, RoadSpeedRow>> = {
  expressway: { free_flow_kmh: 90, design_kmh: [80, 120], peak_factor: 0.85, accessible: false, source: `${OSRM} (motorway); ${JTG} (expressway 120/100/80); ${PEAK}`, unverified: true },
  national: { free_flow_kmh: 85, design_kmh: [60, 100], peak_factor: 0.75, accessible: true, source: `${OSRM} (trunk, OSM China: G roads); ${JTG} (class I 100/80/60); ${PEAK}`, unverified: true },
  provincial: { free_flow_kmh: 65, design_kmh: [60, 80], peak_factor: 0.75, accessible: true, source: `${OSRM} (primary, OSM China: S roads); ${JTG} (class II 80/60); ${PEAK}`, unverified: true },
  county: { free_flow_kmh: 55, design_kmh: [30, 40], peak_factor: 0.8, accessible: true, source: `${OSRM} (secondary, OSM China: X roads); ${JTG} (class III 40/30); ${PEAK}`, unverified: true },
  township: { free_flow_kmh: 40, design_kmh: [20, 30], peak_factor: 0.85, accessible: true, source: `${OSRM} (tertiary, OSM China: Y roads); ${JTG} (class IV 30/20); ${PEAK}`, unverified: true },
  village: { free_flow_kmh: 25, design_kmh: [20, 30], peak_factor: 0.9, accessible: true, source: `${OSRM} (residential/unclassified, OSM China: C roads → unclassified; tantu takes the residential figure); ${JTG} (class IV 30/20); ${PEAK}`, unverified: true },
  urban: { free_flow_kmh: 25, design_kmh: [20, 60], peak_factor: 0.6, accessible: true, source: `${OSRM} (residential); ${CJJ} (local 40/30/20 … arterial 60/50/40); ${PEAK}`, unverified: true },
};

/** Off-road access leg from a demand cell or a station to its snapped road point. */
export interface AccessParams extends Sourced {
  /** Speed on the access leg (a driveway or lane, straight line), km/h. */
  speed_kmh: number;
  /** Cells farther than this from any accessible road are unreachable, metres. */
  max_m: number;
}

export const ACCESS: AccessParams = {
  speed_kmh: 15,
  max_m: 3000,
  source: 'tantu assumption: the straight line from the cell centre to the road at 15 km/h (a lane driven slowly or a short walk to the car); not from a measured source',
  unverified: true,
};

/** Coverage thresholds of the plan target 城市五分钟、城乡半小时充电圈, seconds. */
export const COVERAGE_THRESHOLDS = {
  urban_s: 300,
  rural_s: 1800,
  source: 'Hangzhou and Huzhou carbon-peak plans: 城市五分钟、城乡半小时充电圈 (reference/charging.md, policy-targets.md)',
  unverified: false,
} as const;

/**
 * Urban cells: population density ≥ 1,500 people/km² (the high-density cell threshold of the
 * Degree of Urbanisation). The demo county's urban_rural raster adds ≥ 40 % built-up land.
 */
export const URBAN_DENSITY_PER_KM2 = {
  value: 1500,
  source: 'UN Statistical Commission 2020, A recommendation on the method to delineate cities, urban and rural areas (Degree of Urbanisation): high-density clusters of 1 km² cells with ≥ 1,500 inhabitants/km²',
  unverified: true,
} as const;

/**
 * Routing speed of one edge, km/h: min(posted, free-flow of its class) × the peak factor when
 * `peak` is set. A missing or non-positive posted speed leaves the class speed.
 */
export function routingSpeedKmh(cls: RoadClass, postedKmh: number | null | undefined, peak = false, table = ROAD_SPEEDS): number {
  const row = table[cls];
  const base = postedKmh && postedKmh > 0 ? Math.min(postedKmh, row.free_flow_kmh) : row.free_flow_kmh;
  return base * (peak ? row.peak_factor : 1);
}

/** OpenStreetMap `highway` values that carry cars, mapped to tantu's classes. */
export const OSM_HIGHWAY_CLASS: Readonly<Record<string, RoadClass>> = {
  motorway: 'expressway', motorway_link: 'expressway',
  trunk: 'national', trunk_link: 'national',
  primary: 'provincial', primary_link: 'provincial',
  secondary: 'county', secondary_link: 'county',
  tertiary: 'township', tertiary_link: 'township',
  unclassified: 'village', track: 'village',
  residential: 'urban', living_street: 'urban', service: 'urban', road: 'village',
};

/** Where the OSM mapping comes from. */
export const OSM_HIGHWAY_SOURCE = 'OSM wiki, China tagging guidelines (G → trunk, S → primary, X → secondary, Y → tertiary, C → unclassified; reference/charging.md); residential/living_street/service → urban streets, track/road → village (tantu choice)';
