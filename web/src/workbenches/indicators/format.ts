/** How the workbench writes an indicator's numbers, units, statuses and targets in the interface's language. */
import { digitsOf } from '../../../../layers/indicators/narrative.ts';
import { lang, num, t, type Key } from '../../i18n.ts';
import type { Indicator } from './api.ts';

const UNIT_KEYS: Readonly<Record<string, Key>> = { chargers: 'ind_unit_chargers', 't C': 'ind_unit_tC', 't CO2e': 'ind_unit_tCO2e', 't CO2e/yr': 'ind_unit_tCO2e_yr' };

export function unitText(unit: string): string {
  const k = UNIT_KEYS[unit];
  return k ? t(k) : unit;
}

/** "69.65 %", "7,011,203 m³", "489 个"; '–' without a value. */
export function valueText(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return '–';
  return `${num(v, digitsOf(unit))} ${unitText(unit)}`;
}

const STATUS_KEYS: Readonly<Record<Indicator['status'], Key>> = {
  met: 'ind_status_met', 'on track': 'ind_status_on_track', behind: 'ind_status_behind', 'no target': 'ind_status_no_target', 'no data': 'ind_status_no_data',
};
/** An indicator that does not apply to the region (e.g. the township share for a village) rather than one without data. */
export const notApplicable = (x: Pick<Indicator, 'findings'>) => x.findings.some((f) => f.code === 'not_applicable');
export const statusText = (x: Pick<Indicator, 'status' | 'findings'>) => (notApplicable(x) ? t('ind_status_not_applicable') : t(STATUS_KEYS[x.status]));
/** CSS class of a status badge. */
export const statusClass = (x: Pick<Indicator, 'status' | 'findings'>) => `ind-status ind-${notApplicable(x) ? 'not-applicable' : x.status.replace(' ', '-')}`;

export const indicatorName = (x: Pick<Indicator, 'name_zh' | 'name_en'>) => (lang() === 'en' ? x.name_en : x.name_zh);

/** "≥ 61.50 % · 浙江省 2025 · 浙江省应对气候变化“十四五”规划 (reference)"; without the document for the brief (it lists them once). */
export function targetText(x: Indicator, withDocument = true): string {
  const g = x.target;
  if (!g) return '–';
  const place = lang() === 'en' ? g.place_en : g.place_zh;
  const doc = lang() === 'en' ? g.document_en || g.document : g.document;
  return `${g.comparison === 'at_least' ? '≥' : '≤'} ${valueText(g.value, x.unit)} · ${place}${g.year === null ? '' : ` ${g.year}`}${withDocument ? ` · ${doc}` : ''}${g.scope === 'reference' ? ` (${t('ind_reference')})` : ''}`;
}

/** The gap with its sign, or the share of a reference total; '–' when neither. */
export function gapText(x: Indicator): string {
  if (x.gap !== null) return `${x.gap > 0 ? '+' : ''}${x.unit === '%' ? `${num(x.gap, 2)} ${t('ind_pp')}` : valueText(x.gap, x.unit)}`;
  if (x.share_of_target_pct !== null) return t('ind_share', { p: `${num(x.share_of_target_pct, 1)} %` });
  return '–';
}
