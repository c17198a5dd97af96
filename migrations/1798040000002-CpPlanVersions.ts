import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The child protection plan's content, versioned by the core group (`PUT /cases/:id/cp-plan`,
 * docs/conferences.md "The plan's content"): outcomes, actions with owners and due dates,
 * contingency. Versions are never edited; the highest number is the version in force. A new
 * table: nothing stored changes (plans started before it have no content version until their
 * core group writes one).
 */
export class CpPlanVersions1798040000002 implements MigrationInterface {
  name = 'CpPlanVersions1798040000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE cp_plan_version (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         case_id uuid NOT NULL,
         local_authority_id uuid NOT NULL,
         number integer NOT NULL,
         outcomes jsonb NOT NULL,
         actions jsonb NOT NULL,
         contingency text NOT NULL,
         conference_id uuid NOT NULL,
         authored_by_id uuid NOT NULL,
         created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
         CONSTRAINT ck_cp_plan_version_number CHECK (number > 0),
         CONSTRAINT uq_cp_plan_version_number UNIQUE (case_id, number),
         CONSTRAINT pk_cp_plan_version PRIMARY KEY (id),
         CONSTRAINT fk_cp_plan_version_case FOREIGN KEY (case_id) REFERENCES case_record(id) ON DELETE RESTRICT,
         CONSTRAINT fk_cp_plan_version_la FOREIGN KEY (local_authority_id) REFERENCES local_authority(id) ON DELETE RESTRICT,
         CONSTRAINT fk_cp_plan_version_conference FOREIGN KEY (conference_id) REFERENCES cp_conference(id) ON DELETE RESTRICT,
         CONSTRAINT fk_cp_plan_version_author FOREIGN KEY (authored_by_id) REFERENCES app_user(id) ON DELETE RESTRICT
       )`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cp_plan_version`);
  }
}
