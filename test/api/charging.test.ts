/**
 * EV charging coverage on the demo county (issue 12): coverage adds up across townships and
 * villages, a station added at an uncovered village raises coverage by exactly the people it
 * reaches, the travel time to a station's own position is ~0, and travel times equal a second,
 * independent implementation written here (forward plain Dijkstra from the resident, brute-force
 * snapping) on the same roads table. Also the parcel, isochrone, uncovered, what-if and sites
 * endpoints and their problems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../setup/app.ts';
import { transformer } from '../../layers/geo/project.ts';
import { ACCESS, ROAD_SPEEDS, routingSpeedKmh, type RoadClass } from '../../layers/charging/speeds.ts';
import { mulberry32 } from '../../layers/core/random.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const get = async (path: string) => {
  const res = await app.request(path);
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
  return res.json() as Promise<any>;
};
const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ok = async (path: string, body: unknown) => {
  const res = await post(path, body);
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
  return res.json() as Promise<any>;
};

// ---------- the independent implementation ----------
interface Seg { a: number; b: number; ax: number; ay: number; bx: number; by: number; time: number; oneway: boolean; accessible: boolean }
let segs: Seg[] = [];
let out: [number, number][][] = [];
let toXY: (lon: number, lat: number) => [number, number];
const V = ACCESS.speed_kmh / 3.6;

beforeAll(async () => {
  const rows = await db.sql<{ road_class: RoadClass; speed_kmh: number; oneway: number; g: string }[]>`SELECT road_class, speed_kmh, oneway, ST_AsGeoJSON(geom) g FROM roads`;
  const [{ crs }] = await db.sql<{ crs: string }[]>`SELECT crs FROM rasters WHERE layer_id = 'population'`;
  const t = transformer('EPSG:4326', crs as 'EPSG:4549');
  toXY = (lon, lat) => t.point(lon, lat);
  const ids = new Map<string, number>();
  let n = 0;
  const node = (p: [number, number], end: boolean) => {
    if (!end) return n++;
    const k = `${Math.round(p[0] * 1000)},${Math.round(p[1] * 1000)}`;
    if (!ids.has(k)) ids.set(k, n++);
    return ids.get(k)!;
  };
  const pos: [number, number][] = [];
  for (const r of rows) {
    const cs = (JSON.parse(r.g).coordinates as number[][]).map(([lon, lat]) => toXY(lon, lat));
    const speed = routingSpeedKmh(r.road_class, r.speed_kmh) / 3.6;
    let prev = -1;
    cs.forEach((p, i) => {
      if (i > 0 && p[0] === cs[i - 1][0] && p[1] === cs[i - 1][1]) return;
      const id = node(p, i === 0 || i === cs.length - 1);
      pos[id] = p;
      if (prev >= 0 && prev !== id) {
        const L = Math.hypot(p[0] - pos[prev][0], p[1] - pos[prev][1]);
        segs.push({ a: prev, b: id, ax: pos[prev][0], ay: pos[prev][1], bx: p[0], by: p[1], time: L / speed, oneway: r.oneway === 1, accessible: ROAD_SPEEDS[r.road_class].accessible });
      }
      prev = id;
    });
  }
  out = Array.from({ length: n }, () => []);
  for (const s of segs) { out[s.a].push([s.b, s.time]); if (!s.oneway) out[s.b].push([s.a, s.time]); }
});

function closest(k: number, x: number, y: number) {
  const s = segs[k];
  const dx = s.bx - s.ax, dy = s.by - s.ay, L2 = dx * dx + dy * dy;
  const t = L2 > 0 ? Math.min(1, Math.max(0, ((x - s.ax) * dx + (y - s.ay) * dy) / L2)) : 0;
  return { s: k, t, d: Math.hypot(x - (s.ax + t * dx), y - (s.ay + t * dy)) };
}

/** Nearest segment by checking every one (lowest index on ties). */
function snapBrute(x: number, y: number, anySegment = false) {
  let best = { s: -1, t: 0, d: Infinity };
  segs.forEach((s, k) => {
    if (!anySegment && !s.accessible) return;
    const c = closest(k, x, y);
    if (c.d < best.d) best = c;
  });
  return best;
}

