/**
 * A user's parcel, made ready for analysis: checked (bounded: vertex and part limits, a CPU budget),
 * repaired so that it keeps its meaning (holes outside their shell dropped, each ring made valid,
 * holes subtracted from their shell, overlapping parts unioned; zero-area results refused), clipped
 * to the data's extent, measured on the ellipsoid, and inventoried (stands, wetlands).
 * Problems a user can fix come back as ProblemError with what to do.
 */
import type { Sql } from 'postgres';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { DEFAULT_VALIDATION_LIMITS, type GeometryProblem, type ProblemCode, type ValidationResult } from '../../layers/geo/validate.ts';
import { ModelInputError } from '../../layers/core/errors.ts';
import type { Finding } from '../../layers/core/findings.ts';
import type { ParcelInventory } from '../../layers/carbon/parcel.ts';
import { ProblemError } from './problem.ts';
import { runInWorker } from './worker-pool.ts';

/** The geometry check, run in the worker pool. */
export const GEOMETRY_CHECK = new URL('../../layers/geo/validate.ts', import.meta.url);
/** GeometryLimitError and ValidationBudgetError codes (layers/geo/validate.ts): too big to check → 413. */
const TOO_BIG = new Set(['too-many-vertices', 'too-many-parts', 'validation-budget-exceeded']);

export interface PreparedParcel {
  /** The parcel as analysed (repaired, clipped to the county), EPSG:4326. */
  geometry: MultiPolygon;
  area_ha: number;
  /** Area of the parcel as sent, before clipping to the data extent. */
  submitted_area_ha: number;
  warnings: Finding[];
}

export interface ParcelLimits {
  /** Largest parcel accepted, km² (HTTP 413 above). */
  max_area_km2: number;
  /** Most vertices accepted in one geometry (HTTP 413 above; TANTU_MAX_VERTICES). */
  max_vertices: number;
  /** Most polygons accepted in one geometry (HTTP 413 above; TANTU_MAX_PARTS). */
  max_parts: number;
  /** CPU budget of the geometry check, ms (HTTP 413 past it; TANTU_VALIDATE_BUDGET_MS). */
  validate_budget_ms: number;
}

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
};

export const DEFAULT_PARCEL_LIMITS: ParcelLimits = {
  max_area_km2: 2500,
  max_vertices: envNumber('TANTU_MAX_VERTICES', DEFAULT_VALIDATION_LIMITS.max_vertices),
  max_parts: envNumber('TANTU_MAX_PARTS', DEFAULT_VALIDATION_LIMITS.max_parts),
  validate_budget_ms: envNumber('TANTU_VALIDATE_BUDGET_MS', DEFAULT_VALIDATION_LIMITS.budget_ms),
};

/**
 * Problems repaired before analysis, with a warning: rings crossing themselves or each other, holes outside
 * their shell (dropped), overlapping parts (unioned). Every other problem, a degenerate ring included, is a 422.
 */
const REPAIRABLE: ReadonlySet<ProblemCode> = new Set(['self-intersection', 'ring-crossing', 'hole-outside-shell', 'overlapping-parts']);

/** A parcel as one geometry, with what the checks found that the repair must deal with. */
export interface CheckedParcel {
  geometry: Polygon | MultiPolygon;
  /** True when a ring crosses itself or another ring, or parts overlap: PostGIS must repair it. */
  needs_repair: boolean;
  /** Holes outside their shell, already dropped from `geometry`, as "feature f, part p, ring r". */
  dropped_holes: string[];
}

const ha = (m2: number) => m2 / 1e4;
const haMu = (area_ha: number) => `${area_ha.toFixed(2)} ha (${(area_ha * 15).toFixed(1)} 亩)`;
const haMuZh = (area_ha: number) => `${area_ha.toFixed(2)} 公顷（${(area_ha * 15).toFixed(1)} 亩）`;

function describeRing(path: GeometryProblem['path']): string {
  const where = [path.feature !== undefined ? `feature ${path.feature}` : '', path.polygon !== undefined ? `part ${path.polygon}` : '', `ring ${path.ring}`];
  return where.filter(Boolean).join(', ');
}

/**
 * Accepts a Polygon/MultiPolygon, a Feature of one, or a FeatureCollection of them (lon/lat);
 * returns one geometry with holes outside their shell dropped, or throws a 422 listing what to fix
 * (413 past the vertex or part limit or the CPU budget of the check).
 */
