/**
 * `npm run bench:indicators`: seeds BENCH_CASES cases (default 1,000,000) with SQL into its own
 * database (BENCH_DATABASE_URL, default `tandem_bench_indicators` on the local Postgres; made and
 * migrated if missing, reseeded only when it holds fewer cases), then times every practice
 * indicator LA-wide over 12 months and for one team, as GET /indicators runs them (the
 * repository's SQL, in one REPEATABLE READ transaction). Prints figures; asserts nothing.
 *
 * The history per case i (referrals spread over two years, 20 Family Help teams): an assessment
 * (80 % done), a concern (20 %), an ECPP (16 %), a s47 enquiry (10 %), no further action (10 %),
 * an ICPC and a CP plan with three visits (5 %), a step-down (2.5 %), a decision request (5 %),
 * a challenge and a lead change (1 %), 2 % restricted; then once (`seedPlans`) an FGDM and a Family
 * Network Plan agreed with a review (2 %) and care proceedings (0.5 %).
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source-options';
import { INDICATOR_GROUPS } from 'src/indicators/indicator-sql';
import { IndicatorRepository, Period, TeamScope } from 'src/indicators/indicator.repository';
import { readAllIndicators } from 'src/indicators/indicator-lanes';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tandem_bench_indicators';
const CHUNK = 100_000;
const LA = '00000000-0000-4000-8000-00000000000a';
const USER = '00000000-0000-4000-8000-0000000000b1';
const team = (n: string) => `md5('team' || (${n}) % 20)::uuid`;
const id = (kind: string, n = 'g') => `md5('${kind}' || ${n})::uuid`;

async function ensureDatabase(): Promise<void> {
  const u = new globalThis.URL(URL);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new Client({ connectionString: u.toString() });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

async function seed(ds: DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  const q = (sql: string, p: unknown[] = []) => runner.query(sql, p);
  await q(
    `INSERT INTO local_authority (id, name, code) VALUES ($1, 'Bench LA', 'BENCHIND')
     ON CONFLICT DO NOTHING`,
    [LA],
  );
  await q(
    `INSERT INTO app_user (id, email, name, password_hash, roles, local_authority_id)
     VALUES ($1, 'bench-ind@tandem.test', 'Bench', 'x', ARRAY['ecpp'], $2) ON CONFLICT DO NOTHING`,
    [USER, LA],
  );
  await q(
    `INSERT INTO team (id, local_authority_id, name, kind)
     SELECT ${team('g')}, $1, 'Team ' || g, 'family_help' FROM generate_series(0, 19) g
     ON CONFLICT DO NOTHING`,
    [LA],
  );
  const have: { n: number }[] = await q(`SELECT count(*)::int AS n FROM case_record`);
  for (let lo = have[0].n + 1; lo <= CASES; lo += CHUNK) {
    const hi = Math.min(CASES, lo + CHUNK - 1);
    const t0 = Date.now();
    const range = `generate_series(${lo}, ${hi}) g`;
    await q('BEGIN');
    const ref = `(date '2025-05-01' + (g % 730))`;
    await q(`INSERT INTO family (id, local_authority_id) SELECT ${id('f')}, $1 FROM ${range}`, [
      LA,
    ]);
    await q(
      `INSERT INTO person (id, local_authority_id, family_id, kind, first_name, last_name, date_of_birth)
       SELECT ${id('p')}, $1, ${id('f')}, 'child', 'C', 'B', date '2015-01-01' + (g % 4000) FROM ${range}`,
      [LA],
    );
    await q(
      `INSERT INTO case_record (id, local_authority_id, family_id, team_id, lead_practitioner_id,
                                referral_date, referral_source, restricted, assessment_completed_at)
       SELECT ${id('c')}, $1, ${id('f')}, ${team('g')}, $2, ${ref}, '2A', g % 50 = 0,
              CASE WHEN g % 10 < 8 THEN ${ref} + 20 + g % 60 END
         FROM ${range}`,
      [LA, USER],
    );
    await q(
      `INSERT INTO case_child (case_id, person_id) SELECT ${id('c')}, ${id('p')} FROM ${range}`,
    );
    await q(
      `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary, at)
       SELECT ${id('c')}, $1::uuid, 'case_created', $2::uuid, 'user', 'Case opened', ${ref}::timestamptz FROM ${range}
       UNION ALL
       SELECT ${id('c')}, $1::uuid, 'lead_practitioner_changed', $2::uuid, 'user', 'Lead reassigned',
              (${ref} + 20)::timestamptz FROM ${range} WHERE g % 100 = 0`,
      [LA, USER],
    );
    await q(
      `INSERT INTO case_concern (id, case_id, local_authority_id, raised_by_id, child_ids, summary, raised_at, raised_on)
       SELECT ${id('k')}, ${id('c')}, $1, $2, ARRAY[${id('p')}], 'Concern', (${ref} + 10)::timestamptz, ${ref} + 10
         FROM ${range} WHERE g % 5 = 0`,
      [LA, USER],
    );
    await q(
      `INSERT INTO case_co_worker (case_id, user_id, assigned_by_id, assigned_at, assigned_on)
       SELECT ${id('c')}, $1, $1, (${ref} + 12)::timestamptz, (${ref} + 12)::date FROM ${range} WHERE g % 5 = 0 AND g % 25 <> 5`,
      [USER],
    );
    const dec = (kind: string, type: string, where: string, eff: string, extra = '', vals = '') =>
      q(
        `INSERT INTO decision (id, case_id, local_authority_id, type, rationale, child_ids, effective_date, decided_by_id, created_at${extra})
         SELECT ${id(kind)}, ${id('c')}, $1, '${type}', 'A rationale long enough to be recorded', ARRAY[${id('p')}],
                ${eff}, $2, (${eff})::timestamptz${vals}
           FROM ${range} WHERE ${where}`,
        [LA, USER],
      );
    await dec(
      's47',
      'start_section_47_enquiry',
      'g % 10 = 0',
      `${ref} + 14`,
      ', strategy_discussion_date',
      `, ${ref} + 13`,
    );
    await dec('nfa', 'no_further_action', 'g % 10 = 5', `${ref} + 15`);
    await dec(
      'icpc',
      'convene_initial_cp_conference',
      'g % 20 = 0',
      `${ref} + 14`,
      ', conference_date',
      `, ${ref} + 30 + g % 7`,
    );
    await dec(
      'plan',
      'start_child_protection_plan',
      'g % 20 = 0',
      `${ref} + 30 + g % 7`,
      ', category',
      `, 'NEG'`,
    );
    await dec('end', 'end_child_protection_plan', 'g % 40 = 0', `${ref} + 200`);
    await q(
      `INSERT INTO case_meeting (case_id, local_authority_id, kind, held_on, recorded_by_id)
       SELECT ${id('c')}, $1, 'initial_cp_conference', ${ref} + 30 + g % 7, $2 FROM ${range} WHERE g % 20 = 0`,
      [LA, USER],
    );
    await q(
      `INSERT INTO case_visit (case_id, local_authority_id, child_id, visited_on, seen_alone, recorded_by_id)
       SELECT ${id('c')}, $1, ${id('p')}, ${ref} + 30 + 10 * v, (g + v) % 2 = 0, $2
         FROM ${range}, generate_series(1, 3) v WHERE g % 20 = 0`,
      [LA, USER],
    );
    await q(
      `INSERT INTO decision_request (case_id, local_authority_id, type, view, requested_by_id, requested_at)
       SELECT ${id('c')}, $1, 'start_section_47_enquiry', 'View', $2, (${ref} + 12)::timestamptz
         FROM ${range} WHERE g % 20 = 0`,
      [LA, USER],
    );
    await q(
      `INSERT INTO decision_challenge (decision_id, case_id, local_authority_id, view, raised_by_id, raised_at)
       SELECT ${id('nfa')}, ${id('c')}, $1, 'Disagree', $2, (${ref} + 16)::timestamptz
         FROM ${range} WHERE g % 100 = 5`,
      [LA, USER],
    );
    await q('COMMIT');
    console.log(`seeded cases ${lo}-${hi} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  await seedPlans(q);
  // As autovacuum leaves a table in steady state: statistics, and the visibility map that lets
  // the facts' covering index answer without visiting the table (an index-only scan).
  await q('VACUUM (ANALYZE) indicator_fact');
  await q('ANALYZE');
  await runner.release();
}

/**
 * Family Network Plans and care proceedings, added once to a seeded database (a top-up, so a
 * database seeded before them keeps its cases), in chunks written with the indicator-fact
 * triggers on: each chunk's time includes the facts' upkeep. Per case i: an FGDM meeting and a
 * plan agreed 15 days later with a review held (2 %), care proceedings applied for (0.5 %).
 */
