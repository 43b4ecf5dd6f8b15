/**
 * Settlements, administrative units, land cover and forest stands of the demo county.
 *
 * Land cover is first classified per raster cell from terrain (bamboo on lower–middle slopes,
 * broadleaf/mixed high up, fir/pine mid, cropland and towns on flat valley land, tea on gentle
 * hills, marsh beside water in lowlands, grassland on high ridges, a few abandoned mines, one
 * closed landfill). Then every Voronoi cell that is mostly forest (and holds no water or built
 * land) becomes a stand (小班) and all its raster cells take the stand's class, so the stand
 * polygons and the land-cover raster agree.
 */
import { Noise2D, Rng } from './random.ts';
import type { XY } from '../../layers/geo/planar.ts';
import { northUpFrame, squareCellSize, type Grid } from '../../layers/raster/grid.ts';
import type { Cells } from './cells.ts';
import { makeContiguous } from './cells.ts';
import type { Terrain } from './terrain.ts';
import type { TownshipInfo, VillageInfo } from './sources.ts';

export const LC = {
  broadleaf: 1, fir: 2, pine: 3, mixed: 4, bamboo: 5, shrub: 6, tea: 7, cropland: 8,
  marsh: 9, water: 10, built: 11, mine: 12, landfill: 13, grass: 14,
} as const;

export interface Settlement {
  id: string;
  kind: 'county_seat' | 'town' | 'village';
  name_zh: string;
  name_en?: string;
  township: string;
  xy: XY;
  population: number;
  /** Radius of its built-up area, metres. */
  radius_m: number;
}

export interface AdminAssignment {
  /** Township index (into townships) per cell, -1 outside. */
  township: Int32Array;
  /** Village index (into villages) per cell, -1 outside. */
  village: Int32Array;
  villages: (VillageInfo & { xy: XY; synthetic_point: boolean })[];
}

