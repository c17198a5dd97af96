import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Child protection conferences (issue 26): `cp_conference`. (The `conference_chair` role joins
 * the roles check in `ConferenceChairRole`, after the round's union of roles.)
 */
export class Conferences1797700000001 implements MigrationInterface {
  name = 'Conferences1797700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cp_conference" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "type" text NOT NULL, "child_ids" uuid array NOT NULL, "scheduled_for" TIMESTAMP WITH TIME ZONE NOT NULL, "chair_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "scheduled_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "held_on" date, "attendance" jsonb, "quorate" boolean, "parents" jsonb, "child_views" jsonb, "outcome" jsonb, "concluded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_cp_conference_concluded" CHECK ((status = 'concluded') = (outcome IS NOT NULL)), CONSTRAINT "ck_cp_conference_held" CHECK ((status = 'scheduled') = (held_on IS NULL)), CONSTRAINT "ck_cp_conference_children" CHECK (cardinality(child_ids) > 0), CONSTRAINT "ck_cp_conference_status" CHECK (status IN ('scheduled','held','concluded')), CONSTRAINT "ck_cp_conference_type" CHECK (type IN ('initial','review','transfer_in','pre_birth')), CONSTRAINT "PK_942d8d5f7f0e531f7b160bd2829" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_cp_conference_chair" ON "cp_conference" ("chair_id", "scheduled_for") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_cp_conference_case" ON "cp_conference" ("case_id", "scheduled_for", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "cp_conference" ADD CONSTRAINT "fk_cp_conference_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cp_conference" ADD CONSTRAINT "fk_cp_conference_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cp_conference" ADD CONSTRAINT "fk_cp_conference_chair" FOREIGN KEY ("chair_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cp_conference" ADD CONSTRAINT "fk_cp_conference_scheduled_by" FOREIGN KEY ("scheduled_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "cp_conference" DROP CONSTRAINT "fk_cp_conference_scheduled_by"`,
    );
    await queryRunner.query(`ALTER TABLE "cp_conference" DROP CONSTRAINT "fk_cp_conference_chair"`);
    await queryRunner.query(`ALTER TABLE "cp_conference" DROP CONSTRAINT "fk_cp_conference_la"`);
    await queryRunner.query(`ALTER TABLE "cp_conference" DROP CONSTRAINT "fk_cp_conference_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_cp_conference_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_cp_conference_chair"`);
    await queryRunner.query(`DROP TABLE "cp_conference"`);
  }
}
