import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { dataSourceOptions } from 'src/database/data-source-options';
import { preparedQuery } from 'src/database/prepared-query';
import { workerDatabaseUrl } from './utils/create-app';

/**
 * `preparedQuery` outside a transaction checks a client out of TypeORM's pool itself (as
 * `pool.query` does, without its `once('error')` listener): it must answer the rows, give the
 * client back every time, drop the client with the error when the statement fails (as
 * `pool.query` does), and leave no listener behind on the pooled client.
 */
describe('preparedQuery on the pool', () => {
  let ds: DataSource;
  let pool: Pool;
  beforeAll(async () => {
    ds = await new DataSource(
      dataSourceOptions(await workerDatabaseUrl(), { poolSize: 2 }),
    ).initialize();
    pool = (ds.driver as PostgresDriver).master as Pool;
  });
  afterAll(() => ds.destroy());

  const errorListeners = async (): Promise<number> => {
    const client: PoolClient = await pool.connect();
    try {
      return client.listenerCount('error');
    } finally {
      client.release();
    }
  };

  it('answers the rows of a named statement and gives the client back, many times over a pool of two', async () => {
    const before = await errorListeners();
    for (let i = 0; i < 20; i++) {
      const rows = await preparedQuery<{ n: number }>(ds.manager, 'SELECT $1::int + 1 AS n', [i]);
      expect(rows).toEqual([{ n: i + 1 }]);
    }
    expect(pool.waitingCount).toBe(0);
    expect(pool.totalCount).toBeLessThanOrEqual(2);
    expect(await errorListeners()).toBe(before);
  });

  it('a failing statement rejects with its error, discards the client and leaks nothing', async () => {
    await preparedQuery(ds.manager, 'SELECT 1', []);
    const before = await errorListeners();
    await expect(preparedQuery(ds.manager, 'SELECT 1 / $1::int', [0])).rejects.toThrow(
      /division by zero/,
    );
    // The pool is still whole: both clients can be checked out and used.
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    try {
      expect((await a.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
      expect((await b.query('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
    } finally {
      a.release();
      b.release();
    }
    expect(await errorListeners()).toBe(before);
    expect(await preparedQuery(ds.manager, 'SELECT $1::int AS n', [7])).toEqual([{ n: 7 }]);
  });

  it('a connection killed while the statement runs rejects the read, and the process and the pool live on', async () => {
    const [{ pid }] = await preparedQuery<{ pid: number }>(
      ds.manager,
      'SELECT pg_backend_pid() AS pid',
      [],
    );
    const killer = await new DataSource(dataSourceOptions(await workerDatabaseUrl())).initialize();
    try {
      const slow = preparedQuery(
        ds.manager,
        'SELECT pg_sleep(5), pg_backend_pid() AS pid',
        [],
      ).then(
        () => 'answered',
        (err: Error) => err,
      );
      // Whichever pooled backend took the slow read: end every backend of the pool but ours.
      await new Promise((r) => setTimeout(r, 200));
      await killer.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE query LIKE 'SELECT pg_sleep(5)%' AND pid <> pg_backend_pid()`,
      );
      expect(await slow).toBeInstanceOf(Error);
      expect(pid).toBeGreaterThan(0);
    } finally {
      await killer.destroy();
    }
    expect(await preparedQuery(ds.manager, 'SELECT $1::int AS n', [9])).toEqual([{ n: 9 }]);
  });
});
