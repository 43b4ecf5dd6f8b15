/** Charging stations, substations, power lines and the population grid of the demo county. */
import { Rng } from './random.ts';
import type { XY } from '../../layers/geo/planar.ts';
import { northUpFrame, squareCellSize, squareGrid, type Grid } from '../../layers/raster/grid.ts';
import type { Settlement } from './landscape.ts';
import { LC } from './landscape.ts';
import type { RoadNetwork } from './roads.ts';

export interface Station {
  id: string;
  name_zh: string;
  /** Number of charge points. */
  chargers: number;
  /** Rated power per charge point, kW. */
  power_kw: number;
  site_kind: 'public' | 'service_area';
  xy: XY;
}

export function buildStations(settlements: Settlement[], roads: RoadNetwork, seed: number): Station[] {
  const rng = new Rng(seed, 81);
  const out: Station[] = [];
  const add = (s: Omit<Station, 'id'>) => out.push({ ...s, id: `CS${String(out.length + 1).padStart(4, '0')}` });
  const jitter = (xy: XY, m: number): XY => [xy[0] + rng.range(-m, m), xy[1] + rng.range(-m, m)];
  for (const t of settlements.filter((s) => s.kind !== 'village')) {
    const nodes = roads.streetNodes.get(t.id) ?? [];
    const n = t.kind === 'county_seat' ? 24 : t.name_zh.length <= 2 && t.population > 25000 ? 4 : rng.int(1, 3);
    for (let k = 0; k < n; k++) {
      const at = nodes.length ? nodes[Math.floor(rng.next() * nodes.length)] : t.xy;
      const fast = rng.next() < (t.kind === 'county_seat' ? 0.6 : 0.45);
      add({
        name_zh: `${t.name_zh.replace(/（.*）/, '')}${['公共', '停车场', '商业中心', '公交场站', '服务中心'][k % 5]}充电站${k + 1}号`,
        chargers: fast ? rng.int(4, 16) : rng.int(2, 10), power_kw: fast ? rng.pick([60, 120, 120, 160]) : 7,
        site_kind: 'public', xy: jitter(at, 25),
      });
    }
  }
  // a few rural stations at larger villages (乡村充电)
  const villages = settlements.filter((s) => s.kind === 'village').sort((a, b) => b.population - a.population);
  for (const v of villages.slice(0, 10)) {
    add({ name_zh: `${v.name_zh}充电站`, chargers: rng.int(2, 4), power_kw: rng.pick([7, 60]), site_kind: 'public', xy: jitter(v.xy, 40) });
  }
  // service areas: one station per side, on that side's service road (reached from its carriageway only)
  for (const sa of roads.serviceAreas) {
    for (const side of [...sa.sides].sort((a, b) => (a.side_zh === '北区' ? -1 : 1) - (b.side_zh === '北区' ? -1 : 1))) {
      add({ name_zh: `${sa.name_zh}（${side.side_zh}）充电站`, chargers: rng.int(6, 12), power_kw: rng.pick([120, 160]), site_kind: 'service_area', xy: side.xy });
    }
  }
  return out;
}

export interface Substation { id: string; name_zh: string; voltage_kv: number; xy: XY }
export interface PowerLine { id: string; voltage_kv: number; line: XY[] }

export function buildPower(settlements: Settlement[], countyEdgePoints: XY[], seed: number): { substations: Substation[]; lines: PowerLine[] } {
  const rng = new Rng(seed, 82);
  const towns = settlements.filter((s) => s.kind !== 'village');
  const seat = towns.find((t) => t.kind === 'county_seat')!;
  const xf = towns.find((t) => t.name_zh.startsWith('孝丰'))!;
  const off = (xy: XY, m: number): XY => { const a = rng.next() * Math.PI * 2; return [xy[0] + Math.cos(a) * m, xy[1] + Math.sin(a) * m]; };
  const subs: Substation[] = [
    { id: 'SS220-01', name_zh: '安吉220kV变电站（示意）', voltage_kv: 220, xy: off(seat.xy, 3200) },
    { id: 'SS220-02', name_zh: '孝丰220kV变电站（示意）', voltage_kv: 220, xy: off(xf.xy, 2500) },
  ];
  let n = 1;
  const taken: XY[] = [];
  for (const t of towns) {
    if (taken.some((p) => Math.hypot(p[0] - t.xy[0], p[1] - t.xy[1]) < 3000)) continue;
    taken.push(t.xy);
    subs.push({ id: `SS110-${String(n++).padStart(2, '0')}`, name_zh: `${t.name_zh.replace(/（.*）/, '')}110kV变电站（示意）`, voltage_kv: 110, xy: off(t.xy, rng.range(600, 1500)) });
  }
  const lines: PowerLine[] = [];
  const towers = (a: XY, b: XY): XY[] => {
    const L = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const k = Math.max(1, Math.round(L / 1800));
    const pts: XY[] = [a];
    for (let i = 1; i < k; i++) {
      const t = i / k;
      pts.push([a[0] + t * (b[0] - a[0]) + rng.range(-150, 150), a[1] + t * (b[1] - a[1]) + rng.range(-150, 150)]);
    }
    pts.push(b);
    return pts;
  };
  // 220 kV: between the two 220 kV stations and out to the grid at the county edge
  lines.push({ id: 'PL220-01', voltage_kv: 220, line: towers(subs[0].xy, subs[1].xy) });
  countyEdgePoints.forEach((p, i) => {
    const from = i === 0 ? subs[0] : subs[1];
    lines.push({ id: `PL220-${String(i + 2).padStart(2, '0')}`, voltage_kv: 220, line: towers(from.xy, p) });
  });
  // 110 kV: a tree from the 220 kV stations (Prim)
  const inTree = subs.filter((s) => s.voltage_kv === 220);
  const rest = subs.filter((s) => s.voltage_kv === 110);
  let m = 1;
  while (rest.length) {
    let bi = 0, bj = 0, bd = Infinity;
    inTree.forEach((a, i) => rest.forEach((b, j) => {
      const d = Math.hypot(a.xy[0] - b.xy[0], a.xy[1] - b.xy[1]);
      if (d < bd) { bd = d; bi = i; bj = j; }
    }));
    const b = rest.splice(bj, 1)[0];
    lines.push({ id: `PL110-${String(m++).padStart(2, '0')}`, voltage_kv: 110, line: towers(inTree[bi].xy, b.xy) });
    inTree.push(b);
  }
  return { substations: subs, lines };
}

