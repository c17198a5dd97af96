import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source-options';
import { QUERIES_DIR, renderQueries } from 'src/bin/render-queries';
import { workerDatabaseUrl } from './utils/create-app';

/** The committed `queries/*.sql` are what the repositories run today: rendered again from the
 * real repository code against the migrated database, they must match byte for byte (else run
 * `npm run queries` and commit the result). */
describe('rendered hot statements (queries/*.sql)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(await workerDatabaseUrl())).initialize();
  });
  afterAll(() => ds.destroy());

  it('every committed file equals what the repository code renders, and none is missing or extra', async () => {
    const rendered = await renderQueries(ds);
    const committed = readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql'));
    expect(committed.sort()).toEqual([...rendered.keys()].sort());
    for (const [name, text] of rendered) {
      expect({ name, text: readFileSync(join(QUERIES_DIR, name), 'utf8') }).toEqual({ name, text });
    }
  });

  it('renders the same text twice (deterministic: every value is a parameter)', async () => {
    const a = await renderQueries(ds);
    const b = await renderQueries(ds);
    expect([...b]).toEqual([...a]);
    for (const text of a.values()) expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