/** Assign cells to townships (nearest seat or known village point of that township) and villages. */
export function assignAdmin(
  g: Grid, cells: Cells, terrain: Terrain, townships: TownshipInfo[], villageList: VillageInfo[], seed: number,
): AdminAssignment {
  const { x0, y0 } = northUpFrame(g), cell = squareCellSize(g);
  const rng = new Rng(seed, 21);
  const tIndex = new Map(townships.map((t, i) => [t.id, i]));
  const anchors: { xy: XY; t: number }[] = townships.map((t, i) => ({ xy: t.seat, t: i }));
  for (const v of villageList) if (v.point) anchors.push({ xy: v.point, t: tIndex.get(v.township)! });
  const inCounty = (k: number) => cells.polys[k].length > 0;
  const township = new Int32Array(cells.count).fill(-1);
  // townships with more villages reach further (multiplicatively weighted nearest anchor)
  const nVill = townships.map((t) => villageList.filter((v) => v.township === t.id).length);
  const weight = nVill.map((n) => 1 / Math.sqrt(n + 4));
  for (let k = 0; k < cells.count; k++) {
    if (!inCounty(k)) continue;
    const x = cells.anchor[2 * k], y = cells.anchor[2 * k + 1];
    let best = 0, bd = Infinity;
    for (const a of anchors) {
      const d = Math.hypot(a.xy[0] - x, a.xy[1] - y) * weight[a.t];
      if (d < bd) { bd = d; best = a.t; }
    }
    township[k] = best;
  }
  const cellAt0 = (xy: XY) => {
    const c = Math.floor((xy[0] - x0) / cell), r = Math.floor((y0 - xy[1]) / cell);
    if (c < 0 || r < 0 || c >= g.width || r >= g.height) return -1;
    return cells.label[r * g.width + c];
  };
  const tHome = new Map<number, number>();
  townships.forEach((t, i) => { const k = cellAt0(t.seat); if (k >= 0) { township[k] = i; tHome.set(i, k); } });
  makeContiguous(cells, township, inCounty, undefined, tHome);
  // every township needs room for its villages: grow small ones into neighbours with room to spare
  {
    const size = new Int32Array(townships.length);
    for (let k = 0; k < cells.count; k++) if (township[k] >= 0) size[township[k]]++;
    for (let ti = 0; ti < townships.length; ti++) {
      for (let guard = 0; size[ti] < 3 * nVill[ti] + 2 && guard < 10000; guard++) {
        let took = false;
        for (let k = 0; k < cells.count && size[ti] < 3 * nVill[ti] + 2; k++) {
          if (township[k] !== ti) continue;
          for (const j of cells.neighbours[k]) {
            const o = township[j];
            if (o < 0 || o === ti || size[o] <= 3 * nVill[o] + 2 || tHome.get(o) === j) continue;
            township[j] = ti; size[ti]++; size[o]--; took = true;
          }
        }
        if (!took) break;
      }
    }
  }

  // village points: known points when they fall in their township, else placed on low, gentle land
  const cellAt = (xy: XY) => {
    const c = Math.floor((xy[0] - x0) / cell), r = Math.floor((y0 - xy[1]) / cell);
    if (c < 0 || r < 0 || c >= g.width || r >= g.height) return -1;
    return cells.label[r * g.width + c];
  };
  const cellZ = new Float32Array(cells.count);
  const cellLake = new Uint8Array(cells.count);
  for (let k = 0; k < cells.count; k++) {
    const x = cells.anchor[2 * k], y = cells.anchor[2 * k + 1];
    const c = Math.floor((x - x0) / cell), r = Math.floor((y0 - y) / cell);
    if (c < 0 || r < 0 || c >= g.width || r >= g.height) continue;
    cellZ[k] = terrain.dem[r * g.width + c];
    cellLake[k] = terrain.lakeMask[r * g.width + c] | terrain.riverMask[r * g.width + c];
  }
  const villages: AdminAssignment['villages'] = [];
  const byTownship = new Map<number, VillageInfo[]>();
  for (const v of villageList) {
    const t = tIndex.get(v.township)!;
    (byTownship.get(t) ?? byTownship.set(t, []).get(t)!).push(v);
  }
  const village = new Int32Array(cells.count).fill(-1);
  const usedCells = new Set<number>();
  const vHome = new Map<number, number>();
  townships.forEach((t, ti) => {
    const list = byTownship.get(ti) ?? [];
    const tCells: number[] = [];
    for (let k = 0; k < cells.count; k++) if (township[k] === ti) tCells.push(k);
    const areaM2 = tCells.length * 0; void areaM2;
    const spacing = 0.55 * Math.sqrt((tCells.length * (cells.polys.length ? 1 : 1)) / Math.max(1, list.length));
    const used: XY[] = [];
    const placed: AdminAssignment['villages'] = [];
    // order: known points first, then the rest in code order
    const known = list.filter((v) => {
      if (!v.point) return false;
      const k = cellAt(v.point);
      if (k < 0 || township[k] !== ti || usedCells.has(k)) return false;
      usedCells.add(k);
      return true;
    });
    const rest = list.filter((v) => !known.includes(v));
    for (const v of known) { placed.push({ ...v, xy: v.point!, synthetic_point: false }); used.push(v.point!); }
    // candidate cells weighted towards low valley land; communities (社区) near the seat
    const minDist = (xy: XY) => used.reduce((m, u) => Math.min(m, Math.hypot(u[0] - xy[0], u[1] - xy[1])), Infinity);
    const cellSize = Math.sqrt(
      tCells.length ? (cell * cell * tCells.reduce((s, k) => s + cells.pixels[k], 0)) / tCells.length : 1e5,
    );
    for (const v of rest) {
      const community = v.name_zh.endsWith('社区');
      let bestK = -1, bestScore = -Infinity;
      for (let attempt = 0; attempt < 40; attempt++) {
        const k = tCells[Math.floor(rng.next() * tCells.length)];
        if (cellLake[k] || usedCells.has(k)) continue;
        const xy: XY = [cells.anchor[2 * k], cells.anchor[2 * k + 1]];
        const dSeat = Math.hypot(xy[0] - t.seat[0], xy[1] - t.seat[1]);
        let score = -cellZ[k] / 120 + Math.min(minDist(xy) / (spacing * cellSize), 1.5) * 2 + rng.next() * 0.5;
        if (community) score -= dSeat / 1500;
        if (score > bestScore) { bestScore = score; bestK = k; }
      }
      if (bestK < 0) bestK = tCells.find((k) => !usedCells.has(k)) ?? tCells[0];
      usedCells.add(bestK);
      const xy: XY = [cells.anchor[2 * bestK], cells.anchor[2 * bestK + 1]];
      placed.push({ ...v, xy, synthetic_point: true });
      used.push(xy);
    }
    placed.sort((a, b) => (a.id < b.id ? -1 : 1));
    const base = villages.length;
    villages.push(...placed);
    for (const k of tCells) {
      const x = cells.anchor[2 * k], y = cells.anchor[2 * k + 1];
      let best = -1, bd = Infinity;
      for (let j = 0; j < placed.length; j++) {
        const d = Math.hypot(placed[j].xy[0] - x, placed[j].xy[1] - y);
        if (d < bd) { bd = d; best = j; }
      }
      village[k] = base + best;
    }
    // each village keeps the cell under its point
    placed.forEach((p, j) => { const k = cellAt(p.xy); if (k >= 0 && township[k] === ti) { village[k] = base + j; vHome.set(base + j, k); } });
  });
  makeContiguous(cells, village, inCounty, (a, b) => villages[a].township === villages[b].township, vHome);
  return { township, village, villages };
}

