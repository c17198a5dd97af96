import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES_BEFORE = `'platform_admin','family_help_practitioner','family_help_manager','ecpp','cp_manager','partner','la_admin','auditor','trainer'`;

/**
 * MACPT membership: a team member's agency and statutory role (both or neither) and the day it
 * took effect; ended memberships move to `team_member_history` (so `team_member` is always the
 * current membership every access rule reads). The `macpt_member` role. A strategy discussion's
 * `enquiry_open` (its s47 enquiry is open). Existing rows: memberships get no agency or role
 * (they are not MACPT memberships until an la_admin says so), discussions `enquiry_open` false
 * (none has a s47 enquiry recorded against it yet).
 */

export class MacptMembership1797500000002 implements MigrationInterface {
  name = 'MacptMembership1797500000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "team_member_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "profession" text NOT NULL, "agency" text, "statutory_role" text, "from_date" date, "to_date" date NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_by_id" uuid NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_6ce734b82a010d635a727dd7514" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_team_member_history_team" ON "team_member_history" ("team_id", "to_date") `,
    );
    await queryRunner.query(`ALTER TABLE "team_member" ADD "agency" text`);
    await queryRunner.query(`ALTER TABLE "team_member" ADD "statutory_role" text`);
    await queryRunner.query(`ALTER TABLE "team_member" ADD "from_date" date`);
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" ADD "enquiry_open" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "ck_team_member_macpt" CHECK ((agency IS NULL) = (statutory_role IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "ck_team_member_statutory_role" CHECK (statutory_role IS NULL OR statutory_role IN ('social_worker','police','health','education','additional'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "ck_team_member_agency" CHECK (agency IS NULL OR agency IN ('social_care','police','health','education','other'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member_history" ADD CONSTRAINT "fk_team_member_history_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member_history" ADD CONSTRAINT "fk_team_member_history_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: the new role.
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "ck_app_user_roles"`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "ck_app_user_roles" CHECK (roles <@ ARRAY[${ROLES_BEFORE},'macpt_member']::text[] AND cardinality(roles) > 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "ck_app_user_roles"`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "ck_app_user_roles" CHECK (roles <@ ARRAY[${ROLES_BEFORE}]::text[] AND cardinality(roles) > 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member_history" DROP CONSTRAINT "fk_team_member_history_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member_history" DROP CONSTRAINT "fk_team_member_history_team"`,
    );
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "ck_team_member_agency"`);
    await queryRunner.query(
      `ALTER TABLE "team_member" DROP CONSTRAINT "ck_team_member_statutory_role"`,
    );
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "ck_team_member_macpt"`);
    await queryRunner.query(`ALTER TABLE "strategy_discussion" DROP COLUMN "enquiry_open"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP COLUMN "from_date"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP COLUMN "statutory_role"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP COLUMN "agency"`);
    await queryRunner.query(`DROP INDEX "public"."ix_team_member_history_team"`);
    await queryRunner.query(`DROP TABLE "team_member_history"`);
  }
}
