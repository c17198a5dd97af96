import type { EventType } from './event-types';

import { only, type OutboxEvent, type Pick, type TimelineFacts } from './event-mapping.support';
import { FORUM_AND_PROCEEDINGS_EVENTS } from './event-mapping.forums';

export type { OutboxEvent, TimelineFacts };

/**
 * A child protection plan is a decision and nothing else, so its decision announces it. (Child
 * Community Safety Plans are decisions too, but they are also plan records: they announce
 * themselves from their own timeline entries below, with their planId.)
 */
const PLAN_DECISIONS: Record<string, { event: EventType; planType: string }> = {
  start_child_protection_plan: { event: 'plan.started', planType: 'child_protection' },
  end_child_protection_plan: { event: 'plan.ended', planType: 'child_protection' },
};

/** A plan record's own timeline entry (src/plans) → its plan event. */
const planRecord =
  (event: EventType, planType: string): Pick =>
  (f, d) => [
    {
      type: event,
      data: {
        caseId: f.caseId,
        planType,
        ...only(d, ['planId', 'childIds', 'decisionId', 'effectiveDate', 'version']),
      },
    },
  ];

/**
 * Timeline entry type → integration events, with an explicit whitelist of fields per event so
 * that no name, note, summary, reason text or rationale ever leaves (pure). A timeline type that
 * is not listed raises no event (notes, plan goals, decision requests are internal working).
 */
const MAPPING: Record<string, Pick> = {
  case_created: (f, d) => {
    const referral = (d.referral ?? {}) as Record<string, unknown>;
    return [
      {
        type: 'case.opened',
        data: {
          caseId: f.caseId,
          ...only(d, ['teamId', 'leadPractitionerId', 'childIds']),
          ...only({ referralDate: referral.date, referralSource: referral.source }, [
            'referralDate',
            'referralSource',
          ]),
        },
      },
    ];
  },
  stage_changed: (f, d) => [
    {
      type: 'case.stage_changed',
      data: { caseId: f.caseId, ...only(d, ['from', 'to', 'decisionId']) },
    },
  ],
  case_closed: (f, d) => [
    {
      type: 'case.closed',
      data: { caseId: f.caseId, ...only(d, ['reason', 'closedOn', 'primaryNeed', 'stageBefore']) },
    },
  ],
  case_reopened: (f, d) => {
    const referral = (d.referral ?? {}) as { date?: unknown; source?: unknown };
    return [
      {
        type: 'case.reopened',
        data: {
          caseId: f.caseId,
          ...only({ referralDate: referral.date, referralSource: referral.source }, [
            'referralDate',
            'referralSource',
          ]),
        },
      },
    ];
  },
  decision_recorded: (f, d) => {
    const fields = [
      'decisionId',
      'decisionType',
      'childIds',
      'effectiveDate',
      'category',
      'supersedesId',
      'strategyDiscussionId',
      'strategyDiscussionDate',
      'strategyDiscussionOverridden',
    ];
    const out: OutboxEvent[] = [
      { type: 'decision.recorded', data: { caseId: f.caseId, ...only(d, fields) } },
    ];
    const plan = PLAN_DECISIONS[String(d.decisionType)];
    if (plan)
      out.push({
        type: plan.event,
        data: {
          caseId: f.caseId,
          planType: plan.planType,
          ...only(d, ['decisionId', 'childIds', 'effectiveDate', 'category']),
        },
      });
    return out;
  },
  co_worker_assigned: (f, d) => [
    {
      type: 'co_worker.assigned',
      data: {
        caseId: f.caseId,
        ...only(d, ['coWorkerId', 'userId', 'role', 'kind', 'assignedOn']),
      },
    },
  ],
  co_worker_ended: (f, d) => [
    { type: 'co_worker.ended', data: { caseId: f.caseId, ...only(d, ['coWorkerId', 'userId']) } },
  ],
  concern_raised: (f, d) => [
    { type: 'concern.raised', data: { caseId: f.caseId, ...only(d, ['concernId', 'childIds']) } },
  ],
  meeting_recorded: (f, d) => [
    {
      type: 'meeting.recorded',
      data: { caseId: f.caseId, ...only(d, ['meetingId', 'kind', 'date']) },
    },
  ],
  visit_recorded: (f, d) => [
    {
      type: 'visit.recorded',
      data: { caseId: f.caseId, ...only(d, ['visitId', 'childId', 'date', 'seenAlone']) },
    },
  ],
  // Family Network Plans: draft → agreed (plan.agreed) → active (plan.started) → ended. Drafts,
  // single agreements, revisions and reviews are internal working and raise nothing.
  family_network_plan_agreed: planRecord('plan.agreed', 'family_network'),
  family_network_plan_activated: planRecord('plan.started', 'family_network'),
  family_network_plan_ended: planRecord('plan.ended', 'family_network'),
  // Child Community Safety Plans: started and ended by the ECPP's decision, in one transaction.
  community_safety_plan_started: planRecord('plan.started', 'community_safety'),
  community_safety_plan_ended: planRecord('plan.ended', 'community_safety'),
  // Multi-agency child protection (src/multi-agency/multi-agency.kinds.ts).
  strategy_discussion_held: (f, d) => [
    {
      type: 'strategy_discussion.held',
      data: {
        caseId: f.caseId,
        ...only(d, ['discussionId', 'childIds', 'heldOn', 'agencies', 'missingAgencies']),
      },
    },
  ],
  information_request_sent: (f, d) => [
    {
      type: 'information_request.sent',
      data: {
        caseId: f.caseId,
        ...only(d, [
          'requestId',
          'discussionId',
          'childIds',
          'recipientUserId',
          'recipientAgency',
          'gateway',
          'ukGdprCondition',
          'dueAt',
        ]),
      },
    },
  ],
  information_request_answered: (f, d) => [
    {
      type: 'information_request.answered',
      data: {
        caseId: f.caseId,
        ...only(d, ['requestId', 'discussionId', 'childIds', 'nothingKnown']),
      },
    },
  ],
  information_request_declined: (f, d) => [
    {
      type: 'information_request.declined',
      data: { caseId: f.caseId, ...only(d, ['requestId', 'discussionId', 'childIds']) },
    },
  ],
  strategy_discussion_concluded: (f, d) => [
    {
      type: 'strategy_discussion.concluded',
      data: {
        caseId: f.caseId,
        ...only(d, [
          'discussionId',
          'outcomeId',
          'childIds',
          'heldOn',
          's47',
          'immediateProtection',
          'supersedesId',
        ]),
      },
    },
  ],
  // Child protection conferences (src/conferences): ids, codes and dates only — never the
  // outline plan, the dissent, the child's views or a report's text.
  family_response_recorded: (f, d) => [
    {
      type: 'family_response.recorded',
      data: {
        caseId: f.caseId,
        ...only(d, ['responseId', 'summaryId', 'decisionId']),
        agrees: d.agrees ?? null,
      },
    },
  ],
  // Before proceedings (src/proceedings, docs/before-proceedings.md): ids, dates and codes only
  // (never the exemption's reason or the gateway's rationale).
  ...FORUM_AND_PROCEEDINGS_EVENTS,
};

export const EVENT_SOURCE_TYPES = Object.keys(MAPPING);

export function eventsFromTimeline(f: TimelineFacts): OutboxEvent[] {
  const pick = MAPPING[f.type];
  return pick ? pick(f, f.data ?? {}) : [];
}
