/**
 * Carbon parameter tables as a user sees them: the defaults from layers/carbon with any
 * table an authorised user has replaced. Overrides keep the default's shape, checked here,
 * so the models never see a table they cannot read.
 */
import type { Sql } from 'postgres';
import { CARBON_MODEL_VERSION, DEFAULT_CARBON_TABLES, type CarbonTables } from '../../layers/carbon/parcel.ts';
import { ProblemError } from './problem.ts';

const MODEL = 'carbon';

export type CarbonTableName = keyof CarbonTables;

export function isCarbonTableName(name: string): name is CarbonTableName {
  return Object.hasOwn(DEFAULT_CARBON_TABLES, name);
}

export interface OverrideInfo {
  table_name: string;
  note: string | null;
  updated_by: string;
  updated_at: string;
}

export async function carbonTables(sql: Sql): Promise<{ tables: CarbonTables; overrides: OverrideInfo[] }> {
  const rows = await sql<(OverrideInfo & { value: unknown })[]>`
    SELECT table_name, value, note, updated_by, updated_at FROM parameter_overrides WHERE model = ${MODEL} ORDER BY table_name`;
  const tables: Record<string, unknown> = { ...DEFAULT_CARBON_TABLES };
  for (const r of rows) if (isCarbonTableName(r.table_name)) tables[r.table_name] = r.value;
  return { tables: tables as unknown as CarbonTables, overrides: rows.map(({ value: _v, ...info }) => info) };
}

/** What GET /api/params/carbon answers: the model version, the tables in force and the overrides. */
export async function carbonParams(sql: Sql): Promise<{ model_version: string; tables: CarbonTables; overrides: OverrideInfo[] }> {
  return { model_version: CARBON_MODEL_VERSION, ...(await carbonTables(sql)) };
}

/** Problems with a replacement table, found by comparing its shape with the default's. */
function shapeProblems(expected: unknown, actual: unknown, path: string): string[] {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && Number.isFinite(actual) ? [] : [`${path} must be a finite number`];
  }
  if (typeof expected === 'string' || typeof expected === 'boolean') {
    return typeof actual === typeof expected ? [] : [`${path} must be a ${typeof expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path} must be an array`];
    if (!actual.length && expected.length) return [`${path} must not be empty`];
    const template = expected[0];
    return template === undefined ? [] : actual.flatMap((v, i) => shapeProblems(template, v, `${path}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${path} must be an object`];
    const exp = expected as Record<string, unknown>;
    const act = actual as Record<string, unknown>;
    const keys = Object.keys(exp);
    // A record keyed by species / methodology / wetland type (all default entries alike): users may add
    // or drop keys, and each entry must have the entries' shape. Otherwise a struct: the same keys.
    const shapeOf = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).sort().join() : null);
    const isRecord = keys.length > 1 && shapeOf(exp[keys[0]]) !== null && keys.every((k) => shapeOf(exp[k]) === shapeOf(exp[keys[0]]));
    if (isRecord) return Object.entries(act).flatMap(([k, v]) => shapeProblems(exp[keys[0]], v, `${path}.${k}`));
    return keys.flatMap((k) => (exp[k] === undefined || exp[k] === null ? [] : k in act ? shapeProblems(exp[k], act[k], `${path}.${k}`) : [`${path}.${k} is missing`]));
  }
  return [];
}

export async function overrideCarbonTable(sql: Sql, name: string, value: unknown, user: string, note: string | null): Promise<void> {
  if (!isCarbonTableName(name)) {
    throw new ProblemError(404, 'Unknown parameter table', `There is no carbon table "${name}". Tables: ${Object.keys(DEFAULT_CARBON_TABLES).join(', ')}.`);
  }
  const problems = shapeProblems(DEFAULT_CARBON_TABLES[name], value, name);
  if (problems.length) {
    throw new ProblemError(422, 'Table does not match the default shape', `${problems.slice(0, 10).join('; ')}. GET /api/params/carbon shows the expected shape.`, { problems });
  }
  await sql`
    INSERT INTO parameter_overrides (model, table_name, value, note, updated_by)
    VALUES (${MODEL}, ${name}, ${sql.json(value as never)}, ${note}, ${user})
    ON CONFLICT (model, table_name) DO UPDATE SET value = EXCLUDED.value, note = EXCLUDED.note,
      updated_by = EXCLUDED.updated_by, updated_at = now()`;
}

export async function resetCarbonTable(sql: Sql, name: string): Promise<boolean> {
  const r = await sql`DELETE FROM parameter_overrides WHERE model = ${MODEL} AND table_name = ${name}`;
  return r.count > 0;
}
