import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHourlyCsv } from '../../../data-pipeline/import/weather/hourly-csv.ts';
import { detectWeatherFormat, parseWeather } from '../../../data-pipeline/import/weather/index.ts';
import { demoWeatherSeries } from '../../../data-pipeline/demo/weather-station.ts';
import { weatherCsv } from '../../../data-pipeline/demo/climate.ts';
import { DEMO_SEED } from '../../../data-pipeline/demo/seed.ts';
import { fixtureHours, toHourlyCsv } from '../../fixtures/weather/make-fixtures.ts';
import { parseErrorOf, WEATHER_FIXTURES, weatherText } from './weather-helpers.ts';

const text = weatherText('hangzhou-hourly.csv');
const at = { latitude: 30.23, longitude: 120.17, elevation_m: 42 };

describe('plain hourly CSV parser', () => {
  it('local times without offset use utc_offset_h (default +8); hPa → Pa', () => {
    const s = parseHourlyCsv(text, at);
    expect(s.station).toMatchObject({ ...at, utc_offset_h: 8, format: 'csv' });
    expect(s.time_ms.length).toBe(8760);
    expect(new Date(s.time_ms[0]).toISOString()).toBe('2022-12-31T16:00:00.000Z');
    const f = text.split('\n')[1 + 2000].split(',');
    expect(s.ghi_w_per_m2[2000]).toBe(Number(f[1]));
    expect(s.pressure_pa![2000]).toBe(Number(f[6]) * 100);
    const utc = parseHourlyCsv(text, { ...at, utc_offset_h: 0 });
    expect(new Date(utc.time_ms[0]).toISOString()).toBe('2023-01-01T00:00:00.000Z');
  });

  it('reads the demo county weather_tmy_hourly.csv (ISO times with +08:00)', () => {
    const { csv, ghi_kwh_per_m2_yr } = weatherCsv(DEMO_SEED);
    expect(csv.split('\n')[0]).toBe('time,ghi_w_per_m2,dni_w_per_m2,dhi_w_per_m2,temp_c,wind_ms');
    const s = demoWeatherSeries(csv, DEMO_SEED);
    expect(s.station).toMatchObject({ name: `安吉 demo typical year (synthetic, seed ${DEMO_SEED})`, latitude: 30.63, longitude: 119.68, format: 'demo' });
    expect(s.time_ms.length).toBe(8760);
    expect(new Date(s.time_ms[0]).toISOString()).toBe('2022-12-31T16:00:00.000Z');
    expect(s.pressure_pa).toBeNull();
    const sum = s.ghi_w_per_m2.reduce((a, b) => a + b, 0) / 1000;
    expect(Math.abs(sum - ghi_kwh_per_m2_yr)).toBeLessThan(0.06);
  });

  it('needs a position, names a bad time and a bad value by line', () => {
    expect(parseErrorOf(() => parseHourlyCsv(text)).problem).toBe('latitude is not given');
    expect(parseErrorOf(() => parseHourlyCsv(text.replace('2023-03-01 05:00', '2023-03-01 05:30'), at)).where).toBe(`line ${1 + (31 + 28) * 24 + 5 + 1}`);
    const lines = text.split('\n');
    lines[10] = lines[10].replace(/,[^,]*,[^,]*$/, ',80,1000'); // wind 80 m/s
    expect(parseErrorOf(() => parseHourlyCsv(lines.join('\n'), at))).toMatchObject({ where: 'line 11' });
  });

  it('a leap year has 8784 rows', () => {
    expect(parseHourlyCsv(toHourlyCsv(fixtureHours(Array(12).fill(2024), 8)), at).time_ms.length).toBe(8784);
  });

  it('detects each fixture format by extension and content', () => {
    const f = (n: string) => readFileSync(WEATHER_FIXTURES + n, 'utf8');
    expect(detectWeatherFormat('hangzhou.epw', f('hangzhou.epw'))).toBe('epw');
    expect(detectWeatherFormat('x.csv', f('hangzhou-tmy3.csv'))).toBe('tmy3');
    expect(detectWeatherFormat('x.csv', f('hangzhou-pvgis.csv'))).toBe('pvgis-csv');
    expect(detectWeatherFormat('x.json', f('hangzhou-pvgis.json'))).toBe('pvgis-json');
    expect(detectWeatherFormat('x.csv', text)).toBe('csv');
    expect(parseWeather('hangzhou.epw', f('hangzhou.epw')).station.source).toBe('hangzhou.epw: EPW tantu test fixture WMO 584570');
  });
});
