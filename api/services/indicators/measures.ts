/**
 * The measured values of the indicators of a region and its children, gathered from tantu's own data through the
 * services that own it — land cover and carbon rasters by zonal statistics (zonal.ts), stands,
 * wetlands and the red line by SQL, charging coverage (charging/coverage.ts), siting masks
 * (siting/), the ledger's balances — and turned into values by layers/indicators/measures.ts.
 * Slow inputs are cached: land and carbon per region by a fingerprint of their tables and raster
 * files, potentials per region by the siting data version; charging keeps its own cache.
 * A missing input gives a null value and a finding, never a number.
 */
import { stat } from 'node:fs/promises';
import type { Sql } from 'postgres';
import type { MultiPolygon, Polygon } from 'geojson';
import { finding, type Finding } from '../../../layers/core/findings.ts';
import { transformer } from '../../../layers/geo/project.ts';
import { worldToPixel } from '../../../layers/raster/grid.ts';
import { DEFAULT_RULE_SETS } from '../../../layers/siting/rules.ts';
import { tipHeight, turbineById } from '../../../layers/wind/turbines.ts';
import { WIND_POTENTIAL_TURBINE, type IndicatorId } from '../../../layers/indicators/definitions.ts';
import {
  creditsInRegion, forestCoveragePct, forestStockM3, potentialMw, publicChargers, publicChargersByClass, ratioPct, totalFromDensity, wetlandProtectionPct, wetlandRatePct, type ProjectShare, type Ratio,
} from '../../../layers/indicators/measures.ts';
import { getRaster } from '../../store/catalog.ts';
import { rasterStore } from '../../store/rasters.ts';
import { asQ, balances } from '../../store/ledger.ts';
import { landFingerprint, ledgerParcelShares, standParts, stationsIn, wetlandAreas, type RegionRow } from '../../store/indicators.ts';
import type { ChargingCoverage, RegionCoverage } from '../../schemas/charging.ts';
import { chargingCoverage } from '../charging/coverage.ts';
import { chargingNetwork, type Network } from '../charging/network.ts';
import { ProblemError } from '../problem.ts';
import { ruleMask } from '../siting/engine.ts';
import { sitingData, type SitingData } from '../siting/data.ts';
import { runInWorker } from '../worker-pool.ts';
import { zonalClassAreas, zonalStats } from '../zonal.ts';

/** One measured value: the number (null when it cannot be measured), the ratio behind it, and what to know. */
export interface Measured {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  basis_unit: string | null;
  findings: Finding[];
}

export type RegionMeasures = Record<IndicatorId, Measured>;

const plain = (value: number | null, findings: Finding[] = []): Measured => ({ value, numerator: null, denominator: null, basis_unit: null, findings });
const ratio = (r: Ratio, unit: string, findings: Finding[] = []): Measured => ({ value: r.value_pct, numerator: r.numerator, denominator: r.denominator, basis_unit: unit, findings });
const missing = (code: string, zh: string, en: string): Measured => plain(null, [finding(code, zh, en)]);

/** A 422 problem of a service saying an input is not loaded becomes a finding. */
function absent(e: unknown, code: string): Finding {
  if (e instanceof ProblemError && e.status === 422) return finding(code, e.zh?.detail ?? e.detail, e.detail);
  throw e;
}

// ------------------------------------------------------------------------------ land and carbon

type Land = Pick<RegionMeasures, 'forest_coverage_pct' | 'forest_stock_m3' | 'wetland_rate_pct' | 'wetland_protection_pct' | 'carbon_stock_tC' | 'carbon_sink_tCO2e_per_yr'>;

const landCache = new Map<string, Land>();
let fingerprintMemo: { at: number; value: Promise<string> } | undefined;
const FINGERPRINT_TTL_MS = 2000;

