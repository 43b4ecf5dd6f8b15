/** The projection chart: hand-written SVG (no chart library). Baseline vs project, uncertainty band, creditable bars. */
import type { CarbonResult, ProjectionRow } from './api.ts';
import { num, t } from './i18n.ts';

const W = 560;
const H = 260;
const M = { top: 16, right: 16, bottom: 40, left: 64 };

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(1, ticks);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Lower/upper project removals per vintage: the annual-sink P5/P95 spread of the Monte Carlo applied to each year. */
export function band(rows: ProjectionRow[], r: CarbonResult): { lo: number; hi: number }[] {
  // Projection rows are annual removals: scale by the spread of the annual sink (or the stock).
  const range = r.total.sink_range;
  const loRatio = range && range.p50 ? range.p5 / range.p50 : 1;
  const hiRatio = range && range.p50 ? range.p95 / range.p50 : 1;
  return rows.map((row) => ({ lo: row.project_tCO2e * loRatio, hi: row.project_tCO2e * hiRatio }));
}

export function projectionChart(r: CarbonResult): string {
  const rows = r.projection ?? [];
  if (!rows.length) return `<p class="muted">${esc(t('no_result'))}</p>`;
  const b = band(rows, r);
  const values = rows.flatMap((row, i) => [row.baseline_tCO2e, row.project_tCO2e, row.creditable_tCO2e, b[i].lo, b[i].hi]).filter(Number.isFinite);
  const yMin = Math.min(0, ...values);
  const yMaxRaw = Math.max(...values, 1);
  const step = niceStep(yMaxRaw - yMin, 5);
  const yMax = Math.ceil(yMaxRaw / step) * step;
  const x0 = rows[0].year;
  const x1 = rows[rows.length - 1].year;
  const sx = (year: number) => M.left + ((year - x0) / Math.max(1, x1 - x0)) * (W - M.left - M.right);
  const sy = (v: number) => H - M.bottom - ((v - yMin) / (yMax - yMin || 1)) * (H - M.top - M.bottom);
  const path = (f: (row: ProjectionRow, i: number) => number) => rows.map((row, i) => `${i ? 'L' : 'M'}${sx(row.year).toFixed(1)},${sy(f(row, i)).toFixed(1)}`).join('');
  const bandPath = `${rows.map((row, i) => `${i ? 'L' : 'M'}${sx(row.year).toFixed(1)},${sy(b[i].hi).toFixed(1)}`).join('')}` +
    `${rows.slice().reverse().map((row, j) => `L${sx(row.year).toFixed(1)},${sy(b[rows.length - 1 - j].lo).toFixed(1)}`).join('')}Z`;
  const barW = Math.max(2, ((W - M.left - M.right) / rows.length) * 0.6);
  const bars = rows.map((row) => {
    const y = sy(Math.max(0, row.creditable_tCO2e));
    return `<rect class="bar" x="${(sx(row.year) - barW / 2).toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(0, sy(0) - y).toFixed(1)}"><title>${row.year}: ${num(row.creditable_tCO2e, 0)} t CO₂e</title></rect>`;
  }).join('');
  const yTicks: string[] = [];
  for (let v = Math.ceil(yMin / step) * step; v <= yMax + 1e-9; v += step) {
    yTicks.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}"/><text class="tick" x="${M.left - 6}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end">${num(v, 0)}</text>`);
  }
  const xStep = Math.max(1, Math.ceil((x1 - x0) / 8));
  const xTicks: string[] = [];
  for (let y = x0; y <= x1; y += xStep) xTicks.push(`<text class="tick" x="${sx(y).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${y}</text>`);
  const legendY = H - 8;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(t('projection'))}" xmlns="http://www.w3.org/2000/svg">
  <style>.grid{stroke:#e3e3e3}.tick{font-size:11px;fill:#555}.axis{font-size:11px;fill:#333}.band{fill:#1b7837;opacity:.18}.bar{fill:#fdb863;opacity:.8}.base{fill:none;stroke:#777;stroke-width:2;stroke-dasharray:5 4}.proj{fill:none;stroke:#1b7837;stroke-width:2.5}</style>
  ${yTicks.join('')}${xTicks.join('')}
  <text class="axis" x="12" y="${M.top + 4}" transform="rotate(-90 12 ${M.top + 4})" text-anchor="end">t CO₂e</text>
  ${bars}
  <path class="band" d="${bandPath}"/>
  <path class="base" d="${path((row) => row.baseline_tCO2e)}"/>
  <path class="proj" d="${path((row) => row.project_tCO2e)}"/>
  <g class="legend" transform="translate(${M.left},${legendY})">
    <line class="base" x1="0" x2="22" y1="-4" y2="-4"/><text class="tick" x="26" y="0">${esc(t('baseline'))}</text>
    <line class="proj" x1="110" x2="132" y1="-4" y2="-4"/><text class="tick" x="136" y="0">${esc(t('project'))}</text>
    <rect class="band" x="220" y="-10" width="22" height="10"/><text class="tick" x="246" y="0">${esc(t('band'))}</text>
    <rect class="bar" x="350" y="-10" width="12" height="10"/><text class="tick" x="366" y="0">${esc(t('creditable'))}</text>
  </g>
</svg>`;
}
