/**
 * Writing vector features into the PostGIS tables. One definition per target table
 * (columns, SQL types, required fields, geometry type) serves the demo loader and
 * every importer, so they validate and insert the same way.
 */
import type { Sql, TransactionSql } from 'postgres';
import type { Feature, Geometry } from 'geojson';

type SqlType = 'text' | 'integer' | 'smallint' | 'double precision';

export interface TargetTable {
  table: string;
  geometry: 'MultiPolygon' | 'LineString' | 'Point';
  columns: Record<string, SqlType>;
  required: string[];
}

const polygonal = 'MultiPolygon' as const;

export const VECTOR_TARGETS = {
  regions: {
    table: 'regions', geometry: polygonal,
    columns: { id: 'text', parent_id: 'text', level: 'text', name_zh: 'text', name_en: 'text', population: 'integer' },
    required: ['id', 'level', 'name_zh'],
  },
  stands: {
    table: 'stands', geometry: polygonal,
    columns: {
      id: 'text', species_group: 'text', forest_type: 'text', origin: 'text', age_yr: 'integer', site_class: 'integer',
      volume_m3_per_ha: 'double precision', culm_density_per_ha: 'double precision', mean_dbh_cm: 'double precision',
      owner_village: 'text',
    },
    required: ['id', 'species_group', 'forest_type'],
  },
  wetlands: {
    table: 'wetlands', geometry: polygonal,
    columns: { id: 'text', wetland_type: 'text', name_zh: 'text', name_en: 'text' },
    required: ['id', 'wetland_type'],
  },
  protected_areas: {
    table: 'protected_areas', geometry: polygonal,
    columns: { id: 'text', kind: 'text', name_zh: 'text', name_en: 'text' },
    required: ['id', 'kind'],
  },
  roads: {
    table: 'roads', geometry: 'LineString',
    columns: { id: 'text', road_class: 'text', name_zh: 'text', name_en: 'text', speed_kmh: 'double precision', oneway: 'smallint' },
    required: ['id', 'road_class', 'speed_kmh'],
  },
  places: {
    table: 'places', geometry: 'Point',
    columns: { id: 'text', kind: 'text', name_zh: 'text', name_en: 'text', population: 'integer' },
    required: ['id', 'kind', 'name_zh'],
  },
  stations: {
    table: 'charging_stations', geometry: 'Point',
    columns: { id: 'text', name_zh: 'text', name_en: 'text', chargers: 'integer', power_kw: 'double precision', site_kind: 'text' },
    required: ['id', 'chargers', 'power_kw'],
  },
  substations: {
    table: 'substations', geometry: 'Point',
    columns: { id: 'text', name_zh: 'text', name_en: 'text', voltage_kv: 'double precision' },
    required: ['id', 'voltage_kv'],
  },
  power_lines: {
    table: 'power_lines', geometry: 'LineString',
    columns: { id: 'text', voltage_kv: 'double precision' },
    required: ['id', 'voltage_kv'],
  },
} satisfies Record<string, TargetTable>;

export type VectorTarget = keyof typeof VECTOR_TARGETS;

export function isVectorTarget(name: string): name is VectorTarget {
  return Object.hasOwn(VECTOR_TARGETS, name);
}

/** A problem with one input feature; `index` is 0-based in the input array. */
export class FeatureError extends Error {
  constructor(readonly index: number, readonly problem: string) {
    super(`feature ${index + 1}: ${problem}`);
  }
}

/** Check required properties and geometry type in JS; throws FeatureError naming the first bad feature. */
export function checkFeatures(target: VectorTarget, features: Feature[]): void {
  const def: TargetTable = VECTOR_TARGETS[target];
  const allowed = def.geometry === 'MultiPolygon' ? ['Polygon', 'MultiPolygon'] : [def.geometry];
  features.forEach((f, i) => {
    const g = f.geometry as Geometry | null;
    if (!g) throw new FeatureError(i, 'has no geometry');
    if (!allowed.includes(g.type)) {
      throw new FeatureError(i, `geometry is ${g.type}, but ${target} needs ${allowed.join(' or ')}`);
    }
    for (const col of def.required) {
      const v = f.properties?.[col];
      if (v === undefined || v === null || v === '') throw new FeatureError(i, `missing required field "${col}"`);
    }
  });
}

const BATCH = 2000;

/**
 * Insert features (lon/lat, EPSG:4326) into a target table inside the caller's transaction.
 * Geometries are checked with ST_IsValid first; an invalid one throws FeatureError with
 * PostGIS's reason (e.g. "Self-intersection[119.6 30.6]") and nothing is inserted.
 */
export async function insertFeatures(
  tx: Sql | TransactionSql,
  target: VectorTarget,
  features: Feature[],
  source: string,
): Promise<number> {
  checkFeatures(target, features);
  const def: TargetTable = VECTOR_TARGETS[target];
  const cols = Object.keys(def.columns);
  const recordType = [...cols.map((c) => `"${c}" ${def.columns[c]}`), 'geometry jsonb', 'ord integer'].join(', ');
  const geomExpr = def.geometry === 'MultiPolygon'
    ? 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326))'
    : 'ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)';
  for (let start = 0; start < features.length; start += BATCH) {
    const rows = features.slice(start, start + BATCH).map((f, k) => {
      const row: Record<string, unknown> = { geometry: f.geometry, ord: start + k };
      for (const c of cols) row[c] = f.properties?.[c] ?? null;
      return row;
    });
    const payload = JSON.stringify(rows);
    const bad = await tx.unsafe<{ ord: number; reason: string }[]>(
      `SELECT r.ord, ST_IsValidReason(ST_GeomFromGeoJSON(r.geometry)) AS reason
         FROM jsonb_to_recordset($1::text::jsonb) AS r(${recordType})
        WHERE NOT ST_IsValid(ST_GeomFromGeoJSON(r.geometry)) ORDER BY r.ord LIMIT 1`,
      [payload],
    );
    if (bad.length) throw new FeatureError(bad[0].ord, `invalid geometry: ${bad[0].reason}`);
    await tx.unsafe(
      `INSERT INTO ${def.table} (${cols.map((c) => `"${c}"`).join(', ')}, source, geom)
       SELECT ${cols.map((c) => `r."${c}"`).join(', ')}, $2, ${geomExpr}
         FROM jsonb_to_recordset($1::text::jsonb) AS r(${recordType})`,
      [payload, source],
    );
  }
  return features.length;
}
