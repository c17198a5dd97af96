import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_SECURITY_ACTIONS = `'auth.login', 'auth.token', 'auth.token_rejected', 'auth.throttled', 'user.email_clash'`;
const SECURITY_ACTIONS = `${OLD_SECURITY_ACTIONS}, 'security.shared_creator'`;

/**
 * Sockpuppets: an LA administrator who creates two accounts (say an ECPP and a CP manager on
 * addresses it controls) and has them act together on a case. `app_user.created_by_id` records
 * who created each account (the requester under dual control; null for the platform's own
 * creations: LA onboarding and training sandboxes, where one creator makes every account). A
 * trigger on the case timeline raises a `security.shared_creator` security event (outcome
 * `flagged`, once per case and creator) when an account created less than 30 days ago writes to
 * a case that another account of the same creator wrote to within 30 days of its own creation.
 * The row is written in the writing transaction: a rolled-back write raises nothing.
 *
 * Existing accounts: `created_by_id` is backfilled from each account's `user.create` audit row
 * when an LA user (not the platform admin) made it; older accounts stay null and are never
 * flagged. The security-event index gains the new action.
 */
export class SharedCreatorAlert1797400100000 implements MigrationInterface {
  name = 'SharedCreatorAlert1797400100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "created_by_id" uuid`);
    await queryRunner.query(
      `UPDATE app_user u SET created_by_id = a.actor_id
         FROM audit_event a JOIN app_user creator ON creator.id = a.actor_id
        WHERE a.action = 'user.create' AND a.outcome = 'success' AND a.actor_type = 'user'
          AND a.record_id = u.id AND NOT ('platform_admin' = ANY (creator.roles))`,
    );
    await queryRunner.query(
      `CREATE FUNCTION case_event_shared_creator() RETURNS trigger LANGUAGE plpgsql AS $fn$
       DECLARE
         creator uuid;
         made timestamptz;
         other uuid;
       BEGIN
         IF NEW.actor_type <> 'user' OR NEW.actor_id IS NULL THEN RETURN NULL; END IF;
         SELECT created_by_id, created_at INTO creator, made FROM app_user WHERE id = NEW.actor_id;
         IF creator IS NULL OR made < NEW.at - interval '30 days' THEN RETURN NULL; END IF;
         SELECT e.actor_id INTO other
           FROM case_event e JOIN app_user u ON u.id = e.actor_id
          WHERE e.case_id = NEW.case_id AND e.actor_type = 'user' AND e.actor_id <> NEW.actor_id
            AND u.created_by_id = creator AND e.at <= u.created_at + interval '30 days'
          LIMIT 1;
         IF other IS NULL THEN RETURN NULL; END IF;
         IF EXISTS (SELECT 1 FROM audit_event a
                     WHERE a.record_id = NEW.case_id AND a.action = 'security.shared_creator'
                       AND a.metadata->>'creatorId' = creator::text) THEN
           RETURN NULL;
         END IF;
         INSERT INTO audit_event (local_authority_id, actor_type, actor_id, action, record_type,
                                  record_id, outcome, reason, metadata)
         VALUES (NEW.local_authority_id, 'user', NEW.actor_id, 'security.shared_creator', 'case',
                 NEW.case_id, 'flagged',
                 'accounts created by one person acted on the same case within 30 days of their creation',
                 jsonb_build_object('creatorId', creator, 'accountIds', jsonb_build_array(other, NEW.actor_id),
                                    'eventType', NEW.type));
         RETURN NULL;
       END $fn$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER case_event_shared_creator AFTER INSERT ON "case_event"
         FOR EACH ROW EXECUTE FUNCTION case_event_shared_creator()`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_security"`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_security" ON "audit_event" ("at" DESC, "id" DESC)
        WHERE action IN (${SECURITY_ACTIONS}) AND outcome <> 'success'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_security"`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_security" ON "audit_event" ("at" DESC, "id" DESC)
        WHERE action IN (${OLD_SECURITY_ACTIONS}) AND outcome <> 'success'`,
    );
    await queryRunner.query(`DROP TRIGGER case_event_shared_creator ON "case_event"`);
    await queryRunner.query(`DROP FUNCTION case_event_shared_creator()`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "created_by_id"`);
  }
}