/** Settlement points with populations (people) and built-up radii (m). */
export function buildSettlements(
  townships: TownshipInfo[], admin: AdminAssignment, terrain: Terrain, g: Grid, seed: number,
): Settlement[] {
  const { x0, y0 } = northUpFrame(g), cell = squareCellSize(g);
  const rng = new Rng(seed, 31);
  const out: Settlement[] = [];
  for (const t of townships) {
    const seat = t.id === '330523001';
    const pop = seat ? 168000 : t.kind === 'subdistrict' ? rng.int(26000, 42000) : rng.int(9000, 22000);
    out.push({
      id: `P${t.id}`, kind: seat ? 'county_seat' : 'town', name_zh: seat ? '递铺（安吉县城）' : t.name_zh.replace(/(街道|镇|乡)$/, ''),
      name_en: t.name_en.replace(/ (Subdistrict|Town|Township)$/, ''), township: t.id, xy: t.seat, population: pop,
      radius_m: seat ? 2300 : t.kind === 'subdistrict' ? 1100 : 600,
    });
  }
  for (const v of admin.villages) {
    const c = Math.floor((v.xy[0] - x0) / cell), r = Math.floor((y0 - v.xy[1]) / cell);
    const z = terrain.dem[r * g.width + c] ?? 100;
    const community = v.name_zh.endsWith('社区');
    const pop = Math.round((community ? rng.range(2500, 6000) : rng.range(900, 3200)) * (z > 400 ? 0.6 : 1));
    out.push({ id: `P${v.id}`, kind: 'village', name_zh: v.name_zh, township: v.township, xy: v.xy, population: pop, radius_m: community ? 300 : 170 });
  }
  return out;
}

export interface LandCoverResult {
  landcover: Uint8Array;
  /** Natural classification before stands were imposed (for diagnostics). */
  cellClass: Int8Array;
  /** Per cell: dominant forest class when the cell is a stand, else 0. */
  standClass: Uint8Array;
  mines: XY[];
  landfill: XY;
  /** 1 = pond (塘), 2 = natural lake, else 0. */
  waterBody: Uint8Array;
  slope: Float32Array;
  aspect: Float32Array;
  tpi: Float32Array;
}

