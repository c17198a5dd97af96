import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Family Help plan's start in each episode (the CIN census's CINPlanStartDate): the date the
 * practitioner gave when the plan was made, or when it restarted in a reopened episode. Its ends
 * (step-up to a child protection plan, closure) are facts already stored (decisions, the
 * episode's closure), so the census derives each child's CIN plan periods from them.
 *
 * Existing plans: the episode in which the plan was created (its London date within the
 * episode) gets that date — the day the plan existed in Tandem, recorded, not invented. Plans
 * created outside any episode's dates stay unknown (null).
 */
export class CinPlanDates1798020000000 implements MigrationInterface {
  name = 'CinPlanDates1798020000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_episode ADD COLUMN cin_plan_started_on date`);
    await q.query(
      `UPDATE case_episode e
          SET cin_plan_started_on = (p.created_at AT TIME ZONE 'Europe/London')::date
         FROM family_help_plan p
        WHERE p.case_id = e.case_id
          AND (p.created_at AT TIME ZONE 'Europe/London')::date >= e.referral_date
          AND (e.closed_on IS NULL OR (p.created_at AT TIME ZONE 'Europe/London')::date <= e.closed_on)
          AND NOT EXISTS (SELECT 1 FROM case_episode n WHERE n.case_id = e.case_id AND n.seq > e.seq
                             AND n.referral_date <= (p.created_at AT TIME ZONE 'Europe/London')::date)`,
    );
    await q.query(
      `ALTER TABLE case_episode ADD CONSTRAINT ck_case_episode_cin_plan
         CHECK (cin_plan_started_on IS NULL OR (cin_plan_started_on >= referral_date
                AND (closed_on IS NULL OR cin_plan_started_on <= closed_on)))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_episode DROP CONSTRAINT ck_case_episode_cin_plan`);
    await q.query(`ALTER TABLE case_episode DROP COLUMN cin_plan_started_on`);
  }
}
