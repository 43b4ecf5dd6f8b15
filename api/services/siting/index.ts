/**
 * Siting use cases (issue 11): the rule catalog and saved rule sets, AHP, suitability scenarios
 * and their tiles, the point readout, candidate zones with the supply curve and robustness, and
 * the parcel potential. The science is layers/siting; the source layers come from data.ts and
 * the caches from engine.ts.
 */
import type { Sql } from 'postgres';
import type { MultiPolygon } from 'geojson';
import { AHP_CR_THRESHOLD, AHP_RANDOM_INDEX, ahp } from '../../../layers/siting/ahp.ts';
import { CRITERIA, PV_SOLAR, WEIGHT_PRESETS, criteriaOf, defaultWeights, type PvResource } from '../../../layers/siting/criteria.ts';
import { SITING_LAYERS } from '../../../layers/siting/layers.ts';
import type { MaskRule } from '../../../layers/siting/masks.ts';
import type { RescaleFn } from '../../../layers/siting/rescale.ts';
import { DEFAULT_RULE_SETS, FAMILY, SITING_PARAMETERS, TECHNOLOGIES, type RuleSet, type Technology } from '../../../layers/siting/rules.ts';
import { SUITABILITY_CLASSES, suitabilityAt, suitabilityClass } from '../../../layers/siting/suitability.ts';
import { findZones, supplyCurve } from '../../../layers/siting/zones.ts';
import { rankRobustness } from '../../../layers/siting/robustness.ts';
import { finding, type Finding } from '../../../layers/core/findings.ts';
import { ha_to_mu } from '../../../layers/core/units.ts';
import { transformer } from '../../../layers/geo/project.ts';
import { pixelCenterToWorld, worldToPixel, northUpFrame, squareGrid } from '../../../layers/raster/grid.ts';
import { polygonizeMask } from '../../../layers/raster/polygonize.ts';
import { forEachCoveredPixel, pixelCoverage } from '../../../layers/raster/coverage.ts';
import { tipHeight, turbineById } from '../../../layers/wind/turbines.ts';
import { deleteRuleSet, getRuleSet, getScenario, listRuleSets, putRuleSet, saveScenario } from '../../store/siting.ts';
import type { RuleSetBody, SuitabilityRequest } from '../../schemas/siting.ts';
import { ProblemError } from '../problem.ts';
import { prepareParcel, type ParcelLimits } from '../parcel.ts';
import { analysePv } from '../pv-yield.ts';
import { analyseWind } from '../wind-yield.ts';
import { encodePng, tileFootprint, TILE_SIZE } from '../tiles/raster.ts';
import { boxesIntersect, tileBounds4326, type TileCoord } from '../tiles/tile-math.ts';
import { sitingData, type SitingData } from './data.ts';
import {
  DOMAIN_CODE, MIN_AREA_CODE, checkRuleSet, hashOf, reweightInPool, ruleMask, scenarioOf, sitingProblem, suitabilityOf,
  type Reweigher, type Scenario, type ScenarioSpec,
} from './engine.ts';

export interface SitingDeps {
  sql: Sql;
  dataDir: string;
  /** Re-weighting runner (default: the worker pool). */
  reweigh?: Reweigher;
}

// ------------------------------------------------------------------------------ rule sets

const unitOf = (layer: string) => SITING_LAYERS.find((l) => l.id === layer)?.unit ?? '';

/** Fill the optional parts of an edited rule set from its technology's default. */
export function ruleSetFromBody(name: string, body: RuleSetBody): RuleSet {
  const d = DEFAULT_RULE_SETS[body.technology];
  return {
    name, technology: body.technology,
    label_zh: body.label_zh ?? `${d.label_zh}（自定义）`, label_en: body.label_en ?? `${d.label_en} (custom)`,
    rules: body.rules.map((r): MaskRule => {
      const known = d.rules.find((x) => x.id === r.id);
      return { ...r, label_zh: r.label_zh ?? known?.label_zh ?? r.id, label_en: r.label_en ?? known?.label_en ?? r.id, source: r.source ?? known?.source ?? 'user rule', unverified: r.unverified ?? known?.unverified ?? true } as MaskRule;
    }),
    min_area_ha: body.min_area_ha ?? d.min_area_ha,
    contiguity: body.contiguity ?? d.contiguity,
    density_mw_per_km2: body.density_mw_per_km2 ?? d.density_mw_per_km2,
    density_source: body.density_mw_per_km2 !== undefined ? 'user value' : d.density_source,
    density_unverified: body.density_mw_per_km2 !== undefined ? true : d.density_unverified,
  };
}

/** GET /api/siting/rules. */
export async function sitingRules(sql: Sql) {
  const saved = await listRuleSets(sql);
  const crit = (fam: 'pv' | 'wind') => CRITERIA[fam].map((c) => ({ id: c.id, zh: c.zh, en: c.en, layer: c.layer, unit: c.rescale.unit, rescale: c.rescale, source: c.source, unverified: c.unverified }));
  return {
    layers: [...SITING_LAYERS],
    rule_sets: [
      ...TECHNOLOGIES.map((t) => ({ ...DEFAULT_RULE_SETS[t], saved: false, updated_by: null, updated_at: null })),
      ...saved.map((s) => ({ ...(s.spec as RuleSet), name: s.name, saved: true, updated_by: s.updated_by, updated_at: s.updated_at })),
    ],
    criteria: { pv: crit('pv'), wind: crit('wind') },
    pv_resources: (Object.keys(PV_SOLAR) as PvResource[]).map((key) => { const c = PV_SOLAR[key]; return { key, id: c.id, zh: c.zh, en: c.en, layer: c.layer, unit: c.rescale.unit, rescale: c.rescale, source: c.source, unverified: c.unverified }; }),
    presets: { pv: [...WEIGHT_PRESETS.pv], wind: [...WEIGHT_PRESETS.wind] },
    classes: SUITABILITY_CLASSES.map((c) => ({ ...c })),
    random_index: Object.entries(AHP_RANDOM_INDEX).map(([n, r]) => ({ n: Number(n), ri: r.value, source: r.source, unverified: r.unverified })),
    parameters: Object.entries(SITING_PARAMETERS).map(([key, p]) => ({ key, ...p })),
  };
}

