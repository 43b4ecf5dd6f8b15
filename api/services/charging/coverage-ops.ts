/**
 * Charging coverage answers, computed in a pool thread (tasks.ts) on the network model: per region
 * (county → townships / villages), per parcel, per point (travel time), isochrone bands, the
 * uncovered cells and what-if changes to the stations. The science is in layers/charging; this
 * places the stations on the network and shapes answers. No I/O here (the endpoints are coverage.ts).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { cellTimes, coveredCells, snapSites, sitesBySegment, snappedTime, nodeTimes, summarise, type CoverageSummary, type SitePoint, type CoverageThresholds } from '../../../layers/charging/coverage.ts';
import { isochroneBands } from '../../../layers/charging/isochrones.ts';
import { ACCESS, COVERAGE_THRESHOLDS, ROAD_CLASSES, ROAD_SPEEDS, routingSpeedKmh } from '../../../layers/charging/speeds.ts';
import { pixelCoverage, forEachCoveredPixel } from '../../../layers/raster/coverage.ts';
import { closestOnSegment } from '../../../layers/charging/road-graph.ts';
import { ProblemError } from '../problem.ts';
import { regionOfPoint, type NetworkModel as Network } from './model.ts';
import type { StationRow } from './tasks.ts';
import type {
  ChargingCoverage, ChargingParams, CoverageQuery, IsochroneQuery, Isochrones, Uncovered, RegionCoverage, TravelTime, TravelTimeQuery, WhatIfRequest, WhatIf, ParcelChargingRequest, ParcelCharging,
} from '../../schemas/charging.ts';

export interface Station extends SitePoint {
  id: string;
  name_zh: string | null;
  site_kind: 'public' | 'service_area';
  lon: number;
  lat: number;
}

export interface EvalOptions {
  peak: boolean;
  thresholds: CoverageThresholds;
}

export function evalOptions(q: { peak?: boolean | string; urban_s?: number; rural_s?: number }): EvalOptions {
  const peak = q.peak === true || q.peak === 'true' || q.peak === '1';
  return { peak, thresholds: { urban_s: q.urban_s ?? COVERAGE_THRESHOLDS.urban_s, rural_s: q.rural_s ?? COVERAGE_THRESHOLDS.rural_s } };
}

/** Public and service-area chargers of the stations table (private ones are not public charging). */
export function publicStations(rows: readonly StationRow[], net: Network): Station[] {
  return rows.map((r) => stationAt(net, r.id, r.name_zh, r.site_kind, r.lon, r.lat));
}

export function stationAt(net: Network, id: string, name_zh: string | null, site_kind: 'public' | 'service_area', lon: number, lat: number): Station {
  const [x, y] = net.toGrid(lon, lat);
  return { id, name_zh, site_kind, lon, lat, x, y, service_area: site_kind === 'service_area' };
}

export interface Evaluation {
  time_s: Float64Array;
  site: Int32Array;
  covered: Uint8Array;
  ms: number;
}

const cache = new Map<string, Evaluation>();

/** Cell times and coverage for a station set (cached per network, stations, speeds and thresholds). */
export function evaluate(net: Network, stations: readonly Station[], opts: EvalOptions): Evaluation {
  const cutoff = Math.max(opts.thresholds.urban_s, opts.thresholds.rural_s);
  const key = `${net.fingerprint}|${opts.peak}|${opts.thresholds.urban_s}|${opts.thresholds.rural_s}|${stations.map((s) => `${s.id}@${s.x.toFixed(2)},${s.y.toFixed(2)}${s.service_area ? 's' : ''}`).join(';')}`;
  const hit = cache.get(key);
  if (hit) { cache.delete(key); cache.set(key, hit); return hit; }
  const t0 = performance.now();
  const r = cellTimes(net.model(opts.peak), stations, cutoff);
  const ev = { time_s: r.time_s, site: r.site, covered: coveredCells(net.cells, r.time_s, opts.thresholds), ms: performance.now() - t0 };
  cache.set(key, ev);
  while (cache.size > 6) cache.delete(cache.keys().next().value!);
  return ev;
}

