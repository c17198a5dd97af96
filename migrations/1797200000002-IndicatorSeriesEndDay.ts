import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A recurring item (visit, core group, review conference) that falls due on the very day its
 * period ends (a step-down, an episode's end) and was not met stays listed as missed, as the
 * one met that day already was: the chain's outstanding item is kept when it fell due on or
 * before the end (it was `d < p_until`). The same rule as `series` in
 * src/timescales/timescale-rules.ts. Every case's facts are recomputed once, so past reports
 * list the missed item too; nothing else in them changes.
 */
export class IndicatorSeriesEndDay1797200000002 implements MigrationInterface {
  name = 'IndicatorSeriesEndDay1797200000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(chain('<='));
    await queryRunner.query(
      `SELECT indicator_fact_refresh_now(ids)
         FROM (SELECT array_agg(id) AS ids FROM case_record) c WHERE ids IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(chain('<'));
    await queryRunner.query(
      `SELECT indicator_fact_refresh_now(ids)
         FROM (SELECT array_agg(id) AS ids FROM case_record) c WHERE ids IS NOT NULL`,
    );
  }
}

function chain(op: '<' | '<='): string {
  return `
CREATE OR REPLACE FUNCTION indicator_series_chain(first_due date, held date[], next_kind text,
                                                  k int, p_until date)
  RETURNS TABLE (seq int, due date, met date) LANGUAGE plpgsql STABLE AS $$
DECLARE
  d date := first_due;
  h date;
  i int := 0;
BEGIN
  FOREACH h IN ARRAY coalesce(held, '{}') LOOP
    i := i + 1; seq := i; due := d; met := h; RETURN NEXT;
    d := CASE next_kind
           WHEN 'months6' THEN indicator_add_months(h, 6)
           WHEN 'weeks' THEN indicator_working_on_or_before(h + 7 * k)
           ELSE indicator_add_working_days(h, k) END;
  END LOOP;
  IF d IS NOT NULL AND (p_until IS NULL OR d ${op} p_until) THEN
    i := i + 1; seq := i; due := d; met := NULL; RETURN NEXT;
  END IF;
END $$;`;
}