/**
 * PUT /api/siting/rules/{name}: save an edited rule set under a name (not 'default:…'). Any
 * logged-in user may save; a name already saved by someone else is theirs (or an administrator's)
 * to overwrite, so one planner cannot silently change another's rules.
 */
export async function saveRuleSet(sql: Sql, name: string, body: RuleSetBody, by: Saver): Promise<RuleSet> {
  if (name.startsWith('default:')) {
    throw new ProblemError(422, 'Reserved name', `"${name}" names a shipped rule set; save your copy under another name.`, {},
      { title: '名称已保留', detail: `"${name}" 是内置规则集的名称，请以其他名称保存副本。` });
  }
  const set = ruleSetFromBody(name, body);
  checkRuleSet(set);
  const existing = await getRuleSet(sql, name);
  if (existing && !mayChange(existing, by)) {
    throw new ProblemError(403, 'Name taken', `The rule set "${name}" was saved by ${existing.updated_by}; only they or an administrator may overwrite it. Save your copy under another name.`, { rule_set: name },
      { title: '名称已被占用', detail: `规则集"${name}"由 ${existing.updated_by} 保存，只有其本人或管理员可以覆盖。请以其他名称保存副本。` });
  }
  await putRuleSet(sql, name, set.technology, set, by.id);
  return set;
}

/**
 * DELETE /api/siting/rules/{name}: remove a saved rule set, by whoever saved it last or an
 * administrator. Scenarios computed with it keep working: each stores its rule set in full.
 */
export async function removeRuleSet(sql: Sql, name: string, by: Saver): Promise<void> {
  if (name.startsWith('default:')) {
    throw new ProblemError(422, 'Shipped rule set', `"${name}" is a shipped rule set and cannot be deleted.`, { rule_set: name },
      { title: '内置规则集', detail: `"${name}" 是内置规则集，不能删除。` });
  }
  const existing = await getRuleSet(sql, name);
  if (!existing) {
    throw new ProblemError(404, 'Unknown rule set', `There is no saved rule set "${name}"; GET /api/siting/rules lists them.`, { rule_set: name },
      { title: '规则集不存在', detail: `没有名为"${name}"的已保存规则集；可用规则集见 GET /api/siting/rules。` });
  }
  if (!mayChange(existing, by)) {
    throw new ProblemError(403, 'Not yours', `The rule set "${name}" was saved by ${existing.updated_by}; only they or an administrator may delete it.`, { rule_set: name },
      { title: '无权删除', detail: `规则集"${name}"由 ${existing.updated_by} 保存，只有其本人或管理员可以删除。` });
  }
  await deleteRuleSet(sql, name);
}

type Saver = { id: string; roles: readonly string[] };
const mayChange = (stored: { updated_by: string }, by: Saver) => stored.updated_by === by.id || by.roles.includes('admin');

async function resolveRuleSet(sql: Sql, technology: Technology, name?: string, body?: RuleSetBody): Promise<RuleSet> {
  if (body) {
    if (body.technology !== technology) {
      throw new ProblemError(422, 'Technology mismatch', `The rules are for ${body.technology}, the request for ${technology}.`, {},
        { title: '技术类型不一致', detail: `规则集适用于 ${body.technology}，请求为 ${technology}。` });
    }
    return ruleSetFromBody(`custom:${hashOf(body, 12)}`, body);
  }
  if (!name || name === `default:${technology}`) return DEFAULT_RULE_SETS[technology];
  const d = TECHNOLOGIES.find((t) => `default:${t}` === name);
  const stored = d ? { spec: DEFAULT_RULE_SETS[d] } : await getRuleSet(sql, name);
  if (!stored) {
    throw new ProblemError(404, 'Unknown rule set', `There is no rule set "${name}"; GET /api/siting/rules lists them.`, { rule_set: name },
      { title: '规则集不存在', detail: `没有名为"${name}"的规则集；可用规则集见 GET /api/siting/rules。` });
  }
  const set = stored.spec as RuleSet;
  if (set.technology !== technology) {
    throw new ProblemError(422, 'Technology mismatch', `Rule set "${name}" is for ${set.technology}, the request for ${technology}.`, {},
      { title: '技术类型不一致', detail: `规则集"${name}"适用于 ${set.technology}，请求为 ${technology}。` });
  }
  return set;
}

// ------------------------------------------------------------------------------ AHP

