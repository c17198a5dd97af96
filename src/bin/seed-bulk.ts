/** `npm run seed:bulk -- --families N [--la SBX-CODE] [--batch B] [--workers W] [--method copy|insert]`
 * (see src/training/bulk/). */
import { SingleBar, Presets } from 'cli-progress';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from 'src/config/load-config';
import { bootstrap } from 'src/bootstrap';
import { cliConfig } from 'src/database/cli-database';
import { seedBulk } from 'src/training/bulk/bulk-seeder';
import { SANDBOX_CODE } from 'src/common/sandbox-code';

/** CPU seconds (user + system) a local process has used, from /proc; null when not readable
 * (Postgres on another host). Under a shared machine's load, CPU time is the fair cost. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const families = Number(arg('--families'));
  const laCode = arg('--la') ?? 'SBX-BULK-DEMO';
  const batch = arg('--batch') ? Number(arg('--batch')) : undefined;
  const method = arg('--method') ?? 'copy';
  if (
    !Number.isInteger(families) ||
    families < 1 ||
    families > 10_000_000 ||
    !SANDBOX_CODE.test(laCode) ||
    (batch !== undefined && !(batch >= 1)) ||
    (method !== 'copy' && method !== 'insert')
  ) {
    process.stderr.write(
      'usage: npm run seed:bulk -- --families N [--la SBX-CODE] [--batch B] [--workers W] [--method copy|insert]\n',
    );
    return 2;
  }
  // The same start-up as the service (DATABASE_URL, else the running server's embedded Postgres,
  // else one owned here through the data-directory lock; migrations), then plain pg connections.
  const { config, server } = cliConfig(loadConfig({ LOG_LEVEL: 'warn', ...process.env }));
  if (server)
    process.stderr.write(`using the database of the running Tandem (pid ${server.pid})\n`);
  const running = await bootstrap(config, { listen: false });
  const url = (running.app.get(DataSource).options as { url: string }).url;
  const workers = Number(arg('--workers') ?? 2);
  const clients = Array.from(
    { length: Math.max(1, Math.min(8, workers || 1)) },
    () => new Client({ connectionString: url, application_name: 'tandem-seed-bulk' }),
  );
  try {
    for (const c of clients) await c.connect();
    const pids = await Promise.all(
      clients.map(
        async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid,
      ),
    );
    const cpu0 = pids.map(cpuSeconds);
    const node0 = process.cpuUsage();
    const bar = new SingleBar(
      { format: 'families [{bar}] {percentage}% {value}/{total} | {eta}s left', hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(families, 0);
    const s = await seedBulk(clients, {
      families,
      laCode,
      batch,
      method,
      onBatch: (done) => bar.update(done),
    });
    bar.stop();
    const cpu1 = pids.map(cpuSeconds);
    const node1 = process.cpuUsage(node0);
    const pgCpu =
      cpu1.every((x) => x !== null) && cpu0.every((x) => x !== null)
        ? cpu1.reduce((a, b, i) => (a as number) + (b as number) - (cpu0[i] as number), 0)
        : null;
    const total = Object.values(s.rows).reduce((a, b) => a + b, 0);
    const out = (l: string) => process.stdout.write(`${l}\n`);
    out(
      `\n${s.families} families into sandbox ${s.code} (${s.localAuthorityId}) in ${s.seconds.toFixed(1)} s: ${total} rows (${Math.round(total / s.seconds)} rows/s)`,
    );
    out(
      `CPU: node ${((node1.user + node1.system) / 1e6).toFixed(1)} s` +
        (pgCpu === null ? '' : `, Postgres backends ${pgCpu.toFixed(1)} s`) +
        ` (wall ${s.seconds.toFixed(1)} s)`,
    );
    out(
      `stages: ${Object.entries(s.stages)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    for (const [t, n] of Object.entries(s.rows)) out(`  ${t.padEnd(30)} ${n}`);
    // Fresh statistics before anyone reads the load (docs/operations.md, After a bulk load).
    const analysed = Date.now();
    await clients[0].query('ANALYZE');
    out(`statistics refreshed (ANALYZE) in ${((Date.now() - analysed) / 1000).toFixed(1)} s`);
    if (s.staffPassword)
      out(
        `staff logins (${s.staffEmails.length}, e.g. ${s.staffEmails[0]}) share the password ${s.staffPassword} (shown once)`,
      );
    return 0;
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
    await running.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`seed:bulk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
