/**
 * From the file's attributes to the target table's fields: explicit --map, constants (--set),
 * built-in aliases, value maps (Chinese names → keys), type coercion, generated ids, and
 * geometry normalisation to what the target column holds. Pure; throws ParseError naming the feature.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { VECTOR_TARGETS, type TargetTable, type VectorTarget } from '../../api/store/vectors.ts';
import { ParseError } from './errors.ts';
import { CODED_FIELDS, FIELD_ALIASES, SPECIES_GROUP_KEYS, SPECIES_NAMES } from './values.ts';

export interface FieldOptions {
  /** targetField → source column name. */
  map?: Record<string, string>;
  /** targetField → constant value for every feature (e.g. kind=eco_redline for a bare geometry). */
  set?: Record<string, string>;
  /** targetField → (source value → target value), applied before the built-in value maps. */
  values?: Record<string, Record<string, string>>;
  /** Prefix of generated ids: `<target>-<file stem>`; ids are `<prefix>-<n>` with n the 1-based feature number. */
  idPrefix: string;
}

/** Column defaults of the schema (insertFeatures writes explicit NULLs, so they are applied here). */
const DEFAULTS: Partial<Record<VectorTarget, Record<string, string | number>>> = {
  stations: { site_kind: 'public' },
  roads: { oneway: 0 },
};

/** File stem → a safe id part: letters (any script) and digits, other runs → '-'. */
export function slug(stem: string): string {
  return stem.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'import';
}

function sourceKeys(features: Feature[], columns?: string[]): string[] {
  if (columns) return columns;
  const keys = new Set<string>();
  for (const f of features.slice(0, 1000)) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  return [...keys];
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

/** Which source column feeds each target field (undefined: none). */
export function resolveColumns(
  target: VectorTarget,
  features: Feature[],
  opts: FieldOptions,
  columns?: string[],
): Record<string, string | undefined> {
  const def: TargetTable = VECTOR_TARGETS[target];
  const fields = Object.keys(def.columns);
  const keys = sourceKeys(features, columns);
  const byNorm = new Map(keys.map((k) => [norm(k), k]));
  for (const t of [...Object.keys(opts.map ?? {}), ...Object.keys(opts.set ?? {})]) {
    if (!fields.includes(t)) {
      throw new ParseError(
        `"${t}" is not a field of ${target}`,
        `fields of ${target} are: ${fields.join(', ')} (write --map <field>=<column>)`,
      );
    }
  }
  const out: Record<string, string | undefined> = {};
  for (const field of fields) {
    if (opts.set?.[field] !== undefined) continue;
    const mapped = opts.map?.[field];
    if (mapped !== undefined) {
      const k = byNorm.get(norm(mapped));
      if (!k) {
        throw new ParseError(
          `column "${mapped}" (mapped to ${field}) is not in the file`,
          `the file's columns are: ${keys.join(', ') || '(none)'}`,
        );
      }
      out[field] = k;
      continue;
    }
    for (const cand of [field, ...(FIELD_ALIASES[field] ?? [])]) {
      const k = byNorm.get(norm(cand));
      if (k) {
        out[field] = k;
        break;
      }
    }
  }
  return out;
}

function codedValue(target: VectorTarget, field: string, raw: string, opts: FieldOptions): string {
  const user = opts.values?.[field]?.[raw];
  if (user !== undefined) return user;
  if (field === 'species_group' && target === 'stands') {
    if ((SPECIES_GROUP_KEYS as readonly string[]).includes(raw)) return raw;
    const zh = SPECIES_NAMES[raw] ?? SPECIES_NAMES[raw.replace(/\s+/g, '')];
    if (zh) return zh;
    throw new ParseError(
      `species_group "${raw}" is not a known species group`,
      `use one of ${SPECIES_GROUP_KEYS.join(', ')} or a Chinese name such as 杉木, 马尾松, 毛竹, 阔叶混; ` +
        `or map it: --value species_group:${raw}=<key>`,
    );
  }
  const coded = CODED_FIELDS[target]?.[field];
  if (!coded) return raw;
  if (coded.allowed.includes(raw)) return raw;
  const syn = coded.synonyms[raw] ?? coded.synonyms[raw.toLowerCase()];
  if (syn) return syn;
  throw new ParseError(
    `${field} "${raw}" is not one of ${coded.allowed.join(', ')}`,
    `use one of those values or a Chinese name (${Object.keys(coded.synonyms).slice(0, 6).join(', ')} …); or map it: --value ${field}:${raw}=<value>`,
  );
}

function coerce(field: string, type: string, v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && v.trim() === '') return null;
  if (type === 'text') return typeof v === 'string' ? v.trim() : String(v);
  const n = typeof v === 'number' ? v : Number(String(v).trim().replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new ParseError(`${field} "${String(v)}" is not a number`, `fix the value or map another column to ${field}`);
  if (type === 'double precision') return n;
  if (!Number.isInteger(n)) throw new ParseError(`${field} "${String(v)}" is not a whole number`, `${field} must be an integer`);
  if (type === 'smallint' && Math.abs(n) > 32767) throw new ParseError(`${field} ${n} is out of range`, `${field} must be small`);
  return n;
}

/** Geometry to the shape the target column stores, or undefined if it cannot be (caller reports). */
export function normaliseGeometry(g: Geometry | null, want: TargetTable['geometry']): Geometry | null {
  if (!g) return g;
  const flat = (p: Position): Position => [p[0], p[1]];
  if (want === 'Point') {
    if (g.type === 'MultiPoint' && g.coordinates.length === 1) return { type: 'Point', coordinates: flat(g.coordinates[0]) };
    if (g.type === 'Point') return { type: 'Point', coordinates: flat(g.coordinates) };
  }
  if (want === 'LineString') {
    if (g.type === 'MultiLineString' && g.coordinates.length === 1) return { type: 'LineString', coordinates: g.coordinates[0].map(flat) };
    if (g.type === 'LineString') return { type: 'LineString', coordinates: g.coordinates.map(flat) };
  }
  if (want === 'MultiPolygon') {
    if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(flat)) };
    if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(flat))) };
    if (g.type === 'GeometryCollection' && g.geometries.length && g.geometries.every((x) => x.type === 'Polygon' || x.type === 'MultiPolygon')) {
      const polys: Position[][][] = [];
      for (const x of g.geometries) {
        if (x.type === 'Polygon') polys.push(x.coordinates.map((r) => r.map(flat)));
        else if (x.type === 'MultiPolygon') for (const p of x.coordinates) polys.push(p.map((r) => r.map(flat)));
      }
      return { type: 'MultiPolygon', coordinates: polys };
    }
  }
  return g;
}

