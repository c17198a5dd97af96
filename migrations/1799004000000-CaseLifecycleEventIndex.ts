import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's lifecycle entries on its timeline — created, referral added, assessment completed or
 * authorised, closed, reopened — found without reading the rest of it. Every case response (the
 * case read and each caseload row) reads them twice (the timescales' referral events and the
 * history's closures and reopenings) and once more for a closed case's closure; so do the
 * overdue list, the co-working clock and the front door's counts. The only per-case index,
 * `(case_id, at, id)`, walks every note, decision and visit entry of the case to find them; the
 * LA-wide `(local_authority_id, type, at)` walks every such entry of the LA. The planner chose
 * the second whenever its statistics were older than the case's timeline (measured on a caseload
 * page of 51 cases: 9.4 ms of execution, 3.9 ms with this index; docs/bench.md). This partial
 * index holds only those six kinds of entry (a few per case), so it costs the writes of notes,
 * decisions and visits nothing. Nothing else changes.
 */
export class CaseLifecycleEventIndex1799004000000 implements MigrationInterface {
  name = 'CaseLifecycleEventIndex1799004000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_case_event_case_lifecycle" ON "case_event" ("case_id", "at", "id")
        WHERE "type" IN ('case_created', 'case_reopened', 'referral_added',
                         'assessment_completed', 'assessment_authorised', 'case_closed')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_case_event_case_lifecycle"`);
  }
}
