/**
 * Carbon parameter tables as a user sees them: the defaults from layers/carbon with any
 * table an authorised user has replaced. Overrides are checked against the table's schema
 * (units and ranges, api/schemas/carbon-params.ts), so the models never see a table they cannot
 * read, and every change is recorded in parameter_audit with who and when.
 */
import type { Sql } from 'postgres';
import { CARBON_MODEL_VERSION, DEFAULT_CARBON_TABLES, type CarbonTables } from '../../layers/carbon/parcel.ts';
import { CARBON_TABLE_SCHEMAS } from '../schemas/carbon-params.ts';
import { firstOf, ProblemError } from './problem.ts';

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

/** Each problem of a table, naming its field (e.g. "prices.low.value: Too small: expected number to be >0"). */
function tableIssues(name: string, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((i) => `${[name, ...i.path.map(String)].join('.')}: ${i.message}`);
}

/** A stored override that its table's schema refuses (stored before the schema, or edited in SQL): not applied. */
export interface RejectedOverride extends OverrideInfo {
  problem: string;
}

/**
 * The tables in force: the defaults replaced by every stored override that its schema accepts.
 * An override the schema refuses is not applied (the default stays), and is listed in `rejected`.
 */
export async function carbonTables(sql: Sql): Promise<{ tables: CarbonTables; overrides: OverrideInfo[]; rejected: RejectedOverride[] }> {
  const rows = await sql<(OverrideInfo & { value: unknown })[]>`
    SELECT table_name, value, note, updated_by, updated_at FROM parameter_overrides WHERE model = ${MODEL} ORDER BY table_name`;
  const tables: Record<string, unknown> = { ...DEFAULT_CARBON_TABLES };
  const overrides: OverrideInfo[] = [];
  const rejected: RejectedOverride[] = [];
  for (const { value, ...info } of rows) {
    if (!isCarbonTableName(info.table_name)) continue;
    const r = CARBON_TABLE_SCHEMAS[info.table_name].safeParse(value);
    if (r.success) {
      tables[info.table_name] = r.data;
      overrides.push(info);
    } else {
      rejected.push({ ...info, problem: firstOf(tableIssues(info.table_name, r.error), 5).en });
    }
  }
  return { tables: tables as unknown as CarbonTables, overrides, rejected };
}

/** What GET /api/params/carbon answers: the model version, the tables in force, the overrides applied and any refused. */
export async function carbonParams(sql: Sql): Promise<{ model_version: string; tables: CarbonTables; overrides: OverrideInfo[]; rejected_overrides: RejectedOverride[] }> {
  const { tables, overrides, rejected } = await carbonTables(sql);
  return { model_version: CARBON_MODEL_VERSION, tables, overrides, rejected_overrides: rejected };
}

function unknownTable(name: string): ProblemError {
  return new ProblemError(404, 'Unknown parameter table', `There is no carbon table "${name}". Tables: ${Object.keys(DEFAULT_CARBON_TABLES).join(', ')}.`, {}, {
    title: '没有这个参数表', detail: `没有名为“${name}”的碳参数表。参数表：${Object.keys(DEFAULT_CARBON_TABLES).join('、')}。`,
  });
}

/** Checks `value` against the table's schema (api/schemas/carbon-params.ts): 404 for an unknown table, 422 naming each bad field. */
export function checkCarbonTable(name: string, value: unknown): CarbonTables[CarbonTableName] {
  if (!isCarbonTableName(name)) throw unknownTable(name);
  const r = CARBON_TABLE_SCHEMAS[name].safeParse(value);
  if (r.success) return r.data as CarbonTables[CarbonTableName];
  const problems = tableIssues(name, r.error);
  const list = firstOf(problems);
  throw new ProblemError(422, 'Parameter table out of range', `${list.en}. GET /api/params/carbon shows the tables in force with their units.`, { problems: problems.slice(0, 50) }, {
    title: '参数表超出范围', detail: `${list.zh}。GET /api/params/carbon 列出现行参数表及其单位。`,
  });
}

export async function overrideCarbonTable(sql: Sql, name: string, value: unknown, user: string, note: string | null): Promise<void> {
  const table = checkCarbonTable(name, value);
  await sql.begin(async (tx) => {
    await tx`
      INSERT INTO parameter_overrides (model, table_name, value, note, updated_by)
      VALUES (${MODEL}, ${name}, ${tx.json(table as never)}, ${note}, ${user})
      ON CONFLICT (model, table_name) DO UPDATE SET value = EXCLUDED.value, note = EXCLUDED.note,
        updated_by = EXCLUDED.updated_by, updated_at = now()`;
    await tx`INSERT INTO parameter_audit (model, table_name, action, value, note, changed_by)
      VALUES (${MODEL}, ${name}, 'override', ${tx.json(table as never)}, ${note}, ${user})`;
  });
}

/** Removes the override of `name` (404 for an unknown table); false when the default was in force already. */
export async function resetCarbonTable(sql: Sql, name: string, user: string): Promise<boolean> {
  if (!isCarbonTableName(name)) throw unknownTable(name);
  return sql.begin(async (tx) => {
    const r = await tx`DELETE FROM parameter_overrides WHERE model = ${MODEL} AND table_name = ${name}`;
    if (r.count > 0) {
      await tx`INSERT INTO parameter_audit (model, table_name, action, changed_by) VALUES (${MODEL}, ${name}, 'restore default', ${user})`;
    }
    return r.count > 0;
  });
}

export interface AuditEntry {
  id: string;
  table_name: string;
  action: 'override' | 'restore default';
  note: string | null;
  changed_by: string;
  changed_at: string;
}

/** The latest `limit` changes of the carbon tables, newest first. */
export async function carbonParamAudit(sql: Sql, limit: number): Promise<AuditEntry[]> {
  return sql<AuditEntry[]>`
    SELECT id::text AS id, table_name, action, note, changed_by, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS changed_at
    FROM parameter_audit WHERE model = ${MODEL} ORDER BY parameter_audit.id DESC LIMIT ${limit}`;
}
