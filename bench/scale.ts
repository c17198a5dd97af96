import 'reflect-metadata';
import request from 'supertest';
import { Pool } from 'pg';
import type { TestApp } from '../test/utils/create-app';
import { newCase } from '../test/utils/case.factories';
import { API, login, newWorld, PASSWORD } from '../test/utils/factories';
import { hotPaths } from './hot-paths';
import { Child, startProcess, tandemEnv } from './processes';
import { load, LoadResult, printResult } from './load';

/**
 * `npm run bench:scale` (DATABASE_URL required; it grows that database): the same hot reads at a
 * small and a large size, and the p99 ratio between the sizes.
 *   1. case read, the caseload pages (team and mine=lead, first page of 50), the timeline page
 *      and the inboxes (the ECPP's decision-request queue, a GP's information-request inbox, the
 *      front door's contacts queue; bench/hot-paths.ts) at SCALE_SMALL cases (default 10,000),
 *      then at SCALE_LARGE (default 1,000,000);
 *   2. the child access report and GET /audit-events at SCALE_AUDIT_SMALL audit rows, then at
 *      SCALE_AUDIT_LARGE (default 20,000,000), spread over 12 monthly partitions; the report's
 *      child has the same trail at both sizes (SCALE_REPORT_TRAIL rows, default 500), so the
 *      line shows what the table's size costs, not what a longer trail does;
 *      and the integrators' feed polled for one change since just after the seeding;
 *   3. case read through one instance and through two (round-robin), SCALE_INSTANCES=1 skips it.
 * Figures, not pass/fail. Big sizes take long to seed (about 1.5 min per million cases and
 * 4 min per 5 million audit rows on 2 quiet cores).
 */
