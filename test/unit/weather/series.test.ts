import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../../../layers/core/errors.ts';
import { checkWeatherSeries, WeatherInputError, type WeatherSeries } from '../../../layers/weather/series.ts';

function series(n: number): WeatherSeries {
  const t0 = Date.UTC(2022, 11, 31, 16);
  const col = (v: number) => new Float64Array(n).fill(v);
  return {
    station: { name: 't', latitude: 30, longitude: 120, elevation_m: 10, utc_offset_h: 8, source: 'test', format: 'csv' },
    time_ms: Float64Array.from({ length: n }, (_, i) => t0 + i * 3_600_000),
    ghi_w_per_m2: col(100), dni_w_per_m2: null, dhi_w_per_m2: null, temp_air_c: col(15), wind_speed_m_per_s: col(2), wind_height_m: 10, pressure_pa: col(101_325),
  };
}

const errorOf = (s: WeatherSeries) => {
  try {
    checkWeatherSeries(s);
  } catch (e) {
    return e as WeatherInputError;
  }
  throw new Error('expected an error');
};

describe('checkWeatherSeries', () => {
  it('accepts 8760 and 8784 rows, nothing else', () => {
    expect(() => checkWeatherSeries(series(8760))).not.toThrow();
    expect(() => checkWeatherSeries(series(8784))).not.toThrow();
    const e = errorOf(series(8761));
    expect(e).toBeInstanceOf(ModelInputError);
    expect(e.code).toBe('bad_weather_series');
    expect(e.extensions.n_hours).toBe(8761);
  });

  it('names the first 10 bad rows (1-based) and the count', () => {
    const s = series(8760);
    for (let i = 100; i < 115; i++) s.ghi_w_per_m2[i] = 1600;
    const e = errorOf(s);
    expect(e.detail).toBe('ghi_w_per_m2 outside 0–1500 (or missing) in rows 101, 102, 103, 104, 105, 106, 107, 108, 109, 110 … (15 in all), e.g. 1600');
    expect(e.extensions).toMatchObject({ column: 'ghi_w_per_m2', count: 15, rows: Array.from({ length: 10 }, (_, k) => 100 + k) });
  });

  it('range edges: temperature, wind, pressure, NaN', () => {
    const cases: [keyof WeatherSeries, number][] = [['temp_air_c', -60.1], ['wind_speed_m_per_s', 75.5], ['pressure_pa', 49_999], ['temp_air_c', NaN]];
    for (const [k, v] of cases) {
      const s = series(8760);
      (s[k] as Float64Array)[7] = v;
      expect(errorOf(s).extensions.rows).toEqual([7]);
    }
    const ok = series(8760);
    ok.temp_air_c[0] = -60;
    ok.wind_speed_m_per_s[0] = 75;
    ok.pressure_pa![0] = 110_000;
    expect(() => checkWeatherSeries(ok)).not.toThrow();
  });

  it('times must ascend by exactly one hour', () => {
    const s = series(8760);
    s.time_ms[50] += 60_000;
    expect(errorOf(s).extensions).toMatchObject({ rows: [50, 51], count: 2 });
  });

  it('column lengths must match', () => {
    const s = series(8760);
    s.dni_w_per_m2 = new Float64Array(10);
    expect(errorOf(s).detail).toBe('column dni_w_per_m2 has 10 rows, time has 8760');
  });
});
