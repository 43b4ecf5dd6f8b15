/**
 * Land-cover carbon pool model, compatible with InVEST "Carbon Storage and Sequestration"
 * (Natural Capital Project, InVEST 3.x `natcap.invest.carbon`).
 *
 * Per land-cover class (lucode) four pools in t C/ha: above-ground (c_above), below-ground
 * (c_below), soil (c_soil), dead organic matter (c_dead).
 *
 *     storage[p] = c_above + c_below + c_soil + c_dead              (t C/ha)
 *     change[p]  = storage_alt[p] − storage_bas[p]                  (t C/ha)
 *     total      = Σ_valid storage[p] · pixel_area_m2 / 10000        (t C)
 *
 * Valuation (InVEST form; n = alt_year − bas_year > 0, r discount %, c "rate change" %,
 * V price per t C):
 *
 *     ratio = 1 / ((1 + r/100) · (1 + c/100))
 *     k     = V / n · (ratio == 1 ? n : (1 − ratio^n) / (1 − ratio))
 *     npv[p] = change[p] · k                                        (currency/ha)
 *
 * Deliberate differences from InVEST (carbon.md §2 "weaknesses we must not copy"):
 * - nodata is NaN, never a value (InVEST uses −1 for the change raster, so a real change of
 *   −1 t/ha vanishes);
 * - the change total is summed over the pixels valid in BOTH scenarios, and the footprints
 *   counted are reported, so Σchange = Σalt − Σbas on that common footprint;
 * - geographic rasters are supported through per-row pixel areas (m²);
 * - totals are also given in t CO2e (× 44/12).
 *
 * Reference: carbon.md §2 and its five public reference cases (InVEST test-suite).
 */
import { ModelInputError } from '../core/errors.ts';
import type { Sourced } from '../core/sourced.ts';
import { CO2E_PER_C, M2_PER_HA, sumPrecise } from '../core/units.ts';

/** One row of a pools table (InVEST biophysical table columns), t C/ha. */
export interface PoolRow extends Sourced {
  lucode: number;
  /** Optional class key / name for display. */
  lulc_name?: string;
  c_above: number;
  c_below: number;
  c_soil: number;
  c_dead: number;
}

export type PoolTable = readonly PoolRow[];

/** Thrown when land-cover codes are absent from the pools table; names them like InVEST: "[200]". */
export class MissingLucodeError extends ModelInputError {
  readonly missing: number[];
  constructor(missing: Iterable<number>) {
    const list = [...new Set(missing)].sort((a, b) => a - b);
    super({
      code: 'missing_lucode',
      title: 'Land-cover class without carbon parameters',
      detail:
        `The following land-cover codes are in the raster but missing from the carbon pools table: [${list.join(', ')}]. ` +
        'Add a row for each code to the pools table.',
      extensions: { missing_classes: list },
      zh: { title: '土地覆盖类别缺少碳参数', detail: `栅格中的土地覆盖代码 [${list.join(', ')}] 不在碳库参数表中。请在碳库表中为每个代码添加一行。` },
    });
    this.name = 'MissingLucodeError';
    this.missing = list;
  }
}

/** Index a pools table by lucode; rejects duplicate codes and non-finite pool values. */
export function indexPools(pools: PoolTable): Map<number, PoolRow> {
  const map = new Map<number, PoolRow>();
  for (const row of pools) {
    if (map.has(row.lucode)) throw new Error(`carbon pools table has lucode ${row.lucode} more than once`);
    for (const k of ['c_above', 'c_below', 'c_soil', 'c_dead'] as const) {
      if (!Number.isFinite(row[k])) throw new Error(`carbon pools table: lucode ${row.lucode} has a non-finite ${k}`);
    }
    map.set(row.lucode, row);
  }
  return map;
}

/** Total storage of one row, t C/ha. */
export function rowStoragePerHa(row: Pick<PoolRow, 'c_above' | 'c_below' | 'c_soil' | 'c_dead'>): number {
  return row.c_above + row.c_below + row.c_soil + row.c_dead;
}

/**
 * Storage density of a land-cover class: c_above + c_below + c_soil + c_dead (t C/ha).
 * @throws MissingLucodeError when the class is not in the table
 */
