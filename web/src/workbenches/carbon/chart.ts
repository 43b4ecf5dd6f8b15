/** The projection chart: SVG built in code (no chart library). Baseline vs project, uncertainty band, creditable bars. */
import type { CarbonResult, ProjectionRow } from '../../api.ts';
import { h, svg } from '../../dom.ts';
import { num, t } from '../../i18n.ts';

const W = 560;
const H = 260;
const M = { top: 16, right: 16, bottom: 40, left: 64 };

function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(1, ticks);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Lower/upper project removals per vintage: the annual-sink P5/P95 spread of the Monte Carlo applied to each year. */
function band(rows: ProjectionRow[], r: CarbonResult): { lo: number; hi: number }[] {
  const range = r.total.sink_range;
  const loRatio = range && range.p50 ? range.p5 / range.p50 : 1;
  const hiRatio = range && range.p50 ? range.p95 / range.p50 : 1;
  return rows.map((row) => ({ lo: row.project_tCO2e * loRatio, hi: row.project_tCO2e * hiRatio }));
}

export function projectionChart(r: CarbonResult): Element {
  const rows = r.projection ?? [];
  if (!rows.length) return h('p', { class: 'muted' }, t('no_result'));
  const b = band(rows, r);
  const values = rows.flatMap((row, i) => [row.baseline_tCO2e, row.project_tCO2e, row.creditable_tCO2e, b[i].lo, b[i].hi]).filter(Number.isFinite);
  const yMin = Math.min(0, ...values);
  const yMaxRaw = Math.max(...values, 1e-6);
  const step = niceStep(yMaxRaw - yMin, 5);
  const yMax = Math.ceil(yMaxRaw / step) * step;
  const x0 = rows[0].year;
  const x1 = rows[rows.length - 1].year;
  const sx = (year: number) => M.left + ((year - x0) / Math.max(1, x1 - x0)) * (W - M.left - M.right);
  const sy = (v: number) => H - M.bottom - ((v - yMin) / (yMax - yMin || 1)) * (H - M.top - M.bottom);
  const f1 = (x: number) => x.toFixed(1);
  const path = (f: (row: ProjectionRow) => number) => rows.map((row, i) => `${i ? 'L' : 'M'}${f1(sx(row.year))},${f1(sy(f(row)))}`).join('');
  const bandPath = `${rows.map((row, i) => `${i ? 'L' : 'M'}${f1(sx(row.year))},${f1(sy(b[i].hi))}`).join('')}` +
    `${rows.slice().reverse().map((row, j) => `L${f1(sx(row.year))},${f1(sy(b[rows.length - 1 - j].lo))}`).join('')}Z`;
  const barW = Math.max(2, ((W - M.left - M.right) / rows.length) * 0.6);
  const bars = rows.map((row) => {
    const y = sy(Math.max(0, row.creditable_tCO2e));
    return svg('rect', { class: 'bar', x: f1(sx(row.year) - barW / 2), y: f1(y), width: f1(barW), height: f1(Math.max(0, sy(0) - y)) },
      svg('title', null, `${row.year}: ${num(row.creditable_tCO2e, 0)} t CO₂e`));
  });
  // As many decimals as the step needs (a step of 0.2 reads 0.2, 0.4 …, not 0, 0, 1 …).
  const tickDigits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const yTicks: SVGElement[] = [];
  for (let v = Math.ceil(yMin / step) * step; v <= yMax + 1e-9; v += step) {
    yTicks.push(svg('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: f1(sy(v)), y2: f1(sy(v)) }),
      svg('text', { class: 'tick', x: M.left - 6, y: f1(sy(v) + 4), 'text-anchor': 'end' }, num(v, tickDigits)));
  }
  const xStep = Math.max(1, Math.ceil((x1 - x0) / 8));
  const xTicks: SVGElement[] = [];
  for (let y = x0; y <= x1; y += xStep) xTicks.push(svg('text', { class: 'tick', x: f1(sx(y)), y: H - M.bottom + 16, 'text-anchor': 'middle' }, String(y)));
  // Legend items side by side, each as wide as its label (CJK glyphs ≈ 11 px, Latin ≈ 6.5 px at 11 px type).
  const labelWidth = (label: string) => [...label].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 11 : 6.5), 0);
  const items: [(x: number) => SVGElement, string][] = [
    [(x) => svg('line', { class: 'base', x1: x, x2: x + 22, y1: -4, y2: -4 }), t('baseline')],
    [(x) => svg('line', { class: 'proj', x1: x, x2: x + 22, y1: -4, y2: -4 }), t('project')],
    [(x) => svg('rect', { class: 'band', x, y: -10, width: 22, height: 10 }), t('band')],
    [(x) => svg('rect', { class: 'bar', x, y: -10, width: 12, height: 10 }), t('creditable')],
  ];
  let lx = 0;
  const legend = items.map(([shape, label]) => {
    const g = [shape(lx), svg('text', { class: 'tick', x: lx + 26, y: 0 }, label)];
    lx += 26 + labelWidth(label) + 18;
    return g;
  });
  return svg('svg', { class: 'chart projection', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('projection') },
    yTicks, xTicks,
    svg('text', { class: 'axis', x: 12, y: M.top + 4, transform: `rotate(-90 12 ${M.top + 4})`, 'text-anchor': 'end' }, 't CO₂e'),
    bars,
    svg('path', { class: 'band', d: bandPath }),
    svg('path', { class: 'base', d: path((row) => row.baseline_tCO2e) }),
    svg('path', { class: 'proj', d: path((row) => row.project_tCO2e) }),
    svg('g', { class: 'legend', transform: `translate(${M.left},${H - 8})` }, legend));
}
