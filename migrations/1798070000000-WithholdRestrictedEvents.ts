import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events of a restricted case stay out of the feed and the webhooks (issue 30, L2): the relay
 * marks them `withheld` instead of giving them a position, so integrators and the `la_admin`
 * (who may not read restricted cases) learn nothing of their activity, not even from a gap in
 * the positions. The relay's queue index skips withheld rows.
 */
export class WithholdRestrictedEvents1798070000000 implements MigrationInterface {
  name = 'WithholdRestrictedEvents1798070000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "integration_event" ADD "withheld" boolean NOT NULL DEFAULT false`);
    await q.query(`DROP INDEX "public"."ix_integration_event_unpositioned"`);
    await q.query(
      `CREATE INDEX "ix_integration_event_unpositioned" ON "integration_event" ("seq") WHERE position IS NULL AND NOT withheld`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_integration_event_unpositioned"`);
    await q.query(
      `CREATE INDEX "ix_integration_event_unpositioned" ON "integration_event" ("seq") WHERE position IS NULL`,
    );
    await q.query(`ALTER TABLE "integration_event" DROP COLUMN "withheld"`);
  }
}
