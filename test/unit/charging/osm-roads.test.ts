import { describe, expect, it } from 'vitest';
import { maxspeedKmh, osmRoads } from '../../../layers/charging/osm-roads.ts';
import { ROAD_SPEEDS } from '../../../layers/charging/speeds.ts';
import { fixtureText } from '../import/helpers.ts';

const ways = JSON.parse(fixtureText('osm-roads.geojson')).features;

describe('osmRoads', () => {
  const r = osmRoads(ways);
  const byId = new Map(r.roads.map((x) => [x.id, x]));

  it('splits ways at the nodes they share: the primary and the residential street cross at (119.61, 30.6)', () => {
    expect([...byId.keys()].sort()).toEqual(['osm-101-1', 'osm-101-2', 'osm-102-1', 'osm-102-2', 'osm-103-1', 'osm-105-1']);
    expect(byId.get('osm-101-1')!.coordinates).toEqual([[119.6, 30.6], [119.61, 30.6]]);
    expect(byId.get('osm-101-2')!.coordinates).toEqual([[119.61, 30.6], [119.62, 30.6]]);
    expect(byId.get('osm-102-1')!.coordinates).toEqual([[119.61, 30.59], [119.61, 30.6]]);
  });

  it('keeps the motorway bridge whole: it crosses the primary but shares no node with it', () => {
    expect(byId.get('osm-103-1')!.coordinates).toHaveLength(2);
  });

  it('maps highway to the class, maxspeed to km/h (else the class speed), oneway (motorways one-way by default, -1 reversed) and name:zh first (name:en beside it)', () => {
    expect(byId.get('osm-101-1')).toMatchObject({ road_class: 'provincial', speed_kmh: 60, oneway: 0, name_zh: '省道201', name_en: 'Provincial Road 201' });
    expect(byId.get('osm-102-2')).toMatchObject({ road_class: 'urban', speed_kmh: ROAD_SPEEDS.urban.free_flow_kmh, oneway: 1, name_zh: 'Dali Road' });
    expect(byId.get('osm-103-1')).toMatchObject({ road_class: 'expressway', speed_kmh: 120, oneway: 1 });
    // oneway=-1: drawn F→G, driven G→F
    expect(byId.get('osm-105-1')).toMatchObject({ road_class: 'township', speed_kmh: 40, oneway: 1, coordinates: [[119.64, 30.62], [119.63, 30.62]] });
  });

  it('counts what it leaves out and the maxspeeds it cannot read', () => {
    expect(r.skipped).toEqual({ 'highway=footway': 1, 'no highway tag': 1 });
    expect(r.unreadable_maxspeed).toBe(1);
  });

  it('reads maxspeed as OSM writes it', () => {
    expect(maxspeedKmh('80')).toBe(80);
    expect(maxspeedKmh('80 km/h')).toBe(80);
    expect(maxspeedKmh('50 mph')).toBeCloseTo(80.4672, 4);
    expect(maxspeedKmh('CN:urban')).toBeNull();
    expect(maxspeedKmh('none')).toBeNull();
    expect(maxspeedKmh('0')).toBeNull();
  });
});
