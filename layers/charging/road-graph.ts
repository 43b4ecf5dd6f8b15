/**
 * The road graph for charging coverage: every vertex of every road line is a node, every pair of
 * consecutive vertices a segment; a two-way segment gives two directed edges, a one-way segment
 * one (in the direction the line is drawn). Edge weights are driving times in seconds at the
 * routing speed of the segment's class (speeds.ts: min(posted, free-flow) × optional peak factor).
 *
 * Noding: lines join where an END vertex of one coincides (to 1 mm) with an end vertex of another
 * — the roads table's convention (the demo county and the OSM importer split lines at junctions;
 * bridges and tunnels are kept apart because they are not split where they cross). With
 * `nodeInterior`, vertices shared inside lines join too (for data whose junctions are not split).
 *
 * Coordinates are planar metres (a projected CRS such as CGCS2000 Gauss–Krüger); lengths are
 * Euclidean in that plane (Gauss–Krüger scale error < 0.02 % within 1.5° of the central meridian).
 *
 * `reverse` is the same graph with every edge turned round, so one search from all chargers on it
 * gives every node's time TO its nearest charger (resident → charger, respecting one-way streets).
 */
import Flatbush from 'flatbush';
import { CsrGraph } from '../graph/csr.ts';
import { ModelInputError } from '../core/errors.ts';
import { ROAD_CLASSES, ROAD_SPEEDS, routingSpeedKmh, type RoadClass, type RoadSpeedRow } from './speeds.ts';

export interface RoadLine {
  /** Vertices [x, y] in metres, in the direction of travel when one-way. */
  xy: readonly (readonly [number, number])[];
  road_class: RoadClass;
  /** Posted / design speed of the row, km/h (null: the class speed). */
  speed_kmh?: number | null;
  oneway: boolean;
}

export interface RoadGraphOptions {
  /** Peak-hour speeds (each class's peak factor). Default false. */
  peak?: boolean;
  /** Speed table (default ROAD_SPEEDS). */
  speeds?: Readonly<Record<RoadClass, RoadSpeedRow>>;
  /** Also join lines at shared interior vertices. Default false. */
  nodeInterior?: boolean;
}

export interface RoadGraph {
  nodeCount: number;
  /** Node coordinates, metres. */
  x: Float64Array;
  y: Float64Array;
  /** Segments (consecutive vertices of a line): ends a → b in drawing order. */
  segCount: number;
  segA: Int32Array;
  segB: Int32Array;
  segLength_m: Float64Array;
  /** Driving time along the whole segment, seconds (same both ways). */
  segTime_s: Float64Array;
  /** 1: only a → b may be driven. */
  segOneway: Uint8Array;
  /** Index into ROAD_CLASSES. */
  segClass: Uint8Array;
  /** Input line of each segment. */
  segLine: Int32Array;
  /** Forward graph (edge weights in seconds) and its reverse. */
  forward: CsrGraph;
  reverse: CsrGraph;
  /** Total length of the lines, metres. */
  length_m: number;
  peak: boolean;
}

const q = (v: number) => Math.round(v * 1000);

/** A road line the graph cannot use. */
export class RoadGraphInputError extends ModelInputError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super({ code: 'bad_road_line', title: 'Unusable road line', detail, extensions });
  }
}

