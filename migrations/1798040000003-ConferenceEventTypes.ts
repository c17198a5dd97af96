import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integration events of conferences and case children (docs/conferences.md, "Events"):
 * `ck_integration_event_type` re-set to the full list — every type `RoundValueLists` admitted
 * and the seven new ones. Nothing stored changes: the list only grows.
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
  'conference.scheduled',
  'conference.held',
  'conference.concluded',
  'conference.report_submitted',
  'cp_plan.versioned',
  'case.child_added',
  'case.child_born',
];
const PREVIOUS = EVENT_TYPES.slice(0, 21);
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(',');

export class ConferenceEventTypes1798040000003 implements MigrationInterface {
  name = 'ConferenceEventTypes1798040000003';

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
         CHECK (type IN (${list(PREVIOUS)}))`,
    );
  }
}
