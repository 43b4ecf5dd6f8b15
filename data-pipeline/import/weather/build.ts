/**
 * What every weather parser shares: the options, a column builder that remembers each row's line,
 * the missing-value rule, one-year normalisation of typical years, and the final check that turns
 * WeatherInputError row indexes into the file's line numbers (ParseError, the import error style).
 */
import { ParseError } from '../errors.ts';
import { checkWeatherSeries, WeatherInputError, type WeatherSeries, type WeatherStation } from '../../../layers/weather/series.ts';

export interface WeatherParseOptions {
  /** Where the data came from, stored with the station (default: the format name). */
  source?: string;
  /** Station name; overrides the file's. */
  name?: string;
  /** Local standard time offset from UTC, h, for files whose times carry none (plain CSV; default 8, China). */
  utc_offset_h?: number;
  /** Station position and elevation for files that do not state them (plain CSV); override the file's. */
  latitude?: number;
  longitude?: number;
  elevation_m?: number;
}

export type WeatherColumn = 'ghi_w_per_m2' | 'dni_w_per_m2' | 'dhi_w_per_m2' | 'temp_air_c' | 'wind_speed_m_per_s' | 'pressure_pa';

/** A local calendar hour as written in a file: month 1–12, day 1–31, hour 0–23 = START of the interval. */
export interface CalendarHour { year: number; month: number; day: number; hour: number }

/** Rows as read: calendar hours (not yet instants) and values, with the 1-based line of each row. */
export class WeatherRows {
  readonly lines: number[] = [];
  readonly hours: CalendarHour[] = [];
  readonly values: Record<WeatherColumn, number[]> = {
    ghi_w_per_m2: [], dni_w_per_m2: [], dhi_w_per_m2: [], temp_air_c: [], wind_speed_m_per_s: [], pressure_pa: [],
  };

  push(line: number, hour: CalendarHour, v: Partial<Record<WeatherColumn, number>>): void {
    this.lines.push(line);
    this.hours.push(hour);
    for (const c of Object.keys(this.values) as WeatherColumn[]) this.values[c].push(v[c] ?? NaN);
  }
}

/** A number from a field, NaN when empty, unparseable or one of the file's missing-value codes. */
export function numberOrMissing(text: string | undefined, missing: number[] = []): number {
  const t = (text ?? '').trim();
  if (t === '') return NaN;
  const v = Number(t);
  return missing.includes(v) ? NaN : v;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Rewrite the year of every row of a typical year (months taken from different years) to one year,
 * keeping month/day/hour order: 2023 (a common year) unless the rows hold 29 February, then 2024.
 * A series whose rows share one year keeps it (a real year, 8,784 rows when it is a leap year).
 */
export function normaliseTypicalYear(hours: CalendarHour[]): { hours: CalendarHour[]; note?: string } {
  const years = new Set(hours.map((h) => h.year));
  if (years.size <= 1) return { hours };
  const year = hours.some((h) => h.month === 2 && h.day === 29) ? 2024 : 2023;
  return {
    hours: hours.map((h) => ({ ...h, year })),
    note: `typical year mixing ${[...years].sort().join(', ')}: rows set to ${year} keeping month/day/hour order`,
  };
}

/** Lines of the given row indexes, as the import errors name them: "lines 5, 9 (2 in all)". */
export function describeLines(lines: number[], rows: number[]): string {
  const shown = rows.slice(0, 10).map((r) => lines[r]).join(', ');
  return `line${rows.length > 1 ? 's' : ''} ${shown}${rows.length > 10 ? ` … (${rows.length} rows in all)` : ''}`;
}

/**
 * Columns → WeatherSeries: local calendar hours → UTC instants (minus utc_offset_h), optional
 * columns null when missing in every row, then checkWeatherSeries. Throws ParseError naming lines.
 */
export function finishSeries(rows: WeatherRows, station: WeatherStation, opts: { wind_height_m?: number; optional: WeatherColumn[] }): WeatherSeries {
  const { hours } = normaliseTypicalYear(rows.hours);
  const n = hours.length;
  const time_ms = new Float64Array(n);
  const offset = station.utc_offset_h * 3_600_000;
  const badDate: number[] = [];
  hours.forEach((h, i) => {
    const t = Date.UTC(h.year, h.month - 1, h.day, h.hour);
    const d = new Date(t);
    if (!Number.isFinite(t) || d.getUTCMonth() !== h.month - 1 || d.getUTCDate() !== h.day || h.hour < 0 || h.hour > 23) badDate.push(i);
    time_ms[i] = t - offset;
  });
  if (badDate.length) throw new ParseError('not a calendar date and hour', 'check the date and hour columns', describeLines(rows.lines, badDate));
  const column = (c: WeatherColumn): Float64Array | null => {
    const v = rows.values[c];
    if (opts.optional.includes(c) && v.every((x) => Number.isNaN(x))) return null;
    return Float64Array.from(v);
  };
  const series: WeatherSeries = {
    station,
    time_ms,
    ghi_w_per_m2: column('ghi_w_per_m2')!,
    dni_w_per_m2: column('dni_w_per_m2'),
    dhi_w_per_m2: column('dhi_w_per_m2'),
    temp_air_c: column('temp_air_c')!,
    wind_speed_m_per_s: column('wind_speed_m_per_s')!,
    wind_height_m: opts.wind_height_m ?? 10,
    pressure_pa: column('pressure_pa'),
  };
  try {
    checkWeatherSeries(series);
  } catch (e) {
    if (!(e instanceof WeatherInputError)) throw e;
    const bad = e.extensions.rows as number[] | undefined;
    const count = e.extensions.count as number | undefined;
    if (!bad) throw new ParseError(e.detail, 'a weather file holds one year of hourly rows: 8760, or 8784 in a leap year');
    const column = e.extensions.column as string | undefined;
    const problem = column
      ? `${column} missing or outside its physical range (${count} row(s)), e.g. ${rows.values[column as WeatherColumn]?.[bad[0]]}`
      : `time does not follow the row before by exactly one hour (${count} row(s))`;
    const all = Array.from({ length: Math.min(count ?? bad.length, 10) }, (_, k) => bad[k]);
    throw new ParseError(problem, column ? 'fix or fill the values on those lines' : 'rows must be consecutive hours of one year, in order', describeLines(rows.lines, all) + (count && count > 10 ? ` … (${count} rows in all)` : ''));
  }
  return series;
}

/** A required option or field as a number, or a ParseError saying which. */
export function requireNumber(value: number | undefined, what: string, hint: string): number {
  if (value === undefined || !Number.isFinite(value)) throw new ParseError(`${what} is not given`, hint);
  return value;
}
