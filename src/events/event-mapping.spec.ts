import { eventsFromTimeline } from './event-mapping';

const caseId = 'c0000000-0000-4000-8000-000000000001';

describe('eventsFromTimeline: which changes announce which events, ids and codes only', () => {
  it.each([
    [
      'case_created',
      {
        referral: { date: '2026-10-01', source: '2A' },
        teamId: 't1',
        leadPractitionerId: 'u1',
        childIds: ['k1'],
      },
      [
        {
          type: 'case.opened',
          data: {
            caseId,
            teamId: 't1',
            leadPractitionerId: 'u1',
            childIds: ['k1'],
            referralDate: '2026-10-01',
            referralSource: '2A',
          },
        },
      ],
    ],
    [
      'stage_changed',
      { from: 'family_help', to: 'child_protection', decisionId: 'd1' },
      [
        {
          type: 'case.stage_changed',
          data: { caseId, from: 'family_help', to: 'child_protection', decisionId: 'd1' },
        },
      ],
    ],
    [
      'case_closed',
      {
        reason: 'RC7',
        note: 'Family moved to Leeds',
        stageBefore: 'family_help',
        closedOn: '2026-11-27',
        primaryNeed: 'N4',
      },
      [
        {
          type: 'case.closed',
          data: {
            caseId,
            reason: 'RC7',
            closedOn: '2026-11-27',
            primaryNeed: 'N4',
            stageBefore: 'family_help',
          },
        },
      ],
    ],
    [
      'case_reopened',
      {
        reason: 'New referral from school',
        referral: { date: '2026-12-01', source: '2A' },
        previousReferral: { date: '2026-09-01', source: '1A' },
      },
      [
        {
          type: 'case.reopened',
          data: { caseId, referralDate: '2026-12-01', referralSource: '2A' },
        },
      ],
    ],
    [
      'co_worker_ended',
      { coWorkerId: 'cw', userId: 'u2', reason: 'Left the authority' },
      [{ type: 'co_worker.ended', data: { caseId, coWorkerId: 'cw', userId: 'u2' } }],
    ],
    [
      'decision_recorded',
      {
        decisionId: 'd2',
        decisionType: 'start_child_protection_plan',
        childIds: ['k1'],
        effectiveDate: '2026-11-20',
        category: 'NEG',
        rationale: 'never sent',
      },
      [
        {
          type: 'decision.recorded',
          data: {
            caseId,
            decisionId: 'd2',
            decisionType: 'start_child_protection_plan',
            childIds: ['k1'],
            effectiveDate: '2026-11-20',
            category: 'NEG',
          },
        },
        {
          type: 'plan.started',
          data: {
            caseId,
            planType: 'child_protection',
            decisionId: 'd2',
            childIds: ['k1'],
            effectiveDate: '2026-11-20',
            category: 'NEG',
          },
        },
      ],
    ],
    [
      // A safety plan's decision is a decision.recorded only: the plan record announces itself.
      'decision_recorded',
      {
        decisionId: 'd3',
        decisionType: 'end_community_safety_plan',
        childIds: ['k1'],
        effectiveDate: '2026-12-01',
      },
      [
        {
          type: 'decision.recorded',
          data: {
            caseId,
            decisionId: 'd3',
            decisionType: 'end_community_safety_plan',
            childIds: ['k1'],
            effectiveDate: '2026-12-01',
          },
        },
      ],
    ],
    [
      'community_safety_plan_started',
      {
        planId: 'p1',
        decisionId: 'd4',
        childId: 'k1',
        childIds: ['k1'],
        effectiveDate: '2026-11-01',
        harmTypes: ['criminal_exploitation'],
      },
      [
        {
          type: 'plan.started',
          data: {
            caseId,
            planType: 'community_safety',
            planId: 'p1',
            childIds: ['k1'],
            decisionId: 'd4',
            effectiveDate: '2026-11-01',
          },
        },
      ],
    ],
    [
      'community_safety_plan_ended',
      { planId: 'p1', decisionId: 'd3', childIds: ['k1'], effectiveDate: '2026-12-01' },
      [
        {
          type: 'plan.ended',
          data: {
            caseId,
            planType: 'community_safety',
            planId: 'p1',
            childIds: ['k1'],
            decisionId: 'd3',
            effectiveDate: '2026-12-01',
          },
        },
      ],
    ],
    [
      'family_network_plan_agreed',
      { planId: 'f1', version: 2, childIds: ['k1', 'k2'] },
      [
        {
          type: 'plan.agreed',
          data: {
            caseId,
            planType: 'family_network',
            planId: 'f1',
            childIds: ['k1', 'k2'],
            version: 2,
          },
        },
      ],
    ],
    [
      'family_network_plan_activated',
      { planId: 'f1', version: 2, childIds: ['k1'] },
      [
        {
          type: 'plan.started',
          data: { caseId, planType: 'family_network', planId: 'f1', childIds: ['k1'], version: 2 },
        },
      ],
    ],
    [
      'family_network_plan_ended',
      { planId: 'f1', version: 2, childIds: ['k1'], reason: 'Carer moved away' },
      [
        {
          type: 'plan.ended',
          data: { caseId, planType: 'family_network', planId: 'f1', childIds: ['k1'], version: 2 },
        },
      ],
    ],
    ['family_network_plan_drafted', { planId: 'f1', version: 1 }, []],
    ['family_network_plan_agreement', { planId: 'f1', version: 1, role: 'ecpp' }, []],
    ['family_network_plan_reviewed', { planId: 'f1', reviewId: 'r1' }, []],
    [
      'visit_recorded',
      { visitId: 'v1', childId: 'k1', date: '2026-11-23', seenAlone: false, summary: 'x' },
      [
        {
          type: 'visit.recorded',
          data: { caseId, visitId: 'v1', childId: 'k1', date: '2026-11-23', seenAlone: false },
        },
      ],
    ],
    ['note_added', { recordedAt: '2026-10-01T10:00:00Z' }, []],
    ['decision_requested', { requestId: 'r1', decisionType: 'start_section_47_enquiry' }, []],
    ['family_help_plan_goal_added', { goalId: 'g1' }, []],
  ])('%s → %j', (type, data, expected) => {
    expect(eventsFromTimeline({ caseId, type, data })).toEqual(expected);
  });
});
