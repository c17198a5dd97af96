import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event positions counted per local authority (issue 30, L5): a feed cursor was a global
 * position, so the gap between two of an LA's events told its integrator how busy every other
 * LA had been. The relay now numbers each LA's events on from that LA's own last position;
 * positions already given stay as they are (integrators' cursors keep working), and the next
 * ones continue above them.
 */
export class PerLaEventPositions1798070100000 implements MigrationInterface {
  name = 'PerLaEventPositions1798070100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ux_integration_event_position"`);
    await q.query(`DROP INDEX "public"."ix_integration_event_feed"`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_integration_event_position" ON "integration_event" ("local_authority_id", "position") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ux_integration_event_position"`);
    await q.query(
      `CREATE INDEX "ix_integration_event_feed" ON "integration_event" ("local_authority_id", "position") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "ux_integration_event_position" ON "integration_event" ("position") `,
    );
  }
}