export function paramsOf(net: Network, opts: EvalOptions, stations: readonly Station[]): ChargingParams {
  const g = net.model(opts.peak).graph;
  return {
    thresholds: { urban_s: opts.thresholds.urban_s, rural_s: opts.thresholds.rural_s, source: COVERAGE_THRESHOLDS.source },
    peak: opts.peak,
    access: { speed_kmh: ACCESS.speed_kmh, max_m: ACCESS.max_m, source: ACCESS.source, unverified: ACCESS.unverified },
    urban_rule: net.urbanRule,
    speeds: ROAD_CLASSES.map((c) => ({
      road_class: c, routing_kmh: routingSpeedKmh(c, null, opts.peak), free_flow_kmh: ROAD_SPEEDS[c].free_flow_kmh, peak_factor: ROAD_SPEEDS[c].peak_factor,
      accessible: ROAD_SPEEDS[c].accessible, source: ROAD_SPEEDS[c].source, unverified: ROAD_SPEEDS[c].unverified,
    })),
    speed_rule: 'routing speed = min(posted speed_kmh of the road, free-flow of its class) × peak factor when peak=true',
    graph: { nodes: g.nodeCount, directed_edges: g.forward.edgeCount, segments: g.segCount, length_km: round(g.length_m / 1000, 1), roads: net.roads.count, build_ms: Math.round(net.built.ms), built_at: net.built.at },
    demand: { cells: net.cells.x.length, cell_m: Math.abs(net.grid.geotransform[1]), population_layer: 'population', crs: net.crs },
    stations: stations.length,
    method: 'multi-source Dijkstra on the reversed road graph from every public charger (cutoff = the larger threshold); cells snapped to the nearest accessible road with a partial-edge cost and an access leg; covered = time ≤ threshold of the cell’s class',
  };
}

const round = (v: number, d = 0) => Math.round(v * 10 ** d) / 10 ** d;

function regionCoverage(s: CoverageSummary, id: string, name: { zh: string; en: string | null }, level: string, chargers: number): RegionCoverage {
  const c = (x: CoverageSummary['urban']) => ({ population: round(x.population, 1), covered_population: round(x.covered_population, 1), coverage_pct: x.coverage_pct === null ? null : round(x.coverage_pct, 2), threshold_s: x.threshold_s });
  return {
    region_id: id, name_zh: name.zh, name_en: name.en, level, population: round(s.population, 1), covered_population: round(s.covered_population, 1),
    coverage_pct: s.coverage_pct === null ? null : round(s.coverage_pct, 2), urban: c(s.urban), rural: c(s.rural), uncovered_cells: s.uncovered_cells, public_chargers: chargers,
  };
}

const nameOf = (set: Network['townships'], k: number) => ({ zh: set.names[k], en: set.namesEn[k] });

const countIn = (arr: number[], k: number) => arr.reduce((a, x) => a + (x === k ? 1 : 0), 0);

/** Per network: 0 for a cell in a township of the county, −1 outside (the county's group). */
const countyGroup = new WeakMap<Network, Int32Array>();

/** Coverage of one region (the county, a township or a village) alone, without its children or checks. */
export function regionSelf(net: Network, stations: readonly Station[], ev: Pick<Evaluation, 'covered'>, opts: EvalOptions, regionId?: string): RegionCoverage {
  const th = opts.thresholds;
  const countyId = net.county?.id ?? 'all';
  const rid = regionId ?? countyId;
  const tIdx = net.townships.ids.indexOf(rid), vIdx = net.villages.ids.indexOf(rid);
  const stTown = stations.map((s) => regionOfPoint(net.townships, s.x, s.y));
  if (rid === countyId) {
    let inCounty = countyGroup.get(net);
    if (!inCounty) { inCounty = Int32Array.from(net.townships.group, (g) => (g >= 0 ? 0 : -1)); countyGroup.set(net, inCounty); }
    return regionCoverage(summarise(net.cells, ev.covered, 1, inCounty, th)[0], rid, { zh: net.county?.name_zh ?? '全部', en: net.county ? net.county.name_en : 'All' }, 'county', stations.filter((_, k) => stTown[k] >= 0).length);
  } else if (tIdx >= 0) {
    return regionCoverage(summarise(net.cells, ev.covered, net.townships.ids.length, net.townships.group, th)[tIdx], rid, nameOf(net.townships, tIdx), 'township', countIn(stTown, tIdx));
  }
  const stVill = stations.map((s) => regionOfPoint(net.villages, s.x, s.y));
  return regionCoverage(summarise(net.cells, ev.covered, net.villages.ids.length, net.villages.group, th)[vIdx], rid, nameOf(net.villages, vIdx), 'village', countIn(stVill, vIdx));
}

