import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
export const fixture = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));
export const fixtureText = (name: string) => readFileSync(FIXTURES + name, 'utf8');

/** Great-circle distance in metres between [lon, lat] points. */
export function distanceM(a: number[], b: number[]): number {
  const R = 6371008.8;
  const r = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
