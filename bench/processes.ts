import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../test/utils/create-app';

export interface CpuTimes {
  user: number;
  system: number;
}

export interface Child {
  url: string;
  /** Resident memory of the process in MiB (Linux /proc), or NaN elsewhere. */
  rssMiB(): number;
  /** CPU time the process has used so far, in ms, user and system (Linux /proc), or NaN. */
  cpu(): CpuTimes;
  stop(): Promise<void>;
  /** Sends `message` over IPC and resolves with the process's next IPC message. */
  ask<T>(message: unknown): Promise<T>;
}

/** Tandem's environment in every bench: production mode (its secrets required and set), the
 * platform admin the bench signs in as, and rate limits out of the load's way. */
export function tandemEnv(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    WEBHOOK_SECRET_KEY: 'bench-webhook-key-that-is-long-enough-0123456789',
    TANDEM_ADMIN_EMAIL: ADMIN_EMAIL,
    TANDEM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_THROTTLE_IP_LIMIT: '100000',
    ...extra,
  };
}

/** Runs a bench JavaScript entry in its own Node process (so the load generator does not share
 * its CPU) and waits for the `{ port }` line it prints. */
export function startProcess(
  entry: string,
  env: Record<string, string>,
  nodeFlags: string[] = process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : [],
): Promise<Child> {
  const root = join(__dirname, '..');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // BENCH_PROF_DIR=dir writes a V8 CPU profile of the process under load there.
      ...(process.env.BENCH_PROF_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`]
        : []),
      // As `npm start` runs Tandem: the old generation grows to 1.75x the live heap, not V8's
      // adaptive up-to-4x, and semi-spaces of 16 MiB (README, Memory).
      ...(entry === 'tandem-server.js'
        ? ['--heap-growing-percent=75', '--max-semi-space-size=16']
        : []),
      ...nodeFlags,
      join('bench', entry),
    ],
    {
      cwd: root,
      // As `npm start` runs Tandem: glibc limited to two malloc arenas, and blocks of 128 KiB and
      // more always mapped (so returned to the system when freed) (see README, Memory).
      env: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      // BENCH_CHILD_LOG=prefix: each process's output in prefix.<pid> (with
      // BENCH_NODE_FLAGS=--trace-gc-nvp, what every garbage collection copied and promoted).
      if (process.env.BENCH_CHILD_LOG)
        appendFileSync(`${process.env.BENCH_CHILD_LOG}.${child.pid}`, d);
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (!line) return;
      const { port } = JSON.parse(line) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        rssMiB: () => {
          try {
            const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            return kb ? Number(kb[1]) / 1024 : NaN;
          } catch {
            return NaN;
          }
        },
        cpu: () => {
          try {
            // Fields 14 and 15 of /proc/pid/stat (after the command name): utime, stime in ticks.
            const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
            const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            return { user: Number(f[11]) * 10, system: Number(f[12]) * 10 };
          } catch {
            return { user: NaN, system: NaN };
          }
        },
        ask: <T>(message: unknown) =>
          new Promise<T>((done) => {
            child.once('message', (reply) => done(reply as T));
            child.send(message as string);
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send('stop'); // a clean exit, so a --cpu-prof profile gets written
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}): ${stderr}`)));
  });
}
