import { MigrationInterface, QueryRunner } from 'typeorm';

/** Information requests (new table only: no existing row changes). */

export class InformationRequests1797500000003 implements MigrationInterface {
  name = 'InformationRequests1797500000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "information_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "discussion_id" uuid, "child_ids" uuid array NOT NULL, "recipient_user_id" uuid, "recipient_agency" text, "questions" jsonb NOT NULL, "address" text, "gateway" text NOT NULL, "uk_gdpr_condition" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'sent', "sent_by_id" uuid NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "acknowledged_at" TIMESTAMP WITH TIME ZONE, "responded_by_id" uuid, "responded_at" TIMESTAMP WITH TIME ZONE, "answer_text" text, "nothing_known" boolean NOT NULL DEFAULT false, "decline_reason" text, "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_information_request_answered" CHECK (status <> 'answered' OR answer_text IS NOT NULL OR nothing_known), CONSTRAINT "ck_information_request_declined" CHECK (status <> 'declined' OR char_length(btrim(decline_reason)) >= 20), CONSTRAINT "ck_information_request_recipient" CHECK ((recipient_user_id IS NULL) <> (recipient_agency IS NULL)), CONSTRAINT "ck_information_request_condition" CHECK (uk_gdpr_condition IN ('uk_gdpr_6_1_c_legal_obligation','uk_gdpr_6_1_e_public_task','uk_gdpr_6_1_e_and_dpa_2018_sch1_para18_safeguarding','uk_gdpr_6_1_d_vital_interests','consent')), CONSTRAINT "ck_information_request_gateway" CHECK (gateway IN ('children_act_1989_s47_9','children_act_2004_s16LA','children_act_1989_s47','children_act_2004_s11','crime_and_disorder_act_1998_s115')), CONSTRAINT "ck_information_request_status" CHECK (status IN ('sent','acknowledged','answered','declined','withdrawn')), CONSTRAINT "PK_22ee58c0e1303385ecf6cda545d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_information_request_recipient" ON "information_request" ("recipient_user_id", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_information_request_la_due" ON "information_request" ("local_authority_id", "due_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_information_request_case" ON "information_request" ("case_id", "due_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" ADD CONSTRAINT "fk_information_request_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" ADD CONSTRAINT "fk_information_request_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" ADD CONSTRAINT "fk_information_request_discussion" FOREIGN KEY ("discussion_id") REFERENCES "strategy_discussion"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" ADD CONSTRAINT "fk_information_request_recipient" FOREIGN KEY ("recipient_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" ADD CONSTRAINT "fk_information_request_sent_by" FOREIGN KEY ("sent_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" ADD CONSTRAINT "fk_information_request_responded_by" FOREIGN KEY ("responded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "information_request" DROP CONSTRAINT "fk_information_request_responded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" DROP CONSTRAINT "fk_information_request_sent_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" DROP CONSTRAINT "fk_information_request_recipient"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" DROP CONSTRAINT "fk_information_request_discussion"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" DROP CONSTRAINT "fk_information_request_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" DROP CONSTRAINT "fk_information_request_case"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_information_request_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_information_request_la_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_information_request_recipient"`);
    await queryRunner.query(`DROP TABLE "information_request"`);
  }
}
