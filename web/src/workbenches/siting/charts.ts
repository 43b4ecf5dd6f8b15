/** Charts of a yield answer, SVG built in code: monthly bars, the loss waterfall and the horizon profile. */
import { svg } from '../../dom.ts';
import { lang, num, t } from '../../i18n.ts';

/** A step of 1, 2 or 5 × 10ⁿ giving about `ticks` intervals over `range`. */
function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(1, ticks);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Tick labels with as many decimals as the step needs (so small values never read "1, 1, 0"). */
function tickDigits(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step)));
}

function frame(W: number, H: number, label: string, children: (SVGElement | SVGElement[])[]): SVGElement {
  return svg('svg', { class: 'chart energy', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label }, children);
}

function yAxis(max: number, sy: (v: number) => number, x0: number, x1: number, unit: string): SVGElement[] {
  const step = niceStep(max, 4);
  const d = tickDigits(step);
  const out: SVGElement[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) {
    out.push(svg('line', { class: 'grid', x1: x0, x2: x1, y1: sy(v), y2: sy(v) }), svg('text', { class: 'tick', x: x0 - 4, y: sy(v) + 4, 'text-anchor': 'end' }, num(v, d)));
  }
  out.push(svg('text', { class: 'tick', x: 4, y: 10 }, unit));
  return out;
}

/** Monthly energy, MWh (kWh below 10 MWh a month). */
export function monthlyChart(monthly_kwh: number[]): SVGElement {
  const W = 360, H = 180, L = 48, B = 24, T = 16;
  const inMwh = Math.max(...monthly_kwh) >= 10_000;
  const values = monthly_kwh.map((k) => (inMwh ? k / 1000 : k));
  const step = niceStep(Math.max(...values, 1e-9), 4);
  const max = Math.ceil(Math.max(...values, 1e-9) / step) * step;
  const sy = (v: number) => H - B - (v / max) * (H - B - T);
  const bw = (W - L - 8) / 12;
  const months = t('month_short').split(',');
  return frame(W, H, t('monthly_energy'), [
    yAxis(max, sy, L, W - 8, inMwh ? 'MWh' : 'kWh'),
    values.map((v, i) => svg('rect', { class: 'bar', x: L + i * bw + 2, y: sy(v), width: bw - 4, height: Math.max(0, sy(0) - sy(v)), 'data-value': monthly_kwh[i] },
      svg('title', null, `${months[i]}: ${num(monthly_kwh[i], 0)} kWh`))),
    months.map((m, i) => svg('text', { class: 'tick', x: L + (i + 0.5) * bw, y: H - 8, 'text-anchor': 'middle' }, lang() === 'en' ? m.slice(0, 1) : String(i + 1))),
  ]);
}

export interface WaterfallStep { label: string; kwh: number }

/** Nominal energy, each loss (down) or gain (up), and the AC energy, as floating bars. */
export function waterfallChart(nominal_kwh: number, steps: WaterfallStep[], end_kwh: number, labels: { start: string; end: string } = { start: t('nominal'), end: t('ac_energy') }): SVGElement {
  const W = 360, L = 150, R = 70, rowH = 20;
  const H = (steps.length + 2) * rowH + 8;
  const sx = (v: number) => L + (v / nominal_kwh) * (W - L - R);
  const rows: SVGElement[] = [];
  const bar = (i: number, from: number, to: number, cls: string, label: string, value: string) => {
    const y = 4 + i * rowH;
    rows.push(
      svg('text', { class: 'tick', x: L - 6, y: y + 13, 'text-anchor': 'end' }, label),
      svg('rect', { class: cls, x: sx(Math.min(from, to)), y: y + 3, width: Math.max(1, Math.abs(sx(to) - sx(from))), height: rowH - 6 }),
      svg('text', { class: 'tick', x: W - R + 4, y: y + 13 }, value),
    );
  };
  bar(0, 0, nominal_kwh, 'end', labels.start, `${num(nominal_kwh / 1000, 1)} MWh`);
  let level = nominal_kwh;
  steps.forEach((s, i) => {
    bar(i + 1, level, level - s.kwh, s.kwh >= 0 ? 'loss' : 'gain', s.label, `${s.kwh >= 0 ? '−' : '+'}${num((100 * Math.abs(s.kwh)) / nominal_kwh, 1)}%`);
    level -= s.kwh;
  });
  bar(steps.length + 1, 0, end_kwh, 'end', labels.end, `${num(end_kwh / 1000, 1)} MWh`);
  return frame(W, H, t('loss_waterfall'), rows);
}

/** The terrain horizon: elevation angle by azimuth (N → E → S → W → N), sky above, ground below. */
export function horizonChart(azimuth_deg: number[], elevation_deg: number[]): SVGElement {
  const W = 360, H = 150, L = 36, B = 22, T = 10;
  const maxEl = Math.max(10, Math.ceil(Math.max(...elevation_deg) / 5) * 5);
  const sx = (az: number) => L + (az / 360) * (W - L - 8);
  const sy = (el: number) => H - B - (Math.max(0, el) / maxEl) * (H - B - T);
  const pts = azimuth_deg.map((az, i) => [az, elevation_deg[i]] as const).sort((a, b) => a[0] - b[0]);
  const wrap = pts.length ? [[pts[pts.length - 1][0] - 360, pts[pts.length - 1][1]], ...pts, [pts[0][0] + 360, pts[0][1]]] : [];
  const line = wrap.map(([az, el]) => `${sx(Math.min(360, Math.max(0, az))).toFixed(1)},${sy(el).toFixed(1)}`).join(' ');
  const labels = lang() === 'en' ? ['N', 'E', 'S', 'W', 'N'] : ['北', '东', '南', '西', '北'];
  return frame(W, H, t('horizon_plot'), [
    svg('rect', { class: 'sky', x: L, y: T, width: W - L - 8, height: H - B - T }),
    yAxis(maxEl, sy, L, W - 8, '°'),
    svg('polygon', { class: 'ground', points: `${sx(0)},${sy(0)} ${line} ${sx(360)},${sy(0)}` }),
    labels.map((l, i) => svg('text', { class: 'tick', x: sx(i * 90), y: H - 6, 'text-anchor': 'middle' }, l)),
  ]);
}
