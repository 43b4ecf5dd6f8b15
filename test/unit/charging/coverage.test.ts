import { describe, expect, it } from 'vitest';
import { buildRoadGraph, closestOnSegment, SegmentIndex, type RoadLine } from '../../../layers/charging/road-graph.ts';
import { cellTimes, coverageModel, coveredCells, summarise, urbanByDensity, type DemandCells } from '../../../layers/charging/coverage.ts';
import { ACCESS, ROAD_SPEEDS, routingSpeedKmh } from '../../../layers/charging/speeds.ts';
import { mulberry32 } from '../../../layers/core/random.ts';

const V = ROAD_SPEEDS.village.free_flow_kmh / 3.6; // m/s
const A = ACCESS.speed_kmh / 3.6;
const cells = (pts: [number, number][], urban: number[] = pts.map(() => 0)): DemandCells => ({
  x: Float64Array.from(pts.map((p) => p[0])), y: Float64Array.from(pts.map((p) => p[1])),
  pop: Float64Array.from(pts.map(() => 100)), urban: Uint8Array.from(urban),
});
const line = (xy: [number, number][], oneway = false, road_class: RoadLine['road_class'] = 'village', speed_kmh: number | null = null): RoadLine => ({ xy, oneway, road_class, speed_kmh });

describe('road graph', () => {
  it('joins lines at shared end vertices only, one segment per vertex pair, one-way as drawn', () => {
    const g = buildRoadGraph([
      line([[0, 0], [500, 0], [1000, 0]]),
      line([[1000, 0], [1000, 800]], true),
      line([[500, -300], [500, 0], [500, 300]]), // crosses the first line at its interior vertex (500, 0): not joined
    ]);
    expect(g.nodeCount).toBe(3 + 1 + 3);
    expect(g.segCount).toBe(2 + 1 + 2);
    expect(g.forward.edgeCount).toBe(2 * 2 + 1 + 2 * 2);
    expect(g.length_m).toBeCloseTo(1000 + 800 + 600, 9);
    const joined = buildRoadGraph([line([[0, 0], [500, 0], [1000, 0]]), line([[500, -300], [500, 0], [500, 300]])], { nodeInterior: true });
    expect(joined.nodeCount).toBe(5);
  });

  it('routes at min(posted, free-flow) × the peak factor of the class', () => {
    expect(routingSpeedKmh('national', 70)).toBe(70);
    expect(routingSpeedKmh('national', 120)).toBe(ROAD_SPEEDS.national.free_flow_kmh);
    expect(routingSpeedKmh('urban', null, true)).toBeCloseTo(ROAD_SPEEDS.urban.free_flow_kmh * ROAD_SPEEDS.urban.peak_factor, 12);
    const g = buildRoadGraph([line([[0, 0], [1000, 0]], false, 'urban')], { peak: true });
    expect(g.segTime_s[0]).toBeCloseTo(1000 / ((ROAD_SPEEDS.urban.free_flow_kmh * ROAD_SPEEDS.urban.peak_factor) / 3.6), 9);
  });

  it('snaps to the exactly nearest segment (brute force on random segments)', () => {
    const rnd = mulberry32(3);
    const lines: RoadLine[] = [];
    for (let k = 0; k < 300; k++) {
      const x = rnd() * 10000, y = rnd() * 10000;
      lines.push(line([[x, y], [x + (rnd() - 0.5) * 800, y + (rnd() - 0.5) * 800]]));
    }
    const g = buildRoadGraph(lines);
    const idx = new SegmentIndex(g);
    for (let k = 0; k < 200; k++) {
      const px = rnd() * 10000, py = rnd() * 10000;
      let best = Infinity;
      for (let s = 0; s < g.segCount; s++) best = Math.min(best, closestOnSegment(g, s, px, py).offset_m);
      expect(idx.nearest(px, py).offset_m).toBeCloseTo(best, 9);
    }
    expect(idx.nearest(-50000, -50000, 100).seg).toBe(-1);
  });
});

