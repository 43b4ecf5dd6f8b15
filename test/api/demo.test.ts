import { existsSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connectTo } from '../../api/store/connect.ts';

const sql = connectTo(inject('databaseUrl'), { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

const TABLES = ['regions', 'stands', 'wetlands', 'protected_areas', 'roads', 'places', 'charging_stations', 'substations', 'power_lines'];

describe('demo county in the database', () => {
  it('fills every table with a plausible number of synthetic-demo rows', async () => {
    const counts: Record<string, number> = {};
    for (const t of TABLES) {
      const [{ n }] = await sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${t} WHERE source LIKE 'synthetic demo (seed %)'`);
      counts[t] = n;
    }
    expect(counts.regions).toBe(1 + 15 + 209);
    expect(counts.stands).toBeGreaterThan(3000);
    expect(counts.stands).toBeLessThan(15000);
    expect(counts.wetlands).toBeGreaterThan(10);
    expect(counts.protected_areas).toBeGreaterThan(2);
    expect(counts.roads).toBeGreaterThan(500);
    expect(counts.roads).toBeLessThan(6000);
    expect(counts.places).toBe(1 + 14 + 209);
    expect(counts.charging_stations).toBeGreaterThan(30);
    expect(counts.substations).toBeGreaterThan(5);
    expect(counts.power_lines).toBeGreaterThan(5);
    const levels = await sql<{ level: string; n: number }[]>`SELECT level, count(*)::int n FROM regions GROUP BY level ORDER BY level`;
    expect(Object.fromEntries(levels.map((r) => [r.level, r.n]))).toEqual({ county: 1, township: 15, village: 209 });
  });

  it('names every named feature in English too, without Chinese characters (the English interface shows them)', async () => {
    for (const t of ['regions', 'wetlands', 'protected_areas', 'roads', 'places', 'charging_stations', 'substations']) {
      const rows = await sql.unsafe<{ name_zh: string; name_en: string | null }[]>(`SELECT name_zh, name_en FROM ${t} WHERE name_zh IS NOT NULL`);
      expect(rows.length, t).toBeGreaterThan(0);
      const bad = rows.filter((r) => !r.name_en || /\p{Script=Han}/u.test(r.name_en));
      expect(bad.slice(0, 5), t).toEqual([]);
    }
    const [village] = await sql<{ name_en: string }[]>`SELECT name_en FROM regions WHERE level = 'village' AND name_zh LIKE '%村' ORDER BY id LIMIT 1`;
    expect(village.name_en).toMatch(/^[A-Z][a-z]+ Village$/);
    const [township] = await sql<{ name_en: string }[]>`SELECT name_en FROM regions WHERE id = '330523001'`;
    expect(township.name_en).toBe('Dipu Subdistrict');
  });

  it('has only valid geometries', async () => {
    for (const t of TABLES) {
      const [{ n }] = await sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${t} WHERE NOT ST_IsValid(geom)`);
      expect(n, t).toBe(0);
    }
  });

  it('keeps all stands inside the county and the townships tiling it', async () => {
    // Vertices are rounded to 1e-7° (≈ 1 cm), so a stand clipped at the county edge may stick
    // out by millimetres: allow < 10 m² outside. ST_Within reuses the prepared county geometry.
    const [{ outside }] = await sql<{ outside: number }[]>`
      WITH c AS MATERIALIZED (SELECT geom FROM regions WHERE level = 'county')
      SELECT count(*)::int AS outside FROM stands s, c
       WHERE NOT ST_Within(s.geom, c.geom) AND ST_Area(ST_Difference(s.geom, c.geom)::geography) > 10`;
    expect(outside).toBe(0);
    const [{ county, townships }] = await sql<{ county: number; townships: number }[]>`
      SELECT (SELECT ST_Area(geom::geography) FROM regions WHERE level = 'county') / 1e6 AS county,
             (SELECT sum(ST_Area(geom::geography)) FROM regions WHERE level = 'township') / 1e6 AS townships`;
    expect(county).toBeGreaterThan(1850);
    expect(county).toBeLessThan(1930);
    expect(Math.abs(townships - county) / county).toBeLessThan(0.005);
  });

  it('registers the demo rasters in EPSG:4549 with files on disk, and records seed and checksum', async () => {
    const rasters = await sql<{ layer_id: string; path: string; crs: string; w: number; s: number; e: number; n: number }[]>`
      SELECT layer_id, path, crs, ST_XMin(bounds) w, ST_YMin(bounds) s, ST_XMax(bounds) e, ST_YMax(bounds) n FROM rasters`;
    const ids = rasters.map((r) => r.layer_id);
    for (const id of ['dem', 'landcover', 'ghi', 'wind100', 'population']) expect(ids).toContain(id);
    for (const r of rasters.filter((x) => ['dem', 'landcover', 'ghi', 'wind100', 'population'].includes(x.layer_id))) {
      expect(r.crs).toBe('EPSG:4549');
      expect(existsSync(r.path)).toBe(true);
      expect(r.w).toBeGreaterThan(119.1);
      expect(r.e).toBeLessThan(120);
      expect(r.s).toBeGreaterThan(30.3);
      expect(r.n).toBeLessThan(30.95);
    }
    const meta = Object.fromEntries((await sql<{ key: string; value: string }[]>`SELECT key, value FROM meta WHERE key LIKE 'demo_%'`).map((r) => [r.key, r.value]));
    expect(meta.demo_seed).toMatch(/^\d+$/);
    expect(meta.demo_checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('links stands to villages and places to the settlement hierarchy', async () => {
    const [{ orphans }] = await sql<{ orphans: number }[]>`
      SELECT count(*)::int AS orphans FROM stands s LEFT JOIN regions v ON v.id = s.owner_village AND v.level = 'village' WHERE v.id IS NULL`;
    expect(orphans).toBe(0);
    const [{ seat }] = await sql<{ seat: string }[]>`SELECT name_zh AS seat FROM places WHERE kind = 'county_seat'`;
    expect(seat).toMatch(/递铺/);
  });
});
