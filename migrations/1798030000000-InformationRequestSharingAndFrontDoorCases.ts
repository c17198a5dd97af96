import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issues 24 and 25, finished:
 * - every information request and every answer (and each document attached to an answer) is an
 *   information-sharing record: `direction` (outbound for what the LA sends, inbound for what an
 *   agency sends back), the UK GDPR condition beside the statutory gateway, and no single user
 *   when a request is addressed to an agency's members. Such rows are records, never shares:
 *   the partial unique index on active shares leaves them out;
 * - documents attach to information requests;
 * - a front-door decision that opens a case records the Family Help team and lead practitioner
 *   it is allocated to until the manager authorises it.
 */
export class InformationRequestSharingAndFrontDoorCases1798030000000 implements MigrationInterface {
  name = 'InformationRequestSharingAndFrontDoorCases1798030000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD "direction" text NOT NULL DEFAULT 'outbound'`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD "uk_gdpr_condition" text`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ALTER COLUMN "with_user_id" DROP NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "ck_information_sharing_record_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "ck_information_sharing_record_type" CHECK (record_type IN ('community_safety_plan','family_network_plan','fgdm_meeting','information_request'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "ck_information_sharing_record_direction" CHECK (direction IN ('outbound','inbound'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "ck_information_sharing_record_with_user" CHECK (with_user_id IS NOT NULL OR record_type = 'information_request')`,
    );
    await queryRunner.query(`DROP INDEX "ux_information_sharing_record_active"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_information_sharing_record_active" ON "information_sharing_record" ("record_type", "record_id", "with_user_id") WHERE ended_at IS NULL AND record_type <> 'information_request'`,
    );

    await queryRunner.query(
      `ALTER TABLE "case_document" DROP CONSTRAINT "ck_case_document_attached_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_document" ADD CONSTRAINT "ck_case_document_attached_type" CHECK (attached_to_type IN ('assessment','meeting','plan','information_request'))`,
    );

    await queryRunner.query(`ALTER TABLE "contact" ADD "case_team_id" uuid`);
    await queryRunner.query(`ALTER TABLE "contact" ADD "case_lead_practitioner_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "ck_contact_case_allocation" CHECK ((case_team_id IS NULL) = (case_lead_practitioner_id IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_case_team" FOREIGN KEY ("case_team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_case_lead_practitioner" FOREIGN KEY ("case_lead_practitioner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_case_lead_practitioner"`,
    );
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_case_team"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "ck_contact_case_allocation"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "case_lead_practitioner_id"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "case_team_id"`);
    await queryRunner.query(
      `ALTER TABLE "case_document" DROP CONSTRAINT "ck_case_document_attached_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_document" ADD CONSTRAINT "ck_case_document_attached_type" CHECK (attached_to_type IN ('assessment','meeting','plan'))`,
    );
    await queryRunner.query(`DROP INDEX "ux_information_sharing_record_active"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_information_sharing_record_active" ON "information_sharing_record" ("record_type", "record_id", "with_user_id") WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "ck_information_sharing_record_with_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "ck_information_sharing_record_direction"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "ck_information_sharing_record_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "ck_information_sharing_record_type" CHECK (record_type IN ('community_safety_plan','family_network_plan','fgdm_meeting'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ALTER COLUMN "with_user_id" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP COLUMN "uk_gdpr_condition"`,
    );
    await queryRunner.query(`ALTER TABLE "information_sharing_record" DROP COLUMN "direction"`);
  }
}
