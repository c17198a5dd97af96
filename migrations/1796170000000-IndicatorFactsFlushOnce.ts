import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deferred flush of indicator facts (IndicatorFactsDeferred1796150000000) runs once per
 * transaction in effect, not once per noted case. Postgres fires a deferred constraint trigger
 * once per row of `indicator_fact_pending`: the first call recomputes every noted case of the
 * transaction, and each of the other calls (one per case) used to run the DELETE again — an index
 * scan over the rows the first call had just deleted — and call the refresh with nothing. A
 * 2,000-family bulk batch paid ~2,000 such scans over ~2,000 dead rows each: measured, 2.7 s of
 * the flush's own time and 1 s of empty refreshes in 16.8 s of Postgres CPU for 20,000 families.
 *
 * Now the note sets a transaction-local flag (`tandem.indicator_fact_pending`, like SET LOCAL: it
 * ends with the transaction, and a rolled-back savepoint takes its note and its flag back
 * together) and the flush returns at once when the flag is off. The flush clears the flag before
 * it recomputes, so a note made during the recomputation sets it again and is flushed by its own
 * queued call. Which cases are recomputed, and when, is unchanged.
 */
export class IndicatorFactsFlushOnce1796170000000 implements MigrationInterface {
  name = 'IndicatorFactsFlushOnce1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION indicator_fact_refresh(changed uuid[]) RETURNS void
         LANGUAGE plpgsql AS $fn$
       BEGIN
         IF changed IS NULL OR cardinality(changed) = 0 THEN RETURN; END IF;
         INSERT INTO indicator_fact_pending (case_id)
         SELECT DISTINCT x FROM unnest(changed) AS x WHERE x IS NOT NULL
         ON CONFLICT DO NOTHING;
         PERFORM set_config('tandem.indicator_fact_pending', 'on', true);
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION indicator_fact_flush() RETURNS trigger LANGUAGE plpgsql AS $fn$
       DECLARE ids uuid[]; t text;
       BEGIN
         IF current_setting('tandem.indicator_fact_pending', true) IS DISTINCT FROM 'on' THEN
           RETURN NULL; -- an earlier call of this transaction flushed every noted case
         END IF;
         PERFORM set_config('tandem.indicator_fact_pending', 'off', true);
         WITH done AS (DELETE FROM indicator_fact_pending
                        WHERE xid = pg_current_xact_id() RETURNING case_id)
         SELECT array_agg(case_id) INTO ids FROM done;
         IF cardinality(ids) >= 100 THEN
           -- A bulk load into tables never analyzed: without statistics the planner picks
           -- nested full scans for the refresh (seconds per case). Analyze them once.
           FOR t IN SELECT c.relname FROM pg_class c
                     WHERE c.relnamespace = 'public'::regnamespace AND c.reltuples < 0
                       AND c.relname = ANY (ARRAY['case_record', 'case_concern', 'decision',
                         'case_co_worker', 'case_meeting', 'case_visit', 'decision_request',
                         'decision_challenge', 'case_event', 'case_child', 'family_network_plan',
                         'family_network_plan_review', 'fgdm_meeting', 'indicator_fact']) LOOP
             EXECUTE format('ANALYZE %I', t);
           END LOOP;
         END IF;
         IF ids IS NOT NULL THEN
           PERFORM indicator_fact_refresh_now(ids);
         END IF;
         RETURN NULL;
       END $fn$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION indicator_fact_refresh(changed uuid[]) RETURNS void
         LANGUAGE plpgsql AS $fn$
       BEGIN
         IF changed IS NULL OR cardinality(changed) = 0 THEN RETURN; END IF;
         INSERT INTO indicator_fact_pending (case_id)
         SELECT DISTINCT x FROM unnest(changed) AS x WHERE x IS NOT NULL
         ON CONFLICT DO NOTHING;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION indicator_fact_flush() RETURNS trigger LANGUAGE plpgsql AS $fn$
       DECLARE ids uuid[]; t text;
       BEGIN
         WITH done AS (DELETE FROM indicator_fact_pending
                        WHERE xid = pg_current_xact_id() RETURNING case_id)
         SELECT array_agg(case_id) INTO ids FROM done;
         IF cardinality(ids) >= 100 THEN
           FOR t IN SELECT c.relname FROM pg_class c
                     WHERE c.relnamespace = 'public'::regnamespace AND c.reltuples < 0
                       AND c.relname = ANY (ARRAY['case_record', 'case_concern', 'decision',
                         'case_co_worker', 'case_meeting', 'case_visit', 'decision_request',
                         'decision_challenge', 'case_event', 'case_child', 'family_network_plan',
                         'family_network_plan_review', 'fgdm_meeting', 'indicator_fact']) LOOP
             EXECUTE format('ANALYZE %I', t);
           END LOOP;
         END IF;
         PERFORM indicator_fact_refresh_now(ids);
         RETURN NULL;
       END $fn$`,
    );
  }
}
