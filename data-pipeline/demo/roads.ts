/**
 * Road network of the demo county, routed over terrain on a coarse grid (least-cost paths that
 * prefer valleys and gentle grades): a national road along the 西苕溪 valley, provincial and
 * county roads between towns, township/village roads to every village (one multi-source
 * shortest-path tree, so they merge like real feeder roads), village roads on to the hamlets
 * (自然村) of every village, valley roads between neighbouring settlements (loops), street
 * lattices in towns (150 m blocks in the cores, one-way pairs in the county seat), and a dual-
 * carriageway expressway (one line per direction) with interchange ramps and service areas.
 * Segments meet at shared end vertices (the graph is connected, and strongly connected when
 * one-way lines are followed); the expressway touches the rest only through its ramps.
 */
import { CsrGraph } from '../../layers/graph/csr.ts';
import { dijkstraMulti, pathTo, type ShortestPaths } from '../../layers/graph/dijkstra.ts';
import { Rng } from './random.ts';
import type { XY } from '../../layers/geo/planar.ts';
import { northUpFrame, squareCellSize, type Grid } from '../../layers/raster/grid.ts';
import type { Terrain } from './terrain.ts';
import type { Settlement } from './landscape.ts';
import { project } from './sources.ts';

export type RoadClass = 'expressway' | 'national' | 'provincial' | 'county' | 'township' | 'village' | 'urban';

export const ROAD_SPEED_KMH: Record<RoadClass, number> = {
  expressway: 100, national: 70, provincial: 60, county: 50, township: 40, village: 30, urban: 30,
};
const RANK: Record<RoadClass, number> = { expressway: 7, national: 6, provincial: 5, county: 4, township: 3, village: 2, urban: 1 };
const BY_RANK: RoadClass[] = ['urban', 'urban', 'village', 'township', 'county', 'provincial', 'national', 'expressway'];

export interface RoadSegment {
  id: string;
  road_class: RoadClass;
  name_zh: string | null;
  speed_kmh: number;
  oneway: 0 | 1;
  /** Coordinates in EPSG:4549 metres, in the direction of travel when one-way. */
  line: XY[];
}

/** Speed of interchange ramps and service-area roads (class expressway, one-way), km/h. */
export const RAMP_SPEED_KMH = 40;
export const SERVICE_ROAD_SPEED_KMH = 30;

export interface ServiceArea {
  /** Centre on the expressway axis (metres). */
  xy: XY;
  name_zh: string;
  /** One side per carriageway: the point on its service road (stations go here), 北区/南区. */
  sides: { xy: XY; side_zh: string }[];
}

export interface RoadNetwork {
  segments: RoadSegment[];
  /** Interchange points (where the ramps meet the link road), metres. */
  interchanges: XY[];
  serviceAreas: ServiceArea[];
  /** Hamlets (自然村) of each village reached by village roads: village settlement id → points. */
  hamlets: Map<string, XY[]>;
  /** Road-grid node positions of street lattices (for placing urban charging stations). */
  streetNodes: Map<string, XY[]>;
}

const DIRS: [number, number][] = [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]];

