import { episodeRow } from 'test/fixtures/export-rows';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { episodeOf, type EpisodeRow } from './child-facts';
import { censusChild as censusModel, censusYear, laChildId } from './census-model';
import { CENSUS_CLOSING, censusChild, censusOpening } from './cin-census';

/** The DfE census schema (the reference copy, with Sex from 2024-25): see schema/. */
const XSD = readFileSync(join(__dirname, 'schema', 'cin-census-2025-26.xsd'), 'utf8');

const row = (over: Partial<EpisodeRow>): EpisodeRow => episodeRow(over);
const Y2027 = censusYear(2027); // 2026-04-01 .. 2027-03-31

const dec = (
  type: string,
  date: string,
  category: string | null = null,
  strategyDiscussionDate: string | null = null,
) => ({ type, date, category, strategyDiscussionDate, conferenceDate: null });

const validate = (xml: string) =>
  validateXML({
    xml: [{ fileName: 'census.xml', contents: xml }],
    schema: [{ fileName: 'cin-census.xsd', contents: XSD }],
  });

const doc = (...children: string[]) =>
  censusOpening({
    year: 2027,
    lea: '931',
    serialNo: 4,
    generatedAt: new Date('2027-04-02T10:00Z'),
  }) +
  children.join('') +
  CENSUS_CLOSING;

