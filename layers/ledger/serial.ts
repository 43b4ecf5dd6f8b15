/**
 * Credits as serial-numbered blocks. One credit is one tonne CO2e with its own serial number;
 * a block is an inclusive range of consecutive serials of one project and vintage, held by one
 * party in one state. The serial of a block is written
 *
 *     ZJ-TANTU-{project}-{vintage}-{first}-{last}
 *
 * e.g. `ZJ-TANTU-AJ2021-2024-1-1800` (project code: 2–24 of A–Z, 0–9; vintage: the year the
 * removals happened; first ≤ last, numbered from 1 per project and vintage, no padding). The
 * pattern follows Verra's serials (the block range and the vintage are in the number) and the
 * UNDP National Carbon Registry (a transfer splits a block and moves its tail): `splitTail`
 * keeps the head with the old holder and gives the last `quantity` serials to the new one, so a
 * serial is never in two blocks and the old serial string of a moved range can still be found.
 */
import { LedgerInputError } from './errors.ts';

export interface SerialRange {
  project: string;
  vintage: number;
  /** First serial, ≥ 1. */
  first: number;
  /** Last serial, ≥ first (inclusive). */
  last: number;
}

export const SERIAL_PREFIX = 'ZJ-TANTU';
const PROJECT_CODE = /^[A-Z0-9]{2,24}$/;
const SERIAL = /^ZJ-TANTU-([A-Z0-9]{2,24})-(\d{4})-(\d+)-(\d+)$/;

export function checkProjectCode(code: string): string {
  if (!PROJECT_CODE.test(code)) throw new LedgerInputError(`project code "${code}" must be 2–24 capital letters or digits (A–Z, 0–9)`);
  return code;
}

/** Number of credits (t CO2e) in the range. */
export function quantityOf(r: Pick<SerialRange, 'first' | 'last'>): number {
  return r.last - r.first + 1;
}

export function formatSerial(r: SerialRange): string {
  checkProjectCode(r.project);
  checkRange(r);
  return `${SERIAL_PREFIX}-${r.project}-${r.vintage}-${r.first}-${r.last}`;
}

export function parseSerial(s: string): SerialRange {
  const m = SERIAL.exec(s.trim());
  if (!m) throw new LedgerInputError(`"${s}" is not a serial of the form ZJ-TANTU-{project}-{vintage}-{first}-{last}`);
  const r = { project: m[1], vintage: Number(m[2]), first: Number(m[3]), last: Number(m[4]) };
  checkRange(r);
  return r;
}

function checkRange(r: Pick<SerialRange, 'first' | 'last' | 'vintage'>): void {
  if (!Number.isSafeInteger(r.first) || !Number.isSafeInteger(r.last) || r.first < 1 || r.last < r.first) {
    throw new LedgerInputError(`serial range ${r.first}–${r.last} must be whole numbers with 1 ≤ first ≤ last`);
  }
  if (!Number.isInteger(r.vintage) || r.vintage < 1990 || r.vintage > 2200) throw new LedgerInputError(`vintage ${r.vintage} must be a year in 1990–2200`);
}

/**
 * Splits off the last `quantity` serials: `{ head, tail }`, head stays, tail moves. A quantity
 * equal to the whole block gives `head: null` (the block moves whole).
 */
export function splitTail<R extends SerialRange>(r: R, quantity: number): { head: R | null; tail: R } {
  const q = quantityOf(r);
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new LedgerInputError(`quantity ${quantity} must be a whole number of tonnes ≥ 1`);
  if (quantity > q) throw new LedgerInputError(`quantity ${quantity} t exceeds the block's ${q} t`);
  if (quantity === q) return { head: null, tail: r };
  return { head: { ...r, last: r.last - quantity }, tail: { ...r, first: r.last - quantity + 1 } };
}

/** True when b starts right after a (same project and vintage), so they can be one block. */
export function adjacent(a: SerialRange, b: SerialRange): boolean {
  return a.project === b.project && a.vintage === b.vintage && a.last + 1 === b.first;
}

/**
 * Merges ranges that touch (same project, vintage and the same `key`, e.g. holder + state) into
 * as few blocks as possible; throws if two ranges overlap. Returns a new sorted array.
 */
export function mergeRanges<R extends SerialRange>(ranges: readonly R[], key: (r: R) => string = () => ''): R[] {
  const sorted = [...ranges].sort((a, b) => a.project.localeCompare(b.project) || a.vintage - b.vintage || a.first - b.first);
  const out: R[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.project === r.project && prev.vintage === r.vintage && r.first <= prev.last) {
      throw new LedgerInputError(`serials ${formatSerial(r)} overlap ${formatSerial(prev)}`);
    }
    if (prev && adjacent(prev, r) && key(prev) === key(r)) out[out.length - 1] = { ...prev, last: r.last };
    else out.push({ ...r });
  }
  return out;
}

/** Serial ranges that overlap (a serial in two blocks), as pairs of the blocks' serial strings. */
export function overlaps(ranges: readonly SerialRange[]): [string, string][] {
  const sorted = [...ranges].sort((a, b) => a.project.localeCompare(b.project) || a.vintage - b.vintage || a.first - b.first);
  const bad: [string, string][] = [];
  let reach: SerialRange | undefined;
  for (const r of sorted) {
    if (reach && reach.project === r.project && reach.vintage === r.vintage && r.first <= reach.last) bad.push([formatSerial(reach), formatSerial(r)]);
    if (!reach || reach.project !== r.project || reach.vintage !== r.vintage || r.last > reach.last) reach = r;
  }
  return bad;
}
