import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, currentOwner, DataDirBusyError, LOCK_FILE } from './data-dir-lock';

describe('data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has one owner: a second taker is refused with the owner pid and port, the lock untouched', () => {
    const lock = acquireDataDirLock(dir, { role: 'server', port: 3123 });
    const before = readFileSync(join(dir, LOCK_FILE), 'utf8');
    let refused: unknown;
    try {
      acquireDataDirLock(dir, { role: 'backup', port: null });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirBusyError);
    expect((refused as Error).message).toContain(`pid ${process.pid}`);
    expect((refused as Error).message).toContain('port 3123');
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(before);
    lock.update({ port: 4000 });
    expect(currentOwner(dir)?.port).toBe(4000);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireDataDirLock(dir, { role: 'server', port: 1 }).release();
  });

  it('takes over the lock of an owner that is gone', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const pid = Number(dead.stdout.toString());
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid, startTime: null, role: 'server', port: 1, since: 'then' }),
    );
    expect(currentOwner(dir)).toBeNull();
    const lock = acquireDataDirLock(dir, { role: 'server', port: 2 });
    expect(currentOwner(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('does not mistake a reused pid for the owner (start time differs)', () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, startTime: '1', role: 'server', port: 1, since: 'x' }),
    );
    const lock = acquireDataDirLock(dir, { role: 'server', port: 2 });
    expect(currentOwner(dir)?.port).toBe(2);
    lock.release();
  });
});