export function classifyLandCover(
  g: Grid, inside: Uint8Array, terrain: Terrain, cells: Cells, settlements: Settlement[],
  slope: Float32Array, aspect: Float32Array, tpi: Float32Array, seed: number, onProgress: (f: number) => void,
): LandCoverResult {
  const { x0, y0 } = northUpFrame(g), cell = squareCellSize(g);
  const rng = new Rng(seed, 41);
  const nPatch = new Noise2D(new Rng(seed, 42));
  const nFine = new Noise2D(new Rng(seed, 43));
  const nTea = new Noise2D(new Rng(seed, 44));
  const N = g.width * g.height;
  const lc = new Uint8Array(N);
  const { dem, riverMask, lakeMask, riverDist } = terrain;

  // built-up intensity from settlements (bucketed lookup)
  const built = new Float32Array(N);
  for (const s of settlements) {
    const R = s.radius_m;
    const c0 = Math.max(0, Math.floor((s.xy[0] - 2.2 * R - x0) / cell)), c1 = Math.min(g.width - 1, Math.floor((s.xy[0] + 2.2 * R - x0) / cell));
    const r0 = Math.max(0, Math.floor((y0 - s.xy[1] - 2.2 * R) / cell)), r1 = Math.min(g.height - 1, Math.floor((y0 - s.xy[1] + 2.2 * R) / cell));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
      const x = x0 + (c + 0.5) * cell, y = y0 - (r + 0.5) * cell;
      const d = Math.hypot(x - s.xy[0], y - s.xy[1]) / R;
      const v = Math.exp(-d * d);
      const i = r * g.width + c;
      if (v > built[i]) built[i] = v;
    }
  }
  // ensure a settlement's own raster cell is built-up at any resolution
  const seatCells = new Set<number>();
  for (const s of settlements) {
    const c = Math.floor((s.xy[0] - x0) / cell), r = Math.floor((y0 - s.xy[1]) / cell);
    if (c >= 0 && r >= 0 && c < g.width && r < g.height) seatCells.add(r * g.width + c);
  }

  for (let r = 0; r < g.height; r++) {
    const y = y0 - (r + 0.5) * cell;
    for (let c = 0; c < g.width; c++) {
      const i = r * g.width + c;
      if (!inside[i]) continue;
      const x = x0 + (c + 0.5) * cell;
      const z = dem[i], sl = slope[i], asp = aspect[i];
      const patch = nPatch.fbm(x, y, 2500, 3);
      const fine = nFine.fbm(x, y, 600, 2);
      const south = Math.cos(((asp - 180) * Math.PI) / 180); // 1 facing south
      let k: number;
      if (lakeMask[i] || riverMask[i]) k = LC.water;
      else if ((built[i] * (1 + 0.6 * fine) > 0.55 && sl < 14) || seatCells.has(i)) k = LC.built;
      else if (z < 45 && riverDist[i] < 260 + 200 * patch && sl < 3 && fine > 0.1) k = LC.marsh;
      else if (sl < 5 && z < 260 && riverDist[i] < 2600 + 800 * patch) k = nTea.fbm(x, y, 1800, 3) > 0.32 && sl > 2 ? LC.tea : LC.cropland;
      else if (z > 1180 && tpi[i] > 15 + 30 * fine) k = LC.grass;
      else if (sl > 40 + 5 * fine) k = LC.shrub;
      else if (sl < 18 && z < 450 && z > 25 && nTea.fbm(x, y, 1800, 3) > 0.12) k = LC.tea;
      else {
        const e = z + 220 * patch;
        if (e > 1000) k = fine > 0.15 ? LC.mixed : LC.broadleaf;
        else if (e > 720) k = fine > 0.25 ? LC.fir : fine < -0.2 ? LC.mixed : LC.broadleaf;
        else if (e > 330) {
          const b = nPatch.fbm(x + 5e4, y, 3000, 3);
          k = b > -0.18 ? LC.bamboo : south > 0.3 && tpi[i] > 5 ? LC.pine : LC.fir;
        } else {
          const b = nPatch.fbm(x + 5e4, y, 3000, 3);
          if (b > -0.12) k = LC.bamboo;
          else if (tpi[i] > 8 && south > 0) k = LC.pine;
          else if (built[i] > 0.08 && fine < -0.25) k = LC.shrub;
          else k = fine > 0.1 ? LC.fir : LC.broadleaf;
        }
      }
      lc[i] = k;
    }
    if ((r & 63) === 0) onProgress((0.5 * r) / g.height);
  }

  // ponds and a small lake in the lowlands
  const blob = (cx: number, cy: number, rad: number, cls: number, only?: (i: number) => boolean) => {
    const c0 = Math.max(0, Math.floor((cx - rad - x0) / cell)), c1 = Math.min(g.width - 1, Math.floor((cx + rad - x0) / cell));
    const r0 = Math.max(0, Math.floor((y0 - cy - rad) / cell)), r1 = Math.min(g.height - 1, Math.floor((y0 - cy + rad) / cell));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
      const i = r * g.width + c;
      if (!inside[i]) continue;
      const x = x0 + (c + 0.5) * cell, y = y0 - (r + 0.5) * cell;
      const wob = 1 + 0.25 * nFine.noise(x / (rad * 0.7), y / (rad * 0.7));
      if (Math.hypot(x - cx, y - cy) <= rad * wob && (!only || only(i))) lc[i] = cls;
    }
  };
  const randomCell = (ok: (i: number) => boolean, tries = 4000) => {
    for (let t = 0; t < tries; t++) {
      const i = Math.floor(rng.next() * N);
      if (inside[i] && ok(i)) return i;
    }
    return -1;
  };
  const xyOf = (i: number): XY => [x0 + ((i % g.width) + 0.5) * cell, y0 - (Math.floor(i / g.width) + 0.5) * cell];
  const waterBody = new Uint8Array(N);
  for (let p = 0; p < 70; p++) {
    const i = randomCell((j) => lc[j] === LC.cropland && dem[j] < 80);
    if (i >= 0) {
      const [x, y] = xyOf(i);
      blob(x, y, rng.range(35, 90), LC.water, (j) => (lc[j] === LC.cropland || lc[j] === LC.tea) && !waterBody[j]);
      blob(x, y, 95, LC.water, (j) => { if (lc[j] === LC.water && !riverMask[j] && !lakeMask[j] && !waterBody[j]) waterBody[j] = 1; return false; });
    }
  }
  // a small natural lake in the northern plain (天子湖-like)
  const tzh = settlements.find((s) => s.name_zh.startsWith('天子湖'));
  if (tzh) {
    const [lx, ly] = [tzh.xy[0] + 1200, tzh.xy[1] - 1600];
    blob(lx, ly, 420, LC.water, (j) => lc[j] !== LC.built && !riverMask[j]);
    blob(lx, ly, 600, LC.water, (j) => { if (lc[j] === LC.water && !riverMask[j] && !lakeMask[j]) waterBody[j] = 2; return false; });
  }
  // abandoned mines on hillsides near valleys; one closed landfill on a low hill near the county seat
  const mines: XY[] = [];
  for (let m = 0; m < 6; m++) {
    const i = randomCell((j) => slope[j] > 8 && slope[j] < 30 && dem[j] > 60 && dem[j] < 400 && riverDist[j] > 500 && riverDist[j] < 3000 && built[j] < 0.05);
    if (i < 0) continue;
    const xy = xyOf(i);
    mines.push(xy);
    blob(xy[0], xy[1], rng.range(110, 230), LC.mine, (j) => lc[j] !== LC.water && lc[j] !== LC.built);
  }
  const seat = settlements.find((s) => s.kind === 'county_seat')!;
  let landfill: XY = seat.xy;
  for (let t = 0; t < 4000; t++) {
    const ang = rng.next() * Math.PI * 2, d = rng.range(3500, 6000);
    const xy: XY = [seat.xy[0] + Math.cos(ang) * d, seat.xy[1] + Math.sin(ang) * d];
    const c = Math.floor((xy[0] - x0) / cell), r = Math.floor((y0 - xy[1]) / cell);
    const i = r * g.width + c;
    if (c < 0 || r < 0 || c >= g.width || r >= g.height || !inside[i]) continue;
    if (slope[i] > 4 && slope[i] < 18 && lc[i] !== LC.water && lc[i] !== LC.built && built[i] < 0.05) { landfill = xy; break; }
  }
  blob(landfill[0], landfill[1], 190, LC.landfill, (j) => lc[j] !== LC.water && lc[j] !== LC.built);
  onProgress(0.6);

  // per-cell histogram → stands
  const NC = 15;
  const hist = new Int32Array(cells.count * NC);
  for (let i = 0; i < N; i++) {
    const k = cells.label[i];
    if (k >= 0) hist[k * NC + lc[i]]++;
  }
  const standClass = new Uint8Array(cells.count);
  const cellClass = new Int8Array(cells.count);
  for (let k = 0; k < cells.count; k++) {
    const total = cells.pixels[k];
    if (!total) continue;
    let forest = 0, hard = 0, best = 0, bestN = -1, dom = 0, domN = -1;
    for (let cl = 1; cl < NC; cl++) {
      const n = hist[k * NC + cl];
      if (n > domN) { domN = n; dom = cl; }
      if (cl >= 1 && cl <= 6) { forest += n; if (n > bestN) { bestN = n; best = cl; } }
      if (cl === LC.water || cl === LC.built || cl === LC.mine || cl === LC.landfill || cl === LC.marsh) hard += n;
    }
    cellClass[k] = dom;
    if (forest >= 0.6 * total && hard === 0 && cells.polys[k].length) standClass[k] = best;
  }
  for (let i = 0; i < N; i++) {
    const k = cells.label[i];
    if (k >= 0 && standClass[k]) lc[i] = standClass[k];
  }
  onProgress(1);
  return { landcover: lc, cellClass, standClass, mines, landfill, waterBody, slope, aspect, tpi };
}

