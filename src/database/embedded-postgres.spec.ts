import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearStalePidFile } from './embedded-postgres';

describe('clearStalePidFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-pid-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('removes a pid file whose process is gone', async () => {
    writeFileSync(join(dir, 'postmaster.pid'), '999999\n/data\n');
    await clearStalePidFile(dir);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('stops a live orphan process named in the pid file, then removes the file', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const exited = new Promise((r) => child.once('exit', r));
    writeFileSync(join(dir, 'postmaster.pid'), `${child.pid}\n/data\n`);
    await clearStalePidFile(dir);
    await exited;
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('does nothing without a pid file', async () => {
    await expect(clearStalePidFile(dir)).resolves.toBeUndefined();
  });
});
