/**
 * NREL TMY3 CSV (Wilcox and Marion 2008, "Users Manual for TMY3 Data Sets", NREL/TP-581-43156).
 * Line 1: `USAF,station name,state,time zone (h),latitude,longitude,elevation (m)`; line 2 the
 * column names; then 8,760 rows. Columns used: "Date (MM/DD/YYYY)", "Time (HH:MM)" (hour ENDING,
 * local standard time, 01:00–24:00), "GHI (W/m^2)", "DNI (W/m^2)", "DHI (W/m^2)" (Wh/m² over the
 * hour before the stamp = mean W/m²), "Dry-bulb (C)", "Pressure (mbar)", "Wspd (m/s)".
 * Missing values (−9900 in some NSRDB exports) are treated as missing.
 */
import { ParseError } from '../errors.ts';
import { parseCsv } from '../csv.ts';
import type { WeatherSeries } from '../../../layers/weather/series.ts';
import { finishSeries, numberOrMissing, WeatherRows, type WeatherParseOptions } from './build.ts';

const COLUMNS = {
  date: 'Date (MM/DD/YYYY)', time: 'Time (HH:MM)', ghi: 'GHI (W/m^2)', dni: 'DNI (W/m^2)', dhi: 'DHI (W/m^2)',
  temp: 'Dry-bulb (C)', pressure: 'Pressure (mbar)', wind: 'Wspd (m/s)',
} as const;

const MISSING = [-9900, -9999];

/** Parse TMY3 CSV text into a WeatherSeries. Throws ParseError naming the line. */
export function parseTmy3(text: string, opts: WeatherParseOptions = {}): WeatherSeries {
  const { rows: table, lines } = parseCsv(text.replace(/^\uFEFF/, ''), ',');
  if (table.length < 3) throw new ParseError('a TMY3 file has a station line, a header line and hourly rows', 'is this an NREL TMY3 CSV?');
  const [usaf, stationName, state, tz, lat, lon, elev] = table[0];
  const [utc_offset_h, latitude, longitude, elevation_m] = [tz, lat, lon, elev].map(Number);
  if (![utc_offset_h, latitude, longitude, elevation_m].every(Number.isFinite)) {
    throw new ParseError('the station line needs time zone, latitude, longitude and elevation as numbers (fields 4–7)', 'check the first line of the TMY3 file', `line ${lines[0]}`);
  }
  const header = table[1].map((h) => h.trim());
  const col = {} as Record<keyof typeof COLUMNS, number>;
  for (const [k, name] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
    col[k] = header.indexOf(name);
    if (col[k] < 0) throw new ParseError(`column "${name}" not found`, 'TMY3 files name their columns on line 2 as NREL writes them', `line ${lines[1]}`);
  }
  const rows = new WeatherRows();
  for (let r = 2; r < table.length; r++) {
    const f = table[r];
    const line = lines[r];
    const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(f[col.date]?.trim() ?? '');
    const t = /^(\d{1,2}):(\d{2})$/.exec(f[col.time]?.trim() ?? '');
    if (!d || !t) throw new ParseError(`date "${f[col.date]}" / time "${f[col.time]}" not MM/DD/YYYY and HH:MM`, 'check the date and time columns', `line ${line}`);
    const hourEnding = Number(t[1]);
    if (!(hourEnding >= 1 && hourEnding <= 24)) throw new ParseError(`time ${f[col.time]} is not 01:00–24:00 (TMY3 stamps end the hour)`, 'check the time column', `line ${line}`);
    const value = (k: keyof typeof COLUMNS) => numberOrMissing(f[col[k]], MISSING);
    rows.push(line, { year: Number(d[3]), month: Number(d[1]), day: Number(d[2]), hour: hourEnding - 1 }, {
      ghi_w_per_m2: value('ghi'), dni_w_per_m2: value('dni'), dhi_w_per_m2: value('dhi'), temp_air_c: value('temp'),
      pressure_pa: value('pressure') * 100, wind_speed_m_per_s: value('wind'),
    });
  }
  return finishSeries(rows, {
    name: opts.name ?? ([stationName?.trim(), state?.trim()].filter(Boolean).join(', ') || `USAF ${usaf}`),
    latitude: opts.latitude ?? latitude, longitude: opts.longitude ?? longitude, elevation_m: opts.elevation_m ?? elevation_m,
    utc_offset_h, source: opts.source ?? `NREL TMY3 USAF ${usaf?.trim()}`, format: 'tmy3',
  }, { optional: ['pressure_pa'] });
}
