/**
 * Operations with real processes on one data directory: a second Tandem refuses (naming the
 * first) and touches nothing; SIGKILL mid-load loses no acknowledged write and the next start
 * recovers the orphaned Postgres; SIGTERM finishes the requests in flight before stopping.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  cleanUpProcesses,
  healthStatus,
  runningPostgres,
  spawnTandem,
  startTandem,
  tempDataDir,
  TandemProcess,
} from './utils/tandem-process';
import {
  caseForLoad,
  checkWritesWhole,
  eventually,
  Load,
  startNoteLoad,
  WriteOutcome,
} from './utils/write-load';

jest.setTimeout(300_000);

describe('one data directory, one owner; SIGKILL and SIGTERM under load', () => {
  const dataDir = tempDataDir();
  const cluster = join(dataDir, 'pg');
  let first: TandemProcess;
  let token: string;
  let caseId: string;
  const acknowledged: WriteOutcome[] = [];

  afterAll(() => cleanUpProcesses());

  it('a second Tandem on a running data directory exits non-zero naming the first (pid, port), touching nothing', async () => {
    first = await startTandem({ dataDir });
    ({ token, caseId } = await caseForLoad(first.asTestApp()));

    const lockBefore = readFileSync(join(dataDir, 'tandem.lock'), 'utf8');
    const pgPidBefore = readFileSync(join(cluster, 'postmaster.pid'), 'utf8');
    const pgPidMtime = statSync(join(cluster, 'postmaster.pid')).mtimeMs;
    const postgresPid = runningPostgres(cluster);
    expect(postgresPid).not.toBeNull();

    const second = await spawnTandem({ dataDir });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(`pid ${first.pid}`);
    expect(second.output()).toContain(`port ${first.port}`);

    expect(readFileSync(join(dataDir, 'tandem.lock'), 'utf8')).toBe(lockBefore);
    expect(readFileSync(join(cluster, 'postmaster.pid'), 'utf8')).toBe(pgPidBefore);
    expect(statSync(join(cluster, 'postmaster.pid')).mtimeMs).toBe(pgPidMtime);
    expect(runningPostgres(cluster)).toBe(postgresPid);
    expect(await healthStatus(first.url)).toBe(200);
    const write = startNoteLoad({ url: first.url, token, caseId, workers: 1, maxRequests: 3 });
    const outcomes = await write.finished();
    expect(outcomes.map((o) => o.status)).toEqual([201, 201, 201]);
    acknowledged.push(...outcomes);
  });

  it('SIGKILL mid-load: the next start stops the orphaned Postgres, and every acknowledged write is whole', async () => {
    const orphan = runningPostgres(cluster);
    const load = startNoteLoad({ url: first.url, token, caseId, workers: 4 });
    await eventually('20 writes acknowledged', () => load.acked() >= 20);
    first.child.kill('SIGKILL');
    await first.exited;
    const outcomes = await load.stop();
    acknowledged.push(...outcomes);
    // The Postgres of the killed Tandem lives on (its own process group) until the next start.
    expect(runningPostgres(cluster)).toBe(orphan);

    // A long statement timeout: the SIGTERM test below holds writes on a lock for a while.
    const next = await startTandem({ dataDir, env: { DB_STATEMENT_TIMEOUT_MS: '600000' } });
    expect(runningPostgres(cluster)).not.toBe(orphan);
    expect(runningPostgres(cluster)).not.toBeNull();
    const check = await checkWritesWhole(next.databaseUrl, acknowledged);
    expect(check.acked).toBeGreaterThanOrEqual(23);
    expect(check.stored).toBe(check.acked);
    expect(check.halfWritten).toEqual([]);
    expect(check.orphans).toEqual([]);
    first = next;
  });

  it('SIGTERM: requests in flight finish (2xx, stored) before the pool and Postgres close; exit 0, warning-free', async () => {
    // Hold the notes table so the next writes are provably in progress when SIGTERM arrives.
    const blocker = new Client({ connectionString: first.databaseUrl });
    await blocker.connect();
    // pg_stat_activity is a snapshot per transaction: watch from outside the blocker's.
    const watcher = new Client({ connectionString: first.databaseUrl });
    await watcher.connect();
    let load: Load | null = null;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE case_note IN ACCESS EXCLUSIVE MODE');
      load = startNoteLoad({ url: first.url, token, caseId, workers: 5, maxRequests: 5 });
      await eventually('5 writes waiting on the lock', async () => {
        const r = await watcher.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE application_name = 'tandem' AND wait_event_type = 'Lock'`,
        );
        if (load?.results.length) throw new Error(JSON.stringify(load.results));
        return r.rows[0].n >= 5;
      });
      first.child.kill('SIGTERM');
      // It is draining: not ready any more, yet still running while the writes wait.
      await eventually('/health 503 or closed while draining', async () =>
        [0, 503].includes(await healthStatus(first.url)),
      );
      expect(first.child.exitCode).toBeNull();
      await blocker.query('COMMIT');
    } finally {
      await blocker.end().catch(() => undefined);
      await watcher.end().catch(() => undefined);
    }
    if (!load) throw new Error('the load never started');
    const outcomes = await load.finished();
    expect(outcomes.map((o) => o.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(runningPostgres(cluster)).toBeNull();
    acknowledged.push(...outcomes);

    const again = await startTandem({ dataDir });
    const check = await checkWritesWhole(again.databaseUrl, acknowledged);
    expect(check.stored).toBe(check.acked);
    expect(check.halfWritten).toEqual([]);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
    // A clean stop is quiet: the account cache stops listening before the embedded Postgres
    // stops, so it does not report a lost connection and schedule a reconnect.
    // (LOG_LEVEL=warn here: any warning would be in the output.)
    for (const p of [first, again]) expect(p.output()).not.toMatch(/principal cache off/);
  });
});
