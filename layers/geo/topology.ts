/**
 * Topology checks of a parcel's polygons for validate.ts: self-intersections inside a ring, crossings
 * between rings of a polygon, holes outside their shell and overlapping parts of a MultiPolygon.
 * Segment intersection uses a sweep over x (sort by min x, active list), O((n + k) log n) in practice.
 */
import type { Position } from 'geojson';
import { pointInRing, pointStrictlyInRing, segmentIntersection, type Segment } from './planar.ts';
import type { GeometryProblem } from './validate.ts';

/** A lon/lat position as text for messages, e.g. "(119.6, 30.6)". */
export const fmt = (p: readonly number[]): string => `(${p[0]}, ${p[1]})`;

interface Seg extends Segment {
  part: number; ring: number; idx: number; n: number; // n: number of segments in the ring
}

export function checkTopology(
  polygons: Position[][][],
  multi: boolean,
  feature: number | undefined,
  add: (p: GeometryProblem) => void,
  maxReports: number,
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
  const minX = (s: Seg) => Math.min(s.x1, s.x2);
  const maxXOf = (s: Seg) => Math.max(s.x1, s.x2);
  segs.sort((a, b) => minX(a) - minX(b));
  let active: Seg[] = [];
  let reports = 0;
  const seen = new Set<string>();
  const overlappingParts = new Set<string>();
  for (const s of segs) {
    const sx = minX(s);
    active = active.filter((a) => maxXOf(a) >= sx);
    const sy1 = Math.min(s.y1, s.y2);
    const sy2 = Math.max(s.y1, s.y2);
    for (const t of active) {
      if (Math.max(t.y1, t.y2) < sy1 || Math.min(t.y1, t.y2) > sy2) continue;
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
        if (seen.has(key) || reports >= maxReports) continue;
        seen.add(key);
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
        const a = Math.min(s.part, t.part);
        const b = Math.max(s.part, t.part);
        const key = `${a}:${b}`;
        if (overlappingParts.has(key)) continue;
        overlappingParts.add(key);
        add(overlapProblem(a, b, [hit.x, hit.y], feature));
      }
    }
    active.push(s);
  }
  // holes inside their shell (when they do not cross it, one vertex decides)
  polygons.forEach((rings, pi) => {
    for (let ri = 1; ri < rings.length; ri++) {
      const ok = rings[ri].some((p) => pointStrictlyInRing(p[0], p[1], rings[0]));
      const crossing = seen.has(`${pi}:0:${ri}`);
      if (!ok && !crossing) {
        const p = rings[ri][0];
        add({
          code: 'hole-outside-shell',
          message_zh: `环 ${ri}（洞）不在外环之内，起点 ${fmt(p)}。`,
          message_en: `Ring ${ri} (a hole) lies outside the shell; it starts at ${fmt(p)}.`,
          location: [p[0], p[1]],
          path: { feature, polygon: multi ? pi : undefined, ring: ri },
        });
      }
    }
  });
  // MultiPolygon parts nested without crossing: a vertex of one inside the other's shell (and not in a hole)
  if (multi) {
    for (let a = 0; a < polygons.length; a++) {
      for (let b = 0; b < polygons.length; b++) {
        if (a === b || overlappingParts.has(`${Math.min(a, b)}:${Math.max(a, b)}`)) continue;
        const inner = polygons[a][0];
        const outer = polygons[b];
        const p = inner.find(
          (q) => pointStrictlyInRing(q[0], q[1], outer[0]) && !outer.slice(1).some((h) => pointInRing(q[0], q[1], h)),
        );
        if (p) {
          overlappingParts.add(`${Math.min(a, b)}:${Math.max(a, b)}`);
          add(overlapProblem(Math.min(a, b), Math.max(a, b), [p[0], p[1]], feature));
        }
      }
    }
  }
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
