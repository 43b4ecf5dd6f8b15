/**
 * Where a parameter's numbers come from. Every model's parameter table is made of rows that
 * carry a `source` and an `unverified` flag, so a result can say which of its inputs nobody has
 * checked against the original document yet, and a bureau can override any row with its own.
 */

/** Every row of a parameter table carries where its numbers come from. */
export interface Sourced {
  source: string;
  /**
   * True where the reference marks the value [unverified] or where tantu chose/estimated it
   * without checking a primary document.
   */
  unverified: boolean;
}

/**
 * One documented parameter value. `range` (same unit) is the plausible interval used by the
 * Monte Carlo, when known.
 */
export interface SourcedValue extends Sourced {
  value: number;
  unit: string;
  range?: readonly [number, number];
}

/** A parameter table: rows by key (species group, wetland type, …), each carrying its source. */
export type ParameterTable<Row extends Sourced = Sourced> = Readonly<Record<string, Row>>;

/** Keys of the rows flagged `unverified`, in the table's order. */
export function unverifiedKeys(table: ParameterTable): string[] {
  return Object.entries(table)
    .filter(([, row]) => row.unverified)
    .map(([key]) => key);
}
