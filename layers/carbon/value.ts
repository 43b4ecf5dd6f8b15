/**
 * Money: price paths in CNY per t CO2e, discounting, NPV and undiscounted value, and the
 * revenue split between households, village collectives and the 两山 cooperative.
 *
 *     price_t   = P0 · (1 + g/100)^t                               (CNY/t CO2e, vintage index t = 0…n−1)
 *     value_t   = credits_t · price_t                              (CNY)
 *     NPV       = Σ value_t / (1 + r/100)^(t+1)                    (paid at the end of each vintage year)
 *
 * Prices in Chinese markets are per t CO2e; the InVEST valuation is per t C — `investValuation`
 * converts (× 44/12) and reuses pools.ts `valuationConstant` (no second implementation).
 *
 * Reference: carbon.md §7.
 */
import { valuationConstant } from './pools.ts';
import type { SourcedValue } from '../core/sourced.ts';
import { CO2E_PER_C } from '../core/units.ts';

export type PriceScenario = 'low' | 'central' | 'high';

/** Price scenarios, CNY per t CO2e (carbon.md §7). */
export const PRICE_SCENARIOS: Readonly<Record<PriceScenario, SourcedValue>> = {
  low: {
    value: 59,
    unit: 'CNY/t CO2e',
    source: 'Anji bamboo sink pooling (竹林碳汇收储), a sale round averaging 59 yuan/t; carbon.md §7',
    unverified: false,
  },
  central: {
    value: 71.6,
    unit: 'CNY/t CO2e',
    source: 'Lishui 浙林碳汇: 2,653 t for 190,000 yuan ≈ 71.6 yuan/t; within the 2025 CCER range 60–80 yuan/t; carbon.md §7',
    unverified: false,
  },
  high: {
    value: 97.49,
    unit: 'CNY/t CO2e',
    source: 'national ETS allowance year-end 2024 price 97.49 yuan/t (a ceiling for offset prices); carbon.md §7',
    unverified: false,
  },
};

export interface RevenueSplit {
  /** Share of net proceeds returned to villages (households + village collective), 0–1. */
  villages_share: number;
  /** Of the villages' share, the part paid to households (rest: village collective), 0–1. */
  households_share_of_villages: number;
}

export interface ValueParams {
  discount_rate_pct: SourcedValue;
  price_growth_pct: SourcedValue;
  split: RevenueSplit & { villages_source: string; households_source: string; unverified: boolean };
}

export const VALUE_PARAMS: ValueParams = {
  discount_rate_pct: {
    value: 8,
    unit: '%/yr',
    source: 'social discount rate 8 % of 建设项目经济评价方法与参数 (第三版, 2006) — recalled, not checked; tantu default',
    unverified: true,
  },
  price_growth_pct: {
    value: 0,
    unit: '%/yr',
    source: 'tantu default: flat price (no forecast); set a growth rate explicitly to model a rising price',
    unverified: false,
  },
  split: {
    villages_share: 0.7,
    households_share_of_villages: 0.5,
    villages_source: 'Anji bamboo sink pooling: 70 % of net proceeds returned to villages; carbon.md §7 (rest: the pooling cooperative)',
    households_source: 'tantu assumption: villages pass half to households, half stays with the village collective — configure per village rules',
    unverified: true,
  },
};

/** Price path: P0·(1+g/100)^t for t = 0…years−1 (CNY/t CO2e). */
export function pricePath(start_price_cny_per_tCO2e: number, growth_pct: number, years: number): number[] {
  if (!(start_price_cny_per_tCO2e >= 0)) throw new RangeError(`price must be ≥ 0 CNY/t CO2e, got ${start_price_cny_per_tCO2e}`);
  return Array.from({ length: years }, (_, t) => start_price_cny_per_tCO2e * (1 + growth_pct / 100) ** t);
}

/** Discount factor for a payment at the end of vintage index t (t = 0 → one year away). */
export function discountFactor(rate_pct: number, t: number): number {
  if (!(rate_pct > -100)) throw new RangeError(`discount rate must be > −100 %, got ${rate_pct}`);
  return 1 / (1 + rate_pct / 100) ** (t + 1);
}

export interface CreditValue {
  npv_cny: number;
  undiscounted_cny: number;
  per_year: { index: number; credits_tCO2e: number; price_cny_per_tCO2e: number; value_cny: number; discounted_cny: number }[];
}

/**
 * Value of a stream of credits (t CO2e per vintage) at a price path (CNY/t CO2e).
 * Negative credits (reversals) count as costs at the same price.
 */
export function valueCredits(credits_tCO2e: readonly number[], prices_cny_per_tCO2e: readonly number[], discount_rate_pct: number): CreditValue {
  if (prices_cny_per_tCO2e.length < credits_tCO2e.length) {
    throw new Error(`price path (${prices_cny_per_tCO2e.length} years) is shorter than the credit stream (${credits_tCO2e.length})`);
  }
  const per_year = credits_tCO2e.map((c, t) => {
    const price = prices_cny_per_tCO2e[t]!;
    const value = c * price;
    return { index: t, credits_tCO2e: c, price_cny_per_tCO2e: price, value_cny: value, discounted_cny: value * discountFactor(discount_rate_pct, t) };
  });
  return {
    npv_cny: per_year.reduce((s, r) => s + r.discounted_cny, 0),
    undiscounted_cny: per_year.reduce((s, r) => s + r.value_cny, 0),
    per_year,
  };
}

export interface SplitAmounts {
  households_cny: number;
  village_collective_cny: number;
  cooperative_cny: number;
}

/** Split an amount (CNY) between households, village collective and cooperative. */
export function splitRevenue(amount_cny: number, split: RevenueSplit = VALUE_PARAMS.split): SplitAmounts {
  for (const [k, v] of Object.entries(split)) {
    if (typeof v === 'number' && !(v >= 0 && v <= 1)) throw new RangeError(`${k} must be a share in [0, 1], got ${v}`);
  }
  const villages = amount_cny * split.villages_share;
  const households = villages * split.households_share_of_villages;
  return { households_cny: households, village_collective_cny: villages - households, cooperative_cny: amount_cny - villages };
}

/** Shares of the three parties (sum 1). */
export function splitShares(split: RevenueSplit = VALUE_PARAMS.split): { households: number; village_collective: number; cooperative: number } {
  const s = splitRevenue(1, split);
  return { households: s.households_cny, village_collective: s.village_collective_cny, cooperative: s.cooperative_cny };
}

/**
 * InVEST-compatible valuation of a storage change, with the price given per t CO2e (CNY) and
 * converted to per t C (× 44/12) before calling pools.ts `valuationConstant`.
 * @returns k (CNY per t C of change) and the NPV (CNY) of `change_tC` (t C)
 */
export function investValuation(
  change_tC: number,
  v: { price_cny_per_tCO2e: number; discount_rate_pct: number; rate_change_pct: number; bas_year: number; alt_year: number },
): { k_cny_per_tC: number; npv_cny: number; price_cny_per_tC: number } {
  // a t C is 44/12 t CO2e, so it is worth 3.667× more
  const price_cny_per_tC = v.price_cny_per_tCO2e * CO2E_PER_C;
  const k = valuationConstant({ price_per_tC: price_cny_per_tC, discount_rate_pct: v.discount_rate_pct, rate_change_pct: v.rate_change_pct, bas_year: v.bas_year, alt_year: v.alt_year });
  return { k_cny_per_tC: k, npv_cny: change_tC * k, price_cny_per_tC };
}

