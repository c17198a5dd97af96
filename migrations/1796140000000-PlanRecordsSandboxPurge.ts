import { MigrationInterface, QueryRunner } from 'typeorm';

/** Immutable plan tables that have no `local_authority_id` of their own: their plan's LA. */
const PLAN_CHILDREN: [table: string, parent: string][] = [
  ['family_network_plan_version', 'family_network_plan'],
  ['family_network_plan_agreement', 'family_network_plan'],
  ['family_network_plan_review', 'family_network_plan'],
  ['community_safety_plan_review', 'community_safety_plan'],
];

/**
 * The sandbox purge (`tandem_purge_sandbox`) reaches the plan tables too. The immutable plan
 * tables (versions, agreements, reviews) were guarded by `decision_append_only()`, which reads
 * `OLD.local_authority_id` — a column they do not have — so purging a sandbox holding a Family
 * Network Plan failed; and `information_sharing_record_guard()` refused every DELETE. Now both
 * admit a DELETE exactly as the other append-only tables do: only for a row of the sandbox LA
 * that `tandem_purge_sandbox` is purging (`tandem_purge_admits`), the plan's LA standing for
 * the rows that have none. UPDATE, TRUNCATE and any other DELETE stay refused.
 */
export class PlanRecordsSandboxPurge1796140000000 implements MigrationInterface {
  name = 'PlanRecordsSandboxPurge1796140000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION plan_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE v_la uuid;
            BEGIN
              IF TG_OP = 'DELETE' THEN
                EXECUTE format('SELECT local_authority_id FROM %I WHERE id = $1', TG_ARGV[0])
                  INTO v_la USING OLD.plan_id;
                IF tandem_purge_admits(v_la) THEN RETURN OLD; END IF;
              END IF;
              RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    for (const [table, parent] of PLAN_CHILDREN) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_update_delete ON "${table}"`);
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION plan_record_append_only('${parent}')`,
      );
    }
    await queryRunner.query(`CREATE OR REPLACE FUNCTION information_sharing_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND tandem_purge_admits(OLD.local_authority_id) THEN RETURN OLD; END IF;
              IF TG_OP = 'UPDATE' AND OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
                 AND (to_jsonb(NEW) - 'ended_at' - 'ended_by_id') = (to_jsonb(OLD) - 'ended_at' - 'ended_by_id') THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'information_sharing_record only records a share''s end (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION information_sharing_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'UPDATE' AND OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
                 AND (to_jsonb(NEW) - 'ended_at' - 'ended_by_id') = (to_jsonb(OLD) - 'ended_at' - 'ended_by_id') THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'information_sharing_record only records a share''s end (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    for (const [table] of PLAN_CHILDREN) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_update_delete ON "${table}"`);
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION decision_append_only()`,
      );
    }
    await queryRunner.query(`DROP FUNCTION plan_record_append_only()`);
  }
}
