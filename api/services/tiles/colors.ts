/** Legend colours → RGBA bytes for raster tiles. */
import type { Legend } from '../../store/catalog.ts';

export type Rgba = [number, number, number, number];

/** Parse '#rgb', '#rgba', '#rrggbb', '#rrggbbaa', 'rgb(r,g,b)' or 'rgba(r,g,b,a)' (a in 0–1) into RGBA 0–255. */
export function parseColor(css: string): Rgba {
  const s = css.trim().toLowerCase();
  let m = /^#([0-9a-f]{3,8})$/.exec(s);
  if (m) {
    let h = m[1];
    if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
    if (h.length === 6) h += 'ff';
    if (h.length === 8) return [0, 2, 4, 6].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgba;
  }
  m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+%?)\s*)?\)$/.exec(s);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [+m[1], +m[2], +m[3], Math.round(Math.min(1, Math.max(0, a)) * 255)].map((v) => Math.round(Math.min(255, Math.max(0, v)))) as Rgba;
  }
  throw new Error(`unsupported colour ${JSON.stringify(css)}`);
}

/** Writes the colour of a value at byte offset i of an RGBA buffer; returns false (writes nothing) when the value has no colour. */
export type Colorizer = (value: number, out: Uint8Array, i: number) => boolean;

/** Exact colours of class codes; values not in the legend are left transparent. */
export function classColorizer(legend: Extract<Legend, { type: 'classes' }>): Colorizer {
  const lut = new Map<number, Rgba>();
  for (const c of legend.classes) lut.set(Number(c.value), parseColor(c.color));
  const small: (Rgba | undefined)[] = [];
  for (const [v, c] of lut) if (Number.isInteger(v) && v >= 0 && v < 65536) small[v] = c;
  return (value, out, i) => {
    const c = (value >= 0 && value < 65536 && Number.isInteger(value) ? small[value] : lut.get(value));
    if (!c) return false;
    out[i] = c[0]; out[i + 1] = c[1]; out[i + 2] = c[2]; out[i + 3] = c[3];
    return true;
  };
}

/** Colours interpolated linearly (in RGBA) between ramp stops; values beyond the ends take the end colour. */
export function rampColorizer(legend: Extract<Legend, { type: 'ramp' }>): Colorizer {
  const stops = [...legend.stops].sort((a, b) => a.value - b.value).map((s) => ({ v: s.value, c: parseColor(s.color) }));
  if (!stops.length) return () => false;
  const last = stops.length - 1;
  return (value, out, i) => {
    let c0 = stops[0].c, c1 = c0, t = 0;
    if (value >= stops[last].v) {
      c0 = c1 = stops[last].c;
    } else if (value > stops[0].v) {
      let k = 1;
      while (stops[k].v < value) k++;
      const a = stops[k - 1], b = stops[k];
      c0 = a.c; c1 = b.c;
      t = (value - a.v) / (b.v - a.v);
    }
    out[i] = c0[0] + (c1[0] - c0[0]) * t + 0.5;
    out[i + 1] = c0[1] + (c1[1] - c0[1]) * t + 0.5;
    out[i + 2] = c0[2] + (c1[2] - c0[2]) * t + 0.5;
    out[i + 3] = c0[3] + (c1[3] - c0[3]) * t + 0.5;
    return true;
  };
}
