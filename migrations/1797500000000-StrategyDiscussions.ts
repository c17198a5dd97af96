import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENTS_BEFORE = `'case.opened','case.stage_changed','case.closed','case.reopened','decision.recorded','co_worker.assigned','co_worker.ended','concern.raised','plan.agreed','plan.started','plan.ended','meeting.recorded','visit.recorded'`;
const EVENTS_AFTER = `${EVENTS_BEFORE},'strategy_discussion.held','strategy_discussion.concluded','information_request.sent','information_request.answered','information_request.declined'`;

/**
 * Strategy discussions as records (scheduled → held → concluded | cancelled), their outcomes
 * (append-only: a correction is a new row superseding the current one) and the Family Help
 * team's requests for one; the multi-agency event types. New tables only: no existing row
 * changes.
 */

export class StrategyDiscussions1797500000000 implements MigrationInterface {
  name = 'StrategyDiscussions1797500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "strategy_discussion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "team_id" uuid, "child_ids" uuid array NOT NULL, "concern_ids" uuid array NOT NULL, "scheduled_for" TIMESTAMP WITH TIME ZONE NOT NULL, "format" text NOT NULL, "invitees" jsonb NOT NULL DEFAULT '[]', "status" text NOT NULL, "held_on" date, "participants" jsonb NOT NULL DEFAULT '[]', "contributions" jsonb NOT NULL DEFAULT '[]', "cancelled_reason" text, "request_id" uuid, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_strategy_discussion_cancelled" CHECK ((status = 'cancelled') = (cancelled_reason IS NOT NULL)), CONSTRAINT "ck_strategy_discussion_held" CHECK ((status IN ('held','concluded')) = (held_on IS NOT NULL)), CONSTRAINT "ck_strategy_discussion_format" CHECK (format IN ('meeting','call')), CONSTRAINT "ck_strategy_discussion_status" CHECK (status IN ('scheduled','held','concluded','cancelled')), CONSTRAINT "PK_ffd070aa852f8f8dec31f3b3cf3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_strategy_discussion_case" ON "strategy_discussion" ("case_id", "scheduled_for", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "strategy_discussion_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "child_ids" uuid array NOT NULL, "reason" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "answered_by_discussion_id" uuid, "requested_by_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_strategy_discussion_request_status" CHECK (status IN ('open','answered')), CONSTRAINT "PK_6ed82bc2c9e5711519db8baf784" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_strategy_discussion_request_case" ON "strategy_discussion_request" ("case_id", "requested_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "strategy_discussion_outcome" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "discussion_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "s47" text NOT NULL, "immediate_protection" text NOT NULL, "medical" boolean NOT NULL, "abe_interview" boolean NOT NULL, "parents_informed" jsonb NOT NULL, "rationale" text NOT NULL, "dissent" jsonb NOT NULL DEFAULT '[]', "next_discussion_on" date, "supersedes_id" uuid, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_strategy_discussion_outcome_protection" CHECK (immediate_protection IN ('none','police_protection','epo_application','agreed_safety_plan')), CONSTRAINT "ck_strategy_discussion_outcome_s47" CHECK (s47 IN ('none','single_agency','joint_with_police')), CONSTRAINT "PK_7b924a12d3b0894f08dcfe4d9f0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_strategy_discussion_outcome_supersedes" ON "strategy_discussion_outcome" ("supersedes_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_strategy_discussion_outcome_discussion" ON "strategy_discussion_outcome" ("discussion_id", "recorded_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" ADD CONSTRAINT "fk_strategy_discussion_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" ADD CONSTRAINT "fk_strategy_discussion_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" ADD CONSTRAINT "fk_strategy_discussion_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" ADD CONSTRAINT "fk_strategy_discussion_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_request" ADD CONSTRAINT "fk_strategy_discussion_request_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_request" ADD CONSTRAINT "fk_strategy_discussion_request_by" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_outcome" ADD CONSTRAINT "fk_strategy_discussion_outcome_discussion" FOREIGN KEY ("discussion_id") REFERENCES "strategy_discussion"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_outcome" ADD CONSTRAINT "fk_strategy_discussion_outcome_supersedes" FOREIGN KEY ("supersedes_id") REFERENCES "strategy_discussion_outcome"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_outcome" ADD CONSTRAINT "fk_strategy_discussion_outcome_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Hand-written: outcomes are append-only (a sandbox purge excepted), new event types.
    await queryRunner.query(
      `CREATE TRIGGER strategy_discussion_outcome_no_update_delete BEFORE UPDATE OR DELETE ON "strategy_discussion_outcome" FOR EACH ROW EXECUTE FUNCTION decision_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER strategy_discussion_outcome_no_truncate BEFORE TRUNCATE ON "strategy_discussion_outcome" FOR EACH STATEMENT EXECUTE FUNCTION decision_append_only()`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" DROP CONSTRAINT "ck_integration_event_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" ADD CONSTRAINT "ck_integration_event_type" CHECK (type IN (${EVENTS_AFTER}))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "integration_event" DROP CONSTRAINT "ck_integration_event_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" ADD CONSTRAINT "ck_integration_event_type" CHECK (type IN (${EVENTS_BEFORE}))`,
    );
    await queryRunner.query(
      `DROP TRIGGER strategy_discussion_outcome_no_truncate ON "strategy_discussion_outcome"`,
    );
    await queryRunner.query(
      `DROP TRIGGER strategy_discussion_outcome_no_update_delete ON "strategy_discussion_outcome"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_outcome" DROP CONSTRAINT "fk_strategy_discussion_outcome_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_outcome" DROP CONSTRAINT "fk_strategy_discussion_outcome_supersedes"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_outcome" DROP CONSTRAINT "fk_strategy_discussion_outcome_discussion"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_request" DROP CONSTRAINT "fk_strategy_discussion_request_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion_request" DROP CONSTRAINT "fk_strategy_discussion_request_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" DROP CONSTRAINT "fk_strategy_discussion_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" DROP CONSTRAINT "fk_strategy_discussion_team"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" DROP CONSTRAINT "fk_strategy_discussion_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "strategy_discussion" DROP CONSTRAINT "fk_strategy_discussion_case"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_strategy_discussion_outcome_discussion"`);
    await queryRunner.query(`DROP INDEX "public"."ux_strategy_discussion_outcome_supersedes"`);
    await queryRunner.query(`DROP TABLE "strategy_discussion_outcome"`);
    await queryRunner.query(`DROP INDEX "public"."ix_strategy_discussion_request_case"`);
    await queryRunner.query(`DROP TABLE "strategy_discussion_request"`);
    await queryRunner.query(`DROP INDEX "public"."ix_strategy_discussion_case"`);
    await queryRunner.query(`DROP TABLE "strategy_discussion"`);
  }
}