export function storagePerHa(pools: PoolTable, lucode: number): number {
  const row = pools.find((r) => r.lucode === lucode);
  if (!row) throw new MissingLucodeError([lucode]);
  return rowStoragePerHa(row);
}

/**
 * Map class codes to values (InVEST `reclassify`). Pixels equal to `nodata` (or NaN) become NaN.
 * @param classes class code per pixel (row-major)
 * @param valueByCode value per class code
 * @param nodata class nodata value (null: none)
 * @throws MissingLucodeError naming every class present but unmapped
 */
export function reclassify(
  classes: ArrayLike<number>,
  valueByCode: ReadonlyMap<number, number> | Readonly<Record<number, number>>,
  nodata: number | null = null,
): Float64Array {
  const lookup =
    valueByCode instanceof Map
      ? (valueByCode as ReadonlyMap<number, number>)
      : new Map(Object.entries(valueByCode).map(([k, v]) => [Number(k), v as number]));
  const out = new Float64Array(classes.length);
  const missing = new Set<number>();
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (Number.isNaN(c) || (nodata !== null && c === nodata)) {
      out[i] = NaN;
      continue;
    }
    const v = lookup.get(c);
    if (v === undefined) {
      missing.add(c);
      out[i] = NaN;
    } else out[i] = v;
  }
  if (missing.size > 0) throw new MissingLucodeError(missing);
  return out;
}

/** Per-pixel storage (t C/ha) of a class raster; NaN at nodata. */
export function storageMap(classes: ArrayLike<number>, pools: PoolTable, nodata: number | null = null): Float64Array {
  const byCode = new Map<number, number>();
  for (const [code, row] of indexPools(pools)) byCode.set(code, rowStoragePerHa(row));
  return reclassify(classes, byCode, nodata);
}

/** Per-pixel change alt − bas (t C/ha); NaN where either is NaN (never a sentinel value). */
export function storageChange(bas_tC_per_ha: ArrayLike<number>, alt_tC_per_ha: ArrayLike<number>): Float64Array {
  if (bas_tC_per_ha.length !== alt_tC_per_ha.length) {
    throw new Error(`baseline and alternate rasters differ in size (${bas_tC_per_ha.length} vs ${alt_tC_per_ha.length} pixels)`);
  }
  const out = new Float64Array(bas_tC_per_ha.length);
  for (let i = 0; i < out.length; i++) out[i] = alt_tC_per_ha[i]! - bas_tC_per_ha[i]!; // NaN propagates
  return out;
}

/**
 * Pixel areas: one area for every pixel (projected CRS, |px·py| m²) or one per row for
 * geographic rasters (the ellipsoidal cell area of that row, m²), with the raster width.
 */
export type PixelAreas = { pixel_area_m2: number } | { row_area_m2: ArrayLike<number>; width: number };

/** A total over a raster with the footprint that was counted. */
export interface RasterTotal {
  /** Sum of value × area, in t C when the values are t C/ha. */
  total_tC: number;
  /** total_tC × 44/12. */
  total_tCO2e: number;
  /** Pixels with a value. */
  counted_pixels: number;
  /** Pixels without a value (nodata / NaN). */
  nodata_pixels: number;
  /** Area of the counted pixels, ha. */
  counted_area_ha: number;
}

function pixelAreaFn(n: number, areas: PixelAreas): (i: number) => number {
  if ('pixel_area_m2' in areas) {
    const a = areas.pixel_area_m2;
    if (!(a > 0)) throw new RangeError(`pixel_area_m2 must be > 0, got ${a}`);
    return () => a;
  }
  const { row_area_m2, width } = areas;
  if (!(width > 0) || !Number.isInteger(width)) throw new RangeError(`width must be a positive integer, got ${width}`);
  if (row_area_m2.length * width !== n) {
    throw new Error(`per-row areas (${row_area_m2.length} rows × ${width}) do not match the raster (${n} pixels)`);
  }
  return (i) => row_area_m2[Math.floor(i / width)]!;
}

/**
 * Σ value[p] · area[p] / 10 000 over valid pixels.
 * @param values_per_ha per-pixel density (t C/ha, or currency/ha), NaN = nodata
 * @param areas pixel area(s) in m²
 * @param mask optional extra mask: only pixels with mask[p] true are counted
 */
