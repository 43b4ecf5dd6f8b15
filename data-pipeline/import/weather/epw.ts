/**
 * EnergyPlus weather (EPW). Line 1: `LOCATION,city,state,country,source,WMO,latitude,longitude,
 * time zone (h from UTC),elevation (m)`; 7 more header lines; then one row per hour. Data fields
 * (1-based, EnergyPlus Auxiliary Programs, "Weather Converter Program — EnergyPlus Weather File
 * (EPW) Data Dictionary"): 1 year, 2 month, 3 day, 4 hour 1–24 (hour ENDING, local standard time),
 * 5 minute, 6 source flags, 7 dry bulb °C, 8 dew point, 9 RH, 10 pressure Pa, 11–13 extraterrestrial
 * and infrared, 14 global horizontal Wh/m², 15 direct normal, 16 diffuse horizontal, 17–20
 * illuminance, 21 wind direction, 22 wind speed m/s (10 m). Missing: 99.9 or 999 (dry bulb; the
 * Weather Converter's DataMissingValues use 999), 999999
 * (pressure), 9999 (radiation), 999 (wind speed).
 * Hour h (1–24) covers local [h−1, h): the interval starts at hour h−1; Wh/m² over one hour = mean W/m².
 */
import { ParseError } from '../errors.ts';
import type { WeatherSeries } from '../../../layers/weather/series.ts';
import { finishSeries, numberOrMissing, WeatherRows, type WeatherParseOptions } from './build.ts';

const HEADER_KEYWORDS = /^(LOCATION|DESIGN CONDITIONS|TYPICAL\/EXTREME PERIODS|GROUND TEMPERATURES|HOLIDAYS\/DAYLIGHT SAVINGS|COMMENTS 1|COMMENTS 2|DATA PERIODS)\b/i;

/** Parse EPW text into a WeatherSeries. Throws ParseError naming the line. */
export function parseEpw(text: string, opts: WeatherParseOptions = {}): WeatherSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const loc = lines[0]?.split(',') ?? [];
  if (!/^LOCATION$/i.test(loc[0]?.trim() ?? '')) throw new ParseError('an EPW file starts with a LOCATION line', 'is this an EnergyPlus .epw file?', 'line 1');
  const [latitude, longitude, tz, elevation] = [6, 7, 8, 9].map((k) => Number(loc[k]));
  if (![latitude, longitude, tz, elevation].every(Number.isFinite)) {
    throw new ParseError('LOCATION needs latitude, longitude, time zone and elevation as numbers (fields 7–10)', 'check the first line', 'line 1');
  }
  const rows = new WeatherRows();
  lines.forEach((raw, i) => {
    if (i === 0 || raw.trim() === '' || HEADER_KEYWORDS.test(raw)) return;
    const f = raw.split(',');
    const line = i + 1;
    if (f.length < 22) throw new ParseError(`a data row has ${f.length} fields, EPW rows have at least 22`, 'the file may be cut short or not an EPW file', `line ${line}`);
    const [year, month, day, hourEnding] = f.slice(0, 4).map(Number);
    if (!(hourEnding >= 1 && hourEnding <= 24)) throw new ParseError(`hour ${f[3]} is not 1–24 (EPW hours end the interval)`, 'check field 4', `line ${line}`);
    rows.push(line, { year, month, day, hour: hourEnding - 1 }, {
      temp_air_c: numberOrMissing(f[6], [99.9, 999]),
      pressure_pa: numberOrMissing(f[9], [999999]),
      ghi_w_per_m2: numberOrMissing(f[13], [9999]),
      dni_w_per_m2: numberOrMissing(f[14], [9999]),
      dhi_w_per_m2: numberOrMissing(f[15], [9999]),
      wind_speed_m_per_s: numberOrMissing(f[21], [999]),
    });
  });
  const name = opts.name ?? ([loc[1], loc[2], loc[3]].map((s) => s?.trim()).filter(Boolean).join(', ') || 'EPW station');
  return finishSeries(rows, {
    name, latitude: opts.latitude ?? latitude, longitude: opts.longitude ?? longitude, elevation_m: opts.elevation_m ?? elevation,
    utc_offset_h: tz, source: opts.source ?? `EPW ${loc[4]?.trim() || ''} WMO ${loc[5]?.trim() || '?'}`.replace(/\s+/g, ' '), format: 'epw',
  }, { optional: ['pressure_pa'] });
}
