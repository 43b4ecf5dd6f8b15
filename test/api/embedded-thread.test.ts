/**
 * The embedded database runs in its own thread: a long query keeps that thread busy, while this
 * thread's event loop (the API's) keeps turning. Embedded backend only (a server is its own process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { startEmbeddedDatabase } from '../../api/store/embedded.ts';

describe.skipIf(inject('backend') === 'server')('embedded database thread', () => {
  it('answers a long query without blocking the caller’s event loop, then stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tantu-thread-'));
    const db = await startEmbeddedDatabase(join(dir, 'pg'));
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      const ticks: number[] = [];
      const timer = setInterval(() => ticks.push(performance.now()), 10);
      const started = performance.now();
      const [{ area }] = await sql<{ area: number }[]>`
        SELECT sum(ST_Area(ST_Buffer(ST_MakePoint(i, 0), 1, 256)))::float8 area FROM generate_series(1, 4000) i`;
      const ms = performance.now() - started;
      clearInterval(timer);
      expect(area).toBeCloseTo(4000 * Math.PI, -1);
      // On the caller's thread the query would stall the 10 ms timer for its whole run.
      expect(ticks.length).toBeGreaterThan(ms / 10 / 3);
    } finally {
      await sql.end();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
