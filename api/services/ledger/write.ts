/**
 * One ledger write = one transaction: the operation takes its row locks (SELECT … FOR UPDATE),
 * changes rows and records its journal events; then the invariants of every project it touched
 * are checked (a violation rolls everything back and answers 500), and last the events are
 * appended to the hash chain under the chain-head lock. Nothing is ever half-written.
 */
import type { Sql } from 'postgres';
import { appendJournal, type JournalEvent } from '../../store/ledger-journal.ts';
import { asQ, balances, type Q } from '../../store/ledger.ts';
import { ProblemError } from '../problem.ts';
import type { Actor } from './access.ts';

export type Log = (e: JournalEvent) => void;

export async function ledgerWrite<T>(sql: Sql, actor: Actor, fn: (tx: Q, log: Log) => Promise<T>): Promise<T> {
  const result = await sql.begin(async (t) => {
    const tx = asQ(t);
    const events: JournalEvent[] = [];
    const out = await fn(tx, (e) => events.push(e));
    const projects = [...new Set(events.map((e) => e.project_id).filter((p): p is number => p != null))];
    if (projects.length) {
      const bad = (await balances(tx, projects)).filter((b) => !b.ok);
      if (bad.length) {
        const what = bad.flatMap((b) => b.problems).slice(0, 5).join('; ');
        throw new ProblemError(500, 'Ledger invariant violated', `The change was not made: ${what}.`, { problems: bad.flatMap((b) => b.problems).slice(0, 20) },
          { title: '账本不变量被破坏', detail: `未执行此更改：${what}。` });
      }
    }
    await appendJournal(tx, actor.id, events);
    return out;
  });
  return result as T;
}
