/**
 * An hourly weather series as every solar and wind model in tantu reads it, and the checks an
 * imported series must pass. Times are UTC instants (ms since the Unix epoch) of the START of each
 * 1-hour interval; irradiance is the mean over that interval (W/m²).
 *
 * Row counts accepted: 8,760 (a typical or common year: a TMY has no 29 February) or 8,784 (a leap
 * year). Longer multi-year series are not accepted: yield is computed for one year.
 */
import { ModelInputError } from '../core/errors.ts';

export interface WeatherStation {
  name: string;
  /** degrees north, WGS 84 */
  latitude: number;
  /** degrees east, WGS 84 */
  longitude: number;
  /** station elevation above sea level, m */
  elevation_m: number;
  /** the file's local standard time offset from UTC, hours (e.g. 8 for China) */
  utc_offset_h: number;
  /** where the data came from (file name, provider) */
  source: string;
  format: 'epw' | 'tmy3' | 'pvgis' | 'csv' | 'demo';
}

export interface WeatherSeries {
  station: WeatherStation;
  /** Start of each interval, ms since the Unix epoch (UTC). Intervals are 1 h. Irradiance is the mean over the interval. */
  time_ms: Float64Array;
  /** global horizontal irradiance, W/m² */
  ghi_w_per_m2: Float64Array;
  /** direct normal irradiance, W/m²; null when the source has GHI only */
  dni_w_per_m2: Float64Array | null;
  /** diffuse horizontal irradiance, W/m²; null when the source has GHI only */
  dhi_w_per_m2: Float64Array | null;
  /** air temperature, °C */
  temp_air_c: Float64Array;
  /** wind speed at wind_height_m, m/s */
  wind_speed_m_per_s: Float64Array;
  /** height of the wind measurement, m (10 unless the file says) */
  wind_height_m: number;
  /** surface air pressure, Pa; null when absent */
  pressure_pa: Float64Array | null;
}

/** Row counts a series may have: a common (or typical) year and a leap year. */
export const WEATHER_YEAR_HOURS = [8760, 8784] as const;

const HOUR_MS = 3_600_000;

/** Physical ranges [min, max] of each column (inclusive), in the column's unit. */
export const WEATHER_RANGES = {
  ghi_w_per_m2: [0, 1500],
  dni_w_per_m2: [0, 1500],
  dhi_w_per_m2: [0, 1500],
  temp_air_c: [-60, 60],
  wind_speed_m_per_s: [0, 75],
  pressure_pa: [50_000, 110_000],
} as const;

/** A weather series that cannot be used; `extensions.rows` lists the first bad 0-based row indexes. */
export class WeatherInputError extends ModelInputError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    // The detail names columns and rows (e.g. "ghi_w_per_m2 out of range in rows 3, 7"): the same figures in both languages.
    super({ code: 'bad_weather_series', title: 'Unusable weather series', detail, extensions, zh: { title: '气象序列不可用', detail: `气象序列有误：${detail}` } });
    this.name = 'WeatherInputError';
  }
}

/** "rows 3, 7 (2 in all)" for 0-based indexes, showing the first 10 (1-based row numbers). */
export function describeRows(rows: number[]): string {
  const shown = rows.slice(0, 10).map((r) => r + 1).join(', ');
  return `row${rows.length > 1 ? 's' : ''} ${shown}${rows.length > 10 ? ` … (${rows.length} in all)` : ` (${rows.length} in all)`}`;
}

/**
 * Check a series: equal column lengths, 8,760 or 8,784 rows, times ascending by exactly 1 h,
 * finite values inside WEATHER_RANGES. Throws WeatherInputError naming the bad rows (first 10
 * and the count, 1-based row numbers of the series).
 */
export function checkWeatherSeries(s: WeatherSeries): void {
  const n = s.time_ms.length;
  if (!(WEATHER_YEAR_HOURS as readonly number[]).includes(n)) {
    throw new WeatherInputError(`a weather series has 8760 (common or typical year) or 8784 (leap year) hourly rows, this one has ${n}`, { n_hours: n });
  }
  const columns = Object.keys(WEATHER_RANGES) as (keyof typeof WEATHER_RANGES)[];
  for (const c of columns) {
    const col = s[c];
    if (col && col.length !== n) throw new WeatherInputError(`column ${c} has ${col.length} rows, time has ${n}`);
  }
  const { latitude, longitude } = s.station;
  if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
    throw new WeatherInputError(`station position ${latitude}, ${longitude} is not a latitude/longitude in degrees`);
  }
  if (!Number.isFinite(s.station.elevation_m)) throw new WeatherInputError('station elevation is not a number');
  if (!(s.wind_height_m > 0 && s.wind_height_m <= 500)) throw new WeatherInputError(`wind measurement height ${s.wind_height_m} m is outside 0–500 m`);
  const badTime: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(s.time_ms[i]) || (i > 0 && s.time_ms[i] - s.time_ms[i - 1] !== HOUR_MS)) badTime.push(i);
  }
  if (badTime.length) {
    throw new WeatherInputError(`times must ascend by exactly one hour: ${describeRows(badTime)} do not follow the row before`, { rows: badTime.slice(0, 10), count: badTime.length });
  }
  for (const c of columns) {
    const col = s[c];
    if (!col) continue;
    const [lo, hi] = WEATHER_RANGES[c];
    const bad: number[] = [];
    for (let i = 0; i < n; i++) if (!(col[i] >= lo && col[i] <= hi)) bad.push(i);
    if (bad.length) {
      throw new WeatherInputError(`${c} outside ${lo}–${hi} (or missing) in ${describeRows(bad)}, e.g. ${col[bad[0]]}`, { column: c, rows: bad.slice(0, 10), count: bad.length });
    }
  }
}
