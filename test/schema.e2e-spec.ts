import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source-options';
import { workerDatabaseUrl } from './utils/create-app';

describe('schema', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(await workerDatabaseUrl()));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('migrations produce exactly what the entities describe (no drift; synchronize is off)', async () => {
    expect(ds.options.synchronize).toBe(false);
    // TypeORM's schema diff sends queries concurrently on one client, which pg 8 reports with a
    // DeprecationWarning; its query runner here sends them one after another instead.
    const createQueryRunner = ds.createQueryRunner.bind(ds);
    ds.createQueryRunner = (mode) => {
      const qr = createQueryRunner(mode);
      const query = qr.query.bind(qr);
      let queue: Promise<unknown> = Promise.resolve();
      qr.query = ((...args: Parameters<typeof query>) => {
        const run = queue.then(
          () => query(...args),
          () => query(...args),
        );
        queue = run.catch(() => undefined);
        return run;
      }) as typeof qr.query;
      return qr;
    };
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has no pending migrations', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });
});
