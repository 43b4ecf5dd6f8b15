/**
 * The analysis warnings as a reader needs them: the two that change how every number is read
 * (baseline assumed by default, unverified parameters) stated once at the top in plain words;
 * then one line per kind in the interface's language, with the ids behind a "details" toggle;
 * slivers (items below SLIVER_HA) counted, not listed; repeats (an eligibility reason also sent
 * as a warning) shown once.
 *
 * The API's findings are text (layers/core/findings.ts `Findings.list`: "<kind>: n stands, x ha in
 * all (id area detail, …)"); `parseFinding` reads that shape back into its parts.
 */
import type { CarbonResult } from '../../api.ts';
import { h } from '../../dom.ts';
import { lang, num, t } from '../../i18n.ts';

/** Items (a stand's or wetland's uncounted part, a parcel's unclassified edge) below this many hectares are slivers: counted, not listed. */
export const SLIVER_HA = 0.01;

interface Item { id: string; area_ha?: number; detail?: string }
interface Parsed { kind: string; count: number; noun: string; total_ha?: number; items: Item[]; more: boolean }

const EN = /^([\s\S]*?): (\d+) (stands?|wetland records?)(?:, (\d+(?:\.\d+)?) ha in all)? \(([\s\S]*)\)$/;
const ZH = /^([\s\S]*?):(\d+) (个小班|处湿地)(?:,共 (\d+(?:\.\d+)?) 公顷)?\(([\s\S]*)\)$/;

/** A per-item finding's text read back into kind, count, total area and items (null for a parcel-level finding). */
export function parseFinding(text: string, language: 'zh-CN' | 'en'): Parsed | null {
  const m = (language === 'en' ? EN : ZH).exec(text);
  if (!m) return null;
  let list = m[5];
  let more = false;
  if (language === 'en') {
    const tail = /, and \d+ more$/.exec(list);
    if (tail) { more = true; list = list.slice(0, tail.index); }
  } else if (list.endsWith(' 等')) { more = true; list = list.slice(0, -2); }
  const unit = language === 'en' ? 'ha' : '公顷';
  const items = list.split(language === 'en' ? ', ' : '、').filter(Boolean).map((x): Item => {
    const im = new RegExp(`^(\\S+)(?: (\\d+(?:\\.\\d+)?) ${unit})?(?: ([\\s\\S]*))?$`).exec(x);
    return im ? { id: im[1], area_ha: im[2] === undefined ? undefined : Number(im[2]), detail: im[3] } : { id: x };
  });
  return { kind: m[1], count: Number(m[2]), noun: m[3], total_ha: m[4] === undefined ? undefined : Number(m[4]), items, more };
}

/** Hectares as a reader wants them: "< 0.01" for slivers, two decimals otherwise. */
function ha(x: number): string {
  return x < SLIVER_HA ? `< ${num(SLIVER_HA, 2)} ${t('ha')}` : `${num(x, 2)} ${t('ha')}`;
}

