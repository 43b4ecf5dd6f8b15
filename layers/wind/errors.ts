/** Input a wind model cannot use (a power curve that is not one, a negative height …): answered 422. */
import { ModelInputError } from '../core/errors.ts';

export class WindInputError extends ModelInputError {
  constructor(problems: string[]) {
    super({ code: 'invalid_wind_input', title: 'Invalid wind input', detail: problems.join('; '), extensions: { problems }, zh: { title: '风电输入无效', detail: `输入有误：${problems.join('；')}` } });
    this.name = 'WindInputError';
  }
}

/** Throws one WindInputError naming every argument that is not a finite number > 0. */
export function requirePositive(values: Record<string, number>): void {
  const bad = Object.entries(values).filter(([, v]) => !(Number.isFinite(v) && v > 0)).map(([k, v]) => `${k} must be a positive number, got ${String(v)}`);
  if (bad.length) throw new WindInputError(bad);
}
