import type { CaseHistoryEntry } from 'src/case-history/case-types';
import { caseView, CaseViewFacts } from './case-view';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const children = [
  { id: A, firstName: 'Amira', lastName: 'Hassan', dateOfBirth: '2018-05-01' },
  { id: B, firstName: 'Bilal', lastName: 'Hassan', dateOfBirth: null },
];
const facts = (history: CaseHistoryEntry[], extra: Partial<CaseViewFacts> = {}): CaseViewFacts => ({
  referralDate: '2026-11-02',
  assessmentCompletedAt: null,
  history,
  meetings: [],
  visits: [],
  referralEvents: [],
  settings: { coreGroupIntervalWeeks: 4, visitIntervalWorkingDays: 10 },
  children,
  ...extra,
});
const decision = (
  id: string,
  type: string,
  childIds: string[],
  effectiveDate: string,
  more: Record<string, unknown> = {},
): CaseHistoryEntry =>
  ({
    kind: 'decision',
    id,
    type,
    childIds,
    effectiveDate,
    supersedesId: null,
    ...more,
  }) as CaseHistoryEntry;

const onPlan: CaseHistoryEntry[] = [
  { kind: 'concern_raised', id: 'k1', childIds: [A, B], at: '2026-11-10' },
  decision('d1', 'start_section_47_enquiry', [A, B], '2026-11-10', {
    strategyDiscussionDate: '2026-11-10',
  }),
  decision('d2', 'convene_initial_cp_conference', [A, B], '2026-11-11', {
    conferenceDate: '2026-11-20',
  }),
  decision('d3', 'start_child_protection_plan', [A], '2026-11-20', { category: 'NEG' }),
];

describe('caseView', () => {
  it('names each child with the plan it is on now, from the decisions', () => {
    const v = caseView(facts(onPlan), '2026-11-23');
    expect(v.children).toEqual([
      { ...children[0], onPlan: { category: 'NEG', since: '2026-11-20' }, safetyPlanId: null },
      { ...children[1], onPlan: null, safetyPlanId: null },
    ]);
  });

  it('a superseding plan decision corrects the category; ending the plan clears it', () => {
    const corrected = [
      ...onPlan,
      decision('d4', 'start_child_protection_plan', [A], '2026-11-20', {
        category: 'EMO',
        supersedesId: 'd3',
      }),
    ];
    expect(caseView(facts(corrected), '2026-11-23').children[0].onPlan).toEqual({
      category: 'EMO',
      since: '2026-11-20',
    });
    const ended = [...onPlan, decision('d5', 'end_child_protection_plan', [A], '2026-11-22')];
    expect(caseView(facts(ended), '2026-11-23').children[0].onPlan).toBeNull();
  });

  it("links an active community safety plan by the plan's id, not the decision's", () => {
    const v = caseView(
      facts([decision('s1', 'start_community_safety_plan', [B], '2026-11-12')], {
        safetyPlans: [{ startDecisionId: 's1', id: 'csp-1' }],
      }),
      '2026-11-23',
    );
    expect(v.children[1].safetyPlanId).toBe('csp-1');
    expect(v.children[0].safetyPlanId).toBeNull();
  });

  it('the next timescale is the earliest outstanding item; overdue ones are counted', () => {
    // Referral 2 Nov 2026: assessment due 7 Jan 2027.
    expect(caseView(facts([]), '2026-11-23')).toMatchObject({
      nextTimescale: { kind: 'assessment', dueDate: '2027-01-07', status: 'due' },
      overdueCount: 0,
    });
    expect(caseView(facts([]), '2027-01-08')).toMatchObject({
      nextTimescale: { kind: 'assessment', status: 'overdue' },
      overdueCount: 1,
    });
    // Done: nothing outstanding.
    expect(
      caseView(facts([], { assessmentCompletedAt: '2026-12-01' }), '2027-01-08'),
    ).toMatchObject({ nextTimescale: null, overdueCount: 0 });
  });

  it('a closed case counts nothing of its ended episode as next or overdue', () => {
    const closed: CaseHistoryEntry[] = [{ kind: 'closed', at: '2026-11-20', reason: 'RC8' }];
    // The assessment due 7 Jan 2027 was not done, but the referral ended with the closure.
    expect(caseView(facts(closed), '2027-02-01')).toMatchObject({
      nextTimescale: null,
      overdueCount: 0,
    });
  });

  it("a reopened case's next item is the new referral's assessment, not the ended one", () => {
    // Referral 2 Nov 2026 (assessment due 7 Jan 2027, never done), closed 20 Jan 2027, so
    // that item is history (overdue, endedOn 20 Jan); reopened 1 Feb 2027 with a new
    // referral whose assessment is due 6 Apr 2027: that is the next item, nothing overdue.
    const history: CaseHistoryEntry[] = [
      { kind: 'closed', at: '2027-01-20', reason: 'RC8' },
      { kind: 'reopened', at: '2027-02-01' },
    ];
    const v = caseView(
      facts(history, {
        referralDate: '2027-02-01',
        referralEvents: [
          {
            case_id: 'c',
            type: 'case_created',
            day: '2026-11-02',
            referral_date: '2026-11-02',
            completed_at: null,
          },
          {
            case_id: 'c',
            type: 'case_reopened',
            day: '2027-02-01',
            referral_date: '2027-02-01',
            completed_at: null,
          },
        ],
      }),
      '2027-02-10',
    );
    expect(v).toMatchObject({
      nextTimescale: { kind: 'assessment', dueDate: '2027-04-07', status: 'due' },
      overdueCount: 0,
    });
  });

  it('counts an overdue Family Network Plan review as the timescales routes do', () => {
    const v = caseView(
      facts([], {
        assessmentCompletedAt: '2026-12-01',
        fnpReviews: [{ planId: 'fnp', reviewDate: '2027-01-04', reviewedAt: null }],
      }),
      '2027-01-08',
    );
    expect(v).toMatchObject({
      nextTimescale: { kind: 'family_network_plan_review', status: 'overdue' },
      overdueCount: 1,
    });
  });

  it('an assessment completed after the day asked about is still outstanding that day', () => {
    expect(
      caseView(facts([], { assessmentCompletedAt: '2027-01-10' }), '2027-01-08'),
    ).toMatchObject({ nextTimescale: { kind: 'assessment', status: 'overdue' }, overdueCount: 1 });
  });
});