async function seedPlans(q: (sql: string, p?: unknown[]) => Promise<unknown>): Promise<void> {
  const have = (await q(`SELECT count(*)::int AS n FROM family_network_plan`)) as { n: number }[];
  if (have[0].n > 0) return;
  for (let lo = 1; lo <= CASES; lo += CHUNK) {
    const hi = Math.min(CASES, lo + CHUNK - 1);
    const t0 = Date.now();
    const range = `generate_series(${lo}, ${hi}) g`;
    const ref = `(date '2025-05-01' + (g % 730))`;
    await q('BEGIN');
    await q(
      `INSERT INTO fgdm_meeting (case_id, local_authority_id, child_ids, held_on, coordinator,
                                 attendees, recorded_by_id)
       SELECT ${id('c')}, $1, ARRAY[${id('p')}], ${ref} + 40, 'Coordinator', '{}', $2
         FROM ${range} WHERE g % 50 = 1`,
      [LA, USER],
    );
    await q(
      `INSERT INTO family_network_plan (id, case_id, local_authority_id, status, agreed_version,
                                        child_ids, next_review_date, created_by_id)
       SELECT ${id('fnp')}, ${id('c')}, $1, 'active', 1, ARRAY[${id('p')}], ${ref} + 230, $2
         FROM ${range} WHERE g % 50 = 1`,
      [LA, USER],
    );
    await q(
      `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary,
                               at, record_type, record_id)
       SELECT ${id('c')}, $1::uuid, 'family_network_plan_agreed', $2::uuid, 'user',
              'Family Network Plan agreed', (${ref} + 55)::timestamptz, 'family_network_plan',
              ${id('fnp')}
         FROM ${range} WHERE g % 50 = 1`,
      [LA, USER],
    );
    await q(
      `INSERT INTO family_network_plan_review (plan_id, due_date, reviewed_on, summary,
                                               next_review_date, recorded_by_id)
       SELECT ${id('fnp')}, ${ref} + 140, ${ref} + 138 + g % 5, 'Reviewed', ${ref} + 230, $1
         FROM ${range} WHERE g % 50 = 1`,
      [USER],
    );
    await q(
      `INSERT INTO decision (id, case_id, local_authority_id, type, rationale, child_ids,
                             effective_date, decided_by_id, created_at)
       SELECT ${id('cp')}, ${id('c')}, $1, 'apply_for_care_proceedings',
              'A rationale long enough to be recorded', ARRAY[${id('p')}], ${ref} + 60, $2,
              (${ref} + 60)::timestamptz
         FROM ${range} WHERE g % 200 = 7`,
      [LA, USER],
    );
    await q(
      `UPDATE case_record SET stage = 'care_proceedings'
        WHERE id IN (SELECT ${id('c')} FROM ${range} WHERE g % 200 = 7)`,
    );
    await q('COMMIT');
    console.log(
      `plans and proceedings for cases ${lo}-${hi} (triggers on) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

async function main(): Promise<void> {
  await ensureDatabase();
  const ds = new DataSource({
    ...dataSourceOptions(URL, { statementTimeoutMs: 0 }),
    logging: false,
  });
  await ds.initialize();
  const [migrated, ran] = await time(() => ds.runMigrations());
  if (ran.length) {
    const names = ran.map((r) => r.name).join(', ');
    console.log(`migrations ${names} in ${(migrated / 1000).toFixed(1)} s (facts backfilled)`);
  }
  await seed(ds);
  const [{ n }] = await ds.query(
    `SELECT count(*)::int AS n FROM case_record WHERE local_authority_id = $1`,
    [LA],
  );
  const repo = new IndicatorRepository();
  const period: Period = { from: '2026-05-01', to: '2027-04-30', asOf: '2027-04-30' };
  const scopes: [string, TeamScope][] = [
    ['LA-wide', { kind: 'la' }],
    [
      'one team',
      { kind: 'teams', teamIds: [(await ds.query(`SELECT md5('team' || 3)::uuid AS id`))[0].id] },
    ],
  ];
  console.log(`${n} cases in the LA; period ${period.from}..${period.to}`);
  for (const [label, scope] of scopes) {
    for (let run = 1; run <= 3; run++) {
      // As GET /indicators reads them: every group on two lanes sharing one snapshot.
      const [lanes] = await time(() => readAllIndicators(ds, repo, LA, async () => scope, period));
      // The same groups one after another in one transaction, timed per group.
      const per: string[] = [];
      const [total] = await time(() =>
        ds.transaction('REPEATABLE READ', async (m) => {
          await repo.tune(m);
          for (const keys of INDICATOR_GROUPS) {
            const [ms, rows] = await time(() => repo.aggregateGroup(m, LA, keys, scope, period));
            for (const key of keys) {
              const tot = rows[key].find((r) => r.month === null)?.measures ?? {};
              per.push(`${key} ${ms.toFixed(0)} ms ${JSON.stringify(tot)}`);
            }
          }
        }),
      );
      console.log(
        `${label}, run ${run}: all indicators in ${lanes.toFixed(0)} ms (two lanes, as GET /indicators); ${total.toFixed(0)} ms one after another`,
      );
      if (run === 3) for (const line of per) console.log(`  ${line}`);
    }
  }
  await ds.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
