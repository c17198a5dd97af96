import { MigrationInterface, QueryRunner } from 'typeorm';

const HEAD_OLD = `INSERT INTO indicator_fact (indicator, item_id, case_id, local_authority_id, team_id, on_date, met_on, met_known_on)
   SELECT 'timescale_family_network_plan_review', r.id::text, f.case_id, c.local_authority_id,
          c.team_id, r.due_date, r.reviewed_on, r.reviewed_on
`;
const HEAD_NEW = `INSERT INTO indicator_fact (indicator, item_id, case_id, local_authority_id, team_id, on_date, met_on, met_known_on, ended_on)
   SELECT 'timescale_family_network_plan_review', r.id::text, f.case_id, c.local_authority_id,
          c.team_id, r.due_date, r.reviewed_on, r.reviewed_on, NULL::date
`;
const NEXT_OLD = `          c.local_authority_id, c.team_id, f.next_review_date, NULL, NULL
     FROM family_network_plan f
     JOIN case_record c ON c.id = f.case_id
    WHERE f.status IN ('agreed', 'active') AND c.stage <> 'closed' AND c.id = ANY (ids)`;
const NEXT_NEW = `          c.local_authority_id, c.team_id, f.next_review_date, NULL, NULL,
          CASE WHEN c.stage = 'closed' THEN
            (SELECT max(COALESCE((e.data->>'closedOn')::date, (e.at AT TIME ZONE 'Europe/London')::date))
               FROM case_event e WHERE e.case_id = c.id AND e.type = 'case_closed') END
     FROM family_network_plan f
     JOIN case_record c ON c.id = f.case_id
    WHERE f.status IN ('agreed', 'active') AND c.id = ANY (ids)`;

/**
 * The next review of a Family Network Plan on a closed case is history, like every other item
 * of an ended episode: listed (missed) when it fell due before the closure, with the closure as
 * its end, instead of being left out whenever the case is closed now. So the indicators for a
 * day before the closure count it as the timescales (`GET /cases/:id/timescales?asOf=`) do, and
 * a report for a past date does not change when the case closes later. The statement is edited
 * in place in `indicator_fact_refresh_base` (the rest of the function is unchanged), and every
 * case's facts are recomputed once.
 */
export class FnpReviewEndsWithClosure1797200000003 implements MigrationInterface {
  name = 'FnpReviewEndsWithClosure1797200000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await replace(queryRunner, [HEAD_OLD, HEAD_NEW], [NEXT_OLD, NEXT_NEW]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replace(queryRunner, [HEAD_NEW, HEAD_OLD], [NEXT_NEW, NEXT_OLD]);
  }
}

async function replace(q: QueryRunner, ...edits: [string, string][]): Promise<void> {
  const [{ def }]: { def: string }[] = await q.query(
    `SELECT pg_get_functiondef('indicator_fact_refresh_base(uuid[])'::regprocedure) AS def`,
  );
  let next = def;
  for (const [from, to] of edits) {
    if (!next.includes(from)) {
      throw new Error('indicator_fact_refresh_base is not the expected version: not changed');
    }
    next = next.replace(from, to);
  }
  await q.query(next);
  await q.query(
    `SELECT indicator_fact_refresh_now(ids)
       FROM (SELECT array_agg(id) AS ids FROM case_record) c WHERE ids IS NOT NULL`,
  );
}
