import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Before proceedings (issue 27, docs/before-proceedings.md): parental responsibility per adult
 * and child (versioned), FGDM offers, exemptions and referrals (s31ZA), legal gateway and
 * pre-proceedings meetings, the letter's offers or exemption, two local settings, and the roles
 * `service_manager` and `fgdm_coordinator` (the role constraint re-set to the full list).
 */
const ROLES = [
  'platform_admin',
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
  'partner',
  'la_admin',
  'auditor',
  'trainer',
  'macpt_member',
  'family_member',
  'conference_chair',
  'service_manager',
  'fgdm_coordinator',
];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(',');

export class BeforeProceedings1798050000000 implements MigrationInterface {
  name = 'BeforeProceedings1798050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "parental_responsibility" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "family_id" uuid NOT NULL, "adult_id" uuid NOT NULL, "child_id" uuid NOT NULL, "has_pr" boolean NOT NULL, "basis" text, "version" integer NOT NULL, "superseded_at" TIMESTAMP WITH TIME ZONE, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_parental_responsibility_version" CHECK (version > 0), CONSTRAINT "ck_parental_responsibility_has_basis" CHECK (NOT has_pr OR basis IS NOT NULL), CONSTRAINT "ck_parental_responsibility_basis" CHECK (basis IS NULL OR basis IN ('birth_mother','registered_father','pr_agreement_or_order','special_guardianship_order','child_arrangements_order','la_care_order','other')), CONSTRAINT "PK_1ae222bb6a4c514ed7eef29a1cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_parental_responsibility_child" ON "parental_responsibility" ("child_id") WHERE superseded_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_parental_responsibility_adult" ON "parental_responsibility" ("adult_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "legal_gateway_meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "held_on" date NOT NULL, "chair_id" uuid NOT NULL, "legal_adviser" text NOT NULL, "decision" text NOT NULL, "rationale" text NOT NULL, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_legal_gateway_meeting_decision" CHECK (decision IN ('pre_proceedings','issue','threshold_not_met','further_assessment')), CONSTRAINT "PK_10628cacdaf9cba59c7d439d836" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_legal_gateway_meeting_case" ON "legal_gateway_meeting" ("case_id", "held_on", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pre_proceedings_meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "kind" text NOT NULL, "held_on" date NOT NULL, "attendees" text array NOT NULL, "parents_represented" boolean NOT NULL, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_pre_proceedings_meeting_kind" CHECK (kind IN ('initial','review')), CONSTRAINT "PK_2ea7c5d12252d1a0f0ec38a96bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pre_proceedings_meeting_case" ON "pre_proceedings_meeting" ("case_id", "held_on", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fgdm_offer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "child_ids" uuid array NOT NULL, "offered_to_id" uuid NOT NULL, "offered_on" date NOT NULL, "channel" text NOT NULL, "response" text, "responded_on" date, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_fgdm_offer_children" CHECK (cardinality(child_ids) > 0), CONSTRAINT "ck_fgdm_offer_responded" CHECK ((response IS NULL) = (responded_on IS NULL) AND (responded_on IS NULL OR responded_on >= offered_on)), CONSTRAINT "ck_fgdm_offer_response" CHECK (response IS NULL OR response IN ('accepted','declined')), CONSTRAINT "ck_fgdm_offer_channel" CHECK (channel IN ('letter_before_proceedings','in_person','letter')), CONSTRAINT "PK_b18f95682b77fe2dffd4afb84d6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fgdm_offer_case" ON "fgdm_offer" ("case_id", "offered_on", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fgdm_exemption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "child_ids" uuid array NOT NULL, "scope" text NOT NULL, "reason" text NOT NULL, "proposed_by_id" uuid NOT NULL, "authorised_by_id" uuid, "authorised_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_fgdm_exemption_authorised" CHECK ((authorised_by_id IS NULL) = (authorised_on IS NULL)), CONSTRAINT "ck_fgdm_exemption_children" CHECK (cardinality(child_ids) > 0), CONSTRAINT "ck_fgdm_exemption_reason" CHECK (char_length(reason) >= 50), CONSTRAINT "ck_fgdm_exemption_scope" CHECK (scope IN ('offer','meeting')), CONSTRAINT "PK_b745b07312cebd05efb9679280d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fgdm_exemption_case" ON "fgdm_exemption" ("case_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fgdm_referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "coordinator_id" uuid NOT NULL, "child_ids" uuid array NOT NULL, "summary_for_family" text NOT NULL, "status" text NOT NULL DEFAULT 'referred', "referred_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_fgdm_referral_children" CHECK (cardinality(child_ids) > 0), CONSTRAINT "ck_fgdm_referral_status" CHECK (status IN ('referred','preparing','meeting_held','family_plan_agreed','closed')), CONSTRAINT "PK_63d55989d311361d14b31fefe0c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fgdm_referral_coordinator" ON "fgdm_referral" ("coordinator_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_fgdm_referral_case" ON "fgdm_referral" ("case_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority" ADD "fgdm_offer_response_working_days" integer NOT NULL DEFAULT '5'`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority" ADD "pre_proceedings_weeks" integer NOT NULL DEFAULT '16'`,
    );
    await queryRunner.query(
      `ALTER TABLE "letter_before_proceedings" ADD "fgdm_offer_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "letter_before_proceedings" ADD "fgdm_exemption_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" ADD CONSTRAINT "fk_parental_responsibility_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" ADD CONSTRAINT "fk_parental_responsibility_family" FOREIGN KEY ("family_id") REFERENCES "family"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" ADD CONSTRAINT "fk_parental_responsibility_adult" FOREIGN KEY ("adult_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" ADD CONSTRAINT "fk_parental_responsibility_child" FOREIGN KEY ("child_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" ADD CONSTRAINT "fk_parental_responsibility_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_gateway_meeting" ADD CONSTRAINT "fk_legal_gateway_meeting_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_gateway_meeting" ADD CONSTRAINT "fk_legal_gateway_meeting_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_gateway_meeting" ADD CONSTRAINT "fk_legal_gateway_meeting_chair" FOREIGN KEY ("chair_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_gateway_meeting" ADD CONSTRAINT "fk_legal_gateway_meeting_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_proceedings_meeting" ADD CONSTRAINT "fk_pre_proceedings_meeting_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_proceedings_meeting" ADD CONSTRAINT "fk_pre_proceedings_meeting_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_proceedings_meeting" ADD CONSTRAINT "fk_pre_proceedings_meeting_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_offer" ADD CONSTRAINT "fk_fgdm_offer_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_offer" ADD CONSTRAINT "fk_fgdm_offer_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_offer" ADD CONSTRAINT "fk_fgdm_offer_person" FOREIGN KEY ("offered_to_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_offer" ADD CONSTRAINT "fk_fgdm_offer_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_exemption" ADD CONSTRAINT "fk_fgdm_exemption_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_exemption" ADD CONSTRAINT "fk_fgdm_exemption_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_exemption" ADD CONSTRAINT "fk_fgdm_exemption_proposed_by" FOREIGN KEY ("proposed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_exemption" ADD CONSTRAINT "fk_fgdm_exemption_authorised_by" FOREIGN KEY ("authorised_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_referral" ADD CONSTRAINT "fk_fgdm_referral_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_referral" ADD CONSTRAINT "fk_fgdm_referral_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_referral" ADD CONSTRAINT "fk_fgdm_referral_coordinator" FOREIGN KEY ("coordinator_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_referral" ADD CONSTRAINT "fk_fgdm_referral_referred_by" FOREIGN KEY ("referred_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE app_user DROP CONSTRAINT ck_app_user_roles`);
    await queryRunner.query(
      `ALTER TABLE app_user ADD CONSTRAINT ck_app_user_roles
             CHECK (roles <@ ARRAY[${list(ROLES)}]::text[] AND cardinality(roles) > 0
                    AND (NOT ('family_member' = ANY(roles)) OR cardinality(roles) = 1))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user DROP CONSTRAINT ck_app_user_roles`);
    await queryRunner.query(
      `ALTER TABLE app_user ADD CONSTRAINT ck_app_user_roles
             CHECK (roles <@ ARRAY[${list(ROLES.slice(0, -2))}]::text[] AND cardinality(roles) > 0
                    AND (NOT ('family_member' = ANY(roles)) OR cardinality(roles) = 1))`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_referral" DROP CONSTRAINT "fk_fgdm_referral_referred_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_referral" DROP CONSTRAINT "fk_fgdm_referral_coordinator"`,
    );
    await queryRunner.query(`ALTER TABLE "fgdm_referral" DROP CONSTRAINT "fk_fgdm_referral_la"`);
    await queryRunner.query(`ALTER TABLE "fgdm_referral" DROP CONSTRAINT "fk_fgdm_referral_case"`);
    await queryRunner.query(
      `ALTER TABLE "fgdm_exemption" DROP CONSTRAINT "fk_fgdm_exemption_authorised_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "fgdm_exemption" DROP CONSTRAINT "fk_fgdm_exemption_proposed_by"`,
    );
    await queryRunner.query(`ALTER TABLE "fgdm_exemption" DROP CONSTRAINT "fk_fgdm_exemption_la"`);
    await queryRunner.query(
      `ALTER TABLE "fgdm_exemption" DROP CONSTRAINT "fk_fgdm_exemption_case"`,
    );
    await queryRunner.query(`ALTER TABLE "fgdm_offer" DROP CONSTRAINT "fk_fgdm_offer_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "fgdm_offer" DROP CONSTRAINT "fk_fgdm_offer_person"`);
    await queryRunner.query(`ALTER TABLE "fgdm_offer" DROP CONSTRAINT "fk_fgdm_offer_la"`);
    await queryRunner.query(`ALTER TABLE "fgdm_offer" DROP CONSTRAINT "fk_fgdm_offer_case"`);
    await queryRunner.query(
      `ALTER TABLE "pre_proceedings_meeting" DROP CONSTRAINT "fk_pre_proceedings_meeting_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_proceedings_meeting" DROP CONSTRAINT "fk_pre_proceedings_meeting_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "pre_proceedings_meeting" DROP CONSTRAINT "fk_pre_proceedings_meeting_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_gateway_meeting" DROP CONSTRAINT "fk_legal_gateway_meeting_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_gateway_meeting" DROP CONSTRAINT "fk_legal_gateway_meeting_chair"`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_gateway_meeting" DROP CONSTRAINT "fk_legal_gateway_meeting_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_gateway_meeting" DROP CONSTRAINT "fk_legal_gateway_meeting_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" DROP CONSTRAINT "fk_parental_responsibility_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" DROP CONSTRAINT "fk_parental_responsibility_child"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" DROP CONSTRAINT "fk_parental_responsibility_adult"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" DROP CONSTRAINT "fk_parental_responsibility_family"`,
    );
    await queryRunner.query(
      `ALTER TABLE "parental_responsibility" DROP CONSTRAINT "fk_parental_responsibility_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "letter_before_proceedings" DROP COLUMN "fgdm_exemption_id"`,
    );
    await queryRunner.query(`ALTER TABLE "letter_before_proceedings" DROP COLUMN "fgdm_offer_ids"`);
    await queryRunner.query(`ALTER TABLE "local_authority" DROP COLUMN "pre_proceedings_weeks"`);
    await queryRunner.query(
      `ALTER TABLE "local_authority" DROP COLUMN "fgdm_offer_response_working_days"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_fgdm_referral_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fgdm_referral_coordinator"`);
    await queryRunner.query(`DROP TABLE "fgdm_referral"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fgdm_exemption_case"`);
    await queryRunner.query(`DROP TABLE "fgdm_exemption"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fgdm_offer_case"`);
    await queryRunner.query(`DROP TABLE "fgdm_offer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pre_proceedings_meeting_case"`);
    await queryRunner.query(`DROP TABLE "pre_proceedings_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_legal_gateway_meeting_case"`);
    await queryRunner.query(`DROP TABLE "legal_gateway_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_parental_responsibility_adult"`);
    await queryRunner.query(`DROP INDEX "public"."ix_parental_responsibility_child"`);
    await queryRunner.query(`DROP TABLE "parental_responsibility"`);
  }
}