/** The same answer from 1 km buckets of accessible segments, searched ring by ring until no nearer one can exist. */
const B = 1000;
let buckets: Map<string, number[]> | undefined;
function snapBuckets(x: number, y: number) {
  if (!buckets) {
    buckets = new Map();
    segs.forEach((s, k) => {
      if (!s.accessible) return;
      for (let i = Math.floor(Math.min(s.ax, s.bx) / B); i <= Math.floor(Math.max(s.ax, s.bx) / B); i++) {
        for (let j = Math.floor(Math.min(s.ay, s.by) / B); j <= Math.floor(Math.max(s.ay, s.by) / B); j++) {
          const key = `${i},${j}`;
          (buckets!.get(key) ?? buckets!.set(key, []).get(key)!).push(k);
        }
      }
    });
  }
  const ci = Math.floor(x / B), cj = Math.floor(y / B);
  let best = { s: -1, t: 0, d: Infinity };
  for (let r = 0; r < 10 && !(best.d <= (r - 1) * B); r++) {
    for (let i = ci - r; i <= ci + r; i++) for (let j = cj - r; j <= cj + r; j++) {
      if (Math.max(Math.abs(i - ci), Math.abs(j - cj)) !== r) continue;
      for (const k of buckets.get(`${i},${j}`) ?? []) { const c = closest(k, x, y); if (c.d < best.d || (c.d === best.d && k < best.s)) best = c; }
    }
  }
  return best;
}

/** Plain Dijkstra with a simple binary heap, forward from the seeds [node, start]. */
function forwardDijkstra(seeds: [number, number][]): Float64Array {
  const dist = new Float64Array(out.length).fill(Infinity);
  const heap: [number, number][] = [];
  const push = (e: [number, number]) => { heap.push(e); let i = heap.length - 1; while (i > 0) { const p = (i - 1) >> 1; if (heap[p][0] <= heap[i][0]) break; [heap[p], heap[i]] = [heap[i], heap[p]]; i = p; } };
  const pop = () => { const top = heap[0], last = heap.pop()!; if (heap.length) { heap[0] = last; let i = 0; for (;;) { const l = 2 * i + 1, r = l + 1; let m = i; if (l < heap.length && heap[l][0] < heap[m][0]) m = l; if (r < heap.length && heap[r][0] < heap[m][0]) m = r; if (m === i) break; [heap[m], heap[i]] = [heap[i], heap[m]]; i = m; } } return top; };
  for (const [v, d] of seeds) if (d < dist[v]) { dist[v] = d; push([d, v]); }
  while (heap.length) {
    const [d, u] = pop();
    if (d > dist[u]) continue;
    for (const [v, w] of out[u]) if (d + w < dist[v]) { dist[v] = d + w; push([d + w, v]); }
  }
  return dist;
}

/** Plain Dijkstra backwards (over in-edges) from seeds: every node's time TO them. */
function backwardDijkstra(seeds: [number, number][]): Float64Array {
  const inn: [number, number][][] = Array.from({ length: out.length }, () => []);
  out.forEach((es, u) => { for (const [v, w] of es) inn[v].push([u, w]); });
  const saved = out;
  out = inn;
  try { return forwardDijkstra(seeds); } finally { out = saved; }
}

