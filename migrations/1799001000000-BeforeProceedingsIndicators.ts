import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Before-proceedings indicators (issue 27 item 6, docs/indicators.md): four more kinds of
 * maintained `indicator_fact` rows, computed by `indicator_fact_refresh_proceedings(ids)`:
 *
 * - `letter_before_proceedings`: each letter (`sent_on`); `flag` = every child of the case had
 *   an FGDM offer dated on or before the letter to each person recorded with PR (a child
 *   without a PR holder recorded is not covered), or an exemption authorised on or before it;
 *   `ref` = `offers` or `exemption` (some child covered only by an exemption).
 * - `care_application`: each live `apply_for_care_proceedings` with its `issued_on` (the
 *   day counted); `flag` = every child of the decision had an FGDM meeting about them held
 *   before that day, or an exemption authorised on or before it; `ref` = `meeting` or
 *   `exemption`.
 * - `pre_proceedings_ending`: each live `end_pre_proceedings`, and each live application made
 *   while the case was in pre-proceedings (the case's latest earlier live stage decision is an
 *   `initiate_pre_proceedings`, with no closure between); `flag` = ended without issue; `ref`
 *   = the outcome (`issue` for an application).
 * - `pre_proceedings_episode`: each live `initiate_pre_proceedings` (its effective date), to
 *   the first later ending or closure (`ended_on`); `outcome_on` = the first day a Family
 *   Network Plan of the case was agreed (its first `family_network_plan_agreed` event) within
 *   the episode.
 *
 * The function is called at the end of `indicator_fact_refresh_now` (patched in place: the
 * base refresh has already deleted the cases' facts), statement triggers on the new source
 * tables note their cases (a PR change: every case of the child), and every case's new facts
 * are backfilled. Nothing existing changes.
 */
const COLS = `indicator, item_id, case_id, local_authority_id, team_id, on_date`;
const london = (col: string) => `(${col} AT TIME ZONE 'Europe/London')::date`;
const live = (a: string) =>
  `NOT EXISTS (SELECT 1 FROM decision sup WHERE sup.supersedes_id = ${a}.id)`;
const ALL = ['case_id', 'local_authority_id', 'team_id', 'on_date', 'ended_on', 'outcome_on'];
const UPSERT = (cols: string[]) => `ON CONFLICT (indicator, item_id) DO UPDATE SET
  (${[...ALL, ...cols].join(', ')}) = (${[...ALL, ...cols].map((c) => `EXCLUDED.${c}`).join(', ')})`;

/** The PR holders of child `k.person_id` now (the current version of each adult's list). */
const HOLDERS = `parental_responsibility pr
   WHERE pr.child_id = k.person_id AND pr.has_pr AND pr.superseded_at IS NULL`;

const FACTS = [
  `INSERT INTO indicator_fact (${COLS}, ended_on, outcome_on, flag, ref)
   SELECT 'letter_before_proceedings', l.id::text, l.case_id, c.local_authority_id, c.team_id,
          l.sent_on, NULL::date, NULL::date, cov.uncovered = 0,
          CASE WHEN cov.uncovered > 0 THEN NULL
               WHEN cov.exempted > 0 THEN 'exemption' ELSE 'offers' END
     FROM letter_before_proceedings l
     JOIN case_record c ON c.id = l.case_id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE NOT ch.offered AND NOT ch.exempt)::int AS uncovered,
             count(*) FILTER (WHERE NOT ch.offered AND ch.exempt)::int AS exempted
        FROM case_child k
       CROSS JOIN LATERAL (SELECT
         EXISTS (SELECT 1 FROM fgdm_exemption e
                  WHERE e.case_id = l.case_id AND k.person_id = ANY (e.child_ids)
                    AND e.authorised_on <= l.sent_on) AS exempt,
         EXISTS (SELECT 1 FROM ${HOLDERS})
         AND NOT EXISTS (SELECT 1 FROM ${HOLDERS}
                  AND NOT EXISTS (SELECT 1 FROM fgdm_offer o
                                   WHERE o.case_id = l.case_id AND o.offered_to_id = pr.adult_id
                                     AND k.person_id = ANY (o.child_ids)
                                     AND o.offered_on <= l.sent_on)) AS offered) ch
       WHERE k.case_id = l.case_id AND (k.added_on IS NULL OR k.added_on <= l.sent_on)) cov
    WHERE l.case_id = ANY (ids)
   ${UPSERT(['flag', 'ref'])}`,

  `INSERT INTO indicator_fact (${COLS}, ended_on, outcome_on, flag, ref)
   SELECT 'care_application', d.id::text, d.case_id, c.local_authority_id, c.team_id,
          iss.issued_on, NULL::date, NULL::date, cov.uncovered = 0,
          CASE WHEN cov.uncovered > 0 THEN NULL
               WHEN cov.exempted > 0 THEN 'exemption' ELSE 'meeting' END
     FROM decision d
     JOIN case_record c ON c.id = d.case_id
    CROSS JOIN LATERAL (SELECT coalesce(
             (SELECT pd.issued_on FROM proceedings_decision_detail pd WHERE pd.decision_id = d.id),
             (SELECT ps.issued_on FROM proceedings_decision_detail ps
               WHERE ps.decision_id = d.supersedes_id)) AS issued_on) iss
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE NOT ch.met AND NOT ch.exempt)::int AS uncovered,
             count(*) FILTER (WHERE NOT ch.met AND ch.exempt)::int AS exempted
        FROM unnest(d.child_ids) AS k(child_id)
       CROSS JOIN LATERAL (SELECT
         EXISTS (SELECT 1 FROM fgdm_meeting g
                  WHERE g.case_id = d.case_id AND k.child_id = ANY (g.child_ids)
                    AND g.held_on < iss.issued_on) AS met,
         EXISTS (SELECT 1 FROM fgdm_exemption e
                  WHERE e.case_id = d.case_id AND k.child_id = ANY (e.child_ids)
                    AND e.authorised_on <= iss.issued_on) AS exempt) ch) cov
    WHERE d.case_id = ANY (ids) AND d.type = 'apply_for_care_proceedings' AND ${live('d')}
      AND iss.issued_on IS NOT NULL
   ${UPSERT(['flag', 'ref'])}`,

  `INSERT INTO indicator_fact (${COLS}, ended_on, outcome_on, flag, ref)
   SELECT 'pre_proceedings_ending', d.id::text, d.case_id, c.local_authority_id, c.team_id,
          d.effective_date, NULL::date, NULL::date, d.type = 'end_pre_proceedings',
          CASE WHEN d.type = 'apply_for_care_proceedings' THEN 'issue' ELSE coalesce(
            (SELECT pd.outcome FROM proceedings_decision_detail pd WHERE pd.decision_id = d.id),
            (SELECT ps.outcome FROM proceedings_decision_detail ps
              WHERE ps.decision_id = d.supersedes_id)) END
     FROM decision d
     JOIN case_record c ON c.id = d.case_id
    CROSS JOIN LATERAL (
      SELECT p.type, p.effective_date FROM decision p
       WHERE p.case_id = d.case_id AND p.id <> d.id AND ${live('p')}
         AND p.type IN ('initiate_pre_proceedings', 'end_pre_proceedings',
                        'apply_for_care_proceedings', 'conclude_care_proceedings')
         AND (p.effective_date, p.created_at) <= (d.effective_date, d.created_at)
       ORDER BY p.effective_date DESC, p.created_at DESC LIMIT 1) prev
    WHERE d.case_id = ANY (ids) AND ${live('d')}
      AND d.type IN ('end_pre_proceedings', 'apply_for_care_proceedings')
      AND prev.type = 'initiate_pre_proceedings'
      AND NOT EXISTS (SELECT 1 FROM case_episode ep
                       WHERE ep.case_id = d.case_id AND ep.closed_on >= prev.effective_date
                         AND ep.closed_on < d.effective_date)
   ${UPSERT(['flag', 'ref'])}`,

  `INSERT INTO indicator_fact (${COLS}, ended_on, outcome_on)
   SELECT 'pre_proceedings_episode', d.id::text, d.case_id, c.local_authority_id, c.team_id,
          d.effective_date, x.end_on,
          (SELECT min(ag.agreed) FROM (
             SELECT min(${london('ev.at')}) AS agreed FROM case_event ev
              WHERE ev.case_id = d.case_id AND ev.type = 'family_network_plan_agreed'
                AND ev.record_id IS NOT NULL
              GROUP BY ev.record_id) ag
            WHERE ag.agreed >= d.effective_date AND (x.end_on IS NULL OR ag.agreed <= x.end_on))
     FROM decision d
     JOIN case_record c ON c.id = d.case_id
    CROSS JOIN LATERAL (SELECT least(
             (SELECT min(e.effective_date) FROM decision e
               WHERE e.case_id = d.case_id AND ${live('e')}
                 AND e.type IN ('end_pre_proceedings', 'apply_for_care_proceedings')
                 AND (e.effective_date, e.created_at) > (d.effective_date, d.created_at)),
             (SELECT min(ep.closed_on) FROM case_episode ep
               WHERE ep.case_id = d.case_id AND ep.closed_on >= d.effective_date)) AS end_on) x
    WHERE d.case_id = ANY (ids) AND d.type = 'initiate_pre_proceedings' AND ${live('d')}
   ${UPSERT([])}`,
];

/** New source tables → the cases a changed row `t` touches. (`letter_before_proceedings` and
 * `proceedings_decision_detail` already note their cases: ProceedingsClocks1799000000000.) */
const SOURCES: [table: string, caseOf: string][] = [
  ['fgdm_offer', 'SELECT t.case_id FROM %ROWS% t'],
  ['fgdm_exemption', 'SELECT t.case_id FROM %ROWS% t'],
  [
    'parental_responsibility',
    'SELECT k.case_id FROM %ROWS% t JOIN case_child k ON k.person_id = t.child_id',
  ],
];
const OPS = ['insert', 'update', 'delete'] as const;

const CALL = `PERFORM indicator_fact_refresh_proceedings(ids);`;
const END = /END\s*\$function\$\s*$/;

async function refreshNowDef(q: QueryRunner): Promise<string> {
  const [{ def }]: { def: string }[] = await q.query(
    `SELECT pg_get_functiondef('indicator_fact_refresh_now(uuid[])'::regprocedure) AS def`,
  );
  return def;
}

export class BeforeProceedingsIndicators1799001000000 implements MigrationInterface {
  name = 'BeforeProceedingsIndicators1799001000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION indicator_fact_refresh_proceedings(ids uuid[]) RETURNS void
         LANGUAGE plpgsql AS $fn$
       BEGIN
         IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
         ${FACTS.map((sql) => `${sql};`).join('\n')}
       END $fn$`,
    );
    const def = await refreshNowDef(queryRunner);
    if (!END.test(def) || !def.includes('ids uuid[]') || def.includes(CALL)) {
      throw new Error('indicator_fact_refresh_now is not the expected version: not changed');
    }
    await queryRunner.query(def.replace(END, `  ${CALL}\n       END $function$\n`));
    for (const [table, caseOf] of SOURCES) {
      for (const op of OPS) {
        const fn = `indicator_fact_${table}_${op}`;
        const rows =
          op === 'insert'
            ? caseOf.replace('%ROWS%', 'new_rows')
            : op === 'delete'
              ? caseOf.replace('%ROWS%', 'old_rows')
              : `${caseOf.replace('%ROWS%', 'new_rows')} UNION ${caseOf.replace('%ROWS%', 'old_rows')}`;
        await queryRunner.query(
          `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$
           BEGIN
             PERFORM indicator_fact_refresh(ARRAY(SELECT DISTINCT x FROM (${rows}) s(x)
                                                   WHERE x IS NOT NULL));
             RETURN NULL;
           END $fn$`,
        );
        const referencing =
          op === 'insert'
            ? 'NEW TABLE AS new_rows'
            : op === 'delete'
              ? 'OLD TABLE AS old_rows'
              : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await queryRunner.query(
          `CREATE TRIGGER "tr_${fn}" AFTER ${op.toUpperCase()} ON "${table}"
             REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        );
      }
    }
    await queryRunner.query(
      `SELECT indicator_fact_refresh_proceedings(ids)
         FROM (SELECT array_agg(id) AS ids FROM case_record) c WHERE ids IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of SOURCES) {
      for (const op of OPS) {
        const fn = `indicator_fact_${table}_${op}`;
        await queryRunner.query(`DROP TRIGGER "tr_${fn}" ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION ${fn}()`);
      }
    }
    const def = await refreshNowDef(queryRunner);
    if (!def.includes(CALL)) {
      throw new Error('indicator_fact_refresh_now does not call the proceedings refresh');
    }
    await queryRunner.query(def.split(CALL).join(''));
    await queryRunner.query(`DROP FUNCTION indicator_fact_refresh_proceedings(uuid[])`);
    await queryRunner.query(
      `DELETE FROM indicator_fact WHERE indicator IN ('letter_before_proceedings',
         'care_application', 'pre_proceedings_ending', 'pre_proceedings_episode')`,
    );
  }
}
