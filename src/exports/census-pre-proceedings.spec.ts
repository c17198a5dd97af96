import { episodeRow } from 'test/fixtures/export-rows';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { episodeOf, type EpisodeRow } from './child-facts';
import { censusChild as censusModel, censusYear } from './census-model';
import { CENSUS_CLOSING, censusChild, censusOpening } from './cin-census';

const schema = (name: string) => readFileSync(join(__dirname, 'schema', name), 'utf8');
const XSD_2025_26 = schema('cin-census-2025-26.xsd');
const XSD_2026_27 = schema('cin-census-2026-27.xsd');

const validate = (xml: string, xsd: string) =>
  validateXML({
    xml: [{ fileName: 'census.xml', contents: xml }],
    schema: [{ fileName: 'cin-census.xsd', contents: xsd }],
  });
const doc = (year: number, child: string) =>
  censusOpening({ year, lea: '931', serialNo: 1, generatedAt: new Date(`${year}-04-02T10:00Z`) }) +
  child +
  CENSUS_CLOSING;

const dec = (type: string, date: string, extra: Partial<EpisodeRow['decisions'][0]> = {}) => ({
  type,
  date,
  category: null,
  strategyDiscussionDate: null,
  conferenceDate: null,
  ...extra,
});

const CHILD = {
  laPersonId: 'NSH000777',
  sex: 'F',
  ethnicity: 'WBRI',
  disabilities: ['NONE'],
  upnUnknownReason: 'UN1',
  dateOfBirth: '2019-03-01',
};

/** Referred 1 October 2025; s47, legal gateway, pre-proceedings from 12 January 2027 (letter
 * 14 January with offers to both parents, the mother accepting), an FGDM meeting, and care
 * proceedings issued 3 March 2027. */
const proceedings = (over: Partial<EpisodeRow> = {}) =>
  episodeOf(
    episodeRow({
      ...CHILD,
      referralDate: '2025-10-01',
      decisions: [
        dec('start_section_47_enquiry', '2026-11-02', { strategyDiscussionDate: '2026-11-02' }),
        dec('no_further_action', '2026-11-20'),
        dec('initiate_pre_proceedings', '2027-01-12'),
        dec('apply_for_care_proceedings', '2027-03-01', { issuedOn: '2027-03-03' }),
      ],
      stage: 'care_proceedings',
      fgdm: {
        offers: [
          { offeredOn: '2027-01-14', response: 'accepted', respondedOn: '2027-01-18' },
          { offeredOn: '2027-01-13', response: null, respondedOn: null },
        ],
        meetings: ['2027-02-02'],
        exemptions: null,
        letters: [{ startedOn: '2027-01-12', sentOn: '2027-01-14' }],
      },
      ...over,
    }),
  );