/** The land inputs' fingerprint: tables (store) plus the raster files' size and mtime; checked at most every 2 s. */
export async function landInputsFingerprint(sql: Sql): Promise<string> {
  if (fingerprintMemo && Date.now() - fingerprintMemo.at < FINGERPRINT_TTL_MS) return fingerprintMemo.value;
  const value = (async () => {
    const parts = [await landFingerprint(sql)];
    for (const id of ['landcover', 'carbon_density', 'carbon_sink']) {
      const r = await getRaster(sql, id);
      const s = r ? await stat(rasterStore.location(r.path)).catch(() => undefined) : undefined;
      parts.push(`${id}:${s?.size ?? '-'}:${s?.mtimeMs ?? '-'}`);
    }
    return parts.join('|');
  })();
  fingerprintMemo = { at: Date.now(), value };
  value.catch(() => { fingerprintMemo = undefined; });
  return value;
}

/** Σ density × area of a per-ha raster in the region (pixel areas scaled to the region's ellipsoidal area), or a finding when it is not loaded. */
async function rasterTotal(sql: Sql, layer: string, geometry: Polygon | MultiPolygon, areaHa: number): Promise<{ total: number } | Finding> {
  try {
    const z = await zonalStats(sql, layer, geometry);
    const scale = z.coveredAreaM2 > 0 ? (areaHa * 1e4) / z.coveredAreaM2 : 0;
    return { total: totalFromDensity(z.areaWeightedSumM2, scale) };
  } catch (e) {
    return absent(e, `${layer}_missing`);
  }
}

async function measureLand(sql: Sql, region: RegionRow): Promise<Land> {
  const geometry = JSON.parse(region.geojson) as MultiPolygon;
  let coverage: Measured;
  try {
    const a = await zonalClassAreas(sql, 'landcover', geometry);
    // pixel areas are projected (Gauss–Krüger); scale them to the region's ellipsoidal area
    const scale = a.coveredAreaM2 > 0 ? (region.area_ha * 1e4) / a.coveredAreaM2 : 0;
    const byClass = new Map([...a.areaByClassM2].map(([c, m2]) => [c, (m2 * scale) / 1e4]));
    const landHa = (a.countedAreaM2 * scale) / 1e4;
    const nodataHa = (a.nodataAreaM2 * scale) / 1e4;
    coverage = ratio(forestCoveragePct(byClass, landHa), 'ha', nodataHa > 0.005 * region.area_ha
      ? [finding('landcover_nodata', `土地覆盖栅格在本区有 ${nodataHa.toFixed(1)} 公顷无数据，未计入土地总面积。`, `The land-cover raster has no data on ${nodataHa.toFixed(1)} ha of the region, left out of the land area.`)] : []);
  } catch (e) {
    coverage = plain(null, [absent(e, 'landcover_missing')]);
  }
  const stands = await standParts(sql, region.id);
  const stock = forestStockM3(stands);
  const stockFindings = stock.missing.length
    ? [finding('stand_volume_missing', `${stock.missing.length} 个乔木林小班无蓄积记录，未计入。`, `${stock.missing.length} arbor stand${stock.missing.length === 1 ? ' has' : 's have'} no recorded volume and add nothing.`)] : [];
  const forestStock = stands.some((s) => s.forest_type === 'arbor')
    ? { value: stock.value_m3, numerator: stock.arbor_area_ha, denominator: null, basis_unit: 'ha of arbor stands', findings: stockFindings }
    : missing('no_arbor_stands', '本区没有乔木林小班数据，无法计算蓄积量。', 'No arbor forest stands in the region: stock volume cannot be measured.');
  const w = await wetlandAreas(sql, region.id);
  const wetlandRate = ratio(wetlandRatePct(w.wetland_ha, region.area_ha), 'ha');
  const protection = w.wetland_ha > 0
    ? ratio(wetlandProtectionPct(w.protected_ha, w.wetland_ha), 'ha')
    : missing('no_wetland', '本区湿地表中没有湿地，湿地保护率无从计算。', 'The wetlands table has no wetland in the region: there is no protection rate to measure.');
  const carbon = await rasterTotal(sql, 'carbon_density', geometry, region.area_ha);
  const sink = await rasterTotal(sql, 'carbon_sink', geometry, region.area_ha);
  const fromRaster = (r: typeof carbon): Measured => ('code' in r ? plain(null, [r]) : plain(r.total));
  return {
    forest_coverage_pct: coverage,
    forest_stock_m3: forestStock,
    wetland_rate_pct: wetlandRate,
    wetland_protection_pct: protection,
    carbon_stock_tC: fromRaster(carbon),
    carbon_sink_tCO2e_per_yr: fromRaster(sink),
  };
}

