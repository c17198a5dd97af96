import {
  existsSync,
  mkdirSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { processStartTime, sameProcessAlive } from './processes';

/**
 * One data directory, one owner. `tandem.lock` in TANDEM_DATA_DIR names the Tandem process that
 * owns it (pid, its kernel start time so a reused pid is not mistaken for it, the HTTP port).
 * A second Tandem, backup or restore on a directory whose owner is alive refuses before touching
 * anything; a lock whose owner is gone (killed, crashed) is taken over.
 */
export interface LockOwner {
  pid: number;
  startTime: string | null;
  role: string;
  port: number | null;
  url?: string;
  /** Port of the embedded Postgres it runs (for `npm run backup` while it runs). */
  pgPort?: number;
  since: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `${dataDir} is in use by a running Tandem ${owner.role} (pid ${owner.pid}` +
        `${owner.port !== null ? `, port ${owner.port}` : ''}${owner.url ? `, ${owner.url}` : ''}` +
        `, since ${owner.since}). Stop it first (kill ${owner.pid}), or use another TANDEM_DATA_DIR.`,
    );
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Records where the owner listens once it knows (PORT=0 picks one). */
  update(fields: Partial<Pick<LockOwner, 'port' | 'url' | 'pgPort'>>): void;
  release(): void;
}

export const LOCK_FILE = 'tandem.lock';

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/** The live owner of a data directory, if any (no side effects). */
export function currentOwner(dataDir: string): LockOwner | null {
  const owner = readOwner(join(resolve(dataDir), LOCK_FILE));
  return owner && sameProcessAlive(owner.pid, owner.startTime) ? owner : null;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the data directory for this process, or throws DataDirBusyError naming its owner. */
export function acquireDataDirLock(
  dataDir: string,
  info: { role: string; port: number | null },
): DataDirLock {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  const mine: LockOwner = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    role: info.role,
    port: info.port,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    const owner = readOwner(path);
    if (owner && sameProcessAlive(owner.pid, owner.startTime))
      throw new DataDirBusyError(dir, owner);
    if (!existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      try {
        const fd = openSync(path, 'wx', 0o644);
        try {
          writeFileSync(fd, JSON.stringify(mine) + '\n');
        } finally {
          closeSync(fd);
        }
        return handle(path, mine);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        continue; // another process created it first: look at its owner
      }
    }
    if (!owner) {
      // Unreadable: possibly being written this instant by a starting process.
      const age = Date.now() - statSync(path).mtimeMs;
      if (age < 2000) {
        sleepSync(100);
        continue;
      }
    }
    // The owner is gone: move its lock aside atomically, then make sure we moved that one.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (moved && sameProcessAlive(moved.pid, moved.startTime)) {
      // A live owner took it over between our read and the rename: give it back.
      try {
        linkSync(aside, path);
      } catch {
        /* it already re-created one */
      }
      unlinkSync(aside);
      throw new DataDirBusyError(dir, moved);
    }
    rmSync(aside, { force: true });
  }
  throw new Error(`Could not take ${path}: it keeps changing; is another Tandem starting?`);
}

function handle(path: string, mine: LockOwner): DataDirLock {
  let released = false;
  const lock: DataDirLock = {
    path,
    update(fields) {
      if (released) return;
      Object.assign(mine, fields);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(mine) + '\n');
      renameSync(tmp, path);
    },
    release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      const owner = readOwner(path);
      if (owner?.pid === process.pid) rmSync(path, { force: true });
    },
  };
  const onExit = () => lock.release();
  process.on('exit', onExit);
  return lock;
}
