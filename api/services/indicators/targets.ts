/**
 * The targets table (migration 007) behind /api/indicators/targets: anyone reads it; bureau and
 * admin users write it (the router checks the roles). The unit is the indicator's own, set here,
 * so a target cannot be compared in the wrong unit.
 */
import type { Sql } from 'postgres';
import { indicatorDef } from '../../../layers/indicators/definitions.ts';
import { deleteTarget, getTarget, insertTarget, listTargets, regionRow, updateTarget, type TargetFields, type TargetRow } from '../../store/indicators.ts';
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
  return { ...body, unit: def.unit };
}

/** A target is set for a region of the regions table or for a city / province by its 6-digit administrative code. */
async function checkRegion(sql: Sql, id: string): Promise<void> {
  if (/^\d{6}$/.test(id) || (await regionRow(sql, id))) return;
  throw invalid(`There is no region "${id}": use a region id from GET /api/regions, or a city's or province's 6-digit administrative code (e.g. 330500 Huzhou).`,
    `没有行政区“${id}”：请使用 GET /api/regions 中的行政区编号，或市、省的 6 位行政区划代码（如湖州市 330500）。`);
}

const notFound = (id: number) => new ProblemError(404, 'Target not found', `There is no indicator target ${id}. GET /api/indicators/targets lists them.`, { id },
  { title: '未找到目标', detail: `没有指标目标 ${id}。可用 GET /api/indicators/targets 查看。` });

export async function targets(sql: Sql, q: { region?: string; indicator?: string }): Promise<{ targets: TargetRow[] }> {
  return { targets: await listTargets(sql, { region_ids: q.region ? [q.region] : undefined, indicator: q.indicator }) };
}

export async function addTarget(sql: Sql, by: string, body: NewTarget): Promise<TargetRow> {
  const f = fields(body);
  await checkRegion(sql, body.region_id);
  return insertTarget(sql, f, by);
}

export async function changeTarget(sql: Sql, by: string, id: number, body: NewTarget): Promise<TargetRow> {
  const f = fields(body);
  await checkRegion(sql, body.region_id);
  return (await updateTarget(sql, id, f, by)) ?? (() => { throw notFound(id); })();
}

export async function removeTarget(sql: Sql, id: number): Promise<void> {
  if (!(await deleteTarget(sql, id))) throw notFound(id);
}

export async function target(sql: Sql, id: number): Promise<TargetRow> {
  return (await getTarget(sql, id)) ?? (() => { throw notFound(id); })();
}