/** Coverage of a region and its children; the township and service-area checks. */
export function coverageAnswer(net: Network, stations: readonly Station[], ev: Evaluation, opts: EvalOptions, regionId?: string, by?: 'township' | 'village'): ChargingCoverage {
  const th = opts.thresholds;
  const countyId = net.county?.id ?? 'all';
  const rid = regionId ?? countyId;
  const tIdx = net.townships.ids.indexOf(rid), vIdx = net.villages.ids.indexOf(rid);
  if (rid !== countyId && tIdx < 0 && vIdx < 0) {
    throw new ProblemError(404, 'Region not found', `No county, township or village "${rid}" in the regions table. GET /api/regions lists them.`, { region: rid },
      { title: '未找到行政区', detail: `行政区表中没有县、乡镇或村“${rid}”。可用 GET /api/regions 查看。` });
  }
  const stTown = stations.map((s) => regionOfPoint(net.townships, s.x, s.y));
  const stVill = stations.map((s) => regionOfPoint(net.villages, s.x, s.y));
  const self = regionSelf(net, stations, ev, opts, rid);
  let children: RegionCoverage[] = [];
  const level = by ?? (tIdx >= 0 ? 'village' : 'township');
  if (vIdx < 0) {
    const set = level === 'township' ? net.townships : net.villages;
    const st = level === 'township' ? stTown : stVill;
    const per = summarise(net.cells, ev.covered, set.ids.length, set.group, th);
    const parentOk = (k: number) => (rid === countyId ? true : level === 'village' ? (tIdx >= 0 ? set.parents[k] === rid : false) : false);
    children = set.ids.map((id, k) => ({ k, id })).filter(({ k }) => (rid === countyId ? (level === 'township' ? true : true) : parentOk(k)))
      .map(({ k, id }) => regionCoverage(per[k], id, nameOf(set, k), level, countIn(st, k)));
  }
  const missing = net.townships.ids.map((id, k) => ({ id, name_zh: net.townships.names[k], name_en: net.townships.namesEn[k], k })).filter(({ k }) => countIn(stTown, k) === 0);
  const g = net.model(opts.peak).graph;
  const { snaps } = snapSites(net.model(opts.peak), stations);
  const saItems = net.serviceAreas.map((a) => {
    const set = new Set(a.segs);
    const n = stations.filter((s, k) => snaps[k].seg >= 0 && (set.has(snaps[k].seg) || a.segs.some((q) => closestOnSegment(g, q, s.x, s.y).offset_m <= 150))).length;
    return { name_zh: a.name_zh, name_en: a.name_en, stations: n, pass: n > 0 };
  });
  return {
    ...self,
    children,
    checks: {
      township_chargers: { pass: missing.length === 0, passing: net.townships.ids.length - missing.length, total: net.townships.ids.length, missing: missing.map(({ id, name_zh, name_en }) => ({ region_id: id, name_zh, name_en })) },
      service_areas: { pass: saItems.every((i) => i.pass), items: saItems },
    },
    params: paramsOf(net, opts, stations),
    seconds: round(ev.ms / 1000, 4),
  };
}