export function buildRoads(g: Grid, inside: Uint8Array, terrain: Terrain, settlements: Settlement[], seed: number): RoadNetwork {
  const { x0, y0 } = northUpFrame(g), cell = squareCellSize(g);
  const rng = new Rng(seed, 61);
  const step = Math.max(150, cell);
  const W = Math.floor((g.width * cell) / step), H = Math.floor((g.height * cell) / step);
  const N = W * H;
  const z = new Float32Array(N), ok = new Uint8Array(N), water = new Uint8Array(N);
  const pos = (n: number): XY => [x0 + ((n % W) + 0.5) * step, y0 - (Math.floor(n / W) + 0.5) * step];
  for (let n = 0; n < N; n++) {
    const [x, y] = pos(n);
    const c = Math.floor((x - x0) / cell), r = Math.floor((y0 - y) / cell);
    const i = r * g.width + c;
    z[n] = terrain.dem[i];
    ok[n] = inside[i];
    water[n] = terrain.lakeMask[i] ? 2 : terrain.riverMask[i] ? 1 : 0;
  }
  const nodeAt = (xy: XY): number => {
    const c = Math.min(W - 1, Math.max(0, Math.floor((xy[0] - x0) / step)));
    const r = Math.min(H - 1, Math.max(0, Math.floor((y0 - xy[1]) / step)));
    let n = r * W + c;
    if (ok[n] && water[n] !== 2) return n;
    // nearest usable node
    for (let rad = 1; rad < 40; rad++) {
      let best = -1, bd = Infinity;
      for (let dr = -rad; dr <= rad; dr++) for (let dc = -rad; dc <= rad; dc++) {
        if (Math.max(Math.abs(dr), Math.abs(dc)) !== rad) continue;
        const rr = r + dr, cc = c + dc;
        if (rr < 0 || cc < 0 || rr >= H || cc >= W) continue;
        const m = rr * W + cc;
        if (!ok[m] || water[m] === 2) continue;
        const d = dr * dr + dc * dc;
        if (d < bd) { bd = d; best = m; }
      }
      if (best >= 0) { n = best; return n; }
    }
    return n;
  };

  const stepCost = (a: number, b: number, diag: boolean, grade0: number) => {
    const len = diag ? step * Math.SQRT2 : step;
    const grade = Math.abs(z[b] - z[a]) / len;
    let c = len * (1 + Math.min(60, (grade / grade0) ** 2 * 2)) * (1 + Math.max(0, z[b]) / 2500);
    if (water[b] === 1) c *= 3;
    if (water[b] === 2) c *= 60;
    return c;
  };

  // the road grid as a directed graph: from every node to its 8 neighbours inside the county, in
  // DIRS order (the order of relaxation, which fixes tie-breaking)
  const edgeFrom: number[] = [], edgeTo: number[] = [], diagonal: boolean[] = [];
  for (let u = 0; u < N; u++) {
    const uc = u % W, ur = (u - uc) / W;
    for (let d = 0; d < 8; d++) {
      const cc = uc + DIRS[d][0], rr = ur + DIRS[d][1];
      if (cc < 0 || rr < 0 || cc >= W || rr >= H) continue;
      const v = rr * W + cc;
      if (!ok[v]) continue;
      edgeFrom.push(u); edgeTo.push(v); diagonal.push(d >= 4);
    }
  }
  const topology = CsrGraph.fromEdges(N, edgeFrom, edgeTo, new Float64Array(edgeFrom.length));

  // regular network: edge key → rank (and one-way direction: +1 a→b, −1 b→a, 0 two-way)
  const edges = new Map<number, { rank: number; dir: number; name: string | null }>();
  const key = (a: number, b: number) => (a < b ? a * N + b : b * N + a);
  const onNet = new Uint8Array(N);
  /** Weights with edges already on the network at 0.35× (per grade scale), updated as edges are added. */
  const reuseWeights = new Map<number, Float64Array>();
  const discount = (w: Float64Array, a: number, b: number) => {
    const ab = topology.slotOf(a, b), ba = topology.slotOf(b, a);
    if (ab >= 0) w[ab] *= 0.35;
    if (ba >= 0) w[ba] *= 0.35;
  };
  const addEdge = (a: number, b: number, cls: RoadClass, name: string | null = null, dir = 0) => {
    const k = key(a, b);
    const e = edges.get(k);
    const rank = RANK[cls];
    const d = dir === 0 ? 0 : a < b ? dir : -dir;
    if (!e) {
      edges.set(k, { rank, dir: d, name });
      for (const w of reuseWeights.values()) discount(w, a, b);
    } else if (rank > e.rank) { e.rank = rank; e.dir = 0; e.name = name ?? e.name; }
    onNet[a] = 1; onNet[b] = 1;
  };

  /** Terrain cost of every edge for a grade scale; with `reuse`, edges already on the network cost 0.35×. */
  const costGraphs = new Map<number, CsrGraph>();
  const reuseGraphs = new Map<number, CsrGraph>();
  const costGraph = (grade0: number, reuse: boolean): CsrGraph => {
    let base = costGraphs.get(grade0);
    if (!base) {
      const w = new Float64Array(topology.edgeCount);
      for (let s = 0; s < w.length; s++) {
        const k = topology.edgeIds[s];
        w[s] = stepCost(edgeFrom[k], edgeTo[k], diagonal[k], grade0);
      }
      base = topology.withWeights(w);
      costGraphs.set(grade0, base);
    }
    if (!reuse) return base;
    let rg = reuseGraphs.get(grade0);
    if (!rg) {
      const w = base.weights.slice();
      for (const k of edges.keys()) {
        const a = Math.floor(k / N);
        discount(w, a, k - a * N);
      }
      reuseWeights.set(grade0, w);
      rg = base.withWeights(w); // shares w, which addEdge keeps discounting
      reuseGraphs.set(grade0, rg);
    }
    return rg;
  };

  /** Least-cost paths from the sources; stops when `target` is settled (if ≥ 0). */
  const search = (sources: number[], target: number, grade0: number, reuse: boolean): ShortestPaths =>
    dijkstraMulti(costGraph(grade0, reuse), sources, target >= 0 ? { target } : {});
  const route = (from: number, to: number, cls: RoadClass, name: string | null) => {
    if (from === to) return;
    const sp = search([from], to, 0.08, true);
    if (!Number.isFinite(sp.dist[to])) return;
    const p = pathTo(sp, to);
    for (let k = 0; k + 1 < p.length; k++) addEdge(p[k], p[k + 1], cls, name);
  };

  const town = (name: string) => settlements.find((s) => s.kind !== 'village' && s.name_zh.startsWith(name))!;
  const ll = (lon: number, lat: number) => nodeAt(project(lon, lat));
  const seat = settlements.find((s) => s.kind === 'county_seat')!;
  const towns = settlements.filter((s) => s.kind !== 'village');

  // national road along the valley
  const nat = [ll(119.262, 30.645), nodeAt(town('杭垓').xy), nodeAt(town('孝丰').xy), nodeAt(seat.xy), nodeAt(town('溪龙').xy), nodeAt(town('梅溪').xy), ll(119.872, 30.852)];
  for (let k = 0; k + 1 < nat.length; k++) route(nat[k], nat[k + 1], 'national', 'G235（示意）');
  // provincial roads
  const prov: [number[], string][] = [
    [[nodeAt(seat.xy), nodeAt(town('天子湖').xy), ll(119.655, 30.868)], 'S201（示意）'],
    [[nodeAt(town('孝丰').xy), nodeAt(town('上墅').xy), nodeAt(town('报福').xy), nodeAt(town('章村').xy), ll(119.305, 30.428)], 'S306（示意）'],
    [[nodeAt(seat.xy), nodeAt(town('山川').xy), ll(119.712, 30.418)], 'S205（示意）'],
  ];
  for (const [pts, name] of prov) for (let k = 0; k + 1 < pts.length; k++) route(pts[k], pts[k + 1], 'provincial', name);
  // county roads: minimum spanning tree over town seats
  {
    const inTree = [0];
    const rest = towns.map((_, i) => i).slice(1);
    let serial = 1;
    while (rest.length) {
      let bi = -1, bj = -1, bd = Infinity;
      for (const i of inTree) for (const j of rest) {
        const d = Math.hypot(towns[i].xy[0] - towns[j].xy[0], towns[i].xy[1] - towns[j].xy[1]);
        if (d < bd) { bd = d; bi = i; bj = j; }
      }
      route(nodeAt(towns[bi].xy), nodeAt(towns[bj].xy), 'county', `X${String(serial++).padStart(3, '0')}（示意）`);
      inTree.push(bj);
      rest.splice(rest.indexOf(bj), 1);
    }
    // a few loops for redundancy
    const loops: [string, string][] = [['天荒坪', '上墅'], ['鄣吴', '天子湖'], ['灵峰', '山川'], ['孝源', '鄣吴']];
    for (const [a, b] of loops) route(nodeAt(town(a).xy), nodeAt(town(b).xy), 'county', `X${String(serial++).padStart(3, '0')}（示意）`);
  }
  // street lattices: 300 m blocks over the built-up area, 150 m blocks in the core; in the county
  // seat every other street of the core is one-way, alternating direction (one-way pairs)
  const streetNodes = new Map<string, XY[]>();
  const lattice = (t: Settlement, R: number, sp: number, oneway: boolean, nodes: Map<number, XY>) => {
    const c0 = Math.floor((t.xy[0] - x0) / step), r0 = Math.floor((y0 - t.xy[1]) / step);
    const rad = Math.ceil(R / step);
    const usable = (r: number, c: number) => {
      if (r < 0 || c < 0 || r >= H || c >= W) return false;
      const n = r * W + c;
      if (!ok[n] || water[n]) return false;
      const [x, y] = pos(n);
      return Math.hypot(x - t.xy[0], y - t.xy[1]) <= R;
    };
    const wayOf = (i: number) => (!oneway ? 0 : Math.abs(i) % 4 === 1 ? 1 : Math.abs(i) % 4 === 3 ? -1 : 0);
    for (let r = r0 - rad; r <= r0 + rad; r++) {
      for (let c = c0 - rad; c <= c0 + rad; c++) {
        if ((r - r0) % sp !== 0 || (c - c0) % sp !== 0 || !usable(r, c)) continue;
        nodes.set(r * W + c, pos(r * W + c));
        // eastward street to the next lattice column (one-way east/west), southward to the next row (south/north)
        if (usable(r, c + sp) && Array.from({ length: sp }, (_, k) => usable(r, c + k)).every(Boolean)) {
          const dir = wayOf((r - r0) / sp);
          for (let k = 0; k < sp; k++) {
            const a = r * W + c + k, b = r * W + c + k + 1;
            if (dir >= 0) addEdge(a, b, 'urban', null, dir);
            else addEdge(b, a, 'urban', null, 1);
          }
        }
        if (usable(r + sp, c) && Array.from({ length: sp }, (_, k) => usable(r + k, c)).every(Boolean)) {
          const dir = sp === 1 ? wayOf(c - c0) : 0;
          for (let k = 0; k < sp; k++) {
            const a = (r + k) * W + c, b = (r + k + 1) * W + c;
            if (dir >= 0) addEdge(a, b, 'urban', null, dir);
            else addEdge(b, a, 'urban', null, 1);
          }
        }
      }
    }
  };
  for (const t of towns) {
    const nodes = new Map<number, XY>();
    const seatTown = t.kind === 'county_seat';
    const sp2 = Math.max(1, Math.round(300 / step));
    lattice(t, seatTown ? 2600 : t.radius_m * 1.5, sp2, seatTown, nodes);
    if (sp2 > 1) lattice(t, seatTown ? 1500 : t.radius_m * 0.75, 1, seatTown, nodes);
    streetNodes.set(t.id, [...nodes.keys()].sort((a, b) => a - b).map((n) => nodes.get(n)!));
  }
  // village roads: one multi-source tree from the current network
  {
    const sources: number[] = [];
    for (let n = 0; n < N; n++) if (onNet[n]) sources.push(n);
    const sp = search(sources, -1, 0.1, false);
    const use = new Map<number, number>();
    const paths: number[][] = [];
    for (const v of settlements) {
      if (v.kind !== 'village') continue;
      const p = pathTo(sp, nodeAt(v.xy));
      paths.push(p);
      for (let k = 0; k + 1 < p.length; k++) {
        const kk = key(p[k], p[k + 1]);
        use.set(kk, (use.get(kk) ?? 0) + 1);
      }
    }
    for (const p of paths) for (let k = 0; k + 1 < p.length; k++) {
      addEdge(p[k], p[k + 1], (use.get(key(p[k], p[k + 1])) ?? 0) >= 4 ? 'township' : 'village');
    }
  }
  // hamlets (自然村): 4–12 per village (one per ~250 people) on low land of the village's own
  // territory (no other settlement nearer), ≥ 400 m apart, within 2.4 km of the village seat and
  // ≤ 220 m above it; reached by village roads, one multi-source tree from the network
  const hamlets = new Map<string, XY[]>();
  {
    const hrng = new Rng(seed, 62);
    const Rh = 2400, gap = 400;
    const targets: number[] = [];
    for (const v of settlements) {
      if (v.kind !== 'village') continue;
      const want = Math.max(4, Math.min(12, Math.round(v.population / 250)));
      const vn = nodeAt(v.xy), zv = z[vn];
      const c0 = vn % W, r0 = (vn - c0) / W, rad = Math.ceil(Rh / step);
      const cand: [number, number][] = [];
      for (let r = r0 - rad; r <= r0 + rad; r++) for (let c = c0 - rad; c <= c0 + rad; c++) {
        if (r < 0 || c < 0 || r >= H || c >= W) continue;
        const n = r * W + c;
        if (!ok[n] || water[n]) continue;
        const [x, y] = pos(n);
        const d2 = (x - v.xy[0]) ** 2 + (y - v.xy[1]) ** 2;
        if (d2 > Rh * Rh || d2 < gap * gap) continue;
        const rise = z[n] - zv;
        if (rise > 220) continue;
        let mine = true;
        for (const o of settlements) if (o !== v && (x - o.xy[0]) ** 2 + (y - o.xy[1]) ** 2 < d2) { mine = false; break; }
        if (!mine) continue;
        cand.push([n, Math.max(0, rise) + 0.02 * Math.sqrt(d2) + 60 * hrng.next()]);
      }
      cand.sort((p, q) => p[1] - q[1] || p[0] - q[0]);
      const chosen: XY[] = [];
      for (const [n] of cand) {
        if (chosen.length >= want) break;
        const p = pos(n);
        if (chosen.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < gap)) continue;
        chosen.push(p);
        targets.push(n);
      }
      hamlets.set(v.id, chosen);
    }
    const sources: number[] = [];
    for (let n = 0; n < N; n++) if (onNet[n]) sources.push(n);
    const sp = search(sources, -1, 0.1, false);
    for (const n of targets) {
      const p = pathTo(sp, n);
      for (let k = 0; k + 1 < p.length; k++) addEdge(p[k], p[k + 1], 'village');
    }
  }
  // valley roads between neighbouring settlements (loops): one multi-source search from every
  // settlement over the terrain cost with existing roads discounted; two settlements are neighbours
  // when their search regions touch (the graph Voronoi dual, Mehlhorn 1988), joined by the cheapest
  // path through the touching edge when it is ≤ 7.5 km apart as the crow flies and costs ≤ 2.8× that
  // (no pass roads over the ridges). Township class when a town is one end, village otherwise.
  {
    const sites = settlements.map((s) => nodeAt(s.xy));
    const siteAt = new Map<number, number>();
    sites.forEach((n, i) => { if (!siteAt.has(n)) siteAt.set(n, i); });
    const gc = costGraph(0.1, true);
    const sp = dijkstraMulti(gc, [...siteAt.keys()]);
    const S = settlements.length;
    const best = new Map<number, { cost: number; u: number; v: number }>();
    for (let u = 0; u < N; u++) {
      const ou = sp.origin[u];
      if (ou < 0) continue;
      for (let e = gc.offsets[u], end = gc.offsets[u + 1]; e < end; e++) {
        const v = gc.targets[e], ov = sp.origin[v];
        if (ov < 0 || ov === ou) continue;
        const a = siteAt.get(ou)!, b = siteAt.get(ov)!;
        if (a > b) continue; // each touching pair once, from its lower site
        const cost = sp.dist[u] + gc.weights[e] + sp.dist[v];
        const k = a * S + b;
        const cur = best.get(k);
        if (!cur || cost < cur.cost) best.set(k, { cost, u, v });
      }
    }
    for (const k of [...best.keys()].sort((p, q) => p - q)) {
      const a = Math.floor(k / S), b = k - a * S;
      const { cost, u, v } = best.get(k)!;
      const euclid = Math.hypot(settlements[a].xy[0] - settlements[b].xy[0], settlements[a].xy[1] - settlements[b].xy[1]);
      if (euclid > 7500 || cost > 2.8 * euclid) continue;
      const p = [...pathTo(sp, u), ...pathTo(sp, v).reverse()];
      const cls: RoadClass = settlements[a].kind !== 'village' || settlements[b].kind !== 'village' ? 'township' : 'village';
      for (let i = 0; i + 1 < p.length; i++) addEdge(p[i], p[i + 1], cls);
    }
  }
  // connect stray components (street lattices cut off by water, etc.) to the largest one
  {
    for (let iter = 0; iter < 20; iter++) {
      const comp = components(N, edges);
      const sizes = new Map<number, number>();
      for (let n = 0; n < N; n++) if (comp[n] >= 0) sizes.set(comp[n], (sizes.get(comp[n]) ?? 0) + 1);
      if (sizes.size <= 1) break;
      let main = -1, ms = -1;
      for (const [c, s] of sizes) if (s > ms) { ms = s; main = c; }
      const mainNodes: number[] = [];
      for (let n = 0; n < N; n++) if (comp[n] === main) mainNodes.push(n);
      const sp = search(mainNodes, -1, 0.1, false);
      const dist = sp.dist;
      const done = new Set<number>();
      for (let n = 0; n < N; n++) {
        const c = comp[n];
        if (c < 0 || c === main || done.has(c)) continue;
        // the closest node of this component
        let best = n;
        for (let m = n; m < N; m++) if (comp[m] === c && dist[m] < dist[best]) best = m;
        if (!Number.isFinite(dist[best])) { done.add(c); continue; }
        const p = pathTo(sp, best);
        for (let k = 0; k + 1 < p.length; k++) addEdge(p[k], p[k + 1], 'village');
        done.add(c);
      }
    }
  }

  // expressway (separate node set; touches the network at interchanges only)
  const expressNodes: number[] = [];
  {
    const wps = [ll(119.878, 30.800), nodeAt([seat.xy[0] + 2600, seat.xy[1] + 600]), nodeAt([town('孝丰').xy[0] + 300, town('孝丰').xy[1] + 2200]), ll(119.255, 30.690)];
    for (let k = 0; k + 1 < wps.length; k++) {
      const p = pathTo(search([wps[k]], wps[k + 1], 0.035, false), wps[k + 1]);
      if (expressNodes.length) p.shift();
      expressNodes.push(...p);
    }
  }
  // interchanges: expressway nodes nearest the county seat, 孝丰 and 梅溪; link roads to the network
  const interIdx = new Set<number>();
  for (const t of [seat, town('孝丰'), town('梅溪'), town('杭垓')]) {
    let bi = 0, bd = Infinity;
    expressNodes.forEach((n, i) => {
      const [x, y] = pos(n);
      const d = Math.hypot(x - t.xy[0], y - t.xy[1]);
      if (d < bd) { bd = d; bi = i; }
    });
    if (bi > 0 && bi < expressNodes.length - 1 && bd < 9000) interIdx.add(bi);
  }
  const interchanges: XY[] = [];
  const expressSet = new Set(expressNodes);
  for (const i of [...interIdx].sort((a, b) => a - b)) {
    const n = expressNodes[i];
    const netNodes: number[] = [];
    for (let m = 0; m < N; m++) if (onNet[m] && !expressSet.has(m)) netNodes.push(m);
    if (onNet[n]) { interchanges.push(pos(n)); continue; }
    const p = pathTo(search(netNodes, n, 0.08, false), n);
    for (let k = 0; k + 1 < p.length; k++) addEdge(p[k], p[k + 1], 'provincial', '互通连接线');
    interchanges.push(pos(n));
  }
  // service areas near 1/3 and 2/3 of the expressway, ≥ 3 nodes from an interchange and the ends
  const saIdx: number[] = [];
  for (const f of [1 / 3, 2 / 3]) {
    let j = Math.round(expressNodes.length * f);
    const clear = (i: number) => i >= 2 && i <= expressNodes.length - 3 && [...interIdx, ...saIdx].every((x) => Math.abs(x - i) >= 3);
    for (let d = 0; d < expressNodes.length && !clear(j); d++) j = Math.round(expressNodes.length * f) + (d % 2 ? -(d + 1) / 2 : d / 2);
    if (clear(j)) saIdx.push(j);
  }

  // one-way streets that would trap a driver (an end with no way on, or no way back) become two-way:
  // repeat until every node of the local network lies in one strongly connected component
  makeStronglyConnected(N, edges);

  // ---- polylines ----
  const segments: RoadSegment[] = [];
  const adj = new Map<number, number[]>();
  for (const k of [...edges.keys()].sort((a, b) => a - b)) {
    const a = Math.floor(k / N), b = k - a * N;
    (adj.get(a) ?? adj.set(a, []).get(a)!).push(b);
    (adj.get(b) ?? adj.set(b, []).get(b)!).push(a);
  }
  const fixed = new Set<number>();
  for (const s of settlements) fixed.add(nodeAt(s.xy));
  for (const i of interIdx) fixed.add(expressNodes[i]);
  const isSplit = (n: number) => {
    const nb = adj.get(n)!;
    if (nb.length !== 2 || fixed.has(n)) return true;
    const e1 = edges.get(key(n, nb[0]))!, e2 = edges.get(key(n, nb[1]))!;
    if (e1.rank !== e2.rank || e1.name !== e2.name) return true;
    // one-way status must be continuous in the same direction
    const dirFrom = (a: number, b: number) => { const e = edges.get(key(a, b))!; return e.dir === 0 ? 0 : (a < b ? e.dir : -e.dir); };
    return dirFrom(nb[0], n) !== dirFrom(n, nb[1]);
  };
  const visited = new Set<number>();
  const push = (line: XY[], cls: RoadClass, name: string | null, oneway: 0 | 1, speed = ROAD_SPEED_KMH[cls]) =>
    segments.push({ id: '', road_class: cls, name_zh: name, speed_kmh: speed, oneway, line });
  // streets stay straight; other roads are smoothed (three rounds of corner cutting: curves that follow the terrain)
  const emit = (nodes: number[], cls: RoadClass, name: string | null, oneway: 0 | 1) => push(chaikin(nodes.map(pos), cls === 'urban' ? 2 : 3), cls, name, oneway);
  const walk = (start: number, next: number) => {
    const chain = [start, next];
    visited.add(key(start, next));
    let prev = start, cur = next;
    while (!isSplit(cur) && chain.length < 48) {
      const nb = adj.get(cur)!;
      const nxt = nb[0] === prev ? nb[1] : nb[0];
      if (visited.has(key(cur, nxt))) break;
      visited.add(key(cur, nxt));
      chain.push(nxt);
      prev = cur; cur = nxt;
    }
    const e = edges.get(key(chain[0], chain[1]))!;
    const dir = e.dir === 0 ? 0 : chain[0] < chain[1] ? e.dir : -e.dir;
    if (dir < 0) chain.reverse();
    emit(chain, BY_RANK[e.rank], e.name, dir !== 0 ? 1 : 0);
  };
  const nodeList = [...adj.keys()].sort((a, b) => a - b);
  for (const n of nodeList) if (isSplit(n)) for (const m of adj.get(n)!) if (!visited.has(key(n, m))) walk(n, m);
  for (const n of nodeList) for (const m of adj.get(n)!) if (!visited.has(key(n, m))) walk(n, m); // pure cycles

  // ---- expressway: one carriageway per direction, 12 m either side of the smoothed axis (right-hand
  // traffic), so it shares no vertex with other roads; at an interchange (axis node i) an off-ramp
  // leaves each carriageway one node before i and an on-ramp joins one node after, both meeting the
  // link road at the axis point; a service area has its own one-way road on each side (70 m out).
  const serviceAreas: ServiceArea[] = [];
  {
    const EXPRESSWAY = 'G25 长深高速（示意）';
    const inter = [...interIdx].sort((a, b) => a - b);
    const cuts = [...new Set([0, expressNodes.length - 1, ...inter.flatMap((i) => [i - 1, i + 1]), ...saIdx.flatMap((j) => [j - 1, j + 1]), ...saIdx])].sort((a, b) => a - b);
    // the axis, smoothed piecewise with the cut nodes kept
    const axis: XY[] = [];
    const at = new Map<number, number>(); // expressNodes index → axis vertex index
    for (let k = 0; k + 1 < cuts.length; k++) {
      const piece = chaikin(expressNodes.slice(cuts[k], cuts[k + 1] + 1).map(pos), 2);
      if (k === 0) { at.set(cuts[0], 0); axis.push(piece[0]); }
      axis.push(...piece.slice(1));
      at.set(cuts[k + 1], axis.length - 1);
    }
    const right: XY[] = axis.map((_, q) => {
      const a = axis[Math.max(0, q - 1)], b = axis[Math.min(axis.length - 1, q + 1)];
      const L = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
      return [(b[1] - a[1]) / L, -(b[0] - a[0]) / L];
    });
    const off = (q: number, m: number): XY => [axis[q][0] + m * right[q][0], axis[q][1] + m * right[q][1]];
    const fwd = axis.map((_, q) => off(q, 12)), bwd = axis.map((_, q) => off(q, -12));
    const carriageCuts = cuts.filter((c) => !saIdx.includes(c)).map((c) => at.get(c)!);
    for (let k = 0; k + 1 < carriageCuts.length; k++) {
      const q0 = carriageCuts[k], q1 = carriageCuts[k + 1];
      push(fwd.slice(q0, q1 + 1), 'expressway', EXPRESSWAY, 1);
      push(bwd.slice(q0, q1 + 1).reverse(), 'expressway', EXPRESSWAY, 1);
    }
    for (const i of inter) {
      const X = pos(expressNodes[i]), qa = at.get(i - 1)!, qb = at.get(i + 1)!;
      push([fwd[qa], X], 'expressway', '互通匝道', 1, RAMP_SPEED_KMH);
      push([X, fwd[qb]], 'expressway', '互通匝道', 1, RAMP_SPEED_KMH);
      push([bwd[qb], X], 'expressway', '互通匝道', 1, RAMP_SPEED_KMH);
      push([X, bwd[qa]], 'expressway', '互通匝道', 1, RAMP_SPEED_KMH);
    }
    saIdx.forEach((j, k) => {
      const name = k === 0 ? '安吉服务区' : '孝丰服务区';
      const qj = at.get(j)!, qa = at.get(j - 1)!, qb = at.get(j + 1)!;
      const sf = off(qj, 70), sb = off(qj, -70);
      const fSide = right[qj][1] >= 0 ? '北区' : '南区', bSide = fSide === '北区' ? '南区' : '北区';
      push([fwd[qa], sf, fwd[qb]], 'expressway', `${name}（${fSide}）`, 1, SERVICE_ROAD_SPEED_KMH);
      push([bwd[qb], sb, bwd[qa]], 'expressway', `${name}（${bSide}）`, 1, SERVICE_ROAD_SPEED_KMH);
      serviceAreas.push({ xy: axis[qj], name_zh: name, sides: [{ xy: sf, side_zh: fSide }, { xy: sb, side_zh: bSide }] });
    });
  }
  segments.forEach((s, i) => { s.id = `R${String(i + 1).padStart(5, '0')}`; });
  void rng;
  return { segments, interchanges, serviceAreas, streetNodes, hamlets };
}