/** A parcel-level finding that starts with an area in 4 decimals ("0.2344 公顷…"): that area, or null. */
function leadingArea(text: string): number | null {
  const m = /^(\d+\.\d+) (?:公顷|ha)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Areas written with 4 decimals in a server text, re-written as the interface writes them. */
function tidyAreas(text: string): string {
  return text.replace(/(\d+\.\d{3,}) (公顷|ha)/g, (_, x: string) => ha(Number(x)));
}

export interface WarningLine {
  code: string;
  text: string;
  /** Ids (with area and detail) for the details toggle. */
  details: string[];
  /** Where it goes: the top box, the list, or the slivers line. */
  place: 'top' | 'list' | 'minor';
  blocking: boolean;
  /** For slivers: how many items and hectares. */
  count?: number;
  area_ha?: number;
}

type Finding = { code: string; zh: string; en: string; blocking?: boolean };

/** The warning lines of a result, in the current language (pure: the tests and the report use it too). */
export function warningLines(r: CarbonResult): WarningLine[] {
  const language = lang();
  const text = (f: Finding) => (language === 'en' ? f.en : f.zh);
  const seen = new Set<string>();
  const all: Finding[] = [...(r.eligibility?.reasons ?? []).map((x) => ({ ...x, code: `eligibility.${x.code}` })), ...(r.warnings ?? [])].filter((x) => {
    if (seen.has(x.code)) return false;
    seen.add(x.code);
    return true;
  });
  const lines: WarningLine[] = [];
  for (const f of all) {
    const blocking = Boolean(f.blocking);
    if (f.code === 'baseline_default') {
      const fraction = Number(/fraction (\d+(?:\.\d+)?)/.exec(f.en)?.[1] ?? NaN);
      const text0 = fraction === 0
        ? t('carbon_warn_baseline_zero', { methodology: r.params.methodology.id })
        : t('carbon_warn_baseline', { fraction: Number.isFinite(fraction) ? String(fraction) : '?', methodology: r.params.methodology.id });
      lines.push({ code: f.code, text: text0, details: [], place: 'top', blocking });
      continue;
    }
    if (f.code === 'unverified_parameters') {
      const names = f.en.replace(/^[^:]*: /, '').split(', ').filter(Boolean).map((n) => n.replace(/ \(all curves\)$/, ` (${t('carbon_all_curves')})`));
      lines.push({ code: f.code, text: t('carbon_warn_unverified', { n: names.length }), details: names, place: 'top', blocking });
      continue;
    }
    const parsed = parseFinding(text(f), language);
    if (parsed) {
      const listed = parsed.items;
      const slivers = listed.filter((x) => x.area_ha !== undefined && x.area_ha < SLIVER_HA);
      const allSlivers = parsed.total_ha !== undefined && (parsed.total_ha < SLIVER_HA || (!parsed.more && slivers.length === listed.length));
      const big = listed.filter((x) => !(x.area_ha !== undefined && x.area_ha < SLIVER_HA));
      if (allSlivers) {
        lines.push({ code: f.code, text: parsed.kind, details: [], place: 'minor', blocking, count: parsed.count, area_ha: parsed.total_ha });
        continue;
      }
      const details = big.map((x) => [x.id, x.area_ha !== undefined ? ha(x.area_ha) : '', x.detail ?? ''].filter(Boolean).join(' '));
      const small = slivers.length + (parsed.more ? parsed.count - listed.length : 0);
      if (small) details.push(t(slivers.length ? 'carbon_warn_more_slivers' : 'carbon_warn_more', { n: small, noun: parsed.noun, ha: num(SLIVER_HA, 2) }));
      const area = parsed.total_ha !== undefined ? `, ${ha(parsed.total_ha)}` : '';
      const sep = language === 'en' ? ': ' : '：';
      lines.push({ code: f.code, text: `${parsed.kind}${sep}${parsed.count} ${parsed.noun}${area}`, details, place: 'list', blocking });
      continue;
    }
    const lead = leadingArea(text(f));
    if (lead !== null && lead < SLIVER_HA) {
      lines.push({ code: f.code, text: tidyAreas(text(f)), details: [], place: 'minor', blocking, count: 1, area_ha: lead });
      continue;
    }
    lines.push({ code: f.code, text: tidyAreas(text(f)), details: [], place: blocking ? 'top' : 'list', blocking });
  }
  return lines;
}

function line(w: WarningLine): HTMLElement {
  return h('li', { class: w.blocking ? 'bad' : null, 'data-code': w.code },
    w.text,
    w.details.length ? h('details', { class: 'warn-details' }, h('summary', null, t('carbon_details')),
      // Ids and parameter names are not words of either language (BCP 47 "zxx": no linguistic content).
      h('span', { class: 'small muted', lang: 'zxx' }, w.details.join(lang() === 'en' ? ', ' : '、'))) : null);
}

export function warningsBox(r: CarbonResult): HTMLElement | null {
  const lines = warningLines(r);
  if (!lines.length) return null;
  const top = lines.filter((x) => x.place === 'top');
  const list = lines.filter((x) => x.place === 'list');
  const minor = lines.filter((x) => x.place === 'minor');
  const minorCount = minor.reduce((s, x) => s + (x.count ?? 0), 0);
  const minorHa = minor.reduce((s, x) => s + (x.area_ha ?? 0), 0);
  return h('div', { class: 'warnings', 'data-testid': 'warnings' },
    top.length ? h('ul', { class: 'warn-top', 'data-testid': 'warnings-top' }, top.map(line)) : null,
    list.length ? [h('strong', null, t('warnings')), h('ul', { 'data-testid': 'warnings-list' }, list.map(line))] : null,
    minor.length ? h('p', { class: 'small muted', 'data-testid': 'warnings-slivers' },
      t('carbon_warn_slivers', { n: minorCount, ha: num(SLIVER_HA, 2), total: minorHa < 0.0001 ? '< 0.0001' : num(minorHa, 4) }),
      h('details', { class: 'warn-details' }, h('summary', null, t('carbon_details')), h('span', null, minor.map((x) => x.text).join(lang() === 'en' ? '; ' : '；')))) : null);
}
