import { MigrationInterface, QueryRunner } from 'typeorm';

const BASE = `'case.opened','case.stage_changed','case.closed','case.reopened','decision.recorded','co_worker.assigned','co_worker.ended','concern.raised','plan.agreed','plan.started','plan.ended','meeting.recorded','visit.recorded'`;
const MACPT = `'strategy_discussion.held','strategy_discussion.concluded','information_request.sent','information_request.answered','information_request.declined'`;
const FRONT_DOOR = `'contact.received','contact.decided'`;

/**
 * The integration event types after both StrategyDiscussions (1797500000000) and
 * FrontDoorContacts (1797600000000): each widened `ck_integration_event_type` from the list it
 * knew, so the later one (the front door's) left out the strategy-discussion and
 * information-request events. This sets the union. Only a wider list: every existing row stays
 * valid (a row of a left-out type could not have been written after the front door's migration).
 */
export class EventTypesFrontDoorAndMacpt1797620000000 implements MigrationInterface {
  name = 'EventTypesFrontDoorAndMacpt1797620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "integration_event" DROP CONSTRAINT "ck_integration_event_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" ADD CONSTRAINT "ck_integration_event_type" CHECK (type IN (${BASE},${MACPT},${FRONT_DOOR}))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "integration_event" DROP CONSTRAINT "ck_integration_event_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" ADD CONSTRAINT "ck_integration_event_type" CHECK (type IN (${BASE},${FRONT_DOOR}))`,
    );
  }
}
