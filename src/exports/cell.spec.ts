import { episodeRow } from 'test/fixtures/export-rows';
import { csvLine, safeCell } from './cell';
import { ageOn, episodeOf, type EpisodeRow } from './child-facts';

describe('formula-injection-safe cells', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+44 20', "'+44 20"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\t=x', "'\t=x"],
    ['Family Help', 'Family Help'],
    [null, ''],
    [3, '3'],
  ])('%j → %j', (input, out) => {
    expect(safeCell(input)).toBe(out);
  });
  it('quotes CSV cells with commas, quotes and newlines', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', '=1'])).toBe('"a,b","say ""hi""","x\ny",\'=1\r\n');
  });
});

const row = (over: Partial<EpisodeRow>): EpisodeRow => episodeRow(over);
const d = (type: string, date: string, extra: object = {}) => ({
  type,
  date,
  category: null,
  strategyDiscussionDate: null,
  conferenceDate: null,
  ...extra,
});

describe('episode facts for the returns', () => {
  it('s47 with ICPC target 15 working days after the strategy discussion, then a plan and its reviews', () => {
    const e = episodeOf(
      row({
        decisions: [
          d('start_section_47_enquiry', '2026-12-18', { strategyDiscussionDate: '2026-12-18' }),
          d('start_child_protection_plan', '2027-01-15', { category: 'NEG' }),
          d('end_child_protection_plan', '2027-09-01'),
        ],
        meetings: [
          { kind: 'initial_cp_conference', date: '2027-01-15' },
          { kind: 'review_cp_conference', date: '2027-04-10' },
          { kind: 'review_cp_conference', date: '2027-10-10' },
        ],
      }),
    );
    // 15 working days from Fri 18 Dec 2026, skipping Christmas, Boxing Day (Mon 28, substitute) and New Year.
    expect(e.section47s).toEqual([
      {
        strategyDiscussionDate: '2026-12-18',
        startDate: '2026-12-18',
        icpcTarget: '2027-01-13',
        icpcDate: '2027-01-15',
        icpcNotRequired: false,
        nfaDate: null,
      },
    ]);
    expect(e.cpPlans).toEqual([
      {
        startDate: '2027-01-15',
        endDate: '2027-09-01',
        initialCategory: 'NEG',
        latestCategory: 'NEG',
        reviewDates: ['2027-04-10'],
      },
    ]);
  });
  it('no further action marks the ICPC not required', () => {
    const e = episodeOf(
      row({
        decisions: [
          d('start_section_47_enquiry', '2026-10-01'),
          d('no_further_action', '2026-10-09'),
        ],
      }),
    );
    expect(e.section47s[0]).toMatchObject({ icpcNotRequired: true, icpcDate: null });
  });
  it.each([
    ['2019-03-14', '2027-03-13', 7],
    ['2019-03-14', '2027-03-14', 8],
    [null, '2027-03-14', null],
  ])('age of a child born %s on %s is %s', (dob, on, age) => {
    expect(ageOn(dob, on)).toBe(age);
  });
});
