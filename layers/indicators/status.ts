/**
 * Targets against measured values: which target applies to a region (its own, or an enclosing
 * city's / province's as a reference only), the gap and the status.
 *
 * Rules
 * - scope 'own': the target was set for this very region; 'reference': it was set for a region
 *   that encloses it (a city's plan shown for one of its counties). A target of another region
 *   (Hangzhou's for a Huzhou county) does not apply at all.
 * - pick: an own target before any reference, a nearer enclosing region before a farther one;
 *   among equals the earliest target year not before the as-of year, then a target without a
 *   year (a standing one), then the latest past year.
 * - gap = value − target (the indicator's unit; negative = short of an "at least" target);
 *   share = value / target × 100.
 * - A quantity that adds up (stock, chargers, MW) measured for a county is not comparable with a
 *   city's total: against a reference target of such an indicator only the share is given (how
 *   much of the city's target the region holds), gap null and status 'no target'. Ratios (%)
 *   compare with a reference target as with an own one.
 * - status: 'no data' without a value; 'no target' without a target; 'met' when the value meets
 *   it (≥ for at_least, ≤ for at_most); 'on track' when not yet met, the target year is still
 *   ahead and the value is at or beyond the straight line from the target's baseline (baseline
 *   value at baseline year) to the target at the as-of year; otherwise 'behind'. A target
 *   without a baseline or year is never 'on track': there is no path to be on.
 */

export type Comparison = 'at_least' | 'at_most';
export type Scope = 'own' | 'reference';
export type Status = 'met' | 'on track' | 'behind' | 'no target' | 'no data';
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface Target {
  id: number;
  region_id: string;
  region_level: RegionLevel;
  place_zh: string;
  place_en: string;
  indicator: string;
  comparison: Comparison;
  value: number;
  unit: string;
  year: number | null;
  baseline_value: number | null;
  baseline_year: number | null;
  document_zh: string;
  document_en: string;
  source: string;
  note: string | null;
}

/**
 * The enclosing regions of a region, nearest first: its parent chain from the regions table,
 * then — when the top of the chain is a 6-digit Chinese administrative code (GB/T 2260) — the
 * city (first four digits + 00) and province (first two + 0000) the code names.
 * @param chain the region's parents from the regions table, nearest first (not the region itself)
 */
export function enclosingRegions(regionId: string, chain: readonly string[]): string[] {
  const out = [...chain];
  const top = chain.length ? chain[chain.length - 1] : regionId;
  if (/^\d{6}$/.test(top)) {
    const city = `${top.slice(0, 4)}00`, province = `${top.slice(0, 2)}0000`;
    for (const c of [city, province]) if (c !== top && c !== regionId && !out.includes(c)) out.push(c);
  }
  return out;
}

/** How `target` applies to the region (`enclosing` from enclosingRegions), or null when it does not. */
export function targetScope(regionId: string, enclosing: readonly string[], target: Pick<Target, 'region_id'>): Scope | null {
  if (target.region_id === regionId) return 'own';
  return enclosing.includes(target.region_id) ? 'reference' : null;
}

/** The target that applies to the region for one indicator (see the rules above), with its scope. */
export function pickTarget<T extends Target>(regionId: string, enclosing: readonly string[], targets: readonly T[], asOfYear: number): (T & { scope: Scope }) | null {
  const rank = (t: T) => (t.region_id === regionId ? -1 : enclosing.indexOf(t.region_id));
  const yearKey = (t: T) => (t.year === null ? 5_000 : t.year >= asOfYear ? t.year - asOfYear : 10_000 + (asOfYear - t.year));
  const applicable = targets.filter((t) => targetScope(regionId, enclosing, t) !== null);
  if (!applicable.length) return null;
  const best = [...applicable].sort((a, b) => rank(a) - rank(b) || yearKey(a) - yearKey(b) || a.id - b.id)[0];
  return { ...best, scope: targetScope(regionId, enclosing, best)! };
}

/** value − target, or null when either is missing. */
export function gapOf(value: number | null, target: Pick<Target, 'value'> | null): number | null {
  return value === null || target === null ? null : value - target.value;
}

/** The straight-line path value of a target at `year`, or null without a baseline. */
export function pathValue(target: Pick<Target, 'value' | 'year' | 'baseline_value' | 'baseline_year'>, year: number): number | null {
  const { baseline_value: b, baseline_year: by, year: ty, value } = target;
  if (b === null || by === null || ty === null || ty <= by) return null;
  return b + ((value - b) * (year - by)) / (ty - by);
}

export function statusOf(value: number | null, target: Pick<Target, 'value' | 'comparison' | 'year' | 'baseline_value' | 'baseline_year'> | null, asOfYear: number): Status {
  if (value === null) return 'no data';
  if (target === null) return 'no target';
  const meets = (v: number, t: number) => (target.comparison === 'at_least' ? v >= t : v <= t);
  if (meets(value, target.value)) return 'met';
  if (target.year !== null && asOfYear < target.year) {
    const path = pathValue(target, asOfYear);
    if (path !== null && meets(value, path)) return 'on track';
  }
  return 'behind';
}

/** Gap, share and status of a value against the target that applies (see the rules above). */
export function judge(value: number | null, target: (Pick<Target, 'value' | 'comparison' | 'year' | 'baseline_value' | 'baseline_year'> & { scope: Scope }) | null, additive: boolean, asOfYear: number): { gap: number | null; share_pct: number | null; status: Status } {
  const share_pct = value !== null && target !== null && target.value > 0 ? (100 * value) / target.value : null;
  if (target && additive && target.scope === 'reference') return { gap: null, share_pct, status: value === null ? 'no data' : 'no target' };
  return { gap: gapOf(value, target), share_pct, status: statusOf(value, target, asOfYear) };
}
