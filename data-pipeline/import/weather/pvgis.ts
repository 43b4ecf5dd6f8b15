/**
 * PVGIS typical meteorological year (PVGIS 5.2 `tmy` tool, JRC), JSON or CSV as it writes them.
 * JSON: `inputs.location.{latitude, longitude, elevation}`, `outputs.tmy_hourly[]` of
 * `{ "time(UTC)": "20050101:0000", T2m, RH, "G(h)", "Gb(n)", "Gd(h)", "IR(h)", WS10m, WD10m, SP }`.
 * CSV: metadata lines ("Latitude (decimal degrees): 30.630", "Longitude …", "Elevation (m): …"),
 * then the header `time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),WS10m,WD10m,SP`, hourly rows, and a legend.
 * Times are UTC (the station's utc_offset_h is therefore 0); each month comes from its own year,
 * so rows are set to one year keeping month/day/hour order. Units: W/m², °C, m/s at 10 m, Pa.
 */
import { ParseError } from '../errors.ts';
import type { WeatherSeries } from '../../../layers/weather/series.ts';
import { finishSeries, WeatherRows, type CalendarHour, type WeatherParseOptions } from './build.ts';

const FIELDS = ['T2m', 'G(h)', 'Gb(n)', 'Gd(h)', 'WS10m', 'SP'] as const;

function utcHour(stamp: unknown, where: string): CalendarHour {
  const m = /^(\d{4})(\d{2})(\d{2}):(\d{2})(\d{2})$/.exec(String(stamp ?? '').trim());
  if (!m) throw new ParseError(`time(UTC) "${String(stamp)}" is not YYYYMMDD:HHMM`, 'PVGIS writes times as 20050101:0000', where);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]) };
}

const num = (v: unknown) => (v === null || v === undefined || v === '' ? NaN : Number(v));

function build(rows: WeatherRows, loc: { latitude: number; longitude: number; elevation: number }, opts: WeatherParseOptions): WeatherSeries {
  for (const [k, v] of Object.entries(loc)) if (!Number.isFinite(v)) throw new ParseError(`the file does not state the ${k}`, 'download the TMY from PVGIS 5.2 with its metadata (outputformat=json or csv)');
  return finishSeries(rows, {
    name: opts.name ?? `PVGIS TMY ${loc.latitude.toFixed(3)}°N ${loc.longitude.toFixed(3)}°E`,
    latitude: opts.latitude ?? loc.latitude, longitude: opts.longitude ?? loc.longitude, elevation_m: opts.elevation_m ?? loc.elevation,
    utc_offset_h: 0, source: opts.source ?? 'PVGIS 5.2 TMY (JRC)', format: 'pvgis',
  }, { optional: ['pressure_pa'] });
}

function push(rows: WeatherRows, line: number, hour: CalendarHour, v: Record<(typeof FIELDS)[number], number>): void {
  rows.push(line, hour, {
    temp_air_c: v.T2m, ghi_w_per_m2: v['G(h)'], dni_w_per_m2: v['Gb(n)'], dhi_w_per_m2: v['Gd(h)'], wind_speed_m_per_s: v.WS10m, pressure_pa: v.SP,
  });
}

/** Parse PVGIS TMY JSON. Rows are named by their index in outputs.tmy_hourly (as `line` = index + 1). */
export function parsePvgisJson(text: string, opts: WeatherParseOptions = {}): WeatherSeries {
  let doc: { inputs?: { location?: { latitude?: number; longitude?: number; elevation?: number } }; outputs?: { tmy_hourly?: Record<string, unknown>[] } };
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ParseError(`not JSON (${(e as Error).message})`, 'is this a PVGIS TMY JSON download?');
  }
  const hourly = doc.outputs?.tmy_hourly;
  if (!Array.isArray(hourly)) throw new ParseError('no outputs.tmy_hourly array', 'is this a PVGIS TMY JSON download (tool "tmy", outputformat=json)?');
  const loc = doc.inputs?.location ?? {};
  const rows = new WeatherRows();
  hourly.forEach((h, i) => {
    const v = Object.fromEntries(FIELDS.map((f) => [f, num(h[f])])) as Record<(typeof FIELDS)[number], number>;
    push(rows, i + 1, utcHour(h['time(UTC)'], `outputs.tmy_hourly[${i}]`), v);
  });
  return build(rows, { latitude: num(loc.latitude), longitude: num(loc.longitude), elevation: num(loc.elevation) }, opts);
}

/** Parse PVGIS TMY CSV. Throws ParseError naming the line. */
export function parsePvgisCsv(text: string, opts: WeatherParseOptions = {}): WeatherSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const meta = (label: RegExp) => {
    const hit = lines.find((l) => label.test(l));
    return hit ? Number(/:\s*(-?\d+(?:\.\d+)?)/.exec(hit)?.[1]) : NaN;
  };
  const headerAt = lines.findIndex((l) => l.trim().startsWith('time(UTC)'));
  if (headerAt < 0) throw new ParseError('no "time(UTC),T2m,…" header line', 'is this a PVGIS TMY CSV download?');
  const header = lines[headerAt].split(',').map((s) => s.trim());
  const at = Object.fromEntries(FIELDS.map((f) => [f, header.indexOf(f)]));
  for (const f of FIELDS) if (at[f] < 0 && f !== 'SP') throw new ParseError(`column ${f} not found`, 'PVGIS TMY CSV columns: time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),WS10m,WD10m,SP', `line ${headerAt + 1}`);
  const rows = new WeatherRows();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    if (!/^\d{8}:\d{4}$/.test(f[0]?.trim() ?? '')) {
      if (lines[i].trim() === '') break; // a blank line, then the legend
      throw new ParseError(`"${f[0]}" is not a YYYYMMDD:HHMM time`, 'PVGIS writes times as 20050101:0000', `line ${i + 1}`);
    }
    const v = Object.fromEntries(FIELDS.map((k) => [k, at[k] >= 0 ? num(f[at[k]]?.trim()) : NaN])) as Record<(typeof FIELDS)[number], number>;
    push(rows, i + 1, utcHour(f[0], `line ${i + 1}`), v);
  }
  return build(rows, { latitude: meta(/^Latitude/i), longitude: meta(/^Longitude/i), elevation: meta(/^Elevation/i) }, opts);
}
