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
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has no pending migrations', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });
});
