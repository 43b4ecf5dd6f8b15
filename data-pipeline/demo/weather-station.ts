/**
 * The demo county's typical-year weather (weather_tmy_hourly.csv, written by climate.ts) as a
 * weather station like any import: parsed by the plain hourly CSV reader, stored with format
 * 'demo'. Elevation is a fixed 30 m (the valley floor at Anji's county seat is roughly 20–40 m
 * a.s.l.), not read from the synthetic DEM.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Sql, TransactionSql } from 'postgres';
import { insertWeatherStation } from '../../api/store/weather.ts';
import type { WeatherSeries } from '../../layers/weather/series.ts';
import { parseHourlyCsv } from '../import/weather/hourly-csv.ts';

export const DEMO_WEATHER_POINT = { latitude: 30.63, longitude: 119.68, elevation_m: 30 } as const;

/** The demo weather CSV text as a series (format 'demo'). */
export function demoWeatherSeries(csv: string, seed: number): WeatherSeries {
  const s = parseHourlyCsv(csv, {
    ...DEMO_WEATHER_POINT, utc_offset_h: 8,
    name: `安吉 demo typical year (synthetic, seed ${seed})`, source: `synthetic demo county weather (seed ${seed})`,
  });
  return { ...s, station: { ...s.station, format: 'demo' } };
}

/** Replace the demo station (format 'demo') with the series of this CSV file; returns its id. */
export async function insertDemoWeatherStation(tx: Sql | TransactionSql, csvPath: string, seed: number): Promise<number> {
  await (tx as Sql)`DELETE FROM weather_stations WHERE format = 'demo'`;
  return insertWeatherStation(tx, demoWeatherSeries(readFileSync(csvPath, 'utf8'), seed));
}

/**
 * On a database that holds the demo county from before weather stations existed: insert the demo
 * station when there is none and the demo's weather CSV (meta demo_weather_csv) is on disk.
 * Returns the new id, or null when nothing was done.
 */
export async function ensureDemoWeatherStation(sql: Sql): Promise<number | null> {
  const [{ has }] = await sql<{ has: boolean }[]>`SELECT EXISTS (SELECT 1 FROM weather_stations WHERE format = 'demo') has`;
  if (has) return null;
  const meta = Object.fromEntries((await sql<{ key: string; value: string }[]>`
    SELECT key, value FROM meta WHERE key IN ('demo_weather_csv', 'demo_seed')`).map((r) => [r.key, r.value]));
  if (!meta.demo_weather_csv || !existsSync(meta.demo_weather_csv)) return null;
  return sql.begin((tx) => insertDemoWeatherStation(tx, meta.demo_weather_csv, Number(meta.demo_seed)));
}
