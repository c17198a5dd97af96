import { ConferenceAgency, isQuorate, outcomeProblems, OutcomeInput } from './conference-rules';

const base: OutcomeInput = {
  type: 'initial',
  conferenceChildIds: ['c1', 'c2'],
  children: [
    { childId: 'c1', plan: 'start', category: 'NEG' },
    { childId: 'c2', plan: 'none' },
  ],
  coreGroup: ['lead', 'ecpp', 'health-visitor'],
  nextReviewBy: '2027-04-12',
  heldOn: '2027-01-12',
  leadPractitionerId: 'lead',
  accountableEcppId: 'ecpp',
};
const fields = (o: Partial<OutcomeInput>) => outcomeProblems({ ...base, ...o }).map((p) => p.field);

describe('quorum: social care and at least two other agencies attended', () => {
  it.each([
    [['social_care', 'police', 'health'], true],
    [['social_care', 'police', 'police'], false],
    [['police', 'health', 'education'], false],
    [['social_care', 'health', 'education', 'voluntary'], true],
  ] as const)('%j → %s', (agencies, quorate) => {
    expect(isQuorate(agencies.map((agency) => ({ agency, attended: true })))).toBe(quorate);
  });

  it('only agencies that attended count (invited and absent does not)', () => {
    expect(
      isQuorate([
        { agency: 'social_care', attended: true },
        { agency: 'police', attended: true },
        { agency: 'health', attended: false },
      ]),
    ).toBe(false);
  });
});

describe('an outcome recorded by the chair', () => {
  it('a complete initial outcome has no problems', () => {
    expect(fields({})).toEqual([]);
  });

  it('one outcome per child of the conference, none for others, none twice', () => {
    expect(fields({ children: [{ childId: 'c1', plan: 'none' }] })).toEqual(['children']);
    expect(
      fields({
        children: [
          { childId: 'c1', plan: 'none' },
          { childId: 'c2', plan: 'none' },
          { childId: 'c3', plan: 'none' },
        ],
      }),
    ).toEqual(['children']);
  });

  it('a review decides continue or end; an initial, transfer-in or pre-birth decides start or none', () => {
    expect(fields({ type: 'review' })).toEqual(['children[0].plan', 'children[1].plan']);
    expect(
      fields({
        type: 'review',
        children: [
          { childId: 'c1', plan: 'end', endReason: 'Risk reduced' },
          { childId: 'c2', plan: 'continue', category: 'NEG' },
        ],
      }),
    ).toEqual([]);
    expect(
      fields({
        type: 'initial',
        children: [
          { childId: 'c1', plan: 'end' },
          { childId: 'c2', plan: 'none' },
        ],
      }),
    ).toEqual(['children[0].plan']);
  });

  it('a plan starts with a category', () => {
    expect(
      fields({
        children: [
          { childId: 'c1', plan: 'start' },
          { childId: 'c2', plan: 'none' },
        ],
      }),
    ).toEqual(['children[0].category']);
  });

  it('a child on a plan: next review after the conference, core group with the lead and the ECPP', () => {
    expect(fields({ nextReviewBy: undefined })).toEqual(['nextReviewBy']);
    expect(fields({ nextReviewBy: '2027-01-12' })).toEqual(['nextReviewBy']);
    expect(fields({ coreGroup: ['ecpp'] })).toEqual(['coreGroup']);
    expect(fields({ coreGroup: ['lead'] })).toEqual(['coreGroup']);
  });

  it('no plan for any child: no review date or core group needed', () => {
    expect(
      fields({
        children: [
          { childId: 'c1', plan: 'none' },
          { childId: 'c2', plan: 'none' },
        ],
        coreGroup: [],
        nextReviewBy: undefined,
      }),
    ).toEqual([]);
  });
});

describe('quorum is local policy', () => {
  const attended = (...agencies: string[]) =>
    agencies.map((agency) => ({ agency: agency as ConferenceAgency, attended: true }));
  it.each([
    [1, ['social_care', 'police'], true],
    [2, ['social_care', 'police'], false],
    [3, ['social_care', 'police', 'health'], false],
    [3, ['social_care', 'police', 'health', 'education'], true],
    [1, ['police', 'health'], false],
  ])('with %i other agencies required, %j is quorate: %s', (n, agencies, quorate) => {
    expect(isQuorate(attended(...agencies), n)).toBe(quorate);
  });
});
