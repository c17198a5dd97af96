import {
  dutyGaps,
  DutyExemption,
  DutyOffer,
  exempted,
  offersMissing,
  offerStatus,
} from './fgdm-duty.rules';

const offer = (over: Partial<DutyOffer> = {}): DutyOffer => ({
  id: 'o1',
  childIds: ['c1'],
  offeredToId: 'mum',
  offeredOn: '2027-01-11', // a Monday
  response: null,
  respondedOn: null,
  ...over,
});
const exemption = (over: Partial<DutyExemption> = {}): DutyExemption => ({
  id: 'e1',
  childIds: ['c1'],
  scope: 'offer',
  authorisedOn: '2027-01-10',
  ...over,
});
const holders = (m: Record<string, string[]>) => new Map(Object.entries(m));

describe('offerStatus: answered, or timed out after N working days', () => {
  it.each([
    ['2027-01-11', 'awaiting'],
    ['2027-01-18', 'awaiting'], // the fifth working day after: still in time
    ['2027-01-19', 'timed_out'],
  ])('unanswered, on %s → %s (5 working days)', (today, status) => {
    expect(offerStatus(offer(), today, 5)).toBe(status);
  });
  it('bank holidays do not count: offered 2026-12-23, 5 working days end on 2027-01-04', () => {
    const o = offer({ offeredOn: '2026-12-23' });
    expect(offerStatus(o, '2027-01-04', 5)).toBe('awaiting');
    expect(offerStatus(o, '2027-01-05', 5)).toBe('timed_out');
  });
  it('an answer is final whatever the day', () => {
    const o = offer({ response: 'declined', respondedOn: '2027-01-12' });
    expect(offerStatus(o, '2027-06-01', 5)).toBe('declined');
  });
  it('the window is a setting', () => {
    expect(offerStatus(offer(), '2027-01-19', 10)).toBe('awaiting');
  });
});

describe('exempted: only authorised exemptions count; a meeting exemption covers the offer', () => {
  it.each([
    [exemption(), 'offer', true],
    [exemption(), 'meeting', false],
    [exemption({ scope: 'meeting' }), 'offer', true],
    [exemption({ scope: 'meeting' }), 'meeting', true],
    [exemption({ authorisedOn: null }), 'offer', false],
    [exemption({ childIds: ['c2'] }), 'offer', false],
  ] as const)('%j for %s → %s', (e, scope, expected) => {
    expect(!!exempted([e], 'c1', scope)).toBe(expected);
  });
});

describe('offersMissing: the letter reaches every PR holder of every child', () => {
  const pr = holders({ c1: ['mum', 'dad'] });
  it('the father missing', () => {
    expect(offersMissing(['c1'], pr, [offer()], [])).toEqual([{ childId: 'c1', personId: 'dad' }]);
  });
  it('an offer about another child does not count', () => {
    const dad = offer({ id: 'o2', offeredToId: 'dad', childIds: ['c2'] });
    expect(offersMissing(['c1'], pr, [offer(), dad], [])).toEqual([
      { childId: 'c1', personId: 'dad' },
    ]);
  });
  it('both offered → nothing missing', () => {
    expect(
      offersMissing(['c1'], pr, [offer(), offer({ id: 'o2', offeredToId: 'dad' })], []),
    ).toEqual([]);
  });
  it('no PR recorded → the child is missing', () => {
    expect(offersMissing(['c1'], holders({}), [], [])).toEqual([{ childId: 'c1', personId: null }]);
  });
  it('an authorised exemption covers the child; an unauthorised one does not', () => {
    expect(offersMissing(['c1'], pr, [], [exemption()])).toEqual([]);
    expect(offersMissing(['c1'], pr, [], [exemption({ authorisedOn: null })])).toHaveLength(2);
  });
});

describe('dutyGaps: the application waits for answers and for the meeting an acceptance asks for', () => {
  const pr = holders({ c1: ['mum', 'dad'] });
  const dad = offer({ id: 'o2', offeredToId: 'dad' });
  const accepted = offer({ response: 'accepted', respondedOn: '2027-01-13' });
  const gaps = (
    offers: DutyOffer[],
    meetings: { childIds: string[]; heldOn: string }[] = [],
    exemptions: DutyExemption[] = [],
    today = '2027-03-01',
  ) => dutyGaps(['c1'], pr, offers, exemptions, meetings, today, 5);

  it('no offer to the father', () => {
    expect(gaps([offer({ response: 'declined', respondedOn: '2027-01-12' })])).toEqual([
      { childId: 'c1', personId: 'dad', reason: 'no_offer' },
    ]);
  });
  it('the father still within his answer window', () => {
    expect(
      gaps([offer({ response: 'declined', respondedOn: '2027-01-12' }), dad], [], [], '2027-01-14'),
    ).toEqual([{ childId: 'c1', personId: 'dad', reason: 'awaiting_answer' }]);
  });
  it('mother accepted, father timed out, no meeting → meeting_not_held', () => {
    expect(gaps([accepted, dad])).toEqual([
      { childId: 'c1', personId: null, reason: 'meeting_not_held' },
    ]);
  });
  it('a meeting held before the acceptance does not count; one on or after does', () => {
    expect(gaps([accepted, dad], [{ childIds: ['c1'], heldOn: '2027-01-12' }])).toHaveLength(1);
    expect(gaps([accepted, dad], [{ childIds: ['c1'], heldOn: '2027-01-13' }])).toEqual([]);
  });
  it('both declined → met', () => {
    const no = { response: 'declined' as const, respondedOn: '2027-01-12' };
    expect(gaps([offer(no), offer({ ...no, id: 'o2', offeredToId: 'dad' })])).toEqual([]);
  });
  it('an authorised meeting exemption covers everything; an offer exemption does not waive an accepted meeting', () => {
    expect(gaps([], [], [exemption({ scope: 'meeting' })])).toEqual([]);
    expect(gaps([accepted], [], [exemption()])).toEqual([
      { childId: 'c1', personId: null, reason: 'meeting_not_held' },
    ]);
    expect(gaps([], [], [exemption()])).toEqual([]);
  });
});
