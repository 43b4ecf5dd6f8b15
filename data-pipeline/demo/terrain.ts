/**
 * Synthetic terrain for the demo county: a fractal (ridged multifractal) DEM shaped like
 * Anji — high mountains in the south-west (龙王山-like, ~1,500 m), 天荒坪-like uplands in the
 * south, hills elsewhere, the 西苕溪 valley plain running SW→NE past 孝丰 and 递铺 to 梅溪,
 * tributary valleys, and a 赋石-like reservoir behind a dam on the upper main stem.
 * Positions of rivers and massifs are hand-placed in lon/lat (WGS-84) to echo the real county;
 * everything else comes from the seeded noise.
 */
import { Noise2D, Rng } from './random.ts';
import type { XY } from '../../layers/geo/planar.ts';
import { boxMean } from '../../layers/raster/focal.ts';
import { distanceTransform } from '../../layers/raster/distance.ts';
import { northUpFrame, squareCellSize, type Grid } from '../../layers/raster/grid.ts';
import { project } from './sources.ts';

export interface River {
  id: string;
  name_zh: string;
  /** Centreline in EPSG:4549 metres, upstream → downstream. */
  line: XY[];
  /** Bed elevation (m) and channel width (m) at each vertex. */
  bed: number[];
  width: number[];
  /** Half-width of the flat valley floor (m) and the length scale of the valley sides (m). */
  plain: number[];
  side: number[];
}

interface RiverDef {
  id: string;
  name_zh: string;
  /** [lon, lat, bed m, width m, plain half-width m, side scale m] */
  pts: [number, number, number, number, number, number][];
}

const RIVERS: RiverDef[] = [
  {
    id: 'xitiaoxi', name_zh: '西苕溪', pts: [
      [119.262, 30.640, 330, 12, 150, 900],
      [119.330, 30.600, 200, 20, 250, 1000],
      [119.389, 30.572, 140, 30, 500, 1200],
      [119.450, 30.592, 118, 35, 300, 1000],
      [119.505, 30.598, 95, 40, 350, 1100],
      [119.560, 30.583, 58, 55, 1300, 1800],
      [119.615, 30.600, 40, 65, 1800, 2200],
      [119.672, 30.622, 25, 80, 2600, 2600],
      [119.720, 30.690, 14, 90, 2000, 2000],
      [119.765, 30.745, 9, 100, 1800, 1800],
      [119.795, 30.778, 6, 110, 1800, 1800],
      [119.870, 30.860, 3, 120, 2000, 2000],
    ],
  },
  {
    id: 'nanxi', name_zh: '南溪', pts: [
      [119.300, 30.420, 520, 10, 80, 700],
      [119.384, 30.458, 260, 20, 250, 900],
      [119.440, 30.490, 170, 25, 300, 1000],
      [119.485, 30.508, 130, 30, 450, 1100],
      [119.540, 30.535, 85, 40, 700, 1300],
      [119.578, 30.560, 60, 45, 1000, 1500],
      [119.612, 30.597, 40.5, 50, 1200, 1800],
    ],
  },
  {
    id: 'hunnigang', name_zh: '浑泥港', pts: [
      [119.640, 30.440, 620, 8, 60, 600],
      [119.655, 30.490, 300, 15, 200, 800],
      [119.672, 30.540, 110, 25, 500, 1100],
      [119.680, 30.590, 45, 35, 900, 1500],
      [119.674, 30.620, 25.5, 40, 1200, 1800],
    ],
  },
  {
    id: 'xiaoshugang', name_zh: '晓墅港', pts: [
      [119.520, 30.835, 160, 8, 150, 900],
      [119.580, 30.815, 60, 15, 700, 1300],
      [119.640, 30.795, 25, 25, 1000, 1400],
      [119.710, 30.780, 12, 35, 1200, 1500],
      [119.793, 30.776, 6.2, 45, 1400, 1600],
    ],
  },
  {
    id: 'zhangwu', name_zh: '鄣吴溪', pts: [
      [119.520, 30.770, 220, 8, 100, 800],
      [119.560, 30.790, 90, 12, 400, 1000],
      [119.600, 30.806, 40, 15, 600, 1200],
      [119.640, 30.796, 25.2, 18, 900, 1500],
    ],
  },
  {
    id: 'shanchuan', name_zh: '山川溪', pts: [
      [119.740, 30.450, 500, 6, 60, 600],
      [119.730, 30.520, 180, 10, 200, 800],
      [119.705, 30.580, 60, 15, 500, 1100],
      [119.680, 30.592, 44, 18, 700, 1300],
    ],
  },
  {
    id: 'xilong', name_zh: '溪龙港', pts: [
      [119.840, 30.660, 150, 6, 150, 800],
      [119.800, 30.700, 40, 12, 800, 1400],
      [119.765, 30.744, 9.2, 20, 1500, 2000],
    ],
  },
];

