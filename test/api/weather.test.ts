/**
 * Weather stations against a real PostGIS: import through the CLI's function, read back equal
 * (to float4), list, nearest by geography, the demo station after start-up, bad files write nothing.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectTo } from '../../api/store/connect.ts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runWeatherImport } from '../../data-pipeline/commands/import.ts';
import { ImportError } from '../../data-pipeline/import/errors.ts';
import { parseWeather } from '../../data-pipeline/import/weather/index.ts';
import { getWeatherSeries, listWeatherStations, nearestWeatherStation } from '../../api/store/weather.ts';
import { WEATHER_FIXTURES } from '../unit/import/weather-helpers.ts';

const sql = connectTo(inject('databaseUrl'), { max: 1, onnotice: () => {} });
const tmp = mkdtempSync(join(tmpdir(), 'tantu-weather-test-'));
const created: number[] = [];
const run = async (file: string, ...args: string[]) => {
  const lines: string[] = [];
  const r = await runWeatherImport([file, '--as', 'weather', ...args], { db: sql, dataDir: tmp, log: (m) => lines.push(m) });
  created.push(r.id);
  return { r, lines };
};

afterAll(async () => {
  if (created.length) await sql`DELETE FROM weather_stations WHERE id = ANY(${created})`;
  await sql.end();
  rmSync(tmp, { recursive: true, force: true });
});

describe('weather stations', () => {
  it('imports the EPW fixture through the command and reads it back equal', async () => {
    const file = join(WEATHER_FIXTURES, 'hangzhou.epw');
    const { r, lines } = await run(file);
    const expected = parseWeather('hangzhou.epw', readFileSync(file, 'utf8'));
    const ghi = Math.round(expected.ghi_w_per_m2.reduce((a, b) => a + b, 0) / 1000).toLocaleString('en-US');
    expect(lines.at(-1)).toBe(`imported weather station #${r.id} Hangzhou-like fixture, ZJ, CHN: 8760 h, GHI ${ghi} kWh/m²/yr`);
    const back = (await getWeatherSeries(sql, r.id))!;
    expect(back.station).toEqual(expected.station);
    expect(back.wind_height_m).toBe(10);
    expect(Array.from(back.time_ms)).toEqual(Array.from(expected.time_ms));
    for (const k of ['ghi_w_per_m2', 'dni_w_per_m2', 'dhi_w_per_m2', 'temp_air_c', 'wind_speed_m_per_s', 'pressure_pa'] as const) {
      expect(Array.from(back[k]!)).toEqual(Array.from(expected[k]!, Math.fround));
    }
    expect(await getWeatherSeries(sql, 2 ** 31 - 1)).toBeNull();
  });

  it('imports a plain CSV with --lat --lon --elevation --name --utc-offset; absent columns stay null', async () => {
    const file = join(tmp, 'ghi-only.csv');
    const src = readFileSync(join(WEATHER_FIXTURES, 'hangzhou-hourly.csv'), 'utf8').split('\n');
    writeFileSync(file, src.map((l) => l.split(',').filter((_, k) => k !== 2 && k !== 3 && k !== 6).join(',')).join('\n'));
    const { r } = await run(file, '--lat', '29.1', '--lon', '121.2', '--elevation', '5', '--name', 'coast', '--utc-offset', '8');
    const back = (await getWeatherSeries(sql, r.id))!;
    expect(back.station).toMatchObject({ name: 'coast', latitude: 29.1, longitude: 121.2, elevation_m: 5, utc_offset_h: 8, format: 'csv' });
    expect([back.dni_w_per_m2, back.dhi_w_per_m2, back.pressure_pa]).toEqual([null, null, null]);
    const listed = (await listWeatherStations(sql)).find((s) => s.id === r.id)!;
    expect(listed).toMatchObject({ name: 'coast', latitude: 29.1, longitude: 121.2, n_hours: 8760, format: 'csv' });
    expect(listed.annual_ghi_kwh_per_m2).toBeCloseTo(back.ghi_w_per_m2.reduce((a, b) => a + b, 0) / 1000, 3);
    // nearest by geography: a point 0.01° from this station
    const near = (await nearestWeatherStation(sql, 121.21, 29.1))!;
    expect(near.id).toBe(r.id);
    const expectedKm = 0.01 * (Math.PI / 180) * 6378.137 * Math.cos((29.1 * Math.PI) / 180); // ≈ along the parallel
    expect(Math.abs(near.distance_km - expectedKm) / expectedKm).toBeLessThan(0.01);
  });

  it('the demo county has its typical-year station after start-up', async () => {
    const demo = (await listWeatherStations(sql)).filter((s) => s.format === 'demo');
    expect(demo).toHaveLength(1);
    const [{ value: seed }] = await sql`SELECT value FROM meta WHERE key = 'demo_seed'`;
    expect(demo[0]).toMatchObject({ name: `安吉 demo typical year (synthetic, seed ${seed})`, latitude: 30.63, longitude: 119.68, elevation_m: 30, n_hours: 8760 });
    expect(demo[0].annual_ghi_kwh_per_m2).toBeGreaterThan(1150);
    expect(demo[0].annual_ghi_kwh_per_m2).toBeLessThan(1300);
  });

  it('a bad file names the line and writes nothing', async () => {
    const file = join(tmp, 'bad.epw');
    const lines = readFileSync(join(WEATHER_FIXTURES, 'hangzhou.epw'), 'utf8').split('\n');
    const f = lines[20].split(',');
    f[6] = '88';
    lines[20] = f.join(',');
    writeFileSync(file, lines.join('\n'));
    const [{ n: before }] = await sql`SELECT count(*)::int n FROM weather_stations`;
    const err = await runWeatherImport([file, '--as', 'weather'], { db: sql, dataDir: tmp, log: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toMatch(/^bad\.epw: line 21: temp_air_c missing or outside its physical range/);
    const [{ n: after }] = await sql`SELECT count(*)::int n FROM weather_stations`;
    expect(after).toBe(before);
  });
});
