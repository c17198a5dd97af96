import { MigrationInterface, QueryRunner } from 'typeorm';

const GUARD_BEFORE = `CREATE OR REPLACE FUNCTION information_sharing_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND tandem_purge_admits(OLD.local_authority_id) THEN RETURN OLD; END IF;
              IF TG_OP = 'UPDATE' AND OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
                 AND (to_jsonb(NEW) - 'ended_at' - 'ended_by_id') = (to_jsonb(OLD) - 'ended_at' - 'ended_by_id') THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'information_sharing_record only records a share''s end (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`;

/**
 * Shares follow their plan and their partner (issue 30, L3 and L4). A share used to outlive the
 * plan it opened (an ended safety plan or Family Network Plan stayed readable to the partner),
 * and to keep the agency the partner had when it was made (a partner moved from police to
 * housing still saw, and updated the actions of, the police share). Now, in the transaction of
 * the change itself:
 *
 * - a plan that ends (`status` → `ended`) ends every active share of it (`end_reason`
 *   `plan_ended`);
 * - a user whose agency changes, or who stops being a `partner`, has every active share ended
 *   (`agency_changed`, `partner_removed`): the next share is made, with its lawful basis, for
 *   the agency they are in now.
 *
 * An end made by the system has no `ended_by_id`, but an `end_reason`; the append-only guard
 * lets the end write `end_reason` too.
 */
export class SharesEndWithPlanAndAgency1798070200000 implements MigrationInterface {
  name = 'SharesEndWithPlanAndAgency1798070200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "information_sharing_record" ADD "end_reason" text`);
    await q.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "ck_information_sharing_record_end_reason" CHECK (end_reason IN ('plan_ended','agency_changed','partner_removed'))`,
    );
    await q.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "ck_information_sharing_record_ended"`,
    );
    await q.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "ck_information_sharing_record_ended" CHECK ((ended_at IS NULL AND ended_by_id IS NULL AND end_reason IS NULL) OR (ended_at IS NOT NULL AND (ended_by_id IS NOT NULL OR end_reason IS NOT NULL)))`,
    );
    await q.query(`CREATE OR REPLACE FUNCTION information_sharing_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND tandem_purge_admits(OLD.local_authority_id) THEN RETURN OLD; END IF;
              IF TG_OP = 'UPDATE' AND OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
                 AND (to_jsonb(NEW) - 'ended_at' - 'ended_by_id' - 'end_reason')
                   = (to_jsonb(OLD) - 'ended_at' - 'ended_by_id' - 'end_reason') THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'information_sharing_record only records a share''s end (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await q.query(`CREATE FUNCTION information_sharing_end_with_plan() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE information_sharing_record
                 SET ended_at = clock_timestamp(), end_reason = 'plan_ended'
               WHERE record_type = TG_ARGV[0] AND record_id = NEW.id AND ended_at IS NULL;
              RETURN NULL;
            END $$`);
    for (const table of ['community_safety_plan', 'family_network_plan']) {
      await q.query(
        `CREATE TRIGGER ${table}_ends_shares AFTER UPDATE OF status ON "${table}" FOR EACH ROW WHEN (NEW.status = 'ended' AND OLD.status IS DISTINCT FROM 'ended') EXECUTE FUNCTION information_sharing_end_with_plan('${table}')`,
      );
    }
    await q.query(`CREATE FUNCTION information_sharing_end_with_partner() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE v_reason text;
            BEGIN
              IF NOT ('partner' = ANY (NEW.roles)) THEN v_reason := 'partner_removed';
              ELSIF NEW.agency IS DISTINCT FROM OLD.agency THEN v_reason := 'agency_changed';
              ELSE RETURN NULL;
              END IF;
              UPDATE information_sharing_record
                 SET ended_at = clock_timestamp(), end_reason = v_reason
               WHERE with_user_id = NEW.id AND ended_at IS NULL;
              RETURN NULL;
            END $$`);
    await q.query(
      `CREATE TRIGGER app_user_ends_shares AFTER UPDATE OF agency, roles ON "app_user" FOR EACH ROW WHEN (NEW.agency IS DISTINCT FROM OLD.agency OR NEW.roles IS DISTINCT FROM OLD.roles) EXECUTE FUNCTION information_sharing_end_with_partner()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER app_user_ends_shares ON "app_user"`);
    await q.query(`DROP FUNCTION information_sharing_end_with_partner()`);
    for (const table of ['community_safety_plan', 'family_network_plan']) {
      await q.query(`DROP TRIGGER ${table}_ends_shares ON "${table}"`);
    }
    await q.query(`DROP FUNCTION information_sharing_end_with_plan()`);
    await q.query(GUARD_BEFORE);
    await q.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "ck_information_sharing_record_ended"`,
    );
    await q.query(
      `ALTER TABLE "information_sharing_record" ADD CONSTRAINT "ck_information_sharing_record_ended" CHECK ((ended_at IS NULL) = (ended_by_id IS NULL))`,
    );
    await q.query(
      `ALTER TABLE "information_sharing_record" DROP CONSTRAINT "ck_information_sharing_record_end_reason"`,
    );
    await q.query(`ALTER TABLE "information_sharing_record" DROP COLUMN "end_reason"`);
  }
}
