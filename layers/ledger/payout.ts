/**
 * Money to the fen. Every amount is an integer number of 分 (fen, 0.01 元); a total is shared
 * among parties by weights with the largest-remainder (Hamilton) rule, so the parts add up to
 * the total exactly and each part is within one fen of its exact share:
 *
 *     exact_i = total · w_i / Σw;   part_i = ⌊exact_i⌋ + (1 for the k largest remainders)
 *
 * where k = total − Σ⌊exact_i⌋. Ties go to the earlier party in the given order, so the same
 * input always gives the same statement. Weights are exact decimals (area in 亩 × share), never
 * floats.
 */
import { LedgerInputError } from './errors.ts';
import { dec, mul, rescale, type Dec } from './decimal.ts';

export interface Weighted<K> {
  key: K;
  /** ≥ 0, any decimal (e.g. 亩 × area share); at least one must be > 0. */
  weight: number | string | Dec;
}

export interface Apportioned<K> {
  key: K;
  fen: bigint;
  /** The exact share as numerator / denominator fen, for checking (|fen − exact| < 1). */
  exact: { num: bigint; den: bigint };
}

/** Shares `totalFen` (integer ≥ 0) among the weights by largest remainder. */
export function apportionFen<K>(totalFen: bigint | number, weights: readonly Weighted<K>[]): Apportioned<K>[] {
  const total = BigInt(totalFen);
  if (total < 0n) throw new LedgerInputError(`total ${total} fen must not be negative`);
  if (!weights.length) throw new LedgerInputError('nobody to pay: the list of parties is empty');
  const ds = weights.map((w) => dec(w.weight));
  const scale = Math.max(0, ...ds.map((d) => d.scale));
  const ws = ds.map((d) => rescale(d, scale));
  if (ws.some((w) => w < 0n)) throw new LedgerInputError('a share weight is negative');
  const den = ws.reduce((s, w) => s + w, 0n);
  if (den === 0n) throw new LedgerInputError('all share weights are zero');
  const parts = ws.map((w, i) => ({ i, num: total * w, floor: (total * w) / den, rem: (total * w) % den }));
  let left = total - parts.reduce((s, p) => s + p.floor, 0n);
  const order = [...parts].sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const extra = new Set<number>();
  for (const p of order) {
    if (left <= 0n) break;
    extra.add(p.i);
    left--;
  }
  return parts.map((p) => ({ key: weights[p.i].key, fen: p.floor + (extra.has(p.i) ? 1n : 0n), exact: { num: p.num, den } }));
}

/** How a contract pays its owners for pooling (收储). */
export type PaymentRule =
  | { kind: 'fixed'; /** 元 per 亩 per year */ cny_per_mu_yr: number | string; every_years: number }
  | {
      kind: 'price_index';
      /** 元 per t CO2e, e.g. the national ETS average of the previous 30 trading days */
      price_index_cny_per_t: number | string;
      /** assumed t CO2e per 亩 per year */
      t_per_mu_yr: number | string;
      every_years: number;
    };

/** The rate of a rule in 元/亩/yr, exact (price index × t/亩/yr for an index rule). */
export function rateCnyPerMuYr(rule: PaymentRule): Dec {
  return rule.kind === 'fixed' ? dec(rule.cny_per_mu_yr) : mul(rule.price_index_cny_per_t, rule.t_per_mu_yr);
}

/**
 * One cycle's payment in fen for `area_mu` 亩: area × rate × every_years, rounded half up to the
 * fen once, at the end (大里村: 5,425 亩 × 16.926 元/亩/yr × 3 yr = 275,470.65 元 = 27,547,065 fen).
 */
export function cyclePaymentFen(area_mu: number | string, rule: PaymentRule): bigint {
  checkRule(rule);
  const a = dec(area_mu);
  if (a.n < 0n) throw new LedgerInputError(`area ${area_mu} 亩 must not be negative`);
  const exact = mul(a, rateCnyPerMuYr(rule), rule.every_years, 100);
  const d = 10n ** BigInt(exact.scale);
  return (exact.n * 2n + d) / (2n * d);
}

export function checkRule(rule: PaymentRule): void {
  if (!Number.isInteger(rule.every_years) || rule.every_years < 1 || rule.every_years > 100) {
    throw new LedgerInputError(`payment interval ${rule.every_years} years must be a whole number in 1–100`);
  }
  const r = rateCnyPerMuYr(rule);
  if (r.n < 0n) throw new LedgerInputError('the payment rate must not be negative');
}

export interface PaymentDue {
  /** 1-based cycle number */
  cycle: number;
  /** Year the cycle starts (start year + (cycle − 1) × every_years). */
  year: number;
  /** Years this cycle pays for (the last cycle may be shorter than every_years). */
  years: number;
  fen: bigint;
}

/**
 * The payments of a contract over its term: one per cycle of `every_years`, paid at the start of
 * the cycle; a last, shorter cycle pays for its own years only.
 */
export function paymentSchedule(area_mu: number | string, rule: PaymentRule, start_year: number, term_years: number): PaymentDue[] {
  checkRule(rule);
  if (!Number.isInteger(term_years) || term_years < 1 || term_years > 100) throw new LedgerInputError(`term ${term_years} years must be a whole number in 1–100`);
  const out: PaymentDue[] = [];
  for (let y = 0, cycle = 1; y < term_years; y += rule.every_years, cycle++) {
    const years = Math.min(rule.every_years, term_years - y);
    out.push({ cycle, year: start_year + y, years, fen: cyclePaymentFen(area_mu, { ...rule, every_years: years }) });
  }
  return out;
}

/** One recipient of a sale's proceeds: a party under a contract with its weight. */
export interface ProceedsShare {
  party_id: string;
  /** Contract area in 亩 the party holds a share of. */
  area_mu: number | string;
  /** The party's share of the contract (0–1], e.g. a household's area share. */
  share: number | string;
}

/**
 * Splits a sale's net proceeds: `villages_share` (e.g. 0.8 in Anji) goes to the contract parties
 * by area × share, the rest to `cooperative_id`, all in one largest-remainder pass so every part
 * is within one fen of its exact share and the parts add to the total.
 */
export function splitProceedsFen(netFen: bigint | number, villages_share: number | string, shares: readonly ProceedsShare[], cooperative_id: string): Apportioned<string>[] {
  const v = dec(villages_share);
  const one = 10n ** BigInt(v.scale);
  if (v.n < 0n || v.n > one) throw new LedgerInputError(`villages' share ${villages_share} must be in [0, 1]`);
  // Weights on one scale: party_i = v · area_i · share_i, cooperative = (1 − v) · Σ area · share.
  const own = shares.map((s) => mul(s.area_mu, s.share));
  if (own.some((d) => d.n < 0n)) throw new LedgerInputError('an area or share is negative');
  const scale = Math.max(0, ...own.map((d) => d.scale));
  const sum = own.reduce((t, d) => t + rescale(d, scale), 0n);
  if (sum === 0n) return apportionFen(netFen, [{ key: cooperative_id, weight: 1 }]);
  // One line per party (a household under two contracts is paid once, rounded once).
  const byParty = new Map<string, bigint>();
  byParty.set(cooperative_id, (one - v.n) * sum);
  shares.forEach((s, i) => byParty.set(s.party_id, (byParty.get(s.party_id) ?? 0n) + v.n * rescale(own[i], scale)));
  return apportionFen(netFen, [...byParty].filter(([k, w]) => w > 0n || k !== cooperative_id).map(([key, n]) => ({ key, weight: { n, scale: 0 } })));
}
