import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795441936505 implements MigrationInterface {
  name = 'Foundation1795441936505';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "local_authority" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "code" text NOT NULL, "sandbox" boolean NOT NULL DEFAULT false, "core_group_interval_weeks" integer NOT NULL DEFAULT '4', "visit_interval_working_days" integer NOT NULL DEFAULT '10', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_1abb350095cd5179bc3b67b13d7" UNIQUE ("code"), CONSTRAINT "ck_local_authority_code" CHECK (code ~ '^[A-Z0-9_-]{2,32}$'), CONSTRAINT "PK_c243e39274795ca545f17d438e5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_team_kind" CHECK (kind IN ('family_help','child_protection')), CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_team_la" ON "team" ("local_authority_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text NOT NULL, "roles" text array NOT NULL, "local_authority_id" uuid, "agency" text, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_app_user_partner_agency" CHECK (NOT ('partner' = ANY(roles)) OR agency IS NOT NULL), CONSTRAINT "ck_app_user_tenant" CHECK (local_authority_id IS NOT NULL OR 'platform_admin' = ANY(roles)), CONSTRAINT "ck_app_user_agency" CHECK (agency IS NULL OR agency IN ('social_care','police','health','education','youth_justice','housing','voluntary')), CONSTRAINT "ck_app_user_roles" CHECK (roles <@ ARRAY['platform_admin','family_help_practitioner','family_help_manager','ecpp','cp_manager','partner','la_admin','auditor','trainer']::text[] AND cardinality(roles) > 0), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_app_user_la" ON "app_user" ("local_authority_id") `);
    await queryRunner.query(
      `CREATE TABLE "team_member" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "profession" text NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_team_member_profession" CHECK (profession IN ('social_worker','family_support_worker','health_visitor','school_nurse','education','police','youth_justice','domestic_abuse','substance_misuse','manager','other')), CONSTRAINT "PK_34169355c6d1744228f5bb75549" PRIMARY KEY ("team_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_team_member_user" ON "team_member" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "local_authority_id" uuid, "actor_type" text NOT NULL, "actor_id" uuid, "action" text NOT NULL, "record_type" text, "record_id" uuid, "child_ids" uuid array NOT NULL DEFAULT '{}', "outcome" text NOT NULL DEFAULT 'success', "request_id" text, "ip" inet, "reason" text, "changes" jsonb, "metadata" jsonb, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_id", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_record" ON "audit_event" ("record_id", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_la_at" ON "audit_event" ("local_authority_id", "at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_client" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "name" text NOT NULL, "client_id" text NOT NULL, "secret_hash" text NOT NULL, "scopes" text array NOT NULL, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a0ad7eb2aef50308b512c483ad5" UNIQUE ("client_id"), CONSTRAINT "ck_api_client_scopes" CHECK (scopes <@ ARRAY['families:read','families:write','cases:read','cases:write','export:read']::text[]), CONSTRAINT "PK_82a5ec6981d2be903a9eb1d9b9a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_api_client_la" ON "api_client" ("local_authority_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "team" ADD CONSTRAINT "fk_team_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "fk_team_member_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "fk_team_member_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_client" ADD CONSTRAINT "fk_api_client_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Hand-written: what the entities cannot express.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_app_user_email" ON "app_user" (lower("email"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_children" ON "audit_event" USING gin ("child_ids")`,
    );
    // The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
    await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER audit_event_no_update_delete ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    await queryRunner.query(`DROP INDEX "ix_audit_event_children"`);
    await queryRunner.query(`DROP INDEX "ux_app_user_email"`);
    await queryRunner.query(`ALTER TABLE "api_client" DROP CONSTRAINT "fk_api_client_la"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "fk_team_member_user"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "fk_team_member_team"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_la"`);
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "fk_team_la"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_client_la"`);
    await queryRunner.query(`DROP TABLE "api_client"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_la_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_record"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_actor"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_team_member_user"`);
    await queryRunner.query(`DROP TABLE "team_member"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_user_la"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_team_la"`);
    await queryRunner.query(`DROP TABLE "team"`);
    await queryRunner.query(`DROP TABLE "local_authority"`);
  }
}