export async function polygonalGeometry(input: unknown, limits: ParcelLimits = DEFAULT_PARCEL_LIMITS): Promise<CheckedParcel> {
  let problems: GeometryProblem[];
  try {
    // In the worker pool: a 100k-vertex check takes its budget's seconds off another thread, not the event loop.
    ({ problems } = await runInWorker<ValidationResult>(GEOMETRY_CHECK, 'validateParcelGeometry', [input, {
      max_vertices: limits.max_vertices, max_parts: limits.max_parts, budget_ms: limits.validate_budget_ms,
    }]));
  } catch (e) {
    if (e instanceof ModelInputError && TOO_BIG.has(e.code)) throw new ProblemError(413, e.title, e.detail, { ...e.extensions }, e.zh);
    throw e;
  }
  const fatal = problems.filter((p) => !REPAIRABLE.has(p.code));
  if (fatal.length) {
    throw new ProblemError(422, 'Invalid parcel geometry', fatal.map((p) => p.message_en).join(' '), {
      problems: fatal.map(({ code, message_zh, message_en, location }) => ({ code, message_zh, message_en, location })),
    }, { title: '地块几何无效', detail: fatal.map((p) => p.message_zh).join(' ') });
  }
  // Holes outside their shell: removed here (by feature, polygon and ring as sent), named in the warning.
  const outside = problems.filter((p) => p.code === 'hole-outside-shell');
  const drop = new Set(outside.map(({ path }) => `${path.feature}:${path.polygon}:${path.ring}`));
  const keep = (feature: number | undefined, polygon: number | undefined) => (rings: Position[][]) =>
    rings.filter((_, ri) => !drop.has(`${feature}:${polygon}:${ri}`));
  const clean = (g: Polygon | MultiPolygon, feature?: number): Polygon | MultiPolygon =>
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: keep(feature, undefined)(g.coordinates) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((rings, pi) => keep(feature, pi)(rings)) };
  const g = input as { type: string; geometry?: unknown; features?: { geometry: Polygon | MultiPolygon }[] };
  let geometry: Polygon | MultiPolygon;
  if (g.type === 'Feature') geometry = clean(g.geometry as Polygon | MultiPolygon);
  else if (g.type === 'FeatureCollection') {
    geometry = {
      type: 'MultiPolygon',
      coordinates: g.features!.flatMap(({ geometry: p }, fi) => {
        const c = clean(p, fi);
        return c.type === 'Polygon' ? [c.coordinates] : c.coordinates;
      }),
    };
  } else geometry = clean(input as Polygon | MultiPolygon);
  return {
    geometry,
    needs_repair: problems.some((p) => p.code !== 'hole-outside-shell'),
    dropped_holes: outside.map(({ path }) => describeRing(path)),
  };
}

