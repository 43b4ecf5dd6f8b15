/**
 * Exclusion masks in the manner of NREL reV's `LayerMask` (reV/supply_curve/exclusions.py):
 * each rule looks at one source layer and gives every cell a multiplier c ∈ [0, 1]:
 *
 * - `exclude_values`: c = 0 where the value is one of them, else 1;
 * - `exclude_range` [min, max] (either end open with null): c = 0 where min ≤ v ≤ max;
 * - `include_values`: c = 1 where the value is one of them, else 0;
 * - `include_range` [min, max]: c = 1 where min ≤ v ≤ max, else 0;
 * - `include_weights` {value: weight}: c = weight for listed values, 0 for the rest (reV:
 *   values not in the dictionary are excluded);
 * - `force_include_values` / `force_include_range`: forced inclusion F = 1 where matched.
 *
 * Exclusions combine by multiplication, forced inclusions by maximum (reV `ExclusionMask`):
 * M = max(Π c_j, max_k F_k). A cell whose layer has no data (NaN / nodata) is neither matched
 * by an exclude rule nor by an include rule: exclude rules keep it (c = 1), include rules drop
 * it (c = 0), like reV's default `exclude_nodata = False` for exclusions.
 *
 * Buffers: `buffer_m` widens an exclusion — every cell whose centre lies within `buffer_m`
 * metres of the centre of a cell the rule excluded is excluded too (Euclidean distance
 * transform, layers/raster/edt.ts; the distance is between cell centres, so an exclusion
 * reaches up to half a cell further or nearer than the true edge). `setback_tip_heights` on a
 * distance layer (metres) excludes distance < multiple × tip height (wind setbacks:
 * reference/solar-wind.md §6, tip height = hub height + rotor diameter / 2).
 *
 * `min_area` (ruleset level, min_area.ts): contiguous usable land smaller than the minimum is
 * dropped after the rules, with queen (8-neighbour) or rook (4-neighbour) contiguity.
 */
import type { Sourced } from '../core/sourced.ts';
import { euclideanDistance } from '../raster/edt.ts';
import { throwIfProblems } from './errors.ts';

/** [min, max], inclusive; null = open end. */
export type Range = [number | null, number | null];

export interface MaskRule extends Sourced {
  /** Stable id within its rule set, e.g. 'basic_farmland'. */
  id: string;
  label_zh: string;
  label_en: string;
  /** Source layer id (see the layer list of the caller, e.g. SITING_LAYERS). */
  layer: string;
  exclude_values?: number[];
  exclude_range?: Range;
  include_values?: number[];
  include_range?: Range;
  /** value → weight in [0, 1]; unlisted values get 0. Keys are stringified numbers. */
  include_weights?: Record<string, number>;
  force_include_values?: number[];
  force_include_range?: Range;
  /** Widen the exclusion by this many metres (≥ 0). */
  buffer_m?: number;
  /** On a distance layer (m): exclude distance < this multiple of the turbine tip height. */
  setback_tip_heights?: number;
}

export type RuleKind = 'exclude' | 'include' | 'force_include';

const KIND_KEYS = ['exclude_values', 'exclude_range', 'include_values', 'include_range', 'include_weights', 'force_include_values', 'force_include_range', 'setback_tip_heights'] as const;

/** What kind of mask a rule is (exactly one kind key must be set). */
export function ruleKind(rule: MaskRule): RuleKind {
  const k = KIND_KEYS.filter((key) => rule[key] !== undefined);
  const key = k[0];
  if (key === 'force_include_values' || key === 'force_include_range') return 'force_include';
  if (key === 'include_values' || key === 'include_range' || key === 'include_weights') return 'include';
  return 'exclude';
}

/**
 * Check a rule: exactly one kind, finite numbers, ranges with min ≤ max, weights in [0, 1],
 * buffers ≥ 0, a layer among `layers` when given.
 * @throws SitingInputError naming each problem
 */