/** POST /api/siting/ahp. */
export function ahpService(req: { criteria: string[]; matrix: number[][] }) {
  if (req.matrix.length !== req.criteria.length) {
    throw new ProblemError(422, 'Matrix and criteria differ', `${req.criteria.length} criteria need a ${req.criteria.length} × ${req.criteria.length} matrix, got ${req.matrix.length} rows.`, {},
      { title: '矩阵与指标数量不一致', detail: `${req.criteria.length} 个指标需要 ${req.criteria.length} × ${req.criteria.length} 的矩阵，实为 ${req.matrix.length} 行。` });
  }
  let r;
  try { r = ahp(req.matrix); } catch (e) { sitingProblem(e); }
  const name = (i: number) => req.criteria[i];
  const mi = r.most_inconsistent;
  const fmt = (v: number) => (v >= 1 ? String(Math.round(v * 100) / 100) : `1/${Math.round(100 / v) / 100}`);
  const warning: Finding | null = r.consistent ? null : finding('ahp_inconsistent',
    `判断矩阵一致性比率 CR = ${r.cr.toFixed(3)} ≥ ${AHP_CR_THRESHOLD}，判断不一致。最不一致的一对是"${name(mi!.i)}"对"${name(mi!.j)}"：给出 ${fmt(mi!.given)}，权重隐含 ${fmt(mi!.implied)}，建议改为 ${fmt(mi!.suggested)}。`,
    `Consistency ratio CR = ${r.cr.toFixed(3)} ≥ ${AHP_CR_THRESHOLD}: the judgements are inconsistent. The most inconsistent pair is "${name(mi!.i)}" vs "${name(mi!.j)}": given ${fmt(mi!.given)}, the weights imply ${fmt(mi!.implied)}; consider ${fmt(mi!.suggested)}.`);
  return {
    weights: Object.fromEntries(req.criteria.map((c, i) => [c, r.weights[i]])),
    lambda_max: r.lambda_max, ci: r.ci, ri: r.ri, cr: r.cr, consistent: r.consistent,
    most_inconsistent: mi ? { a: name(mi.i), b: name(mi.j), given: mi.given, implied: mi.implied, suggested: mi.suggested } : null,
    warning,
  };
}

// ------------------------------------------------------------------------------ scenarios

function tipOf(req: { turbine?: string; hub_height_m?: number }) {
  const t = turbineById(req.turbine ?? 'generic_3200');
  if (!t) {
    throw new ProblemError(422, 'Unknown turbine', `There is no turbine "${req.turbine}"; GET /api/wind/turbines lists them.`, {},
      { title: '风机型号不存在', detail: `没有风机"${req.turbine}"；可用型号见 GET /api/wind/turbines。` });
  }
  const hub = req.hub_height_m ?? t.hub_heights_m[0];
  return { turbine: t, hub, tip: tipHeight(hub, t.rotor_diameter_m) };
}

function familyTechnology(family: 'pv' | 'wind', technology?: Technology): Technology {
  const t = technology ?? (family === 'pv' ? 'pv_ground' : 'wind');
  if (FAMILY[t] !== family) {
    throw new ProblemError(422, 'Technology of another family', `${t} is scored as ${FAMILY[t]}, not ${family}: POST /api/siting/${FAMILY[t]}/suitability.`, {},
      { title: '技术类型不属于此类', detail: `${t} 属于 ${FAMILY[t]}，不属于 ${family}：请使用 POST /api/siting/${FAMILY[t]}/suitability。` });
  }
  return t;
}

/** The spec of a suitability request (resolved rules, criteria, weights). */
export async function specOf(sql: Sql, data: SitingData, family: 'pv' | 'wind', req: SuitabilityRequest): Promise<ScenarioSpec> {
  const technology = familyTechnology(family, req.technology);
  const rule_set = await resolveRuleSet(sql, technology, req.rule_set, req.rules);
  const base = criteriaOf(family, req.pv_resource);
  if (family === 'pv' && !data.layers.has(base.find((c) => c.id === 'solar')!.layer)) {
    throw new ProblemError(422, 'No specific PV yield layer', 'The specific PV yield per cell needs a weather station (none is loaded): import hourly weather (npm run tantu -- import <file> --as weather), or score GHI with "pv_resource": "ghi".', {},
      { title: '缺少光伏单位容量发电量图层', detail: '逐栅格光伏单位容量发电量需要气象站（尚未导入）：请导入逐时气象数据（npm run tantu -- import <文件> --as weather），或以 "pv_resource": "ghi" 改用水平总辐射。' });
  }
  const known = new Set(base.map((c) => c.id));
  const unknown = [...Object.keys(req.weights ?? {}), ...Object.keys(req.criteria ?? {})].filter((k) => !known.has(k));
  if (unknown.length) {
    throw new ProblemError(422, 'Unknown criteria', `Unknown ${family} criteria: ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`, { unknown },
      { title: '未知指标', detail: `未知的 ${family} 指标：${unknown.join('、')}。可用：${[...known].join('、')}。` });
  }
  const criteria = base.map((c) => ({ id: c.id, layer: c.layer, rescale: (req.criteria?.[c.id] ?? c.rescale) as RescaleFn }));
  let weights: number[];
  if (req.weights) weights = base.map((c) => req.weights![c.id] ?? 0);
  else if (req.preset) {
    const p = WEIGHT_PRESETS[family].find((x) => x.id === req.preset);
    if (!p) {
      throw new ProblemError(422, 'Unknown preset', `There is no ${family} weight preset "${req.preset}" (known: ${WEIGHT_PRESETS[family].map((x) => x.id).join(', ')}).`, {},
        { title: '权重预设不存在', detail: `没有 ${family} 权重预设"${req.preset}"（可用：${WEIGHT_PRESETS[family].map((x) => x.id).join('、')}）。` });
    }
    weights = base.map((c) => p.weights[c.id] ?? 0);
  } else weights = defaultWeights(family);
  const tip_height_m = family === 'wind' ? tipOf(req).tip : null;
  return { family, technology, rule_set, criteria, weights, tip_height_m, data_version: data.version };
}

/** The criteria table rows of a scenario (PV: its resource criterion is the specific yield or GHI). */
function criteriaOfSpec(spec: ScenarioSpec) {
  const solar = spec.criteria.find((c) => c.id === 'solar');
  return criteriaOf(spec.family, solar?.layer === PV_SOLAR.ghi.layer ? 'ghi' : 'specific_yield');
}

const scenarios = new Map<string, Scenario>();
function remember(s: Scenario) {
  scenarios.delete(s.id);
  scenarios.set(s.id, s);
  while (scenarios.size > 64) scenarios.delete(scenarios.keys().next().value as string);
}

