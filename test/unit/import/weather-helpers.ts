import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ParseError } from '../../../data-pipeline/import/errors.ts';

export const WEATHER_FIXTURES = fileURLToPath(new URL('../../fixtures/weather/', import.meta.url));
export const weatherText = (name: string) => readFileSync(WEATHER_FIXTURES + name, 'utf8');

/** The ParseError a call throws (fails the test when it does not throw one). */
export function parseErrorOf(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

/** Replace field `k` (0-based) of line `line` (1-based) of a comma-separated text. */
export function setField(text: string, line: number, k: number, value: string): string {
  const lines = text.split('\n');
  const f = lines[line - 1].split(',');
  f[k] = value;
  lines[line - 1] = f.join(',');
  return lines.join('\n');
}
