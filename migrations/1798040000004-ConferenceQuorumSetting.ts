import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conference quorum as local policy (docs/conferences.md, "Quorum"): social care and at least
 * N other agencies, N = `conference_quorum_other_agencies` (default 2, the national guidance every
 * LA had until now; 1–6). Existing conferences keep the `quorate` recorded when they were held.
 */
export class ConferenceQuorumSetting1798040000004 implements MigrationInterface {
  name = 'ConferenceQuorumSetting1798040000004';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE local_authority
         ADD COLUMN conference_quorum_other_agencies integer NOT NULL DEFAULT 2,
         ADD CONSTRAINT ck_local_authority_conference_quorum
           CHECK (conference_quorum_other_agencies BETWEEN 1 AND 6)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE local_authority DROP CONSTRAINT ck_local_authority_conference_quorum,
         DROP COLUMN conference_quorum_other_agencies`,
    );
  }
}
