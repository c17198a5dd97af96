import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maintained indicator facts (docs/indicators.md, "How it is computed"): `indicator_fact` holds
 * one row per counted thing — a timescale item, a concern, a child's CP plan, a step-down, a
 * CP episode, a decision request, a challenge, a visit, a Family Network Plan agreed — with the
 * dates its indicator needs, so `GET /indicators` aggregates rows by (LA, indicator, day) or
 * (LA, team, indicator, day) and never replays a history per request.
 *
 * The rows are written by the database itself, in the same transaction as the change: statement
 * triggers (with transition tables) on every source table collect the cases a statement touched
 * and call `indicator_fact_refresh(case ids)`, which deletes those cases' rows and recomputes
 * them from the source tables with the SQL below (the same definitions the per-request queries
 * used before). A supersession or correction is a new `decision` row, so it refreshes its case;
 * a decision also refreshes the other cases of its children (a repeat CP plan looks across the
 * child's cases). Nothing can write a source row without its facts following, whatever the
 * path (API, scenario loader, bulk generator, SQL). The dates stored are as-of independent; the
 * query applies `asOf` (a status or answer counts only once its date has come).
 *
 * A change to a definition is a new migration that replaces `indicator_fact_refresh` and calls
 * it for every case (as the backfill at the end of `up`).
 */

const london = (col: string) => `(${col} AT TIME ZONE 'Europe/London')::date`;
const live = (a: string) =>
  `NOT EXISTS (SELECT 1 FROM decision sup WHERE sup.supersedes_id = ${a}.id)`;
/** The working day on or before a date (`x` a date expression). */
const workingOnOrBefore = (x: string) =>
  `(SELECT wd.day FROM working_day wd
     WHERE wd.working AND wd.n = (SELECT wx.n FROM working_day wx WHERE wx.day = (${x})::date))`;

const COLS = `indicator, item_id, case_id, local_authority_id, team_id, on_date`;

/** Each source query fills the common columns and some of its own; `{{CASES}}` filters c.id. */
const FACTS: string[] = [
  // The current referral's assessment: due 45 working days after the referral.
  `INSERT INTO indicator_fact (${COLS}, met_on, met_known_on, ended_on)
   SELECT 'timescale_assessment', c.id::text, c.id, c.local_authority_id, c.team_id, due.day,
          c.assessment_completed_at, c.assessment_completed_at, ${london('c.closed_at')}
     FROM case_record c
     JOIN working_day w0 ON w0.day = c.referral_date
     JOIN working_day due ON due.working AND due.n = w0.n + 45
    WHERE c.id {{CASES}}`,

  // The initial conference of each s47 enquiry: due 15 working days after the strategy
  // discussion. Held: the first initial conference meeting on or after it (known that day), or
  // the conference convened in the enquiry that a CP plan came out of (known when the plan
  // started). Ended: the first no further action on or after the enquiry.
  `INSERT INTO indicator_fact (${COLS}, met_on, met_known_on, alt_met_on, alt_known_on, ended_on)
   SELECT 'timescale_initial_cp_conference', d.id::text, d.case_id, c.local_authority_id,
          c.team_id, due.day, mt.held, mt.held, cv.conf, cv.plan_on,
          (SELECT min(e.effective_date) FROM decision e
            WHERE e.case_id = d.case_id AND e.type = 'no_further_action' AND ${live('e')}
              AND e.effective_date >= d.effective_date)
     FROM decision d
     JOIN case_record c ON c.id = d.case_id
     JOIN working_day w0 ON w0.day = coalesce(d.strategy_discussion_date, d.effective_date)
     JOIN working_day due ON due.working AND due.n = w0.n + 15
     CROSS JOIN LATERAL (SELECT min(mt.held_on) AS held FROM case_meeting mt
                          WHERE mt.case_id = d.case_id AND mt.kind = 'initial_cp_conference'
                            AND mt.held_on >= w0.day) mt
     LEFT JOIN LATERAL (
       SELECT x.conference_date AS conf, p.plan_on FROM decision x
        CROSS JOIN LATERAL (SELECT min(p.effective_date) AS plan_on FROM decision p
                             WHERE p.case_id = d.case_id AND p.type = 'start_child_protection_plan'
                               AND ${live('p')} AND p.effective_date >= x.conference_date) p
        WHERE x.case_id = d.case_id AND x.type = 'convene_initial_cp_conference' AND ${live('x')}
          AND x.effective_date >= d.effective_date AND x.conference_date IS NOT NULL
          AND p.plan_on IS NOT NULL
        ORDER BY x.conference_date LIMIT 1) cv ON TRUE
    WHERE d.type = 'start_section_47_enquiry' AND ${live('d')} AND c.id {{CASES}}`,

  // Family Network Plan reviews: each review held (against the date it was due), and the next
  // review of an agreed or active plan while the case is open.
  `INSERT INTO indicator_fact (${COLS}, met_on, met_known_on)
   SELECT 'timescale_family_network_plan_review', r.id::text, f.case_id, c.local_authority_id,
          c.team_id, r.due_date, r.reviewed_on, r.reviewed_on
     FROM family_network_plan f
     JOIN family_network_plan_review r ON r.plan_id = f.id
     JOIN case_record c ON c.id = f.case_id
    WHERE c.id {{CASES}}
   UNION ALL
   SELECT 'timescale_family_network_plan_review', f.id::text || ':next', f.case_id,
          c.local_authority_id, c.team_id, f.next_review_date, NULL, NULL
     FROM family_network_plan f
     JOIN case_record c ON c.id = f.case_id
    WHERE f.status IN ('agreed', 'active') AND c.stage <> 'closed' AND c.id {{CASES}}`,

  // Care proceedings in progress: due 26 weeks after the application (on a working day).
  `INSERT INTO indicator_fact (${COLS})
   SELECT 'timescale_care_proceedings', c.id::text, c.id, c.local_authority_id, c.team_id,
          ${workingOnOrBefore('a.applied + 182')}
     FROM case_record c
     CROSS JOIN LATERAL (SELECT max(d.effective_date) AS applied FROM decision d
                          WHERE d.case_id = c.id AND d.type = 'apply_for_care_proceedings'
                            AND ${live('d')}) a
    WHERE c.stage = 'care_proceedings' AND a.applied IS NOT NULL AND c.id {{CASES}}`,

  // Each concern of significant harm, with when an ECPP was first on the case (an assignment
  // still active on the day it was raised counts) and the first decisions after it.
  `INSERT INTO indicator_fact (${COLS}, ecpp_on, decided_on, s47_on, icpc_on, cp_plan_on)
   SELECT 'concern', cc.id::text, cc.case_id, c.local_authority_id, c.team_id, cc.raised_on,
          (SELECT min(${london('w.assigned_at')}) FROM case_co_worker w
            WHERE w.case_id = cc.case_id
              AND (w.ended_at IS NULL OR ${london('w.ended_at')} >= cc.raised_on)),
          first.decided, first.s47, first.icpc, first.plan
     FROM case_concern cc
     JOIN case_record c ON c.id = cc.case_id
     CROSS JOIN LATERAL (
       SELECT min(x.effective_date) FILTER (WHERE x.type IN ('start_section_47_enquiry',
                                                             'no_further_action')) AS decided,
              min(x.effective_date) FILTER (WHERE x.type = 'start_section_47_enquiry') AS s47,
              min(x.effective_date) FILTER (WHERE x.type = 'convene_initial_cp_conference')
                AS icpc,
              min(x.effective_date) FILTER (WHERE x.type = 'start_child_protection_plan') AS plan
         FROM decision x
        WHERE x.case_id = cc.case_id AND ${live('x')} AND x.effective_date >= cc.raised_on) first
    WHERE c.id {{CASES}}`,

  // Each child's CP plan; a repeat when the child's previous plan (any case of the LA) ended
  // within the two years before it started.
  `INSERT INTO indicator_fact (${COLS}, flag, ref_id)
   SELECT 'cp_plan_child', d.id::text || ':' || ch.child_id, d.case_id, c.local_authority_id,
          c.team_id, d.effective_date,
          EXISTS (SELECT 1 FROM case_child cc2
                    JOIN decision e ON e.case_id = cc2.case_id
                   WHERE cc2.person_id = ch.child_id AND e.local_authority_id = c.local_authority_id
                     AND e.type = 'end_child_protection_plan'
                     AND ${live('e')} AND ch.child_id = ANY (e.child_ids)
                     AND e.effective_date <= d.effective_date
                     AND e.effective_date >= d.effective_date - interval '2 years'),
          ch.child_id::text
     FROM decision d
     CROSS JOIN LATERAL unnest(d.child_ids) AS ch(child_id)
     JOIN case_record c ON c.id = d.case_id
    WHERE d.type = 'start_child_protection_plan' AND ${live('d')} AND c.id {{CASES}}`,

  // Each step-down, with the first re-escalation (a concern or a s47 enquiry) within six months.
  `INSERT INTO indicator_fact (${COLS}, outcome_on)
   SELECT 'step_down', d.id::text, d.case_id, c.local_authority_id, c.team_id, d.effective_date,
          least(
            (SELECT min(cc.raised_on) FROM case_concern cc
              WHERE cc.case_id = d.case_id AND cc.raised_on > d.effective_date
                AND cc.raised_on <= d.effective_date + interval '6 months'),
            (SELECT min(s.effective_date) FROM decision s
              WHERE s.case_id = d.case_id AND s.type = 'start_section_47_enquiry'
                AND ${live('s')} AND s.effective_date > d.effective_date
                AND s.effective_date <= d.effective_date + interval '6 months'))
     FROM decision d
     JOIN case_record c ON c.id = d.case_id
    WHERE d.type = 'end_child_protection_plan' AND ${live('d')} AND c.id {{CASES}}`,

  // Each CP episode (a s47 enquiry) to the first later no further action, step-down, next
  // enquiry or closure, with the first lead practitioner change within it.
  `INSERT INTO indicator_fact (${COLS}, ended_on, outcome_on)
   SELECT 'cp_episode', d.id::text, d.case_id, c.local_authority_id, c.team_id, d.effective_date,
          ep.ended,
          (SELECT min(${london('ev.at')}) FROM case_event ev
            WHERE ev.case_id = d.case_id AND ev.type = 'lead_practitioner_changed'
              AND ${london('ev.at')} >= d.effective_date
              AND ${london('ev.at')} <= coalesce(ep.ended, 'infinity'::date))
     FROM decision d
     JOIN case_record c ON c.id = d.case_id
     CROSS JOIN LATERAL (SELECT least(${london('c.closed_at')},
       (SELECT min(e.effective_date) FROM decision e
         WHERE e.case_id = d.case_id AND ${live('e')} AND e.id <> d.id
           AND e.type IN ('no_further_action', 'end_child_protection_plan',
                          'start_section_47_enquiry')
           AND e.effective_date >= d.effective_date)) AS ended) ep
    WHERE d.type = 'start_section_47_enquiry' AND ${live('d')} AND c.id {{CASES}}`,

  // Each decision request, answered on the day the decision answering it was recorded.
  `INSERT INTO indicator_fact (${COLS}, outcome_on)
   SELECT 'decision_request', r.id::text, r.case_id, c.local_authority_id, c.team_id,
          ${london('r.requested_at')},
          (SELECT min(${london('a.created_at')}) FROM decision a WHERE a.request_id = r.id)
     FROM decision_request r
     JOIN case_record c ON c.id = r.case_id
    WHERE c.id {{CASES}}`,

  // Each challenge to a decision.
  `INSERT INTO indicator_fact (${COLS}, ref, ref_id)
   SELECT 'challenge', ch.id::text, ch.case_id, c.local_authority_id, c.team_id,
          ${london('ch.raised_at')}, d.type, ch.decision_id::text
     FROM decision_challenge ch
     JOIN decision d ON d.id = ch.decision_id
     JOIN case_record c ON c.id = ch.case_id
    WHERE c.id {{CASES}}`,

  // Each visit to a child.
  `INSERT INTO indicator_fact (${COLS}, flag, ref_id)
   SELECT 'visit', v.id::text, v.case_id, c.local_authority_id, c.team_id, v.visited_on,
          v.seen_alone, v.child_id::text
     FROM case_visit v
     JOIN case_record c ON c.id = v.case_id
    WHERE c.id {{CASES}}`,

  // Each Family Network Plan agreed (the first time: the day of its first
  // family_network_plan_agreed timeline event), with the case's latest FGDM meeting held on or
  // before that day.
  `INSERT INTO indicator_fact (${COLS}, since_on)
   SELECT 'fnp_agreed', ag.plan_id::text, ag.case_id, c.local_authority_id, c.team_id, ag.agreed,
          (SELECT max(g.held_on) FROM fgdm_meeting g
            WHERE g.case_id = ag.case_id AND g.held_on <= ag.agreed)
     FROM (SELECT ev.case_id, ev.record_id AS plan_id, min(${london('ev.at')}) AS agreed
             FROM case_event ev
            WHERE ev.type = 'family_network_plan_agreed' AND ev.record_id IS NOT NULL
              AND ev.case_id {{EVENT_CASES}}
            GROUP BY ev.case_id, ev.record_id) ag
     JOIN case_record c ON c.id = ag.case_id`,
];

const ALL = [
  'case_id',
  'local_authority_id',
  'team_id',
  'on_date',
  'met_on',
  'met_known_on',
  'alt_met_on',
  'alt_known_on',
  'ended_on',
  'ecpp_on',
  'decided_on',
  's47_on',
  'icpc_on',
  'cp_plan_on',
  'outcome_on',
  'since_on',
  'flag',
  'ref',
  'ref_id',
];
/** Newest values win should two transactions refresh the same case at once. */
const UPSERT = `ON CONFLICT (indicator, item_id) DO UPDATE SET (${ALL.join(', ')}) =
  (${ALL.map((c) => `EXCLUDED.${c}`).join(', ')})`;

const factSql = (filter: string) =>
  FACTS.map(
    (sql) =>
      `${sql.split('{{CASES}}').join(filter).split('{{EVENT_CASES}}').join(filter)}\n${UPSERT}`,
  );

/** Source tables → the expression giving the case of a changed row (`t` a transition row). */
const SOURCES: [table: string, caseOf: string, where: string][] = [
  // Its updates only when a column the facts read changed.
  ['case_record', 't.id', 'TRUE'],
  ['case_concern', 't.case_id', 'TRUE'],
  ['decision', 't.case_id', 'TRUE'],
  ['case_co_worker', 't.case_id', 'TRUE'],
  ['case_meeting', 't.case_id', `t.kind = 'initial_cp_conference'`],
  ['case_visit', 't.case_id', 'TRUE'],
  ['decision_request', 't.case_id', 'TRUE'],
  ['decision_challenge', 't.case_id', 'TRUE'],
  [
    'case_event',
    't.case_id',
    `t.type IN ('lead_practitioner_changed', 'family_network_plan_agreed')`,
  ],
  ['family_network_plan', 't.case_id', 'TRUE'],
  [
    'family_network_plan_review',
    '(SELECT f.case_id FROM family_network_plan f WHERE f.id = t.plan_id)',
    'TRUE',
  ],
  ['fgdm_meeting', 't.case_id', 'TRUE'],
];

export class IndicatorFacts1796110000000 implements MigrationInterface {
  name = 'IndicatorFacts1796110000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "indicator_fact" (
         "indicator" text NOT NULL,
         "item_id" text NOT NULL,
         "case_id" uuid NOT NULL,
         "local_authority_id" uuid NOT NULL,
         "team_id" uuid NOT NULL,
         "on_date" date NOT NULL,
         "met_on" date, "met_known_on" date, "alt_met_on" date, "alt_known_on" date,
         "ended_on" date,
         "ecpp_on" date, "decided_on" date, "s47_on" date, "icpc_on" date, "cp_plan_on" date,
         "outcome_on" date, "since_on" date,
         "flag" boolean, "ref" text, "ref_id" text,
         CONSTRAINT "pk_indicator_fact" PRIMARY KEY ("indicator", "item_id"),
         CONSTRAINT "fk_indicator_fact_case" FOREIGN KEY ("case_id")
           REFERENCES "case_record"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_indicator_fact_la" ON "indicator_fact"
         ("local_authority_id", "indicator", "on_date")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_indicator_fact_team" ON "indicator_fact"
         ("local_authority_id", "team_id", "indicator", "on_date")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_indicator_fact_case" ON "indicator_fact" ("case_id")`,
    );

    const refresh = factSql('= ANY (ids)')
      .map((sql) => `  ${sql};`)
      .join('\n');
    // The cases to refresh: those given and, for a repeat CP plan, the other cases of their
    // children. Plain (not dynamic) SQL: plans are cached per session, with custom plans for
    // the array parameter while they are cheaper.
    await queryRunner.query(
      `CREATE FUNCTION indicator_fact_refresh(changed uuid[]) RETURNS void
         LANGUAGE plpgsql AS $fn$
       DECLARE ids uuid[];
       BEGIN
         IF changed IS NULL OR cardinality(changed) = 0 THEN RETURN; END IF;
         SELECT array_agg(DISTINCT x) INTO ids FROM (
           SELECT unnest(changed) AS x
           UNION
           SELECT o.case_id FROM case_child k JOIN case_child o ON o.person_id = k.person_id
            WHERE k.case_id = ANY (changed)) s;
         DELETE FROM indicator_fact WHERE case_id = ANY (ids);
       ${refresh}
       END $fn$`,
    );
    // One trigger function per table and operation (transition tables): the cases the
    // statement touched, before and after.
    for (const [table, caseOf, where] of SOURCES) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE'] as const) {
        const fn = `indicator_fact_${table}_${op.toLowerCase()}`;
        const rows =
          op === 'INSERT'
            ? `SELECT ${caseOf} FROM new_rows t WHERE ${where}`
            : op === 'DELETE'
              ? `SELECT ${caseOf} FROM old_rows t WHERE ${where}`
              : table === 'case_record'
                ? `SELECT t.id FROM new_rows t JOIN old_rows o ON o.id = t.id
                    WHERE (t.team_id, t.local_authority_id, t.referral_date,
                           t.assessment_completed_at, t.closed_at, t.stage)
                          IS DISTINCT FROM (o.team_id, o.local_authority_id, o.referral_date,
                           o.assessment_completed_at, o.closed_at, o.stage)`
                : `SELECT ${caseOf} FROM new_rows t WHERE ${where}
                   UNION SELECT ${caseOf} FROM old_rows t WHERE ${where}`;
        await queryRunner.query(
          `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$
           BEGIN
             PERFORM indicator_fact_refresh(ARRAY(SELECT DISTINCT x FROM (${rows}) s(x)
                                                   WHERE x IS NOT NULL));
             RETURN NULL;
           END $fn$`,
        );
        const referencing =
          op === 'INSERT'
            ? 'NEW TABLE AS new_rows'
            : op === 'DELETE'
              ? 'OLD TABLE AS old_rows'
              : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await queryRunner.query(
          `CREATE TRIGGER "tr_${fn}" AFTER ${op} ON "${table}" REFERENCING ${referencing}
             FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        );
      }
    }

    // Backfill: every case's facts, set-based.
    for (const sql of factSql('IS NOT NULL')) await queryRunner.query(sql);
    await queryRunner.query(`ANALYZE "indicator_fact"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of SOURCES) {
      for (const op of ['insert', 'update', 'delete']) {
        const fn = `indicator_fact_${table}_${op}`;
        await queryRunner.query(`DROP TRIGGER "tr_${fn}" ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION ${fn}()`);
      }
    }
    await queryRunner.query(`DROP FUNCTION indicator_fact_refresh(uuid[])`);
    await queryRunner.query(`DROP TABLE "indicator_fact"`);
  }
}