/** Mountain massifs: [lon, lat, peak relief m, radius m]. */
const MASSIFS: [number, number, number, number][] = [
  [119.420, 30.405, 1480, 14000], // 龙王山-like SW
  [119.610, 30.465, 980, 9000], // 天荒坪-like S
  [119.505, 30.455, 900, 10000],
  [119.270, 30.540, 820, 12000], // W border
  [119.330, 30.680, 620, 11000],
  [119.470, 30.680, 450, 8000],
  [119.500, 30.830, 520, 9000], // 鄣吴 hills NW
  [119.790, 30.540, 700, 10000], // E ridge (山川)
  [119.720, 30.470, 820, 8000],
  [119.860, 30.660, 280, 8000],
  [119.620, 30.720, 380, 7000], // northern hills (bamboo and tea country)
  [119.720, 30.830, 260, 6000],
  [119.570, 30.660, 420, 6000],
  [119.830, 30.720, 320, 6000],
  [119.690, 30.760, 240, 5000],
];

/** The dam sits on 西苕溪 between these vertices (index into its line) at this fraction. */
const DAM = { river: 'xitiaoxi', segment: 3, t: 0.72, rise_m: 30, name_zh: '赋石水库' };

export interface Terrain {
  dem: Float32Array;
  rivers: River[];
  /** Distance to the nearest river centreline (m) and which river (index) / chainage (m) it is. */
  riverDist: Float32Array;
  riverId: Int8Array;
  chainage: Float32Array;
  /** 1 where a river channel is (width-based), 1 in the reservoir. */
  riverMask: Uint8Array;
  lakeMask: Uint8Array;
  /** 1 in the reservoir's catchment (upstream of the dam). */
  catchment: Uint8Array;
  dam: { xy: XY; level_m: number; name_zh: string };
  maxElevation: number;
}

function segLength(a: XY, b: XY): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

export function buildRivers(): River[] {
  return RIVERS.map((d) => ({
    id: d.id,
    name_zh: d.name_zh,
    line: d.pts.map(([lon, lat]) => project(lon, lat)),
    bed: d.pts.map((p) => p[2]),
    width: d.pts.map((p) => p[3]),
    plain: d.pts.map((p) => p[4]),
    side: d.pts.map((p) => p[5]),
  }));
}

/** Make river lines meander a little (seeded), keeping the vertices of junctions fixed. */
function meander(rivers: River[], rng: Rng, noise: Noise2D): void {
  for (const r of rivers) {
    const line: XY[] = [];
    const bed: number[] = [], width: number[] = [], plain: number[] = [], side: number[] = [];
    for (let k = 0; k + 1 < r.line.length; k++) {
      const a = r.line[k], b = r.line[k + 1];
      const L = segLength(a, b);
      const n = Math.max(2, Math.ceil(L / 250));
      const nx = -(b[1] - a[1]) / L, ny = (b[0] - a[0]) / L;
      const amp = Math.min(1500, 400 + r.plain[k] * 0.4);
      for (let s = 0; s < n; s++) {
        const t = s / n;
        const env = Math.sin(Math.PI * t);
        const off = env * amp * noise.fbm(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), 3500, 3);
        line.push([a[0] + t * (b[0] - a[0]) + nx * off, a[1] + t * (b[1] - a[1]) + ny * off]);
        const lerp = (arr: number[]) => arr[k] + t * (arr[k + 1] - arr[k]);
        bed.push(lerp(r.bed)); width.push(lerp(r.width)); plain.push(lerp(r.plain)); side.push(lerp(r.side));
      }
    }
    const last = r.line.length - 1;
    line.push(r.line[last]); bed.push(r.bed[last]); width.push(r.width[last]); plain.push(r.plain[last]); side.push(r.side[last]);
    void rng;
    Object.assign(r, { line, bed, width, plain, side });
  }
}