const SMALL = Number(process.env.SCALE_SMALL ?? 10_000);
const LARGE = Number(process.env.SCALE_LARGE ?? 1_000_000);
const AUDIT_SMALL = Number(process.env.SCALE_AUDIT_SMALL ?? 100_000);
const AUDIT_LARGE = Number(process.env.SCALE_AUDIT_LARGE ?? 20_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Audit rows naming the access report's child, the same at both sizes (a year of reads). */
const REPORT_TRAIL = Number(process.env.SCALE_REPORT_TRAIL ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('bench:scale needs DATABASE_URL (a database it may grow)');
  const env = tandemEnv(databaseUrl);

  const servers: Child[] = [await startProcess('tandem-server.js', env)];
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  const t = { req: () => request(servers[0].url), databaseUrl } as unknown as TestApp;
  try {
    const world = await newWorld(t);
    const sample = await newCase(t, world, { children: 2 });
    // The access report's child: of another case, which the load never reads or lists, so its trail is
    // only the REPORT_TRAIL rows seeded for it, at every size (the sample case's children are in
    // the audit row of every case read the bench makes: tens of thousands by the large step).
    const reportCase = await newCase(t, world, { children: 1 });
    const child = reportCase.childIds[0] as string;
    // Older than every seeded case, so never on the caseload page the load lists (a listed case
    // is audited with its children).
    await db.query(
      `UPDATE case_record SET created_at = now() - interval '20 years' WHERE id = $1`,
      [reportCase.id],
    );
    const paths = await hotPaths(t, world, sample, { concurrency: 4, contacts: 200 });
    const auth = { Authorization: `Bearer ${world.practitioner.token}` };
    const auditor = { Authorization: `Bearer ${world.auditor.token}` };
    // Seeding 20,000,000 audit rows outlasts an access token (15 minutes): sign in again before
    // every measurement, or every request of the step is a 401 (as two earlier runs found).
    const signInAgain = async () => {
      auth.Authorization = `Bearer ${await login(t, world.practitioner.email, PASSWORD)}`;
      auditor.Authorization = `Bearer ${await login(t, world.auditor.email, PASSWORD)}`;
      await paths.signInAgain();
    };
    let cases = 1;
    const growCases = async (to: number) => {
      const started = Date.now();
      for (; cases < to;) {
        const n = Math.min(200_000, to - cases);
        await db.query(
          `INSERT INTO case_record (id, local_authority_id, family_id, team_id, lead_practitioner_id, stage, restricted,
                                    referral_date, referral_source, created_at, updated_at)
           SELECT gen_random_uuid(), local_authority_id, family_id, team_id, lead_practitioner_id, stage, false,
                  referral_date, referral_source, now() - ((g + $3) * interval '1 second'), now()
             FROM case_record, generate_series(1, $2) g WHERE id = $1`,
          [sample.id, n, cases],
        );
        cases += n;
      }
      // Settled before measuring: visibility map set, statistics fresh, dirty pages written —
      // every table, not only case_record: the cases' triggers filled case_episode and the
      // indicator facts, and with statistics from before the load the planner read a case's
      // episodes through the LA-wide index (all 1,000,000 of them per case read, 18 ms).
      await db.query(`VACUUM ANALYZE`);
      await db.query(`CHECKPOINT`);
      console.log(`${cases} cases (seeded in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    };
    let audits = Number((await db.query(`SELECT count(*) AS n FROM audit_event`)).rows[0].n);
    let trailSeeded = false;
    const growAudit = async (to: number) => {
      const started = Date.now();
      await db.query(
        `SELECT audit_event_ensure_partitions(0, (now() - interval '11 months')::date)`,
      );
      if (!trailSeeded) {
        // The report child's trail: REPORT_TRAIL reads over the last year, once.
        await db.query(
          `INSERT INTO audit_event (at, local_authority_id, actor_type, actor_id, action, record_type,
                                    record_id, child_ids, outcome)
           SELECT now() - random() * interval '360 days', $1, 'user', $2, 'case.read', 'case',
                  $3, ARRAY[$4::uuid], 'success'
             FROM generate_series(1, $5) g`,
          [world.la.id, world.practitioner.id, reportCase.id, child, REPORT_TRAIL],
        );
        audits += REPORT_TRAIL;
        trailSeeded = true;
      }
      for (; audits < to;) {
        const n = Math.min(1_000_000, to - audits);
        // Other children's reads in the same LA over the last year, like a large LA's trail.
        await db.query(
          `INSERT INTO audit_event (at, local_authority_id, actor_type, actor_id, action, record_type,
                                    record_id, child_ids, outcome)
           SELECT now() - random() * interval '360 days', $1, 'user', $2, 'case.read', 'case',
                  gen_random_uuid(), ARRAY[gen_random_uuid()], 'success'
             FROM generate_series(1, $3) g`,
          [world.la.id, world.practitioner.id, n],
        );
        audits += n;
      }
      await db.query(`VACUUM ANALYZE audit_event`);
      await db.query(`CHECKPOINT`);
      console.log(
        `${audits} audit rows (seeded in ${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    };
    const run = (name: string, url: string, headers: Record<string, string>) =>
      load({ name, url, headers, concurrency: CONCURRENCY, seconds: SECONDS, expectStatus: 200 });
    const measure = async (
      label: string,
      lines: [string, string, Record<string, string>][],
    ): Promise<LoadResult[]> => {
      const out: LoadResult[] = [];
      await signInAgain();
      for (const [name, path, headers] of lines) {
        const r = await run(`${name} @ ${label}`, `${servers[0].url}${API}${path}`, headers);
        printResult(r);
        out.push(r);
      }
      return out;
    };
    const caseLines: [string, string, Record<string, string>][] = [
      ['GET /cases/:id', `/cases/${sample.id}`, auth],
      ['GET /cases?teamId (50)', `/cases?teamId=${world.fhTeam.id}&limit=50`, auth],
      // The practitioner's other screens and the inboxes: the GET paths of the same-work lines.
      ...paths
        .filter((p) => (p.method ?? 'GET') === 'GET' && p.key !== 'caseload-team')
        .map((p): [string, string, Record<string, string>] => [
          p.name,
          p.path(0).slice(API.length),
          p.headers,
        ]),
    ];
    // The integrators' feed polled for what changed since just after the seeding (a note on the
    // sample case): a page computes the cases with a change since the mark only (the candidate
    // step, migration 1799005000000), so its cost follows the changes, not the LA's size.
    const feedLine = async (): Promise<[string, string, Record<string, string>]> => {
      await signInAgain();
      const { rows } = await db.query(
        `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS mark`,
      );
      const note = await t
        .req()
        .post(`${API}/cases/${sample.id}/notes`)
        .set(auth)
        .send({ body: 'Scale bench: a change for the feed to find.' });
      if (note.status !== 201) throw new Error(`feed line: note ${note.status}`);
      return ['GET /cases?updatedSince (1 change)', `/cases?updatedSince=${rows[0].mark}`, auth];
    };
    const auditLines: [string, string, Record<string, string>][] = [
      ['access report', `/children/${child}/access-report`, auditor],
      ['GET /audit-events', `/audit-events?limit=50`, auditor],
    ];
    const ratios = (small: LoadResult[], large: LoadResult[], a: string, b: string) =>
      small.forEach((s, i) =>
        console.log(
          `${s.name.split(' @ ')[0]}: p99 ${b} / ${a} = ${(large[i].p99 / s.p99).toFixed(2)}${s.errors || large[i].errors ? ' (NOT VALID: unexpected responses)' : ''}`,
        ),
      );

    await growCases(SMALL);
    const small = await measure(`${SMALL} cases`, [...caseLines, await feedLine()]);
    await growAudit(AUDIT_SMALL);
    const auditSmall = await measure(`${audits} audit rows`, auditLines);
    await growCases(LARGE);
    const large = await measure(`${LARGE} cases`, [...caseLines, await feedLine()]);
    await growAudit(AUDIT_LARGE);
    const auditLarge = await measure(`${audits} audit rows`, auditLines);

    if (process.env.SCALE_INSTANCES !== '1') {
      await signInAgain();
      const one = await run(
        'case read, 1 instance',
        `${servers[0].url}${API}/cases/${sample.id}`,
        auth,
      );
      printResult(one);
      servers.push(await startProcess('tandem-server.js', env));
      const halves = await Promise.all(
        servers.map((s, i) =>
          load({
            name: `case read, instance ${i + 1} of 2`,
            url: `${s.url}${API}/cases/${sample.id}`,
            headers: auth,
            concurrency: CONCURRENCY / 2,
            seconds: SECONDS,
            expectStatus: 200,
          }),
        ),
      );
      halves.forEach(printResult);
      const two = halves.reduce((a, b) => a + b.rps, 0);
      console.log(
        `case read: 1 instance ${one.rps.toFixed(0)} req/s, 2 instances ${two.toFixed(0)} req/s (×${(two / one.rps).toFixed(2)})`,
      );
    }
    ratios(small, large, `${SMALL}`, `${LARGE}`);
    ratios(auditSmall, auditLarge, `${AUDIT_SMALL}`, `${AUDIT_LARGE}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
