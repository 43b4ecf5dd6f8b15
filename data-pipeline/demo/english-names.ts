/**
 * English names for a demo county loaded before they existed (migration 008 added the columns
 * empty): every synthetic-demo feature with a Chinese name and no English one gets the name the
 * generator now gives it (names-en.ts). Recorded as an import, so map tiles drawn without the
 * names are drawn again. Does nothing, and loads no converter, when no such row is left.
 */
import type { Sql } from 'postgres';

const TABLES = ['regions', 'wetlands', 'protected_areas', 'roads', 'places', 'charging_stations', 'substations'] as const;
const DEMO = 'synthetic demo (seed %)';

/** Fill the missing English names of the demo's features; returns how many were named. */
export async function ensureDemoEnglishNames(sql: Sql): Promise<number> {
  const unnamed = TABLES.map((t) => `SELECT '${t}' AS t, id, name_zh FROM ${t} WHERE source LIKE '${DEMO}' AND name_zh IS NOT NULL AND name_en IS NULL`).join(' UNION ALL ');
  const rows = await sql.unsafe<{ t: string; id: string; name_zh: string }[]>(unnamed);
  if (!rows.length) return 0;
  const { englishName } = await import('./names-en.ts');
  await sql.begin(async (tx) => {
    for (const t of TABLES) {
      const mine = rows.filter((r) => r.t === t);
      if (!mine.length) continue;
      await tx.unsafe(`UPDATE ${t} SET name_en = n.en FROM unnest($1::text[], $2::text[]) AS n(id, en) WHERE ${t}.id = n.id`,
        [mine.map((r) => r.id), mine.map((r) => englishName(r.name_zh))]);
    }
    await tx`INSERT INTO imports (target, file_name, source_crs, feature_count) VALUES ('names', 'English names of the demo county', '-', ${rows.length})`;
  });
  return rows.length;
}
