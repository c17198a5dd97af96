import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The integrators' feed (`GET /cases?updatedSince=`) pages cases by their last activity — the
 * latest of the case row's `updated_at`, its timeline's entries and its family's `updated_at`
 * (`case-activity.ts`) — a value computed per case, so every page computed it for every case of
 * the LA and sorted them (0.9–1.4 s a page at 100,000 cases, whatever `updatedSince` was). A
 * case's activity is at or after an instant only if one of those three sources is, so a page
 * now first takes the cases with a source at or after its lower bound (`updatedSince`, or the
 * cursor's activity), by these three indexes, and computes the activity of those alone: a poll
 * for the last minute's changes reads the last minute's rows. Index only: no write path changes,
 * no existing row changes (each write pays one more index entry).
 */
export class CaseActivityFeedIndexes1799005000000 implements MigrationInterface {
  name = 'CaseActivityFeedIndexes1799005000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_case_event_la_at" ON "case_event" ("local_authority_id", "at", "case_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_record_la_updated" ON "case_record" ("local_authority_id", "updated_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_family_la_updated" ON "family" ("local_authority_id", "updated_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_family_la_updated"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_record_la_updated"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_event_la_at"`);
  }
}
