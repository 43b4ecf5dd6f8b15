/**
 * The ledger's rows (migration 005): blocks and their splits, serial allocation, balances and
 * invariants per project and vintage (computed by layers/ledger/invariants.ts from the rows).
 * Writes take row locks (SELECT … FOR UPDATE) inside the caller's transaction.
 */
import type { Sql, TransactionSql } from 'postgres';
import { checkInvariants, type BlockRow as CoreBlock, type BlockState, type VintageBalance } from '../../layers/ledger/invariants.ts';
import { formatSerial } from '../../layers/ledger/serial.ts';

/** A transaction or the pool, as one callable type. */
export type Q = TransactionSql;
export const asQ = (sql: Sql | TransactionSql) => sql as unknown as Q;

export interface Block {
  id: number;
  project_id: number;
  project_code: string;
  vintage: number;
  serial_first: number;
  serial_last: number;
  quantity_t: number;
  owner_id: number;
  state: BlockState;
  issuance_id: number;
  split_from: number | null;
  serial: string;
}

const BLOCK_SELECT = `
  SELECT b.id::int AS id, b.project_id::int AS project_id, p.code AS project_code, b.vintage, b.serial_first::float8 AS serial_first,
         b.serial_last::float8 AS serial_last, (b.serial_last - b.serial_first + 1)::int AS quantity_t, b.owner_id::int AS owner_id,
         b.state, b.issuance_id::int AS issuance_id, b.split_from::int AS split_from
  FROM ledger_blocks b JOIN ledger_projects p ON p.id = b.project_id`;

const withSerial = (b: Omit<Block, 'serial'>): Block => ({
  ...b, serial: formatSerial({ project: b.project_code, vintage: b.vintage, first: b.serial_first, last: b.serial_last }),
});

export async function blockById(q: Q, id: number, forUpdate = false): Promise<Block | undefined> {
  // FOR UPDATE OF b: lock the block row only, not its project.
  const [row] = await q.unsafe<Omit<Block, 'serial'>[]>(`${BLOCK_SELECT} WHERE b.id = $1 ${forUpdate ? 'FOR UPDATE OF b' : ''}`, [id]);
  return row && withSerial(row);
}

export async function listBlocks(q: Q, f: { project_id?: number; owner_id?: number; state?: string; limit: number; offset: number }): Promise<Block[]> {
  const rows = await q.unsafe<Omit<Block, 'serial'>[]>(`${BLOCK_SELECT}
    WHERE ($1::bigint IS NULL OR b.project_id = $1) AND ($2::bigint IS NULL OR b.owner_id = $2) AND ($3::text IS NULL OR b.state = $3)
    ORDER BY b.project_id, b.vintage, b.serial_first LIMIT $4 OFFSET $5`, [f.project_id ?? null, f.owner_id ?? null, f.state ?? null, f.limit, f.offset]);
  return rows.map(withSerial);
}

export async function insertBlock(q: Q, b: { project_id: number; vintage: number; serial_first: number; serial_last: number; owner_id: number; state: BlockState; issuance_id: number; split_from: number | null }): Promise<Block> {
  const [{ id }] = await q<{ id: number }[]>`
    INSERT INTO ledger_blocks (project_id, vintage, serial_first, serial_last, owner_id, state, issuance_id, split_from)
    VALUES (${b.project_id}, ${b.vintage}, ${b.serial_first}, ${b.serial_last}, ${b.owner_id}, ${b.state}, ${b.issuance_id}, ${b.split_from})
    RETURNING id::int AS id`;
  return (await blockById(q, id))!;
}

/**
 * Moves the last `quantity` serials of a locked block to `owner` in `state`: the whole block
 * changes hands when quantity = its size, otherwise its range shrinks to the head and the tail
 * becomes a new block (split_from = the old one). Returns { head, moved }.
 */
export async function moveTail(q: Q, block: Block, quantity: number, owner: number, state: BlockState): Promise<{ head: Block | null; moved: Block }> {
  if (quantity === block.quantity_t) {
    await q`UPDATE ledger_blocks SET owner_id = ${owner}, state = ${state} WHERE id = ${block.id}`;
    return { head: null, moved: (await blockById(q, block.id))! };
  }
  const cut = block.serial_last - quantity;
  await q`UPDATE ledger_blocks SET serial_last = ${cut} WHERE id = ${block.id}`;
  const moved = await insertBlock(q, { project_id: block.project_id, vintage: block.vintage, serial_first: cut + 1, serial_last: block.serial_last, owner_id: owner, state, issuance_id: block.issuance_id, split_from: block.id });
  return { head: (await blockById(q, block.id))!, moved };
}

/** The next free serial of a project and vintage (1 for the first issuance). Call with the project row locked. */
export async function nextSerial(q: Q, projectId: number, vintage: number): Promise<number> {
  const [{ n }] = await q<{ n: number }[]>`SELECT coalesce(max(serial_last), 0)::float8 + 1 AS n FROM ledger_issuances WHERE project_id = ${projectId} AND vintage = ${vintage}`;
  return n;
}

/** Balances and invariant problems per vintage of the given projects (all when omitted). */
export async function balances(q: Q, projectIds?: readonly number[]): Promise<(VintageBalance & { project_id: number })[]> {
  const ids = projectIds ? [...projectIds] : null;
  const blocks = await q<(CoreBlock & { project_id: number })[]>`
    SELECT p.code AS project, b.project_id::int AS project_id, b.vintage, b.serial_first::float8 AS first, b.serial_last::float8 AS last, b.state
    FROM ledger_blocks b JOIN ledger_projects p ON p.id = b.project_id
    WHERE ${ids}::bigint[] IS NULL OR b.project_id = ANY(${ids}::bigint[])`;
  const issued = await q<{ project: string; project_id: number; vintage: number; t: number }[]>`
    SELECT p.code AS project, i.project_id::int AS project_id, i.vintage, sum(i.quantity_t)::float8 AS t
    FROM ledger_issuances i JOIN ledger_projects p ON p.id = i.project_id
    WHERE ${ids}::bigint[] IS NULL OR i.project_id = ANY(${ids}::bigint[])
    GROUP BY 1, 2, 3`;
  const idOf = new Map(issued.map((r) => [r.project, r.project_id]));
  for (const b of blocks) idOf.set(b.project, b.project_id);
  return checkInvariants(blocks, new Map(issued.map((r) => [`${r.project}:${r.vintage}`, r.t]))).map((v) => ({ ...v, project_id: idOf.get(v.project)! }));
}
