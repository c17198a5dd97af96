import { MigrationInterface, QueryRunner } from 'typeorm';

/** The day the case was closed as the practitioner gave it (`closedOn`), of the case's latest
 * episode; NULL while that episode is open. */
const CLOSED_ON = `(SELECT ep.closed_on FROM case_episode ep WHERE ep.case_id = c.id
             ORDER BY ep.seq DESC LIMIT 1)`;
/** What the indicator facts read before: the day the closure was typed. */
const TYPED = `(c.closed_at AT TIME ZONE 'Europe/London')::date`;

/**
 * The indicator facts end an episode's items on the closure day the practitioner gave
 * (`case_episode.closed_on`, the `closedOn` of `POST /cases/:id/close`), not on the day the
 * closure was typed (`case_record.closed_at`): a case closed before its assessment was due, but
 * recorded later, is not counted as overdue (the assessment timescale), and a CP episode ends
 * on the closure day (lead-practitioner changes). The same day the case timescales and the
 * evaluation extract read. Both statements are edited in place in `indicator_fact_refresh_base`
 * (the rest is unchanged), a change to an episode's closure refreshes its case's facts (at
 * commit, as every other source), and every case's facts are recomputed once.
 */
export class IndicatorsReadClosedOn1798080000000 implements MigrationInterface {
  name = 'IndicatorsReadClosedOn1798080000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION indicator_fact_case_episode_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         PERFORM indicator_fact_refresh(ARRAY(
           SELECT DISTINCT t.case_id FROM new_rows t JOIN old_rows o ON o.id = t.id
            WHERE (t.closed, t.closed_on) IS DISTINCT FROM (o.closed, o.closed_on)));
         RETURN NULL;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_indicator_fact_case_episode_update" AFTER UPDATE ON "case_episode"
         REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_case_episode_update()`,
    );
    await replaceAll(queryRunner, TYPED, CLOSED_ON, 2);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replaceAll(queryRunner, CLOSED_ON, TYPED, 2);
    await queryRunner.query(
      `DROP TRIGGER "tr_indicator_fact_case_episode_update" ON "case_episode"`,
    );
    await queryRunner.query(`DROP FUNCTION indicator_fact_case_episode_update()`);
  }
}

async function replaceAll(q: QueryRunner, from: string, to: string, times: number): Promise<void> {
  const [{ def }]: { def: string }[] = await q.query(
    `SELECT pg_get_functiondef('indicator_fact_refresh_base(uuid[])'::regprocedure) AS def`,
  );
  const found = def.split(from).length - 1;
  if (found !== times) {
    throw new Error(
      `indicator_fact_refresh_base is not the expected version (${found} of ${times} closure days found): not changed`,
    );
  }
  await q.query(def.split(from).join(to));
  await q.query(
    `SELECT indicator_fact_refresh_now(ids)
       FROM (SELECT array_agg(id) AS ids FROM case_record) c WHERE ids IS NOT NULL`,
  );
}
