import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Smoke test of `npm run bench`: the script runs end to end (seed, Tandem, the same-work limit,
 * the read-only reference) and ends with the ratio lines. Figures are not asserted: timing
 * belongs to the bench, not to tests. Runs the server from source (BENCH_FROM_SOURCE) on its own
 * database cloned from the migrated template, with tiny data and half-second runs.
 */
async function benchDatabase(): Promise<string> {
  const template = process.env.TANDEM_TEST_TEMPLATE_DB as string;
  const admin = process.env.TANDEM_TEST_ADMIN_URL as string;
  const db = `${template}_bench`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${db}"`);
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${db}" TEMPLATE "${template}"`);
        break;
      } catch (err) {
        if (attempt > 50) throw err; // the template is busy with another worker's clone
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await c.end();
  }
  const u = new URL(admin);
  u.pathname = `/${db}`;
  return u.toString();
}

describe('npm run bench (smoke)', () => {
  it('runs --quick to the end and prints the same-work ratio and the p99 ratio last', async () => {
    const databaseUrl = await benchDatabase();
    const root = join(__dirname, '..');
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'bench/run.ts',
        '--quick',
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          BENCH_FROM_SOURCE: '1',
          BENCH_CASES: '200',
          BENCH_SECONDS: '0.5',
          BENCH_ROUNDS: '1',
          BENCH_WARMUP: '0.2',
          BENCH_OPEN_SECONDS: '0.5',
          BENCH_CONCURRENCY: '4',
        },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    if (code !== 0) throw new Error(`bench exited ${code}:\n${out}\n${err}`);
    const lines = out.trim().split('\n');
    expect(lines[lines.length - 2]).toMatch(/^case read: same-work limit = \d+\.\d\d$/);
    expect(lines[lines.length - 1]).toMatch(/^case read: p99 \/ same-work limit p99 = \d+\.\d\d$/);
    // The limit runs Tandem's own read statement: every read answered and audited (a refusal or
    // a missing audit row would count as unexpected).
    expect(out).toMatch(
      /same-work limit: Tandem's read statement .* \(\d+ requests, 0 unexpected\)/,
    );
    expect(out).toMatch(/lean limit: case \+ ids \+ audit .* \(\d+ requests, 0 unexpected\)/);
    expect(out).toMatch(/^case read: lean limit = \d+\.\d\d \(reference\)$/m);
    expect(out).toMatch(/GET \/cases\/:id .* \(\d+ requests, 0 unexpected\)/);
    expect(out).toMatch(/read-only reference/);
    // Every hot path beside its same-work limit (the statements Tandem sent, replayed): both
    // answered every request, and each has its R and p99 ratio.
    const keys = [
      'caseload-mine',
      'caseload-team',
      'decision-requests',
      'information-requests',
      'contacts',
      'timeline',
      'notes',
      'decisions',
    ];
    for (const key of keys) {
      expect(out).toMatch(new RegExp(`captured ${key}: [1-9]\\d* statements`));
      expect(out).toMatch(
        new RegExp(`same-work limit: ${key} .* \\(\\d+ requests, 0 unexpected\\)`),
      );
    }
    for (const name of [
      'GET /cases?mine=lead',
      'GET /decision-requests',
      'GET /information-requests',
      'GET /contacts',
      'GET /cases/:id/timeline',
      'POST /cases/:id/notes',
      'POST /cases/:id/decisions',
    ])
      expect(out).toContain(`${name}`);
    expect(out).not.toMatch(/[1-9]\d* unexpected/);
    // Every Tandem run and every limit run prints its CPU per request, user and system.
    const cpu =
      /^ {2}(Tandem|limit) CPU \d+\.\d{3} ms\/request \(user \d+\.\d{3}, system \d+\.\d{3}\)$/gm;
    const cpuLines = out.match(cpu) ?? [];
    expect(cpuLines.filter((l) => l.includes('Tandem CPU')).length).toBeGreaterThanOrEqual(
      keys.length + 3,
    );
    expect(cpuLines.filter((l) => l.includes('limit CPU')).length).toBeGreaterThanOrEqual(
      keys.length + 1,
    );
    expect(out.match(/: R = \d+\.\d\d, p99 \/ same-work limit p99 = \d+\.\d\d/g)).toHaveLength(
      keys.length,
    );
    const c = new Client({ connectionString: process.env.TANDEM_TEST_ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}"`);
    await c.end();
  }, 360_000);
});
