import 'reflect-metadata';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Pool } from 'pg';
import { freePort, startEmbeddedPostgres } from 'src/database/embedded-postgres';
import type { TestApp } from '../test/utils/create-app';
import { newCase } from '../test/utils/case.factories';
import { assignEcpp, closeDb, decide, raiseConcern, startPlanAt } from '../test/utils/cp.factories';
import { API, bearer, newWorld } from '../test/utils/factories';
import { startProcess, tandemEnv } from './processes';

/**
 * `npm run bench:exports`: BENCH_CHILDREN children (default 50,000), each on a case with a s47
 * enquiry, a CP plan and a visit (copied in SQL from one case driven through the API), then times
 * the streamed exports over HTTP and samples the server's RSS while they run. Figures only.
 */
const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 50_000);

async function timed(url: string, token: string, server: { rssMiB(): number }) {
  const peak = { rss: server.rssMiB() };
  const sampler = setInterval(() => (peak.rss = Math.max(peak.rss, server.rssMiB())), 100);
  const started = Date.now();
  const bytes = await new Promise<number>((resolve, reject) => {
    http
      .get(url, { headers: bearer(token) }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(n) : reject(new Error(`${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
  clearInterval(sampler);
  return { seconds: (Date.now() - started) / 1000, mib: bytes / 1048576, peakRss: peak.rss };
}

async function main() {
  let base: string | null = null;
  let stopDb = async () => undefined as void;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    base = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
    const pg = await startEmbeddedPostgres({
      baseDir: base,
      port: await freePort(),
      persistent: false,
      database: 'tandem_bench',
    });
    databaseUrl = pg.url;
    stopDb = () => pg.stop();
  }
  const server = await startProcess(
    'tandem-server.js',
    tandemEnv(databaseUrl, { EVENTS_DISPATCHER: 'off' }),
  );
  const t = { req: () => request(server.url), databaseUrl } as unknown as TestApp;
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const w = await newWorld(t);
    const opened = await newCase(t, w, { referralDate: '2026-09-01' });
    const kase = {
      caseId: opened.id,
      familyId: opened.familyId,
      childIds: opened.childIds,
      referralDate: '2026-09-01',
    };
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-11-02',
      strategyDiscussionDate: '2026-11-02',
    });
    await decide(t, kase, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: '2026-11-09',
    });
    // The initial conference held on 20 November decides the plan, which starts citing it.
    await startPlanAt(t, w, kase, '2026-11-20');
    const seedStart = Date.now();
    await db.query(
      `WITH g AS (SELECT gen_random_uuid() AS fam, gen_random_uuid() AS per, gen_random_uuid() AS cas, n
                    FROM generate_series(1, $2) n),
            src AS (SELECT * FROM case_record WHERE id = $1),
            f AS (INSERT INTO family (id, local_authority_id, name)
                  SELECT fam, src.local_authority_id, 'Bench family' FROM g, src),
            p AS (INSERT INTO person (id, local_authority_id, family_id, kind, first_name, last_name, date_of_birth, sex)
                  SELECT per, src.local_authority_id, fam, 'child', 'Child', 'Bench', date '2012-01-01' + (n % 4000), 'F' FROM g, src),
            c AS (INSERT INTO case_record (id, local_authority_id, family_id, team_id, lead_practitioner_id, stage, referral_date, referral_source)
                  SELECT cas, src.local_authority_id, fam, src.team_id, src.lead_practitioner_id, src.stage, src.referral_date, src.referral_source FROM g, src),
            cc AS (INSERT INTO case_child (case_id, person_id) SELECT cas, per FROM g),
            d AS (INSERT INTO decision (case_id, local_authority_id, type, rationale, child_ids, effective_date, category, strategy_discussion_date, conference_date, decided_by_id)
                  SELECT g.cas, x.local_authority_id, x.type, x.rationale, ARRAY[g.per], x.effective_date, x.category, x.strategy_discussion_date, x.conference_date, x.decided_by_id
                    FROM g CROSS JOIN (SELECT * FROM decision WHERE case_id = $1) x)
       INSERT INTO case_visit (case_id, local_authority_id, child_id, visited_on, seen_alone, recorded_by_id)
       SELECT g.cas, src.local_authority_id, g.per, '2026-11-25', true, src.lead_practitioner_id FROM g, src`,
      [kase.caseId, CHILDREN],
    );
    // The census needs the LA's DfE number (the LEA).
    await db.query(`UPDATE local_authority SET dfe_number = '931' WHERE id = $1`, [w.la.id]);
    // Half the children had a Family Help (CIN) plan from 20 September until their CP plan began:
    // the census writes a CINPlanDates module for each of those episodes.
    await db.query(
      `UPDATE case_episode e SET cin_plan_started_on = date '2026-09-20'
         FROM case_record c
        WHERE c.id = e.case_id AND c.local_authority_id = $1 AND get_byte(uuid_send(c.id), 15) % 2 = 0`,
      [w.la.id],
    );
    await db.query('ANALYZE');
    console.log(
      `seeded ${CHILDREN} children (case, s47, CP plan, visit each; a CIN plan before it for half) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    console.log(`server RSS before exports: ${server.rssMiB().toFixed(0)} MiB`);
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
    for (const [name, path] of [
      ['CIN census XML (year 2027)', '/exports/cin-census?year=2027'],
      ['Annex A list 7 CSV', '/exports/annex-a?list=7'],
      ['Annex A list 7 XLSX', '/exports/annex-a?list=7&format=xlsx'],
      ['Annex A list 5 CSV', '/exports/annex-a?list=5'],
      ['Annex A list 6 CSV', '/exports/annex-a?list=6'],
    ]) {
      const r = await timed(`${server.url}${API}${path}`, w.laAdmin.token, server);
      console.log(
        `${name}: ${r.seconds.toFixed(1)} s, ${r.mib.toFixed(1)} MiB streamed, server peak RSS ${r.peakRss.toFixed(0)} MiB`,
      );
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    await closeDb(t).catch(() => undefined);
    await db.end();
    await server.stop();
    await stopDb();
    if (base) rmSync(base, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
