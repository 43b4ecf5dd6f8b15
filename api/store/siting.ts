/** Saved siting rule sets and suitability scenarios (migration 006). */
import type { Sql } from 'postgres';

export interface StoredRuleSet {
  name: string;
  technology: string;
  spec: unknown;
  updated_by: string;
  updated_at: string;
}

export async function listRuleSets(sql: Sql): Promise<StoredRuleSet[]> {
  return sql<StoredRuleSet[]>`SELECT name, technology, spec, updated_by, updated_at::text FROM siting_rule_sets ORDER BY name`;
}

export async function getRuleSet(sql: Sql, name: string): Promise<StoredRuleSet | undefined> {
  const [r] = await sql<StoredRuleSet[]>`SELECT name, technology, spec, updated_by, updated_at::text FROM siting_rule_sets WHERE name = ${name}`;
  return r;
}

export async function putRuleSet(sql: Sql, name: string, technology: string, spec: unknown, by: string): Promise<void> {
  await sql`
    INSERT INTO siting_rule_sets (name, technology, spec, updated_by) VALUES (${name}, ${technology}, ${sql.json(spec as never)}, ${by})
    ON CONFLICT (name) DO UPDATE SET technology = EXCLUDED.technology, spec = EXCLUDED.spec, updated_by = EXCLUDED.updated_by, updated_at = now()`;
}

/** Delete a saved rule set; false when there was none of that name. */
export async function deleteRuleSet(sql: Sql, name: string): Promise<boolean> {
  const r = await sql`DELETE FROM siting_rule_sets WHERE name = ${name}`;
  return r.count > 0;
}

export async function saveScenario(sql: Sql, id: string, family: string, spec: unknown): Promise<void> {
  await sql`INSERT INTO siting_scenarios (id, family, spec) VALUES (${id}, ${family}, ${sql.json(spec as never)}) ON CONFLICT (id) DO NOTHING`;
}

export async function getScenario(sql: Sql, id: string): Promise<{ family: string; spec: unknown } | undefined> {
  const [r] = await sql<{ family: string; spec: unknown }[]>`SELECT family, spec FROM siting_scenarios WHERE id = ${id}`;
  return r;
}