/** Time from (x, y) to the nearest of the stations, computed forward from the resident. */
function independentTime(x: number, y: number, stations: { x: number; y: number; sa: boolean }[]): number {
  const p = snapBrute(x, y);
  const s = segs[p.s];
  const seeds: [number, number][] = [[s.b, (1 - p.t) * s.time]];
  if (!s.oneway) seeds.push([s.a, p.t * s.time]);
  const dist = forwardDijkstra(seeds);
  let best = Infinity;
  for (const st of stations) {
    const q = snapBrute(st.x, st.y, st.sa);
    const qs = segs[q.s];
    let t = dist[qs.a] + q.t * qs.time;
    if (!qs.oneway) t = Math.min(t, dist[qs.b] + (1 - q.t) * qs.time);
    if (q.s === p.s && (q.t >= p.t || !s.oneway)) t = Math.min(t, Math.abs(q.t - p.t) * s.time);
    best = Math.min(best, t + q.d / V);
  }
  return p.d / V + best;
}

async function stationsXY() {
  const rows = await db.sql<{ id: string; lon: number; lat: number; site_kind: string }[]>`SELECT id, ST_X(geom) lon, ST_Y(geom) lat, site_kind FROM charging_stations WHERE site_kind <> 'private' ORDER BY id`;
  return rows.map((r) => ({ id: r.id, lon: r.lon, lat: r.lat, ...((([x, y]) => ({ x, y }))(toXY(r.lon, r.lat))), sa: r.site_kind === 'service_area' }));
}

