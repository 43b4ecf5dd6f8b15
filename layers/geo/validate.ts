/**
 * Validation of user-supplied parcels (drawn, uploaded) before any area or zonal computation.
 *
 * Accepts a GeoJSON (RFC 7946) Polygon or MultiPolygon, or a Feature / FeatureCollection of them,
 * in lon/lat degrees (EPSG:4326; EPSG:4490 is treated as 4326). Checks, each reported with a code,
 * a location (lon/lat of the problem, when there is one), a path to the offending coordinates and
 * messages in Chinese and English:
 * - type and structure (positions of ≥ 2 finite numbers, rings of ≥ 4 positions, closed rings);
 * - range (−180 ≤ lon ≤ 180, −90 ≤ lat ≤ 90), with two diagnoses: projected coordinates (metres,
 *   e.g. CGCS2000 Gauss–Krüger or Web Mercator) and swapped lat/lon;
 * - degenerate rings (zero area);
 * - self-intersections inside a ring (OGC Simple Features: a ring must be simple), crossings between
 *   rings of a polygon, holes outside their shell, and overlapping parts of a MultiPolygon (which
 *   would count area twice). Rings of one polygon may touch at single points (OGC-valid).
 * Ring orientation is not checked: RFC 7946 §3.1.6 asks parsers not to reject by winding order.
 * The topology checks (intersections, holes, overlapping parts) are in topology.ts.
 *
 * Bounded: the vertex and part counts are checked before anything else (GeometryLimitError), and
 * the whole check runs against a CPU deadline (ValidationBudgetError), so no input can hold the
 * caller for long.
 */
import type { Position } from 'geojson';
import { ModelInputError } from '../core/errors.ts';
import { checkTopology, fmt, type Tick } from './topology.ts';

export type ProblemCode =
  | 'not-geojson'
  | 'unsupported-type'
  | 'empty'
  | 'bad-position'
  | 'non-finite'
  | 'projected-coordinates'
  | 'lat-lon-swapped'
  | 'out-of-range'
  | 'too-few-positions'
  | 'ring-not-closed'
  | 'degenerate-ring'
  | 'self-intersection'
  | 'ring-crossing'
  | 'hole-outside-shell'
  | 'overlapping-parts';

export interface GeometryProblem {
  code: ProblemCode;
  message_zh: string;
  message_en: string;
  /** lon/lat (degrees) where the problem is, when it has a place. */
  location?: [number, number];
  /** where in the input: feature index (FeatureCollection), polygon, ring and vertex indices. */
  path: { feature?: number; polygon?: number; ring?: number; vertex?: number };
}

export interface ValidationResult {
  ok: boolean;
  problems: GeometryProblem[];
}

export interface ValidateOptions {
  /** stop reporting intersections (and overlapping parts) after this many (default 20) */
  maxIntersections?: number;
  /** most positions accepted over all rings (default 100 000) */
  max_vertices?: number;
  /** most polygons accepted over all features and MultiPolygons (default 10 000) */
  max_parts?: number;
  /** milliseconds the check may take from its call (default 2 000); relative, so it means the same in any thread */
  budget_ms?: number;
}

export const DEFAULT_VALIDATION_LIMITS = { max_vertices: 100_000, max_parts: 10_000, budget_ms: 2_000 } as const;

/** The geometry has more vertices or parts than accepted; checked before any other work. */
export class GeometryLimitError extends ModelInputError {
  constructor(readonly what: 'vertices' | 'parts', readonly count: number, readonly limit: number) {
    super({
      code: `too-many-${what}`,
      title: what === 'vertices' ? 'Parcel has too many vertices' : 'Parcel has too many parts',
      detail: what === 'vertices'
        ? `The parcel has ${count} vertices; the limit is ${limit}. Simplify it (e.g. to 1 m tolerance) and send it again.`
        : `The parcel has ${count} polygons; the limit is ${limit}. Merge or split it and send it again.`,
      extensions: { [`limit_${what}`]: limit, [what]: count },
      zh: what === 'vertices'
        ? { title: '地块顶点过多', detail: `地块有 ${count} 个顶点，上限为 ${limit}。请简化（例如按 1 米容差）后重新提交。` }
        : { title: '地块部件过多', detail: `地块有 ${count} 个多边形，上限为 ${limit}。请合并或拆分后重新提交。` },
    });
    this.name = 'GeometryLimitError';
  }
}

