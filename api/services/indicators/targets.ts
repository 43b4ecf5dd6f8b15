/**
 * The targets table (migration 007) behind /api/indicators/targets: anyone reads it; bureau and
 * admin users write it (the router checks the roles). The unit is the indicator's own, set here,
 * so a target cannot be compared in the wrong unit.
 */
import type { Sql } from 'postgres';
import { indicatorDef } from '../../../layers/indicators/definitions.ts';
import { deleteTarget, getTarget, insertTarget, listTargets, updateTarget, type TargetFields, type TargetRow } from '../../store/indicators.ts';
import type { NewTarget } from '../../schemas/indicators.ts';
import { ProblemError } from '../problem.ts';

/** Roles that may add, change and delete targets. */
export const TARGET_WRITE_ROLES = ['bureau', 'admin'] as const;

const invalid = (en: string, zh: string) => new ProblemError(422, 'Invalid target', en, {}, { title: '目标无效', detail: zh });

function fields(body: NewTarget): TargetFields {
  const def = indicatorDef(body.indicator);
  if ((body.baseline_value === null) !== (body.baseline_year === null)) {
    throw invalid('Give baseline_value and baseline_year together, or neither.', '基期值 baseline_value 与基期年 baseline_year 须同时给出或同时省略。');
  }
  if (body.baseline_year !== null && (body.year === null || body.baseline_year >= body.year)) {
    throw invalid(`The baseline year (${body.baseline_year}) must come before the target year (${body.year ?? 'none'}).`, `基期年（${body.baseline_year}）须早于目标年（${body.year ?? '未填'}）。`);
  }
  if (def.unit === '%' && (body.value > 100 || (body.baseline_value ?? 0) > 100)) {
    throw invalid(`${def.name_en} is a percentage: the target and baseline must be 0–100.`, `${def.name_zh}为百分比：目标值与基期值须在 0–100 之间。`);
  }
  return { ...body, unit: def.unit, document_en: body.document_en, note: body.note };
}

const notFound = (id: number) => new ProblemError(404, 'Target not found', `There is no indicator target ${id}. GET /api/indicators/targets lists them.`, { id },
  { title: '未找到目标', detail: `没有指标目标 ${id}。可用 GET /api/indicators/targets 查看。` });

export async function targets(sql: Sql, q: { region?: string; indicator?: string }): Promise<{ targets: TargetRow[] }> {
  return { targets: await listTargets(sql, { region_ids: q.region ? [q.region] : undefined, indicator: q.indicator }) };
}

export async function addTarget(sql: Sql, by: string, body: NewTarget): Promise<TargetRow> {
  return insertTarget(sql, fields(body), by);
}

export async function changeTarget(sql: Sql, by: string, id: number, body: NewTarget): Promise<TargetRow> {
  return (await updateTarget(sql, id, fields(body), by)) ?? (() => { throw notFound(id); })();
}

export async function removeTarget(sql: Sql, id: number): Promise<void> {
  if (!(await deleteTarget(sql, id))) throw notFound(id);
}

export async function target(sql: Sql, id: number): Promise<TargetRow> {
  return (await getTarget(sql, id)) ?? (() => { throw notFound(id); })();
}
