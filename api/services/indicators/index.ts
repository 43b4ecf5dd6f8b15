/**
 * GET /api/indicators: a region's policy indicators (issue 14) — measured value, the target that
 * applies (own or only a reference), gap and status — its children's values for the map and the
 * chart, and the narrative. Values come from measures.ts, rules from layers/indicators/.
 */
import type { Sql } from 'postgres';
import { finding, onePerCode, type Finding } from '../../../layers/core/findings.ts';
import { ha_to_mu } from '../../../layers/core/units.ts';
import { INDICATORS, indicatorDef, type IndicatorId } from '../../../layers/indicators/definitions.ts';
import { narrative } from '../../../layers/indicators/narrative.ts';
import { enclosingRegions, judge, pickTarget } from '../../../layers/indicators/status.ts';
import { childIds, listTargets, parentChain, regionRow, type RegionRow, type TargetRow } from '../../store/indicators.ts';
import type { Indicator, Indicators, IndicatorsQuery } from '../../schemas/indicators.ts';
import { VERSION } from '../../version.ts';
import { ProblemError } from '../problem.ts';
import { chargersMeasure, chargingMeasures, creditMeasures, landInputsFingerprint, landMeasures, potentialMeasures, type Measured, type RegionMeasures } from './measures.ts';

export interface IndicatorDeps {
  sql: Sql;
  dataDir: string;
}

async function requireRegion(sql: Sql, id: string): Promise<RegionRow> {
  const r = await regionRow(sql, id);
  if (!r) {
    throw new ProblemError(404, 'Region not found', `No county, township or village "${id}" in the regions table. GET /api/regions lists them.`, { region: id },
      { title: '未找到行政区', detail: `行政区表中没有县、乡镇或村“${id}”。可用 GET /api/regions 查看。` });
  }
  return r;
}

/** Every indicator of each region: the per-region inputs, and the children's charging and potentials from one call each. */
async function measureAll(deps: IndicatorDeps, region: RegionRow, children: RegionRow[]) {
  const { sql } = deps;
  const all = [region, ...children];
  const charging = await chargingMeasures(sql, region);
  const potentials = await potentialMeasures(sql, deps.dataDir, all);
  const credits = await creditMeasures(sql, all);
  const noCharging = (f: Finding) => ({ charging_coverage_urban_pct: noInput(f), charging_coverage_rural_pct: noInput(f), townships_with_chargers_pct: noInput(f), service_areas_with_chargers_pct: noInput(f) });
  const outsideNetwork = finding('charging_region_missing', '充电覆盖的路网与人口格网中没有该行政区。', 'The charging network\'s demand cells have no such region.');
  // regions at once: their zonal statistics queue in the worker pool while SQL of the others runs
  const measured = await Promise.all(all.map(async (r): Promise<[string, RegionMeasures]> => {
    const ch = 'missing' in charging ? noCharging(charging.missing)
      : r.id === region.id ? charging.self : charging.children.get(r.id) ?? noCharging(outsideNetwork);
    const [land, chargers] = await Promise.all([landMeasures(sql, r), chargersMeasure(sql, r)]);
    return [r.id, { ...land, ...ch, ...chargers, ...potentials.byRegion.get(r.id)!, ...credits.get(r.id)! }];
  }));
  return { measures: new Map(measured), charging, sitingVersion: potentials.version };
}

const noInput = (f: Finding): Measured => ({ value: null, numerator: null, denominator: null, basis_unit: null, findings: [f] });

function applied(t: (TargetRow & { scope: 'own' | 'reference' }) | null): Indicator['target'] {
  if (!t) return null;
  return {
    id: t.id, value: t.value, unit: t.unit, year: t.year, comparison: t.comparison, baseline_value: t.baseline_value, baseline_year: t.baseline_year,
    document: t.document_zh, document_en: t.document_en, region_id: t.region_id, place_zh: t.place_zh, place_en: t.place_en, scope: t.scope, source: t.source, note: t.note,
  };
}