/** Checking the geometry took longer than its CPU budget. */
export class ValidationBudgetError extends ModelInputError {
  constructor(readonly budget_ms: number) {
    super({
      code: 'validation-budget-exceeded',
      title: 'Parcel geometry too complex',
      detail: `Checking the parcel geometry took more than its budget of ${Math.round(budget_ms)} ms. Simplify it (fewer vertices, no overlapping parts) and send it again.`,
      extensions: { limit_ms: Math.round(budget_ms) },
      zh: { title: '地块几何过于复杂', detail: `检查地块几何用时超过 ${Math.round(budget_ms)} 毫秒的上限。请简化（减少顶点、去掉重叠部件）后重新提交。` },
    });
    this.name = 'ValidationBudgetError';
  }
}

type Path = GeometryProblem['path'];

/**
 * Validate a user parcel; `ok` is true when there are no problems.
 * @param input parsed JSON (any value)
 * @throws GeometryLimitError above `max_vertices` / `max_parts`, ValidationBudgetError past `budget_ms`
 */
export function validateParcelGeometry(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const start_ms = performance.now();
  const deadline = start_ms + (options.budget_ms ?? DEFAULT_VALIDATION_LIMITS.budget_ms);
  const problems: GeometryProblem[] = [];
  const maxX = options.maxIntersections ?? 20;
  const add = (p: GeometryProblem) => problems.push(p);
  const size = countShape(input);
  const maxParts = options.max_parts ?? DEFAULT_VALIDATION_LIMITS.max_parts;
  const maxVertices = options.max_vertices ?? DEFAULT_VALIDATION_LIMITS.max_vertices;
  if (size.parts > maxParts) throw new GeometryLimitError('parts', size.parts, maxParts);
  if (size.vertices > maxVertices) throw new GeometryLimitError('vertices', size.vertices, maxVertices);
  let ticks = 0;
  const tick: Tick = () => {
    if ((++ticks & 1023) === 0 && performance.now() > deadline) throw new ValidationBudgetError(deadline - start_ms);
  };

  if (input === null || typeof input !== 'object' || typeof (input as { type?: unknown }).type !== 'string') {
    add({
      code: 'not-geojson',
      message_zh: '输入不是 GeoJSON 对象（缺少 "type"）。',
      message_en: 'The input is not a GeoJSON object (no "type").',
      path: {},
    });
    return { ok: false, problems };
  }
  const obj = input as { type: string; [k: string]: unknown };
  if (obj.type === 'FeatureCollection') {
    const features = obj.features;
    if (!Array.isArray(features) || features.length === 0) {
      add({ code: 'empty', message_zh: '要素集合为空。', message_en: 'The FeatureCollection has no features.', path: {} });
    } else {
      features.forEach((f, i) => checkFeature(f, i, add, maxX, tick));
    }
  } else if (obj.type === 'Feature') {
    checkFeature(obj, undefined, add, maxX, tick);
  } else {
    checkGeometry(obj, undefined, add, maxX, tick);
  }
  return { ok: problems.length === 0, problems };
}

