import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recoverOrphanPostgres } from './embedded-postgres';
import { processAlive } from './processes';

describe('recoverOrphanPostgres', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-pid-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a pid file whose process is gone to Postgres (which ignores it)', async () => {
    writeFileSync(join(dir, 'postmaster.pid'), '999999\n/data\n');
    await expect(recoverOrphanPostgres(dir)).resolves.toBeUndefined();
  });

  it('never signals a live process that is not a Postgres (a reused pid); drops the file', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      await new Promise((r) => child.once('spawn', r));
      writeFileSync(join(dir, 'postmaster.pid'), `${child.pid}\n/data\n`);
      await recoverOrphanPostgres(dir);
      expect(processAlive(child.pid as number)).toBe(true);
      expect(child.exitCode).toBeNull();
      expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('does nothing without a pid file', async () => {
    await expect(recoverOrphanPostgres(dir)).resolves.toBeUndefined();
  });
});
