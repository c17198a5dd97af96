import { MigrationInterface, QueryRunner } from 'typeorm';

/** Child and family assessments (started, completed with outcome, authorised); see Assessment. */

export class Assessments1796079790267 implements MigrationInterface {
  name = 'Assessments1796079790267';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "child_ids" uuid array NOT NULL, "started_on" date NOT NULL, "completed_on" date, "outcome" text, "summary" text, "late_reason" text, "authorised_by_id" uuid, "authorised_at" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_assessment_dates" CHECK (completed_on IS NULL OR completed_on >= started_on), CONSTRAINT "ck_assessment_authoriser" CHECK ((authorised_at IS NULL) = (authorised_by_id IS NULL)), CONSTRAINT "ck_assessment_authorised" CHECK (authorised_at IS NULL OR completed_on IS NOT NULL), CONSTRAINT "ck_assessment_completed" CHECK ((completed_on IS NULL) = (outcome IS NULL)), CONSTRAINT "ck_assessment_outcome" CHECK (outcome IS NULL OR outcome IN ('family_help_plan','concern_of_significant_harm','no_further_action')), CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_case" ON "assessment" ("case_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "fk_assessment_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "fk_assessment_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "fk_assessment_authorised_by" FOREIGN KEY ("authorised_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "fk_assessment_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_created_by"`);
    await queryRunner.query(
      `ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_authorised_by"`,
    );
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_la"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_case"`);
    await queryRunner.query(`DROP TABLE "assessment"`);
  }
}
