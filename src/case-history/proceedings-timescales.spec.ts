import { CaseHistoryEntry } from 'src/case-history/case-state';
import { closedEntry } from 'test/fixtures/case-history.builders';
import { decision, input, ofKind, one } from 'test/fixtures/timescale-input';
import { computeTimescales, TimescaleInput } from './timescale-rules';

const at = (history: CaseHistoryEntry[], over: Partial<TimescaleInput> = {}) =>
  computeTimescales(input(history, { referralDate: '2026-01-05', ...over }));

/** Pre-proceedings from Monday 1 February 2027, the letter sent on 3 February. */
const pre = [decision('initiate_pre_proceedings', { id: 'pre', effectiveDate: '2027-02-01' })];
const letters = [{ startedOn: '2027-02-01', sentOn: '2027-02-03' }];

describe('pre_proceedings: the LA setting (default 16 weeks) from the letter', () => {
  it('is due 16 weeks after the letter, overdue the day after, while pre-proceedings go on', () => {
    const item = (today: string) => one(at(pre, { letters, today }), 'pre_proceedings');
    expect(item('2027-05-26')).toEqual({
      kind: 'pre_proceedings',
      dueDate: '2027-05-26',
      status: 'due',
    });
    expect(item('2027-05-27').status).toBe('overdue');
  });

  it('runs from the letter only: no letter, no item', () => {
    expect(ofKind(at(pre, { today: '2027-06-01' }), 'pre_proceedings')).toEqual([]);
  });

  it("follows the LA's preProceedingsWeeks", () => {
    const settings = {
      coreGroupIntervalWeeks: 4,
      visitIntervalWorkingDays: 10,
      preProceedingsWeeks: 12,
    };
    expect(
      one(at(pre, { letters, settings, today: '2027-03-01' }), 'pre_proceedings').dueDate,
    ).toBe('2027-04-28');
  });

  it('is met on the day pre-proceedings ended (end_pre_proceedings) and kept after it', () => {
    const ended = [...pre, decision('end_pre_proceedings', { effectiveDate: '2027-05-14' })];
    expect(one(at(ended, { letters, today: '2027-09-01' }), 'pre_proceedings')).toEqual({
      kind: 'pre_proceedings',
      dueDate: '2027-05-26',
      status: 'met',
      metAt: '2027-05-14',
      endedOn: '2027-05-14',
    });
  });

  it('is met_late when the application ended pre-proceedings after the due date', () => {
    const applied = [
      ...pre,
      decision('apply_for_care_proceedings', { effectiveDate: '2027-06-02' }),
    ];
    expect(one(at(applied, { letters, today: '2027-07-01' }), 'pre_proceedings')).toMatchObject({
      status: 'met_late',
      metAt: '2027-06-02',
      daysLate: 7,
    });
  });

  it('an end recorded after the as-of day does not count yet', () => {
    const ended = [...pre, decision('end_pre_proceedings', { effectiveDate: '2027-06-01' })];
    expect(one(at(ended, { letters, today: '2027-05-28' }), 'pre_proceedings').status).toBe(
      'overdue',
    );
  });
});

describe('pre_proceedings_review: a review meeting within 6 weeks of the letter', () => {
  it('is due 6 weeks after the letter and met by the first review meeting held', () => {
    const items = at(pre, {
      letters,
      preProceedingsReviews: ['2027-03-19', '2027-04-20'],
      today: '2027-05-01',
    });
    expect(one(items, 'pre_proceedings_review')).toEqual({
      kind: 'pre_proceedings_review',
      dueDate: '2027-03-17',
      status: 'met_late',
      metAt: '2027-03-19',
      daysLate: 2,
    });
  });

  it('is overdue without a review, and dropped when pre-proceedings ended before it fell due', () => {
    expect(one(at(pre, { letters, today: '2027-03-18' }), 'pre_proceedings_review').status).toBe(
      'overdue',
    );
    const early = [...pre, decision('end_pre_proceedings', { effectiveDate: '2027-03-10' })];
    expect(ofKind(at(early, { letters, today: '2027-04-01' }), 'pre_proceedings_review')).toEqual(
      [],
    );
  });

  it('a review held after pre-proceedings ended does not meet it', () => {
    const ended = [...pre, decision('end_pre_proceedings', { effectiveDate: '2027-03-20' })];
    const items = at(ended, {
      letters,
      preProceedingsReviews: ['2027-03-25'],
      today: '2027-04-01',
    });
    expect(one(items, 'pre_proceedings_review')).toMatchObject({
      status: 'overdue',
      endedOn: '2027-03-20',
    });
  });
});

describe('care_proceedings: 26 weeks from issuedOn, met at concludedOn', () => {
  const applied = decision('apply_for_care_proceedings', {
    id: 'app',
    effectiveDate: '2027-01-04',
    issuedOn: '2027-01-11',
  });

  it('is due 26 weeks after the application was issued, not after the decision', () => {
    expect(one(at([applied], { today: '2027-02-01' }), 'care_proceedings').dueDate).toBe(
      '2027-07-12',
    );
  });

  it('falls back to the decision date for an application recorded without issuedOn', () => {
    const legacy = decision('apply_for_care_proceedings', { effectiveDate: '2027-01-04' });
    expect(one(at([legacy], { today: '2027-02-01' }), 'care_proceedings').dueDate).toBe(
      '2027-07-05',
    );
  });

  it('is met on concludedOn, and kept as history after the case is closed', () => {
    const history = [
      applied,
      decision('conclude_care_proceedings', {
        effectiveDate: '2027-06-10',
        concludedOn: '2027-06-08',
      }),
      closedEntry('2027-08-02', 'RC4'),
    ];
    expect(one(at(history, { today: '2027-09-01' }), 'care_proceedings')).toEqual({
      kind: 'care_proceedings',
      dueDate: '2027-07-12',
      status: 'met',
      metAt: '2027-06-08',
      endedOn: '2027-06-10',
    });
  });

  it('is met_late with the days late when concluded after 26 weeks', () => {
    const history = [
      applied,
      decision('conclude_care_proceedings', {
        effectiveDate: '2027-08-02',
        concludedOn: '2027-07-30',
      }),
    ];
    expect(one(at(history, { today: '2027-09-01' }), 'care_proceedings')).toMatchObject({
      status: 'met_late',
      metAt: '2027-07-30',
      daysLate: 18,
    });
  });

  it('a superseded conclusion does not meet it', () => {
    const history = [
      applied,
      decision('conclude_care_proceedings', {
        id: 'wrong',
        effectiveDate: '2027-06-10',
        concludedOn: '2027-06-08',
      }),
      decision('apply_for_care_proceedings', {
        supersedesId: 'wrong',
        effectiveDate: '2027-06-11',
        issuedOn: '2027-01-11',
      }),
    ];
    const items = ofKind(at(history, { today: '2027-08-01' }), 'care_proceedings');
    expect(items.map((t) => t.status)).toEqual(['overdue', 'overdue']);
  });
});
