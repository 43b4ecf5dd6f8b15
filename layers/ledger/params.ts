/**
 * The ledger's defaults, each with its source: the Anji bamboo-sink pooling (竹林碳汇收储) figures
 * and the non-permanence buffer. Every value is an overridable default (a project or contract
 * states its own); `unverified` where the figure comes from press reports rather than the
 * contract text.
 */
import type { SourcedValue } from '../core/sourced.ts';

const ANJI = 'Anji County bamboo carbon-sink pooling and trading centre (安吉县竹林碳汇收储交易中心), first contracts 2021-12-28, as reported in the press and summarised in tantu issue 13';

export const LEDGER_PARAMS = {
  /** Contract term of the Anji pooling contracts. */
  term_years: { value: 30, unit: 'yr', source: ANJI, unverified: true },
  /** Assumed sink per 亩 of bamboo forest per year. */
  t_per_mu_yr: { value: 0.39, unit: 't CO2e/亩/yr', source: ANJI, unverified: true },
  /** Purchase price per 亩 per year (national ETS average of the previous 30 trading days × 0.39 t/亩/yr). */
  cny_per_mu_yr: { value: 16.926, unit: '元/亩/yr', source: ANJI, unverified: true },
  /** Implied price index: 16.926 / 0.39 = 43.40 元/t CO2e. */
  price_index_cny_per_t: { value: 43.4, unit: '元/t CO2e', source: `${ANJI}; derived as 16.926 元/亩/yr ÷ 0.39 t/亩/yr`, unverified: true },
  /** Paid once per cycle. */
  every_years: { value: 3, unit: 'yr', source: ANJI, unverified: true },
  /**
   * Share of net proceeds returned to villages: issue 13 gives 80 %; /work/shared/reference/carbon.md §7
   * reports 70 % — the two press accounts disagree, so the figure must be set per project.
   */
  villages_share: { value: 0.8, unit: 'fraction', source: `${ANJI} (80 %; another account reports 70 %, see reference/carbon.md §7)`, unverified: true },
  /** One reported sale. */
  sale_price_cny_per_t: { value: 73.41, unit: '元/t CO2e', source: `${ANJI}: a buyer paid 73.41 元/t for 2,000 t`, unverified: true },
  /**
   * Non-permanence buffer withheld at issuance (bamboo harvest, fire, typhoon). The VCS AFOLU
   * Non-Permanence Risk Tool sets 10–60 % by risk score with a 10 % floor; tantu's carbon
   * methodologies use the same 10 % default (layers/carbon/methodologies.ts).
   */
  buffer_fraction: {
    value: 0.1, unit: 'fraction', range: [0.1, 0.6],
    source: 'VCS AFOLU Non-Permanence Risk Tool (buffer 10–60 % by risk rating, minimum 10 %); tantu default, override from the project’s risk assessment',
    unverified: true,
  },
} as const satisfies Record<string, SourcedValue>;

/**
 * Credits withheld for the buffer from `verified_t` whole tonnes: ⌈verified × fraction⌉, so the
 * buffer never falls short of its share by rounding. Returns { buffer_t, issued_t }.
 */
export function bufferSplit(verified_t: number, fraction: number): { buffer_t: number; issuable_t: number } {
  if (!Number.isSafeInteger(verified_t) || verified_t < 0) throw new RangeError(`verified ${verified_t} t must be a whole number ≥ 0`);
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`buffer fraction ${fraction} must be in [0, 1)`);
  // Work in millionths so 0.1 × 1800 is exactly 180, not 180.00000000000003 → 181.
  const micro = BigInt(Math.round(fraction * 1e6));
  const b = Number((BigInt(verified_t) * micro + 999_999n) / 1_000_000n);
  return { buffer_t: b, issuable_t: verified_t - b };
}
