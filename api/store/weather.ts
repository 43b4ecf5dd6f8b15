/**
 * Weather stations and their hourly series (table weather_stations, migration 003): write one
 * checked series, read it back, list stations, find the nearest one. Series columns are stored as
 * little-endian float4 bytea (see the migration for why).
 */
import type { Sql, TransactionSql } from 'postgres';
import { checkWeatherSeries, type WeatherSeries, type WeatherStation } from '../../layers/weather/series.ts';

const HOUR_MS = 3_600_000;

function toBytes(a: Float64Array): Buffer {
  const f = Float32Array.from(a);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

function fromBytes(b: Uint8Array): Float64Array {
  const copy = new Uint8Array(b); // aligned copy for the Float32Array view
  return Float64Array.from(new Float32Array(copy.buffer, 0, copy.byteLength / 4));
}

const orNull = (a: Float64Array | null) => (a ? toBytes(a) : null);

/** Annual global horizontal irradiation of a series, kWh/m² (sum of hourly means × 1 h). */
export function annualGhiKwhPerM2(s: WeatherSeries): number {
  let sum = 0;
  for (const v of s.ghi_w_per_m2) sum += v;
  return sum / 1000;
}

/** Check and insert one series; returns weather_stations.id. Run it inside the import's transaction. */
export async function insertWeatherStation(sql: Sql | TransactionSql, s: WeatherSeries): Promise<number> {
  checkWeatherSeries(s);
  const st = s.station;
  const [{ id }] = await (sql as Sql)<{ id: number }[]>`
    INSERT INTO weather_stations (name, geom, elevation_m, utc_offset_h, source, format, wind_height_m, n_hours, start_utc,
      annual_ghi_kwh_per_m2, ghi, dni, dhi, temp_air, wind_speed, pressure)
    VALUES (${st.name}, ST_SetSRID(ST_MakePoint(${st.longitude}, ${st.latitude}), 4326), ${st.elevation_m}, ${st.utc_offset_h},
      ${st.source}, ${st.format}, ${s.wind_height_m}, ${s.time_ms.length}, ${new Date(s.time_ms[0])}, ${annualGhiKwhPerM2(s)},
      ${toBytes(s.ghi_w_per_m2)}, ${orNull(s.dni_w_per_m2)}, ${orNull(s.dhi_w_per_m2)}, ${toBytes(s.temp_air_c)},
      ${toBytes(s.wind_speed_m_per_s)}, ${orNull(s.pressure_pa)})
    RETURNING id`;
  return id;
}

interface Row {
  name: string; latitude: number; longitude: number; elevation_m: number; utc_offset_h: number; source: string;
  format: WeatherStation['format']; wind_height_m: number; n_hours: number; start_utc: Date;
  ghi: Uint8Array; dni: Uint8Array | null; dhi: Uint8Array | null; temp_air: Uint8Array; wind_speed: Uint8Array; pressure: Uint8Array | null;
}

/** One station's series (values at float4 precision), or null when there is no such id. */
export async function getWeatherSeries(sql: Sql, id: number): Promise<WeatherSeries | null> {
  const [r] = await sql<Row[]>`
    SELECT name, ST_Y(geom) latitude, ST_X(geom) longitude, elevation_m, utc_offset_h, source, format, wind_height_m, n_hours,
      start_utc, ghi, dni, dhi, temp_air, wind_speed, pressure
    FROM weather_stations WHERE id = ${id}`;
  if (!r) return null;
  const t0 = r.start_utc.getTime();
  return {
    station: { name: r.name, latitude: r.latitude, longitude: r.longitude, elevation_m: r.elevation_m, utc_offset_h: r.utc_offset_h, source: r.source, format: r.format },
    time_ms: Float64Array.from({ length: r.n_hours }, (_, i) => t0 + i * HOUR_MS),
    ghi_w_per_m2: fromBytes(r.ghi),
    dni_w_per_m2: r.dni ? fromBytes(r.dni) : null,
    dhi_w_per_m2: r.dhi ? fromBytes(r.dhi) : null,
    temp_air_c: fromBytes(r.temp_air),
    wind_speed_m_per_s: fromBytes(r.wind_speed),
    wind_height_m: r.wind_height_m,
    pressure_pa: r.pressure ? fromBytes(r.pressure) : null,
  };
}

export interface WeatherStationSummary {
  id: number; name: string; latitude: number; longitude: number; elevation_m: number; source: string;
  format: WeatherStation['format']; n_hours: number; annual_ghi_kwh_per_m2: number;
}

/** Every station, by id. */
export async function listWeatherStations(sql: Sql): Promise<WeatherStationSummary[]> {
  return sql<WeatherStationSummary[]>`
    SELECT id, name, ST_Y(geom) latitude, ST_X(geom) longitude, elevation_m, source, format, n_hours, annual_ghi_kwh_per_m2
    FROM weather_stations ORDER BY id`;
}

/** The station nearest to a point (degrees, WGS 84) on the ellipsoid, and its distance in km; null when none. */
export async function nearestWeatherStation(sql: Sql, lon: number, lat: number): Promise<{ id: number; distance_km: number } | null> {
  const [r] = await sql<{ id: number; distance_km: number }[]>`
    SELECT id, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography) / 1000 distance_km
    FROM weather_stations ORDER BY distance_km, id LIMIT 1`;
  return r ?? null;
}
