/**
 * Inland wetland carbon: stock densities and annual organic-carbon burial by wetland type.
 *
 *     stock  = (c_above + c_below + c_soil + c_dead) · area       (t C)
 *     sink   = burial_rate · area                                  (t C/yr)
 *
 * There is no national inland-wetland CCER methodology yet (carbon.md §5): every rate is a
 * parameter. Literature values: Chinese lakes mean burial 0.22 t C/ha/yr (range 0.014–2.6);
 * freshwater marsh 1.97 t C/ha/yr (196.7 g C/m²/yr, global meta-analysis); IPCC 2013 Wetlands
 * Supplement (coastal): mangrove 1.62, tidal marsh 0.91, seagrass 0.43 t C/ha/yr.
 *
 * Note the Deqing 下渚湖 pilot figure (~17,000 t/yr over ~8,900 亩 ≈ 593 ha, i.e. ~29 t/ha/yr,
 * unit not stated) is two orders of magnitude above these burial rates; tantu does not use it.
 */
import type { Sourced, SourcedValue } from '../core/sourced.ts';
import { TANTU_POOLS } from './pools.ts';

export const WETLAND_TYPES = ['lake', 'reservoir', 'river', 'marsh', 'pond'] as const;
export type WetlandType = (typeof WETLAND_TYPES)[number];

export interface WetlandParams {
  name_zh: string;
  name_en: string;
  /** Stock densities, t C/ha. */
  stock: { c_above: number; c_below: number; c_soil: number; c_dead: number } & Sourced;
  /** Annual organic-carbon burial, t C/ha/yr. */
  burial_tC_per_ha_yr: SourcedValue;
}

/** A marsh stores what the marsh-wetland row (class 9) of the land-cover pools table says: one number, one source. */
const MARSH_STOCK = (({ c_above, c_below, c_soil, c_dead, source, unverified }) => ({ c_above, c_below, c_soil, c_dead, source, unverified }))(
  TANTU_POOLS.find((r) => r.lucode === 9)!,
);

const OPEN_WATER_STOCK = {
  c_above: 0,
  c_below: 0,
  c_soil: 0,
  c_dead: 0,
  source: 'tantu convention: sediment carbon stock of open water is not counted (poorly constrained); only annual burial is',
  unverified: false,
};

export const WETLAND_PARAMS: Readonly<Record<string, WetlandParams>> = {
  lake: {
    name_zh: '湖泊',
    name_en: 'Lake',
    stock: OPEN_WATER_STOCK,
    burial_tC_per_ha_yr: {
      value: 0.22,
      unit: 't C/ha/yr',
      range: [0.014, 2.6],
      source: 'Chinese lakes, mean organic carbon burial 0.22 t C/ha/yr (range 0.014–2.6); carbon.md §5',
      unverified: false,
    },
  },
  reservoir: {
    name_zh: '水库',
    name_en: 'Reservoir',
    stock: OPEN_WATER_STOCK,
    burial_tC_per_ha_yr: {
      value: 0.22,
      unit: 't C/ha/yr',
      range: [0.014, 2.6],
      source:
        'tantu choice: no reservoir value in the reference; the Chinese-lake mean (carbon.md §5) is used as a conservative stand-in (reservoirs often bury more organic carbon than natural lakes)',
      unverified: true,
    },
  },
  river: {
    name_zh: '河流',
    name_en: 'River',
    stock: OPEN_WATER_STOCK,
    burial_tC_per_ha_yr: {
      value: 0,
      unit: 't C/ha/yr',
      range: [0, 0.22],
      source: 'tantu convention: flowing rivers transport rather than bury carbon; no sink is credited (conservative)',
      unverified: true,
    },
  },
  marsh: {
    name_zh: '沼泽',
    name_en: 'Marsh',
    stock: MARSH_STOCK,
    burial_tC_per_ha_yr: {
      value: 1.97,
      unit: 't C/ha/yr',
      range: [0.22, 2.6],
      source: 'global meta-analysis, freshwater marsh 196.7 g C/m²/yr = 1.97 t C/ha/yr; carbon.md §5 (range: tantu)',
      unverified: false,
    },
  },
  pond: {
    name_zh: '坑塘',
    name_en: 'Pond',
    stock: OPEN_WATER_STOCK,
    burial_tC_per_ha_yr: {
      value: 0.22,
      unit: 't C/ha/yr',
      range: [0.014, 2.6],
      source:
        'tantu choice: no pond value in the reference; the Chinese-lake mean (carbon.md §5) is used (small impoundments can bury much more; aquaculture ponds are drained and dredged)',
      unverified: true,
    },
  },
};

/** Parameters of a wetland type; throws naming the known types. */
export function wetlandParams(type: string, params: Readonly<Record<string, WetlandParams>> = WETLAND_PARAMS): WetlandParams {
  const p = Object.prototype.hasOwnProperty.call(params, type) ? params[type] : undefined;
  if (!p) throw new Error(`unknown wetland type '${type}'; expected one of: ${Object.keys(params).join(', ')}`);
  return p;
}

/** Stock density of a wetland type, t C/ha. */
export function wetlandStock_tC_per_ha(type: string, params: Readonly<Record<string, WetlandParams>> = WETLAND_PARAMS): number {
  const s = wetlandParams(type, params).stock;
  return s.c_above + s.c_below + s.c_soil + s.c_dead;
}

/** Annual burial (sink) of a wetland type, t C/ha/yr. */
export function wetlandBurial_tC_per_ha_yr(type: string, params: Readonly<Record<string, WetlandParams>> = WETLAND_PARAMS): number {
  return wetlandParams(type, params).burial_tC_per_ha_yr.value;
}

/** Stock (t C) and sink (t C/yr) of a wetland area (ha). */
export function wetlandCarbon(
  type: string,
  area_ha: number,
  params: Readonly<Record<string, WetlandParams>> = WETLAND_PARAMS,
): { stock_tC: number; sink_tC_per_yr: number } {
  if (!(area_ha >= 0)) throw new RangeError(`wetland area must be ≥ 0 ha, got ${area_ha}`);
  return { stock_tC: wetlandStock_tC_per_ha(type, params) * area_ha, sink_tC_per_yr: wetlandBurial_tC_per_ha_yr(type, params) * area_ha };
}
