import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES_BEFORE = [
  'platform_admin',
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
  'partner',
  'la_admin',
  'auditor',
  'trainer',
];
const EVENTS_BEFORE = [
  'case.opened',
  'case.stage_changed',
  'case.closed',
  'case.reopened',
  'decision.recorded',
  'co_worker.assigned',
  'co_worker.ended',
  'concern.raised',
  'plan.agreed',
  'plan.started',
  'plan.ended',
  'meeting.recorded',
  'visit.recorded',
];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(',');

/**
 * The family's own view (docs/family-view.md): grants for one person on one case, the family
 * summaries of agreed plan versions, decision explanations written for the family, the family's
 * responses and per-person redactions. A family member signs in as an `app_user` with the one
 * role `family_member`; integration events gain `family_response.recorded`. Nothing existing
 * changes: the new role and event type only widen two value lists.
 */
export class FamilyView1797800000000 implements MigrationInterface {
  name = 'FamilyView1797800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT ck_app_user_roles`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT ck_app_user_roles
         CHECK (roles <@ ARRAY[${list([...ROLES_BEFORE, 'family_member'])}]::text[]
                AND cardinality(roles) > 0
                AND (NOT ('family_member' = ANY(roles)) OR cardinality(roles) = 1))`,
    );
    await q.query(`ALTER TABLE integration_event DROP CONSTRAINT ck_integration_event_type`);
    await q.query(
      `ALTER TABLE integration_event ADD CONSTRAINT ck_integration_event_type
         CHECK (type IN (${list([...EVENTS_BEFORE, 'family_response.recorded'])}))`,
    );

    await q.query(`
      CREATE TABLE family_access_grant (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES case_record(id),
        person_id uuid NOT NULL REFERENCES person(id),
        scopes text[] NOT NULL,
        status text NOT NULL DEFAULT 'proposed',
        safety_check_notes text NOT NULL,
        contact_email text NOT NULL,
        proposed_by_id uuid NOT NULL REFERENCES app_user(id),
        proposed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        approved_by_id uuid REFERENCES app_user(id),
        approved_at timestamptz,
        invitation_hash text,
        invitation_expires_at timestamptz,
        invitation_used_at timestamptz,
        user_id uuid REFERENCES app_user(id),
        status_reason text,
        status_changed_by_id uuid REFERENCES app_user(id),
        status_changed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT ck_family_access_grant_status
          CHECK (status IN ('proposed','active','suspended','revoked')),
        CONSTRAINT ck_family_access_grant_scopes
          CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['family_help_plan','cp_plan',
                 'family_network_plan','community_safety_plan']::text[]),
        CONSTRAINT ck_family_access_grant_approved
          CHECK ((status = 'proposed') = (approved_at IS NULL)),
        CONSTRAINT ck_family_access_grant_safety CHECK (char_length(btrim(safety_check_notes)) > 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ux_family_access_grant_live ON family_access_grant (case_id, person_id)
        WHERE status IN ('proposed','active','suspended')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_family_access_grant_invitation ON family_access_grant (invitation_hash)
        WHERE invitation_hash IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_family_access_grant_user ON family_access_grant (user_id)`);
    await q.query(
      `CREATE INDEX ix_family_access_grant_case ON family_access_grant (local_authority_id, case_id)`,
    );

    await q.query(`
      CREATE TABLE family_summary (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES case_record(id),
        plan_type text NOT NULL,
        plan_id uuid NOT NULL,
        plan_version integer NOT NULL,
        sections jsonb NOT NULL,
        language text NOT NULL DEFAULT 'en',
        status text NOT NULL DEFAULT 'draft',
        created_by_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_by_id uuid REFERENCES app_user(id),
        published_at timestamptz,
        CONSTRAINT ck_family_summary_plan_type
          CHECK (plan_type IN ('family_help_plan','cp_plan','family_network_plan','community_safety_plan')),
        CONSTRAINT ck_family_summary_status CHECK (status IN ('draft','published')),
        CONSTRAINT ck_family_summary_published CHECK ((status = 'published') = (published_at IS NOT NULL)),
        CONSTRAINT ck_family_summary_version CHECK (plan_version > 0)
      )`);
    await q.query(
      `CREATE INDEX ix_family_summary_case ON family_summary (local_authority_id, case_id, plan_type, plan_id)`,
    );

    await q.query(`
      CREATE TABLE decision_explanation (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES case_record(id),
        decision_id uuid NOT NULL REFERENCES decision(id),
        text text NOT NULL,
        written_by_id uuid NOT NULL REFERENCES app_user(id),
        written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT ck_decision_explanation_text CHECK (char_length(btrim(text)) > 0)
      )`);
    await q.query(
      `CREATE INDEX ix_decision_explanation_case ON decision_explanation (local_authority_id, case_id, decision_id)`,
    );

    await q.query(`
      CREATE TABLE family_response (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES case_record(id),
        grant_id uuid NOT NULL REFERENCES family_access_grant(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        summary_id uuid REFERENCES family_summary(id),
        decision_id uuid REFERENCES decision(id),
        agrees boolean,
        text text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT ck_family_response_target CHECK ((summary_id IS NULL) <> (decision_id IS NULL)),
        CONSTRAINT ck_family_response_text CHECK (char_length(btrim(text)) > 0)
      )`);
    await q.query(
      `CREATE INDEX ix_family_response_case ON family_response (local_authority_id, case_id, recorded_at)`,
    );

    await q.query(`
      CREATE TABLE person_redaction (
        person_id uuid NOT NULL PRIMARY KEY REFERENCES person(id),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        withheld_from uuid[] NOT NULL DEFAULT '{}',
        fields text[] NOT NULL DEFAULT '{}',
        alleged_perpetrator boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        updated_by_id uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT ck_person_redaction_fields
          CHECK (fields <@ ARRAY['lastName','dateOfBirth','address','contact','relationship']::text[])
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'person_redaction',
      'family_response',
      'decision_explanation',
      'family_summary',
      'family_access_grant',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`DELETE FROM integration_event WHERE type = 'family_response.recorded'`);
    await q.query(`ALTER TABLE integration_event DROP CONSTRAINT ck_integration_event_type`);
    await q.query(
      `ALTER TABLE integration_event ADD CONSTRAINT ck_integration_event_type CHECK (type IN (${list(EVENTS_BEFORE)}))`,
    );
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT ck_app_user_roles`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT ck_app_user_roles
         CHECK (roles <@ ARRAY[${list(ROLES_BEFORE)}]::text[] AND cardinality(roles) > 0)`,
    );
  }
}