describe('census PreProceedingsandFGDM block (2026-27 collection, Tandem’s reading)', () => {
  it('2026-27: the block carries the offers, the meeting, the letter and the issue date', async () => {
    const model = censusModel([proceedings()], censusYear(2027));
    expect(model.details[0].preProceedings).toEqual({
      fgdmOfferDate: '2027-01-13',
      fgdmOfferAccepted: true,
      fgdmMeetingDate: '2027-02-02',
      fgdmExemptionDate: null,
      fgdmExemptionScope: null,
      preProceedingsStartDate: '2027-01-14',
      preProceedingsEndDate: '2027-03-01',
      preProceedingsOutcome: 'care_proceedings_issued',
      careProceedingsIssueDate: '2027-03-03',
    });
    const xml = censusChild([proceedings()], 2027);
    expect(xml.replace(/\n\s*/g, '')).toContain(
      [
        '<PreProceedingsandFGDM>',
        '<FGDMOfferDate>2027-01-13</FGDMOfferDate>',
        '<FGDMOfferAccepted>true</FGDMOfferAccepted>',
        '<FGDMMeetingDate>2027-02-02</FGDMMeetingDate>',
        '<PreProceedingsStartDate>2027-01-14</PreProceedingsStartDate>',
        '<PreProceedingsEndDate>2027-03-01</PreProceedingsEndDate>',
        '<PreProceedingsOutcome>care_proceedings_issued</PreProceedingsOutcome>',
        '<CareProceedingsIssueDate>2027-03-03</CareProceedingsIssueDate>',
        '</PreProceedingsandFGDM>',
      ].join(''),
    );
    const ok = await validate(doc(2027, xml), XSD_2026_27);
    expect(ok.errors).toEqual([]);
    // The published 2024 schema (2025-26) does not know the block.
    expect((await validate(doc(2027, xml), XSD_2025_26)).valid).toBe(false);
  });

  it('2025-26: no block, and the return stays valid against the published schema', async () => {
    const y2026 = proceedings({
      decisions: [
        dec('initiate_pre_proceedings', '2026-01-12'),
        dec('end_pre_proceedings', '2026-03-02', { outcome: 'step_down_family_help' }),
      ],
      fgdm: {
        offers: [{ offeredOn: '2026-01-13', response: 'declined', respondedOn: '2026-01-14' }],
        meetings: null,
        exemptions: null,
        letters: [{ startedOn: '2026-01-12', sentOn: '2026-01-13' }],
      },
    });
    expect(censusModel([y2026], censusYear(2026)).details[0].preProceedings).toBeNull();
    const xml = censusChild([y2026], 2026);
    expect(xml).not.toContain('PreProceedingsandFGDM');
    expect((await validate(doc(2026, xml), XSD_2025_26)).errors).toEqual([]);
    // The same history in 2026-27: a step-down, the offer declined.
    expect(censusModel([y2026], censusYear(2027)).details[0].preProceedings).toMatchObject({
      fgdmOfferAccepted: false,
      preProceedingsStartDate: '2026-01-13',
      preProceedingsEndDate: '2026-03-02',
      preProceedingsOutcome: 'step_down_family_help',
      careProceedingsIssueDate: null,
    });
  });

  it('only where the data exists: an episode without FGDM or proceedings has no block', async () => {
    const plain = episodeOf(episodeRow({ ...CHILD, referralDate: '2026-09-01' }));
    expect(censusModel([plain], censusYear(2027)).details[0].preProceedings).toBeNull();
    const xml = censusChild([plain], 2027);
    expect(xml).not.toContain('PreProceedingsandFGDM');
    expect((await validate(doc(2027, xml), XSD_2026_27)).errors).toEqual([]);
  });

  it('after the reference date nothing has happened yet: an urgent exemption and issue in 2027-28', async () => {
    const urgent = proceedings({
      decisions: [
        dec('initiate_pre_proceedings', '2027-03-20'),
        dec('apply_for_care_proceedings', '2027-04-02', { issuedOn: '2027-04-02' }),
      ],
      fgdm: {
        offers: [{ offeredOn: '2027-03-21', response: 'accepted', respondedOn: '2027-04-01' }],
        meetings: null,
        exemptions: [{ authorisedOn: '2027-03-30', scope: 'meeting' }],
        letters: [{ startedOn: '2027-03-20', sentOn: '2027-04-01' }],
      },
    });
    const block = censusModel([urgent], censusYear(2027)).details[0].preProceedings;
    expect(block).toEqual({
      fgdmOfferDate: '2027-03-21',
      // Accepted on 1 April: after the reference date.
      fgdmOfferAccepted: false,
      fgdmMeetingDate: null,
      fgdmExemptionDate: '2027-03-30',
      fgdmExemptionScope: 'meeting',
      // The letter went on 1 April: the decision's day stands for the start.
      preProceedingsStartDate: '2027-03-20',
      preProceedingsEndDate: null,
      preProceedingsOutcome: null,
      careProceedingsIssueDate: null,
    });
    const xml = censusChild([urgent], 2027);
    expect(xml).toContain('<FGDMExemptionScope>meeting</FGDMExemptionScope>');
    expect((await validate(doc(2027, xml), XSD_2026_27)).errors).toEqual([]);
  });
});