export function coverageOp(net: Network, rows: readonly StationRow[], q: CoverageQuery): ChargingCoverage {
  const opts = evalOptions(q);
  const stations = publicStations(rows, net);
  return coverageAnswer(net, stations, evaluate(net, stations, opts), opts, q.region, q.by);
}

/** Coverage of a drawn parcel: cells weighted by the share of their area inside it. */
export function parcelOp(net: Network, rows: readonly StationRow[], body: ParcelChargingRequest, geometry: Polygon | MultiPolygon): ParcelCharging {
  const opts = evalOptions(body);
  const stations = publicStations(rows, net);
  const ev = evaluate(net, stations, opts);
  const proj = (g: Polygon | MultiPolygon): MultiPolygon => ({
    type: 'MultiPolygon',
    coordinates: (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((p) => p.map((r) => r.map(([lon, lat]) => net.toGrid(lon, lat)))),
  });
  const cov = pixelCoverage(net.grid, proj(geometry));
  const share = new Float64Array(net.grid.width * net.grid.height);
  forEachCoveredPixel(cov, (r, c, f) => { share[r * net.grid.width + c] = f; });
  const weight = Float64Array.from(net.cellIndex, (i) => share[i]);
  const group = Int32Array.from(weight, (w) => (w > 0 ? 0 : -1));
  const s = summarise(net.cells, ev.covered, 1, group, opts.thresholds, weight)[0];
  let area = 0;
  for (const w of weight) area += w;
  if (area <= 0) {
    throw new ProblemError(422, 'Parcel outside the data extent',
      'The parcel covers no cell of the population raster. Check that coordinates are WGS-84 lon/lat (GCJ-02 from Chinese web maps must be converted) and inside the county.', {},
      { title: '地块在数据范围之外', detail: '地块不覆盖人口栅格的任何单元。请确认坐标为 WGS-84 经纬度(来自国内网络地图的 GCJ-02 坐标须先转换),且位于县域内。' });
  }
  const cellKm2 = Math.abs(net.grid.geotransform[1] * net.grid.geotransform[5]) / 1e6;
  return {
    ...regionCoverage(s, 'parcel', { zh: '地块', en: 'Parcel' }, 'parcel', stations.filter((st) => inside(proj(geometry), st.x, st.y)).length),
    area_km2: round(area * cellKm2, 4),
    params: paramsOf(net, opts, stations),
    seconds: round(ev.ms / 1000, 4),
  };
}

function inside(mp: MultiPolygon, x: number, y: number): boolean {
  const pir = (ring: number[][]) => {
    let c = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
    return c;
  };
  return mp.coordinates.some((p) => pir(p[0]) && !p.slice(1).some(pir));
}

/** Driving time from a point to its nearest public charger. */
export function travelTimeOp(net: Network, rows: readonly StationRow[], q: TravelTimeQuery): TravelTime {
  const opts = evalOptions(q);
  const stations = publicStations(rows, net);
  const model = net.model(opts.peak);
  const [x, y] = net.toGrid(q.lon, q.lat);
  const snap = model.accessibleIndex.nearest(x, y, ACCESS.max_m);
  if (snap.seg < 0) {
    throw new ProblemError(422, 'No road nearby', `No road a resident can drive on lies within ${ACCESS.max_m} m of (${q.lon}, ${q.lat}).`, { max_m: ACCESS.max_m },
      { title: '附近没有道路', detail: `(${q.lon}, ${q.lat}) 周围 ${ACCESS.max_m} 米内没有可通行的道路。` });
  }
  const cutoff = q.max_s ?? 7200;
  const { snaps, access_s } = snapSites(model, stations);
  const times = nodeTimes(model.graph, snaps, access_s, cutoff);
  const v = ACCESS.speed_kmh / 3.6;
  const r = snappedTime(model.graph, snap.seg, snap.t, snap.offset_m / v, times, sitesBySegment(snaps, access_s));
  // a charger nearer than the road: the access leg goes straight to it
  let direct = false;
  stations.forEach((s, k) => {
    const d = Math.hypot(s.x - x, s.y - y);
    if (d <= snap.offset_m && d / v < r.time_s) { r.time_s = d / v; r.site = k; direct = true; }
  });
  const [slon, slat] = net.toLonLat(snap.x, snap.y);
  const st = r.site >= 0 ? stations[r.site] : null;
  return {
    seconds: Number.isFinite(r.time_s) ? round(r.time_s, 1) : null,
    minutes: Number.isFinite(r.time_s) ? round(r.time_s / 60, 2) : null,
    station_id: st?.id ?? null, station_name_zh: st?.name_zh ?? null,
    snapped: { lon: round(slon, 7), lat: round(slat, 7), offset_m: round(snap.offset_m, 1) },
    direct, max_s: cutoff, peak: opts.peak,
  };
}

/** Isochrone bands from one station, several, or all (merged multi-origin). */
export function isochronesOp(net: Network, rows: readonly StationRow[], q: IsochroneQuery): Isochrones {
  const opts = evalOptions(q);
  const all = publicStations(rows, net);
  const wanted = q.station ? q.station.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const unknown = wanted.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length) {
    throw new ProblemError(404, 'Station not found', `No public charging station ${unknown.join(', ')}.`, { stations: unknown },
      { title: '未找到充电站', detail: `没有公共充电站 ${unknown.join('、')}。` });
  }
  const stations = wanted.length ? all.filter((s) => wanted.includes(s.id)) : all;
  const minutes = (q.minutes ?? '5,15,30').split(',').map(Number);
  if (!minutes.length || minutes.some((m) => !(m > 0 && m <= 120)) || minutes.length > 8) {
    throw new ProblemError(400, 'Invalid minutes', 'minutes is a comma-separated list of 1–8 band limits in (0, 120], e.g. 5,15,30.', { minutes: q.minutes },
      { title: '分钟参数无效', detail: 'minutes 为逗号分隔的 1–8 个时间上限（0–120 分钟），如 5,15,30。' });
  }
  const thresholds = minutes.map((m) => m * 60);
  const cutoff = Math.max(...thresholds);
  const t0 = performance.now();
  const r = cellTimes(net.model(opts.peak), stations, cutoff);
  const W = net.grid.width, H = net.grid.height;
  const time = new Float64Array(W * H).fill(Infinity), pop = new Float64Array(W * H);
  net.cellIndex.forEach((i, k) => { time[i] = r.time_s[k]; pop[i] = net.cells.pop[k]; });
  const bands = isochroneBands(net.grid, time, pop, thresholds);
  const features: Isochrones['features'] = bands.map((b) => ({
    type: 'Feature' as const,
    properties: { threshold_s: b.threshold_s, minutes: b.threshold_s / 60, total_pop: round(b.total_pop, 1), band_pop: round(b.band_pop, 1), area_km2: round(b.area_km2, 3), stations: stations.length },
    geometry: { type: 'MultiPolygon' as const, coordinates: b.polygons.map((p) => p.map((ring) => ring.map(([x, y]) => net.toLonLat(x, y).map((v) => round(v, 6))))) },
  }));
  // foreign members are allowed by RFC 7946 §6.1
  return {
    type: 'FeatureCollection', features,
    station_ids: stations.map((s) => s.id), peak: opts.peak, seconds: round((performance.now() - t0) / 1000, 4),
    method: 'marching squares (d3-contour) over cell travel times; holes are unreachable pockets; total_pop summed from the cells (t ≤ threshold)',
  };
}

