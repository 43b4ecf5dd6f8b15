/**
 * The siting engine over the cached source layers (data.ts): criterion score stacks (per set of
 * rescalings), combined exclusion masks (per rule set), suitability rasters (per scenario =
 * technology + rules + criteria + weights, addressed by a content hash), each kept in a small
 * LRU. Re-weighting is layers/siting `reweight` over a cell-interleaved byte stack.
 */
import { createHash } from 'node:crypto';
import { SitingInputError } from '../../../layers/siting/errors.ts';
import { checkRule, combineMasks, DOMAIN_CODE, MIN_AREA_CODE, type MaskRule } from '../../../layers/siting/masks.ts';
import { applyMinArea } from '../../../layers/siting/min-area.ts';
import { checkRescale, rescaleRaster, type RescaleFn } from '../../../layers/siting/rescale.ts';
import { interleaveScores, normaliseWeights, reweight, type ScoreStack } from '../../../layers/siting/suitability.ts';
import { SITING_LAYER_IDS } from '../../../layers/siting/layers.ts';
import type { RuleSet, Technology } from '../../../layers/siting/rules.ts';
import { ProblemError } from '../problem.ts';
import { runInWorker } from '../worker-pool.ts';
import type { SitingData } from './data.ts';

/** What a suitability scenario is made of, fully resolved (the content its id hashes). */
export interface ScenarioSpec {
  family: 'pv' | 'wind';
  technology: Technology;
  rule_set: RuleSet;
  criteria: { id: string; layer: string; rescale: RescaleFn }[];
  /** Normalised, criteria order. */
  weights: number[];
  /** Wind: turbine tip height for setbacks, m. */
  tip_height_m: number | null;
  data_version: string;
}

export interface MaskEntry {
  /** 255 = fully included. */
  mask: Uint8Array;
  excluded_by: Uint8Array;
  excluded_bits: Uint32Array;
  min_area_dropped_cells: number;
  seconds: number;
}

/** Canonical JSON (sorted keys) for content hashes. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
export const hashOf = (v: unknown, n = 32) => createHash('sha256').update(canonical(v)).digest('hex').slice(0, n);

class Lru<V> {
  private m = new Map<string, V>();
  constructor(private max: number) {}
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) { this.m.delete(k); this.m.set(k, v); }
    return v;
  }
  set(k: string, v: V): V {
    this.m.delete(k);
    this.m.set(k, v);
    while (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
    return v;
  }
  clear() { this.m.clear(); }
}

const stacks = new Lru<ScoreStack & { scores: Uint8Array[] }>(4);
const criterionScores = new Lru<Uint8Array>(40);
const masks = new Lru<MaskEntry>(6);
const suitability = new Lru<Uint8Array>(12);

/** Answer bad siting input as a bilingual 422. */
export function sitingProblem(err: unknown): never {
  if (err instanceof SitingInputError) {
    throw new ProblemError(422, 'Invalid siting input', err.problems.join('; '), { problems: err.problems },
      { title: '选址输入无效', detail: err.problems_zh.join('；') });
  }
  throw err;
}

/** Check a rule set's rules and numbers; throws a bilingual 422. */
export function checkRuleSet(set: RuleSet): void {
  try {
    const ids = new Set<string>();
    const dup: { en: string; zh: string }[] = [];
    for (const r of set.rules) {
      checkRule(r, SITING_LAYER_IDS);
      if (ids.has(r.id)) dup.push({ en: `rule id "${r.id}" appears twice`, zh: `规则编号"${r.id}"重复` });
      ids.add(r.id);
    }
    if (set.rules.length > 32) dup.push({ en: 'a rule set has at most 32 rules', zh: '一个规则集最多 32 条规则' });
    if (dup.length) throw new SitingInputError(dup);
  } catch (e) {
    sitingProblem(e);
  }
}

/** The byte score stack of a set of criteria (rescaled source layers). */
export function scoreStack(data: SitingData, criteria: ScenarioSpec['criteria']): ScoreStack & { scores: Uint8Array[] } {
  const key = hashOf([data.version, criteria.map((c) => [c.layer, c.rescale])]);
  const hit = stacks.get(key);
  if (hit) return hit;
  try {
    for (const c of criteria) {
      checkRescale(c.rescale, c.id);
      if (!data.layers.has(c.layer)) throw new SitingInputError([{ en: `criterion ${c.id}: unknown layer "${c.layer}"`, zh: `指标 ${c.id}：未知图层"${c.layer}"` }]);
    }
  } catch (e) {
    sitingProblem(e);
  }
  // each criterion's score raster is cached on its own: editing one rescaling redoes only that one
  const scores = criteria.map((c) => {
    const k = hashOf([data.version, c.layer, c.rescale]);
    const hit = criterionScores.get(k);
    if (hit) return hit;
    const l = data.layers.get(c.layer)!;
    return criterionScores.set(k, rescaleRaster(c.rescale, l.values, l.nodata));
  });
  return stacks.set(key, { ...interleaveScores(criteria.map((c) => c.id), scores), scores });
}

