import { concernEntry, decisionEntry, onCpPlan } from 'test/fixtures/case-history.builders';
import { replay } from './case-state';
import type { CaseHistoryEntry, DecisionEntry } from './case-types';
import { dependencyDateErrors, futureDateErrors } from './decision-dates';

const ctx = { today: '2027-04-30', referralDate: '2026-10-01' };
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);
const check = (history: CaseHistoryEntry[], d: DecisionEntry) =>
  dependencyDateErrors(history, replay(history), d, ctx);

describe('decision dates: on or before today', () => {
  it.each([
    ['2027-04-30', []],
    ['2027-05-01', ['effectiveDate']],
  ])('effectiveDate %s → %j', (date, expected) => {
    const d = decisionEntry('no_further_action', { effectiveDate: date });
    expect(fields(futureDateErrors(d, ctx.today))).toEqual(expected);
  });

  it('names a future strategy discussion separately only when it differs', () => {
    const s47 = decisionEntry('start_section_47_enquiry', {
      effectiveDate: '2027-04-29',
      strategyDiscussionDate: '2027-05-02',
    });
    expect(futureDateErrors(s47, ctx.today)).toEqual([
      { field: 'strategyDiscussionDate', message: expect.stringContaining('2027-04-30') },
    ]);
  });
});

describe('decision dates: never before what they depend on', () => {
  const concern = concernEntry({ id: 'k', at: '2026-12-17' });
  const inS47 = [
    concern,
    decisionEntry('start_section_47_enquiry', {
      effectiveDate: '2026-12-18',
      strategyDiscussionDate: '2026-12-18',
    }),
  ];

  it('a s47 enquiry not before its concern; no decision before the referral', () => {
    const s47 = (date: string) =>
      decisionEntry('start_section_47_enquiry', {
        effectiveDate: date,
        strategyDiscussionDate: date,
      });
    expect(check([concern], s47('2026-12-17'))).toEqual([]);
    expect(check([concern], s47('2026-12-16'))).toEqual([
      { field: 'effectiveDate', message: expect.stringContaining('2026-12-17') },
    ]);
    const early = decisionEntry('initiate_pre_proceedings', { effectiveDate: '2026-09-30' });
    expect(check([], early)).toEqual([
      { field: 'effectiveDate', message: expect.stringContaining('2026-10-01') },
    ]);
  });

  it('no further action not before the enquiry it ends, nor the concern it closes', () => {
    const nfa = (date: string) => decisionEntry('no_further_action', { effectiveDate: date });
    expect(fields(check(inS47, nfa('2026-12-17')))).toEqual(['effectiveDate']);
    expect(check(inS47, nfa('2026-12-18'))).toEqual([]);
    expect(fields(check([concern], nfa('2026-12-16')))).toEqual(['effectiveDate']);
  });

  it('an ICPC not before the strategy discussion; a plan not before its conference', () => {
    const convene = (date: string) =>
      decisionEntry('convene_initial_cp_conference', {
        effectiveDate: '2026-12-18',
        conferenceDate: date,
      });
    expect(fields(check(inS47, convene('2026-12-17')))).toEqual(['conferenceDate']);
    expect(check(inS47, convene('2027-06-01'))).toEqual([]); // booked ahead: scheduled
    const convened = [...inS47, convene('2027-01-12')];
    const plan = (date: string) =>
      decisionEntry('start_child_protection_plan', { category: 'NEG', effectiveDate: date });
    expect(check(convened, plan('2027-01-11'))).toEqual([
      { field: 'effectiveDate', message: expect.stringContaining('2027-01-12') },
    ]);
    expect(check(convened, plan('2027-01-12'))).toEqual([]);
  });

  it('a plan ends no earlier than it started', () => {
    const history = onCpPlan('2026-12-18', '2027-01-12');
    const end = (date: string) =>
      decisionEntry('end_child_protection_plan', { effectiveDate: date });
    expect(fields(check(history, end('2027-01-11')))).toEqual(['effectiveDate']);
    expect(check(history, end('2027-01-12'))).toEqual([]);
  });
});
