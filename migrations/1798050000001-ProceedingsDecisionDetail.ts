import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProceedingsDecisionDetail1798050000001 implements MigrationInterface {
  name = 'ProceedingsDecisionDetail1798050000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "proceedings_decision_detail" ("decision_id" uuid NOT NULL, "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "legal_gateway_id" uuid, "issued_on" date, "court" text, "court_case_number" text, "fgdm_exemption_id" uuid, CONSTRAINT "PK_05d2fdbc8f4571b99166a6da2b9" PRIMARY KEY ("decision_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_proceedings_decision_detail_case" ON "proceedings_decision_detail" ("case_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" ADD CONSTRAINT "fk_proceedings_decision_detail_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" ADD CONSTRAINT "fk_proceedings_decision_detail_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" ADD CONSTRAINT "fk_proceedings_decision_detail_gateway" FOREIGN KEY ("legal_gateway_id") REFERENCES "legal_gateway_meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" DROP CONSTRAINT "fk_proceedings_decision_detail_gateway"`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" DROP CONSTRAINT "fk_proceedings_decision_detail_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" DROP CONSTRAINT "fk_proceedings_decision_detail_case"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_proceedings_decision_detail_case"`);
    await queryRunner.query(`DROP TABLE "proceedings_decision_detail"`);
  }
}