describe('CIN census, one CINdetails per episode (2025-26 schema)', () => {
  const child = {
    laPersonId: 'NSH000123',
    sex: 'M',
    ethnicity: 'WBRI',
    disabilities: ['NONE'],
    upnUnknownReason: 'UN1',
    dateOfBirth: '2015-06-01',
  };
  // A reopened case: the first episode (NFA after assessment) keeps its own dates; the second
  // has a late ICPC and a MUL plan. Given newest first: listed oldest referral first.
  const reopened = [
    episodeOf(
      row({
        ...child,
        seq: 2,
        referralDate: '2026-10-01',
        referralSource: '1A',
        assessments: [
          {
            startedOn: '2026-10-02',
            completedOn: '2026-10-19',
            authorisedOn: '2026-10-20',
            factors: ['3B', '4B'],
            primaryNeed: 'N1',
          },
        ],
        decisions: [
          dec('start_section_47_enquiry', '2026-10-21', null, '2026-10-21'),
          dec('start_child_protection_plan', '2026-11-20', 'MUL'),
          dec('end_child_protection_plan', '2027-02-01'),
        ],
        meetings: [
          { kind: 'initial_cp_conference', date: '2026-11-20' },
          { kind: 'review_cp_conference', date: '2026-12-01' },
          { kind: 'review_cp_conference', date: '2027-01-10' },
        ],
        cpPlanStarts: ['2024-01-10', '2026-11-20'],
      }),
    ),
    episodeOf(
      row({
        ...child,
        referralDate: '2026-05-01',
        closed: true,
        closedOn: '2026-06-30',
        closureReason: 'RC8',
        primaryNeed: 'N4',
        assessments: [
          {
            startedOn: '2026-05-02',
            completedOn: '2026-06-20',
            authorisedOn: '2026-06-25',
            factors: ['21'],
            primaryNeed: 'N4',
          },
        ],
      }),
    ),
  ];
  const xml = censusChild(reopened, 2027);
  const model = censusModel(reopened, Y2027);

  it('validates against the DfE schema', async () => {
    const result = await validate(
      doc(xml, censusChild([episodeOf(row({ personId: 'p2' }))], 2027)),
    );
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the validator refuses what the DfE refuses (GenderCurrent, a two-digit LEA, SerialNo 1)', async () => {
    const good = doc(xml);
    for (const bad of [
      good.replace('<Sex>M</Sex>', '<GenderCurrent>1</GenderCurrent>'),
      good.replace('<LEA>931</LEA>', '<LEA>93</LEA>'),
      good.replace('<SerialNo>004</SerialNo>', '<SerialNo>1</SerialNo>'),
    ])
      expect((await validate(bad)).valid).toBe(false);
  });

  it('a reopened case keeps its first episode: two CINdetails, each with its own modules', () => {
    expect(model.details.map((d) => [d.referralDate, d.closureDate, d.reasonForClosure])).toEqual([
      ['2026-05-01', '2026-06-30', 'RC8'],
      ['2026-10-01', null, null],
    ]);
    const [first, second] = model.details;
    expect(first.section47s).toEqual([]);
    expect(first.cpPlans).toEqual([]);
    expect(first.primaryNeed).toBe('N4');
    expect(first.assessments).toEqual([
      { startDate: '2026-05-02', authorisationDate: '2026-06-25', factors: ['21'] },
    ]);
    expect(second.section47s).toEqual([
      {
        startDate: '2026-10-21',
        icpcTarget: '2026-11-11',
        icpcDate: '2026-11-20', // held late: after its target
        icpcNotRequired: false,
      },
    ]);
    expect(second.primaryNeed).toBe('N1'); // from the assessment while open
  });

  it("ICPC at the s47 level only; NumberOfPreviousCPP counts plans of all the child's cases", () => {
    const second = xml.slice(xml.lastIndexOf('<CINdetails>'));
    expect(second.match(/<DateOfInitialCPC>/g)).toHaveLength(1);
    expect(second).toMatch(/<Section47>[\s\S]*<DateOfInitialCPC>2026-11-20<\/DateOfInitialCPC>/);
    expect(second).toContain('<NumberOfPreviousCPP>1</NumberOfPreviousCPP>');
    expect(second).toContain('<InitialCategoryOfAbuse>MUL</InitialCategoryOfAbuse>');
    expect(second).toMatch(
      /<Reviews>\s*<CPPreviewDate>2026-12-01<\/CPPreviewDate>\s*<CPPreviewDate>2027-01-10<\/CPPreviewDate>\s*<\/Reviews>/,
    );
  });

  it('ReferralNFA: true only for a referral closed with nothing after it', () => {
    const nfa = censusModel(
      [episodeOf(row({ ...child, closed: true, closedOn: '2026-09-02', closureReason: 'RC8' }))],
      Y2027,
    );
    expect(nfa.details[0].referralNfa).toBe(true);
    expect(model.details.map((d) => d.referralNfa)).toEqual([false, false]);
    expect(xml).toContain('<ReferralNFA>false</ReferralNFA>');
  });

  it('only modules active in the census year: an older plan and closure after the year are left out', () => {
    const e = episodeOf(
      row({
        ...child,
        referralDate: '2025-01-06',
        closed: true,
        closedOn: '2027-05-01', // after the reference date: open, as the census sees it
        closureReason: 'RC7',
        decisions: [
          dec('start_section_47_enquiry', '2025-01-07'),
          dec('start_child_protection_plan', '2025-01-20', 'NEG'),
          dec('end_child_protection_plan', '2026-05-01'),
          dec('start_section_47_enquiry', '2026-12-01'),
          dec('no_further_action', '2026-12-10'),
        ],
        meetings: [{ kind: 'initial_cp_conference', date: '2025-01-20' }],
        assessments: [
          {
            startedOn: '2025-01-07',
            completedOn: '2025-02-01',
            authorisedOn: '2025-02-02',
            factors: ['16A'],
            primaryNeed: 'N1',
          },
        ],
      }),
    );
    const d = censusModel([e], Y2027).details[0];
    expect(d.closureDate).toBeNull();
    expect(d.reasonForClosure).toBeNull();
    expect(d.assessments).toEqual([]); // authorised before the year
    expect(d.section47s.map((s) => [s.startDate, s.icpcNotRequired])).toEqual([
      ['2026-12-01', true],
    ]);
    expect(d.cpPlans.map((p) => p.startDate)).toEqual(['2025-01-20']); // ended in the year
  });

  it('LEA is the DfE number and SerialNo has three digits; Sex, not GenderCurrent', () => {
    const x = doc(xml);
    expect(x).toContain('<LEA>931</LEA>');
    expect(x).toContain('<SerialNo>004</SerialNo>');
    expect(x).toContain('<Sex>M</Sex>');
    expect(x).not.toContain('GenderCurrent');
  });

  it('an unborn child: expected date of birth, Sex U', () => {
    const c = censusModel([episodeOf(row({ expectedDateOfBirth: '2027-02-01', sex: 'F' }))], Y2027);
    expect([c.birthDate, c.expectedBirthDate, c.sex]).toEqual([null, '2027-02-01', 'U']);
  });

  it("the LA child id is kept whole and escaped; without one, 20 letters and digits of Tandem's id", () => {
    const hostile = 'A<&>"\'B';
    expect(censusChild([episodeOf(row({ laPersonId: hostile }))], 2027)).toContain(
      '<LAchildID>A&lt;&amp;&gt;"\'B</LAchildID>',
    );
    expect(laChildId('ABCDEFGHIJ0123456789', 'x')).toBe('ABCDEFGHIJ0123456789');
    expect(laChildId(null, '0c9e6f3a-2b1d-4e5f-8a7b-6c5d4e3f2a1b')).toBe('T0C9E6F3A2B1D4E5F8A7');
  });
});