/** A scenario by id: from memory, else rebuilt from its stored spec (404 when unknown or made on other data). */
export async function scenarioById(deps: SitingDeps, family: 'pv' | 'wind', id: string): Promise<{ data: SitingData; scenario: Scenario }> {
  const data = await sitingData(deps.sql, deps.dataDir);
  let s = scenarios.get(id);
  if (!s) {
    const stored = await getScenario(deps.sql, id);
    const spec = stored?.spec as ScenarioSpec | undefined;
    if (spec && spec.data_version === data.version) { s = scenarioOf(data, spec); remember(s); }
  }
  if (!s || s.spec.data_version !== data.version) {
    throw new ProblemError(404, 'Unknown scenario', `There is no suitability scenario ${id} for the current data: POST /api/siting/${family}/suitability to make one (the data may have changed since).`, { scenario: id },
      { title: '情景不存在', detail: `当前数据下没有适宜性情景 ${id}：请先 POST /api/siting/${family}/suitability 创建（数据可能已更新）。` });
  }
  if (s.spec.family !== family) {
    throw new ProblemError(404, 'Scenario of another family', `Scenario ${id} is a ${s.spec.family} scenario: use /api/siting/${s.spec.family}/….`, { scenario: id },
      { title: '情景类型不符', detail: `情景 ${id} 属于 ${s.spec.family}：请使用 /api/siting/${s.spec.family}/…。` });
  }
  return { data, scenario: s };
}

const EXCLUDED_COLORS = ['#6a3d9a', '#b15928', '#1f78b4', '#e31a1c', '#33a02c', '#ff7f00', '#cab2d6', '#fb9a99', '#b2df8a', '#a6cee3', '#fdbf6f', '#ffff99'];
const MIN_AREA_COLOR = '#9e9e9e';

function legendOf(set: RuleSet) {
  return {
    classes: SUITABILITY_CLASSES.map((c) => ({ ...c })),
    excluded: [
      ...set.rules.map((r, k) => ({ code: k + 1, rule_id: r.id, zh: `排除：${r.label_zh}`, en: `Excluded: ${r.label_en}`, color: EXCLUDED_COLORS[k % EXCLUDED_COLORS.length] })),
      { code: MIN_AREA_CODE, rule_id: 'min_area', zh: `排除：连片面积 < ${set.min_area_ha} 公顷`, en: `Excluded: contiguous area < ${set.min_area_ha} ha`, color: MIN_AREA_COLOR },
    ],
  };
}

/** POST /api/siting/{family}/suitability. */
export async function suitabilityScenario(deps: SitingDeps, family: 'pv' | 'wind', req: SuitabilityRequest) {
  const data = await sitingData(deps.sql, deps.dataDir);
  const spec = await specOf(deps.sql, data, family, req);
  const s = scenarioOf(data, spec);
  remember(s);
  await saveScenario(deps.sql, s.id, family, s.spec);
  const { s: S, ms, cached } = await suitabilityOf(s, deps.reweigh ?? reweightInPool);
  // areas per class and per first excluding rule
  const cellKm2 = data.cellAreaM2 / 1e6;
  const nClasses = SUITABILITY_CLASSES.length;
  const classCells = new Float64Array(nClasses);
  const byCode = new Float64Array(256);
  let domain = 0, usable = 0;
  // one pass: S byte → class through a 256-entry table; excluded cells counted by their first rule
  const thr = SUITABILITY_CLASSES.map((c) => Math.ceil(c.min * 255 - 1e-9));
  const classOf = new Uint8Array(256);
  for (let v = 0; v < 256; v++) { let k = 0; while (k < nClasses - 1 && v < thr[k]) k++; classOf[v] = k; }
  const { mask, excluded_by } = s.mask;
  const dom = data.domain;
  let maskSum = 0;
  for (let i = 0; i < S.length; i++) {
    if (!dom[i]) continue;
    domain++;
    const m = mask[i];
    if (m === 0) { byCode[excluded_by[i]]++; continue; }
    maskSum += m;
    classCells[classOf[S[i]]]++;
  }
  usable = maskSum / 255;
  const set = s.spec.rule_set;
  const base = criteriaOfSpec(s.spec);
  return {
    scenario: s.id, family, technology: s.spec.technology,
    tiles: `/api/siting/${family}/tiles/${s.id}/{z}/{x}/{y}.png`,
    criteria: base.map((c, k) => ({ id: c.id, zh: c.zh, en: c.en, layer: c.layer, unit: s.spec.criteria[k].rescale.unit, rescale: s.spec.criteria[k].rescale, source: c.source, unverified: c.unverified, weight: s.spec.weights[k] })),
    rule_set: set,
    tip_height_m: s.spec.tip_height_m,
    legend: legendOf(set),
    stats: {
      domain_km2: domain * cellKm2, usable_km2: usable * cellKm2,
      class_km2: Object.fromEntries(SUITABILITY_CLASSES.map((c, k) => [c.key, classCells[k] * cellKm2])),
      excluded_km2: [...set.rules.map((r, k) => ({ rule_id: r.id, km2: byCode[k + 1] * cellKm2 })), { rule_id: 'min_area', km2: byCode[MIN_AREA_CODE] * cellKm2 }],
    },
    timings: { reweight_ms: ms, cached, layers_from: data.build.from, layers_s: data.build.seconds },
    pv_yield: family === 'pv' && data.pv_yield ? { ...data.pv_yield, method: PV_YIELD_METHOD } : null,
    data_version: data.version,
  };
}

// ------------------------------------------------------------------------------ tiles