/**
 * Turn one-way edges into two-way ones until the network (nodes with an edge) is strongly
 * connected: each round finds the strongly connected components (Kosaraju, iterative) and
 * opens every one-way edge with an end outside the largest. Terminates: all two-way is connected.
 */
function makeStronglyConnected(N: number, edges: Map<number, { dir: number }>): void {
  for (let round = 0; round < 20; round++) {
    const from: number[] = [], to: number[] = [];
    for (const [k, e] of edges) {
      const a = Math.floor(k / N), b = k - a * N;
      if (e.dir >= 0) { from.push(a); to.push(b); }
      if (e.dir <= 0) { from.push(b); to.push(a); }
    }
    const g = CsrGraph.fromEdges(N, from, to, new Float64Array(from.length));
    const comp = strongComponents(g);
    const size = new Map<number, number>();
    for (let n = 0; n < N; n++) if (g.outDegree(n) || comp[n] >= 0) size.set(comp[n], (size.get(comp[n]) ?? 0) + 1);
    let big = -1, bs = -1;
    for (const [c, sz] of size) if (sz > bs) { bs = sz; big = c; }
    let changed = 0;
    for (const [k, e] of edges) {
      if (e.dir === 0) continue;
      const a = Math.floor(k / N), b = k - a * N;
      if (comp[a] !== big || comp[b] !== big) { e.dir = 0; changed++; }
    }
    if (!changed) return;
  }
}