function checkFeature(f: unknown, featureIndex: number | undefined, add: (p: GeometryProblem) => void, maxX: number, tick: Tick) {
  const where = featureIndex === undefined ? '' : ` #${featureIndex}`;
  if (f === null || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
    add({
      code: 'not-geojson',
      message_zh: `要素${where}不是 GeoJSON Feature。`,
      message_en: `Item${where} is not a GeoJSON Feature.`,
      path: { feature: featureIndex },
    });
    return;
  }
  const g = (f as { geometry?: unknown }).geometry;
  if (g === null || g === undefined) {
    add({
      code: 'empty',
      message_zh: `要素${where}没有几何（geometry 为 null）。`,
      message_en: `Feature${where} has no geometry (geometry is null).`,
      path: { feature: featureIndex },
    });
    return;
  }
  checkGeometry(g, featureIndex, add, maxX, tick);
}

function checkGeometry(g: unknown, feature: number | undefined, add: (p: GeometryProblem) => void, maxX: number, tick: Tick) {
  const type = (g as { type?: unknown })?.type;
  const coords = (g as { coordinates?: unknown })?.coordinates;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    add({
      code: 'unsupported-type',
      message_zh: `几何类型 ${String(type)} 不受支持：地块须为 Polygon 或 MultiPolygon。`,
      message_en: `Geometry type ${String(type)} is not supported: a parcel must be a Polygon or MultiPolygon.`,
      path: { feature },
    });
    return;
  }
  if (!Array.isArray(coords) || coords.length === 0) {
    add({
      code: 'empty',
      message_zh: `${type} 没有坐标。`,
      message_en: `The ${type} has no coordinates.`,
      path: { feature },
    });
    return;
  }
  const polygons: unknown[] = type === 'Polygon' ? [coords] : coords;

  // 1. structure and numbers
  const clean: Position[][][] = [];
  let structureOk = true;
  const all: Position[] = [];
  polygons.forEach((rings, pi) => {
    const polygon = type === 'Polygon' ? undefined : pi;
    const out: Position[][] = [];
    if (!Array.isArray(rings) || rings.length === 0) {
      add({
        code: 'empty',
        message_zh: `多边形${polygon === undefined ? '' : ` #${polygon}`} 没有环。`,
        message_en: `Polygon${polygon === undefined ? '' : ` #${polygon}`} has no rings.`,
        path: { feature, polygon },
      });
      structureOk = false;
      return;
    }
    rings.forEach((ring: unknown, ri: number) => {
      if (!Array.isArray(ring)) {
        add({
          code: 'bad-position',
          message_zh: `环 ${ri} 不是坐标数组。`,
          message_en: `Ring ${ri} is not an array of positions.`,
          path: { feature, polygon, ring: ri },
        });
        structureOk = false;
        return;
      }
      const r: Position[] = [];
      ring.forEach((p: unknown, vi: number) => {
        if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
          add({
            code: 'bad-position',
            message_zh: `环 ${ri} 第 ${vi} 个点不是 [经度, 纬度] 数字对。`,
            message_en: `Position ${vi} of ring ${ri} is not a [lon, lat] pair of numbers.`,
            path: { feature, polygon, ring: ri, vertex: vi },
          });
          structureOk = false;
          return;
        }
        if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          add({
            code: 'non-finite',
            message_zh: `环 ${ri} 第 ${vi} 个点含非有限数值（NaN 或无穷）。`,
            message_en: `Position ${vi} of ring ${ri} has a non-finite value (NaN or infinity).`,
            path: { feature, polygon, ring: ri, vertex: vi },
          });
          structureOk = false;
          return;
        }
        r.push([p[0], p[1]]);
        all.push(p as Position);
      });
      out.push(r);
    });
    clean.push(out);
  });
  if (!structureOk) return;

  // 2. range, with diagnosis of projected and swapped coordinates
  if (!checkRange(all, feature, add)) return;

  // 3. rings: count, closure, degeneracy
  let ringsOk = true;
  clean.forEach((rings, pi) => {
    const polygon = type === 'Polygon' ? undefined : pi;
    rings.forEach((r, ri) => {
      const path = { feature, polygon, ring: ri };
      if (r.length < 4) {
        add({
          code: 'too-few-positions',
          message_zh: `环 ${ri} 只有 ${r.length} 个点：闭合环至少需要 4 个点（首尾相同）。`,
          message_en: `Ring ${ri} has ${r.length} positions: a closed ring needs at least 4 (first = last).`,
          location: r.length ? [r[0][0], r[0][1]] : undefined,
          path,
        });
        ringsOk = false;
        return;
      }
      const a = r[0];
      const b = r[r.length - 1];
      if (a[0] !== b[0] || a[1] !== b[1]) {
        add({
          code: 'ring-not-closed',
          message_zh: `环 ${ri} 未闭合：首点 ${fmt(a)} 与末点 ${fmt(b)} 不同。请在末尾补上首点。`,
          message_en: `Ring ${ri} is not closed: first position ${fmt(a)} differs from last ${fmt(b)}. Repeat the first position at the end.`,
          location: [b[0], b[1]],
          path: { ...path, vertex: r.length - 1 },
        });
        ringsOk = false;
        return;
      }
      if (collinear(r)) {
        const where_en = [feature === undefined ? '' : `feature ${feature}`, polygon === undefined ? '' : `part ${polygon}`].filter(Boolean).join(', ');
        const where_zh = `${feature === undefined ? '' : `要素 ${feature} `}${polygon === undefined ? '' : `第 ${polygon} 部分`}`;
        add({
          code: 'degenerate-ring',
          message_zh: `${where_zh}环 ${ri} 面积为零（所有点共线或重合，或不足 3 个不同的点）。`,
          message_en: `Ring ${ri}${where_en ? ` (${where_en})` : ''} has zero area (all positions are collinear or repeated, or fewer than 3 distinct).`,
          location: [a[0], a[1]],
          path,
        });
        ringsOk = false;
      }
    });
  });
  if (!ringsOk) return;

  // 4. intersections, holes, overlapping parts
  checkTopology(clean, type === 'MultiPolygon', feature, add, maxX, tick);
}