export async function prepareParcel(sql: Sql, input: unknown, limits: ParcelLimits = DEFAULT_PARCEL_LIMITS): Promise<PreparedParcel> {
  const { geometry, needs_repair, dropped_holes } = await polygonalGeometry(input, limits);
  // Repair that keeps meaning: per part, the shell made valid minus the union of its holes made valid
  // (a hole equal to its shell leaves nothing), then the union of the parts (overlaps counted once).
  const rows = await sql<{
    valid: boolean; reason: string; sent_m2: number; parts_m2: number; submitted_ha: number; analysed: string | null;
    analysed_ha: number | null; county: boolean;
  }[]>`
    WITH input AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326) g),
    checked AS (SELECT NOT ${needs_repair}::boolean AND ST_IsValid(g) valid, ST_IsValidReason(g) reason, g FROM input),
    parts AS (
      SELECT ST_Difference(
               ST_CollectionExtract(ST_MakeValid(ST_MakePolygon(ST_ExteriorRing(d.geom))), 3),
               coalesce((SELECT ST_Union(ST_CollectionExtract(ST_MakeValid(ST_MakePolygon(ST_ExteriorRing(r.geom))), 3))
                           FROM ST_DumpRings(d.geom) r WHERE r.path[1] > 0),
                        ST_SetSRID('POLYGON EMPTY'::geometry, 4326))) g,
             ST_Area(d.geom::geography) sent_m2
        FROM checked, ST_Dump(checked.g) d WHERE NOT checked.valid),
    repaired AS (SELECT ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(g)), 3)) g,
                        sum(ST_Area(g::geography)) parts_m2, sum(sent_m2) sent_m2 FROM parts),
    fixed AS (
      SELECT checked.valid, checked.reason, repaired.sent_m2, repaired.parts_m2,
             CASE WHEN checked.valid THEN ST_Multi(checked.g) ELSE repaired.g END g
        FROM checked, repaired),
    extent AS (SELECT ST_Union(geom) g FROM regions WHERE level = 'county')
    SELECT fixed.valid, fixed.reason, fixed.sent_m2, fixed.parts_m2,
           coalesce(ST_Area(fixed.g::geography), 0) / 1e4 submitted_ha,
           ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(fixed.g, extent.g), 3)), 9) analysed,
           ST_Area(ST_Intersection(fixed.g, extent.g)::geography) / 1e4 analysed_ha,
           extent.g IS NOT NULL county
      FROM fixed, extent`;
  const r = rows[0];
  const warnings: Finding[] = [];
  if (dropped_holes.length) {
    warnings.push({
      code: 'holes_dropped',
      zh: `${dropped_holes.length} 个洞不在其外环之内，已忽略（${dropped_holes.join('；')}）：只计算外环内的面积。`,
      en: `${dropped_holes.length} hole(s) lie outside their shell and were dropped (${dropped_holes.join('; ')}): only the area inside the shell counts.`,
    });
  }
  if (!r.valid) {
    if (r.submitted_ha <= 0) {
      throw new ProblemError(422, 'Invalid geometry',
        `The polygon is invalid (${r.reason}) and has no area once repaired (e.g. a hole equal to its shell). Redraw it without crossing edges.`, {},
        { title: '几何无效', detail: `多边形无效(${r.reason}),修复后面积为零(例如内环与外环相同)。请重新绘制,边不要交叉。` });
    }
    const overlap_ha = ha(r.parts_m2) - r.submitted_ha;
    if (overlap_ha > 1e-6 * r.submitted_ha) {
      warnings.push({
        code: 'parts_unioned',
        zh: `多边形的部分相互重叠，重叠面积 ${haMuZh(overlap_ha)}；已合并（union），重叠处只计一次。`,
        en: `Parts of the polygon overlap by ${haMu(overlap_ha)}; they were unioned so the overlap counts once.`,
      });
    }
    warnings.push({
      code: 'geometry_repaired',
      zh: `多边形无效（${r.reason}），已修复后计算：修复前面积 ${haMuZh(ha(r.sent_m2))}，修复后 ${haMuZh(r.submitted_ha)}。`,
      en: `The polygon was invalid (${r.reason}); it was repaired before analysis: area before repair ${haMu(ha(r.sent_m2))}, after ${haMu(r.submitted_ha)}.`,
    });
  }
  if (r.submitted_ha <= 0) {
    throw new ProblemError(422, 'Empty parcel', 'The polygon has zero area. Draw at least three distinct vertices.', {},
      { title: '地块面积为零', detail: '多边形面积为零:请至少绘制三个不同的顶点。' });
  }
  if (r.submitted_ha / 100 > limits.max_area_km2) {
    throw new ProblemError(413, 'Parcel too large',
      `The parcel covers ${(r.submitted_ha / 100).toFixed(0)} km²; the limit is ${limits.max_area_km2} km². Split it into smaller parcels.`,
      { limit_km2: limits.max_area_km2 },
      { title: '地块过大', detail: `地块面积 ${(r.submitted_ha / 100).toFixed(0)} 平方公里,上限为 ${limits.max_area_km2} 平方公里。请拆分为较小的地块。` });
  }
  if (!r.county) {
    throw new ProblemError(422, 'No region loaded', 'The database holds no county boundary: load the demo county or import regions first.', {},
      { title: '未加载行政区', detail: '数据库中没有县界:请先加载演示县或导入行政区。' });
  }
  const analysedHa = r.analysed_ha ?? 0;
  if (analysedHa <= 0 || !r.analysed) {
    throw new ProblemError(422, 'Parcel outside the data extent',
      'The parcel does not overlap the loaded county. Check that coordinates are WGS-84 lon/lat (GCJ-02 from Chinese web maps must be converted) and inside the county.', {},
      { title: '地块在数据范围之外', detail: '地块与已加载的县域不重叠。请确认坐标为 WGS-84 经纬度(来自国内网络地图的 GCJ-02 坐标须先转换),且位于县域内。' });
  }
  const outsideShare = 1 - analysedHa / r.submitted_ha;
  if (outsideShare > 0.001) {
    warnings.push({
      code: 'clipped_to_extent',
      zh: `地块有 ${(outsideShare * 100).toFixed(1)}% 位于数据范围之外，仅计算范围内部分。`,
      en: `${(outsideShare * 100).toFixed(1)} % of the parcel lies outside the data extent; only the part inside was analysed.`,
    });
  }
  return { geometry: JSON.parse(r.analysed) as MultiPolygon, area_ha: analysedHa, submitted_area_ha: r.submitted_ha, warnings };
}

/** A stand cut by the parcel: its record, the area inside (ha) and its share of the stand (0–1). */
export type StandOverlap = ParcelInventory['stands'][number];

/** A wetland record cut by the parcel, with the area inside (ha). */
export type WetlandOverlap = ParcelInventory['wetlands'][number];

export async function standsInParcel(sql: Sql, parcel: MultiPolygon): Promise<StandOverlap[]> {
  return sql<StandOverlap[]>`
    WITH p AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(parcel)}), 4326) g)
    SELECT s.id, s.species_group, s.forest_type, s.origin, s.age_yr, s.site_class, s.volume_m3_per_ha,
           s.culm_density_per_ha, s.mean_dbh_cm, x.area_ha, -- Intersection and whole areas are computed separately: clamp the rounding excess (1 + 1e-6).
           LEAST(1, x.area_ha / nullif(ST_Area(s.geom::geography) / 1e4, 0)) share
      FROM stands s, p,
           LATERAL (SELECT ST_Area(ST_Intersection(s.geom, p.g)::geography) / 1e4 area_ha) x
     WHERE ST_Intersects(s.geom, p.g) AND x.area_ha > 0
     ORDER BY x.area_ha DESC`;
}

export async function wetlandsInParcel(sql: Sql, parcel: MultiPolygon): Promise<WetlandOverlap[]> {
  return sql<WetlandOverlap[]>`
    WITH p AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(parcel)}), 4326) g)
    SELECT w.id, w.wetland_type, ST_Area(ST_Intersection(w.geom, p.g)::geography) / 1e4 area_ha
      FROM wetlands w, p
     WHERE ST_Intersects(w.geom, p.g)
     ORDER BY area_ha DESC`;
}
