/**
 * Map labels without collisions: candidates (county, townships, villages) in priority order are
 * projected to the screen, measured with the label font (canvas measureText, the same font deck.gl
 * draws with) and kept only where their box does not touch a box already kept. Run on every
 * moveend; the boxes kept are what the tests compare.
 */

export interface LabelCandidate {
  position: [number, number];
  text: string;
  size: number;
  /** Higher first (county 3, township 2, village 1; then population). */
  priority: number;
  /** Shown from this zoom on (and below `maxZoom`, if given). */
  minZoom: number;
  maxZoom?: number;
}

export interface PlacedLabel extends LabelCandidate {
  /** Screen box, CSS px: left, top, width, height. */
  box: [number, number, number, number];
}

let ctx: CanvasRenderingContext2D | null = null;

/** Width of `text` in CSS px at `size` px in `font` (weight 600, as labelLayer draws). */
export function textWidth(text: string, size: number, font: string): number {
  ctx ??= document.createElement('canvas').getContext('2d');
  if (!ctx) return text.length * size;
  ctx.font = `600 ${size}px ${font}`;
  return ctx.measureText(text).width;
}

/** True when two boxes [x, y, w, h] overlap (touching counts as apart). */
export function overlaps(a: readonly number[], b: readonly number[]): boolean {
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/**
 * The labels to draw: greedy by priority, each box grown by the text outline and `gap` px.
 * @param project lon/lat → screen px; @param width, height the viewport, CSS px
 */
export function placeLabels(candidates: LabelCandidate[], zoom: number, project: (p: [number, number]) => [number, number], width: number, height: number, font: string, gap = 4): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const sorted = candidates.filter((c) => zoom >= c.minZoom && (c.maxZoom === undefined || zoom < c.maxZoom)).sort((a, b) => b.priority - a.priority);
  for (const c of sorted) {
    const [x, y] = project(c.position);
    if (x < 0 || y < 0 || x > width || y > height) continue;
    const w = textWidth(c.text, c.size, font) + 8 + gap; // outline 4 px each side
    const h = c.size * 1.25 + gap;
    const box: [number, number, number, number] = [x - w / 2, y - h / 2, w, h];
    if (box[0] < 0 || box[1] < 0 || box[0] + w > width || box[1] + h > height) continue;
    if (placed.some((p) => overlaps(p.box, box))) continue;
    placed.push({ ...c, box });
  }
  return placed;
}
