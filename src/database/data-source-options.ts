import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition of how Tandem talks to Postgres, shared by the app, the CLI and the tests.
 * `synchronize` is off everywhere: the schema comes only from the committed migrations. */
export function dataSourceOptions(
  url: string,
  opts: { statementTimeoutMs?: number; poolSize?: number } = {},
): DataSourceOptions {
  const root = join(__dirname, '..', '..');
  return {
    type: 'postgres',
    url,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '[0-9]*-*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: opts.poolSize ?? 10,
      statement_timeout: opts.statementTimeoutMs ?? 15000,
      idle_in_transaction_session_timeout: 60000,
      application_name: 'tandem',
      // No JIT compilation on Tandem's connections: its statements are short, and whenever a
      // plan's estimated cost passed the JIT threshold, LLVM's compile time dwarfed the work —
      // the indicators' aggregates ~35 ms a query, the access report 58 ms against 12, the
      // integrators' feed 1,076 ms of JIT for 3 ms of execution at 1,000,000 cases (docs/bench.md).
      options: '-c jit=off',
    },
  };
}