export async function landMeasures(sql: Sql, region: RegionRow): Promise<Land> {
  const key = `${await landInputsFingerprint(sql)}#${region.id}`;
  const hit = landCache.get(key);
  if (hit) return hit;
  const m = await measureLand(sql, region);
  landCache.set(key, m);
  while (landCache.size > 512) landCache.delete(landCache.keys().next().value!);
  return m;
}

// ------------------------------------------------------------------------------ charging

type Charging = Pick<RegionMeasures, 'charging_coverage_urban_pct' | 'charging_coverage_rural_pct' | 'townships_with_chargers_pct' | 'service_areas_with_chargers_pct'>;

function coverageOf(c: RegionCoverage, townships: Measured, serviceAreas: Measured = countyOnly()): Charging {
  const cls = (x: RegionCoverage['urban'], zh: string, en: string): Measured => x.population > 0
    ? { value: x.coverage_pct, numerator: x.covered_population, denominator: x.population, basis_unit: 'people', findings: [] }
    : missing('no_population', `本区没有${zh}人口，覆盖率无从计算。`, `The region has no ${en} population: there is no coverage to measure.`);
  return { charging_coverage_urban_pct: cls(c.urban, '城镇', 'urban'), charging_coverage_rural_pct: cls(c.rural, '乡村', 'rural'), townships_with_chargers_pct: townships, service_areas_with_chargers_pct: serviceAreas };
}

const countyOnly = () => missing('not_applicable', '乡镇、村不适用：高速服务区充电设施按县检查。', 'Not applicable below the county: expressway service areas are checked for the county.');

function serviceAreasOf(c: ChargingCoverage): Measured {
  const items = c.checks.service_areas.items;
  return items.length
    ? ratio(ratioPct(items.filter((i) => i.pass).length, items.length), 'service areas')
    : missing('no_service_areas', '路网中没有高速服务区（名称含“服务区”的道路），无从检查。', 'The road network has no expressway service areas (roads whose name ends in "service area"): nothing to check.');
}

const oneTownship = (c: RegionCoverage): Measured => ratio(ratioPct(c.public_chargers > 0 ? 1 : 0, 1), 'townships');
const notForVillages = () => missing('not_applicable', '村级不适用：乡镇充电设施覆盖率按乡镇统计。', 'Not applicable to a village: the share is counted over townships.');

/** Charging indicators of the region and of each child, from one coverage answer; plus the townships without a charger. */
export async function chargingMeasures(sql: Sql, region: RegionRow): Promise<{ self: Charging; children: Map<string, Charging>; without: { name_zh: string; name_en: string }[] } | { missing: Finding }> {
  let c: ChargingCoverage;
  try {
    c = await chargingCoverage(sql, { region: region.id });
  } catch (e) {
    return { missing: absent(e, 'charging_inputs_missing') };
  }
  const check = c.checks.township_chargers;
  const self = region.level === 'county'
    ? coverageOf(c, ratio(ratioPct(check.passing, check.total), 'townships'), serviceAreasOf(c))
    : coverageOf(c, region.level === 'township' ? oneTownship(c) : notForVillages());
  const children = new Map(c.children.map((k) => [k.region_id, coverageOf(k, k.level === 'township' ? oneTownship(k) : notForVillages())]));
  const names = await sql<{ id: string; name_en: string | null }[]>`SELECT id, name_en FROM regions WHERE id = ANY(${check.missing.map((m) => m.region_id)})`;
  const en = new Map(names.map((n) => [n.id, n.name_en ?? '']));
  const without = region.level === 'county' ? check.missing.map((m) => ({ name_zh: m.name_zh, name_en: en.get(m.region_id) ?? '' })) : [];
  return { self, children, without };
}