const hexRgb = (h: string) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** PNG tile of a scenario's suitability (classes; excluded cells in their first rule's colour); null when empty. */
export async function suitabilityTile(deps: SitingDeps, family: 'pv' | 'wind', id: string, t: TileCoord): Promise<Uint8Array | null> {
  const { data, scenario } = await scenarioById(deps, family, id);
  if (!boxesIntersect(tileBounds4326(t), data.record.bounds)) return null;
  const { s: S } = await suitabilityOf(scenario, deps.reweigh ?? reweightInPool);
  const fp = tileFootprint(data.record, t);
  if (fp.maxCol < 0 || fp.maxRow < 0 || fp.minCol > data.width || fp.minRow > data.height) return null;
  const classRgb = SUITABILITY_CLASSES.map((c) => hexRgb(c.color));
  const thr = SUITABILITY_CLASSES.map((c) => Math.ceil(c.min * 255 - 1e-9));
  const exRgb = EXCLUDED_COLORS.map(hexRgb);
  const minRgb = hexRgb(MIN_AREA_COLOR);
  const { excluded_by, mask } = scenario.mask;
  const rgba = new Uint8Array(TILE_SIZE * TILE_SIZE * 4);
  let painted = 0;
  const W = data.width, H = data.height;
  for (let o = 0; o < TILE_SIZE * TILE_SIZE; o++) {
    const c = Math.floor(fp.col[o]), r = Math.floor(fp.row[o]);
    if (c < 0 || r < 0 || c >= W || r >= H) continue;
    const i = r * W + c;
    const code = excluded_by[i];
    if (code === DOMAIN_CODE || !data.domain[i]) continue;
    let rgb: number[];
    let a = 200;
    if (mask[i] === 0) {
      rgb = code === MIN_AREA_CODE ? minRgb : exRgb[(code - 1 + exRgb.length) % exRgb.length];
      a = 110;
    } else {
      const v = S[i];
      let k = 0;
      while (k < thr.length - 1 && v < thr[k]) k++;
      rgb = classRgb[k];
    }
    const p = o * 4;
    rgba[p] = rgb[0]; rgba[p + 1] = rgb[1]; rgba[p + 2] = rgb[2]; rgba[p + 3] = a;
    painted++;
  }
  return painted ? encodePng(rgba) : null;
}

// ------------------------------------------------------------------------------ point

function cellOf(data: SitingData, lon: number, lat: number) {
  const [x, y] = transformer('EPSG:4326', data.record.crs).point(lon, lat);
  const [cf, rf] = worldToPixel(data.grid, x, y);
  const col = Math.floor(cf), row = Math.floor(rf);
  const inside = col >= 0 && row >= 0 && col < data.width && row < data.height;
  return { col, row, inside, i: inside ? row * data.width + col : -1 };
}

/** GET /api/siting/{family}/point. */
export async function sitingPoint(deps: SitingDeps, family: 'pv' | 'wind', q: { lon: number; lat: number; scenario: string }) {
  const { data, scenario } = await scenarioById(deps, family, q.scenario);
  const cell = cellOf(data, q.lon, q.lat);
  const base = criteriaOfSpec(scenario.spec);
  const set = scenario.spec.rule_set;
  const num = (v: number | undefined) => (v === undefined || v !== v ? null : v);
  if (!cell.inside || !data.domain[cell.i]) {
    return {
      scenario: scenario.id, lon: q.lon, lat: q.lat, cell: { col: cell.col, row: cell.row, inside: false },
      criteria: base.map((c, k) => ({ id: c.id, zh: c.zh, en: c.en, layer: c.layer, unit: scenario.spec.criteria[k].rescale.unit, value: null, score: 0, weight: scenario.spec.weights[k] })),
      mask: 0, excluded_by: [{ rule_id: 'outside', zh: '研究区以外', en: 'Outside the study area' }], s: 0,
      class: { key: 'excluded', zh: '已排除', en: 'Excluded' }, layers: {},
    };
  }
  const i = cell.i;
  const scores = scenario.stack.scores.map((a) => a[i] / 255);
  const mask = scenario.mask.mask[i] / 255;
  const bits = scenario.mask.excluded_bits[i];
  const excluded_by = set.rules.flatMap((r, k) => ((bits >>> k) & 1 ? [{ rule_id: r.id, zh: r.label_zh, en: r.label_en }] : []));
  if (scenario.mask.excluded_by[i] === MIN_AREA_CODE) excluded_by.push({ rule_id: 'min_area', zh: `连片面积 < ${set.min_area_ha} 公顷`, en: `Contiguous area < ${set.min_area_ha} ha` });
  const s = suitabilityAt(scores, scenario.spec.weights, mask);
  const cls = mask === 0 ? { key: 'excluded', zh: '已排除', en: 'Excluded' } : (({ key, zh, en }) => ({ key, zh, en }))(suitabilityClass(s));
  return {
    scenario: scenario.id, lon: q.lon, lat: q.lat, cell: { col: cell.col, row: cell.row, inside: true },
    criteria: base.map((c, k) => ({ id: c.id, zh: c.zh, en: c.en, layer: c.layer, unit: scenario.spec.criteria[k].rescale.unit, value: num(data.layers.get(c.layer)!.values[i]), score: scores[k], weight: scenario.spec.weights[k] })),
    mask, excluded_by, s, class: cls,
    layers: Object.fromEntries([...data.layers].map(([id, l]) => [id, num(l.values[i])])),
  };
}

// ------------------------------------------------------------------------------ zones

/** The resource a zone is ranked by: the scenario's PV resource criterion (specific yield or GHI), wind power density. */
function resourceOf(spec: ScenarioSpec): { layer: string; unit: string } {
  if (spec.family === 'wind') return { layer: 'wind_wpd_w_m2', unit: 'W/m²' };
  const c = criteriaOfSpec(spec).find((x) => x.id === 'solar')!;
  return { layer: c.layer, unit: c.rescale.unit };
}

