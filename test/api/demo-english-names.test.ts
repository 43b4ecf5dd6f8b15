/**
 * A demo county loaded before English names existed gets them on start (data-pipeline/demo/english-names.ts):
 * an embedded database of its own (migrated, a few demo-like rows), so the shared test database
 * and its tiles are not touched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/store/connect.ts';
import { migrate } from '../../api/store/migrate.ts';
import { ensureDemoEnglishNames, oneWord } from '../../data-pipeline/demo/english-names.ts';

const dir = mkdtempSync(join(tmpdir(), 'tantu-english-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SQUARE = 'MULTIPOLYGON(((119.6 30.6,119.61 30.6,119.61 30.61,119.6 30.61,119.6 30.6)))';
const LINE = 'LINESTRING(119.6 30.6,119.61 30.61)';
const DEMO = 'synthetic demo (seed 20240523)';

// Its own embedded database, like the restart test: the server run would repeat the same work.
describe.skipIf(Boolean(process.env.DATABASE_URL))('English names of a demo county loaded before them', () => {
  it('names the demo rows without one, mends "DiPu", leaves imported rows alone, and records one import', { timeout: 300_000 }, async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      await migrate(db.sql);
      const geom = (wkt: string) => db.sql`ST_GeomFromText(${wkt}, 4326)`;
      await db.sql`INSERT INTO regions (id, parent_id, level, name_zh, name_en, source, geom) VALUES
        ('330523001', '330523', 'township', '递铺街道', 'DiPu Subdistrict', ${DEMO}, ${geom(SQUARE)}),
        ('330523001201', '330523001', 'village', '上舍村', NULL, ${DEMO}, ${geom(SQUARE)}),
        ('IMPORTED-1', NULL, 'village', '某村', NULL, 'import villages.geojson', ${geom(SQUARE)})`;
      await db.sql`INSERT INTO roads (id, road_class, name_zh, speed_kmh, oneway, source, geom) VALUES
        ('R1', 'expressway', '安吉服务区（北区）', 30, 1, ${DEMO}, ${geom(LINE)}),
        ('R2', 'village', NULL, 30, 0, ${DEMO}, ${geom(LINE)})`;

      expect(await ensureDemoEnglishNames(db.sql)).toBe(3);
      const names = Object.fromEntries((await db.sql<{ id: string; name_en: string | null }[]>`
        SELECT id, name_en FROM regions UNION ALL SELECT id, name_en FROM roads`).map((r) => [r.id, r.name_en]));
      expect(names).toEqual({
        '330523001': 'Dipu Subdistrict',
        '330523001201': 'Shangshe Village',
        'IMPORTED-1': null, // not the demo's: its importer's names stand
        R1: 'Anji Service Area (north)',
        R2: null, // unnamed
      });
      const imports = await db.sql<{ target: string; feature_count: number }[]>`SELECT target, feature_count FROM imports`;
      expect(imports).toEqual([{ target: 'names', feature_count: 3 }]);

      // a second start finds nothing to do and records nothing
      expect(await ensureDemoEnglishNames(db.sql)).toBe(0);
      expect((await db.sql`SELECT 1 FROM imports`).length).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('makes each word one capital and small letters (GB/T 16159)', () => {
    expect(oneWord('DiPu Subdistrict')).toBe('Dipu Subdistrict');
    expect(oneWord('TianZiHu Town')).toBe('Tianzihu Town');
    expect(oneWord('Anji Service Area (north)')).toBe('Anji Service Area (north)');
  });
});
