/**
 * Real Tandem processes for the operations tests: `node src/main.ts` (through ts-node, so no
 * build is needed), each on ports the OS hands out and a data directory of the test's own.
 * Everything started here is tracked and ended by `cleanUpProcesses()` (afterAll), even when a
 * test fails half-way, including a Postgres orphaned by a SIGKILLed Tandem.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from 'src/database/embedded-postgres';
import { processAlive, processName, waitForExit } from 'src/database/processes';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './create-app';

export const ROOT = join(__dirname, '..', '..');

export interface TandemProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  pgPort: number;
  url: string;
  /** postgres:// URL of its embedded database. */
  databaseUrl: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** A TestApp over HTTP, for the shared factories. */
  asTestApp(): TestApp;
}

const children = new Set<ChildProcess>();
const dataDirs = new Set<string>();

/** A data directory the `postgres` system user can enter (removed by cleanUpProcesses). */
export function tempDataDir(prefix = 'tandem-ops-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  dataDirs.add(dir);
  return dir;
}

export function trackDir(dir: string): void {
  dataDirs.add(dir);
}

/** Spawns Tandem; does not wait for it (see `waitUntilReady`). */
export async function spawnTandem(opts: {
  dataDir: string;
  cwd?: string;
  env?: Record<string, string>;
}): Promise<TandemProcess> {
  // HTTP: port 0, the OS picks (read back from the data directory's lock); Postgres needs a
  // number, taken from the OS a moment before.
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL; // always the embedded Postgres of dataDir
  Object.assign(env, {
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(pgPort),
    TANDEM_DATA_DIR: opts.dataDir,
    JWT_SECRET: 'ops-test-secret-that-is-long-enough-0123456789',
    TANDEM_ADMIN_EMAIL: ADMIN_EMAIL,
    TANDEM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_THROTTLE_LIMIT: '1000',
    LOGIN_THROTTLE_IP_LIMIT: '100000',
    TS_NODE_PROJECT: 'tsconfig.json',
    ...opts.env,
  });
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'src/main.ts'],
    { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d) => (out = (out + d).slice(-20000)));
  child.stderr?.on('data', (d) => (out = (out + d).slice(-20000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      r({ code, signal });
    }),
  );
  const p: TandemProcess = {
    child,
    pid: child.pid as number,
    port: 0,
    pgPort,
    url: '',
    databaseUrl: `postgres://tandem:tandem@127.0.0.1:${pgPort}/tandem`,
    output: () => out,
    exited,
    asTestApp: () =>
      ({
        req: () => request(p.url),
        databaseUrl: `postgres://tandem:tandem@127.0.0.1:${pgPort}/tandem`,
      }) as unknown as TestApp,
  };
  lockDirs.set(p, opts.dataDir);
  return p;
}

const lockDirs = new WeakMap<TandemProcess, string>();

/** The URL this process recorded in its data directory's lock once listening, if any. */
function listeningUrl(p: TandemProcess): string | null {
  try {
    const dir = lockDirs.get(p) as string;
    const lock = JSON.parse(readFileSync(join(dir, 'tandem.lock'), 'utf8')) as {
      pid: number;
      url?: string;
    };
    return lock.pid === p.pid && lock.url ? lock.url : null;
  } catch {
    return null;
  }
}

export async function healthStatus(url: string): Promise<number> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Polls /health until 200 (bounded); fails with the process's output if it exits first. */
export async function waitUntilReady(p: TandemProcess, timeoutMs = 180_000): Promise<void> {
  let gone = false;
  void p.exited.then(() => (gone = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (gone) throw new Error(`Tandem exited during start-up:\n${p.output()}`);
    const url = listeningUrl(p);
    if (url) {
      p.url = url;
      p.port = Number(new URL(url).port);
    }
    if (p.url && (await healthStatus(p.url)) === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Tandem not ready in ${timeoutMs} ms:\n${p.output()}`);
}

export async function startTandem(opts: Parameters<typeof spawnTandem>[0]): Promise<TandemProcess> {
  const p = await spawnTandem(opts);
  await waitUntilReady(p);
  return p;
}

/** The pid in a cluster's postmaster.pid when that Postgres is running, else null. */
export function runningPostgres(clusterDir: string): number | null {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return processAlive(pid) && processName(pid) === 'postgres' ? pid : null;
}

/** Ends every process this module started, any Postgres left in its data dirs, and the dirs. */
export async function cleanUpProcesses(): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dataDirs) {
    for (const cluster of [join(dir, 'pg'), ...clusterPointer(dir)]) {
      const pid = runningPostgres(cluster);
      if (pid) {
        process.kill(pid, 'SIGQUIT');
        await waitForExit(pid, 20_000);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  dataDirs.clear();
}

function clusterPointer(dir: string): string[] {
  try {
    return [readFileSync(join(dir, 'cluster'), 'utf8').trim()];
  } catch {
    return [];
  }
}