/**
 * Population grid: people per cell of `factor` × `factor` land-cover cells. Each settlement's
 * people are spread over built-up land near it (kernel), the remainder over nearby cropland/tea,
 * so the total equals the sum of settlement populations. With `hamlets` (village settlement id →
 * hamlet points, from the road generator), 35 % of a village's people live in its hamlets (equal
 * shares, kernel radius 120 m) and the rest at the village seat. Also returns a class grid:
 * 1 urban (≥ 1,500 people/km² and mostly built-up), 2 rural (inhabited), 3 uninhabited, 0 outside.
 */
export function populationGrids(
  g: Grid, inside: Uint8Array, lc: Uint8Array, settlements: Settlement[], factor: number,
  hamlets: Map<string, XY[]> = new Map(),
): { grid: Grid; people: Float32Array; klass: Uint8Array } {
  const { x0, y0 } = northUpFrame(g), cell = squareCellSize(g);
  const popCell = cell * factor;
  const pg = squareGrid({ x0, y0, cell: popCell, width: Math.ceil(g.width / factor), height: Math.ceil(g.height / factor), crs: g.crs });
  const people = new Float32Array(pg.width * pg.height);
  const builtFrac = new Float32Array(pg.width * pg.height);
  const insideCount = new Int32Array(pg.width * pg.height);
  for (let r = 0; r < g.height; r++) for (let c = 0; c < g.width; c++) {
    const i = r * g.width + c;
    if (!inside[i]) continue;
    const j = Math.floor(r / factor) * pg.width + Math.floor(c / factor);
    insideCount[j]++;
    if (lc[i] === LC.built) builtFrac[j]++;
  }
  const spread: Settlement[] = [];
  for (const s of settlements) {
    const hs = s.kind === 'village' ? hamlets.get(s.id) ?? [] : [];
    if (!hs.length) { spread.push(s); continue; }
    const share = (s.population * 0.35) / hs.length;
    spread.push({ ...s, population: s.population - share * hs.length });
    for (const xy of hs) spread.push({ ...s, xy, population: share, radius_m: 120 });
  }
  for (const s of spread) {
    const R = s.radius_m * 2.2;
    const c0 = Math.max(0, Math.floor((s.xy[0] - R - x0) / cell)), c1 = Math.min(g.width - 1, Math.floor((s.xy[0] + R - x0) / cell));
    const r0 = Math.max(0, Math.floor((y0 - s.xy[1] - R) / cell)), r1 = Math.min(g.height - 1, Math.floor((y0 - s.xy[1] + R) / cell));
    const w: [number, number][] = [];
    let total = 0;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
      const i = r * g.width + c;
      if (!inside[i]) continue;
      const x = x0 + (c + 0.5) * cell, y = y0 - (r + 0.5) * cell;
      const d = Math.hypot(x - s.xy[0], y - s.xy[1]) / s.radius_m;
      const k = lc[i] === LC.built ? 1 : lc[i] === LC.cropland || lc[i] === LC.tea ? 0.08 : 0.01;
      const v = k * Math.exp(-d * d);
      if (v > 1e-4) { w.push([i, v]); total += v; }
    }
    if (!total) {
      const c = Math.floor((s.xy[0] - x0) / cell), r = Math.floor((y0 - s.xy[1]) / cell);
      w.push([r * g.width + c, 1]); total = 1;
    }
    for (const [i, v] of w) {
      const r = Math.floor(i / g.width), c = i - r * g.width;
      people[Math.floor(r / factor) * pg.width + Math.floor(c / factor)] += (s.population * v) / total;
    }
  }
  const klass = new Uint8Array(pg.width * pg.height);
  const cellKm2 = (popCell * popCell) / 1e6;
  for (let j = 0; j < people.length; j++) {
    if (!insideCount[j]) { people[j] = -1; continue; }
    people[j] = Math.round(people[j] * 10) / 10;
    const dens = people[j] / cellKm2;
    klass[j] = dens >= 1500 && builtFrac[j] / insideCount[j] >= 0.4 ? 1 : people[j] >= 1 ? 2 : 3;
  }
  return { grid: pg, people, klass };
}
