/**
 * One owner of an embedded database folder. PGlite keeps the whole database in one process: a
 * second process opening the same folder sees only its own writes, and whichever closes last
 * overwrites the other's. So the first process to open a folder writes `tantu.lock` into it (its
 * pid, what it is, when it started), and every other process is refused with a message naming the
 * owner — never allowed to write where nobody will read.
 *
 * A lock whose process is gone (kill -9, a crash) is stale and taken over. proper-lockfile was
 * considered: it detects staleness by mtime refreshes on a timer and records no owner, so it could
 * neither say which process holds the folder nor tell a crashed owner from a slow one without
 * waiting; a pid file with an exclusive create does both here, on one machine, which is all PGlite
 * supports.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockOwner {
  pid: number;
  /** What holds the folder, e.g. "tantu server" or "tantu import". */
  role: string;
  started_at: string;
}

export class DataFolderInUseError extends Error {
  constructor(readonly dir: string, readonly owner: LockOwner) {
    super(
      `The data folder ${dir} is in use by another process: ${owner.role} (pid ${owner.pid}, since ${owner.started_at}). ` +
        'Its embedded database has one owner: stop that process first (Ctrl+C in its terminal), or give this one another ' +
        'folder with TANTU_DATA_DIR. If no such process runs, delete ' + join(dir, LOCK_FILE) + '.',
    );
    this.name = 'DataFolderInUseError';
  }
}

const LOCK_FILE = 'tantu.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return Number.isInteger(o.pid) ? o : null;
  } catch {
    return null;
  }
}

/**
 * Take the folder `dir` (which must exist) for this process; returns the release. Throws
 * DataFolderInUseError when a live process holds it. Re-entrant for the same process (a test or
 * the bench may open, close and reopen in one process).
 */
export function acquireDataLock(dir: string, role: string): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, role, started_at: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(path);
      if (owner && owner.pid !== process.pid && alive(owner.pid)) throw new DataFolderInUseError(dir, owner);
      // Stale (owner gone), unreadable, or our own from an earlier open: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
