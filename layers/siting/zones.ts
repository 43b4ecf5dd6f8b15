/**
 * Candidate zones: contiguous cells whose suitability S is at least a threshold, at least a
 * minimum area, ranked by mean S (ties: larger first). Each zone carries its area, capacity at
 * a stated density, centroid (pixel coordinates) and, for the robustness analysis, the mean of
 * M · x_k over its cells per criterion — the zone's mean S under any weights w is then exactly
 * Σ_k w_k · mean(M x_k), so zones can be re-ranked under perturbed weights without touching the
 * cells again (robustness.ts).
 */
import { connectedComponents, type Contiguity } from './min-area.ts';
import { SCORE_LEVELS } from './rescale.ts';
import type { ScoreStack } from './suitability.ts';

export interface Zone {
  /** Rank by mean S, 1 = best. */
  rank: number;
  /** Component label in the zone raster (labels array). */
  label: number;
  cells: number;
  area_km2: number;
  /** Mean S of the zone's cells, 0–1. */
  mean_s: number;
  max_s: number;
  /** Centroid in fractional pixel coordinates (col + 0.5, row + 0.5 = a cell centre). */
  centroid_col: number;
  centroid_row: number;
  /** Bounding box in pixels [col0, row0, col1, row1] (inclusive). */
  bbox: [number, number, number, number];
  /** Capacity at the stated density, MW. */
  capacity_mw: number;
  /** mean over the zone's cells of M · x_k, per criterion (0–1). */
  criterion_means: number[];
}

export interface ZoneOptions {
  width: number;
  height: number;
  /** S threshold 0–1 (cells with S ≥ it belong to zones). */
  min_s: number;
  /** Minimum zone size, cells. */
  min_cells: number;
  contiguity: Contiguity;
  /** Area of one cell, km². */
  cell_area_km2: number;
  /** Capacity density, MW per km² of usable (mask-weighted) land. */
  density_mw_per_km2: number;
  /** At most this many zones are returned (best first). */
  limit?: number;
}

/**
 * Zones of a suitability raster (see the module comment).
 * @param s suitability bytes (255 = 1), reweight()'s output
 * @param mask combined exclusion mask bytes (255 = 1): capacity counts usable fractions
 * @param scores the criterion score stack (for criterion_means)
 */
export function findZones(s: Uint8Array, mask: Uint8Array, scores: ScoreStack, o: ZoneOptions): { zones: Zone[]; labels: Int32Array; total: number } {
  const thr = Math.ceil(o.min_s * SCORE_LEVELS - 1e-9);
  const on = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) on[i] = s[i] >= thr && s[i] > 0 ? 1 : 0;
  const comps = connectedComponents(o.width, o.height, on, o.contiguity);
  const K = scores.criteria.length;
  const C = comps.count + 1;
  const sumS = new Float64Array(C), maxS = new Uint8Array(C), sumM = new Float64Array(C), sumC = new Float64Array(C), sumR = new Float64Array(C);
  const crit = new Float64Array(C * K);
  const bbox = new Int32Array(C * 4);
  for (let l = 1; l < C; l++) { bbox[l * 4] = o.width; bbox[l * 4 + 1] = o.height; bbox[l * 4 + 2] = -1; bbox[l * 4 + 3] = -1; }
  const st = scores.stack;
  for (let i = 0; i < s.length; i++) {
    const l = comps.labels[i];
    if (!l || comps.sizes[l] < o.min_cells) continue;
    const r = (i / o.width) | 0, c = i - r * o.width;
    sumS[l] += s[i];
    if (s[i] > maxS[l]) maxS[l] = s[i];
    const m = mask[i] / SCORE_LEVELS;
    sumM[l] += m;
    sumC[l] += c + 0.5;
    sumR[l] += r + 0.5;
    for (let k = 0; k < K; k++) crit[l * K + k] += (m * st[i * K + k]) / SCORE_LEVELS;
    if (c < bbox[l * 4]) bbox[l * 4] = c;
    if (r < bbox[l * 4 + 1]) bbox[l * 4 + 1] = r;
    if (c > bbox[l * 4 + 2]) bbox[l * 4 + 2] = c;
    if (r > bbox[l * 4 + 3]) bbox[l * 4 + 3] = r;
  }
  const zones: Zone[] = [];
  for (let l = 1; l < C; l++) {
    const n = comps.sizes[l];
    if (n < o.min_cells) continue;
    zones.push({
      rank: 0, label: l, cells: n, area_km2: n * o.cell_area_km2,
      mean_s: sumS[l] / n / SCORE_LEVELS, max_s: maxS[l] / SCORE_LEVELS,
      centroid_col: sumC[l] / n, centroid_row: sumR[l] / n,
      bbox: [bbox[l * 4], bbox[l * 4 + 1], bbox[l * 4 + 2], bbox[l * 4 + 3]],
      capacity_mw: sumM[l] * o.cell_area_km2 * o.density_mw_per_km2,
      criterion_means: Array.from(crit.subarray(l * K, l * K + K), (v) => v / n),
    });
  }
  zones.sort((a, b) => b.mean_s - a.mean_s || b.cells - a.cells || a.label - b.label);
  zones.forEach((z, k) => { z.rank = k + 1; });
  const total = zones.length;
  return { zones: o.limit ? zones.slice(0, o.limit) : zones, labels: comps.labels, total };
}

export interface SupplyPoint {
  rank: number;
  /** The ordering value of this zone (mean S, or what `by` chose). */
  value: number;
  capacity_mw: number;
  cumulative_mw: number;
}

/**
 * Supply curve (reV's, per zone): zones ordered best first by `value` (descending, e.g. mean S
 * or yield) or ascending (e.g. connection distance), with the cumulative capacity.
 */
export function supplyCurve<T extends { rank: number; capacity_mw: number }>(zones: readonly T[], value: (z: T) => number, ascending = false): SupplyPoint[] {
  const sorted = [...zones].sort((a, b) => (ascending ? value(a) - value(b) : value(b) - value(a)) || a.rank - b.rank);
  let cum = 0;
  return sorted.map((z) => {
    cum += z.capacity_mw;
    return { rank: z.rank, value: value(z), capacity_mw: z.capacity_mw, cumulative_mw: cum };
  });
}
