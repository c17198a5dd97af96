import { CaseHistoryEntry } from 'src/case-history/case-state';
import { C1, C2, decision, input, ofKind, one, onPlan } from 'test/fixtures/timescale-input';
import { computeTimescales, isOverdue, timescaleSummary } from './timescale-rules';

describe('as at a past day (asOf): only what had happened by then counts', () => {
  const history: CaseHistoryEntry[] = onPlan('2026-12-18', '2027-01-12');

  it('an assessment completed after the day is overdue that day, not met', () => {
    const at = (today: string) =>
      one(
        computeTimescales(
          input([], { referralDate: '2026-11-02', assessmentCompletedAt: '2027-01-20', today }),
        ),
        'assessment',
      );
    expect(at('2027-01-15')).toEqual({
      kind: 'assessment',
      dueDate: '2027-01-07',
      status: 'overdue',
    });
    expect(at('2027-01-20')).toMatchObject({ status: 'met_late', daysLate: 13 });
  });

  it('a referral made after the day has no item yet; before any referral there is nothing', () => {
    const reopened = input(
      [
        { kind: 'closed', at: '2026-12-20', reason: 'RC8' },
        { kind: 'reopened', at: '2027-03-01' },
      ],
      {
        referralDate: '2027-03-01',
        assessmentCompletedAt: null,
        earlierReferrals: [{ referralDate: '2026-12-01', assessmentCompletedAt: '2026-12-10' }],
        today: '2027-02-01',
      },
    );
    expect(computeTimescales(reopened)).toEqual([
      {
        kind: 'assessment',
        dueDate: '2027-02-05',
        status: 'met',
        metAt: '2026-12-10',
        endedOn: '2026-12-20',
      },
    ]);
    expect(computeTimescales({ ...reopened, today: '2026-11-30' })).toEqual([]);
  });

  it('a core group overdue that day is outstanding though the plan ended later', () => {
    const ended = [
      ...history,
      decision('end_child_protection_plan', { effectiveDate: '2027-03-01' }),
    ];
    const at = (today: string) =>
      ofKind(computeTimescales(input(ended, { today })), 'core_group').filter(isOverdue);
    // First core group due 26 Jan 2027 (10 working days after the ICPC), never held.
    expect(at('2027-02-01')).toEqual([
      { kind: 'core_group', dueDate: '2027-01-26', status: 'overdue' },
    ]);
    // Today the plan has ended: the item is history, no longer outstanding.
    expect(at('2027-03-02')).toEqual([]);
  });

  it('a Family Network Plan review held after the day is the one outstanding that day', () => {
    const reviews = [
      { planId: 'fnp', reviewDate: '2027-01-10', reviewedAt: '2027-01-20' },
      { planId: 'fnp', reviewDate: '2027-04-20', reviewedAt: null, since: '2027-01-20' },
    ];
    const at = (today: string) =>
      ofKind(
        computeTimescales(input([], { today, familyNetworkPlanReviews: reviews })),
        'family_network_plan_review',
      );
    expect(at('2027-01-15')).toEqual([
      {
        kind: 'family_network_plan_review',
        planId: 'fnp',
        dueDate: '2027-01-10',
        status: 'overdue',
      },
    ]);
    expect(at('2027-01-20').map((t) => t.status)).toEqual(['met_late', 'due']);
  });
});

describe('isOverdue and timescaleSummary: one answer everywhere', () => {
  it('an overdue item of an ended episode is history: not overdue work, not next', () => {
    const items = computeTimescales(
      input([{ kind: 'closed', at: '2027-02-10', reason: 'RC8' }], {
        referralDate: '2026-12-01',
        assessmentCompletedAt: null,
        today: '2027-03-01',
      }),
    );
    expect(items).toEqual([
      { kind: 'assessment', dueDate: '2027-02-05', status: 'overdue', endedOn: '2027-02-10' },
    ]);
    expect(items.filter(isOverdue)).toEqual([]);
    expect(timescaleSummary(items)).toEqual({ next: null, overdueCount: 0 });
  });
});

describe('the last day of an episode', () => {
  it('a visit due on the step-down day stays listed whether made (met) or missed (overdue)', () => {
    // Plan from 12 Jan 2027: first visits due 26 Jan; the plan ends (step-down) that day.
    const history = [
      ...onPlan('2026-12-18', '2027-01-12'),
      decision('end_child_protection_plan', { effectiveDate: '2027-01-26' }),
    ];
    const visits = ofKind(
      computeTimescales(
        input(history, {
          today: '2027-02-01',
          visits: [{ childId: C1, date: '2027-01-26', seenAlone: true }],
        }),
      ),
      'visit',
    );
    expect(visits).toEqual([
      {
        kind: 'visit',
        childId: C1,
        dueDate: '2027-01-26',
        status: 'met',
        metAt: '2027-01-26',
        endedOn: '2027-01-26',
      },
      {
        kind: 'visit',
        childId: C2,
        dueDate: '2027-01-26',
        status: 'overdue',
        endedOn: '2027-01-26',
      },
    ]);
  });

  it('an assessment due on the day the case closed was not required by it (the case closed that day)', () => {
    const items = computeTimescales(
      input([{ kind: 'closed', at: '2027-02-05', reason: 'RC8' }], {
        referralDate: '2026-12-01',
        assessmentCompletedAt: null,
        today: '2027-03-01',
      }),
    );
    expect(items).toEqual([]);
  });
});

describe('a Family Network Plan review on a closed case', () => {
  it('missed before the closure stays as history (endedOn); due after it is not listed', () => {
    const items = computeTimescales(
      input([{ kind: 'closed', at: '2027-02-10', reason: 'RC8' }], {
        today: '2027-03-01',
        familyNetworkPlanReviews: [
          { planId: 'a', reviewDate: '2027-02-01', reviewedAt: null },
          { planId: 'b', reviewDate: '2027-02-20', reviewedAt: null },
        ],
      }),
    );
    expect(ofKind(items, 'family_network_plan_review')).toEqual([
      {
        kind: 'family_network_plan_review',
        planId: 'a',
        dueDate: '2027-02-01',
        status: 'overdue',
        endedOn: '2027-02-10',
      },
    ]);
    expect(items.filter(isOverdue)).toEqual([]);
  });
});
