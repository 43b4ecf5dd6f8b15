/**
 * OpenStreetMap road extracts → tantu's roads: the `highway` tag to a road class, `maxspeed` to a
 * posted speed (km/h), `oneway` to the direction, `name:zh`/`name` and `name:en` to the names, and ways split at
 * every vertex they share with another way (OSM joins roads at shared nodes inside ways; the road
 * graph joins lines at their end vertices, see road-graph.ts). Bridges and tunnels stay apart: in
 * OSM they share no node with the road they cross, so nothing splits them there.
 *
 * Input: GeoJSON Features (LineString or MultiLineString) with the way's tags as properties, as
 * osmium/ogr2ogr/QGIS export them. Pure; coordinates are compared as given (to 1e-9 of a unit).
 */
import type { Feature, LineString, Position } from 'geojson';
import type { Sourced } from '../core/sourced.ts';
import { ROAD_SPEEDS, type RoadClass } from './speeds.ts';

export interface OsmHighwayRow extends Sourced {
  road_class: RoadClass;
}

const CN = 'OSM wiki, China/Road classification (motorway 高速公路, trunk 国道, primary 省道, secondary 县道, tertiary 乡道, unclassified 村道; reference/charging.md)';
const URBAN = 'OSM wiki, Key:highway (residential, living_street, service: streets serving buildings) → tantu urban';

/** Car-drivable `highway` values and their class; others (footway, cycleway, path, track, steps, construction …) are skipped. */
export const OSM_HIGHWAY_CLASSES: Readonly<Record<string, OsmHighwayRow>> = {
  motorway: { road_class: 'expressway', source: CN, unverified: false },
  motorway_link: { road_class: 'expressway', source: `${CN}; links take their road's class`, unverified: false },
  trunk: { road_class: 'national', source: CN, unverified: true },
  trunk_link: { road_class: 'national', source: `${CN}; links take their road's class`, unverified: true },
  primary: { road_class: 'provincial', source: CN, unverified: true },
  primary_link: { road_class: 'provincial', source: `${CN}; links take their road's class`, unverified: true },
  secondary: { road_class: 'county', source: CN, unverified: true },
  secondary_link: { road_class: 'county', source: `${CN}; links take their road's class`, unverified: true },
  tertiary: { road_class: 'township', source: CN, unverified: true },
  tertiary_link: { road_class: 'township', source: `${CN}; links take their road's class`, unverified: true },
  unclassified: { road_class: 'village', source: CN, unverified: true },
  residential: { road_class: 'urban', source: URBAN, unverified: true },
  living_street: { road_class: 'urban', source: URBAN, unverified: true },
  service: { road_class: 'urban', source: URBAN, unverified: true },
};

/** A road line as the roads table takes it. */
export interface OsmRoad {
  id: string;
  road_class: RoadClass;
  /** Posted speed from `maxspeed`, else the class's free-flow speed (speeds.ts), km/h. */
  speed_kmh: number;
  /** 1 when the line may only be driven in its drawn direction. */
  oneway: 0 | 1;
  name_zh: string | null;
  name_en: string | null;
  coordinates: Position[];
}

export interface OsmRoadsResult {
  roads: OsmRoad[];
  /** Ways left out, by reason: `highway=footway`, `no highway tag`, `not a line`. */
  skipped: Record<string, number>;
  /** Ways with a `maxspeed` that could not be read (the class speed was used). */
  unreadable_maxspeed: number;
}

/** `maxspeed` in km/h: "80", "80 km/h", "50 mph", "CN:urban"-style or unreadable values → null. */
export function maxspeedKmh(value: unknown): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph)?\s*$/i.exec(String(value ?? ''));
  if (!m) return null;
  const v = Number(m[1]) * (m[2]?.toLowerCase() === 'mph' ? 1.609344 : 1);
  return v > 0 && v <= 200 ? v : null;
}

const key = (p: Position) => `${Math.round(p[0] * 1e9)},${Math.round(p[1] * 1e9)}`;

/** Split, classify and orient the ways of an OSM extract (see the module comment). */
export function osmRoads(features: readonly Feature[]): OsmRoadsResult {
  const skipped: Record<string, number> = {};
  const skip = (why: string) => { skipped[why] = (skipped[why] ?? 0) + 1; };
  let unreadable = 0;
  const ways: { id: string; row: OsmHighwayRow; speed: number; oneway: 0 | 1; name: string | null; name_en: string | null; lines: Position[][] }[] = [];
  features.forEach((f, k) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const highway = p.highway == null ? '' : String(p.highway);
    if (!highway) return skip('no highway tag');
    const row = OSM_HIGHWAY_CLASSES[highway];
    if (!row) return skip(`highway=${highway}`);
    const g = f.geometry;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) return skip('not a line');
    const ow = String(p.oneway ?? '').toLowerCase();
    const reverse = ow === '-1' || ow === 'reverse';
    // OSM: motorways are one-way unless tagged otherwise.
    const oneway: 0 | 1 = ow === 'yes' || ow === 'true' || ow === '1' || reverse || (row.road_class === 'expressway' && ow !== 'no') ? 1 : 0;
    const posted = maxspeedKmh(p.maxspeed);
    if (p.maxspeed != null && posted === null) unreadable++;
    const lines = (g.type === 'LineString' ? [g.coordinates] : g.coordinates).map((c) => (reverse ? [...c].reverse() : c));
    const osmId = p['@id'] ?? p.osm_id ?? p.id ?? f.id ?? k + 1;
    ways.push({ id: `osm-${String(osmId).replace(/^way\//, '')}`, row, speed: posted ?? ROAD_SPEEDS[row.road_class].free_flow_kmh, oneway, name: (p['name:zh'] ?? p.name ?? null) as string | null, name_en: (p['name:en'] ?? null) as string | null, lines });
  });
  // A vertex used twice (by two ways, or twice by one) is a junction; ways split there.
  const uses = new Map<string, number>();
  for (const w of ways) for (const line of w.lines) line.forEach((q, i) => {
    const end = i === 0 || i === line.length - 1;
    uses.set(key(q), (uses.get(key(q)) ?? 0) + (end ? 2 : 1));
  });
  const roads: OsmRoad[] = [];
  for (const w of ways) {
    let part = 0;
    for (const line of w.lines) {
      let cur: Position[] = [];
      line.forEach((q, i) => {
        cur.push(q);
        if (i > 0 && i < line.length - 1 && (uses.get(key(q)) ?? 0) > 1 && cur.length > 1) {
          roads.push({ id: `${w.id}-${++part}`, road_class: w.row.road_class, speed_kmh: w.speed, oneway: w.oneway, name_zh: w.name, name_en: w.name_en, coordinates: cur });
          cur = [q];
        }
      });
      if (cur.length > 1) roads.push({ id: `${w.id}-${++part}`, road_class: w.row.road_class, speed_kmh: w.speed, oneway: w.oneway, name_zh: w.name, name_en: w.name_en, coordinates: cur });
    }
  }
  return { roads, skipped, unreadable_maxspeed: unreadable };
}

/** The roads as GeoJSON LineString features with the roads table's fields as properties. */
export function osmRoadFeatures(roads: readonly OsmRoad[]): Feature<LineString>[] {
  return roads.map(({ coordinates, ...props }) => ({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates } }));
}
