/**
 * Topology checks of a parcel's polygons for validate.ts: self-intersections inside a ring, crossings
 * between rings of a polygon, holes outside their shell and overlapping parts of a MultiPolygon.
 *
 * Candidate pairs come from static R-trees (flatbush, a packed Hilbert R-tree): one over the
 * bounding boxes of all segments, one over the bounding boxes of the parts' shells, so the work is
 * O(n log n + k) for n segments and k pairs of touching boxes instead of O(n²). Containment of a ring
 * that crosses nothing is decided by its first vertex off the other ring's boundary.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { pointInRing, pointOnRingBoundary, segmentIntersection, type Segment } from './planar.ts';
import type { GeometryProblem } from './validate.ts';

/** A lon/lat position as text for messages, e.g. "(119.6, 30.6)". */
export const fmt = (p: readonly number[]): string => `(${p[0]}, ${p[1]})`;

interface Seg extends Segment {
  part: number; ring: number; idx: number; n: number; // n: number of segments in the ring
}

/** Called often during long loops; throws when the caller's CPU budget is spent. */
export type Tick = () => void;

/** Where a ring that crosses nothing lies against another ring: decided by its first vertex off that ring's boundary. */
function ringSide(inner: Position[], outer: Position[], tick: Tick): 'inside' | 'outside' | 'boundary' {
  for (const q of inner) {
    tick();
    if (pointOnRingBoundary(q[0], q[1], outer)) continue;
    return pointInRing(q[0], q[1], outer) ? 'inside' : 'outside';
  }
  return 'boundary';
}

function ringBox(r: Position[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of r) {
    if (p[0] < x0) x0 = p[0];
    if (p[0] > x1) x1 = p[0];
    if (p[1] < y0) y0 = p[1];
    if (p[1] > y1) y1 = p[1];
  }
  return [x0, y0, x1, y1];
}

