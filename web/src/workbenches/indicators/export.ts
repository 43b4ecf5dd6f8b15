/** The CSV of every indicator (UTF-8 with a BOM, so Excel opens it as such): the region's rows in full, then each child's value and status. */
import type { Indicators } from './api.ts';

const cell = (x: unknown) => { const v = x === null || x === undefined ? '' : String(x); return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v; };

export function indicatorsCsv(a: Indicators): string {
  const head = ['region_id', '行政区 region', '指标 id', '指标 indicator', 'indicator', '值 value', '单位 unit', '状态 status', '差距 gap', '占目标 share_of_target_pct',
    '目标 target', '目标年 target_year', '目标地区 target_place', '适用 scope', '文件 document', 'document', '目标来源 target_source', '分子 numerator', '分母 denominator', '基数单位 basis_unit',
    '定义 definition', 'definition', '数据来源 source', 'source', '评估年份 as_of_year'];
  const rows = a.indicators.map((x) => [a.region_id, a.name_zh, x.id, x.name_zh, x.name_en, x.value, x.unit, x.status, x.gap, x.share_of_target_pct,
    x.target?.value, x.target?.year, x.target?.place_zh, x.target?.scope, x.target?.document, x.target?.document_en, x.target?.source, x.numerator, x.denominator, x.basis_unit,
    x.definition.zh, x.definition.en, x.source.zh, x.source.en, a.as_of_year]);
  const names = new Map(a.indicators.map((x) => [x.id, x]));
  for (const c of a.children ?? []) {
    for (const [id, v] of Object.entries(c.values)) {
      const x = names.get(id as never)!;
      rows.push([c.region_id, c.name_zh, id, x.name_zh, x.name_en, v, x.unit, c.status[id], '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', a.as_of_year]);
    }
  }
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
