/**
 * The database stops and comes back while writes are in flight: /health says 503 while it is
 * down, writes are refused with 503 (never 500), the service recovers without a restart, and
 * every acknowledged write is stored whole (note + timeline event + audit row).
 */
import request from 'supertest';
import { bootstrap, Running } from 'src/bootstrap';
import { loadConfig } from 'src/config/load-config';
import { EmbeddedHandle, freePort, startEmbeddedPostgres } from 'src/database/embedded-postgres';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './utils/create-app';
import { cleanUpProcesses, healthStatus, tempDataDir } from './utils/tandem-process';
import { caseForLoad, checkWritesWhole, eventually, startNoteLoad } from './utils/write-load';

jest.setTimeout(300_000);

describe('database outage under write load', () => {
  const baseDir = tempDataDir('tandem-outage-');
  let pgPort: number;
  let pg: EmbeddedHandle | null = null;
  let running: Running | null = null;

  const startDb = () =>
    startEmbeddedPostgres({ baseDir, port: pgPort, persistent: true, database: 'tandem' });

  beforeAll(async () => {
    pgPort = await freePort();
    pg = await startDb();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: pg.url,
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: 'outage-test-secret-that-is-long-enough-012345',
      TANDEM_ADMIN_EMAIL: ADMIN_EMAIL,
      TANDEM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: process.env.OUTAGE_LOG ?? 'silent',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_THROTTLE_LIMIT: '1000',
      LOGIN_THROTTLE_IP_LIMIT: '100000',
    });
    running = await bootstrap(config);
  });

  afterAll(async () => {
    await running?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    await cleanUpProcesses();
  });

  it('503 while down, recovers by itself, no acknowledged write lost or half-written', async () => {
    if (!running || !pg) throw new Error('not started');
    const url = running.url.replace('[::1]', '127.0.0.1');
    const t = { req: () => request(url), databaseUrl: pg.url } as unknown as TestApp;
    const { token, caseId } = await caseForLoad(t);
    const load = startNoteLoad({ url, token, caseId, workers: 4 });
    try {
      await eventually('10 writes acknowledged', () => load.acked() >= 10);
      await pg.stop();
      pg = null;
      await eventually('/health 503 while the database is down', async () => {
        return (await healthStatus(url)) === 503;
      });
      const refusedBefore = load.results.filter((r) => r.status !== 201).length;
      await eventually('writes refused while down', () => {
        return load.results.filter((r) => r.status !== 201).length > refusedBefore;
      });
      pg = await startDb();
      await eventually('/health 200 again, without restarting Tandem', async () => {
        return (await healthStatus(url)) === 200;
      });
      const mark = load.acked();
      await eventually('10 more writes acknowledged', () => load.acked() >= mark + 10);
    } finally {
      await load.stop();
    }
    const statuses = new Set(load.results.map((r) => r.status));
    const unexpected = load.results.filter((r) => r.status !== 201 && r.status !== 503);
    expect(unexpected).toEqual([]);
    expect(statuses).toEqual(new Set([201, 503]));
    const check = await checkWritesWhole(pg.url, load.results);
    expect(check.acked).toBeGreaterThanOrEqual(20);
    expect(check.stored).toBe(check.acked);
    expect(check.halfWritten).toEqual([]);
    expect(check.orphans).toEqual([]);
  });
});