describe('coverage on hand graphs', () => {
  it('adds the partial edge and the access leg: a cell 30 m off the middle of a 1 km road, charger at one end', () => {
    const g = buildRoadGraph([line([[0, 0], [1000, 0]])]);
    const m = coverageModel(g, cells([[500, 30]]));
    const r = cellTimes(m, [{ x: 1000, y: 0 }], 1800);
    expect(r.time_s[0]).toBeCloseTo(30 / A + 500 / V, 9);
    expect(r.site[0]).toBe(0);
    // a charger on the same segment, 100 m along: no detour through a node
    const same = cellTimes(m, [{ x: 600, y: 0 }], 1800);
    expect(same.time_s[0]).toBeCloseTo(30 / A + 100 / V, 9);
  });

  it('respects one-way streets: against the drawn direction the resident takes the loop round', () => {
    // a one-way street drawn west → east (0,0) → (1000,0); a two-way road back round the north (0,0)-(0,500)-(1000,500)-(1000,0)
    const g = buildRoadGraph([
      line([[0, 0], [1000, 0]], true),
      line([[0, 0], [0, 500], [1000, 500], [1000, 0]]),
    ]);
    const m = coverageModel(g, cells([[500, -10]]));
    // charger at the east end: straight along the one-way street
    expect(cellTimes(m, [{ x: 1000, y: 0 }], 1e6).time_s[0]).toBeCloseTo(10 / A + 500 / V, 9);
    // charger at the west end: the street may not be driven west; on to (1000,0), then round the loop
    expect(cellTimes(m, [{ x: 0, y: 0 }], 1e6).time_s[0]).toBeCloseTo(10 / A + (500 + 500 + 1000 + 500) / V, 9);
    // the cutoff: beyond it the cell is unreachable
    expect(cellTimes(m, [{ x: 0, y: 0 }], 200).time_s[0]).toBe(Infinity);
  });

  it('long rural edges: a cell near the middle of a 10 km road is 5 km from either end', () => {
    const g = buildRoadGraph([line([[0, 0], [10000, 0]])]);
    const m = coverageModel(g, cells([[5000, 0]]));
    expect(cellTimes(m, [{ x: 0, y: 0 }], 1e6).time_s[0]).toBeCloseTo(5000 / V, 9);
  });

  it('does not let residents join the expressway; service-area chargers snap to it, others to local roads', () => {
    const g = buildRoadGraph([
      line([[0, 0], [3000, 0]], true, 'expressway', 100),
      line([[0, 200], [0, 0]], true, 'expressway', 40), // on-ramp
      line([[0, 200], [3000, 200]]),
    ]);
    const m = coverageModel(g, cells([[1500, 20]]));
    expect(g.segLine[m.cellSnaps.seg[0]]).toBe(2);
    expect(m.cellSnaps.offset_m[0]).toBeCloseTo(180, 9);
    const sa = cellTimes(m, [{ x: 2999, y: 0, service_area: true }], 1e6);
    expect(sa.time_s[0]).toBeCloseTo(180 / A + 1500 / V + 200 / (40 / 3.6) + 2999 / (90 / 3.6), 9);
    const local = cellTimes(m, [{ x: 2999, y: 0 }], 1e6);
    expect(local.time_s[0]).toBeCloseTo(180 / A + 1499 / V + 200 / A, 9);
  });

  it('summarises urban and rural coverage per group', () => {
    const c = cells([[0, 0], [10, 0], [20, 0], [30, 0]], [1, 1, 0, 0]);
    const t = Float64Array.from([100, 400, 1000, 2000]);
    const cov = coveredCells(c, t);
    expect([...cov]).toEqual([1, 0, 1, 0]);
    const [all] = summarise(c, cov, 1);
    expect(all).toMatchObject({ population: 400, covered_population: 200, coverage_pct: 50, uncovered_cells: 2 });
    expect(all.urban).toMatchObject({ population: 200, covered_population: 100, coverage_pct: 50, threshold_s: 300 });
    const per = summarise(c, cov, 2, Int32Array.from([0, 1, 1, -1]));
    expect(per.map((s) => s.population)).toEqual([100, 200]);
    expect([...urbanByDensity([10, 30], 0.0144, 1500)]).toEqual([0, 1]);
  });
});