/** The combined mask of a rule set (and min_area), cached. */
export function ruleMask(data: SitingData, set: RuleSet, tipHeightM: number | null): MaskEntry {
  const key = hashOf([data.version, set.rules, set.min_area_ha, set.contiguity, set.rules.some((r) => r.setback_tip_heights !== undefined) ? tipHeightM : null]);
  const hit = masks.get(key);
  if (hit) return hit;
  const t0 = performance.now();
  const ctx = { width: data.width, height: data.height, cellSizeM: data.cellSizeM, tipHeightM: tipHeightM ?? undefined };
  const m = combineMasks(set.rules as MaskRule[], (id) => data.layers.get(id)!, ctx, data.domain);
  const minCells = Math.ceil((set.min_area_ha * 10_000) / data.cellAreaM2 - 1e-9);
  const { dropped } = applyMinArea(data.width, data.height, m.mask, minCells, set.contiguity, m.excluded_by, MIN_AREA_CODE);
  const bytes = new Uint8Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(m.mask.length) : new ArrayBuffer(m.mask.length));
  for (let i = 0; i < m.mask.length; i++) bytes[i] = Math.round(m.mask[i] * 255);
  return masks.set(key, { mask: bytes, excluded_by: m.excluded_by, excluded_bits: m.excluded_bits, min_area_dropped_cells: dropped, seconds: (performance.now() - t0) / 1e3 });
}

export interface Scenario {
  id: string;
  spec: ScenarioSpec;
  stack: ScoreStack & { scores: Uint8Array[] };
  mask: MaskEntry;
}

/** Resolve a scenario's parts (score stack, mask) from its spec; the id is its content hash. */
export function scenarioOf(data: SitingData, spec: ScenarioSpec): Scenario {
  checkRuleSet(spec.rule_set);
  if (spec.weights.length !== spec.criteria.length) {
    throw new ProblemError(422, 'Weights and criteria differ', `${spec.weights.length} weights for ${spec.criteria.length} criteria.`, {},
      { title: '权重与指标数量不一致', detail: `${spec.weights.length} 个权重对应 ${spec.criteria.length} 个指标。` });
  }
  try { spec = { ...spec, weights: normaliseWeights(spec.weights) }; } catch (e) { sitingProblem(e); }
  return { id: hashOf(spec), spec, stack: scoreStack(data, spec.criteria), mask: ruleMask(data, spec.rule_set, spec.tip_height_m) };
}

/** A function that re-weights (in a worker pool when one is given, else here). */
export type Reweigher = (stack: ScoreStack, weights: readonly number[], mask: Uint8Array) => Promise<Uint8Array>;
export const reweightHere: Reweigher = async (stack, weights, mask) => reweight(stack, weights, mask);

const SUITABILITY_MODULE = new URL('../../../layers/siting/suitability.ts', import.meta.url);
const shared = (n: number) => new Uint8Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(n) : new ArrayBuffer(n));

/**
 * Re-weight in the worker pool (api/services/worker-pool.ts). The score stack, the mask and the
 * output live in SharedArrayBuffers, so the thread reads and writes them in place: nothing
 * county-sized is copied across.
 */
export const reweightInPool: Reweigher = async (stack, weights, mask) => {
  const out = shared(stack.cells);
  await runInWorker<Uint8Array>(SUITABILITY_MODULE, 'reweight', [{ criteria: stack.criteria, cells: stack.cells, stack: stack.stack }, weights, mask, out]);
  return out;
};

/** The modules the pool should load at start (warmWorkerPool): re-weighting, and the station yield chain of data.ts. */
export const SITING_WORKER_MODULES = [SUITABILITY_MODULE, new URL('../../../layers/solar/specific-yield.ts', import.meta.url)];

/** The scenario's suitability raster (bytes, 255 = 1), cached by id. */
export async function suitabilityOf(s: Scenario, run: Reweigher = reweightInPool): Promise<{ s: Uint8Array; ms: number; cached: boolean }> {
  const hit = suitability.get(s.id);
  if (hit) return { s: hit, ms: 0, cached: true };
  const t0 = performance.now();
  const out = await run(s.stack, s.spec.weights, s.mask.mask);
  suitability.set(s.id, out);
  return { s: out, ms: performance.now() - t0, cached: false };
}

/** Empty every cache (tests and the bench). */
export function forgetSitingCaches(): void {
  stacks.clear();
  criterionScores.clear();
  masks.clear();
  suitability.clear();
}

export { DOMAIN_CODE, MIN_AREA_CODE };
