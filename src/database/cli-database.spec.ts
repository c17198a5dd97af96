import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config';
import { cliConfig } from './cli-database';
import { acquireDataDirLock } from './data-dir-lock';

describe('cliConfig: the scenario and bulk CLIs beside a running server', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tandem-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the running server’s embedded Postgres instead of refusing the data directory', () => {
    const lock = acquireDataDirLock(dir, { role: 'server', port: 3000 });
    try {
      lock.update({ pgPort: 54329 });
      const { config, server } = cliConfig(loadConfig({ TANDEM_DATA_DIR: dir }));
      expect(server?.pid).toBe(process.pid);
      expect(config.DATABASE_URL).toBe('postgres://tandem:tandem@127.0.0.1:54329/tandem');
      expect(config.EVENTS_DISPATCHER).toBe('off');
    } finally {
      lock.release();
    }
  });

  it('starts its own embedded Postgres when no server owns the data directory', () => {
    const { config, server } = cliConfig(loadConfig({ TANDEM_DATA_DIR: dir }));
    expect(server).toBeNull();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.EVENTS_DISPATCHER).toBe('off');
  });

  it('keeps DATABASE_URL as given', () => {
    const url = 'postgres://u:p@db:5432/tandem';
    const { config, server } = cliConfig(loadConfig({ DATABASE_URL: url, TANDEM_DATA_DIR: dir }));
    expect(server).toBeNull();
    expect(config.DATABASE_URL).toBe(url);
  });
});
