import { describe, expect, it } from 'vitest';
import { parseEpw } from '../../../data-pipeline/import/weather/epw.ts';
import { fixtureHours, STATION, TMY_YEARS, toEpw } from '../../fixtures/weather/make-fixtures.ts';
import { parseErrorOf, setField, weatherText } from './weather-helpers.ts';

const text = weatherText('hangzhou.epw');
const hours = fixtureHours(TMY_YEARS, 8);
const HEADER_LINES = 8;

describe('EPW parser', () => {
  const s = parseEpw(text);

  it('reads the LOCATION line into the station', () => {
    expect(s.station).toMatchObject({ name: 'Hangzhou-like fixture, ZJ, CHN', latitude: STATION.latitude, longitude: STATION.longitude, elevation_m: 42, utc_offset_h: 8, format: 'epw' });
    expect(s.wind_height_m).toBe(10);
  });

  it('gives 8760 hour-starts in UTC: hour 1 (ending 01:00 UTC+8) starts at 16:00 UTC the day before', () => {
    expect(s.time_ms.length).toBe(8760);
    // mixed TMY years are set to one common year, 2023
    expect(new Date(s.time_ms[0]).toISOString()).toBe('2022-12-31T16:00:00.000Z');
    expect(new Date(s.time_ms[8759]).toISOString()).toBe('2023-12-31T15:00:00.000Z');
  });

  it('reads fields 7, 10, 14, 15, 16, 22 at a known hour (1 July, hour-ending 12 → 03:00 UTC)', () => {
    const row = hours.findIndex((h) => h.month === 7 && h.day === 1 && h.hour === 11);
    const fields = text.split('\n')[HEADER_LINES + row].split(',');
    expect(fields.slice(1, 4)).toEqual(['7', '1', '12']);
    expect(new Date(s.time_ms[row]).toISOString()).toBe('2023-07-01T03:00:00.000Z');
    expect(s.ghi_w_per_m2[row]).toBe(Number(fields[13]));
    expect(s.ghi_w_per_m2[row]).toBe(hours[row].ghi);
    expect(s.ghi_w_per_m2[row]).toBeGreaterThan(300);
    expect(s.dni_w_per_m2![row]).toBe(hours[row].dni);
    expect(s.dhi_w_per_m2![row]).toBe(hours[row].dhi);
    expect(s.temp_air_c[row]).toBe(hours[row].temp);
    expect(s.pressure_pa![row]).toBe(hours[row].pressure_hpa * 100);
    expect(s.wind_speed_m_per_s[row]).toBe(hours[row].wind);
  });

  it('treats 9999 radiation as missing and names the line', () => {
    const e = parseErrorOf(() => parseEpw(setField(text, HEADER_LINES + 101, 13, '9999')));
    expect(e.problem).toMatch(/ghi_w_per_m2 missing or outside/);
    expect(e.where).toBe(`line ${HEADER_LINES + 101}`);
  });

  it('a pressure of 999999 (missing) on every row gives no pressure column', () => {
    const lines = text.split('\n').map((l, i) => (i < HEADER_LINES || !l ? l : setField(l, 1, 9, '999999')));
    expect(parseEpw(lines.join('\n')).pressure_pa).toBeNull();
  });

  it('names out-of-range rows by line, the first 10 and the count', () => {
    let t = text;
    for (let r = 0; r < 12; r++) t = setField(t, HEADER_LINES + 1 + r, 6, '75');
    const e = parseErrorOf(() => parseEpw(t));
    expect(e.problem).toMatch(/temp_air_c .*12 row/);
    expect(e.where).toBe(`lines ${Array.from({ length: 10 }, (_, r) => HEADER_LINES + 1 + r).join(', ')} … (12 rows in all)`);
  });

  it('reads a leap year of one year as 8784 rows', () => {
    const leap = parseEpw(toEpw(fixtureHours(Array(12).fill(2024), 8)));
    expect(leap.time_ms.length).toBe(8784);
    expect(new Date(leap.time_ms[59 * 24]).toISOString()).toBe('2024-02-28T16:00:00.000Z'); // 29 Feb 00:00 UTC+8
    expect(new Date(leap.time_ms[8783]).toISOString()).toBe('2024-12-31T15:00:00.000Z');
  });

  it('rejects a file cut short', () => {
    const e = parseErrorOf(() => parseEpw(text.split('\n').slice(0, HEADER_LINES + 100).join('\n')));
    expect(e.problem).toMatch(/8760 .* 8784 .* has 100/);
  });
});
