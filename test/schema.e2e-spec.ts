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
    // TypeORM's schema diff runs queries concurrently on one client, which pg 8 reports with a
    // DeprecationWarning on the console; it is TypeORM's (not the app's), so it is muted here only.
    const noDeprecation = process.noDeprecation;
    process.noDeprecation = true;
    const pending = await ds.driver
      .createSchemaBuilder()
      .log()
      .finally(() => (process.noDeprecation = noDeprecation));
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has no pending migrations', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });
});
