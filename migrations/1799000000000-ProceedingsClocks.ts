import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The proceedings clocks in the maintained indicator facts (docs/before-proceedings.md,
 * "Proceedings timescales"; the TypeScript twin is src/case-history/proceedings-timescales.ts).
 *
 * - `indicator_fact_refresh_base`: the `timescale_care_proceedings` statement (one item while the
 *   case is in care proceedings, due 26 weeks after the application decision, never met) is
 *   replaced, in place, by one statement writing three kinds of item:
 *   - `timescale_care_proceedings`: one per live `apply_for_care_proceedings`, due 26 weeks after
 *     its `issued_on` (`proceedings_decision_detail`; the decision's date when none was recorded)
 *     on a working day; met on `concluded_on` (else the date) of the first live
 *     `conclude_care_proceedings` recorded after it, known on that decision's date; ended by that
 *     decision or by the first closure recorded after the application, whichever came first.
 *   - `timescale_pre_proceedings`: one per letter before proceedings, due `pre_proceedings_weeks`
 *     (the LA's setting) after `sent_on`; met on the date of the first live `end_pre_proceedings`
 *     or `apply_for_care_proceedings` recorded after the pre-proceedings decision the letter
 *     belongs to (the first live `initiate_pre_proceedings` dated `pre_proceedings_started_on`);
 *     ended by it or by a closure first.
 *   - `timescale_pre_proceedings_review`: per letter, due 6 weeks after it; met by the first
 *     pre-proceedings `review` meeting held from the letter to the end of pre-proceedings.
 *   "Recorded after" is the history's order (a decision's `created_at`, a closure's `at`).
 * - Statement triggers on `proceedings_decision_detail`, `letter_before_proceedings` and
 *   `pre_proceedings_meeting` note their cases, so a detail written after its decision (in the
 *   same transaction — the facts are recomputed once at commit — or later) refreshes the facts.
 * - A change of an LA's `pre_proceedings_weeks` recomputes its cases, as its intervals do.
 * - `withdrawn` (the application withdrawn; alone, like `no_order`) joins the orders.
 *
 * No stored row is rewritten. The facts of every case with an application or a letter are
 * recomputed: an application recorded before `issued_on` existed counts from its date (as
 * before), and proceedings that have not concluded stay due or overdue as before.
 */
const OLD_CARE = `  INSERT INTO indicator_fact (indicator, item_id, case_id, local_authority_id, team_id, on_date)
   SELECT 'timescale_care_proceedings', c.id::text, c.id, c.local_authority_id, c.team_id,
          (SELECT wd.day FROM working_day wd
     WHERE wd.working AND wd.n = (SELECT wx.n FROM working_day wx WHERE wx.day = (a.applied + 182)::date))
     FROM case_record c
     CROSS JOIN LATERAL (SELECT max(d.effective_date) AS applied FROM decision d
                          WHERE d.case_id = c.id AND d.type = 'apply_for_care_proceedings'
                            AND NOT EXISTS (SELECT 1 FROM decision sup WHERE sup.supersedes_id = d.id)) a
    WHERE c.stage = 'care_proceedings' AND a.applied IS NOT NULL AND c.id = ANY (ids)
`;

const live = (a: string) =>
  `NOT EXISTS (SELECT 1 FROM decision sup WHERE sup.supersedes_id = ${a}.id)`;
const closedOn = `COALESCE((ev.data->>'closedOn')::date, (ev.at AT TIME ZONE 'Europe/London')::date)`;

/** The first end of proceedings recorded after decision `d`: a live decision of `types` (met
 * on `metOn`) or a closure (not met). Columns: `met` (boolean), `met_on`, `end_on`. */
const firstEnd = (types: string, metOn: string) => `
     LEFT JOIN LATERAL (
       SELECT x.met, x.met_on, x.end_on FROM (
         SELECT true AS met, ${metOn} AS met_on, e.effective_date AS end_on,
                e.created_at AS ts, e.id::text AS id
           FROM decision e LEFT JOIN proceedings_decision_detail pe ON pe.decision_id = e.id
          WHERE e.case_id = d.case_id AND e.type IN (${types}) AND ${live('e')}
            AND (e.created_at, e.id::text) > (d.created_at, d.id::text)
         UNION ALL
         SELECT false, NULL::date, ${closedOn}, ev.at, ev.id::text
           FROM case_event ev
          WHERE ev.case_id = d.case_id AND ev.type = 'case_closed'
            AND (ev.at, ev.id::text) > (d.created_at, d.id::text)
          ORDER BY ts, id LIMIT 1) x) x ON TRUE`;

const weeksOn = (date: string, days: string) =>
  `indicator_working_on_or_before((${date} + ${days})::date)`;

const NEW_CARE = `  INSERT INTO indicator_fact (indicator, item_id, case_id, local_authority_id, team_id, on_date, met_on, met_known_on, ended_on)
   SELECT 'timescale_care_proceedings', d.id::text, d.case_id, c.local_authority_id, c.team_id,
          ${weeksOn('coalesce(pd.issued_on, d.effective_date)', '182')},
          CASE WHEN x.met THEN x.met_on END, CASE WHEN x.met THEN x.end_on END, x.end_on
     FROM decision d
     JOIN case_record c ON c.id = d.case_id
     LEFT JOIN proceedings_decision_detail pd ON pd.decision_id = d.id${firstEnd(
       `'conclude_care_proceedings'`,
       'coalesce(pe.concluded_on, e.effective_date)',
     )}
    WHERE d.type = 'apply_for_care_proceedings' AND ${live('d')} AND c.id = ANY (ids)
   UNION ALL
   SELECT 'timescale_pre_proceedings', l.id::text, l.case_id, c.local_authority_id, c.team_id,
          ${weeksOn('l.sent_on', '7 * la.pre_proceedings_weeks')},
          CASE WHEN x.met THEN x.met_on END, CASE WHEN x.met THEN x.end_on END, x.end_on
     FROM letter_before_proceedings l
     JOIN case_record c ON c.id = l.case_id
     JOIN local_authority la ON la.id = c.local_authority_id
     CROSS JOIN LATERAL (
       SELECT d.* FROM decision d
        WHERE d.case_id = l.case_id AND d.type = 'initiate_pre_proceedings' AND ${live('d')}
          AND d.effective_date = l.pre_proceedings_started_on
        ORDER BY d.created_at, d.id::text LIMIT 1) d${firstEnd(
          `'end_pre_proceedings', 'apply_for_care_proceedings'`,
          'e.effective_date',
        )}
    WHERE c.id = ANY (ids)
   UNION ALL
   SELECT 'timescale_pre_proceedings_review', l.id::text || ':review', l.case_id,
          c.local_authority_id, c.team_id, ${weeksOn('l.sent_on', '42')},
          r.held, r.held, x.end_on
     FROM letter_before_proceedings l
     JOIN case_record c ON c.id = l.case_id
     CROSS JOIN LATERAL (
       SELECT d.* FROM decision d
        WHERE d.case_id = l.case_id AND d.type = 'initiate_pre_proceedings' AND ${live('d')}
          AND d.effective_date = l.pre_proceedings_started_on
        ORDER BY d.created_at, d.id::text LIMIT 1) d${firstEnd(
          `'end_pre_proceedings', 'apply_for_care_proceedings'`,
          'e.effective_date',
        )}
     CROSS JOIN LATERAL (
       SELECT min(m.held_on) AS held FROM pre_proceedings_meeting m
        WHERE m.case_id = l.case_id AND m.kind = 'review' AND m.held_on >= l.sent_on
          AND (x.end_on IS NULL OR m.held_on <= x.end_on)) r
    WHERE c.id = ANY (ids)
`;

async function patchBase(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  const rows: { def: string }[] = await queryRunner.query(
    `SELECT pg_get_functiondef('indicator_fact_refresh_base(uuid[])'::regprocedure) AS def`,
  );
  const def = rows[0].def;
  if (!def.includes(from)) {
    throw new Error('indicator_fact_refresh_base: the statement to replace is not there');
  }
  await queryRunner.query(def.split(from).join(to));
}

const TABLES = [
  'proceedings_decision_detail',
  'letter_before_proceedings',
  'pre_proceedings_meeting',
];
const OPS = [
  ['insert', 'INSERT', 'REFERENCING NEW TABLE AS new_rows', 'new_rows'],
  ['update', 'UPDATE', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows', 'new_rows'],
  ['delete', 'DELETE', 'REFERENCING OLD TABLE AS old_rows', 'old_rows'],
] as const;

const laTrigger = (columns: string) => `
  CREATE OR REPLACE FUNCTION indicator_fact_local_authority_update() RETURNS trigger
  LANGUAGE plpgsql AS $function$
       BEGIN
         PERFORM indicator_fact_refresh(ARRAY(
           SELECT c.id FROM case_record c
             JOIN new_rows n ON n.id = c.local_authority_id
             JOIN old_rows o ON o.id = n.id
            WHERE (${columns.replaceAll('$', 'n.')})
                  IS DISTINCT FROM (${columns.replaceAll('$', 'o.')})));
         RETURN NULL;
       END $function$`;
const LA_OLD = '$core_group_interval_weeks, $visit_interval_working_days';
const LA_NEW = `${LA_OLD}, $pre_proceedings_weeks`;

const ORDERS = [
  'care_order',
  'supervision_order',
  'special_guardianship_order',
  'child_arrangements_order',
  'placement_order',
  'no_order',
];
const ordersCheck = (orders: string[]) =>
  `ALTER TABLE "proceedings_decision_detail" ADD CONSTRAINT "ck_proceedings_decision_detail_orders" CHECK (orders IS NULL OR (cardinality(orders) > 0 AND orders <@ ARRAY[${orders.map((o) => `'${o}'`).join(',')}]::text[]))`;

const REFRESH_AFFECTED = `SELECT indicator_fact_refresh_now(ARRAY(
   SELECT case_id FROM decision WHERE type = 'apply_for_care_proceedings'
   UNION SELECT case_id FROM letter_before_proceedings))`;

export class ProceedingsClocks1799000000000 implements MigrationInterface {
  name = 'ProceedingsClocks1799000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" DROP CONSTRAINT "ck_proceedings_decision_detail_orders"`,
    );
    await queryRunner.query(ordersCheck([...ORDERS, 'withdrawn']));
    await patchBase(queryRunner, OLD_CARE, NEW_CARE);
    for (const table of TABLES) {
      for (const [op, event, referencing, rows] of OPS) {
        const fn = `indicator_fact_${table}_${op}`;
        await queryRunner.query(`
          CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $function$
          BEGIN
            PERFORM indicator_fact_refresh(ARRAY(SELECT DISTINCT t.case_id FROM ${rows} t
                                                  WHERE t.case_id IS NOT NULL));
            RETURN NULL;
          END $function$`);
        await queryRunner.query(
          `CREATE TRIGGER tr_${fn} AFTER ${event} ON ${table} ${referencing}
           FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        );
      }
    }
    await queryRunner.query(laTrigger(LA_NEW));
    await queryRunner.query(REFRESH_AFFECTED);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(laTrigger(LA_OLD));
    for (const table of TABLES) {
      for (const [op] of OPS) {
        const fn = `indicator_fact_${table}_${op}`;
        await queryRunner.query(`DROP TRIGGER tr_${fn} ON ${table}`);
        await queryRunner.query(`DROP FUNCTION ${fn}()`);
      }
    }
    await patchBase(queryRunner, NEW_CARE, OLD_CARE);
    await queryRunner.query(
      `DELETE FROM indicator_fact WHERE indicator IN ('timescale_pre_proceedings', 'timescale_pre_proceedings_review')`,
    );
    await queryRunner.query(REFRESH_AFFECTED);
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" DROP CONSTRAINT "ck_proceedings_decision_detail_orders"`,
    );
    await queryRunner.query(ordersCheck(ORDERS));
  }
}
