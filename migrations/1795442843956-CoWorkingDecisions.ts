import { MigrationInterface, QueryRunner } from 'typeorm';

export class CoWorkingDecisions1795442843956 implements MigrationInterface {
  name = 'CoWorkingDecisions1795442843956';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "decision_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "type" text NOT NULL, "view" text NOT NULL, "requested_by_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_decision_request_view" CHECK (char_length(btrim(view)) > 0), CONSTRAINT "ck_decision_request_type" CHECK (type IN ('start_section_47_enquiry','no_further_action','convene_initial_cp_conference','start_child_protection_plan','end_child_protection_plan','initiate_pre_proceedings','apply_for_care_proceedings','start_community_safety_plan','end_community_safety_plan')), CONSTRAINT "PK_05ff5351daf57530826b073d0a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_decision_request_la" ON "decision_request" ("local_authority_id", "requested_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_decision_request_case" ON "decision_request" ("case_id", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "type" text NOT NULL, "rationale" text NOT NULL, "child_ids" uuid array NOT NULL, "effective_date" date NOT NULL, "category" text, "strategy_discussion_date" date, "conference_date" date, "urgent" boolean NOT NULL DEFAULT false, "request_id" uuid, "supersedes_id" uuid, "decided_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ux_decision_supersedes" UNIQUE ("supersedes_id"), CONSTRAINT "ux_decision_request" UNIQUE ("request_id"), CONSTRAINT "ck_decision_not_self_superseding" CHECK (supersedes_id IS NULL OR supersedes_id <> id), CONSTRAINT "ck_decision_children" CHECK (cardinality(child_ids) > 0), CONSTRAINT "ck_decision_rationale" CHECK (char_length(btrim(rationale)) >= 20), CONSTRAINT "ck_decision_plan_category" CHECK (type <> 'start_child_protection_plan' OR category IS NOT NULL), CONSTRAINT "ck_decision_category" CHECK (category IS NULL OR category IN ('NEG','PHY','EMO','SAB','MUL')), CONSTRAINT "ck_decision_type" CHECK (type IN ('start_section_47_enquiry','no_further_action','convene_initial_cp_conference','start_child_protection_plan','end_child_protection_plan','initiate_pre_proceedings','apply_for_care_proceedings','start_community_safety_plan','end_community_safety_plan')), CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_decision_la" ON "decision" ("local_authority_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_decision_case" ON "decision" ("case_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "decision_challenge" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "view" text NOT NULL, "raised_by_id" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_decision_challenge_view" CHECK (char_length(btrim(view)) > 0), CONSTRAINT "PK_b71eda1d438ac1fe72e3b267e76" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_decision_challenge_case" ON "decision_challenge" ("case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_decision_challenge_decision" ON "decision_challenge" ("decision_id", "raised_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_concern" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "raised_by_id" uuid NOT NULL, "child_ids" uuid array NOT NULL, "summary" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by_decision_id" uuid, CONSTRAINT "ck_case_concern_summary" CHECK (char_length(btrim(summary)) > 0), CONSTRAINT "ck_case_concern_children" CHECK (cardinality(child_ids) > 0), CONSTRAINT "PK_c650e5980e1f542cb6870539f05" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_concern_la_open" ON "case_concern" ("local_authority_id", "closed_at", "raised_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_concern_case" ON "case_concern" ("case_id", "raised_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_visit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "child_id" uuid NOT NULL, "visited_on" date NOT NULL, "seen_alone" boolean NOT NULL, "summary" text, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_883a17bcb80fa62e939bbbf387f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_visit_case" ON "case_visit" ("case_id", "visited_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "kind" text NOT NULL, "held_on" date NOT NULL, "attendees" text array NOT NULL DEFAULT '{}', "summary" text, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_case_meeting_kind" CHECK (kind IN ('strategy_discussion','initial_cp_conference','review_cp_conference','core_group')), CONSTRAINT "PK_cbf031a1c388c17ef7bab00867b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_meeting_case" ON "case_meeting" ("case_id", "held_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_request" ADD CONSTRAINT "fk_decision_request_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_request" ADD CONSTRAINT "fk_decision_request_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_request" ADD CONSTRAINT "fk_decision_request_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "fk_decision_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "fk_decision_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "fk_decision_request" FOREIGN KEY ("request_id") REFERENCES "decision_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "fk_decision_supersedes" FOREIGN KEY ("supersedes_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "fk_decision_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_challenge" ADD CONSTRAINT "fk_decision_challenge_decision" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_challenge" ADD CONSTRAINT "fk_decision_challenge_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_challenge" ADD CONSTRAINT "fk_decision_challenge_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_challenge" ADD CONSTRAINT "fk_decision_challenge_raised_by" FOREIGN KEY ("raised_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_concern" ADD CONSTRAINT "fk_case_concern_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_concern" ADD CONSTRAINT "fk_case_concern_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_concern" ADD CONSTRAINT "fk_case_concern_raised_by" FOREIGN KEY ("raised_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_concern" ADD CONSTRAINT "fk_case_concern_closed_by_decision" FOREIGN KEY ("closed_by_decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_visit" ADD CONSTRAINT "fk_case_visit_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_visit" ADD CONSTRAINT "fk_case_visit_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_visit" ADD CONSTRAINT "fk_case_visit_child" FOREIGN KEY ("case_id", "child_id") REFERENCES "case_child"("case_id","person_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_visit" ADD CONSTRAINT "fk_case_visit_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_meeting" ADD CONSTRAINT "fk_case_meeting_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_meeting" ADD CONSTRAINT "fk_case_meeting_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_meeting" ADD CONSTRAINT "fk_case_meeting_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: decisions, requests and challenges are append-only (as audit_event and case_event).
    await queryRunner.query(`CREATE FUNCTION decision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    for (const table of ['decision', 'decision_request', 'decision_challenge']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION decision_append_only()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION decision_append_only()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['decision', 'decision_request', 'decision_challenge']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_update_delete ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION decision_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "case_meeting" DROP CONSTRAINT "fk_case_meeting_recorded_by"`,
    );
    await queryRunner.query(`ALTER TABLE "case_meeting" DROP CONSTRAINT "fk_case_meeting_la"`);
    await queryRunner.query(`ALTER TABLE "case_meeting" DROP CONSTRAINT "fk_case_meeting_case"`);
    await queryRunner.query(`ALTER TABLE "case_visit" DROP CONSTRAINT "fk_case_visit_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "case_visit" DROP CONSTRAINT "fk_case_visit_child"`);
    await queryRunner.query(`ALTER TABLE "case_visit" DROP CONSTRAINT "fk_case_visit_la"`);
    await queryRunner.query(`ALTER TABLE "case_visit" DROP CONSTRAINT "fk_case_visit_case"`);
    await queryRunner.query(
      `ALTER TABLE "case_concern" DROP CONSTRAINT "fk_case_concern_closed_by_decision"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_concern" DROP CONSTRAINT "fk_case_concern_raised_by"`,
    );
    await queryRunner.query(`ALTER TABLE "case_concern" DROP CONSTRAINT "fk_case_concern_la"`);
    await queryRunner.query(`ALTER TABLE "case_concern" DROP CONSTRAINT "fk_case_concern_case"`);
    await queryRunner.query(
      `ALTER TABLE "decision_challenge" DROP CONSTRAINT "fk_decision_challenge_raised_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_challenge" DROP CONSTRAINT "fk_decision_challenge_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_challenge" DROP CONSTRAINT "fk_decision_challenge_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_challenge" DROP CONSTRAINT "fk_decision_challenge_decision"`,
    );
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_decided_by"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_supersedes"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_request"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_la"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_case"`);
    await queryRunner.query(
      `ALTER TABLE "decision_request" DROP CONSTRAINT "fk_decision_request_requested_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_request" DROP CONSTRAINT "fk_decision_request_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_request" DROP CONSTRAINT "fk_decision_request_case"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_case_meeting_case"`);
    await queryRunner.query(`DROP TABLE "case_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_visit_case"`);
    await queryRunner.query(`DROP TABLE "case_visit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_concern_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_concern_la_open"`);
    await queryRunner.query(`DROP TABLE "case_concern"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_challenge_decision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_challenge_case"`);
    await queryRunner.query(`DROP TABLE "decision_challenge"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_la"`);
    await queryRunner.query(`DROP TABLE "decision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_request_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_request_la"`);
    await queryRunner.query(`DROP TABLE "decision_request"`);
  }
}
