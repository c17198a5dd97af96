import { MigrationInterface, QueryRunner } from 'typeorm';

export class FamiliesAndCases1795442663095 implements MigrationInterface {
  name = 'FamiliesAndCases1795442663095';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "family" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "name" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ba386a5a59c3de8593cda4e5626" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_la_created" ON "family" ("local_authority_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "family_id" uuid, "kind" text NOT NULL, "first_name" text NOT NULL, "last_name" text NOT NULL, "date_of_birth" date, "sex" text, "gender" text, "ethnicity" text, "language" text, "nhs_number" text, "la_person_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_person_nhs_number" CHECK (nhs_number IS NULL OR nhs_number ~ '^[0-9]{10}$'), CONSTRAINT "ck_person_kind" CHECK (kind IN ('child','adult')), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_person_la_dob" ON "person" ("local_authority_id", "date_of_birth") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_person_family" ON "person" ("family_id") `);
    await queryRunner.query(
      `CREATE TABLE "relationship" ("person_id" uuid NOT NULL, "child_id" uuid NOT NULL, "relationship" text NOT NULL, CONSTRAINT "ck_relationship_not_self" CHECK (person_id <> child_id), CONSTRAINT "PK_3e55513ba7e00ca8f1027e8ae51" PRIMARY KEY ("person_id", "child_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_relationship_child" ON "relationship" ("child_id") `);
    await queryRunner.query(
      `CREATE TABLE "family_network_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "family_id" uuid NOT NULL, "person_id" uuid NOT NULL, "relationship" text NOT NULL, "contact" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ux_family_network_member_person" UNIQUE ("family_id", "person_id"), CONSTRAINT "PK_85612a3868c1945faae2ffc6ba9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_network_member_family" ON "family_network_member" ("family_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "family_id" uuid NOT NULL, "team_id" uuid NOT NULL, "lead_practitioner_id" uuid NOT NULL, "stage" text NOT NULL DEFAULT 'family_help', "restricted" boolean NOT NULL DEFAULT false, "referral_date" date NOT NULL, "referral_source" text NOT NULL, "closure_reason" text, "closed_at" TIMESTAMP WITH TIME ZONE, "assessment_completed_at" date, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_case_record_closed" CHECK ((stage = 'closed') = (closed_at IS NOT NULL)), CONSTRAINT "ck_case_record_closure_reason" CHECK (closure_reason IS NULL OR closure_reason IN ('RC1','RC2','RC3','RC4','RC5','RC6','RC7','RC8','RC9')), CONSTRAINT "ck_case_record_referral_source" CHECK (referral_source IN ('1A','1B','1C','1D','2A','2B','3A','3B','3C','3D','3E','3F','4','5A','5B','5C','5D','6','7','8','9','10')), CONSTRAINT "ck_case_record_stage" CHECK (stage IN ('family_help','child_protection','pre_proceedings','care_proceedings','closed')), CONSTRAINT "PK_c690854c14a2669a8ea6deb7e5c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_record_family" ON "case_record" ("family_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_case_record_la_created" ON "case_record" ("local_authority_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_record_la_stage" ON "case_record" ("local_authority_id", "stage", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_record_la_lead" ON "case_record" ("local_authority_id", "lead_practitioner_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_record_la_team" ON "case_record" ("local_authority_id", "team_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_type" text NOT NULL, "body" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_case_note_author_type" CHECK (author_type IN ('user','client')), CONSTRAINT "ck_case_note_body" CHECK (char_length(btrim(body)) > 0), CONSTRAINT "PK_7b0442af3f3d9273fb63d2799a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_note_case" ON "case_note" ("case_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_note_addendum" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "note_id" uuid NOT NULL, "case_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_type" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_case_note_addendum_author_type" CHECK (author_type IN ('user','client')), CONSTRAINT "ck_case_note_addendum_body" CHECK (char_length(btrim(body)) > 0), CONSTRAINT "PK_247110861c29ae9656140e2c9cf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_note_addendum_note" ON "case_note_addendum" ("note_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "type" text NOT NULL, "actor_id" uuid, "actor_type" text NOT NULL, "summary" text NOT NULL, "data" jsonb, "record_type" text, "record_id" uuid, CONSTRAINT "PK_5b6e18b2d4fd178711a2269645e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_event_case_at" ON "case_event" ("case_id", "at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_co_worker" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL DEFAULT 'ecpp', "assigned_by_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" text, CONSTRAINT "PK_0d4bc38d03440141d6d5e5c84af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_co_worker_user" ON "case_co_worker" ("user_id", "ended_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_co_worker_case" ON "case_co_worker" ("case_id", "assigned_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_child" ("case_id" uuid NOT NULL, "person_id" uuid NOT NULL, CONSTRAINT "PK_a795657b228fba9bbcb0cfe2328" PRIMARY KEY ("case_id", "person_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_child_person" ON "case_child" ("person_id") `);
    await queryRunner.query(
      `CREATE TABLE "family_help_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "next_review_date" date, "created_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ux_family_help_plan_case" UNIQUE ("case_id"), CONSTRAINT "PK_6b0bc980b8eb2312b0964f4af3c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "family_help_plan_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "review_date" date NOT NULL, "summary" text NOT NULL, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_083a13c9561263c7cb1aca7ebcd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_help_plan_review_plan" ON "family_help_plan_review" ("plan_id", "review_date", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "family_help_plan_goal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "description" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_family_help_plan_goal_status" CHECK (status IN ('open','achieved','dropped')), CONSTRAINT "PK_d4d8c595b505e7807154de29c79" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_help_plan_goal_plan" ON "family_help_plan_goal" ("plan_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "family_help_plan_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "goal_id" uuid, "description" text NOT NULL, "owner_user_id" uuid, "owner_name" text, "due_date" date, "status" text NOT NULL DEFAULT 'not_started', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_family_help_plan_action_owner" CHECK (owner_user_id IS NOT NULL OR owner_name IS NOT NULL), CONSTRAINT "ck_family_help_plan_action_status" CHECK (status IN ('not_started','in_progress','done','dropped')), CONSTRAINT "PK_04ac533fab012edb018edf4401e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_help_plan_action_plan" ON "family_help_plan_action" ("plan_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "family" ADD CONSTRAINT "fk_family_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "fk_person_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "fk_person_family" FOREIGN KEY ("family_id") REFERENCES "family"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "relationship" ADD CONSTRAINT "fk_relationship_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "relationship" ADD CONSTRAINT "fk_relationship_child" FOREIGN KEY ("child_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_member" ADD CONSTRAINT "fk_family_network_member_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_member" ADD CONSTRAINT "fk_family_network_member_family" FOREIGN KEY ("family_id") REFERENCES "family"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_member" ADD CONSTRAINT "fk_family_network_member_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_record" ADD CONSTRAINT "fk_case_record_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_record" ADD CONSTRAINT "fk_case_record_family" FOREIGN KEY ("family_id") REFERENCES "family"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_record" ADD CONSTRAINT "fk_case_record_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_record" ADD CONSTRAINT "fk_case_record_lead_practitioner" FOREIGN KEY ("lead_practitioner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_note" ADD CONSTRAINT "fk_case_note_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_note_addendum" ADD CONSTRAINT "fk_case_note_addendum_note" FOREIGN KEY ("note_id") REFERENCES "case_note"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_event" ADD CONSTRAINT "fk_case_event_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" ADD CONSTRAINT "fk_case_co_worker_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" ADD CONSTRAINT "fk_case_co_worker_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" ADD CONSTRAINT "fk_case_co_worker_assigned_by" FOREIGN KEY ("assigned_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_child" ADD CONSTRAINT "fk_case_child_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_child" ADD CONSTRAINT "fk_case_child_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan" ADD CONSTRAINT "fk_family_help_plan_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_review" ADD CONSTRAINT "fk_family_help_plan_review_plan" FOREIGN KEY ("plan_id") REFERENCES "family_help_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_goal" ADD CONSTRAINT "fk_family_help_plan_goal_plan" FOREIGN KEY ("plan_id") REFERENCES "family_help_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_action" ADD CONSTRAINT "fk_family_help_plan_action_plan" FOREIGN KEY ("plan_id") REFERENCES "family_help_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_action" ADD CONSTRAINT "fk_family_help_plan_action_goal" FOREIGN KEY ("goal_id") REFERENCES "family_help_plan_goal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_action" ADD CONSTRAINT "fk_family_help_plan_action_owner" FOREIGN KEY ("owner_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Hand-written: what the entities cannot express.
    // Case- and accent-insensitive partial name search: pg_trgm + unaccent (both trusted
    // contrib extensions), behind an IMMUTABLE wrapper so expression indexes can use it.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(
      `CREATE FUNCTION tandem_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_person_name_trgm" ON "person" USING gin (tandem_fold(first_name || ' ' || last_name) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_name_trgm" ON "family" USING gin (tandem_fold(coalesce(name, '')) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_person_la_nhs_number" ON "person" ("local_authority_id", "nhs_number") WHERE nhs_number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_case_co_worker_active" ON "case_co_worker" ("case_id", "user_id") WHERE ended_at IS NULL`,
    );
    // The case timeline is append-only, like the audit trail.
    await queryRunner.query(`CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'case_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER case_event_no_update_delete BEFORE UPDATE OR DELETE ON "case_event" FOR EACH ROW EXECUTE FUNCTION case_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON "case_event" FOR EACH STATEMENT EXECUTE FUNCTION case_event_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER case_event_no_truncate ON "case_event"`);
    await queryRunner.query(`DROP TRIGGER case_event_no_update_delete ON "case_event"`);
    await queryRunner.query(`DROP FUNCTION case_event_append_only()`);
    await queryRunner.query(`DROP INDEX "ux_case_co_worker_active"`);
    await queryRunner.query(`DROP INDEX "ux_person_la_nhs_number"`);
    await queryRunner.query(`DROP INDEX "ix_family_name_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_person_name_trgm"`);
    await queryRunner.query(`DROP FUNCTION tandem_fold(text)`);
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_action" DROP CONSTRAINT "fk_family_help_plan_action_owner"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_action" DROP CONSTRAINT "fk_family_help_plan_action_goal"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_action" DROP CONSTRAINT "fk_family_help_plan_action_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_goal" DROP CONSTRAINT "fk_family_help_plan_goal_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan_review" DROP CONSTRAINT "fk_family_help_plan_review_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_help_plan" DROP CONSTRAINT "fk_family_help_plan_case"`,
    );
    await queryRunner.query(`ALTER TABLE "case_child" DROP CONSTRAINT "fk_case_child_person"`);
    await queryRunner.query(`ALTER TABLE "case_child" DROP CONSTRAINT "fk_case_child_case"`);
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" DROP CONSTRAINT "fk_case_co_worker_assigned_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" DROP CONSTRAINT "fk_case_co_worker_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" DROP CONSTRAINT "fk_case_co_worker_case"`,
    );
    await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "fk_case_event_case"`);
    await queryRunner.query(
      `ALTER TABLE "case_note_addendum" DROP CONSTRAINT "fk_case_note_addendum_note"`,
    );
    await queryRunner.query(`ALTER TABLE "case_note" DROP CONSTRAINT "fk_case_note_case"`);
    await queryRunner.query(
      `ALTER TABLE "case_record" DROP CONSTRAINT "fk_case_record_lead_practitioner"`,
    );
    await queryRunner.query(`ALTER TABLE "case_record" DROP CONSTRAINT "fk_case_record_team"`);
    await queryRunner.query(`ALTER TABLE "case_record" DROP CONSTRAINT "fk_case_record_family"`);
    await queryRunner.query(`ALTER TABLE "case_record" DROP CONSTRAINT "fk_case_record_la"`);
    await queryRunner.query(
      `ALTER TABLE "family_network_member" DROP CONSTRAINT "fk_family_network_member_person"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_member" DROP CONSTRAINT "fk_family_network_member_family"`,
    );
    await queryRunner.query(
      `ALTER TABLE "family_network_member" DROP CONSTRAINT "fk_family_network_member_la"`,
    );
    await queryRunner.query(`ALTER TABLE "relationship" DROP CONSTRAINT "fk_relationship_child"`);
    await queryRunner.query(`ALTER TABLE "relationship" DROP CONSTRAINT "fk_relationship_person"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "fk_person_family"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "fk_person_la"`);
    await queryRunner.query(`ALTER TABLE "family" DROP CONSTRAINT "fk_family_la"`);
    await queryRunner.query(`DROP INDEX "public"."ix_family_help_plan_action_plan"`);
    await queryRunner.query(`DROP TABLE "family_help_plan_action"`);
    await queryRunner.query(`DROP INDEX "public"."ix_family_help_plan_goal_plan"`);
    await queryRunner.query(`DROP TABLE "family_help_plan_goal"`);
    await queryRunner.query(`DROP INDEX "public"."ix_family_help_plan_review_plan"`);
    await queryRunner.query(`DROP TABLE "family_help_plan_review"`);
    await queryRunner.query(`DROP TABLE "family_help_plan"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_child_person"`);
    await queryRunner.query(`DROP TABLE "case_child"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_co_worker_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_co_worker_user"`);
    await queryRunner.query(`DROP TABLE "case_co_worker"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_event_case_at"`);
    await queryRunner.query(`DROP TABLE "case_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_note_addendum_note"`);
    await queryRunner.query(`DROP TABLE "case_note_addendum"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_note_case"`);
    await queryRunner.query(`DROP TABLE "case_note"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_record_la_team"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_record_la_lead"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_record_la_stage"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_record_la_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_record_family"`);
    await queryRunner.query(`DROP TABLE "case_record"`);
    await queryRunner.query(`DROP INDEX "public"."ix_family_network_member_family"`);
    await queryRunner.query(`DROP TABLE "family_network_member"`);
    await queryRunner.query(`DROP INDEX "public"."ix_relationship_child"`);
    await queryRunner.query(`DROP TABLE "relationship"`);
    await queryRunner.query(`DROP INDEX "public"."ix_person_family"`);
    await queryRunner.query(`DROP INDEX "public"."ix_person_la_dob"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_family_la_created"`);
    await queryRunner.query(`DROP TABLE "family"`);
  }
}
