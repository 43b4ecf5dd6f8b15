import { describe, expect, it } from 'vitest';
import { parseTmy3 } from '../../../data-pipeline/import/weather/tmy3.ts';
import { parseEpw } from '../../../data-pipeline/import/weather/epw.ts';
import { fixtureHours, toTmy3 } from '../../fixtures/weather/make-fixtures.ts';
import { parseErrorOf, setField, weatherText } from './weather-helpers.ts';

const text = weatherText('hangzhou-tmy3.csv');

describe('TMY3 parser', () => {
  const s = parseTmy3(text);

  it('reads the station line', () => {
    expect(s.station).toMatchObject({ name: 'Hangzhou-like fixture, ZJ', latitude: 30.23, longitude: 120.17, elevation_m: 42, utc_offset_h: 8, format: 'tmy3' });
    expect(s.station.source).toBe('NREL TMY3 USAF 584570');
  });

  it('shifts hour-ending stamps to interval starts in UTC; 24:00 is the last hour of its day', () => {
    expect(s.time_ms.length).toBe(8760);
    expect(new Date(s.time_ms[0]).toISOString()).toBe('2022-12-31T16:00:00.000Z');
    const lastOfJan1 = text.split('\n')[2 + 23];
    expect(lastOfJan1.startsWith('01/01/2005,24:00,')).toBe(true);
    expect(new Date(s.time_ms[23]).toISOString()).toBe('2023-01-01T15:00:00.000Z');
    expect(new Date(s.time_ms[8759]).toISOString()).toBe('2023-12-31T15:00:00.000Z');
  });

  it('reads the same values as the EPW fixture (same weather), pressure mbar → Pa', () => {
    const e = parseEpw(weatherText('hangzhou.epw'));
    expect(Array.from(s.time_ms)).toEqual(Array.from(e.time_ms));
    for (const k of ['ghi_w_per_m2', 'dni_w_per_m2', 'dhi_w_per_m2', 'temp_air_c', 'wind_speed_m_per_s', 'pressure_pa'] as const) {
      expect(Array.from(s[k]!)).toEqual(Array.from(e[k]!));
    }
    const f = text.split('\n')[2 + 4500].split(',');
    expect(s.pressure_pa![4500]).toBe(Number(f[6]) * 100);
    expect(s.ghi_w_per_m2[4500]).toBe(Number(f[2]));
  });

  it('treats -9900 as missing and names the line', () => {
    const e = parseErrorOf(() => parseTmy3(setField(text, 500, 7, '-9900')));
    expect(e.problem).toMatch(/wind_speed_m_per_s missing/);
    expect(e.where).toBe('line 500');
  });

  it('names a row whose time is not HH:MM', () => {
    const e = parseErrorOf(() => parseTmy3(setField(text, 40, 1, '7 pm')));
    expect(e.where).toBe('line 40');
  });

  it('reads a real leap year as 8784 rows', () => {
    expect(parseTmy3(toTmy3(fixtureHours(Array(12).fill(2024), 8))).time_ms.length).toBe(8784);
  });

  it('names a missing column', () => {
    const e = parseErrorOf(() => parseTmy3(text.replace('GHI (W/m^2)', 'GHI')));
    expect(e.problem).toBe('column "GHI (W/m^2)" not found');
    expect(e.where).toBe('line 2');
  });
});