/** Strongly connected component label per node (Kosaraju's two passes, iterative DFS). */
function strongComponents(g: CsrGraph): Int32Array {
  const n = g.nodeCount;
  const order: number[] = [];
  const seen = new Uint8Array(n);
  const stack: number[] = [], iter: number[] = [];
  for (let s = 0; s < n; s++) {
    if (seen[s] || !g.outDegree(s)) continue;
    seen[s] = 1; stack.push(s); iter.push(g.offsets[s]);
    while (stack.length) {
      const u = stack[stack.length - 1], e = iter[iter.length - 1];
      if (e < g.offsets[u + 1]) {
        iter[iter.length - 1]++;
        const v = g.targets[e];
        if (!seen[v]) { seen[v] = 1; stack.push(v); iter.push(g.offsets[v]); }
      } else { order.push(u); stack.pop(); iter.pop(); }
    }
  }
  const r = g.reverse();
  const comp = new Int32Array(n).fill(-1);
  let c = 0;
  for (let k = order.length - 1; k >= 0; k--) {
    const s = order[k];
    if (comp[s] >= 0) continue;
    comp[s] = c;
    const st = [s];
    while (st.length) {
      const u = st.pop()!;
      for (let e = r.offsets[u]; e < r.offsets[u + 1]; e++) { const v = r.targets[e]; if (comp[v] < 0) { comp[v] = c; st.push(v); } }
    }
    c++;
  }
  return comp;
}

function components(N: number, edges: Map<number, unknown>): Int32Array {
  const parent = new Int32Array(N).fill(-1);
  const find = (a: number): number => { while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; } return a; };
  for (const k of edges.keys()) {
    const a = Math.floor(k / N), b = k - a * N;
    if (parent[a] < 0) parent[a] = a;
    if (parent[b] < 0) parent[b] = b;
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const comp = new Int32Array(N).fill(-1);
  for (let n = 0; n < N; n++) if (parent[n] >= 0) comp[n] = find(n);
  return comp;
}

/** Chaikin corner cutting, endpoints kept. */
export function chaikin(pts: XY[], iterations: number): XY[] {
  let p = pts;
  for (let it = 0; it < iterations && p.length > 2; it++) {
    const q: XY[] = [p[0]];
    for (let i = 0; i + 1 < p.length; i++) {
      const [ax, ay] = p[i], [bx, by] = p[i + 1];
      if (i > 0) q.push([0.75 * ax + 0.25 * bx, 0.75 * ay + 0.25 * by]);
      if (i + 1 < p.length - 1) q.push([0.25 * ax + 0.75 * bx, 0.25 * ay + 0.75 * by]);
    }
    q.push(p[p.length - 1]);
    p = q;
  }
  return p;
}