type Chargers = Pick<RegionMeasures, 'public_chargers' | 'public_chargers_urban' | 'public_chargers_rural'>;

/** Grid index → demand cell of a charging network (built once per network). */
const cellsByIndex = new WeakMap<Network, Map<number, number>>();
function urbanAt(net: Network, lon: number, lat: number): boolean {
  let byIndex = cellsByIndex.get(net);
  if (!byIndex) { byIndex = new Map(Array.from(net.cellIndex, (i, k) => [i, k])); cellsByIndex.set(net, byIndex); }
  const [cf, rf] = worldToPixel(net.grid, ...net.toGrid(lon, lat));
  const col = Math.floor(cf), row = Math.floor(rf);
  if (col < 0 || row < 0 || col >= net.grid.width || row >= net.grid.height) return false;
  const k = byIndex.get(row * net.grid.width + col);
  return k !== undefined && net.cells.urban[k] === 1;
}

/** Public chargers of the region, and split urban / rural by the charging network's cells (no split without that network). */
export async function chargersMeasure(sql: Sql, region: RegionRow): Promise<Chargers> {
  const stations = await stationsIn(sql, region.id);
  const total = plain(publicChargers(stations));
  let net: Network;
  try {
    net = await chargingNetwork(sql);
  } catch (e) {
    const f = absent(e, 'charging_inputs_missing');
    return { public_chargers: total, public_chargers_urban: plain(null, [f]), public_chargers_rural: plain(null, [f]) };
  }
  const split = publicChargersByClass(stations.map((s) => ({ ...s, urban: urbanAt(net, s.lon, s.lat) })));
  return { public_chargers: total, public_chargers_urban: plain(split.urban), public_chargers_rural: plain(split.rural) };
}

// ------------------------------------------------------------------------------ siting potential

type Potential = Pick<RegionMeasures, 'pv_potential_mw' | 'wind_potential_mw'>;
const potentialCache = new Map<string, Potential>();

/** The default wind rule set's tip height: the potential's turbine at its default (first) hub height. */
function defaultTipHeightM(): number {
  const t = turbineById(WIND_POTENTIAL_TURBINE)!;
  return tipHeight(t.hub_heights_m[0], t.rotor_diameter_m);
}

/** The pure indicator formulas, run in the worker pool for the per-cell ones. */
const INDICATOR_MEASURES = new URL('../../../layers/indicators/measures.ts', import.meta.url);

/** The study-area mask in shared memory (once per data version), so each worker task does not copy it. */
let sharedDomain: { version: string; domain: Uint8Array } | undefined;
function domainOf(data: SitingData): Uint8Array {
  if (sharedDomain?.version !== data.version) {
    const d = new Uint8Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(data.domain.length) : new ArrayBuffer(data.domain.length));
    d.set(data.domain);
    sharedDomain = { version: data.version, domain: d };
  }
  return sharedDomain.domain;
}

/** Usable km² per mask in the region, scaled from projected (Gauss–Krüger) to the region's ellipsoidal area. */
async function usableKm2(data: SitingData, masks: Uint8Array[], geometry: MultiPolygon, areaHa: number): Promise<number[]> {
  const toGrid = transformer('EPSG:4326', data.record.crs).point;
  const proj: MultiPolygon = { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((ring) => ring.map(([x, y]) => toGrid(x, y)))) };
  const r = await runInWorker<{ usable_m2: number[]; covered_m2: number }>(INDICATOR_MEASURES, 'usableAreasM2', [data.grid, proj, masks, domainOf(data)]);
  const k = r.covered_m2 > 0 ? (areaHa * 1e4) / r.covered_m2 : 0;
  return r.usable_m2.map((m2) => (m2 * k) / 1e6);
}