export function totalOverPixels(values_per_ha: ArrayLike<number>, areas: PixelAreas, mask?: ArrayLike<boolean>): RasterTotal {
  const areaOf = pixelAreaFn(values_per_ha.length, areas);
  const terms: number[] = [];
  const areaTerms: number[] = [];
  let nodata = 0;
  for (let i = 0; i < values_per_ha.length; i++) {
    const v = values_per_ha[i]!;
    if (Number.isNaN(v) || (mask && !mask[i])) {
      nodata++;
      continue;
    }
    const a = areaOf(i);
    terms.push((v * a) / M2_PER_HA);
    areaTerms.push(a / M2_PER_HA);
  }
  const total = sumPrecise(terms);
  return {
    total_tC: total,
    total_tCO2e: total * CO2E_PER_C,
    counted_pixels: terms.length,
    nodata_pixels: nodata,
    counted_area_ha: sumPrecise(areaTerms),
  };
}

/** InVEST valuation inputs. Price is per t C (convert CNY/t CO2e × 44/12). */
export interface ValuationInput {
  /** Price of carbon, currency per t C. */
  price_per_tC: number;
  /** Annual market discount rate r, percent. */
  discount_rate_pct: number;
  /** Annual "rate change" c, percent: an annual decline in the social value of carbon (acts as a 2nd discount rate). */
  rate_change_pct: number;
  bas_year: number;
  alt_year: number;
}

/**
 * InVEST valuation constant k (currency per t C of change): the change is spread evenly over
 * n = alt_year − bas_year years and year 0 is undiscounted.
 *
 *     k = V/n · Σ_{t=0}^{n−1} ratio^t,  ratio = 1/((1+r/100)(1+c/100))
 *
 * Reference case 1 (price 43, r −7.1 %, c 2.8 %, 2016→2030): k = 59.001360702500605.
 * @throws RangeError when alt_year ≤ bas_year
 */
export function valuationConstant(v: ValuationInput): number {
  if (!(v.alt_year > v.bas_year)) {
    throw new RangeError(`the alternate year (${v.alt_year}) must be after the baseline year (${v.bas_year})`);
  }
  const n = v.alt_year - v.bas_year;
  const ratio = 1 / ((1 + v.discount_rate_pct / 100) * (1 + v.rate_change_pct / 100));
  const sum = ratio === 1 ? n : (1 - ratio ** n) / (1 - ratio);
  return (v.price_per_tC / n) * sum;
}

/** NPV of a storage change, currency/ha = change (t C/ha) · k (currency/t C). */
export function npvPerHa(change_tC_per_ha: number, k: number): number {
  return change_tC_per_ha * k;
}

export interface PoolModelInput {
  /** Baseline class raster (row-major codes). */
  lulc_bas: ArrayLike<number>;
  /** Alternate (future) class raster, same size; optional. */
  lulc_alt?: ArrayLike<number>;
  pools: PoolTable;
  /** Class nodata value (tantu rasters: 0). */
  nodata?: number | null;
  areas: PixelAreas;
  /** Valuation (needs lulc_alt). */
  valuation?: ValuationInput;
}

export interface PoolModelResult {
  storage_bas_tC_per_ha: Float64Array;
  storage_alt_tC_per_ha: Float64Array | null;
  change_tC_per_ha: Float64Array | null;
  npv_per_ha: Float64Array | null;
  valuation_constant: number | null;
  totals: {
    bas: RasterTotal;
    alt: RasterTotal | null;
    /** Change summed over pixels valid in both scenarios (see `*_on_common` for the matching stocks). */
    change: RasterTotal | null;
    bas_on_common: RasterTotal | null;
    alt_on_common: RasterTotal | null;
    /** Σ npv · area (currency); `total_tC` holds the currency total. */
    npv_currency: number | null;
  };
}