/** Uncovered populated cells as points (people, class, time to the nearest charger). */
export function uncoveredOp(net: Network, rows: readonly StationRow[], q: CoverageQuery & { min_pop?: number }): Uncovered {
  const opts = evalOptions(q);
  const stations = publicStations(rows, net);
  const ev = evaluate(net, stations, opts);
  return uncoveredFeatures(net, ev, opts, q.min_pop ?? 1);
}

export function uncoveredFeatures(net: Network, ev: Evaluation, opts: EvalOptions, minPop: number): Uncovered {
  const features: Uncovered['features'] = [];
  for (let k = 0; k < ev.covered.length; k++) {
    if (ev.covered[k] || !(net.cells.pop[k] >= minPop) || net.townships.group[k] < 0) continue;
    const [lon, lat] = net.toLonLat(net.cells.x[k], net.cells.y[k]);
    features.push({
      type: 'Feature', geometry: { type: 'Point' as const, coordinates: [round(lon, 6), round(lat, 6)] },
      properties: {
        population: round(net.cells.pop[k], 1), urban: net.cells.urban[k] === 1,
        time_s: Number.isFinite(ev.time_s[k]) ? round(ev.time_s[k], 0) : null,
        threshold_s: net.cells.urban[k] ? opts.thresholds.urban_s : opts.thresholds.rural_s,
        township_id: net.townships.ids[net.townships.group[k]] ?? null,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Coverage after adding, moving or removing stations, beside the coverage now. */
export function whatIfOp(net: Network, rows: readonly StationRow[], body: WhatIfRequest): WhatIf {
  const t0 = performance.now();
  const opts = evalOptions(body);
  const now = publicStations(rows, net);
  const ids = new Set(now.map((s) => s.id));
  const unknown = [...(body.remove ?? []), ...(body.move ?? []).map((m) => m.id)].filter((id) => !ids.has(id));
  if (unknown.length) {
    throw new ProblemError(422, 'Station not found', `No public charging station ${unknown.join(', ')} to remove or move.`, { stations: unknown },
      { title: '未找到充电站', detail: `没有可移除或移动的公共充电站 ${unknown.join('、')}。` });
  }
  const removed = new Set(body.remove ?? []);
  const moved = new Map((body.move ?? []).map((m) => [m.id, m]));
  const placed = new Map<string, Station>();
  for (const s of now) {
    const m = moved.get(s.id);
    if (m) placed.set(s.id, stationAt(net, s.id, s.name_zh, s.site_kind, m.lon, m.lat));
  }
  (body.add ?? []).forEach((a, k) => placed.set(`add:${k}`, stationAt(net, a.id ?? `new-${k + 1}`, a.name_zh ?? null, a.service_area ? 'service_area' : 'public', a.lon, a.lat)));
  // A new or moved station with no road within reach would silently change nothing: say which ones.
  const { snaps } = snapSites(net.model(opts.peak), [...placed.values()]);
  const offRoad = [...placed.values()].filter((_, k) => snaps[k].seg < 0);
  if (offRoad.length) {
    const where = offRoad.map((st) => `${st.id} (${st.lon}, ${st.lat})`);
    throw new ProblemError(422, 'Station off the road network',
      `No road lies within ${ACCESS.max_m} m of ${where.join(', ')}: a station must be on or beside a road of the county (WGS-84 lon/lat).`, { stations: offRoad.map((st) => st.id), max_m: ACCESS.max_m },
      { title: '充电站不在路网上', detail: `${where.join('、')} 周边 ${ACCESS.max_m} 米内没有道路:充电站须位于县内道路上或路旁(WGS-84 经纬度)。` });
  }
  const after: Station[] = [
    ...now.filter((s) => !removed.has(s.id)).map((s) => placed.get(s.id) ?? s),
    ...(body.add ?? []).map((_, k) => placed.get(`add:${k}`)!),
  ];
  const before = coverageAnswer(net, now, evaluate(net, now, opts), opts, body.region, body.by);
  const t1 = performance.now();
  const evAfter = evaluate(net, after, opts);
  const afterAns = coverageAnswer(net, after, evAfter, opts, body.region, body.by);
  const t2 = performance.now();
  return {
    before, after: afterAns,
    delta_covered_population: round(afterAns.covered_population - before.covered_population, 1),
    delta_coverage_pct: afterAns.coverage_pct !== null && before.coverage_pct !== null ? round(afterAns.coverage_pct - before.coverage_pct, 3) : null,
    uncovered: body.uncovered ? uncoveredFeatures(net, evAfter, opts, 1) : null,
    update_ms: round(t2 - t1, 1),
    seconds: round((t2 - t0) / 1000, 3),
  };
}

