import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrations } from '../database/migrate';

/**
 * The test suite's database, started by jest's global setup as a child process:
 * - with DATABASE_URL: creates a fresh template database on that server, migrates it, exits;
 * - without: starts an ephemeral embedded Postgres on a free port, migrates a template database,
 *   and keeps running until SIGTERM, then removes its data directory.
 * Prints one JSON line: { adminUrl, templateDb }.
 */
function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function createTemplate(adminUrl: string, name: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}"`);
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
  await runMigrations(withDatabase(adminUrl, name));
  // A template must have no connections when cloned; migrations have closed theirs.
}

async function main() {
  const templateDb = `tandem_tpl_${process.pid}_${Date.now().toString(36)}`;
  if (process.env.DATABASE_URL) {
    const adminUrl = process.env.DATABASE_URL;
    await createTemplate(adminUrl, templateDb);
    process.stdout.write(JSON.stringify({ adminUrl, templateDb, embedded: false }) + '\n');
    return;
  }
  const base = mkdtempSync(join(tmpdir(), 'tandem-test-pg-'));
  const pg = await startEmbeddedPostgres({
    baseDir: base,
    port: await freePort(),
    persistent: false,
    database: 'postgres',
    // As root in a checkout the postgres user cannot enter, binaries are copied here (removed
    // with the rest at the end), never into a shared folder.
    runtimeDir: join(base, 'runtime'),
  });
  const stop = async () => {
    await pg.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  try {
    await createTemplate(pg.url, templateDb);
  } catch (err) {
    await pg.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
  process.stdout.write(JSON.stringify({ adminUrl: pg.url, templateDb, embedded: true }) + '\n');
  setInterval(() => undefined, 1 << 30);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
