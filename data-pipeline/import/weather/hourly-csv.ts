/**
 * A plain hourly CSV with a header: time, ghi, dni?, dhi?, temp_air, wind_speed, pressure?
 * (names as below, case-insensitive; the demo county's weather_tmy_hourly.csv uses
 * time,ghi_w_per_m2,dni_w_per_m2,dhi_w_per_m2,temp_c,wind_ms). `time` is the START of the hour:
 * ISO 8601 with an offset (2023-01-01T00:00+08:00, …Z) or local standard time without one
 * (2023-01-01 00:00) read with utc_offset_h (default +8, China). W/m², °C, m/s at 10 m; pressure in
 * Pa (`pressure`, `pressure_pa`) or hPa (`pressure_hpa`, `pressure_mbar`). The file states no
 * position: latitude, longitude and elevation come from the options.
 */
import { ParseError } from '../errors.ts';
import { parseCsv } from '../csv.ts';
import type { WeatherSeries } from '../../../layers/weather/series.ts';
import { finishSeries, numberOrMissing, requireNumber, WeatherRows, type WeatherColumn, type WeatherParseOptions } from './build.ts';

const NAMES: Record<WeatherColumn | 'time', string[]> = {
  time: ['time', 'timestamp', 'datetime', 'date_time', 'time_start', '时间'],
  ghi_w_per_m2: ['ghi', 'ghi_w_per_m2', 'ghi_wm2', 'g(h)'],
  dni_w_per_m2: ['dni', 'dni_w_per_m2', 'dni_wm2', 'gb(n)'],
  dhi_w_per_m2: ['dhi', 'dhi_w_per_m2', 'dhi_wm2', 'gd(h)'],
  temp_air_c: ['temp_air', 'temp_air_c', 'temp_c', 'temperature', 't2m', 'temp'],
  wind_speed_m_per_s: ['wind_speed', 'wind_speed_m_per_s', 'wind_ms', 'wind', 'ws10m', 'ws'],
  pressure_pa: ['pressure', 'pressure_pa', 'sp', 'pressure_hpa', 'pressure_mbar'],
};
const HPA = ['pressure_hpa', 'pressure_mbar'];

/** Parse a plain hourly CSV into a WeatherSeries. Throws ParseError naming the line. */
export function parseHourlyCsv(text: string, opts: WeatherParseOptions = {}): WeatherSeries {
  const { rows: table, lines } = parseCsv(text.replace(/^\uFEFF/, ''));
  if (table.length < 2) throw new ParseError('no rows under the header', 'a weather CSV has a header line and one row per hour');
  const header = table[0].map((h) => h.trim().toLowerCase());
  const find = (c: WeatherColumn | 'time') => header.findIndex((h) => NAMES[c].includes(h));
  const col = Object.fromEntries((Object.keys(NAMES) as (WeatherColumn | 'time')[]).map((c) => [c, find(c)])) as Record<WeatherColumn | 'time', number>;
  for (const c of ['time', 'ghi_w_per_m2', 'temp_air_c', 'wind_speed_m_per_s'] as const) {
    if (col[c] < 0) throw new ParseError(`no ${c} column (one of ${NAMES[c].join(', ')})`, 'name the columns time, ghi, dni, dhi, temp_air, wind_speed, pressure', `line ${lines[0]}`);
  }
  const pressureScale = col.pressure_pa >= 0 && HPA.includes(header[col.pressure_pa]) ? 100 : 1;
  const offset = opts.utc_offset_h ?? 8;
  const rows = new WeatherRows();
  for (let r = 1; r < table.length; r++) {
    const f = table[r];
    const line = lines[r];
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(f[col.time]?.trim() ?? '');
    if (!m || m[5] !== '00') throw new ParseError(`time "${f[col.time]}" is not an ISO 8601 hour (2023-01-01T00:00+08:00 or 2023-01-01 00:00)`, 'one row per whole hour, the start of the interval', `line ${line}`);
    // Times with an offset: shift to the station's local standard time so all rows share one rule.
    let hour = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]) };
    if (m[6]) {
      const z = m[6] === 'Z' ? 0 : (m[6][0] === '-' ? -1 : 1) * (Number(m[6].slice(1, 3)) + Number(m[6].slice(3).replace(':', '') || 0) / 60);
      const t = new Date(Date.UTC(hour.year, hour.month - 1, hour.day, hour.hour) - z * 3_600_000 + offset * 3_600_000);
      hour = { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours() };
    }
    const value = (c: WeatherColumn) => (col[c] >= 0 ? numberOrMissing(f[col[c]]) : NaN);
    rows.push(line, hour, {
      ghi_w_per_m2: value('ghi_w_per_m2'), dni_w_per_m2: value('dni_w_per_m2'), dhi_w_per_m2: value('dhi_w_per_m2'),
      temp_air_c: value('temp_air_c'), wind_speed_m_per_s: value('wind_speed_m_per_s'), pressure_pa: value('pressure_pa') * pressureScale,
    });
  }
  const hint = 'a plain weather CSV states no position: give --lat, --lon and --elevation';
  return finishSeries(rows, {
    name: opts.name ?? 'hourly CSV station',
    latitude: requireNumber(opts.latitude, 'latitude', hint), longitude: requireNumber(opts.longitude, 'longitude', hint),
    elevation_m: requireNumber(opts.elevation_m, 'elevation', hint), utc_offset_h: offset,
    source: opts.source ?? 'hourly CSV', format: 'csv',
  }, { optional: ['dni_w_per_m2', 'dhi_w_per_m2', 'pressure_pa'] });
}
