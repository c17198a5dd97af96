/**
 * `npm run backup` / `npm run restore` round trip, run as an operator would (the npm scripts, in
 * child processes): a seeded database → backup → restore into an empty embedded data directory
 * → backup of that data directory → restore into an empty database; every table's row count and
 * checksum (audit and timeline included) must match the original's. A restore into a database
 * that is not empty is refused.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { newCase } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld } from './utils/factories';
import { cleanUpProcesses, ROOT, tempDataDir } from './utils/tandem-process';

jest.setTimeout(300_000);

function npmRun(
  script: 'backup' | 'restore',
  file: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', file], {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Row count and an order-independent checksum of every table (the migrations list too). */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'typeorm_migrations'
        ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { t } of tables.rows) {
      const r = await c.query<{ n: number; sum: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(row_to_json(x)::text, E'\\n' ORDER BY row_to_json(x)::text)) AS sum
           FROM "${t}" x`,
      );
      out[t] = `${r.rows[0].n} ${r.rows[0].sum ?? '-'}`;
    }
    const m = await c.query<{ names: string }>(
      `SELECT string_agg(name, ',' ORDER BY id) AS names FROM typeorm_migrations`,
    );
    out['(migrations)'] = m.rows[0].names;
    return out;
  } finally {
    await c.end();
  }
}

async function adminQuery(sql: string): Promise<void> {
  const c = new Client({ connectionString: process.env.TANDEM_TEST_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('backup and restore', () => {
  let t: TestApp;
  const work = tempDataDir('tandem-backup-');
  const emptyDb = `${process.env.TANDEM_TEST_TEMPLATE_DB}_restore_${process.pid}`;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
    await adminQuery(`DROP DATABASE IF EXISTS "${emptyDb}" WITH (FORCE)`).catch(() => undefined);
    await cleanUpProcesses();
  });

  it('round-trips a seeded database through an embedded data directory: same rows, same checksums', async () => {
    const world = await newWorld(t);
    for (let i = 0; i < 3; i++) {
      const c = await newCase(t, world);
      for (let n = 0; n < 3; n++) {
        const res = await t
          .req()
          .post(`${API}/cases/${c.id}/notes`)
          .set(bearer(world.practitioner.token))
          .send({ body: `Backup note ${i}.${n}: 'quotes', "double", \\ and ünïcode` });
        expect(res.status).toBe(201);
      }
    }
    const original = await fingerprint(t.databaseUrl);
    for (const table of ['audit_event', 'case_event', 'case_note', 'app_user', 'case_record'])
      expect(Number(original[table].split(' ')[0])).toBeGreaterThan(0);

    const first = join(work, 'first.backup');
    const backup1 = await npmRun('backup', first, { DATABASE_URL: t.databaseUrl });
    expect(backup1).toMatchObject({ code: 0 });

    const dataDir = join(work, 'data');
    const runtime = { TANDEM_PG_RUNTIME_DIR: join(work, 'runtime'), DATABASE_URL: undefined };
    const restore1 = await npmRun('restore', first, { ...runtime, TANDEM_DATA_DIR: dataDir });
    expect(restore1).toMatchObject({ code: 0 });

    const second = join(work, 'second.backup');
    const backup2 = await npmRun('backup', second, { ...runtime, TANDEM_DATA_DIR: dataDir });
    expect(backup2).toMatchObject({ code: 0 });

    await adminQuery(`CREATE DATABASE "${emptyDb}"`);
    const target = new URL(process.env.TANDEM_TEST_ADMIN_URL as string);
    target.pathname = `/${emptyDb}`;
    const restore2 = await npmRun('restore', second, { DATABASE_URL: target.toString() });
    expect(restore2).toMatchObject({ code: 0 });

    expect(await fingerprint(target.toString())).toEqual(original);

    // Never over existing records: a second restore into the same database is refused.
    const again = await npmRun('restore', second, { DATABASE_URL: target.toString() });
    expect(again.code).not.toBe(0);
    expect(again.output).toContain('not empty');
    expect(await fingerprint(target.toString())).toEqual(original);
  });
});
