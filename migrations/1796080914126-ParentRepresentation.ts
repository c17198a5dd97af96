import { MigrationInterface, QueryRunner } from 'typeorm';

/** Parental representation (advocate / legal representative) and letters before proceedings. */

export class ParentRepresentation1796080914126 implements MigrationInterface {
  name = 'ParentRepresentation1796080914126';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "parent_representation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "parent_id" uuid NOT NULL, "kind" text NOT NULL, "organisation" text NOT NULL, "contact" text, "offered_on" date NOT NULL, "response" text NOT NULL, "responded_on" date, "recorded_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_parent_representation_responded" CHECK ((response = 'pending') = (responded_on IS NULL) AND (responded_on IS NULL OR responded_on >= offered_on)), CONSTRAINT "ck_parent_representation_response" CHECK (response IN ('pending','accepted','declined')), CONSTRAINT "ck_parent_representation_kind" CHECK (kind IN ('advocate','legal_representative')), CONSTRAINT "PK_226503cb510c3d4ee41d876e4ae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_parent_representation_case" ON "parent_representation" ("case_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "letter_before_proceedings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "pre_proceedings_started_on" date NOT NULL, "sent_on" date NOT NULL, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ux_letter_before_proceedings_episode" UNIQUE ("case_id", "pre_proceedings_started_on"), CONSTRAINT "ck_letter_before_proceedings_date" CHECK (sent_on >= pre_proceedings_started_on), CONSTRAINT "PK_73d073aa2fafaaf90b5435748a3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "parent_representation" ADD CONSTRAINT "fk_parent_representation_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "parent_representation" ADD CONSTRAINT "fk_parent_representation_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "parent_representation" ADD CONSTRAINT "fk_parent_representation_parent" FOREIGN KEY ("parent_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "parent_representation" ADD CONSTRAINT "fk_parent_representation_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "letter_before_proceedings" ADD CONSTRAINT "fk_letter_before_proceedings_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "letter_before_proceedings" ADD CONSTRAINT "fk_letter_before_proceedings_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "letter_before_proceedings" ADD CONSTRAINT "fk_letter_before_proceedings_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "letter_before_proceedings" DROP CONSTRAINT "fk_letter_before_proceedings_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "letter_before_proceedings" DROP CONSTRAINT "fk_letter_before_proceedings_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "letter_before_proceedings" DROP CONSTRAINT "fk_letter_before_proceedings_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parent_representation" DROP CONSTRAINT "fk_parent_representation_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parent_representation" DROP CONSTRAINT "fk_parent_representation_parent"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parent_representation" DROP CONSTRAINT "fk_parent_representation_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parent_representation" DROP CONSTRAINT "fk_parent_representation_case"`,
    );
    await queryRunner.query(`DROP TABLE "letter_before_proceedings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_parent_representation_case"`);
    await queryRunner.query(`DROP TABLE "parent_representation"`);
  }
}
