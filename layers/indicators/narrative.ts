/**
 * The region's short narrative in Chinese and English, written from the numbers only (in the
 * manner of Global Forest Watch's dashboard sentences): one sentence per indicator with a target
 * (above / below it by how much, whose target it is and whether it is the region's own), one on
 * carbon, one naming the townships without a public charger, one listing what has no data (not
 * what does not apply to the region's level).
 */
import type { IndicatorId } from './definitions.ts';
import type { Scope, Status } from './status.ts';

export interface NarrativeIndicator {
  id: IndicatorId;
  name_zh: string;
  name_en: string;
  value: number | null;
  unit: string;
  target: { value: number; year: number | null; document_zh: string; document_en: string; place_zh: string; place_en: string; scope: Scope } | null;
  gap: number | null;
  /** value ÷ target × 100 */
  share_pct: number | null;
  status: Status;
  /** The indicator does not apply to this level of region (it is left out of "no data yet"). */
  not_applicable?: boolean;
}

export interface NarrativeInput {
  name_zh: string;
  name_en: string;
  indicators: readonly NarrativeIndicator[];
  /** Townships (names) of the region without a public charging station, when known. */
  townships_without_chargers?: readonly { name_zh: string; name_en: string }[];
}

/** Decimals shown per unit. */
export function digitsOf(unit: string): number {
  return unit === '%' ? 2 : unit === 'MW' ? 1 : 0;
}

/** A number with thousands separators and the unit's decimals (same digits in both languages). */
export function formatNumber(v: number, unit: string): string {
  const d = digitsOf(unit);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** Units as written in Chinese text. */
const UNIT_ZH: Readonly<Record<string, string>> = { chargers: '个', 't C': '吨碳', 't CO2e': '吨 CO2e', 't CO2e/yr': '吨 CO2e/年' };
const unitZh = (unit: string) => UNIT_ZH[unit] ?? unit;
const withUnit = (v: number, unit: string) => (unit === '%' ? `${formatNumber(v, unit)}%` : `${formatNumber(v, unit)} ${unit}`);
const withUnitZh = (v: number, unit: string) => (unit === '%' ? `${formatNumber(v, unit)}%` : `${formatNumber(v, unit)} ${unitZh(unit)}`);
const gapUnitZh = (unit: string) => (unit === '%' ? ' 个百分点' : ` ${unitZh(unit)}`);
const gapUnitEn = (unit: string) => (unit === '%' ? ' percentage points' : ` ${unit}`);

function sentenceZh(region: string, x: NarrativeIndicator): string | null {
  const t = x.target;
  if (x.value === null || !t) return null;
  const whose = `${t.place_zh}${t.year === null ? '' : ` ${t.year} 年`}目标 ${withUnitZh(t.value, x.unit)}（${t.document_zh}${t.scope === 'reference' ? '，仅作参考' : ''}）`;
  const head = `${region}${x.name_zh}为 ${withUnitZh(x.value, x.unit)}`;
  if (x.gap === null) return x.share_pct === null ? null : `${head}，相当于${whose}的 ${formatNumber(x.share_pct, '%')}%。`;
  if (x.gap === 0) return `${head}，与${whose}持平。`;
  const rel = x.gap > 0 ? '高于' : '低于';
  const tail = x.status === 'on track' ? '，按基期至目标年的进度线仍在进度之内' : x.status === 'behind' ? '，尚未达到' : '';
  return `${head}，${rel}${whose} ${formatNumber(Math.abs(x.gap), x.unit)}${gapUnitZh(x.unit)}${tail}。`;
}

function sentenceEn(region: string, x: NarrativeIndicator): string | null {
  const t = x.target;
  if (x.value === null || !t) return null;
  const whose = `the ${t.place_en}${t.year === null ? '' : ` ${t.year}`} target of ${withUnit(t.value, x.unit)} (${t.document_en || t.document_zh}${t.scope === 'reference' ? '; a reference, not the region\'s own' : ''})`;
  const head = `${x.name_en} of ${region} is ${withUnit(x.value, x.unit)}`;
  if (x.gap === null) return x.share_pct === null ? null : `${head}, ${formatNumber(x.share_pct, '%')}% of ${whose}.`;
  if (x.gap === 0) return `${head}, equal to ${whose}.`;
  const rel = x.gap > 0 ? 'above' : 'below';
  const tail = x.status === 'on track' ? ', still on the straight-line path from the baseline to the target year' : x.status === 'behind' ? ', not yet met' : '';
  return `${head}, ${formatNumber(Math.abs(x.gap), x.unit)}${gapUnitEn(x.unit)} ${rel} ${whose}${tail}.`;
}

/** The narrative in both languages. Every number in it is one of the inputs, formatted. */
export function narrative(input: NarrativeInput): { zh: string; en: string } {
  const zh: string[] = [], en: string[] = [];
  const nameEn = input.name_en || input.name_zh;
  for (const x of input.indicators) {
    const a = sentenceZh(input.name_zh, x), b = sentenceEn(nameEn, x);
    if (a && b) { zh.push(a); en.push(b); }
  }
  const by = new Map(input.indicators.map((x) => [x.id, x]));
  const stock = by.get('carbon_stock_tC'), sink = by.get('carbon_sink_tCO2e_per_yr');
  if (stock?.value != null && sink?.value != null) {
    zh.push(`${input.name_zh}碳储量 ${withUnitZh(stock.value, stock.unit)}，年碳汇 ${withUnitZh(sink.value, sink.unit)}。`);
    en.push(`Carbon stock of ${nameEn} is ${withUnit(stock.value, stock.unit)}, the annual sink ${withUnit(sink.value, sink.unit)}.`);
  }
  const missing = input.townships_without_chargers;
  if (missing?.length) {
    zh.push(`${missing.length} 个乡镇尚未实现充电桩全覆盖（${missing.map((m) => m.name_zh).join('、')}）。`);
    en.push(`${missing.length} ${missing.length === 1 ? 'township has' : 'townships have'} no public charger yet (${missing.map((m) => m.name_en || m.name_zh).join(', ')}).`);
  }
  const noData = input.indicators.filter((x) => x.status === 'no data' && !x.not_applicable);
  if (noData.length) {
    zh.push(`暂无数据：${noData.map((x) => x.name_zh).join('、')}。`);
    en.push(`No data yet for: ${noData.map((x) => x.name_en).join(', ')}.`);
  }
  return { zh: zh.join(''), en: en.join(' ') };
}
