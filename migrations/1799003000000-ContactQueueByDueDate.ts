import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The front door's queue (`GET /contacts` without a status) lists an LA's contacts by
 * `decision_due_by, id`; the only index led with `status`, so every page sorted all of the LA's
 * contacts (about 150,000 at 100,000 cases: ~200 ms a page, docs/bench.md, issue 31). This index
 * serves the order and the keyset cursor directly. Nothing else changes.
 */
export class ContactQueueByDueDate1799003000000 implements MigrationInterface {
  name = 'ContactQueueByDueDate1799003000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_contact_la_due" ON "contact" ("local_authority_id", "decision_due_by", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_contact_la_due"`);
  }
}
