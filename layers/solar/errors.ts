/**
 * Bad input to a solar model (layers/solar): non-finite numbers, a tilt outside 0–180°, an
 * unknown model name, a parameter outside the range where the model's formula means anything.
 * pvlib would return NaN or a silently wrong number in these cases; tantu refuses instead, so a
 * service can answer 422 with the reason.
 */
import { ModelInputError } from '../core/errors.ts';

/** Thrown by every solar model for input it cannot use; `problems` lists each one. */
export class SolarInputError extends ModelInputError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super({
      code: 'invalid_solar_input',
      title: 'Invalid solar model input',
      detail: problems.join('; '),
      message: `invalid solar model input: ${problems.join('; ')}`,
      extensions: { problems },
      zh: { title: '光伏模型输入无效', detail: `输入有误：${problems.join('；')}` },
    });
    this.name = 'SolarInputError';
    this.problems = problems;
  }
}

/**
 * Throw a SolarInputError naming every argument in `values` that is not a finite number.
 * @param values argument name → value
 */
export function requireFinite(values: Record<string, number>): void {
  const bad = Object.entries(values)
    .filter(([, v]) => typeof v !== 'number' || !Number.isFinite(v))
    .map(([name, v]) => `${name} must be a finite number, got ${String(v)}`);
  if (bad.length > 0) throw new SolarInputError(bad);
}

/**
 * Throw a SolarInputError unless `value` is finite and within [min, max].
 * @param name argument name, for the message
 * @param value the value
 * @param min lower bound (inclusive)
 * @param max upper bound (inclusive)
 */
export function requireInRange(name: string, value: number, min: number, max: number): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max)) {
    throw new SolarInputError([`${name} must be a finite number in [${min}, ${max}], got ${String(value)}`]);
  }
}

/**
 * Throw a SolarInputError unless `value` is finite and > 0.
 * @param name argument name, for the message
 */
export function requirePositive(name: string, value: number): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new SolarInputError([`${name} must be a finite number > 0, got ${String(value)}`]);
  }
}

/**
 * Surface tilt from horizontal, degrees: 0 facing up, 90 vertical, 180 facing down (pvlib's range).
 * @throws SolarInputError outside 0–180° or not finite
 */
export function requireTilt(surface_tilt: number): void {
  requireInRange('surface_tilt', surface_tilt, 0, 180);
}

/**
 * Throw a SolarInputError unless `value` is one of `options` (for JavaScript callers passing a
 * model name TypeScript cannot check).
 */
export function requireOption<T extends string>(name: string, value: string, options: readonly T[]): asserts value is T {
  if (!(options as readonly string[]).includes(value)) {
    throw new SolarInputError([`${name} must be one of ${options.join(', ')}, got ${String(value)}`]);
  }
}
