import { MigrationInterface, QueryRunner } from 'typeorm';

const IMMUTABLE = [
  'family_network_plan_version',
  'family_network_plan_agreement',
  'family_network_plan_review',
  'community_safety_plan_review',
];

export class Plans1796078355375 implements MigrationInterface {
  name = 'Plans1796078355375';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "information_sharing_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "case_id" uuid NOT NULL, "record_type" text NOT NULL, "record_id" uuid NOT NULL, "child_ids" uuid array NOT NULL, "what" text NOT NULL, "with_user_id" uuid NOT NULL, "agency" text NOT NULL, "lawful_basis" text NOT NULL, "shared_by_id" uuid NOT NULL, "shared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "ended_at" TIMESTAMP WITH TIME ZONE, "ended_by_id" uuid, CONSTRAINT "ck_information_sharing_record_ended" CHECK ((ended_at IS NULL) = (ended_by_id IS NULL)), CONSTRAINT "ck_information_sharing_record_agency" CHECK (agency IN ('social_care','police','health','education','youth_justice','housing','voluntary')), CONSTRAINT "ck_information_sharing_record_type" CHECK (record_type IN ('community_safety_plan','family_network_plan','fgdm_meeting')), CONSTRAINT "PK_39fa0b215dcf47889d23eb73e05" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_information_sharing_record_with_user" ON "information_sharing_record" ("with_user_id", "ended_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_information_sharing_record_case" ON "information_sharing_record" ("case_id", "shared_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_information_sharing_record_la" ON "information_sharing_record" ("local_authority_id", "shared_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fgdm_meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "child_ids" uuid array NOT NULL, "held_on" date NOT NULL, "coordinator" text NOT NULL, "attendees" jsonb NOT NULL, "family_plan" text, "family_plan_items" jsonb NOT NULL DEFAULT '[]', "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_d309d5ee5131f8f381a457211ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fgdm_meeting_case" ON "fgdm_meeting" ("case_id", "held_on", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "family_network_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'draft', "current_version" integer NOT NULL DEFAULT '1', "agreed_version" integer, "child_ids" uuid array NOT NULL, "next_review_date" date NOT NULL, "activated_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" text, "created_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_family_network_plan_children" CHECK (cardinality(child_ids) > 0), CONSTRAINT "ck_family_network_plan_status" CHECK (status IN ('draft','agreed','active','ended')), CONSTRAINT "PK_3fe39c3973371792d7e307ae611" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_network_plan_case" ON "family_network_plan" ("case_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "family_network_plan_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "number" integer NOT NULL, "child_ids" uuid array NOT NULL, "carers" jsonb NOT NULL, "support_package" jsonb NOT NULL, "review_date" date NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ux_family_network_plan_version" UNIQUE ("plan_id", "number"), CONSTRAINT "PK_d46f0a10f6c664aa9c962bc982c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "family_network_plan_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "due_date" date NOT NULL, "reviewed_on" date NOT NULL, "summary" text NOT NULL, "next_review_date" date, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_c2221bf28a0099152c8f42d8e3b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_network_plan_review_plan" ON "family_network_plan_review" ("plan_id", "reviewed_on", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "family_network_plan_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "version_number" integer NOT NULL, "role" text NOT NULL, "agreed_by_id" uuid NOT NULL, "agreed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ux_family_network_plan_agreement" UNIQUE ("plan_id", "version_number", "role"), CONSTRAINT "ck_family_network_plan_agreement_role" CHECK (role IN ('family_help_manager','ecpp')), CONSTRAINT "PK_dd87bedaa7690289b10c6fa1e75" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "community_safety_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "child_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'active', "harm_types" text array NOT NULL, "contexts" text array NOT NULL, "persons_of_concern" jsonb NOT NULL DEFAULT '[]', "review_date" date NOT NULL, "started_on" date NOT NULL, "start_decision_id" uuid NOT NULL, "ended_on" date, "end_decision_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_community_safety_plan_harm_types" CHECK (cardinality(harm_types) > 0), CONSTRAINT "ck_community_safety_plan_status" CHECK (status IN ('active','ended')), CONSTRAINT "PK_c6e785abc0ab44fc23e668debf5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_community_safety_plan_case" ON "community_safety_plan" ("case_id", "started_on", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "community_safety_plan_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "reviewed_on" date NOT NULL, "summary" text NOT NULL, "next_review_date" date, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_e49ccfbe3e72911cc41a0f2d84b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_community_safety_plan_review_plan" ON "community_safety_plan_review" ("plan_id", "reviewed_on", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "community_safety_plan_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "agency" text NOT NULL, "description" text NOT NULL, "due_date" date NOT NULL, "status" text NOT NULL DEFAULT 'open', "owner_user_id" uuid, "created_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_community_safety_plan_action_status" CHECK (status IN ('open','in_progress','done','cancelled')), CONSTRAINT "ck_community_safety_plan_action_agency" CHECK (agency IN ('social_care','police','health','education','youth_justice','housing','voluntary')), CONSTRAINT "PK_4acac74aa483e7ae96d376e9044" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_community_safety_plan_action_plan" ON "community_safety_plan_action" ("plan_id", "due_date", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "fk_information_sharing_record_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "fk_information_sharing_record_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "fk_information_sharing_record_with_user" FOREIGN KEY ("with_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "fk_information_sharing_record_shared_by" FOREIGN KEY ("shared_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "fk_information_sharing_record_ended_by" FOREIGN KEY ("ended_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_meeting" ADD CONSTRAINT "fk_fgdm_meeting_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_meeting" ADD CONSTRAINT "fk_fgdm_meeting_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_meeting" ADD CONSTRAINT "fk_fgdm_meeting_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan" ADD CONSTRAINT "fk_family_network_plan_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan" ADD CONSTRAINT "fk_family_network_plan_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan" ADD CONSTRAINT "fk_family_network_plan_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_version" ADD CONSTRAINT "fk_family_network_plan_version_plan" FOREIGN KEY ("plan_id") REFERENCES "family_network_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_version" ADD CONSTRAINT "fk_family_network_plan_version_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_review" ADD CONSTRAINT "fk_family_network_plan_review_plan" FOREIGN KEY ("plan_id") REFERENCES "family_network_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_review" ADD CONSTRAINT "fk_family_network_plan_review_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_agreement" ADD CONSTRAINT "fk_family_network_plan_agreement_plan" FOREIGN KEY ("plan_id") REFERENCES "family_network_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_agreement" ADD CONSTRAINT "fk_family_network_plan_agreement_agreed_by" FOREIGN KEY ("agreed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" ADD CONSTRAINT "fk_community_safety_plan_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" ADD CONSTRAINT "fk_community_safety_plan_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" ADD CONSTRAINT "fk_community_safety_plan_child" FOREIGN KEY ("child_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" ADD CONSTRAINT "fk_community_safety_plan_start_decision" FOREIGN KEY ("start_decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" ADD CONSTRAINT "fk_community_safety_plan_end_decision" FOREIGN KEY ("end_decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_review" ADD CONSTRAINT "fk_community_safety_plan_review_plan" FOREIGN KEY ("plan_id") REFERENCES "community_safety_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_review" ADD CONSTRAINT "fk_community_safety_plan_review_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_action" ADD CONSTRAINT "fk_community_safety_plan_action_plan" FOREIGN KEY ("plan_id") REFERENCES "community_safety_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_action" ADD CONSTRAINT "fk_community_safety_plan_action_owner" FOREIGN KEY ("owner_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_action" ADD CONSTRAINT "fk_community_safety_plan_action_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: at most one active safety plan per child, one active share per record and user.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_community_safety_plan_active_child" ON "community_safety_plan" ("child_id") WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_information_sharing_record_active" ON "information_sharing_record" ("record_type", "record_id", "with_user_id") WHERE ended_at IS NULL`,
    );
    // Plan versions, agreements and reviews are immutable (as decisions).
    for (const table of IMMUTABLE) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION decision_append_only()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION decision_append_only()`,
      );
    }
    // An information-sharing record is never deleted; the only change is its end, once.
    await queryRunner.query(`CREATE FUNCTION information_sharing_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'UPDATE' AND OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
                 AND (to_jsonb(NEW) - 'ended_at' - 'ended_by_id') = (to_jsonb(OLD) - 'ended_at' - 'ended_by_id') THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'information_sharing_record only records a share''s end (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER information_sharing_record_guard BEFORE UPDATE OR DELETE ON "information_sharing_record" FOR EACH ROW EXECUTE FUNCTION information_sharing_record_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER information_sharing_record_no_truncate BEFORE TRUNCATE ON "information_sharing_record" FOR EACH STATEMENT EXECUTE FUNCTION decision_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER information_sharing_record_no_truncate ON "information_sharing_record"`,
    );
    await queryRunner.query(
      `DROP TRIGGER information_sharing_record_guard ON "information_sharing_record"`,
    );
    await queryRunner.query(`DROP FUNCTION information_sharing_record_guard()`);
    for (const table of IMMUTABLE) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_update_delete ON "${table}"`);
    }
    await queryRunner.query(`DROP INDEX "ux_information_sharing_record_active"`);
    await queryRunner.query(`DROP INDEX "ux_community_safety_plan_active_child"`);
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_action" DROP CONSTRAINT "fk_community_safety_plan_action_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_action" DROP CONSTRAINT "fk_community_safety_plan_action_owner"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_action" DROP CONSTRAINT "fk_community_safety_plan_action_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_review" DROP CONSTRAINT "fk_community_safety_plan_review_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan_review" DROP CONSTRAINT "fk_community_safety_plan_review_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" DROP CONSTRAINT "fk_community_safety_plan_end_decision"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" DROP CONSTRAINT "fk_community_safety_plan_start_decision"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" DROP CONSTRAINT "fk_community_safety_plan_child"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" DROP CONSTRAINT "fk_community_safety_plan_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_safety_plan" DROP CONSTRAINT "fk_community_safety_plan_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_agreement" DROP CONSTRAINT "fk_family_network_plan_agreement_agreed_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_agreement" DROP CONSTRAINT "fk_family_network_plan_agreement_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_review" DROP CONSTRAINT "fk_family_network_plan_review_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_review" DROP CONSTRAINT "fk_family_network_plan_review_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_version" DROP CONSTRAINT "fk_family_network_plan_version_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan_version" DROP CONSTRAINT "fk_family_network_plan_version_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan" DROP CONSTRAINT "fk_family_network_plan_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan" DROP CONSTRAINT "fk_family_network_plan_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_plan" DROP CONSTRAINT "fk_family_network_plan_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_meeting" DROP CONSTRAINT "fk_fgdm_meeting_recorded_by"`,
    );
    await queryRunner.query(`ALTER TABLE "fgdm_meeting" DROP CONSTRAINT "fk_fgdm_meeting_la"`);
    await queryRunner.query(`ALTER TABLE "fgdm_meeting" DROP CONSTRAINT "fk_fgdm_meeting_case"`);
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "fk_information_sharing_record_ended_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "fk_information_sharing_record_shared_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "fk_information_sharing_record_with_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "fk_information_sharing_record_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "fk_information_sharing_record_la"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_community_safety_plan_action_plan"`);
    await queryRunner.query(`DROP TABLE "community_safety_plan_action"`);
    await queryRunner.query(`DROP INDEX "public"."ix_community_safety_plan_review_plan"`);
    await queryRunner.query(`DROP TABLE "community_safety_plan_review"`);
    await queryRunner.query(`DROP INDEX "public"."ix_community_safety_plan_case"`);
    await queryRunner.query(`DROP TABLE "community_safety_plan"`);
    await queryRunner.query(`DROP TABLE "family_network_plan_agreement"`);
    await queryRunner.query(`DROP INDEX "public"."ix_family_network_plan_review_plan"`);
    await queryRunner.query(`DROP TABLE "family_network_plan_review"`);
    await queryRunner.query(`DROP TABLE "family_network_plan_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_family_network_plan_case"`);
    await queryRunner.query(`DROP TABLE "family_network_plan"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fgdm_meeting_case"`);
    await queryRunner.query(`DROP TABLE "fgdm_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_information_sharing_record_la"`);
    await queryRunner.query(`DROP INDEX "public"."ix_information_sharing_record_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_information_sharing_record_with_user"`);
    await queryRunner.query(`DROP TABLE "information_sharing_record"`);
  }
}