/** Richards growth curve V(t) = Vmax·(1 − e^(−k·t))^p for stand volume, m³/ha. Illustrative, unverified. */
export const STAND_GROWTH: Record<string, { vmax: [number, number, number]; k: number; p: number; age: [number, number]; planted: number; source: string; unverified: true }> = {
  chinese_fir: { vmax: [330, 260, 190], k: 0.075, p: 2.6, age: [4, 40], planted: 0.85, source: 'synthetic demo: illustrative Richards parameters for Zhejiang Chinese fir', unverified: true },
  masson_pine: { vmax: [260, 200, 150], k: 0.06, p: 2.3, age: [8, 50], planted: 0.5, source: 'synthetic demo: illustrative Richards parameters for masson pine', unverified: true },
  mixed_conifer_broadleaf: { vmax: [280, 220, 170], k: 0.055, p: 2.2, age: [15, 60], planted: 0.2, source: 'synthetic demo: illustrative', unverified: true },
  mixed_broadleaf: { vmax: [250, 200, 150], k: 0.05, p: 2.0, age: [15, 65], planted: 0.1, source: 'synthetic demo: illustrative', unverified: true },
  hard_broadleaf: { vmax: [240, 190, 140], k: 0.045, p: 2.0, age: [20, 70], planted: 0.05, source: 'synthetic demo: illustrative', unverified: true },
  soft_broadleaf: { vmax: [220, 170, 130], k: 0.07, p: 1.9, age: [8, 40], planted: 0.3, source: 'synthetic demo: illustrative', unverified: true },
};