/** Build the graph from road lines. @throws RoadGraphInputError for a line with < 2 vertices or a non-finite coordinate */
export function buildRoadGraph(lines: readonly RoadLine[], opts: RoadGraphOptions = {}): RoadGraph {
  const speeds = opts.speeds ?? ROAD_SPEEDS;
  const peak = opts.peak ?? false;
  const ids = new Map<string, number>();
  const xs: number[] = [], ys: number[] = [];
  const nodeOf = (p: readonly [number, number], shared: boolean): number => {
    if (!shared) { xs.push(p[0]); ys.push(p[1]); return xs.length - 1; }
    const k = `${q(p[0])},${q(p[1])}`;
    let id = ids.get(k);
    if (id === undefined) { id = xs.length; xs.push(p[0]); ys.push(p[1]); ids.set(k, id); }
    return id;
  };
  const segA: number[] = [], segB: number[] = [], segLen: number[] = [], segTime: number[] = [], segOne: number[] = [], segCls: number[] = [], segLine: number[] = [];
  let total = 0;
  lines.forEach((line, li) => {
    const pts = line.xy;
    if (pts.length < 2) throw new RoadGraphInputError(`road line ${li} has ${pts.length} vertex; a line needs ≥ 2`, { line: li });
    const ci = ROAD_CLASSES.indexOf(line.road_class);
    if (ci < 0) throw new RoadGraphInputError(`road line ${li} has class "${line.road_class}"; expected one of ${ROAD_CLASSES.join(', ')}`, { line: li });
    const v = routingSpeedKmh(line.road_class, line.speed_kmh, peak, speeds) / 3.6;
    let prev = -1;
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i];
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new RoadGraphInputError(`road line ${li} has a non-finite coordinate at vertex ${i}`, { line: li });
      const end = i === 0 || i === pts.length - 1;
      // a repeated vertex adds no segment
      if (i > 0 && pts[i - 1][0] === p[0] && pts[i - 1][1] === p[1]) continue;
      const id = nodeOf(p, end || !!opts.nodeInterior);
      if (prev >= 0 && id !== prev) {
        const L = Math.hypot(xs[id] - xs[prev], ys[id] - ys[prev]);
        segA.push(prev); segB.push(id); segLen.push(L); segTime.push(L / v); segOne.push(line.oneway ? 1 : 0); segCls.push(ci); segLine.push(li);
        total += L;
      }
      prev = id;
    }
  });
  const n = xs.length, m = segA.length;
  const from: number[] = [], to: number[] = [], w: number[] = [];
  for (let s = 0; s < m; s++) {
    from.push(segA[s]); to.push(segB[s]); w.push(segTime[s]);
    if (!segOne[s]) { from.push(segB[s]); to.push(segA[s]); w.push(segTime[s]); }
  }
  const forward = CsrGraph.fromEdges(n, from, to, w);
  return {
    nodeCount: n, x: Float64Array.from(xs), y: Float64Array.from(ys), segCount: m,
    segA: Int32Array.from(segA), segB: Int32Array.from(segB), segLength_m: Float64Array.from(segLen), segTime_s: Float64Array.from(segTime),
    segOneway: Uint8Array.from(segOne), segClass: Uint8Array.from(segCls), segLine: Int32Array.from(segLine),
    forward, reverse: forward.reverse(), length_m: total, peak,
  };
}

/** A point placed on its nearest segment. */
export interface Snap {
  /** Segment index; -1 when no segment is within the search distance. */
  seg: number;
  /** Position along the segment from a (0) to b (1). */
  t: number;
  /** Straight distance from the point to the segment, metres. */
  offset_m: number;
  /** The snapped point, metres. */
  x: number;
  y: number;
}

/** Spatial index of a graph's segments for nearest-segment queries. */
export class SegmentIndex {
  private index: Flatbush;
  private ids: Int32Array;
  constructor(readonly graph: RoadGraph, include: (seg: number) => boolean = () => true) {
    const { segA, segB, x, y } = graph;
    const ids: number[] = [];
    for (let s = 0; s < graph.segCount; s++) if (include(s)) ids.push(s);
    this.ids = Int32Array.from(ids);
    this.index = new Flatbush(Math.max(1, ids.length));
    for (const s of ids) {
      const a = segA[s], b = segB[s];
      this.index.add(Math.min(x[a], x[b]), Math.min(y[a], y[b]), Math.max(x[a], x[b]), Math.max(y[a], y[b]));
    }
    if (!ids.length) this.index.add(Infinity, Infinity, Infinity, Infinity);
    this.index.finish();
  }

  /** Nearest segment to (px, py) within maxDistance metres (exact point–segment distance). */
  nearest(px: number, py: number, maxDistance = Infinity): Snap {
    const none: Snap = { seg: -1, t: 0, offset_m: Infinity, x: px, y: py };
    if (!this.ids.length) return none;
    let best = none;
    const test = (i: number) => {
      const s = this.ids[i];
      const c = closestOnSegment(this.graph, s, px, py);
      if (c.offset_m < best.offset_m || (c.offset_m === best.offset_m && s < best.seg)) best = c;
    };
    // bounding boxes are never farther than their segments: take a few by box distance, then every
    // box within the best exact distance found
    for (const i of this.index.neighbors(px, py, 8, maxDistance)) test(i);
    if (best.seg < 0) return none;
    for (const i of this.index.neighbors(px, py, Infinity, best.offset_m)) test(i);
    return best.offset_m <= maxDistance ? best : none;
  }
}

/** The point of segment s nearest to (px, py). */
export function closestOnSegment(g: RoadGraph, s: number, px: number, py: number): Snap {
  const a = g.segA[s], b = g.segB[s];
  const ax = g.x[a], ay = g.y[a], dx = g.x[b] - ax, dy = g.y[b] - ay;
  const L2 = dx * dx + dy * dy;
  const t = L2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / L2)) : 0;
  const x = ax + t * dx, y = ay + t * dy;
  return { seg: s, t, offset_m: Math.hypot(px - x, py - y), x, y };
}

/** Segments a resident may join (not access-controlled: not the expressway or its ramps). */
export function accessibleSegment(g: RoadGraph, speeds: Readonly<Record<RoadClass, RoadSpeedRow>> = ROAD_SPEEDS): (s: number) => boolean {
  return (s) => speeds[ROAD_CLASSES[g.segClass[s]]].accessible;
}
