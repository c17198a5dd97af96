import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The integration events of before proceedings (docs/before-proceedings.md): the event type
 * constraint re-set to the full list (every earlier type and the four new ones).
 */
const EVENT_TYPES = [
  'case.opened',
  'case.stage_changed',
  'case.closed',
  'case.reopened',
  'decision.recorded',
  'co_worker.assigned',
  'co_worker.ended',
  'concern.raised',
  'plan.agreed',
  'plan.started',
  'plan.ended',
  'meeting.recorded',
  'visit.recorded',
  'strategy_discussion.held',
  'strategy_discussion.concluded',
  'information_request.sent',
  'information_request.answered',
  'information_request.declined',
  'contact.received',
  'contact.decided',
  'family_response.recorded',
  'fgdm_offer.made',
  'fgdm_offer.answered',
  'fgdm_exemption.authorised',
  'legal_gateway.held',
];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(',');

export class BeforeProceedingsEvents1798050000002 implements MigrationInterface {
  name = 'BeforeProceedingsEvents1798050000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integration_event DROP CONSTRAINT ck_integration_event_type`);
    await q.query(
      `ALTER TABLE integration_event ADD CONSTRAINT ck_integration_event_type
         CHECK (type IN (${list(EVENT_TYPES)}))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integration_event DROP CONSTRAINT ck_integration_event_type`);
    await q.query(
      `ALTER TABLE integration_event ADD CONSTRAINT ck_integration_event_type
         CHECK (type IN (${list(EVENT_TYPES.slice(0, -4))}))`,
    );
  }
}