/** Run the whole pool model the way InVEST does, with the fixes listed in the module comment. */
export function runPoolModel(input: PoolModelInput): PoolModelResult {
  const nodata = input.nodata ?? null;
  if (input.valuation && !input.lulc_alt) throw new Error('valuation needs an alternate land-cover raster');
  // Validate years before doing any pixel work (InVEST reference case 5).
  const k = input.valuation ? valuationConstant(input.valuation) : null;
  const missing = new Set<number>();
  const bas = tryStorage(input.lulc_bas, input.pools, nodata, missing);
  const alt = input.lulc_alt ? tryStorage(input.lulc_alt, input.pools, nodata, missing) : null;
  if (missing.size > 0) throw new MissingLucodeError(missing);
  const totals: PoolModelResult['totals'] = {
    bas: totalOverPixels(bas, input.areas),
    alt: null,
    change: null,
    bas_on_common: null,
    alt_on_common: null,
    npv_currency: null,
  };
  let change: Float64Array | null = null;
  let npv: Float64Array | null = null;
  if (alt) {
    change = storageChange(bas, alt);
    const common = Array.from(change, (v) => !Number.isNaN(v));
    totals.alt = totalOverPixels(alt, input.areas);
    totals.change = totalOverPixels(change, input.areas);
    totals.bas_on_common = totalOverPixels(bas, input.areas, common);
    totals.alt_on_common = totalOverPixels(alt, input.areas, common);
    if (k !== null) {
      npv = change.map((c) => npvPerHa(c, k));
      totals.npv_currency = totalOverPixels(npv, input.areas).total_tC;
    }
  }
  return {
    storage_bas_tC_per_ha: bas,
    storage_alt_tC_per_ha: alt,
    change_tC_per_ha: change,
    npv_per_ha: npv,
    valuation_constant: k,
    totals,
  };
}

