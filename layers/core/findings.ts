/**
 * Findings: what a model wants its reader to know about a result (a default it assumed, input it
 * could not use, a rule that made the project ineligible), in Chinese first, English second.
 *
 * Problems of single items (a stand, a wetland record, a site) are gathered by code and reported
 * ONCE per code with the count, the total area and the ids (`Findings`), not as one line each.
 */
import { sumPrecise } from './units.ts';

/** A finding attached to a result, in Chinese first, English second. */
export interface Finding {
  code: string;
  zh: string;
  en: string;
}

export function finding(code: string, zh: string, en: string): Finding {
  return { code, zh, en };
}

/** What a per-item finding says (its items are listed after it) and what its items are. */
export interface FindingKind {
  zh: string;
  en: string;
  /** Counted noun with its measure word, e.g. '个小班'. */
  noun_zh: string;
  /** Singular and plural, e.g. ['stand', 'stands']. */
  noun_en: readonly [string, string];
}

/** One item behind a finding: its id, the area concerned (ha) and a short detail. */
export interface FindingItem {
  id: string;
  area_ha?: number;
  zh?: string;
  en?: string;
}

/** Items named in an aggregated finding; the rest are counted. */
export const MAX_LISTED_ITEMS = 10;

/**
 * Per-item problems gathered by code and reported once per code: a dozen wetland records partly
 * off water land cover make one `wetland_excess_area` finding with the count, the total area and
 * the ids (with each one's area). Codes keep the order of their first item.
 */
export class Findings {
  private readonly byCode = new Map<string, { kind: FindingKind; items: FindingItem[] }>();

  /** Record `item` under `code`; the first `kind` given for a code is the one reported. */
  add(code: string, kind: FindingKind, item: FindingItem): void {
    const group = this.byCode.get(code);
    if (group) group.items.push(item);
    else this.byCode.set(code, { kind, items: [item] });
  }

  /** One finding per code: "<kind>: n <nouns>, <total> ha in all (id area detail, …)". */
  list(): Finding[] {
    return [...this.byCode].map(([code, { kind, items }]) => {
      const count = items.length;
      const withArea = items.some((x) => x.area_ha !== undefined);
      const total_ha = sumPrecise(items.map((x) => x.area_ha ?? 0));
      const listed = items.slice(0, MAX_LISTED_ITEMS);
      const describe = (x: FindingItem, unit: string, detail: string | undefined) =>
        `${x.id}${x.area_ha !== undefined ? ` ${x.area_ha.toFixed(4)} ${unit}` : ''}${detail ? ` ${detail}` : ''}`;
      const zhList = listed.map((x) => describe(x, '公顷', x.zh)).join('、') + (count > MAX_LISTED_ITEMS ? ' 等' : '');
      const enList = listed.map((x) => describe(x, 'ha', x.en)).join(', ') + (count > MAX_LISTED_ITEMS ? `, and ${count - MAX_LISTED_ITEMS} more` : '');
      return finding(
        code,
        `${kind.zh}:${count} ${kind.noun_zh}${withArea ? `,共 ${total_ha.toFixed(4)} 公顷` : ''}(${zhList})`,
        `${kind.en}: ${count} ${kind.noun_en[count === 1 ? 0 : 1]}${withArea ? `, ${total_ha.toFixed(4)} ha in all` : ''} (${enList})`,
      );
    });
  }
}

/**
 * One finding per code, in the order of first appearance: a code given again with the same text
 * is dropped, with a different text (e.g. two eligibility reasons of one code) joined to the first.
 */
export function onePerCode(findings: readonly Finding[]): Finding[] {
  const byCode = new Map<string, Finding>();
  for (const x of findings) {
    const prev = byCode.get(x.code);
    if (!prev) byCode.set(x.code, { ...x });
    else if (prev.en !== x.en || prev.zh !== x.zh) byCode.set(x.code, { code: x.code, zh: `${prev.zh};${x.zh}`, en: `${prev.en}; ${x.en}` });
  }
  return [...byCode.values()];
}
