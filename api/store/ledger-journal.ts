/**
 * The ledger's append-only journal, hash-chained: entry n stores
 *     hash_n = SHA-256( hash_{n−1} ‖ "\n" ‖ payload_n )
 * where payload_n is the canonical JSON (keys sorted, no spaces) of { seq, at, actor, action,
 * project_id, entity, entity_id, before, after }, kept as text so the digest is recomputed
 * byte for byte. The head row (ledger_chain_head) is locked FOR UPDATE by each writing
 * transaction as its last lock, so entries form one line with no gaps, and an UPDATE or DELETE of
 * a journal row is refused by a trigger — and, were it forced (trigger disabled, a restored
 * backup), found by `verifyJournal`.
 */
import { createHash } from 'node:crypto';
import type { Sql, TransactionSql } from 'postgres';

export interface JournalEvent {
  action: string;
  project_id: number | null;
  entity: string;
  entity_id: number | null;
  before: unknown;
  after: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth and no whitespace: one text per value. */
export function canonicalJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
    return JSON.stringify(v);
  }
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export const chainHash = (prev: string, payload: string) => createHash('sha256').update(`${prev}\n${payload}`, 'utf8').digest('hex');

/** Appends `events` in order; call last in the transaction (it takes the head lock). */
export async function appendJournal(tx: TransactionSql, actor: string, events: readonly JournalEvent[]): Promise<number[]> {
  if (!events.length) return [];
  const [head] = await tx<{ seq: string; hash: string }[]>`SELECT seq::text, hash FROM ledger_chain_head WHERE id = 1 FOR UPDATE`;
  let seq = Number(head.seq);
  let prev = head.hash;
  const at = new Date().toISOString();
  const rows = events.map((e) => {
    seq++;
    const payload = canonicalJson({ seq, at, actor, ...e });
    const hash = chainHash(prev, payload);
    const row = { seq, at, actor, action: e.action, project_id: e.project_id, payload, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  await tx`INSERT INTO ledger_journal ${tx(rows, 'seq', 'at', 'actor', 'action', 'project_id', 'payload', 'prev_hash', 'hash')}`;
  await tx`UPDATE ledger_chain_head SET seq = ${seq}, hash = ${prev} WHERE id = 1`;
  return rows.map((r) => r.seq);
}

export interface JournalCheck {
  ok: boolean;
  entries: number;
  head_hash: string;
  /** The first entry that does not verify, with why. */
  problems: { seq: number; problem: string }[];
}

/** Recomputes the chain from the first entry; reads in pages so a long journal stays in bounded memory. */
export async function verifyJournal(sql: Sql, pageSize = 5000): Promise<JournalCheck> {
  const problems: JournalCheck['problems'] = [];
  let prev = GENESIS_HASH;
  let expectSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await sql<{ seq: string; at: Date; actor: string; action: string; project_id: string | null; payload: string; prev_hash: string; hash: string }[]>`
      SELECT seq::text, at, actor, action, project_id::text, payload, prev_hash, hash FROM ledger_journal WHERE ledger_journal.seq >= ${expectSeq} ORDER BY ledger_journal.seq LIMIT ${pageSize}`;
    for (const r of rows) {
      const seq = Number(r.seq);
      entries++;
      if (seq !== expectSeq) problems.push({ seq, problem: `entries ${expectSeq}–${seq - 1} are missing` });
      if (r.prev_hash !== prev) problems.push({ seq, problem: 'prev_hash does not match the previous entry’s hash' });
      if (chainHash(r.prev_hash, r.payload) !== r.hash) problems.push({ seq, problem: 'hash does not match the payload (the entry was changed)' });
      let p: Record<string, unknown> = {};
      try { p = JSON.parse(r.payload); } catch { problems.push({ seq, problem: 'payload is not JSON' }); }
      if (p.seq !== seq || p.actor !== r.actor || p.action !== r.action || p.at !== new Date(r.at).toISOString()
        || (p.project_id ?? null) !== (r.project_id === null ? null : Number(r.project_id))) {
        problems.push({ seq, problem: 'the columns differ from the hashed payload (seq, at, actor, action or project)' });
      }
      prev = r.hash;
      expectSeq = seq + 1;
      if (problems.length >= 20) break;
    }
    if (rows.length < pageSize || problems.length >= 20) break;
  }
  const [head] = await sql<{ seq: string; hash: string }[]>`SELECT seq::text, hash FROM ledger_chain_head WHERE id = 1`;
  if (problems.length < 20 && (Number(head.seq) !== expectSeq - 1 || head.hash !== prev)) {
    problems.push({ seq: Number(head.seq), problem: 'the chain head does not match the last entry (entries were removed or added past the head)' });
  }
  return { ok: problems.length === 0, entries, head_hash: prev, problems };
}