function checkRange(all: Position[], feature: number | undefined, add: (p: GeometryProblem) => void): boolean {
  let bad: Position | undefined;
  let maxAbsX = 0;
  let maxAbsY = 0;
  for (const p of all) {
    maxAbsX = Math.max(maxAbsX, Math.abs(p[0]));
    maxAbsY = Math.max(maxAbsY, Math.abs(p[1]));
    if (!bad && (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)) bad = p;
  }
  if (!bad) return true;
  if (maxAbsX > 1000 || maxAbsY > 1000) {
    // Metres. Typical grids for Zhejiang: CGCS2000 GK with 500 km false easting (x 2e5–8e5,
    // y 2e6–6e6), GK with the zone number prefixed to the easting (3° zones 25–45: x 25e6–46e6;
    // 6° zones 13–23: x 13e6–24e6), Web Mercator (China: x 8.1e6–1.51e7, y 2.0e6–7.2e6).
    let hint_en = 'projected coordinates (metres)';
    let hint_zh = '投影坐标（米）';
    const x = bad[0];
    const y = bad[1];
    if (x > 1e5 && x < 1e6 && y > 1e6 && y < 6.2e6) {
      hint_en = 'CGCS2000 Gauss–Krüger metres with 500 km false easting (e.g. EPSG:4549, CM 120°E)';
      hint_zh = 'CGCS2000 高斯–克吕格投影坐标（东偏 500 km，如 EPSG:4549 中央经线 120°E）';
    } else if (x >= 2.5e7 && x < 4.6e7 && y > 1e6 && y < 6.2e6) {
      hint_en = `CGCS2000 3° Gauss–Krüger metres with zone ${Math.floor(x / 1e6)} prefixed to the easting`;
      hint_zh = `CGCS2000 3° 带高斯–克吕格投影坐标（东坐标带号 ${Math.floor(x / 1e6)} 前缀）`;
    } else if (x >= 8e6 && x <= 1.52e7 && y >= 2e6 && y <= 7.2e6) {
      hint_en = 'Web Mercator metres (EPSG:3857)';
      hint_zh = 'Web 墨卡托坐标（EPSG:3857）';
    } else if (x >= 1.3e7 && x < 2.4e7 && y > 1e6 && y < 6.2e6) {
      hint_en = `CGCS2000 6° Gauss–Krüger metres with zone ${Math.floor(x / 1e6)} prefixed to the easting`;
      hint_zh = `CGCS2000 6° 带高斯–克吕格投影坐标（东坐标带号 ${Math.floor(x / 1e6)} 前缀）`;
    }
    add({
      code: 'projected-coordinates',
      message_zh: `坐标 ${fmt(bad)} 不是经纬度，看起来是${hint_zh}。请转换为 WGS 84 / CGCS2000 经纬度（EPSG:4326 / 4490）后再上传，或在上传时注明坐标系。`,
      message_en: `Coordinate ${fmt(bad)} is not lon/lat; it looks like ${hint_en}. Convert to WGS 84 / CGCS2000 lon/lat (EPSG:4326 / 4490) before uploading, or state the CRS when uploading.`,
      path: { feature },
    });
    return false;
  }
  const swappedOk = all.every((p) => Math.abs(p[1]) <= 180 && Math.abs(p[0]) <= 90);
  if (swappedOk && maxAbsY > 90) {
    add({
      code: 'lat-lon-swapped',
      message_zh: `坐标 ${fmt(bad)} 的纬度超出 ±90°，但交换后有效：经纬度顺序可能颠倒。GeoJSON 要求 [经度, 纬度]。`,
      message_en: `Coordinate ${fmt(bad)} has a latitude beyond ±90° but is valid when swapped: lat/lon are probably in the wrong order. GeoJSON requires [lon, lat].`,
      location: [bad[1], bad[0]],
      path: { feature },
    });
    return false;
  }
  add({
    code: 'out-of-range',
    message_zh: `坐标 ${fmt(bad)} 超出范围：经度须在 −180…180，纬度须在 −90…90。`,
    message_en: `Coordinate ${fmt(bad)} is out of range: longitude must be within −180…180 and latitude within −90…90.`,
    path: { feature },
  });
  return false;
}

