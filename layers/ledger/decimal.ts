/**
 * Exact decimal arithmetic for money and areas: a decimal number as a BigInt numerator over a
 * power of ten, so 5,425 亩 × 16.926 元/亩/yr × 3 yr is 275,470.65 元 exactly, not a float that
 * rounds one way on one machine and another way elsewhere. Inputs are decimal strings or finite
 * numbers (a number is read through its shortest round-trip string, e.g. 16.926 → "16.926").
 */
import { LedgerInputError } from './errors.ts';

/** value = n / 10^scale. */
export interface Dec {
  n: bigint;
  scale: number;
}

/** Parses "5425", "16.926", "-0.5", 1e-7 or 0.39 into an exact decimal (no exponent beyond 1e±20). */
export function dec(x: number | string | bigint | Dec): Dec {
  if (typeof x === 'object') return x;
  if (typeof x === 'bigint') return { n: x, scale: 0 };
  if (typeof x === 'number' && !Number.isFinite(x)) throw new LedgerInputError(`not a finite number: ${x}`);
  let s = typeof x === 'number' ? String(x) : x.trim();
  const e = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!e || (e[2] === '' && (e[3] ?? '') === '')) throw new LedgerInputError(`not a decimal number: "${s}"`);
  const [, sign, whole, frac = '', exp = '0'] = e;
  let digits = whole + frac;
  let scale = frac.length - Number(exp);
  if (Math.abs(Number(exp)) > 20) throw new LedgerInputError(`exponent out of range: "${s}"`);
  if (scale < 0) { digits += '0'.repeat(-scale); scale = 0; }
  s = digits.replace(/^0+(?=\d)/, '') || '0';
  const n = BigInt(s) * (sign === '-' ? -1n : 1n);
  return { n, scale };
}

const P10 = (k: number) => 10n ** BigInt(k);

/** The same value with `scale` decimals (scale ≥ the value's own). */
export function rescale(a: Dec, scale: number): bigint {
  if (scale < a.scale) throw new RangeError('rescale would drop digits');
  return a.n * P10(scale - a.scale);
}

export function mul(...xs: (number | string | bigint | Dec)[]): Dec {
  return xs.map(dec).reduce((a, b) => ({ n: a.n * b.n, scale: a.scale + b.scale }), { n: 1n, scale: 0 });
}

export function add(...xs: (number | string | bigint | Dec)[]): Dec {
  const ds = xs.map(dec);
  const scale = Math.max(0, ...ds.map((d) => d.scale));
  return { n: ds.reduce((s, d) => s + rescale(d, scale), 0n), scale };
}

export function cmp(a: number | string | Dec, b: number | string | Dec): number {
  const x = dec(a), y = dec(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Rounds to an integer, half away from zero (the commercial rule for 分). */
export function roundHalfUp(a: Dec): bigint {
  if (a.scale === 0) return a.n;
  const d = P10(a.scale);
  const neg = a.n < 0n;
  const abs = neg ? -a.n : a.n;
  const q = (abs * 2n + d) / (2n * d);
  return neg ? -q : q;
}

/** Integer fen from an amount in 元, rounded half up. */
export function yuanToFen(yuan: number | string | Dec): bigint {
  return roundHalfUp(mul(yuan, 100));
}

/** "275470.65" from 27547065n fen (no grouping; formatting is the caller's job). */
export function fenToYuanString(fen: bigint | number): string {
  const f = BigInt(fen);
  const neg = f < 0n;
  const abs = neg ? -f : f;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The decimal as a plain string ("16.926"). */
export function decString(a: Dec): string {
  const neg = a.n < 0n;
  const s = (neg ? -a.n : a.n).toString().padStart(a.scale + 1, '0');
  const body = a.scale ? `${s.slice(0, s.length - a.scale)}.${s.slice(s.length - a.scale)}` : s;
  return (neg ? '-' : '') + body.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
