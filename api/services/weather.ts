/** The weather stations tantu holds (GET /api/weather/stations). */
import type { Sql } from 'postgres';
import { listWeatherStations } from '../store/weather.ts';

export function weatherStations(sql: Sql) {
  return listWeatherStations(sql);
}
