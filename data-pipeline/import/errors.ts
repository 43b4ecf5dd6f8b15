/** Errors an import reports to the user: which file, where in it, what is wrong, how to fix it. */

export class ImportError extends Error {
  /**
   * @param file     the input file's name (as given by the user)
   * @param problem  what is wrong, e.g. `missing required field "species_group"`
   * @param hint     how to fix it, e.g. `map the column with --map species_group=树种`
   * @param where    where in the file, e.g. `row 3 (line 4)` or `feature 2`; omitted for whole-file problems
   */
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly hint: string,
    readonly where?: string,
  ) {
    super(`${file}: ${where ? `${where}: ` : ''}${problem}\n  hint: ${hint}`);
    this.name = 'ImportError';
  }
}

/** A problem found while parsing, before the file name is known to the parser; index is 0-based. */
export class ParseError extends Error {
  constructor(
    readonly problem: string,
    readonly hint: string,
    readonly where?: string,
  ) {
    super(`${where ? `${where}: ` : ''}${problem}`);
    this.name = 'ParseError';
  }
}