function tryStorage(classes: ArrayLike<number>, pools: PoolTable, nodata: number | null, missing: Set<number>): Float64Array {
  try {
    return storageMap(classes, pools, nodata);
  } catch (e) {
    if (e instanceof MissingLucodeError) {
      e.missing.forEach((m) => missing.add(m));
      return new Float64Array(classes.length).fill(NaN);
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// Default pools for tantu's 14 land-cover classes (layers/landcover/classes.ts), t C/ha.
// ---------------------------------------------------------------------------------------

const FOREST_V70 =
  'derived: stand route (stand.ts, 省级温室气体清单编制指南 2011 factors [unverified]) at an assumed typical Zhejiang stock volume of 70 m³/ha (tantu assumption, not a published provincial mean)';
const SOIL_REF =
  'IPCC 2006 Vol.4 Ch.2 Table 2.3 default reference SOC (0–30 cm) for warm temperate moist climate, low-activity-clay soils: 63 t C/ha (recalled, not checked against the document)';
const DEAD_FOREST =
  'tantu estimate ~4 t C/ha litter + dead wood for subtropical plantations (IPCC 2006 Table 2.2 litter defaults are higher); not checked against a primary source';

/**
 * Default pools for tantu's land-cover classes in subtropical Zhejiang (t C/ha).
 * Soil is the 0–30 cm convention throughout (IPCC Tier 1), except bamboo (Yuen et al. 2017
 * lower bound; see the row). Biomass rows for forest classes are the stand route at
 * 70 m³/ha so the two routes agree (tested). Every row marked unverified is a default to be
 * replaced by bureau-specific values.
 */
export const TANTU_POOLS: PoolTable = [
  { lucode: 1, lulc_name: 'broadleaf_forest', c_above: 25.03, c_below: 6.56, c_soil: 63, c_dead: 4, unverified: true,
    source: `above/below: ${FOREST_V70}, mixed_broadleaf (阔叶混) factors; soil: ${SOIL_REF}; dead: ${DEAD_FOREST}` },
  { lucode: 2, lulc_name: 'chinese_fir_forest', c_above: 18.26, c_below: 4.49, c_soil: 63, c_dead: 4, unverified: true,
    source: `above/below: ${FOREST_V70}, chinese_fir (杉木) factors; soil: ${SOIL_REF}; dead: ${DEAD_FOREST}` },
  { lucode: 3, lulc_name: 'masson_pine_forest', c_above: 18.01, c_below: 3.37, c_soil: 63, c_dead: 4, unverified: true,
    source: `above/below: ${FOREST_V70}, masson_pine (马尾松) factors; soil: ${SOIL_REF}; dead: ${DEAD_FOREST}` },
  { lucode: 4, lulc_name: 'mixed_forest', c_above: 28.06, c_below: 6.96, c_soil: 63, c_dead: 4, unverified: true,
    source: `above/below: ${FOREST_V70}, mixed_conifer_broadleaf (针阔混) factors; soil: ${SOIL_REF}; dead: ${DEAD_FOREST}` },
  { lucode: 5, lulc_name: 'moso_bamboo', c_above: 46.67, c_below: 23.33, c_soil: 70, c_dead: 3, unverified: true,
    source:
      'above+below = 70 t C/ha, the lower end of the 70–85 t C/ha mean stand biomass carbon for the northern/middle subtropics (Wang et al., J. Trop. For. Sci., via carbon.md §4), split with root:shoot 0.5 (the ratio of the Yuen et al. 2017 range bounds 8–64 / 16–128; tantu choice); soil: 70 t C/ha, lower bound of Yuen et al. 2017 (Forest Ecol. Manage. 393:113–138) 70–200 t C/ha (their depth differs from the 0–30 cm used for other classes); dead: tantu estimate 3 t C/ha' },
  { lucode: 6, lulc_name: 'shrub', c_above: 6, c_below: 4, c_soil: 63, c_dead: 1, unverified: true,
    source: `biomass: tantu estimate ~10 t C/ha, the order of Chinese national shrubland biomass carbon densities (e.g. Fang et al. 2018 PNAS 115:4015), not checked; soil: ${SOIL_REF}; dead: tantu estimate` },
  { lucode: 7, lulc_name: 'tea_orchard', c_above: 8, c_below: 4, c_soil: 63, c_dead: 1, unverified: true,
    source: `biomass: tantu estimate for tea bushes / young orchards (IPCC 2006 Vol.4 Table 5.1 gives 63 t C/ha at harvest for temperate perennial crops, an upper bound for mature orchards; not checked); soil: ${SOIL_REF} with F_LU 1.0 for perennial crops` },
  { lucode: 8, lulc_name: 'cropland', c_above: 0, c_below: 0, c_soil: 69.3, c_dead: 0, unverified: true,
    source: 'biomass: 0, IPCC 2006 Tier 1 (annual crops harvested every year, no lasting biomass stock); soil: 63 t C/ha × F_LU 1.10 for paddy rice (IPCC 2006 Vol.4 Table 5.5, recalled, not checked) since Zhejiang cropland is mostly paddy' },
  { lucode: 9, lulc_name: 'marsh_wetland', c_above: 5, c_below: 5, c_soil: 88, c_dead: 0, unverified: true,
    source: 'biomass: tantu estimate for reed/sedge marsh; soil: IPCC 2006 Vol.4 Table 2.3 reference SOC for wetland soils, warm temperate moist, 88 t C/ha (recalled, not checked); annual burial in wetland.ts' },
  { lucode: 10, lulc_name: 'open_water', c_above: 0, c_below: 0, c_soil: 0, c_dead: 0, unverified: false,
    source: 'tantu convention: sediment carbon of open water is not counted as a stock; annual burial is counted by wetland.ts' },
  { lucode: 11, lulc_name: 'built_up', c_above: 1, c_below: 0.5, c_soil: 30, c_dead: 0, unverified: true,
    source: 'tantu estimate: little vegetation; soil about half the reference SOC under sealed surfaces — not from a published table' },
  { lucode: 12, lulc_name: 'bare_mine', c_above: 0, c_below: 0, c_soil: 10, c_dead: 0, unverified: true,
    source: 'tantu estimate for bare land / abandoned mine (topsoil largely removed) — not from a published table' },
  { lucode: 13, lulc_name: 'closed_landfill', c_above: 1, c_below: 1.5, c_soil: 20, c_dead: 0, unverified: true,
    source: 'tantu estimate for a grassed cover layer over a closed landfill; carbon in the waste body is not counted — not from a published table' },
  { lucode: 14, lulc_name: 'grassland', c_above: 1.3, c_below: 5.2, c_soil: 63, c_dead: 0.5, unverified: true,
    source: `biomass: IPCC 2006 Vol.4 Ch.6 Tier 1 order of magnitude for warm temperate wet grassland (above-ground ~2.7 t dm/ha, root:shoot ~4, CF 0.47; recalled, not checked); soil: ${SOIL_REF}` },
];