/**
 * Build the target rows: properties hold exactly the target's fields (coerced), geometry normalised.
 * Missing ids are generated as `<idPrefix>-<n>`; stands without forest_type get one from species_group
 * (moso_bamboo → bamboo, everything else → arbor). Throws ParseError with `where` = labels[i].
 */
export function toTargetFeatures(
  target: VectorTarget,
  features: Feature[],
  labels: string[],
  opts: FieldOptions,
  columns?: string[],
): { features: Feature[]; columns: Record<string, string | undefined>; generatedIds: number; derivedForestType: number } {
  const def: TargetTable = VECTOR_TARGETS[target];
  const cols = resolveColumns(target, features, opts, columns);
  let generatedIds = 0;
  let derivedForestType = 0;
  for (const field of def.required) {
    if (cols[field] === undefined && opts.set?.[field] === undefined && field !== 'id' && !(target === 'stands' && field === 'forest_type')) {
      throw new ParseError(
        `missing required field "${field}": no column of the file maps to it`,
        `map a column with --map ${field}=<column>${columns ? ` (columns: ${columns.join(', ')})` : ''}, or give a constant with --set ${field}=<value>`,
      );
    }
  }
  const seen = new Map<string, number>();
  const out = features.map((f, i) => {
    const where = labels[i] ?? `feature ${i + 1}`;
    try {
      const props: Record<string, string | number | null> = {};
      for (const [field, type] of Object.entries(def.columns)) {
        let v: unknown = opts.set?.[field] ?? (cols[field] !== undefined ? f.properties?.[cols[field]!] : undefined);
        if (typeof v === 'string') v = v.trim();
        if (v !== undefined && v !== null && v !== '' && (field === 'species_group' || CODED_FIELDS[target]?.[field] || opts.values?.[field])) {
          v = codedValue(target, field, String(v), opts);
        }
        props[field] = coerce(field, type, v);
      }
      for (const [field, value] of Object.entries(DEFAULTS[target] ?? {})) if (props[field] === null) props[field] = value;
      if (props.id === null || props.id === undefined) {
        props.id = `${opts.idPrefix}-${i + 1}`;
        generatedIds++;
      }
      if (target === 'stands' && props.forest_type === null && typeof props.species_group === 'string') {
        props.forest_type = props.species_group === 'moso_bamboo' ? 'bamboo' : 'arbor';
        derivedForestType++;
      }
      for (const field of def.required) {
        if (props[field] === null) {
          throw new ParseError(
            `missing required field "${field}"${cols[field] ? ` (column "${cols[field]}" is empty)` : ''}`,
            `fill in ${field} for every feature, or give a constant with --set ${field}=<value>`,
          );
        }
      }
      const id = String(props.id);
      const prev = seen.get(id);
      if (prev !== undefined) {
        throw new ParseError(`id "${id}" is used again (first by ${labels[prev] ?? `feature ${prev + 1}`})`, 'ids must be unique: fix the id column or leave it out to generate ids');
      }
      seen.set(id, i);
      return { type: 'Feature' as const, properties: props, geometry: normaliseGeometry(f.geometry, def.geometry) as Geometry };
    } catch (e) {
      if (e instanceof ParseError && !e.where) throw new ParseError(e.problem, e.hint, where);
      throw e;
    }
  });
  return { features: out, columns: cols, generatedIds, derivedForestType };
}
