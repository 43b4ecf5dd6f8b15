/**
 * The ledger's invariants for one project and vintage, computed from its blocks and its
 * issuances (pure, so the store, the API and the tests check them the same way):
 *   issued = held + listed + pledged + retired + buffer   (t CO2e)
 *   no serial in two blocks; no block with fewer than 1 t; serials within the issued ranges.
 */
import { formatSerial, overlaps, quantityOf, type SerialRange } from './serial.ts';

export type BlockState = 'held' | 'listed' | 'pledged' | 'retired' | 'buffer';
export const BLOCK_STATES: readonly BlockState[] = ['held', 'listed', 'pledged', 'retired', 'buffer'];

export interface BlockRow extends SerialRange {
  state: BlockState;
}

export interface VintageBalance {
  project: string;
  vintage: number;
  issued_t: number;
  held_t: number;
  listed_t: number;
  pledged_t: number;
  retired_t: number;
  buffer_t: number;
  blocks: number;
  ok: boolean;
  problems: string[];
}

/** Balances and problems per project and vintage; `issued` is Σ issued quantity per `${project}:${vintage}`. */
export function checkInvariants(blocks: readonly BlockRow[], issued: ReadonlyMap<string, number>): VintageBalance[] {
  const by = new Map<string, VintageBalance>();
  const get = (project: string, vintage: number) => {
    const k = `${project}:${vintage}`;
    let b = by.get(k);
    if (!b) by.set(k, (b = { project, vintage, issued_t: issued.get(k) ?? 0, held_t: 0, listed_t: 0, pledged_t: 0, retired_t: 0, buffer_t: 0, blocks: 0, ok: true, problems: [] }));
    return b;
  };
  for (const k of issued.keys()) { const [p, v] = k.split(':'); get(p, Number(v)); }
  for (const r of blocks) {
    const b = get(r.project, r.vintage);
    const q = quantityOf(r);
    b.blocks++;
    if (!(q >= 1)) b.problems.push(`block ${r.project}-${r.vintage}-${r.first}-${r.last} has ${q} t`);
    else b[`${r.state}_t`] += q;
    if (r.last > b.issued_t) b.problems.push(`block ${formatSerial(r)} runs past the ${b.issued_t} serials issued`);
  }
  for (const [a, c] of overlaps(blocks)) {
    const r = /^ZJ-TANTU-([A-Z0-9]+)-(\d+)-/.exec(a)!;
    get(r[1], Number(r[2])).problems.push(`serials overlap: ${a} and ${c}`);
  }
  for (const b of by.values()) {
    const sum = b.held_t + b.listed_t + b.pledged_t + b.retired_t + b.buffer_t;
    if (sum !== b.issued_t) b.problems.push(`issued ${b.issued_t} t ≠ held ${b.held_t} + listed ${b.listed_t} + pledged ${b.pledged_t} + retired ${b.retired_t} + buffer ${b.buffer_t} = ${sum} t`);
    b.ok = b.problems.length === 0;
  }
  return [...by.values()].sort((a, b) => a.project.localeCompare(b.project) || a.vintage - b.vintage);
}