describe('charging coverage on the demo county', () => {
  it('adds up: townships to the county, urban + rural to the total, villages to their township', async () => {
    const c = await get('/api/charging/coverage');
    expect(c.level).toBe('county');
    expect(c.children).toHaveLength(15);
    const sum = (k: string) => c.children.reduce((a: number, x: any) => a + x[k], 0);
    expect(sum('population')).toBeCloseTo(c.population, -1);
    expect(Math.abs(sum('population') - c.population)).toBeLessThan(1);
    expect(Math.abs(sum('covered_population') - c.covered_population)).toBeLessThan(1);
    expect(Math.abs(c.urban.population + c.rural.population - c.population)).toBeLessThan(0.2);
    expect(c.population).toBeGreaterThan(300_000);
    expect(c.coverage_pct).toBeGreaterThan(50);
    expect(c.coverage_pct).toBeLessThanOrEqual(100);
    expect(c.urban.threshold_s).toBe(300);
    expect(c.rural.threshold_s).toBe(1800);
    expect(c.params.graph.directed_edges).toBeGreaterThan(100_000);
    expect(c.checks.township_chargers.total).toBe(15);
    // each township carries the English name the regions table has for it
    const regions = await get('/api/regions?level=township');
    const en = new Map(regions.features.map((f: any) => [f.properties.id, f.properties.name_en]));
    expect(c.children.map((x: any) => x.name_en)).toEqual(c.children.map((x: any) => en.get(x.region_id)));
    expect(c.children.every((x: any) => /^[A-Za-z]/.test(x.name_en))).toBe(true);
    expect(c.checks.service_areas.items.length).toBe(2);
    expect(c.checks.service_areas.items.map((i: any) => [i.name_zh, i.name_en]).sort()).toEqual([['孝丰服务区', 'Xiaofeng Service Area'], ['安吉服务区', 'Anji Service Area']]);
    expect(c.checks.service_areas.pass).toBe(true);
    const town = c.children[0];
    const t = await get(`/api/charging/coverage?region=${town.region_id}`);
    expect(t.population).toBeCloseTo(town.population, 1);
    expect(t.children.length).toBeGreaterThan(3);
    expect(Math.abs(t.children.reduce((a: number, x: any) => a + x.population, 0) - t.population)).toBeLessThan(1);
    expect(t.children.every((v: any) => v.level === 'village')).toBe(true);
  });

  it('is slower at peak hours and with tighter thresholds covers no more', async () => {
    const base = await get('/api/charging/coverage');
    const peak = await get('/api/charging/coverage?peak=true');
    const tight = await get('/api/charging/coverage?rural_s=600');
    expect(peak.covered_population).toBeLessThanOrEqual(base.covered_population);
    expect(peak.params.peak).toBe(true);
    expect(tight.rural.covered_population).toBeLessThan(base.rural.covered_population);
    expect(tight.rural.threshold_s).toBe(600);
  });

  it('gives ~0 s at a station’s own position and the same times as an independent forward Dijkstra', async () => {
    const st = await stationsXY();
    for (const s of st.slice(0, 3)) {
      const t = await get(`/api/charging/travel-time?lon=${s.lon}&lat=${s.lat}`);
      expect(t.seconds).toBeLessThan(1);
      expect(t.station_id).toBe(s.id);
    }
    const places = await db.sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) lon, ST_Y(geom) lat FROM places WHERE kind = 'village' ORDER BY id`;
    const rnd = mulberry32(12);
    let compared = 0;
    for (let k = 0; k < 6; k++) {
      const p = places[Math.floor(rnd() * places.length)];
      const lon = p.lon + (rnd() - 0.5) * 0.01, lat = p.lat + (rnd() - 0.5) * 0.01;
      const t = await get(`/api/charging/travel-time?lon=${lon}&lat=${lat}`);
      if (t.direct || t.seconds === null) continue;
      const [x, y] = toXY(lon, lat);
      expect(t.seconds, `(${lon}, ${lat})`).toBeCloseTo(independentTime(x, y, st), 0);
      expect(Math.abs(t.seconds - independentTime(x, y, st))).toBeLessThan(0.06);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('a station added at an uncovered village raises coverage by exactly the people it reaches', async () => {
    const q = { rural_s: 600 };
    const before = await get('/api/charging/coverage?by=village&rural_s=600');
    const village = before.children.filter((v: any) => v.covered_population === 0 && v.population > 300).sort((a: any, b: any) => b.population - a.population)[0];
    expect(village).toBeTruthy();
    const [place] = await db.sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) lon, ST_Y(geom) lat FROM places WHERE id = ${'P' + village.region_id}`;
    const w = await ok('/api/charging/what-if', { add: [{ lon: place.lon, lat: place.lat }], by: 'village', ...q });
    const after = w.after.children.find((v: any) => v.region_id === village.region_id);
    expect(after.covered_population).toBeGreaterThan(0);
    expect(w.delta_covered_population).toBeGreaterThan(0);
    for (const c of w.after.children) {
      const b = w.before.children.find((v: any) => v.region_id === c.region_id);
      expect(c.covered_population).toBeGreaterThanOrEqual(b.covered_population - 1e-9);
    }
    // the people it reaches: previously uncovered cells within their threshold of the new station,
    // from one backward plain Dijkstra from it and bucket snapping (cells within 15 km: 600 s at ≤ 90 km/h)
    const unc = await get('/api/charging/uncovered?min_pop=0&rural_s=600');
    const [sx, sy] = toXY(place.lon, place.lat);
    const q0 = snapBrute(sx, sy), qs = segs[q0.s];
    const seeds: [number, number][] = [[qs.a, q0.t * qs.time + q0.d / V]];
    if (!qs.oneway) seeds.push([qs.b, (1 - q0.t) * qs.time + q0.d / V]);
    const D = backwardDijkstra(seeds);
    let reached = 0, near = 0;
    for (const f of unc.features) {
      const [x, y] = toXY(f.geometry.coordinates[0], f.geometry.coordinates[1]);
      if (Math.hypot(x - sx, y - sy) > 15_000) continue;
      near++;
      const c = snapBuckets(x, y), s = segs[c.s];
      let t = (1 - c.t) * s.time + D[s.b];
      if (!s.oneway) t = Math.min(t, c.t * s.time + D[s.a]);
      if (c.s === q0.s && (q0.t >= c.t || !s.oneway)) t = Math.min(t, Math.abs(q0.t - c.t) * s.time + q0.d / V);
      if (c.d / V + t <= f.properties.threshold_s) reached += f.properties.population;
    }
    expect(near).toBeGreaterThan(10);
    // cell centres come back rounded to 1e-6° (≈ 0.1 m): a cell exactly at its threshold may flip
    expect(Math.abs(reached - w.delta_covered_population)).toBeLessThanOrEqual(Math.max(1, 0.002 * reached));
    expect(w.update_ms).toBeGreaterThan(0);
  }, 300_000);

  it('answers a parcel, isochrones with population and holes, and the uncovered cells', async () => {
    const [seat] = await db.sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) lon, ST_Y(geom) lat FROM places WHERE kind = 'county_seat'`;
    const d = 0.02;
    const sq = { type: 'Polygon', coordinates: [[[seat.lon - d, seat.lat - d], [seat.lon + d, seat.lat - d], [seat.lon + d, seat.lat + d], [seat.lon - d, seat.lat + d], [seat.lon - d, seat.lat - d]]] };
    const p = await ok('/api/analysis/charging', { geometry: sq });
    expect(p.population).toBeGreaterThan(1000);
    expect(p.covered_population).toBeLessThanOrEqual(p.population);
    expect(p.urban.population).toBeGreaterThan(0);
    expect(p.area_km2).toBeGreaterThan(10);
    expect(p.public_chargers).toBeGreaterThan(3);
    const bad = await post('/api/analysis/charging', { geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } });
    expect(bad.status).toBe(422);

    const st = await stationsXY();
    const iso = await get(`/api/charging/isochrones?station=${st[0].id}&minutes=5,15,30`);
    expect(iso.features.map((f: any) => f.properties.minutes)).toEqual([5, 15, 30]);
    const pops = iso.features.map((f: any) => f.properties.total_pop);
    expect(pops[0]).toBeGreaterThan(0);
    expect(pops[1]).toBeGreaterThanOrEqual(pops[0]);
    expect(pops[2]).toBeGreaterThanOrEqual(pops[1]);
    expect(iso.features[1].properties.band_pop).toBeCloseTo(pops[1] - pops[0], 0);
    const all = await get('/api/charging/isochrones?minutes=30');
    // merged multi-origin: 30-minute area of all chargers = cells with t ≤ 1,800 s, the coverage with both thresholds at 1,800 s
    const cov = await get('/api/charging/coverage?urban_s=1800&rural_s=1800');
    expect(all.features[0].properties.total_pop).toBeGreaterThanOrEqual(cov.covered_population - 1);
    expect(all.features[0].properties.total_pop).toBeLessThan(cov.covered_population * 1.02);
    const holes = all.features[0].geometry.coordinates.reduce((a: number, poly: any) => a + poly.length - 1, 0);
    expect(holes).toBeGreaterThan(0);
    const unc = await get('/api/charging/uncovered');
    const c = await get('/api/charging/coverage');
    expect(unc.features.length).toBeGreaterThan(0);
    expect(unc.features.length).toBeLessThanOrEqual(c.uncovered_cells);
    expect(unc.features.every((f: any) => f.properties.time_s === null || f.properties.time_s > f.properties.threshold_s)).toBe(true);
  }, 120_000);

  it('removing a township’s stations fails its check; moving one back restores coverage', async () => {
    const st = await stationsXY();
    const c = await get('/api/charging/coverage');
    const [row] = await db.sql<{ id: string; ids: string[] }[]>`
      SELECT r.id, array_agg(s.id ORDER BY s.id) ids FROM regions r JOIN charging_stations s ON ST_Contains(r.geom, s.geom)
      WHERE r.level = 'township' AND s.site_kind = 'public' GROUP BY r.id HAVING count(*) = 1 ORDER BY r.id LIMIT 1`;
    const w = await ok('/api/charging/what-if', { remove: row.ids });
    expect(w.after.checks.township_chargers.missing.map((m: any) => m.region_id)).toContain(row.id);
    expect(w.after.covered_population).toBeLessThanOrEqual(c.covered_population);
    const s = st.find((x) => x.id === row.ids[0])!;
    const back = await ok('/api/charging/what-if', { move: [{ id: s.id, lon: s.lon, lat: s.lat }] });
    expect(back.after.covered_population).toBeCloseTo(c.covered_population, 1);
    const missing = await post('/api/charging/what-if', { remove: ['NO-SUCH'] });
    expect(missing.status).toBe(422);
    expect((await missing.json()).detail).toMatch(/NO-SUCH/);
  }, 60_000);

  it('chooses new sites: exact MCLP ≥ lazy greedy, gains add up, LSCP and p-median report their method', async () => {
    const m = await ok('/api/charging/sites', { problem: 'mclp', p: 3, grid_km: 3 });
    expect(m.sites).toHaveLength(3);
    expect(m.after.covered_population).toBeGreaterThanOrEqual(m.before.covered_population);
    const gains = m.sites.reduce((a: number, s: any) => a + s.gain_population, 0);
    expect(Math.abs(m.after.covered_population - m.before.covered_population - gains)).toBeLessThan(1);
    expect(m.sites[0].gain_population).toBeGreaterThanOrEqual(m.sites[2].gain_population);
    const g = await ok('/api/charging/sites', { problem: 'mclp', p: 3, grid_km: 3, greedy: true });
    expect(g.method).toBe('lazy-greedy');
    expect(g.exact_skipped).toMatch(/greedy/);
    if (m.method === 'exact') {
      expect(m.bound.kind).toBe('optimal');
      expect(m.after.covered_population).toBeGreaterThanOrEqual(g.after.covered_population - 1);
      expect(g.after.covered_population).toBeGreaterThanOrEqual((1 - 1 / Math.E) * (m.after.covered_population - m.before.covered_population) + m.before.covered_population - 1);
    }
    expect(g.bound.optimum_bound).toBeGreaterThanOrEqual(g.after.covered_population - g.before.covered_population - 1);
    const l = await ok('/api/charging/sites', { problem: 'lscp', grid_km: 3 });
    expect(l.after.covered_population + l.uncoverable_population).toBeGreaterThanOrEqual(l.before.covered_population);
    const pm = await ok('/api/charging/sites', { problem: 'pmedian', p: 2, grid_km: 4, greedy: true });
    expect(pm.mean_time_s.after).toBeLessThanOrEqual(pm.mean_time_s.before);
    expect(pm.sites[0].gain_person_seconds).toBeGreaterThan(0);
    const user = await ok('/api/charging/sites', { problem: 'mclp', p: 1, candidates: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name_zh: '地块A' }, geometry: { type: 'Point', coordinates: [119.6, 30.6] } }] } });
    expect(user.sites[0]?.name_zh ?? '地块A').toBe('地块A');
    const bad = await post('/api/charging/sites', { problem: 'mclp', p: 0 });
    expect(bad.status).toBe(422);
    const badc = await post('/api/charging/sites', { problem: 'mclp', candidates: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [] } }] } });
    expect(badc.status).toBe(422);
  }, 300_000);

  it('answers unknown regions and stations and bad queries with problems in both languages', async () => {
    const r = await app.request('/api/charging/coverage?region=999', { headers: { 'accept-language': 'zh-CN' } });
    expect(r.status).toBe(404);
    expect((await r.json()).title).toMatch(/未找到/);
    const s = await app.request('/api/charging/isochrones?station=NOPE');
    expect(s.status).toBe(404);
    const m = await app.request('/api/charging/isochrones?minutes=0,500');
    expect(m.status).toBe(400);
    const q = await app.request('/api/charging/travel-time?lon=500&lat=30');
    expect(q.status).toBe(400);
    const far = await app.request('/api/charging/travel-time?lon=100&lat=30');
    expect(far.status).toBe(422);
  });
});