export function richardsVolume(species: string, siteClass: 1 | 2 | 3, ageYr: number): number {
  const p = STAND_GROWTH[species];
  return p.vmax[siteClass - 1] * Math.pow(1 - Math.exp(-p.k * ageYr), p.p);
}

export interface StandRecord {
  cell: number;
  id: string;
  species_group: string;
  forest_type: 'arbor' | 'bamboo' | 'shrub';
  origin: 'natural' | 'planted';
  age_yr: number | null;
  site_class: number;
  volume_m3_per_ha: number | null;
  culm_density_per_ha: number | null;
  mean_dbh_cm: number | null;
  owner_village: string;
  landcover: number;
}

export function buildStands(
  g: Grid, cells: Cells, lcr: LandCoverResult, terrain: Terrain, admin: AdminAssignment, seed: number,
): StandRecord[] {
  const rng = new Rng(seed, 51);
  const out: StandRecord[] = [];
  const perVillage = new Map<number, number>();
  // mean elevation / slope per cell
  const zSum = new Float64Array(cells.count), sSum = new Float64Array(cells.count);
  for (let i = 0; i < cells.label.length; i++) {
    const k = cells.label[i];
    if (k < 0) continue;
    zSum[k] += terrain.dem[i];
    sSum[k] += lcr.slope[i];
  }
  for (let k = 0; k < cells.count; k++) {
    const cls = lcr.standClass[k];
    if (!cls) continue;
    const v = admin.village[k];
    if (v < 0) continue;
    const z = zSum[k] / cells.pixels[k], sl = sSum[k] / cells.pixels[k];
    const n = (perVillage.get(v) ?? 0) + 1;
    perVillage.set(v, n);
    const village = admin.villages[v];
    const site = (z < 300 && sl < 20 ? (rng.next() < 0.6 ? 1 : 2) : z > 900 || sl > 32 ? (rng.next() < 0.6 ? 3 : 2) : rng.int(1, 3)) as 1 | 2 | 3;
    const base = { cell: k, id: `${village.id}-${String(n).padStart(3, '0')}`, owner_village: village.id, site_class: site, landcover: cls };
    if (cls === LC.bamboo) {
      out.push({
        ...base, species_group: 'moso_bamboo', forest_type: 'bamboo', origin: rng.next() < 0.7 ? 'planted' : 'natural',
        age_yr: null, volume_m3_per_ha: null,
        culm_density_per_ha: Math.round(Math.min(4500, Math.max(2000, 3300 - (site - 2) * 500 + rng.normal() * 450)) / 10) * 10,
        mean_dbh_cm: Math.round(Math.min(12, Math.max(8, 10.2 - (site - 2) * 0.9 + rng.normal() * 0.7)) * 10) / 10,
      });
      continue;
    }
    if (cls === LC.shrub) {
      out.push({ ...base, species_group: 'shrub', forest_type: 'shrub', origin: 'natural', age_yr: null, volume_m3_per_ha: null, culm_density_per_ha: null, mean_dbh_cm: null });
      continue;
    }
    let species: string;
    if (cls === LC.fir) species = 'chinese_fir';
    else if (cls === LC.pine) species = 'masson_pine';
    else if (cls === LC.mixed) species = 'mixed_conifer_broadleaf';
    else species = z > 700 ? (rng.next() < 0.6 ? 'hard_broadleaf' : 'mixed_broadleaf') : z < 150 && rng.next() < 0.5 ? 'soft_broadleaf' : rng.next() < 0.6 ? 'mixed_broadleaf' : 'hard_broadleaf';
    const gp = STAND_GROWTH[species];
    const age = rng.int(gp.age[0], gp.age[1]);
    const vol = richardsVolume(species, site, age) * (1 + 0.08 * rng.normal());
    out.push({
      ...base, species_group: species, forest_type: 'arbor', origin: rng.next() < gp.planted ? 'planted' : 'natural',
      age_yr: age, volume_m3_per_ha: Math.round(Math.max(1, vol) * 10) / 10, culm_density_per_ha: null, mean_dbh_cm: null,
    });
  }
  return out;
}