export function checkTopology(
  polygons: Position[][][],
  multi: boolean,
  feature: number | undefined,
  add: (p: GeometryProblem) => void,
  maxReports: number,
  tick: Tick,
) {
  const segs: Seg[] = [];
  polygons.forEach((rings, pi) =>
    rings.forEach((r, ri) => {
      // drop repeated consecutive positions (zero-length segments)
      const pts: Position[] = [];
      for (const p of r) {
        const q = pts[pts.length - 1];
        if (!q || q[0] !== p[0] || q[1] !== p[1]) pts.push(p);
      }
      const n = pts.length - 1;
      for (let i = 0; i < n; i++) {
        segs.push({ x1: pts[i][0], y1: pts[i][1], x2: pts[i + 1][0], y2: pts[i + 1][1], part: pi, ring: ri, idx: i, n });
      }
    }),
  );
  // Pairs are visited in the order of a sweep over x (segments sorted by min x, each against the earlier ones),
  // so the findings and their order are those of a plain sweep.
  segs.sort((a, b) => Math.min(a.x1, a.x2) - Math.min(b.x1, b.x2));
  let reports = 0;
  const seen = new Set<string>();
  const overlappingParts = new Set<string>();
  let overlapReports = 0;
  const reportOverlap = (a: number, b: number, at: [number, number]) => {
    const key = `${a}:${b}`;
    if (overlappingParts.has(key)) return;
    overlappingParts.add(key);
    if (overlapReports++ < maxReports) add(overlapProblem(a, b, at, feature));
  };
  if (segs.length) {
    const index = new Flatbush(segs.length);
    for (const s of segs) index.add(Math.min(s.x1, s.x2), Math.min(s.y1, s.y2), Math.max(s.x1, s.x2), Math.max(s.y1, s.y2));
    index.finish();
    for (let i = 0; i < segs.length; i++) {
      tick();
      const s = segs[i];
      const earlier = index.search(Math.min(s.x1, s.x2), Math.min(s.y1, s.y2), Math.max(s.x1, s.x2), Math.max(s.y1, s.y2), (j) => j < i);
      earlier.sort((a, b) => a - b);
      for (const j of earlier) {
        tick();
        const t = segs[j];
        const hit = segmentIntersection(s, t);
        if (!hit) continue;
        const polygon = multi ? s.part : undefined;
        if (s.part === t.part && s.ring === t.ring) {
          const gap = Math.abs(s.idx - t.idx);
          const adjacent = gap === 1 || gap === s.n - 1;
          if (adjacent && hit.kind === 'touch') continue; // the shared vertex
          if (reports >= maxReports) continue;
          reports++;
          add({
            code: 'self-intersection',
            message_zh: `环 ${s.ring} 自相交于 (${hit.x}, ${hit.y})（第 ${Math.min(s.idx, t.idx)} 与第 ${Math.max(s.idx, t.idx)} 条边）。请修正该处的顶点顺序。`,
            message_en: `Ring ${s.ring} intersects itself at (${hit.x}, ${hit.y}) (edges ${Math.min(s.idx, t.idx)} and ${Math.max(s.idx, t.idx)}). Fix the vertex order there.`,
            location: [hit.x, hit.y],
            path: { feature, polygon, ring: s.ring, vertex: Math.min(s.idx, t.idx) },
          });
        } else if (s.part === t.part) {
          if (hit.kind === 'touch') continue; // rings may touch at a point
          const key = `${s.part}:${Math.min(s.ring, t.ring)}:${Math.max(s.ring, t.ring)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (reports >= maxReports) continue;
          reports++;
          add({
            code: 'ring-crossing',
            message_zh: `环 ${Math.min(s.ring, t.ring)} 与环 ${Math.max(s.ring, t.ring)} 相交于 (${hit.x}, ${hit.y})：洞必须位于外环之内且互不相交。`,
            message_en: `Rings ${Math.min(s.ring, t.ring)} and ${Math.max(s.ring, t.ring)} cross at (${hit.x}, ${hit.y}): holes must lie inside the shell and must not cross each other.`,
            location: [hit.x, hit.y],
            path: { feature, polygon, ring: Math.max(s.ring, t.ring) },
          });
        } else if (hit.kind === 'cross') {
          // (parts sharing an edge or a point do not double-count area: not reported)
          reportOverlap(Math.min(s.part, t.part), Math.max(s.part, t.part), [hit.x, hit.y]);
        }
      }
    }
  }
  // holes inside their shell (when they do not cross it, one vertex decides)
  polygons.forEach((rings, pi) => {
    for (let ri = 1; ri < rings.length; ri++) {
      if (seen.has(`${pi}:0:${ri}`)) continue;
      if (ringSide(rings[ri], rings[0], tick) === 'inside') continue;
      const p = rings[ri][0];
      add({
        code: 'hole-outside-shell',
        message_zh: `环 ${ri}（洞）不在外环之内，起点 ${fmt(p)}。`,
        message_en: `Ring ${ri} (a hole) lies outside the shell; it starts at ${fmt(p)}.`,
        location: [p[0], p[1]],
        path: { feature, polygon: multi ? pi : undefined, ring: ri },
      });
    }
  });
  // MultiPolygon parts nested without crossing: part a's shell inside part b's shell (and not in one of b's holes).
  // Only parts whose shell box contains a's shell box are candidates.
  if (multi && polygons.length > 1) {
    const boxes = polygons.map((rings) => ringBox(rings[0]));
    const parts = new Flatbush(polygons.length);
    for (const [x0, y0, x1, y1] of boxes) parts.add(x0, y0, x1, y1);
    parts.finish();
    for (let a = 0; a < polygons.length; a++) {
      tick();
      const [x0, y0, x1, y1] = boxes[a];
      const around = parts.search(x0, y0, x1, y1, (b) => b !== a && boxes[b][0] <= x0 && boxes[b][1] <= y0 && boxes[b][2] >= x1 && boxes[b][3] >= y1);
      around.sort((p, q) => p - q);
      for (const b of around) {
        if (overlappingParts.has(`${Math.min(a, b)}:${Math.max(a, b)}`)) continue;
        const at = vertexInside(polygons[a][0], polygons[b], tick);
        if (at) reportOverlap(Math.min(a, b), Math.max(a, b), [at[0], at[1]]);
      }
    }
  }
}

/** The first vertex of `inner` (a shell crossing nothing of `outer`) off outer's rings, if it lies in outer's area. */
function vertexInside(inner: Position[], outer: Position[][], tick: Tick): Position | undefined {
  next: for (const q of inner) {
    tick();
    if (pointOnRingBoundary(q[0], q[1], outer[0])) continue;
    if (!pointInRing(q[0], q[1], outer[0])) return undefined;
    for (let h = 1; h < outer.length; h++) {
      if (pointOnRingBoundary(q[0], q[1], outer[h])) continue next;
      if (pointInRing(q[0], q[1], outer[h])) return undefined;
    }
    return q;
  }
  return undefined;
}

function overlapProblem(a: number, b: number, at: [number, number], feature: number | undefined): GeometryProblem {
  return {
    code: 'overlapping-parts',
    message_zh: `多部件多边形的第 ${a} 与第 ${b} 部分重叠（于 (${at[0]}, ${at[1]}) 附近），面积会被重复计算。请合并（union）后再上传。`,
    message_en: `Parts ${a} and ${b} of the MultiPolygon overlap (near (${at[0]}, ${at[1]})), so their area would be counted twice. Union them before uploading.`,
    location: at,
    path: { feature, polygon: b },
  };
}