export function checkRule(rule: MaskRule, layers?: ReadonlySet<string>): void {
  const p: { en: string; zh: string }[] = [];
  const id = rule.id || '(no id)';
  const kinds = KIND_KEYS.filter((key) => rule[key] !== undefined);
  if (kinds.length !== 1) p.push({ en: `rule ${id}: give exactly one of ${KIND_KEYS.join(', ')} (got ${kinds.length ? kinds.join(', ') : 'none'})`, zh: `规则 ${id}：须且只能给出 ${KIND_KEYS.join('、')} 中的一项（实为 ${kinds.length ? kinds.join('、') : '无'}）` });
  if (layers && !layers.has(rule.layer)) p.push({ en: `rule ${id}: unknown layer "${rule.layer}" (known: ${[...layers].join(', ')})`, zh: `规则 ${id}：未知图层"${rule.layer}"（可用：${[...layers].join('、')}）` });
  const fin = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  for (const key of ['exclude_range', 'include_range', 'force_include_range'] as const) {
    const r = rule[key];
    if (!r) continue;
    if (r[0] === null && r[1] === null) p.push({ en: `rule ${id}: ${key} needs at least one end`, zh: `规则 ${id}：${key} 至少需要一端` });
    if ((r[0] !== null && !fin(r[0])) || (r[1] !== null && !fin(r[1]))) p.push({ en: `rule ${id}: ${key} ends must be finite numbers or null`, zh: `规则 ${id}：${key} 的端点须为有限数或 null` });
    if (r[0] !== null && r[1] !== null && r[0] > r[1]) p.push({ en: `rule ${id}: ${key} min ${r[0]} is above max ${r[1]}`, zh: `规则 ${id}：${key} 下限 ${r[0]} 大于上限 ${r[1]}` });
  }
  if (rule.include_weights) {
    for (const [v, w] of Object.entries(rule.include_weights)) {
      if (!Number.isFinite(Number(v))) p.push({ en: `rule ${id}: include_weights key "${v}" is not a number`, zh: `规则 ${id}：include_weights 的键"${v}"不是数值` });
      if (!fin(w) || w < 0 || w > 1) p.push({ en: `rule ${id}: include_weights[${v}] must be in 0–1, got ${String(w)}`, zh: `规则 ${id}：include_weights[${v}] 须在 0–1 之间，实为 ${String(w)}` });
    }
  }
  if (rule.buffer_m !== undefined && (!fin(rule.buffer_m) || rule.buffer_m < 0 || rule.buffer_m > 50_000)) p.push({ en: `rule ${id}: buffer_m must be 0–50,000 m`, zh: `规则 ${id}：buffer_m 须在 0–50,000 米之间` });
  if (rule.buffer_m && ruleKind(rule) === 'force_include') p.push({ en: `rule ${id}: a forced inclusion cannot have a buffer`, zh: `规则 ${id}：强制纳入规则不能设缓冲区` });
  if (rule.setback_tip_heights !== undefined && (!fin(rule.setback_tip_heights) || rule.setback_tip_heights < 0 || rule.setback_tip_heights > 20)) p.push({ en: `rule ${id}: setback_tip_heights must be 0–20`, zh: `规则 ${id}：setback_tip_heights 须在 0–20 之间` });
  throwIfProblems(p);
}

const inRange = (v: number, r: Range) => (r[0] === null || v >= r[0]) && (r[1] === null || v <= r[1]);

export interface MaskContext {
  width: number;
  height: number;
  /** Side of a square cell, m (for buffers). */
  cellSizeM: number;
  /** Turbine tip height, m (for setback_tip_heights). */
  tipHeightM?: number;
  /**
   * Optional fast path for buffers: the distance (m) from every cell to the nearest cell of
   * `layer` whose value is in `values` — when the caller has it precomputed. Return undefined
   * to let the rule compute its own distance transform.
   */
  distanceTo?: (layer: string, values: readonly number[]) => Float32Array | undefined;
}

/**
 * The multiplier c ∈ [0, 1] of one exclusion/inclusion rule for every cell (Float32Array), or
 * the forced-inclusion flags F (1/0) for a force_include rule.
 * @param values the rule's source layer, row-major (its unit: class codes, °, m …)
 * @param nodata value marking missing data (NaN always does)
 */
