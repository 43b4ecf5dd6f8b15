/** One owner per embedded data folder: a live owner refuses others by name, a dead one's lock is taken over. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataLock, DataFolderInUseError } from '../../../api/store/data-lock.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'tantu-lock-'));

describe('data folder lock', () => {
  it('is taken, named in the folder, re-entrant for this process and released', () => {
    const dir = folder();
    const release = acquireDataLock(dir, 'tantu server');
    const owner = JSON.parse(readFileSync(join(dir, 'tantu.lock'), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, role: 'tantu server' });
    // The same process may reopen (bench: cold start, close, warm start).
    acquireDataLock(dir, 'again')();
    release();
    expect(existsSync(join(dir, 'tantu.lock'))).toBe(false);
  });

  it('refuses a second process while the owner lives, naming its pid and role', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'tantu.lock'), JSON.stringify({ pid: child.pid, role: 'api/server.ts', started_at: '2026-12-02T08:00:00Z' }));
      let err: unknown;
      try { acquireDataLock(dir, 'data-pipeline/cli.ts import x --as roads'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(DataFolderInUseError);
      expect((err as Error).message).toContain(`pid ${child.pid}`);
      expect((err as Error).message).toContain('api/server.ts');
      expect((err as Error).message).toContain(dir);
    } finally {
      child.kill();
    }
  });

  it('takes over the lock of a process that is gone (kill -9, crash)', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(dir, 'tantu.lock'), JSON.stringify({ pid: child.pid, role: 'crashed', started_at: 'x' }));
    const release = acquireDataLock(dir, 'tantu server');
    expect(JSON.parse(readFileSync(join(dir, 'tantu.lock'), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('an import through the CLI while a server owns the folder is refused with the owner named, and writes nothing', () => {
    const dataDir = folder();
    mkdirSync(join(dataDir, 'pg'));
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dataDir, 'pg', 'tantu.lock'), JSON.stringify({ pid: server.pid, role: 'api/server.ts', started_at: '2026-12-02T08:00:00Z' }));
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'data-pipeline/cli.ts', 'import', 'test/fixtures/import/redline-bare.geojson', '--as', 'protected_areas'], {
        env: { ...process.env, TANTU_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8', timeout: 60_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('is in use by another process');
      expect(r.stderr).toContain(`pid ${server.pid}`);
      expect(r.stderr.length).toBeLessThan(2000);
      // Nothing was created beside the lock: the database was never opened.
      expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(false);
    } finally {
      server.kill();
    }
  });
});
