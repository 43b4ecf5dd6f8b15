/**
 * Bad input to a siting model (layers/siting): an AHP matrix that is not a positive reciprocal
 * matrix on Saaty's scale, weights that do not sum to anything, a rescaling function whose
 * breakpoints do not increase, a rule naming a layer that does not exist. A service answers 422.
 */
import { ModelInputError } from '../core/errors.ts';

export class SitingInputError extends ModelInputError {
  readonly problems: string[];
  /** Chinese text of each problem, same order. */
  readonly problems_zh: string[];
  constructor(problems: { en: string; zh: string }[]) {
    const en = problems.map((p) => p.en);
    super({
      code: 'invalid_siting_input',
      title: 'Invalid siting input',
      detail: en.join('; '),
      message: `invalid siting input: ${en.join('; ')}`,
      extensions: { problems: en, problems_zh: problems.map((p) => p.zh) },
    });
    this.name = 'SitingInputError';
    this.problems = en;
    this.problems_zh = problems.map((p) => p.zh);
  }
}

/** Throw one SitingInputError listing every problem, if there are any. */
export function throwIfProblems(problems: { en: string; zh: string }[]): void {
  if (problems.length) throw new SitingInputError(problems);
}
