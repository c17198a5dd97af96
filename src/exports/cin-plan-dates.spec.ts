import { episodeRow } from 'test/fixtures/export-rows';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { cinPlanPeriods, episodeOf, type EpisodeRow } from './child-facts';
import { censusChild as censusModel, censusYear } from './census-model';
import { CENSUS_CLOSING, censusChild, censusOpening } from './cin-census';
import { checkCensus } from './cin-rules';

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

describe('CINPlanDates: the Family Help plan per child and episode', () => {
  const cpp = (startDate: string, endDate: string | null) => ({ startDate, endDate });

  it.each([
    ['no plan: no dates', null, [], null, []],
    ['open plan, open episode', '2026-10-01', [], null, [['2026-10-01', null]]],
    ['ended by the closure', '2026-10-01', [], '2027-01-15', [['2026-10-01', '2027-01-15']]],
    [
      'step-up ends it on the CP plan start; step-down starts the next on its end',
      '2026-10-01',
      [cpp('2026-11-20', '2027-02-10')],
      null,
      [
        ['2026-10-01', '2026-11-20'],
        ['2027-02-10', null],
      ],
    ],
    [
      'a step-up on its first day: nothing before it',
      '2026-11-20',
      [cpp('2026-11-20', null)],
      null,
      [],
    ],
    [
      'started during a CP plan: from its end',
      '2026-12-01',
      [cpp('2026-11-20', '2027-02-10')],
      '2027-03-01',
      [['2027-02-10', '2027-03-01']],
    ],
    [
      'a CP plan over before it started: ignored',
      '2026-12-01',
      [cpp('2026-06-01', '2026-09-01')],
      null,
      [['2026-12-01', null]],
    ],
    [
      'closed the day the CP plan ended: no empty period',
      '2026-10-01',
      [cpp('2026-11-20', '2027-02-10')],
      '2027-02-10',
      [['2026-10-01', '2026-11-20']],
    ],
  ])('%s', (_name, start, plans, closedOn, expected) => {
    expect(
      cinPlanPeriods(start as string | null, plans as never, closedOn as string | null),
    ).toEqual(
      (expected as [string, string | null][]).map(([startDate, endDate]) => ({
        startDate,
        endDate,
      })),
    );
  });

  it('written between Assessments and Section47, valid against the schema, raising no CIN plan rule', async () => {
    const rows = [
      row({
        personId: 'x1',
        referralDate: '2026-09-01',
        sex: 'F',
        ethnicity: 'WBRI',
        dateOfBirth: '2016-01-01',
        disabilities: ['NONE'],
        cinPlanStartedOn: '2026-10-01',
        assessments: [
          {
            startedOn: '2026-09-02',
            completedOn: '2026-09-20',
            authorisedOn: '2026-09-21',
            factors: ['2B'],
            primaryNeed: 'N1',
          },
        ],
        decisions: [
          dec('start_section_47_enquiry', '2026-11-02', null, '2026-11-02'),
          dec('start_child_protection_plan', '2026-11-20', 'EMO'),
          dec('end_child_protection_plan', '2027-02-10'),
        ],
        meetings: [{ kind: 'initial_cp_conference', date: '2026-11-20' }],
      }),
    ];
    const model = censusModel(rows.map(episodeOf), Y2027);
    expect(model.details[0].cinPlans).toEqual([
      { startDate: '2026-10-01', endDate: '2026-11-20' },
      { startDate: '2027-02-10', endDate: null },
    ]);
    expect(checkCensus([model], Y2027).filter((i) => i.rule.startsWith('40'))).toEqual([]);
    const xml = censusChild(rows.map(episodeOf), 2027);
    expect(xml).toMatch(
      /<\/Assessments>\s*<CINPlanDates>\s*<CINPlanStartDate>2026-10-01<\/CINPlanStartDate>\s*<CINPlanEndDate>2026-11-20<\/CINPlanEndDate>\s*<\/CINPlanDates>\s*<CINPlanDates>\s*<CINPlanStartDate>2027-02-10<\/CINPlanStartDate>\s*<\/CINPlanDates>\s*<Section47>/,
    );
    expect((await validate(doc(xml))).errors).toEqual([]);
  });

  it('a plan ending before the census year is left out; one ending after it is open', () => {
    const d = (start: string, closedOn: string | null) =>
      censusModel(
        [
          episodeOf(
            row({
              referralDate: '2025-05-01',
              cinPlanStartedOn: start,
              closed: !!closedOn,
              closedOn,
              closureReason: closedOn ? 'RC7' : null,
            }),
          ),
        ],
        Y2027,
      ).details[0].cinPlans;
    expect(d('2025-06-01', null)).toEqual([{ startDate: '2025-06-01', endDate: null }]);
    expect(d('2025-06-01', '2027-04-10')).toEqual([{ startDate: '2025-06-01', endDate: null }]);
    expect(d('2025-06-01', '2026-05-10')).toEqual([
      { startDate: '2025-06-01', endDate: '2026-05-10' },
    ]);
  });
});
