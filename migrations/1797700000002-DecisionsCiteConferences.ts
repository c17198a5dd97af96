import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan decisions cite their conference (issue 26): `decision.conference_id` (the conference whose
 * outcome a start or end of a child protection plan records) and, for an end without a review
 * conference, the statutory `exception` with its reason. Existing decisions keep NULLs: plans
 * started before conferences were recorded stay valid history (the requirement applies to new
 * decisions), and they are ended by a review conference or an exception like any other plan.
 */
export class DecisionsCiteConferences1797700000002 implements MigrationInterface {
  name = 'DecisionsCiteConferences1797700000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" ADD "conference_id" uuid`);
    await queryRunner.query(`ALTER TABLE "decision" ADD "exception" text`);
    await queryRunner.query(`ALTER TABLE "decision" ADD "exception_reason" text`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_exception" CHECK (exception IS NULL OR (exception IN ('moved_to_other_la','reached_18','died','left_uk') AND type = 'end_child_protection_plan' AND exception_reason IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "fk_decision_conference" FOREIGN KEY ("conference_id") REFERENCES "cp_conference"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_conference"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_exception"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "exception_reason"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "exception"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "conference_id"`);
  }
}
