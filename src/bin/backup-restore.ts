import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config/load-config';
import { backupDatabase, RestoreRefused, restoreDatabase } from '../database/backup';
import { acquireDataDirLock, currentOwner, DataDirBusyError } from '../database/data-dir-lock';
import { freePort, startEmbeddedPostgres } from '../database/embedded-postgres';

/**
 * `npm run backup -- <file>` / `npm run restore -- <file>`: the database of DATABASE_URL, else
 * the embedded one in TANDEM_DATA_DIR (through the running Tandem's Postgres when one runs,
 * else started here for the duration, holding the data directory's lock).
 */
async function withDatabase<T>(
  role: 'backup' | 'restore',
  say: (msg: string) => void,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  if (config.DATABASE_URL) return work(config.DATABASE_URL);
  const owner = currentOwner(config.TANDEM_DATA_DIR);
  if (owner) {
    if (role === 'restore' || !owner.pgPort)
      throw new DataDirBusyError(resolve(config.TANDEM_DATA_DIR), owner);
    say(`reading the Postgres of the running Tandem (pid ${owner.pid})`);
    return work(`postgres://tandem:tandem@127.0.0.1:${owner.pgPort}/tandem`);
  }
  const lock = acquireDataDirLock(config.TANDEM_DATA_DIR, { role, port: null });
  try {
    const pgPort = await freePort();
    const pg = await startEmbeddedPostgres({
      baseDir: config.TANDEM_DATA_DIR,
      port: pgPort,
      persistent: true,
      database: 'tandem',
      runtimeDir: config.TANDEM_PG_RUNTIME_DIR,
      progress: say,
    });
    lock.update({ pgPort });
    try {
      return await work(pg.url);
    } finally {
      await pg.stop();
    }
  } finally {
    lock.release();
  }
}

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  const say = (msg: string) => process.stdout.write(`tandem ${command}: ${msg}\n`);
  if ((command !== 'backup' && command !== 'restore') || !file) {
    throw new ConfigError(`usage: npm run backup -- <file>  |  npm run restore -- <file>`);
  }
  const path = resolve(file);
  if (command === 'backup') {
    const s = await withDatabase('backup', say, (url) => backupDatabase(url, path));
    say(`${path} written: ${s.tables} tables, ${s.rows} rows, ${s.migrations} migrations`);
  } else {
    if (!existsSync(path)) throw new RestoreRefused(`${path} does not exist`);
    const s = await withDatabase('restore', say, (url) => restoreDatabase(url, path));
    say(`${path} restored: ${s.tables} tables, ${s.rows} rows (checksums verified)`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const known =
      err instanceof ConfigError ||
      err instanceof DataDirBusyError ||
      err instanceof RestoreRefused;
    process.stderr.write(
      `tandem: ${known ? (err as Error).message : String((err as Error)?.stack ?? err)}\n`,
    );
    process.exit(1);
  },
);
