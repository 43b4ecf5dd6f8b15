/**
 * English names for a demo county loaded before they existed (migration 008 added the columns
 * empty): every synthetic-demo feature with a Chinese name and no English one gets the name the
 * generator now gives it (names-en.ts), and the townships' older "DiPu Subdistrict" becomes
 * "Dipu Subdistrict" as the generator now writes it. Recorded as an import, so map tiles drawn
 * before are drawn again. Does nothing, and loads no converter, when no such row is left.
 */
import type { Sql } from 'postgres';

const TABLES = ['regions', 'wetlands', 'protected_areas', 'roads', 'places', 'charging_stations', 'substations'] as const;
const DEMO = 'synthetic demo (seed %)';

/** "DiPu Subdistrict" → "Dipu Subdistrict": each word's capitals after its first letter made small. */
export const oneWord = (en: string): string => en.replace(/\b([A-Z])([A-Za-z]*)/g, (_, a: string, b: string) => a + b.toLowerCase());

/** Fill the missing English names of the demo's features; returns how many were named. */
export async function ensureDemoEnglishNames(sql: Sql): Promise<number> {
  // no English name, or a word with a capital inside it (DiPu)
  const unnamed = TABLES.map((t) => `SELECT '${t}' AS t, id, name_zh, name_en FROM ${t}
    WHERE source LIKE '${DEMO}' AND name_zh IS NOT NULL AND (name_en IS NULL OR name_en ~ '[a-z][A-Z]')`).join(' UNION ALL ');
  const rows = await sql.unsafe<{ t: string; id: string; name_zh: string; name_en: string | null }[]>(unnamed);
  if (!rows.length) return 0;
  const { englishName } = await import('./names-en.ts');
  await sql.begin(async (tx) => {
    for (const t of TABLES) {
      const mine = rows.filter((r) => r.t === t);
      if (!mine.length) continue;
      await tx.unsafe(`UPDATE ${t} SET name_en = n.en FROM unnest($1::text[], $2::text[]) AS n(id, en) WHERE ${t}.id = n.id`,
        [mine.map((r) => r.id), mine.map((r) => (r.name_en === null ? englishName(r.name_zh) : oneWord(r.name_en)))]);
    }
    await tx`INSERT INTO imports (target, file_name, source_crs, feature_count) VALUES ('names', 'English names of the demo county', '-', ${rows.length})`;
  });
  return rows.length;
}