export function ruleMultiplier(rule: MaskRule, values: ArrayLike<number>, ctx: MaskContext, nodata: number | null = null): Float32Array {
  const n = ctx.width * ctx.height;
  const out = new Float32Array(n);
  const missing = (v: number) => v !== v || v === nodata;
  if (rule.setback_tip_heights !== undefined) {
    if (!(ctx.tipHeightM! > 0)) throw new RangeError(`rule ${rule.id}: a setback in tip heights needs the turbine tip height`);
    const d = rule.setback_tip_heights * ctx.tipHeightM!;
    for (let i = 0; i < n; i++) { const v = values[i]; out[i] = v === v && v !== nodata && v < d ? 0 : 1; }
  } else if (rule.exclude_values && values instanceof Uint8Array) {
    // byte layers (classes, flags): a lookup table
    const lut = new Float32Array(256).fill(1);
    for (const v of rule.exclude_values) if (Number.isInteger(v) && v >= 0 && v < 256 && v !== nodata) lut[v] = 0;
    for (let i = 0; i < n; i++) out[i] = lut[values[i]];
  } else if (rule.include_values && values instanceof Uint8Array) {
    const lut = new Float32Array(256);
    for (const v of rule.include_values) if (Number.isInteger(v) && v >= 0 && v < 256 && v !== nodata) lut[v] = 1;
    for (let i = 0; i < n; i++) out[i] = lut[values[i]];
  } else if (rule.exclude_values) {
    const set = new Set(rule.exclude_values);
    for (let i = 0; i < n; i++) out[i] = !missing(values[i]) && set.has(values[i]) ? 0 : 1;
  } else if (rule.exclude_range) {
    const lo = rule.exclude_range[0] ?? -Infinity, hi = rule.exclude_range[1] ?? Infinity;
    for (let i = 0; i < n; i++) { const v = values[i]; out[i] = v === v && v !== nodata && v >= lo && v <= hi ? 0 : 1; }
  } else if (rule.include_values) {
    const set = new Set(rule.include_values);
    for (let i = 0; i < n; i++) out[i] = !missing(values[i]) && set.has(values[i]) ? 1 : 0;
  } else if (rule.include_range) {
    const r = rule.include_range;
    for (let i = 0; i < n; i++) out[i] = !missing(values[i]) && inRange(values[i], r) ? 1 : 0;
  } else if (rule.include_weights) {
    const w = new Map(Object.entries(rule.include_weights).map(([k, v]) => [Number(k), v]));
    for (let i = 0; i < n; i++) out[i] = missing(values[i]) ? 0 : (w.get(values[i]) ?? 0);
  } else if (rule.force_include_values) {
    const set = new Set(rule.force_include_values);
    for (let i = 0; i < n; i++) out[i] = !missing(values[i]) && set.has(values[i]) ? 1 : 0;
  } else if (rule.force_include_range) {
    const r = rule.force_include_range;
    for (let i = 0; i < n; i++) out[i] = !missing(values[i]) && inRange(values[i], r) ? 1 : 0;
  }
  if (rule.buffer_m && rule.buffer_m > 0 && ruleKind(rule) !== 'force_include') {
    let dist = rule.exclude_values ? ctx.distanceTo?.(rule.layer, rule.exclude_values) : undefined;
    if (!dist) {
      const excluded = new Uint8Array(n);
      for (let i = 0; i < n; i++) excluded[i] = out[i] === 0 ? 1 : 0;
      dist = euclideanDistance(ctx.width, ctx.height, excluded, ctx.cellSizeM);
    }
    const b = rule.buffer_m;
    for (let i = 0; i < n; i++) if (dist[i] <= b) out[i] = 0;
  }
  return out;
}

export interface CombinedMask {
  /** M = max(Π c_j, max F_k) per cell, in [0, 1]. */
  mask: Float32Array;
  /**
   * Which rule made a cell's mask 0: 1 + the index in `rules` of the FIRST rule (in order) whose
   * multiplier is 0 there; 0 when the cell is not excluded; MIN_AREA_CODE for min_area; DOMAIN_CODE outside the domain.
   */
  excluded_by: Uint8Array;
  /** Bit k set where rule k's multiplier is 0 (every excluding rule, not only the first); cleared where forced in. */
  excluded_bits: Uint32Array;
}

/** `excluded_by` code of cells dropped because their contiguous usable area is too small. */
export const MIN_AREA_CODE = 254;
/** `excluded_by` code of cells outside the study area (e.g. outside the county or without land cover). */
export const DOMAIN_CODE = 255;

