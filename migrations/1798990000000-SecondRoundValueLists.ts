import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The value lists widened by this round's features, set once to their union (as
 * 1797990000000-RoundValueLists did for the last round). Several features each re-set
 * `ck_app_user_roles` or `ck_integration_event_type` to the list as they knew it; this migration
 * runs after all of them and admits every role and event type the code has (held equal to the
 * code by test/migration-history.e2e-spec.ts). Nothing stored changes: both lists only grow.
 */
const ROLES = [
  'platform_admin',
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
  'partner',
  'la_admin',
  'auditor',
  'trainer',
  'macpt_member',
  'family_member',
  'conference_chair',
  'service_manager',
  'fgdm_coordinator',
];
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
  'conference.scheduled',
  'conference.held',
  'conference.concluded',
  'conference.report_submitted',
  'cp_plan.versioned',
  'case.child_added',
  'case.child_born',
];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(',');

export class SecondRoundValueLists1798990000000 implements MigrationInterface {
  name = 'SecondRoundValueLists1798990000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT ck_app_user_roles`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT ck_app_user_roles
         CHECK (roles <@ ARRAY[${list(ROLES)}]::text[] AND cardinality(roles) > 0
                -- a family member's account holds that one role (docs/family-view.md)
                AND (NOT ('family_member' = ANY(roles)) OR cardinality(roles) = 1))`,
    );
    await q.query(`ALTER TABLE integration_event DROP CONSTRAINT ck_integration_event_type`);
    await q.query(
      `ALTER TABLE integration_event ADD CONSTRAINT ck_integration_event_type
         CHECK (type IN (${list(EVENT_TYPES)}))`,
    );
  }

  public async down(): Promise<void> {
    // The features' own migrations restore their lists as each is reverted.
  }
}
