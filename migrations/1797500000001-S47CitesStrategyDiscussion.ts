import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A section 47 enquiry cites its strategy discussion (`strategy_discussion_id`) or records why
 * not (`override_reason`); its `strategy_discussion_date` (the initial conference clock) is the
 * discussion's `heldOn` or the date given with the override, never a default.
 *
 * Existing histories stay valid: the new columns are nullable, so decisions recorded before
 * (whose `strategy_discussion_date` was then defaulted to the decision date and is kept as it
 * was recorded — decisions are immutable) remain as they are and replay unchanged; the service,
 * not the database, asks new s47 decisions for a citation or an override. The CHECK that a s47
 * carries a date is added NOT VALID: enforced for every new row, existing rows not re-checked.
 */

export class S47CitesStrategyDiscussion1797500000001 implements MigrationInterface {
  name = 'S47CitesStrategyDiscussion1797500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" ADD "strategy_discussion_id" uuid`);
    await queryRunner.query(`ALTER TABLE "decision" ADD "override_reason" text`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_override_reason" CHECK (override_reason IS NULL OR char_length(btrim(override_reason)) >= 20)`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_s47_strategy_date" CHECK (type <> 'start_section_47_enquiry' OR strategy_discussion_date IS NOT NULL) NOT VALID`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "fk_decision_strategy_discussion" FOREIGN KEY ("strategy_discussion_id") REFERENCES "strategy_discussion"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_strategy_discussion"`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_s47_strategy_date"`,
    );
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_override_reason"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "override_reason"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "strategy_discussion_id"`);
  }
}
