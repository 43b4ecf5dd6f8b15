import { describe, expect, it } from 'vitest';
import { parsePvgisCsv, parsePvgisJson } from '../../../data-pipeline/import/weather/pvgis.ts';
import { fixtureHours, TMY_YEARS, toPvgisJson } from '../../fixtures/weather/make-fixtures.ts';
import { parseErrorOf, weatherText } from './weather-helpers.ts';

const json = weatherText('hangzhou-pvgis.json');
const csv = weatherText('hangzhou-pvgis.csv');
const hours = fixtureHours(TMY_YEARS, 0);

describe('PVGIS TMY parser', () => {
  const j = parsePvgisJson(json);
  const c = parsePvgisCsv(csv);

  it('reads inputs.location and the CSV metadata lines', () => {
    for (const s of [j, c]) expect(s.station).toMatchObject({ latitude: 30.23, longitude: 120.17, elevation_m: 42, utc_offset_h: 0, format: 'pvgis' });
  });

  it('times are UTC; months from 2005–2016 are set to one year in month/day/hour order', () => {
    const doc = JSON.parse(json);
    expect(doc.outputs.tmy_hourly[0]['time(UTC)']).toBe('20050101:0000');
    expect(doc.outputs.tmy_hourly[744]['time(UTC)']).toBe('20110201:0000');
    for (const s of [j, c]) {
      expect(s.time_ms.length).toBe(8760);
      expect(new Date(s.time_ms[0]).toISOString()).toBe('2023-01-01T00:00:00.000Z');
      expect(new Date(s.time_ms[744]).toISOString()).toBe('2023-02-01T00:00:00.000Z');
      expect(new Date(s.time_ms[8759]).toISOString()).toBe('2023-12-31T23:00:00.000Z');
    }
  });

  it('maps G(h), Gb(n), Gd(h), T2m, WS10m, SP; JSON and CSV agree', () => {
    const i = 4000 + 4; // 04:00 UTC = noon UTC+8
    const row = JSON.parse(json).outputs.tmy_hourly[i];
    expect(j.ghi_w_per_m2[i]).toBe(row['G(h)']);
    expect(j.ghi_w_per_m2[i]).toBe(hours[i].ghi);
    expect(j.dni_w_per_m2![i]).toBe(row['Gb(n)']);
    expect(j.dhi_w_per_m2![i]).toBe(row['Gd(h)']);
    expect(j.temp_air_c[i]).toBe(row.T2m);
    expect(j.wind_speed_m_per_s[i]).toBe(row.WS10m);
    expect(j.pressure_pa![i]).toBe(row.SP);
    for (const k of ['ghi_w_per_m2', 'temp_air_c', 'pressure_pa'] as const) expect(Array.from(c[k]!)).toEqual(Array.from(j[k]!));
  });

  it('names a bad CSV row by line and a bad JSON row by index', () => {
    const lines = csv.split('\r\n');
    const at = lines.findIndex((l) => l.startsWith('time(UTC)')) + 1 + 100;
    const f = lines[at].split(',');
    f[3] = '-5';
    lines[at] = f.join(',');
    const e = parseErrorOf(() => parsePvgisCsv(lines.join('\r\n')));
    expect(e.problem).toMatch(/ghi_w_per_m2/);
    expect(e.where).toBe(`line ${at + 1}`);
    const doc = JSON.parse(json);
    doc.outputs.tmy_hourly[7]['time(UTC)'] = '2005-01-01 07:00';
    expect(parseErrorOf(() => parsePvgisJson(JSON.stringify(doc))).where).toBe('outputs.tmy_hourly[7]');
  });

  it('a TMY whose February comes from a leap year keeps 29 February: 8784 rows in 2024', () => {
    const years = [...TMY_YEARS];
    years[1] = 2012;
    const s = parsePvgisJson(toPvgisJson(fixtureHours(years, 0)));
    expect(s.time_ms.length).toBe(8784);
    expect(new Date(s.time_ms[59 * 24]).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});
