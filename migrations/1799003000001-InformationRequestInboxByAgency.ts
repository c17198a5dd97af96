import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The information-request inbox reads each way a request reaches it as its own page (to the
 * caller, to the caller's agency, on the caller's cases: docs/bench.md, issue 31). Requests to an
 * agency had no index: this one serves that page in due order within the LA. Nothing else
 * changes.
 */
export class InformationRequestInboxByAgency1799003000001 implements MigrationInterface {
  name = 'InformationRequestInboxByAgency1799003000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_information_request_la_agency" ON "information_request" ("local_authority_id", "recipient_agency", "due_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_information_request_la_agency"`);
  }
}