const PV_YIELD_METHOD = 'Y_cell = r × GHI_cell: r = the full yield chain’s kWh/kWp per kWh/m² at the weather station (1 kWp, optimal fixed tilt facing south, no horizon); within 1 % of the full chain on the cell’s scaled year (test/unit/siting/specific-yield.test.ts); terrain horizon not included (layers/solar/specific-yield.ts)';

/** GET /api/siting/{family}/zones. */
export async function sitingZones(deps: SitingDeps, family: 'pv' | 'wind', q: { scenario: string; min_s: number; min_area_ha?: number; limit: number; top_n: number; runs: number; perturbation: number; seed: number; by: 'score' | 'resource' | 'connection' }) {
  const { data, scenario } = await scenarioById(deps, family, q.scenario);
  const { s: S } = await suitabilityOf(scenario, deps.reweigh ?? reweightInPool);
  const set = scenario.spec.rule_set;
  const minHa = q.min_area_ha ?? set.min_area_ha;
  const cellKm2 = data.cellAreaM2 / 1e6;
  const { zones, labels } = findZones(S, scenario.mask.mask, scenario.stack, {
    width: data.width, height: data.height, min_s: q.min_s, min_cells: Math.max(1, Math.ceil((minHa * 1e4) / data.cellAreaM2 - 1e-9)),
    contiguity: set.contiguity, cell_area_km2: cellKm2, density_mw_per_km2: set.density_mw_per_km2,
  });
  // per zone: mean resource and the smallest distance to a substation
  const byLabel = new Map(zones.map((z, k) => [z.label, k]));
  const RES = resourceOf(scenario.spec);
  const res = data.layers.get(RES.layer)!.values;
  const sub = data.layers.get('dist_substation_m')!.values;
  const resSum = new Float64Array(zones.length), subMin = new Float64Array(zones.length).fill(Infinity);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!l) continue;
    const k = byLabel.get(l);
    if (k === undefined) continue;
    resSum[k] += res[i];
    if (sub[i] < subMin[k]) subMin[k] = sub[i];
  }
  const rob = rankRobustness(zones.map((z) => z.criterion_means), scenario.spec.weights, { perturbation: q.perturbation, runs: q.runs, top_n: q.top_n, seed: q.seed });
  const toLL = transformer(data.record.crs, 'EPSG:4326').point;
  const frame = northUpFrame(data.grid);
  const enriched = zones.map((z, k) => ({ z, k, resource: resSum[k] / z.cells, substation_distance_m: subMin[k] }));
  const valueOf = (e: (typeof enriched)[number]) => (q.by === 'score' ? e.z.mean_s : q.by === 'resource' ? e.resource : e.substation_distance_m);
  const curve = supplyCurve(enriched.map((e) => ({ ...e, rank: e.z.rank, capacity_mw: e.z.capacity_mw })), valueOf, q.by === 'connection');
  const shown = enriched.slice(0, q.limit).map((e) => {
    const z = e.z;
    const [c0, r0, c1, r1] = z.bbox;
    const w = c1 - c0 + 1, h = r1 - r0 + 1;
    let geometry: MultiPolygon | null = null;
    if (w * h <= 4_000_000) {
      const sub = new Uint8Array(w * h);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (labels[r * data.width + c] === z.label) sub[(r - r0) * w + (c - c0)] = 1;
      const g = squareGrid({ width: w, height: h, x0: frame.x0 + c0 * frame.dx, y0: frame.y0 - r0 * frame.dy, cell: frame.dx, crs: data.record.crs });
      const polys = polygonizeMask(g, sub);
      geometry = { type: 'MultiPolygon', coordinates: polys.map((p) => p.map((ring) => ring.map(([x, y]) => { const [lo, la] = toLL(x, y); return [Math.round(lo * 1e7) / 1e7, Math.round(la * 1e7) / 1e7]; }))) };
    }
    const [cx, cy] = pixelCenterToWorld(data.grid, z.centroid_col - 0.5, z.centroid_row - 0.5);
    const [lon, lat] = toLL(cx, cy);
    const area_ha = z.area_km2 * 100;
    return {
      rank: z.rank, cells: z.cells, area_km2: z.area_km2, area_ha, area_mu: ha_to_mu(area_ha), mean_s: z.mean_s, max_s: z.max_s, capacity_mw: z.capacity_mw,
      centroid: { lon, lat }, resource: { value: e.resource, unit: RES.unit }, substation_distance_m: e.substation_distance_m,
      top_n_share: rob.top_n_share[e.k], mean_rank: rob.mean_rank[e.k], geometry,
    };
  });
  return {
    scenario: scenario.id, total_zones: zones.length, total_capacity_mw: zones.reduce((a, z) => a + z.capacity_mw, 0),
    zones: shown, supply_curve: curve, supply_by: q.by,
    supply_unit: q.by === 'score' ? 'S (0–1)' : q.by === 'resource' ? RES.unit : 'm',
    robustness: {
      runs: rob.runs, top_n: rob.top_n, perturbation: rob.perturbation, seed: rob.seed,
      note_zh: `每个权重在 ±${Math.round(q.perturbation * 100)}% 内随机扰动并重新归一化，共 ${rob.runs} 次（种子 ${rob.seed}）；对基准权重下划定的分区重新排序，统计其进入前 ${rob.top_n} 名的比例。`,
      note_en: `Each weight perturbed uniformly within ±${Math.round(q.perturbation * 100)} % and renormalised, ${rob.runs} runs (seed ${rob.seed}); the zones drawn under the base weights are re-ranked and the share of runs in the top ${rob.top_n} counted.`,
    },
    density_mw_per_km2: set.density_mw_per_km2,
  };
}

