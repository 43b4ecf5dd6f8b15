/** One printed figure of `npm run bench`. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** Median of repeated timings (ms); robust to a stray slow run on a shared machine. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