/** The targets that may apply to `region`, by indicator. */
async function targetsFor(sql: Sql, region: RegionRow): Promise<{ enclosing: string[]; byIndicator: Map<string, TargetRow[]> }> {
  const enclosing = enclosingRegions(region.id, await parentChain(sql, region.id));
  const rows = await listTargets(sql, { region_ids: [region.id, ...enclosing] });
  const byIndicator = new Map<string, TargetRow[]>();
  for (const t of rows) byIndicator.set(t.indicator, [...(byIndicator.get(t.indicator) ?? []), t]);
  return { enclosing, byIndicator };
}

function judged(region: RegionRow, targets: Awaited<ReturnType<typeof targetsFor>>, id: IndicatorId, value: number | null, asOf: number) {
  const t = pickTarget<TargetRow>(region.id, targets.enclosing, targets.byIndicator.get(id) ?? [], asOf);
  return { target: t, ...judge(value, t, indicatorDef(id).additive, asOf) };
}

export async function regionIndicators(deps: IndicatorDeps, q: IndicatorsQuery): Promise<Indicators> {
  const { sql } = deps;
  const region = await requireRegion(sql, q.region);
  const withChildren = q.children === '1' || q.children === 'true';
  const children = withChildren ? (await Promise.all((await childIds(sql, region.id)).map((id) => regionRow(sql, id)))).filter((r): r is RegionRow => !!r) : [];
  const asOf = q.as_of ?? new Date().getFullYear();
  const { measures, charging, sitingVersion } = await measureAll(deps, region, children);
  const own = measures.get(region.id)!;
  const targets = await targetsFor(sql, region);
  const indicators: Indicator[] = INDICATORS.map((d) => {
    const m = own[d.id];
    const j = judged(region, targets, d.id, m.value, asOf);
    return {
      id: d.id, name_zh: d.name_zh, name_en: d.name_en, value: m.value, unit: d.unit,
      numerator: m.numerator, denominator: m.denominator, basis_unit: m.basis_unit, additive: d.additive,
      definition: d.definition, source: d.source, target: applied(j.target), gap: j.gap, share_of_target_pct: j.share_pct, status: j.status, findings: m.findings,
    };
  });
  const childAnswers = [];
  for (const c of children) {
    const cm = measures.get(c.id)!;
    const ct = await targetsFor(sql, c);
    childAnswers.push({
      region_id: c.id, name_zh: c.name_zh, name_en: c.name_en, level: c.level,
      values: Object.fromEntries(INDICATORS.map((d) => [d.id, cm[d.id].value])),
      status: Object.fromEntries(INDICATORS.map((d) => [d.id, judged(c, ct, d.id, cm[d.id].value, asOf).status])),
    });
  }
  const text = narrative({
    name_zh: region.name_zh, name_en: region.name_en ?? '',
    indicators: indicators.map((x) => ({
      id: x.id, name_zh: x.name_zh, name_en: x.name_en, value: x.value, unit: x.unit, gap: x.gap, share_pct: x.share_of_target_pct, status: x.status,
      not_applicable: x.findings.some((f) => f.code === 'not_applicable'),
      target: x.target && { value: x.target.value, year: x.target.year, document_zh: x.target.document, document_en: x.target.document_en, place_zh: x.target.place_zh, place_en: x.target.place_en, scope: x.target.scope },
    })),
    townships_without_chargers: 'missing' in charging ? undefined : charging.without,
  });
  return {
    region_id: region.id, name_zh: region.name_zh, name_en: region.name_en, level: region.level, parent_id: region.parent_id,
    area_ha: region.area_ha, area_mu: ha_to_mu(region.area_ha), as_of_year: asOf,
    indicators,
    ...(withChildren ? { children: childAnswers } : {}),
    narrative_zh: text.zh, narrative_en: text.en,
    findings: onePerCode(indicators.flatMap((x) => x.findings)),
    inputs: { fingerprint: await landInputsFingerprint(sql), siting_data_version: sitingVersion, tantu_version: VERSION },
  };
}