// ------------------------------------------------------------------------------ parcel

/** POST /api/analysis/siting: the parcel's exclusion waterfall, capacity, yield, storage, connection and avoided CO2. */
export async function sitingParcel(deps: SitingDeps, limits: ParcelLimits, req: {
  geometry: unknown; scenario?: string; technology?: Technology; rule_set?: string; rules?: RuleSetBody;
  density_mw_per_km2?: number; turbine?: string; hub_height_m?: number; yield?: boolean;
}) {
  const data = await sitingData(deps.sql, deps.dataDir);
  let set: RuleSet;
  let technology: Technology;
  let tip: number | null = null;
  if (req.scenario) {
    const fam = ((await getScenario(deps.sql, req.scenario))?.family ?? 'pv') as 'pv' | 'wind';
    const { scenario } = await scenarioById(deps, fam, req.scenario);
    set = scenario.spec.rule_set; technology = scenario.spec.technology; tip = scenario.spec.tip_height_m;
  } else {
    technology = req.technology ?? 'pv_ground';
    set = await resolveRuleSet(deps.sql, technology, req.rule_set, req.rules);
  }
  const family = FAMILY[technology];
  const wt = family === 'wind' ? tipOf(req) : null;
  if (family === 'wind' && tip === null) tip = wt!.tip;
  checkRuleSet(set);
  const m = ruleMask(data, set, tip);
  const parcel = await prepareParcel(deps.sql, req.geometry, limits);
  const warnings: Finding[] = [...parcel.warnings];
  const toGrid = transformer('EPSG:4326', data.record.crs).point;
  const proj = { type: 'MultiPolygon' as const, coordinates: parcel.geometry.coordinates.map((p) => p.map((ring) => ring.map(([x, y]) => toGrid(x, y)))) };
  const cov = pixelCoverage(data.grid, proj);
  // Σ f · cell area is the projected (Gauss–Krüger) area; scale to the ellipsoidal parcel area so the waterfall adds up to it.
  const projectedM2 = cov.fractionSum * data.cellAreaM2;
  const k = projectedM2 > 0 ? (parcel.area_ha * 1e4) / projectedM2 : 0;
  const nRules = set.rules.length;
  const removed = new Float64Array(nRules + 3); // [outside, rules…, min_area, partial weights]
  let usableM2 = 0;
  const usableCells: number[] = [];
  forEachCoveredPixel(cov, (r, c, f) => {
    const i = r * data.width + c;
    const a = f * data.cellAreaM2 * k;
    if (!data.domain[i]) { removed[0] += a; return; }
    const code = m.excluded_by[i];
    if (m.mask[i] === 0) {
      if (code === MIN_AREA_CODE) removed[nRules + 1] += a;
      else if (code >= 1 && code <= nRules) removed[code] += a;
      else removed[0] += a;
      return;
    }
    const frac = m.mask[i] / 255;
    usableM2 += a * frac;
    removed[nRules + 2] += a * (1 - frac);
    usableCells.push(i);
  });
  const outsideGrid = parcel.area_ha * 1e4 - projectedM2 * k; // ≈ 0 (rounding)
  removed[0] += Math.max(0, outsideGrid);
  let remaining = parcel.area_ha;
  const steps = [
    { step: 'outside', zh: '研究区以外', en: 'Outside the study area' },
    ...set.rules.map((r) => ({ step: r.id, zh: `扣除：${r.label_zh}`, en: `Minus ${r.label_en}` })),
    { step: 'min_area', zh: `扣除：连片面积 < ${set.min_area_ha} 公顷`, en: `Minus patches < ${set.min_area_ha} ha` },
    { step: 'partial', zh: '扣除：部分纳入权重', en: 'Minus partial inclusion weights' },
  ];
  const waterfall = steps.map((s, j) => {
    const removed_ha = removed[j] / 1e4;
    remaining -= removed_ha;
    return { ...s, removed_ha, remaining_ha: Math.max(0, remaining) };
  });
  const usable_ha = usableM2 / 1e4;
  const density = req.density_mw_per_km2 ?? set.density_mw_per_km2;
  const capacity_mw = (usable_ha / 100) * density;
  const alternatives = family === 'pv'
    ? [
      { key: 'rev_default', density_mw_per_km2: 36, capacity_mw: (usable_ha / 100) * 36, source: 'NREL reV default PV 36 MW_dc/km² (reference/solar-wind.md §6)', unverified: false },
      { key: 'china_ground', density_mw_per_km2: SITING_PARAMETERS.china_ground_density_mw_per_km2.value, capacity_mw: (usable_ha / 100) * SITING_PARAMETERS.china_ground_density_mw_per_km2.value, source: SITING_PARAMETERS.china_ground_density_mw_per_km2.source, unverified: true },
    ]
    : [{ key: 'rev_default', density_mw_per_km2: 3, capacity_mw: (usable_ha / 100) * 3, source: 'NREL reV default wind 3 MW/km² (reference/solar-wind.md §6)', unverified: false }];

  // a representative usable cell: the usable cell nearest the parcel's usable centroid
  const toLL = transformer(data.record.crs, 'EPSG:4326').point;
  let site: { lon: number; lat: number } | null = null;
  if (usableCells.length) {
    let sc = 0, sr = 0;
    for (const i of usableCells) { sr += Math.floor(i / data.width); sc += i % data.width; }
    sc /= usableCells.length; sr /= usableCells.length;
    let best = usableCells[0], bd = Infinity;
    for (const i of usableCells) { const r = Math.floor(i / data.width), c = i % data.width; const d = (r - sr) ** 2 + (c - sc) ** 2; if (d < bd) { bd = d; best = i; } }
    const [x, y] = pixelCenterToWorld(data.grid, best % data.width, Math.floor(best / data.width));
    const [lon, lat] = toLL(x, y);
    site = { lon, lat };
  } else {
    warnings.push(finding('siting_nothing_usable', '地块内没有可用土地：所有面积都被规则排除。', 'Nothing in the parcel is usable: the rules exclude all of it.'));
  }

  let energy: { annual_mwh: number; specific_yield_kwh_per_kwp: number | null; capacity_factor_pct: number; model: string } | null = null;
  let avoided: { tCO2_per_yr: number; tCO2_per_MWh: number; year: number; source: string } | null = null;
  let wind_layout = null;
  const runYield = req.yield !== false;
  if (family === 'pv' && site && runYield && capacity_mw > 0) {
    const { analysis } = await analysePv(deps.sql, { location: site, system: { kw_dc: capacity_mw * 1000 } }, limits);
    energy = { annual_mwh: analysis.energy.annual_kwh / 1000, specific_yield_kwh_per_kwp: analysis.energy.specific_yield_kwh_per_kwp, capacity_factor_pct: analysis.energy.capacity_factor_pct, model: analysis.model };
    avoided = analysis.avoided;
  }
  if (family === 'wind') {
    const { turbine, hub, tip: tipM } = wt!;
    const cross = SITING_PARAMETERS.wind_spacing_crosswind_d.value * turbine.rotor_diameter_m;
    const down = SITING_PARAMETERS.wind_spacing_downwind_d.value * turbine.rotor_diameter_m;
    // lattice: rows east–west `cross` apart along a row, rows `down` apart north–south; a position is kept on a usable cell
    const usable = new Set(usableCells);
    const frame = northUpFrame(data.grid);
    const positions: [number, number][] = [];
    if (usableCells.length) {
      let c0 = Infinity, c1 = -Infinity, r0 = Infinity, r1 = -Infinity;
      for (const i of usableCells) { const r = Math.floor(i / data.width), c = i % data.width; c0 = Math.min(c0, c); c1 = Math.max(c1, c); r0 = Math.min(r0, r); r1 = Math.max(r1, r); }
      const xs = frame.x0 + c0 * frame.dx, xe = frame.x0 + (c1 + 1) * frame.dx, yn = frame.y0 - r0 * frame.dy, ys = frame.y0 - (r1 + 1) * frame.dy;
      for (let y = yn - down / 2; y > ys && positions.length < 5000; y -= down) {
        for (let x = xs + cross / 2; x < xe && positions.length < 5000; x += cross) {
          const [cf, rf] = worldToPixel(data.grid, x, y);
          const i = Math.floor(rf) * data.width + Math.floor(cf);
          if (usable.has(i)) { const [lo, la] = toLL(x, y); positions.push([Math.round(lo * 1e6) / 1e6, Math.round(la * 1e6) / 1e6]); }
        }
      }
    }
    let net: number | null = null, cf: number | null = null;
    if (positions.length && runYield) {
      const w = await analyseWind(deps.sql, { location: site!, turbine: turbine.id, hub_height_m: hub, turbines: positions.length }, limits);
      net = w.energy.net_kwh / 1000; cf = w.energy.capacity_factor_pct;
      energy = { annual_mwh: net, specific_yield_kwh_per_kwp: null, capacity_factor_pct: cf, model: w.model };
      avoided = w.avoided;
    }
    wind_layout = {
      turbine_id: turbine.id, rotor_diameter_m: turbine.rotor_diameter_m, hub_height_m: hub, tip_height_m: tipM, rated_kw: turbine.rated_kw,
      spacing_crosswind_d: SITING_PARAMETERS.wind_spacing_crosswind_d.value, spacing_downwind_d: SITING_PARAMETERS.wind_spacing_downwind_d.value,
      turbines: positions.length, capacity_mw: (positions.length * turbine.rated_kw) / 1000, net_aep_mwh: net, capacity_factor_pct: cf, positions,
    };
  }
  const plantMw = wind_layout ? wind_layout.capacity_mw : capacity_mw;
  const storage = {
    power_mw: plantMw * SITING_PARAMETERS.storage_fraction.value, energy_mwh: plantMw * SITING_PARAMETERS.storage_fraction.value * SITING_PARAMETERS.storage_hours.value,
    fraction: SITING_PARAMETERS.storage_fraction.value, hours: SITING_PARAMETERS.storage_hours.value,
    source: `${SITING_PARAMETERS.storage_fraction.source}; ${SITING_PARAMETERS.storage_hours.source}`,
  };
  let connection = null;
  const at = site ?? (await deps.sql<{ lon: number; lat: number }[]>`SELECT ST_X(p) lon, ST_Y(p) lat FROM ST_PointOnSurface(ST_GeomFromGeoJSON(${JSON.stringify(parcel.geometry)})) p`)[0];
  const [near] = await deps.sql<{ id: string; name_zh: string | null; voltage_kv: number; d: number }[]>`
    SELECT id, name_zh, voltage_kv, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(${at.lon}, ${at.lat}), 4326)::geography) d
      FROM substations ORDER BY d LIMIT 1`;
  if (near) {
    const per = SITING_PARAMETERS.connection_cny_per_km.value;
    connection = { substation_id: near.id, name_zh: near.name_zh, voltage_kv: near.voltage_kv, distance_km: near.d / 1000, cost_cny: (near.d / 1000) * per, cny_per_km: per, unverified: true };
  }
  return {
    technology, rule_set: set.name, area_ha: parcel.area_ha, area_mu: ha_to_mu(parcel.area_ha),
    waterfall, usable_ha, usable_mu: ha_to_mu(usable_ha),
    capacity: { density_mw_per_km2: density, capacity_mw, alternatives },
    energy, storage, connection, avoided, wind_layout, warnings,
  };
}
