import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { episodeOf, type EpisodeRow } from './child-facts';
import { CENSUS_CLOSING, censusChild, censusOpening } from './cin-census';

const XSD = readFileSync(join(__dirname, 'cin-census.xsd'), 'utf8');

const row = (over: Partial<EpisodeRow>): EpisodeRow => ({
  personId: 'p',
  caseId: 'c',
  laPersonId: null,
  dateOfBirth: null,
  sex: null,
  gender: null,
  ethnicity: null,
  referralDate: '2026-09-01',
  referralSource: '2A',
  closedOn: null,
  closureReason: null,
  assessmentCompletedOn: null,
  stage: 'family_help',
  teamName: 'T',
  workerName: 'W',
  decisions: [],
  meetings: [],
  lastVisit: null,
  ...over,
});

const dec = (type: string, date: string, category: string | null = null) => ({
  type,
  date,
  category,
  strategyDiscussionDate: null,
  conferenceDate: null,
});

describe('CIN census document built one child at a time', () => {
  const hostile = 'A<&>"\'B';
  const child = censusChild([
    // Given newest first: the census lists episodes oldest referral first.
    episodeOf(
      row({
        caseId: 'c2',
        laPersonId: hostile,
        sex: 'male',
        ethnicity: 'wbri',
        dateOfBirth: '2015-06-01',
        referralDate: '2026-10-01',
        assessmentCompletedOn: '2026-10-20',
        decisions: [
          dec('start_section_47_enquiry', '2026-10-21'),
          dec('start_child_protection_plan', '2026-11-05', 'PHY'),
          dec('end_child_protection_plan', '2027-02-01'),
        ],
        meetings: [
          { kind: 'initial_cp_conference', date: '2026-11-05' },
          { kind: 'review_cp_conference', date: '2026-12-01' },
          { kind: 'review_cp_conference', date: '2027-01-10' },
        ],
      }),
    ),
    episodeOf(
      row({
        laPersonId: hostile,
        referralDate: '2026-05-01',
        closedOn: '2026-06-30',
        closureReason: 'RC8',
      }),
    ),
  ]);
  const xml =
    censusOpening({ year: 2027, laCode: 'E&F', generatedAt: new Date('2027-04-02T10:00:00Z') }) +
    child +
    censusChild([episodeOf(row({ personId: 'second-child' }))]) +
    CENSUS_CLOSING;

  it('validates against the schema', async () => {
    const result = await validateXML({
      xml: [{ fileName: 'census.xml', contents: xml }],
      schema: [{ fileName: 'cin-census.xsd', contents: XSD }],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('escapes text, so an identifier cannot break out of its element', () => {
    expect(child).toContain('<LAchildID>A&lt;&amp;&gt;"\'B</LAchildID>');
    expect(xml).toContain('<LEA>E&amp;F</LEA>');
  });

  it('lists episodes oldest first, leaves absent optional elements out and keeps plan reviews', () => {
    expect(child.indexOf('2026-05-01')).toBeLessThan(child.indexOf('2026-10-01'));
    expect(child.match(/<CINdetails>/g)).toHaveLength(2);
    expect(child).toContain('<Ethnicity>WBRI</Ethnicity>');
    expect(child).toContain('<GenderCurrent>1</GenderCurrent>');
    expect(child).toMatch(
      /<Reviews>\s*<CPPreviewDate>2026-12-01<\/CPPreviewDate>\s*<CPPreviewDate>2027-01-10<\/CPPreviewDate>\s*<\/Reviews>/,
    );
    expect(child).toContain('<CPPendDate>2027-02-01</CPPendDate>');
    const second = xml.slice(xml.lastIndexOf('<Child>'));
    expect(second).not.toContain('PersonBirthDate');
    expect(second).not.toContain('Section47');
    expect(second).not.toContain('CINclosureDate');
    expect(second).toContain('<ChildCharacteristics/>');
  });
});
