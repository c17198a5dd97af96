import { C1, C2, decision, input, ofKind, one, onPlan } from 'test/fixtures/timescale-input';
import { computeTimescales } from './timescale-rules';

describe('review child protection conferences', () => {
  it('is due 3 months after a Christmas ICPC', () => {
    const items = computeTimescales(
      input(onPlan('2026-12-18', '2026-12-23'), { today: '2027-03-23' }),
    );
    expect(one(items, 'review_cp_conference')).toEqual({
      kind: 'review_cp_conference',
      dueDate: '2027-03-23',
      status: 'due',
    });
  });

  it('moves back from Easter Monday to the Thursday before Good Friday', () => {
    const items = computeTimescales(
      input(onPlan('2026-12-18', '2026-12-29'), { today: '2027-03-26' }),
    );
    expect(one(items, 'review_cp_conference')).toMatchObject({
      dueDate: '2027-03-25',
      status: 'overdue',
    });
  });

  it('then falls due 6 months after each review held, ignoring reviews before the ICPC', () => {
    const items = computeTimescales(
      input(onPlan('2026-12-18', '2026-12-29'), {
        today: '2028-01-10',
        reviewConferences: ['2027-09-20', '2026-06-01', '2027-03-24'],
      }),
    );
    expect(ofKind(items, 'review_cp_conference')).toEqual([
      { kind: 'review_cp_conference', dueDate: '2027-03-25', status: 'met', metAt: '2027-03-24' },
      { kind: 'review_cp_conference', dueDate: '2027-09-24', status: 'met', metAt: '2027-09-20' },
      { kind: 'review_cp_conference', dueDate: '2028-03-20', status: 'due' },
    ]);
  });

  it('after the last plan ends, keeps the episode as history: nothing falls due after the end', () => {
    const history = [
      ...onPlan('2026-12-18', '2026-12-23'),
      decision('end_child_protection_plan', { effectiveDate: '2027-03-01' }),
    ];
    const items = computeTimescales(
      input(history, { today: '2027-04-01', coreGroups: ['2027-01-08'] }),
    );
    const ended = { endedOn: '2027-03-01' };
    expect(items).toEqual([
      { kind: 'core_group', dueDate: '2027-01-11', status: 'met', metAt: '2027-01-08', ...ended },
      // visits were missed before the plan ended: they stay visible as overdue
      { kind: 'visit', childId: C1, dueDate: '2027-01-11', status: 'overdue', ...ended },
      { kind: 'visit', childId: C2, dueDate: '2027-01-11', status: 'overdue', ...ended },
      {
        kind: 'initial_cp_conference',
        dueDate: '2027-01-13',
        status: 'met',
        metAt: '2026-12-23',
        ...ended,
      },
      { kind: 'assessment', dueDate: '2027-02-05', status: 'met', metAt: '2026-12-10' },
      // the next core group fell due before the end and was missed
      { kind: 'core_group', dueDate: '2027-02-05', status: 'overdue', ...ended },
    ]);
    expect(ofKind(items, 'review_cp_conference')).toEqual([]); // due 2027-03-23, after the end
  });
});

describe('core groups', () => {
  it('first meets within 10 working days of a Christmas ICPC', () => {
    const items = computeTimescales(
      input(onPlan('2026-12-18', '2026-12-23'), { today: '2027-01-12' }),
    );
    expect(one(items, 'core_group')).toEqual({
      kind: 'core_group',
      dueDate: '2027-01-11',
      status: 'overdue',
    });
  });

  it('then every 4 weeks (configurable) after the last one held', () => {
    const base = input(onPlan('2026-12-18', '2026-12-23'), {
      today: '2027-02-05',
      coreGroups: ['2027-01-08'],
    });
    expect(ofKind(computeTimescales(base), 'core_group')).toEqual([
      { kind: 'core_group', dueDate: '2027-01-11', status: 'met', metAt: '2027-01-08' },
      { kind: 'core_group', dueDate: '2027-02-05', status: 'due' },
    ]);
    const sixWeekly = computeTimescales({
      ...base,
      settings: { ...base.settings, coreGroupIntervalWeeks: 6 },
    });
    expect(ofKind(sixWeekly, 'core_group')[1].dueDate).toBe('2027-02-19');
  });
});

describe('visits to children on a plan', () => {
  const history = onPlan('2027-03-01', '2027-03-19');

  it('falls due per child 10 working days after the plan starts or the last visit', () => {
    const items = computeTimescales(
      input(history, {
        today: '2027-04-07',
        visits: [
          { childId: C1, date: '2027-03-10', seenAlone: true }, // before the plan
          { childId: C1, date: '2027-03-24', seenAlone: false },
          { childId: C1, date: '2027-03-22', seenAlone: true },
          { childId: 'someone-else', date: '2027-04-01', seenAlone: true },
        ],
      }),
    );
    expect(ofKind(items, 'visit')).toEqual([
      { kind: 'visit', childId: C1, dueDate: '2027-04-06', status: 'met', metAt: '2027-03-22' },
      { kind: 'visit', childId: C2, dueDate: '2027-04-06', status: 'overdue' },
      { kind: 'visit', childId: C1, dueDate: '2027-04-07', status: 'met', metAt: '2027-03-24' },
      { kind: 'visit', childId: C1, dueDate: '2027-04-09', status: 'due' },
    ]);
  });

  it('keeps a late visit visible as met_late; the next falls due from it', () => {
    const items = computeTimescales(
      input(history, {
        today: '2027-04-20',
        visits: [
          { childId: C1, date: '2027-04-12', seenAlone: true },
          { childId: C2, date: '2027-04-06', seenAlone: true },
        ],
      }),
    );
    expect(ofKind(items, 'visit').filter((t) => t.childId === C1)).toEqual([
      {
        kind: 'visit',
        childId: C1,
        dueDate: '2027-04-06',
        status: 'met_late',
        metAt: '2027-04-12',
        daysLate: 6,
      },
      { kind: 'visit', childId: C1, dueDate: '2027-04-26', status: 'due' },
    ]);
  });

  it('follows the local interval', () => {
    const items = computeTimescales(
      input(history, {
        today: '2027-03-22',
        settings: { coreGroupIntervalWeeks: 4, visitIntervalWorkingDays: 15 },
      }),
    );
    expect(ofKind(items, 'visit').map((t) => t.dueDate)).toEqual(['2027-04-13', '2027-04-13']);
  });

  it('covers only children on a plan', () => {
    const oneChild = [
      ...history,
      decision('end_child_protection_plan', { childIds: [C2], effectiveDate: '2027-04-01' }),
    ];
    const items = computeTimescales(input(oneChild, { today: '2027-04-02' }));
    expect(ofKind(items, 'visit').map((t) => t.childId)).toEqual([C1]);
  });

  it('rejects nonsensical settings', () => {
    const bad = { coreGroupIntervalWeeks: 0, visitIntervalWorkingDays: 10 };
    expect(() => computeTimescales(input(history, { settings: bad }))).toThrow(RangeError);
    const fractional = { coreGroupIntervalWeeks: 4, visitIntervalWorkingDays: 2.5 };
    expect(() => computeTimescales(input(history, { settings: fractional }))).toThrow(RangeError);
  });
});
