import { CaseHistoryEntry } from 'src/case-history/case-state';
import { concernEntry, inSection47 } from 'test/fixtures/case-history.builders';
import { C1, C2, decision, input, ofKind, one, onPlan } from 'test/fixtures/timescale-input';
import { TimescaleInput, computeTimescales, timescaleStatus } from './timescale-rules';

const concern: CaseHistoryEntry = concernEntry({ id: 'c', at: '2026-12-17' });
/** A case whose s47 started from a strategy discussion on `strategy`. */
const inS47 = (strategy: string) => inSection47(strategy, [C1, C2]);

describe('timescaleStatus', () => {
  it('is due up to and including the due date, overdue the day after, met or met_late once done', () => {
    expect(timescaleStatus('2027-01-13', '2027-01-12')).toBe('due');
    expect(timescaleStatus('2027-01-13', '2027-01-13')).toBe('due');
    expect(timescaleStatus('2027-01-13', '2027-01-14')).toBe('overdue');
    expect(timescaleStatus('2027-01-13', '2027-02-01', '2027-01-13')).toBe('met');
    expect(timescaleStatus('2027-01-13', '2027-02-01', '2027-01-14')).toBe('met_late');
    expect(timescaleStatus('2027-01-13', '2027-02-01', '2027-01-20')).toBe('met_late');
    expect(timescaleStatus('2027-01-13', '2027-01-01', null)).toBe('due');
  });
});

describe('assessment', () => {
  const fresh = (over: Partial<TimescaleInput>) =>
    one(computeTimescales(input([], { referralDate: '2027-03-01', ...over })), 'assessment');

  it('is due 45 working days after the referral, across Easter and early May', () => {
    expect(fresh({ assessmentCompletedAt: null, today: '2027-05-06' })).toEqual({
      kind: 'assessment',
      dueDate: '2027-05-06',
      status: 'due',
    });
    expect(fresh({ assessmentCompletedAt: null, today: '2027-05-07' }).status).toBe('overdue');
  });

  it('is met_late when completed after the due date, with the days late', () => {
    expect(fresh({ assessmentCompletedAt: '2027-05-10', today: '2027-06-01' })).toEqual({
      kind: 'assessment',
      dueDate: '2027-05-06',
      status: 'met_late',
      metAt: '2027-05-10',
      daysLate: 4,
    });
    expect(fresh({ assessmentCompletedAt: '2027-05-06', today: '2027-06-01' }).status).toBe('met');
  });

  it('does not count an assessment dated after the as-of date', () => {
    expect(fresh({ assessmentCompletedAt: '2027-05-10', today: '2027-05-07' })).toMatchObject({
      status: 'overdue',
    });
  });
});

describe('initial child protection conference', () => {
  it('is due 15 working days after a Friday 18 Dec 2026 strategy discussion: 13 Jan', () => {
    const due = (today: string) =>
      one(computeTimescales(input(inS47('2026-12-18'), { today })), 'initial_cp_conference');
    expect(due('2027-01-13')).toEqual({
      kind: 'initial_cp_conference',
      dueDate: '2027-01-13',
      status: 'due',
    });
    expect(due('2027-01-14').status).toBe('overdue');
  });

  it('is met when the conference is held (the plan decision)', () => {
    const items = computeTimescales(
      input(onPlan('2026-12-18', '2027-01-12'), { today: '2027-02-01' }),
    );
    expect(one(items, 'initial_cp_conference')).toEqual({
      kind: 'initial_cp_conference',
      dueDate: '2027-01-13',
      status: 'met',
      metAt: '2027-01-12',
    });
  });

  it('is met_late by a conference meeting held after the due date (no plan started)', () => {
    const items = computeTimescales(
      input(inS47('2026-12-18'), { initialConferences: ['2027-01-15'], today: '2027-01-20' }),
    );
    expect(one(items, 'initial_cp_conference')).toEqual({
      kind: 'initial_cp_conference',
      dueDate: '2027-01-13',
      status: 'met_late',
      metAt: '2027-01-15',
      daysLate: 2,
    });
    expect(ofKind(items, 'review_cp_conference')).toEqual([]); // no child on a plan
  });

  it('counts over Easter', () => {
    const items = computeTimescales(input(inS47('2027-03-19'), { today: '2027-04-13' }));
    expect(one(items, 'initial_cp_conference')).toMatchObject({
      dueDate: '2027-04-13',
      status: 'due',
    });
  });

  it('is not shown before an enquiry, nor after no further action before it fell due', () => {
    expect(ofKind(computeTimescales(input([concern])), 'initial_cp_conference')).toEqual([]);
    const nfa = [...inS47('2026-12-18'), decision('no_further_action')];
    expect(ofKind(computeTimescales(input(nfa)), 'initial_cp_conference')).toEqual([]);
  });

  it('stays listed as missed when the enquiry ended after it fell due without a conference', () => {
    const nfa = [
      ...inS47('2026-12-18'),
      decision('no_further_action', { effectiveDate: '2027-01-20' }),
    ];
    expect(computeTimescales(input(nfa, { today: '2027-03-01' }))).toContainEqual({
      kind: 'initial_cp_conference',
      dueDate: '2027-01-13',
      status: 'overdue',
      endedOn: '2027-01-20',
    });
  });

  it('stays due while the enquiry is open, even in urgent care proceedings', () => {
    const urgent = [
      ...inS47('2026-12-18'),
      decision('apply_for_care_proceedings', { urgent: true }),
    ];
    expect(one(computeTimescales(input(urgent)), 'initial_cp_conference').status).toBe('due');
  });

  it('shows a booked conference as scheduled, never as held', () => {
    const booked = [
      ...inS47('2026-12-18'),
      decision('convene_initial_cp_conference', { conferenceDate: '2027-01-12' }),
    ];
    expect(
      one(computeTimescales(input(booked, { today: '2027-01-04' })), 'initial_cp_conference'),
    ).toEqual({
      kind: 'initial_cp_conference',
      dueDate: '2027-01-13',
      status: 'due',
      scheduledFor: '2027-01-12',
    });
  });

  it('stays as met history when the case moves to pre-proceedings with children on plans', () => {
    const history = [
      ...onPlan('2026-12-18', '2027-01-12'),
      decision('initiate_pre_proceedings', { effectiveDate: '2027-02-01' }),
    ];
    const items = computeTimescales(input(history, { today: '2027-02-02' }));
    expect(one(items, 'initial_cp_conference').status).toBe('met');
    expect(one(items, 'review_cp_conference').dueDate).toBe('2027-04-12');
  });
});

