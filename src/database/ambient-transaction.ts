import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * One transaction around many service calls, without threading an EntityManager through them.
 *
 * `inAmbientTransaction(ds, fn)` opens a transaction and runs `fn` with it as the ambient
 * transaction of that async call tree only. Inside it, the services' own `ds.transaction(...)`
 * become savepoints of the ambient transaction (TypeORM nests on the same query runner), and
 * `ds.manager` / `ds.query` run on it too; code outside the call tree (other requests) is not
 * affected. If `fn` throws, everything it wrote is rolled back. The scenario loader uses this
 * so a scenario loads through the same services as the API, all or nothing.
 */
const ambient = new AsyncLocalStorage<EntityManager>();
const installed = new WeakSet<DataSource>();

function install(ds: DataSource): void {
  if (installed.has(ds)) return;
  installed.add(ds);
  const base = ds.manager;
  Object.defineProperty(ds, 'manager', {
    configurable: true,
    enumerable: true,
    get: () => ambient.getStore() ?? base,
  });
  const query = ds.query.bind(ds) as DataSource['query'];
  ds.query = (<T = unknown>(sql: string, params?: unknown[], runner?: QueryRunner): Promise<T> => {
    const m = ambient.getStore();
    return m && !runner ? m.query(sql, params) : query(sql, params, runner);
  }) as DataSource['query'];
}

export async function inAmbientTransaction<T>(
  ds: DataSource,
  fn: (m: EntityManager) => Promise<T>,
): Promise<T> {
  install(ds);
  if (ambient.getStore()) throw new Error('already inside an ambient transaction');
  return ds.transaction((m) => ambient.run(m, () => fn(m)));
}