/** Generate the DEM and hydrography on `g` (cells outside `inside` still get values, for continuity). */
export function generateTerrain(g: Grid, seed: number, onProgress: (f: number) => void): Terrain {
  const { x0, y0 } = northUpFrame(g), cell = squareCellSize(g);
  const rng = new Rng(seed, 1);
  const noise = new Noise2D(rng);
  const noise2 = new Noise2D(new Rng(seed, 2));
  const rivers = buildRivers();
  meander(rivers, rng, noise2);
  const N = g.width * g.height;

  // river centreline cells carrying bed, width, plain, side, river index and chainage
  const src = new Uint8Array(N);
  const srcBed = new Float32Array(N), srcPlain = new Float32Array(N), srcSide = new Float32Array(N), srcWidth = new Float32Array(N);
  const srcRiver = new Int8Array(N).fill(-1), srcChain = new Float32Array(N);
  rivers.forEach((r, ri) => {
    let chain = 0;
    for (let k = 0; k + 1 < r.line.length; k++) {
      const a = r.line[k], b = r.line[k + 1];
      const L = segLength(a, b);
      const n = Math.max(1, Math.ceil(L / (cell * 0.4)));
      for (let s = 0; s < n; s++) {
        const t = s / n;
        const x = a[0] + t * (b[0] - a[0]), y = a[1] + t * (b[1] - a[1]);
        const c = Math.floor((x - x0) / cell), rr = Math.floor((y0 - y) / cell);
        if (c < 0 || rr < 0 || c >= g.width || rr >= g.height) continue;
        const i = rr * g.width + c;
        const bed = r.bed[k] + t * (r.bed[k + 1] - r.bed[k]);
        // where two rivers meet keep the lower bed (the receiving river)
        if (src[i] && srcBed[i] <= bed) continue;
        src[i] = 1;
        srcBed[i] = bed;
        srcWidth[i] = r.width[k] + t * (r.width[k + 1] - r.width[k]);
        srcPlain[i] = r.plain[k] + t * (r.plain[k + 1] - r.plain[k]);
        srcSide[i] = r.side[k] + t * (r.side[k + 1] - r.side[k]);
        srcRiver[i] = ri;
        srcChain[i] = chain + t * L;
      }
      chain += L;
    }
  });
  onProgress(0.1);
  const { dist, nearest } = distanceTransform(g.width, g.height, src, cell);
  // per-cell valley parameters of the nearest river, smoothed so valleys blend where rivers meet
  const bedF = new Float32Array(N), plainF = new Float32Array(N), sideF = new Float32Array(N);
  for (let i = 0; i < N; i++) { const s = nearest[i]; bedF[i] = srcBed[s]; plainF[i] = srcPlain[s]; sideF[i] = srcSide[s]; }
  const k = Math.max(1, Math.round(600 / cell));
  const bedS = boxMean(g.width, g.height, boxMean(g.width, g.height, bedF, k), k);
  const plainS = boxMean(g.width, g.height, boxMean(g.width, g.height, plainF, 2 * k), 2 * k);
  const sideS = boxMean(g.width, g.height, boxMean(g.width, g.height, sideF, 2 * k), 2 * k);
  onProgress(0.3);

  const massifs = MASSIFS.map(([lon, lat, h, rad]) => ({ xy: project(lon, lat), h, rad }));
  const dem = new Float32Array(N);
  const riverId = new Int8Array(N);
  const chainage = new Float32Array(N);
  const riverMask = new Uint8Array(N);
  for (let r = 0; r < g.height; r++) {
    const y = y0 - (r + 0.5) * cell;
    for (let c = 0; c < g.width; c++) {
      const i = r * g.width + c;
      const x = x0 + (c + 0.5) * cell;
      const s = nearest[i];
      const d = dist[i];
      const bed = Math.min(bedS[i], srcBed[s] + d * 0.05);
      riverId[i] = srcRiver[s];
      chainage[i] = srcChain[s];
      if (d <= Math.max(srcWidth[s] / 2, cell * 0.49)) riverMask[i] = 1;
      // regional relief envelope: soft maximum of massifs over a hilly base
      let sum2 = 0;
      for (const m of massifs) {
        const dd = ((x - m.xy[0]) ** 2 + (y - m.xy[1]) ** 2) / (m.rad * m.rad);
        if (dd < 9) {
          const v = m.h * Math.exp(-dd);
          sum2 += v * v;
        }
      }
      const relief = 170 + 40 * noise2.fbm(x, y, 20000, 2) + Math.sqrt(sum2);
      const top = Math.max(bed + 25, relief);
      const u = Math.max(0, d - plainS[i]) / sideS[i];
      const valley = 1 - Math.exp(-u * u);
      const ridge = noise.ridged(x, y, 7000, cell <= 60 ? 7 : 5);
      const hills = 0.3 + 0.9 * ridge;
      const micro = 3 * noise2.noise(x / 400, y / 400);
      dem[i] = bed + (top - bed) * valley * hills + micro * (0.3 + valley) + (d > plainS[i] ? 0 : (d / Math.max(1, plainS[i])) * 4);
    }
    if ((r & 63) === 0) onProgress(0.3 + (0.5 * r) / g.height);
  }
  // compress the highest summits towards ~1,500 m (龙王山 is 1,587 m)
  let zmax = -Infinity;
  for (let i = 0; i < N; i++) if (dem[i] > zmax) zmax = dem[i];
  if (zmax > 1500) {
    const kk = (1500 - 700) / (zmax - 700);
    for (let i = 0; i < N; i++) if (dem[i] > 700) dem[i] = 700 + (dem[i] - 700) * kk;
  }
  // river cells sit at the bed
  for (let i = 0; i < N; i++) if (riverMask[i]) dem[i] = Math.min(dem[i], srcBed[nearest[i]]);

  // reservoir behind a dam on the main stem
  const main = rivers.findIndex((r) => r.id === DAM.river);
  const mr = rivers[main];
  const defLine = buildRivers()[main];
  // locate the dam on the meandered line: the vertex nearest the interpolated original position
  const a = defLine.line[DAM.segment], b = defLine.line[DAM.segment + 1];
  const damTarget: XY = [a[0] + DAM.t * (b[0] - a[0]), a[1] + DAM.t * (b[1] - a[1])];
  let damK = 0, best = Infinity, damChain = 0, chain = 0;
  for (let k = 0; k < mr.line.length; k++) {
    if (k > 0) chain += segLength(mr.line[k - 1], mr.line[k]);
    const dd = segLength(mr.line[k], damTarget);
    if (dd < best) { best = dd; damK = k; damChain = chain; }
  }
  const damXY = mr.line[damK];
  const level = mr.bed[damK] + DAM.rise_m;
  const lakeMask = new Uint8Array(N);
  const stack: number[] = [];
  for (let i = 0; i < N; i++) {
    if (riverMask[i] && riverId[i] === main && chainage[i] < damChain && chainage[i] > damChain - 2000 && dem[i] < level) {
      lakeMask[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length) {
    const i = stack.pop()!;
    const r = Math.floor(i / g.width), c = i - r * g.width;
    for (const [dc, dr] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      const cc = c + dc, rr = r + dr;
      if (cc < 0 || rr < 0 || cc >= g.width || rr >= g.height) continue;
      const j = rr * g.width + cc;
      if (lakeMask[j] || dem[j] >= level) continue;
      if (riverId[j] === main && chainage[j] >= damChain) continue;
      if (riverId[j] !== main) continue;
      lakeMask[j] = 1;
      stack.push(j);
    }
  }
  for (let i = 0; i < N; i++) {
    if (lakeMask[i]) dem[i] = level;
    // dam wall: a strip just downstream of the lake across the valley
    else if (riverId[i] === main && chainage[i] >= damChain && chainage[i] < damChain + 2.5 * cell && dist[i] < 900 && dem[i] < level + 3) {
      dem[i] = level + 3;
      riverMask[i] = 0;
    }
  }
  const catchment = new Uint8Array(N);
  for (let i = 0; i < N; i++) if (riverId[i] === main && chainage[i] < damChain) catchment[i] = 1;

  let maxElevation = -Infinity;
  for (let i = 0; i < N; i++) if (dem[i] > maxElevation) maxElevation = dem[i];
  onProgress(1);
  return {
    dem, rivers, riverDist: dist, riverId, chainage, riverMask, lakeMask, catchment,
    dam: { xy: damXY, level_m: level, name_zh: DAM.name_zh }, maxElevation,
  };
}