describe('care proceedings', () => {
  const history = [
    ...inS47('2026-12-18'),
    decision('apply_for_care_proceedings', {
      urgent: true,
      effectiveDate: '2027-01-04',
    }),
  ];

  it('must complete within 26 weeks', () => {
    const due = (today: string) =>
      one(computeTimescales(input(history, { today })), 'care_proceedings');
    expect(due('2027-07-05')).toEqual({
      kind: 'care_proceedings',
      dueDate: '2027-07-05',
      status: 'due',
    });
    expect(due('2027-07-06').status).toBe('overdue');
  });

  it('leaves no item when the case closed before the due date without a conclusion', () => {
    const closed: CaseHistoryEntry[] = [
      ...history,
      { kind: 'closed', at: '2027-06-01', reason: 'order made' },
    ];
    expect(
      ofKind(computeTimescales(input(closed, { today: '2027-06-02' })), 'care_proceedings'),
    ).toEqual([]);
  });
});

describe('family network plan reviews', () => {
  it('is due on the review date and met when reviewed', () => {
    const items = computeTimescales(
      input([], {
        today: '2027-05-02',
        familyNetworkPlanReviews: [
          { planId: 'fnp-2', reviewDate: '2027-05-01', reviewedAt: null },
          { planId: 'fnp-1', reviewDate: '2027-05-01', reviewedAt: '2027-04-30' },
          { planId: 'fnp-3', reviewDate: '2027-05-02', reviewedAt: null },
        ],
      }),
    );
    expect(ofKind(items, 'family_network_plan_review')).toEqual([
      {
        kind: 'family_network_plan_review',
        planId: 'fnp-1',
        dueDate: '2027-05-01',
        status: 'met',
        metAt: '2027-04-30',
      },
      {
        kind: 'family_network_plan_review',
        planId: 'fnp-2',
        dueDate: '2027-05-01',
        status: 'overdue',
      },
      { kind: 'family_network_plan_review', planId: 'fnp-3', dueDate: '2027-05-02', status: 'due' },
    ]);
  });
});

describe('a whole case', () => {
  it('lists everything by due date then kind', () => {
    const items = computeTimescales(
      input(onPlan('2026-12-18', '2027-01-12'), {
        today: '2027-01-27',
        referralDate: '2026-12-16',
        assessmentCompletedAt: null,
        coreGroups: ['2027-01-25'],
        visits: [{ childId: C1, date: '2027-01-20', seenAlone: true }],
        familyNetworkPlanReviews: [{ planId: 'fnp', reviewDate: '2027-02-22', reviewedAt: null }],
      }),
    );
    expect(items.map((t) => [t.kind, t.childId ?? t.planId ?? '', t.dueDate, t.status])).toEqual([
      ['initial_cp_conference', '', '2027-01-13', 'met'],
      ['core_group', '', '2027-01-26', 'met'],
      ['visit', C1, '2027-01-26', 'met'],
      ['visit', C2, '2027-01-26', 'overdue'],
      ['visit', C1, '2027-02-03', 'due'],
      // three due the same day: by kind
      ['assessment', '', '2027-02-22', 'due'],
      ['core_group', '', '2027-02-22', 'due'],
      ['family_network_plan_review', 'fnp', '2027-02-22', 'due'],
      ['review_cp_conference', '', '2027-04-12', 'due'],
    ]);
  });

  it('on a closed case lists nothing outstanding that fell due after the closure', () => {
    const history: CaseHistoryEntry[] = [
      concern,
      { kind: 'closed', at: '2027-01-10', reason: 'x' },
    ];
    const open = { planId: 'fnp', reviewDate: '2027-02-22', reviewedAt: null };
    const done = { planId: 'old', reviewDate: '2027-01-05', reviewedAt: '2027-01-05' };
    const items = computeTimescales(
      input(history, {
        today: '2027-01-27',
        assessmentCompletedAt: null,
        familyNetworkPlanReviews: [open, done],
      }),
    );
    expect(items).toEqual([
      {
        kind: 'family_network_plan_review',
        planId: 'old',
        dueDate: '2027-01-05',
        status: 'met',
        metAt: '2027-01-05',
      },
    ]);
  });
});
