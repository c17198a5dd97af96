import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicator facts refreshed once per transaction instead of once per statement
 * (docs/indicators.md, "How it is computed"). A write usually touches a case in several
 * statements (a decision, the concern rows it closes, the timeline, the case row) and a bulk
 * batch writes a dozen tables for the same cases: each statement trigger now only notes its
 * cases in `indicator_fact_pending` (keyed by the transaction, one row per case), and a deferred
 * constraint trigger on that table recomputes the noted cases at commit — still inside the
 * transaction, so a failure rolls the change back with its facts.
 *
 * `indicator_fact_refresh(ids)` (called by every source trigger) becomes the note; the
 * recomputation is `indicator_fact_refresh_now(ids)`. The pending table is UNLOGGED: its rows
 * never outlive their transaction. A flush of 100 cases or more first analyzes any source
 * table that has never been analyzed (a bulk load into a new database: without statistics the
 * refresh's plans were measured at ~50 ms per case instead of ~1.5 ms).
 */
/** The tables the facts are computed from (and indicator_fact itself). */
const SOURCES = [
  'case_record',
  'case_concern',
  'decision',
  'case_co_worker',
  'case_meeting',
  'case_visit',
  'decision_request',
  'decision_challenge',
  'case_event',
  'case_child',
  'family_network_plan',
  'family_network_plan_review',
  'fgdm_meeting',
  'indicator_fact',
]
  .map((t) => `'${t}'`)
  .join(', ');

export class IndicatorFactsDeferred1796150000000 implements MigrationInterface {
  name = 'IndicatorFactsDeferred1796150000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "indicator_fact_pending" (
         "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
         "case_id" uuid NOT NULL,
         CONSTRAINT "pk_indicator_fact_pending" PRIMARY KEY ("xid", "case_id"))`,
    );
    await queryRunner.query(
      `ALTER FUNCTION indicator_fact_refresh(uuid[]) RENAME TO indicator_fact_refresh_now`,
    );
    await queryRunner.query(
      `CREATE FUNCTION indicator_fact_refresh(changed uuid[]) RETURNS void
         LANGUAGE plpgsql AS $fn$
       BEGIN
         IF changed IS NULL OR cardinality(changed) = 0 THEN RETURN; END IF;
         INSERT INTO indicator_fact_pending (case_id)
         SELECT DISTINCT x FROM unnest(changed) AS x WHERE x IS NOT NULL
         ON CONFLICT DO NOTHING;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION indicator_fact_flush() RETURNS trigger LANGUAGE plpgsql AS $fn$
       DECLARE ids uuid[]; t text;
       BEGIN
         WITH done AS (DELETE FROM indicator_fact_pending
                        WHERE xid = pg_current_xact_id() RETURNING case_id)
         SELECT array_agg(case_id) INTO ids FROM done;
         IF cardinality(ids) >= 100 THEN
           -- A bulk load into tables never analyzed: without statistics the planner picks
           -- nested full scans for the refresh (seconds per case). Analyze them once.
           FOR t IN SELECT c.relname FROM pg_class c
                     WHERE c.relnamespace = 'public'::regnamespace AND c.reltuples < 0
                       AND c.relname = ANY (ARRAY[${SOURCES}]) LOOP
             EXECUTE format('ANALYZE %I', t);
           END LOOP;
         END IF;
         PERFORM indicator_fact_refresh_now(ids);
         RETURN NULL;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "tr_indicator_fact_flush" AFTER INSERT ON "indicator_fact_pending"
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_fact_flush()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_indicator_fact_flush" ON "indicator_fact_pending"`);
    await queryRunner.query(`DROP FUNCTION indicator_fact_flush()`);
    await queryRunner.query(`DROP FUNCTION indicator_fact_refresh(uuid[])`);
    await queryRunner.query(
      `ALTER FUNCTION indicator_fact_refresh_now(uuid[]) RENAME TO indicator_fact_refresh`,
    );
    await queryRunner.query(`DROP TABLE "indicator_fact_pending"`);
  }
}
