/** The bar chart of an indicator over the child regions and the choropleth's classes, SVG built in code. */
import { svg } from '../../dom.ts';
import { num } from '../../i18n.ts';
import { digitsOf } from '../../../../layers/indicators/narrative.ts';

/** Five classes from light to dark green (ColorBrewer YlGn 5) and grey for no data. */
export const CLASS_COLOURS: readonly [number, number, number][] = [[255, 255, 204], [194, 230, 153], [120, 198, 121], [49, 163, 84], [0, 104, 55]];
export const NO_DATA_COLOUR: [number, number, number] = [200, 200, 200];

/** Equal-interval class breaks (5 classes) over the values; null when there are none. */
export function classBreaks(values: readonly (number | null)[]): { min: number; max: number; step: number } | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (!v.length) return null;
  const min = Math.min(...v), max = Math.max(...v);
  return { min, max, step: (max - min) / CLASS_COLOURS.length };
}

/** Class index (0–4) of a value, −1 for no data. */
export function classOf(v: number | null, b: ReturnType<typeof classBreaks>): number {
  if (v === null || !b) return -1;
  if (b.step === 0) return CLASS_COLOURS.length - 1;
  return Math.min(CLASS_COLOURS.length - 1, Math.floor((v - b.min) / b.step));
}

export interface Bar { id: string; label: string; value: number | null }

/** Horizontal bars, one per child region, coloured by class as on the map; `columns` side by side (the brief's). */
export function barChart(bars: readonly Bar[], unit: string, unitLabel: string, label: string, columns = 1): SVGElement {
  const CW = 360, L = 96, R = 64, rowH = columns > 1 ? 12 : 14;
  const perColumn = Math.ceil(bars.length / columns);
  const W = CW * columns, H = perColumn * rowH + 8;
  const b = classBreaks(bars.map((x) => x.value));
  const max = Math.max(0, ...bars.map((x) => x.value ?? 0));
  const sx = (v: number) => L + (max > 0 ? (v / max) * (CW - L - R) : 0);
  const d = digitsOf(unit);
  return svg('svg', { class: `chart ind-bars${columns > 1 ? ' ind-bars-wide' : ''}`, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, 'data-testid': 'ind-chart' },
    bars.map((x, i) => {
      const y = 4 + (i % perColumn) * rowH;
      const k = classOf(x.value, b);
      return svg('g', { 'data-region': x.id, 'data-value': x.value ?? '', transform: `translate(${Math.floor(i / perColumn) * CW} 0)` },
        svg('text', { class: 'tick', x: L - 4, y: y + rowH - 4, 'text-anchor': 'end' }, x.label.length > 9 ? `${x.label.slice(0, 8)}…` : x.label),
        x.value === null ? null : svg('rect', { class: `bar ind-c${k}`, x: L, y: y + 1, width: Math.max(0.5, sx(Math.max(0, x.value)) - L), height: rowH - 3 }),
        svg('text', { class: 'tick', x: x.value === null ? L + 2 : sx(Math.max(0, x.value)) + 3, y: y + rowH - 4 }, x.value === null ? '–' : num(x.value, d)),
        svg('title', null, `${x.label}: ${x.value === null ? '–' : num(x.value, d)} ${unitLabel}`));
    }));
}