/** PV and wind technical potential (MW) of each region; null data version when the siting inputs are missing. */
export async function potentialMeasures(sql: Sql, dataDir: string, regions: readonly RegionRow[]): Promise<{ version: string | null; byRegion: Map<string, Potential> }> {
  let data: SitingData;
  try {
    data = await sitingData(sql, dataDir);
  } catch (e) {
    const f = absent(e, 'siting_inputs_missing');
    return { version: null, byRegion: new Map(regions.map((r) => [r.id, { pv_potential_mw: plain(null, [f]), wind_potential_mw: plain(null, [f]) }])) };
  }
  const pv = DEFAULT_RULE_SETS.pv_ground, wind = DEFAULT_RULE_SETS.wind;
  const byRegion = new Map<string, Potential>();
  await Promise.all(regions.map(async (r) => {
    const key = `${data.version}#${r.id}`;
    let p = potentialCache.get(key);
    if (!p) {
      const geometry = JSON.parse(r.geojson) as MultiPolygon;
      const [pvKm2, windKm2] = await usableKm2(data, [ruleMask(data, pv, null).mask, ruleMask(data, wind, defaultTipHeightM()).mask], geometry, r.area_ha);
      p = {
        pv_potential_mw: { value: potentialMw(pvKm2, pv.density_mw_per_km2), numerator: pvKm2, denominator: null, basis_unit: 'km² usable', findings: [] },
        wind_potential_mw: { value: potentialMw(windKm2, wind.density_mw_per_km2), numerator: windKm2, denominator: null, basis_unit: 'km² usable', findings: [] },
      };
      potentialCache.set(key, p);
      while (potentialCache.size > 512) potentialCache.delete(potentialCache.keys().next().value!);
    }
    byRegion.set(r.id, p);
  }));
  return { version: data.version, byRegion };
}

// ------------------------------------------------------------------------------ ledger

type Credits = Pick<RegionMeasures, 'credits_issued_tCO2e' | 'credits_retired_tCO2e'>;

/** Credits of each region: the ledger's balances once, then each region's share of every project's pooled area. */
export async function creditMeasures(sql: Sql, regions: readonly RegionRow[]): Promise<Map<string, Credits>> {
  const bal = await balances(asQ(sql));
  const totals = new Map<number, { issued_t: number; retired_t: number }>();
  for (const b of bal) {
    const p = totals.get(b.project_id) ?? { issued_t: 0, retired_t: 0 };
    p.issued_t += b.issued_t;
    p.retired_t += b.retired_t;
    totals.set(b.project_id, p);
  }
  const out = new Map<string, Credits>();
  for (const r of regions) {
    const projects = new Map<number, ProjectShare>([...totals].map(([id, t]) => [id, { project_id: id, ...t, parcels: [] }]));
    for (const x of await ledgerParcelShares(sql, r.id)) projects.get(x.project_id)?.parcels.push({ area_mu: x.area_mu, inside_fraction: x.inside_fraction });
    const c = creditsInRegion([...projects.values()]);
    const f = c.unplaced_mu > 0
      ? [finding('ledger_parcels_unplaced', `账本中有 ${c.unplaced_mu.toFixed(1)} 亩收储地块没有图形，其碳汇量无法分摊到行政区，未计入。`, `${c.unplaced_mu.toFixed(1)} mu of pooled ledger parcels have no geometry: their credits cannot be placed in a region and are left out.`)] : [];
    out.set(r.id, { credits_issued_tCO2e: plain(c.issued_t, f), credits_retired_tCO2e: plain(c.retired_t, f) });
  }
  return out;
}