/**
 * The common all-or-nothing rules without a buffer (class lookups on byte layers, ranges, wind
 * setbacks) applied straight to the combined mask: the same cells get the same 0 and the same
 * bits as multiplying by ruleMultiplier's 0/1 raster, without a county-sized Float32Array and a
 * second pass per rule (a rule edit re-runs every rule of the set). Returns false for the other
 * kinds, which go through ruleMultiplier.
 */
function excludeInPlace(rule: MaskRule, values: ArrayLike<number>, nodata: number | null, ctx: MaskContext, k: number,
  mask: Float32Array, excluded_by: Uint8Array, excluded_bits: Uint32Array): boolean {
  if (rule.buffer_m && rule.buffer_m > 0) return false;
  const n = ctx.width * ctx.height;
  const bit = 1 << k, code = k + 1;
  const hit = (i: number) => { mask[i] = 0; excluded_bits[i] |= bit; if (excluded_by[i] === 0) excluded_by[i] = code; };
  if (rule.setback_tip_heights !== undefined) {
    if (!(ctx.tipHeightM! > 0)) return false; // ruleMultiplier says why
    const d = rule.setback_tip_heights * ctx.tipHeightM!;
    for (let i = 0; i < n; i++) { const v = values[i]; if (v === v && v !== nodata && v < d) hit(i); }
    return true;
  }
  if ((rule.exclude_values || rule.include_values) && values instanceof Uint8Array) {
    // 1 = excluded, per byte value
    const lut = new Uint8Array(256).fill(rule.exclude_values ? 0 : 1);
    for (const v of (rule.exclude_values ?? rule.include_values)!) if (Number.isInteger(v) && v >= 0 && v < 256 && v !== nodata) lut[v] = rule.exclude_values ? 1 : 0;
    for (let i = 0; i < n; i++) if (lut[values[i]]) hit(i);
    return true;
  }
  if (rule.exclude_range) {
    const lo = rule.exclude_range[0] ?? -Infinity, hi = rule.exclude_range[1] ?? Infinity;
    for (let i = 0; i < n; i++) { const v = values[i]; if (v === v && v !== nodata && v >= lo && v <= hi) hit(i); }
    return true;
  }
  if (rule.include_range) {
    const lo = rule.include_range[0] ?? -Infinity, hi = rule.include_range[1] ?? Infinity;
    for (let i = 0; i < n; i++) { const v = values[i]; if (!(v === v && v !== nodata && v >= lo && v <= hi)) hit(i); }
    return true;
  }
  return false;
}

/**
 * Combine rules (reV ExclusionMask): exclusions by multiplication, forced inclusions by maximum.
 * @param rules the rule set, in order (≤ 32 rules)
 * @param layerOf the values of a source layer (and its nodata)
 * @param domain optional: cells outside (0) get mask 0 and DOMAIN_CODE whatever the rules say
 */
export function combineMasks(
  rules: readonly MaskRule[],
  layerOf: (layer: string) => { values: ArrayLike<number>; nodata: number | null },
  ctx: MaskContext,
  domain?: ArrayLike<number>,
): CombinedMask {
  if (rules.length > 32) throw new RangeError('at most 32 rules in a set');
  const n = ctx.width * ctx.height;
  const mask = new Float32Array(n).fill(1);
  const forced = new Uint8Array(n);
  const excluded_by = new Uint8Array(n);
  const excluded_bits = new Uint32Array(n);
  rules.forEach((rule, k) => {
    const { values, nodata } = layerOf(rule.layer);
    if (excludeInPlace(rule, values, nodata, ctx, k, mask, excluded_by, excluded_bits)) return;
    const c = ruleMultiplier(rule, values, ctx, nodata);
    if (ruleKind(rule) === 'force_include') {
      for (let i = 0; i < n; i++) if (c[i] > 0) forced[i] = 1;
      return;
    }
    for (let i = 0; i < n; i++) {
      const v = c[i];
      if (v === 1) continue;
      mask[i] *= v;
      if (v === 0) {
        excluded_bits[i] |= 1 << k;
        if (excluded_by[i] === 0) excluded_by[i] = k + 1;
      }
    }
  });
  for (let i = 0; i < n; i++) {
    if (forced[i]) { mask[i] = 1; excluded_by[i] = 0; excluded_bits[i] = 0; }
    if (domain && !domain[i]) { mask[i] = 0; excluded_by[i] = DOMAIN_CODE; }
  }
  return { mask, excluded_by, excluded_bits };
}
