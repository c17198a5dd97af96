import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A Family Network Plan gets the day it was drafted (`drafted_on`, a date in England): its
 * review date must fall after it, and no review may be dated before it. Existing plans take the
 * day their row was written or, if earlier, the day of their earliest review, so every review
 * already recorded stays on or after its plan's `drafted_on` (no existing history breaks). The
 * column stays nullable: every plan drafted through the API sets it; a row written otherwise (a
 * bulk load) without it is read as "drafted on an unknown day", to which the rules do not apply.
 */
export class FamilyNetworkPlanDraftedOn1797200000000 implements MigrationInterface {
  name = 'FamilyNetworkPlanDraftedOn1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE family_network_plan ADD COLUMN drafted_on date`);
    await queryRunner.query(
      `UPDATE family_network_plan f
          SET drafted_on = LEAST((f.created_at AT TIME ZONE 'Europe/London')::date,
                                 COALESCE((SELECT min(r.reviewed_on) FROM family_network_plan_review r
                                            WHERE r.plan_id = f.id), 'infinity'::date))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE family_network_plan DROP COLUMN drafted_on`);
  }
}
