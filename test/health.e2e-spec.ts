/**
 * GET /health's database check (DatabaseHealthIndicator): up when `SELECT 1` answers; down with
 * "timeout of …ms exceeded" when it does not answer in time (here: every pooled connection busy,
 * so the ping waits for one); down with no message when the query fails. The route's own body
 * is terminus's.
 */
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DatabaseHealthIndicator } from 'src/health/database.health';
import { createTestApp, TestApp } from './utils/create-app';

describe('health: the database check', () => {
  let t: TestApp;
  let indicator: DatabaseHealthIndicator;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '2' });
    indicator = t.app.get(DatabaseHealthIndicator);
    ds = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => t.close());

  it('GET /health is 200 with the database up (terminus body)', async () => {
    const res = await t.req().get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      info: { database: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' } },
    });
  });

  it('the check is down with "timeout of 200ms exceeded" while no connection is free in time', async () => {
    // Both pooled connections busy for 1.5 s: the ping waits for one past its 200 ms.
    const busy = [ds.query('SELECT pg_sleep(1.5)'), ds.query('SELECT pg_sleep(1.5)')];
    const started = Date.now();
    const result = await indicator.pingCheck('database', 200);
    expect(result).toEqual({
      database: { status: 'down', message: 'timeout of 200ms exceeded' },
    });
    expect(Date.now() - started).toBeLessThan(1_400);
    await Promise.all(busy);
    // Free again: up.
    expect(await indicator.pingCheck('database', 3000)).toEqual({ database: { status: 'up' } });
  });

  it('the check is down (no message) when the query fails', async () => {
    const failing = new DatabaseHealthIndicator(
      { query: () => Promise.reject(new Error('connection refused')) } as unknown as DataSource,
      // terminus's own result builder, as the app has it
      (indicator as unknown as { indicators: never }).indicators,
    );
    expect(await failing.pingCheck('database', 3000)).toEqual({ database: { status: 'down' } });
  });
});
