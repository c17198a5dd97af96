import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENTS_BEFORE = `'case.opened','case.stage_changed','case.closed','case.reopened','decision.recorded','co_worker.assigned','co_worker.ended','concern.raised','plan.agreed','plan.started','plan.ended','meeting.recorded','visit.recorded'`;

/**
 * The front door (docs/front-door.md): contacts and the children they are about, the
 * `front_door` team kind, and the `contact.received` / `contact.decided` integration events.
 * Only new tables and wider CHECK lists: every existing row stays valid.
 */
export class FrontDoorContacts1797600000000 implements MigrationInterface {
  name = 'FrontDoorContacts1797600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "ck_team_kind"`);
    await queryRunner.query(
      `ALTER TABLE "team" ADD CONSTRAINT "ck_team_kind" CHECK (kind IN ('family_help','child_protection','front_door'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" DROP CONSTRAINT "ck_integration_event_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" ADD CONSTRAINT "ck_integration_event_type" CHECK (type IN (${EVENTS_BEFORE},'contact.received','contact.decided'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decision_due_by" date NOT NULL, "referrer_user_id" uuid, "referrer_name" text, "referrer_relationship" text, "referrer_organisation" text, "referrer_phone" text, "referrer_email" text, "source" text NOT NULL, "concern" text NOT NULL, "urgency" text NOT NULL, "consent_informed" boolean NOT NULL, "consent_reason" text, "status" text NOT NULL, "family_id" uuid, "outcome" text, "rationale" text, "case_id" uuid, "requires_manager" boolean NOT NULL DEFAULT false, "earlier_contacts" integer, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "authorised_by_id" uuid, "authorised_at" TIMESTAMP WITH TIME ZONE, "decided_on" date, "feedback_summary" text, "feedback_at" TIMESTAMP WITH TIME ZONE, "recorded_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_contact_decided" CHECK ((status IN ('decided','feedback_sent')) = (authorised_at IS NOT NULL) AND (authorised_at IS NULL OR outcome IS NOT NULL)), CONSTRAINT "ck_contact_consent" CHECK (consent_informed OR consent_reason IS NOT NULL), CONSTRAINT "ck_contact_referrer" CHECK ((referrer_user_id IS NOT NULL) <> (referrer_name IS NOT NULL AND referrer_relationship IS NOT NULL)), CONSTRAINT "ck_contact_source" CHECK (source IN ('4','6','7','8','9','10','1A','1B','1C','1D','2A','2B','3A','3B','3C','3D','3E','3F','5A','5B','5C','5D')), CONSTRAINT "ck_contact_urgency" CHECK (urgency IN ('routine','urgent','immediate')), CONSTRAINT "ck_contact_outcome" CHECK (outcome IS NULL OR outcome IN ('nfa','advice','family_help_assessment','strategy_discussion','immediate_protection')), CONSTRAINT "ck_contact_status" CHECK (status IN ('received','screening','decided','feedback_sent')), CONSTRAINT "PK_2cbbe00f59ab6b3bb5b8d19f989" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_contact_referrer" ON "contact" ("referrer_user_id", "received_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_contact_la_status" ON "contact" ("local_authority_id", "status", "decision_due_by", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contact_child" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "position" integer NOT NULL, "person_id" uuid, "first_name" text NOT NULL, "last_name" text NOT NULL, "date_of_birth" date, "expected_date_of_birth" date, "address" text, "nhs_number" text, CONSTRAINT "ck_contact_child_nhs_number" CHECK (nhs_number IS NULL OR nhs_number ~ '^[0-9]{10}$'), CONSTRAINT "PK_46f50169a2f0e72d75daa58b45d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_contact_child_person" ON "contact_child" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_contact_child_contact" ON "contact_child" ("contact_id", "position") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_referrer" FOREIGN KEY ("referrer_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_family" FOREIGN KEY ("family_id") REFERENCES "family"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_authorised_by" FOREIGN KEY ("authorised_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_child" ADD CONSTRAINT "fk_contact_child_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_child" ADD CONSTRAINT "fk_contact_child_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_child" ADD CONSTRAINT "fk_contact_child_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contact_child" DROP CONSTRAINT "fk_contact_child_person"`,
    );
    await queryRunner.query(`ALTER TABLE "contact_child" DROP CONSTRAINT "fk_contact_child_la"`);
    await queryRunner.query(
      `ALTER TABLE "contact_child" DROP CONSTRAINT "fk_contact_child_contact"`,
    );
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_authorised_by"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_decided_by"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_case"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_family"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_referrer"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_la"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_child_contact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_child_person"`);
    await queryRunner.query(`DROP TABLE "contact_child"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_la_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_referrer"`);
    await queryRunner.query(`DROP TABLE "contact"`);
    await queryRunner.query(
      `ALTER TABLE "integration_event" DROP CONSTRAINT "ck_integration_event_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" ADD CONSTRAINT "ck_integration_event_type" CHECK (type IN (${EVENTS_BEFORE}))`,
    );
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "ck_team_kind"`);
    await queryRunner.query(
      `ALTER TABLE "team" ADD CONSTRAINT "ck_team_kind" CHECK (kind IN ('family_help','child_protection'))`,
    );
  }
}