/**
 * Polygons and positions in a GeoJSON value, counted over whatever arrays it has (no other checks),
 * so size limits are known before any costly work.
 */
function countShape(input: unknown): { parts: number; vertices: number } {
  let parts = 0;
  let vertices = 0;
  const polygon = (rings: unknown) => {
    parts++;
    if (Array.isArray(rings)) for (const r of rings) if (Array.isArray(r)) vertices += r.length;
  };
  const geometry = (g: unknown) => {
    const { type, coordinates } = (g ?? {}) as { type?: unknown; coordinates?: unknown };
    if (!Array.isArray(coordinates)) return;
    if (type === 'Polygon') polygon(coordinates);
    else if (type === 'MultiPolygon') for (const p of coordinates) polygon(p);
  };
  const o = (input ?? {}) as { type?: unknown; features?: unknown; geometry?: unknown };
  if (o.type === 'FeatureCollection' && Array.isArray(o.features)) for (const f of o.features) geometry((f as { geometry?: unknown } | null)?.geometry);
  else if (o.type === 'Feature') geometry(o.geometry);
  else geometry(o);
  return { parts, vertices };
}

/**
 * All positions on one line (or all equal): every position within 1e-9° (≈ 0.1 mm) of the line
 * through the first position and the one farthest from it.
 */
function collinear(r: Position[]): boolean {
  const [ax, ay] = r[0];
  let bx = ax, by = ay, far = 0;
  for (const p of r) {
    const d = (p[0] - ax) ** 2 + (p[1] - ay) ** 2;
    if (d > far) { far = d; bx = p[0]; by = p[1]; }
  }
  if (far === 0) return true;
  const len = Math.sqrt(far);
  for (const p of r) if (Math.abs((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)) / len > 1e-9) return false;
  return true;
}
