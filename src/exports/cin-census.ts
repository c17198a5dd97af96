import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces';
import { censusGender, childUniqueId, type Episode } from './child-facts';

/** The census year: `year` 2027 is the collection covering 1 April 2026 – 31 March 2027. */
export function censusPeriod(year: number): { start: string; end: string } {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

export interface CensusHeader {
  year: number;
  laCode: string;
  generatedAt: Date;
}

/**
 * Streams the Children in Need census XML (the DfE module structure: Header, then per child
 * ChildIdentifiers, ChildCharacteristics and one CINdetails per episode with Assessments,
 * Section47 and ChildProtectionPlans) through `write`. Validated against `cin-census.xsd`.
 */
export class CinCensusWriter {
  private readonly xml: XMLBuilderCB;

  constructor(write: (chunk: string) => void, end: () => void) {
    this.xml = createCB({ data: write, end, prettyPrint: true });
  }

  header(h: CensusHeader) {
    const { end } = censusPeriod(h.year);
    this.xml.dec({ version: '1.0', encoding: 'UTF-8' }).ele('Message').ele('Header');
    this.xml.ele('CollectionDetails');
    leaf(this.xml, 'Collection', 'CIN');
    leaf(this.xml, 'Year', String(h.year));
    leaf(this.xml, 'ReferenceDate', end);
    this.xml.up().ele('Source');
    leaf(this.xml, 'SourceLevel', 'L');
    leaf(this.xml, 'LEA', h.laCode);
    leaf(this.xml, 'SoftwareCode', 'Tandem');
    leaf(this.xml, 'Release', '1');
    leaf(this.xml, 'SerialNo', '1');
    leaf(this.xml, 'DateTime', h.generatedAt.toISOString().slice(0, 19));
    this.xml.up().up().ele('Children');
  }

  /** One child and all of their episodes in the period (oldest referral first). */
  child(episodes: Episode[]) {
    const r = episodes[0].row;
    const x = this.xml.ele('Child');
    x.ele('ChildIdentifiers');
    leaf(x, 'LAchildID', childUniqueId(r).slice(0, 15));
    if (r.dateOfBirth) leaf(x, 'PersonBirthDate', r.dateOfBirth);
    leaf(x, 'GenderCurrent', censusGender(r));
    x.up();
    x.ele('ChildCharacteristics');
    if (r.ethnicity) leaf(x, 'Ethnicity', r.ethnicity.slice(0, 4).toUpperCase());
    x.up();
    for (const e of [...episodes].sort((a, b) =>
      a.row.referralDate.localeCompare(b.row.referralDate),
    ))
      this.episode(e);
    x.up();
  }

  private episode(e: Episode) {
    const x = this.xml;
    const r = e.row;
    x.ele('CINdetails');
    leaf(x, 'CINreferralDate', r.referralDate);
    leaf(x, 'ReferralSource', r.referralSource);
    if (r.closedOn) leaf(x, 'CINclosureDate', r.closedOn);
    if (r.closedOn && r.closureReason) leaf(x, 'ReasonForClosure', r.closureReason);
    const icpc = e.section47s.find((s) => s.icpcDate)?.icpcDate;
    if (icpc) leaf(x, 'DateOfInitialCPC', icpc);
    if (r.assessmentCompletedOn) {
      x.ele('Assessments');
      leaf(x, 'AssessmentAuthorisationDate', r.assessmentCompletedOn);
      x.up();
    }
    for (const s of e.section47s) {
      x.ele('Section47');
      leaf(x, 'S47ActualStartDate', s.startDate);
      if (s.icpcTarget) leaf(x, 'InitialCPCtarget', s.icpcTarget);
      if (s.icpcDate) leaf(x, 'DateOfInitialCPC', s.icpcDate);
      leaf(x, 'ICPCnotRequired', s.icpcNotRequired ? 'true' : 'false');
      x.up();
    }
    e.cpPlans.forEach((p, i) => {
      x.ele('ChildProtectionPlans');
      leaf(x, 'CPPstartDate', p.startDate);
      if (p.endDate) leaf(x, 'CPPendDate', p.endDate);
      if (p.initialCategory) leaf(x, 'InitialCategoryOfAbuse', p.initialCategory);
      if (p.latestCategory) leaf(x, 'LatestCategoryOfAbuse', p.latestCategory);
      leaf(x, 'NumberOfPreviousCPP', String(i));
      if (p.reviewDates.length) {
        x.ele('Reviews');
        for (const d of p.reviewDates) leaf(x, 'CPPreviewDate', d);
        x.up();
      }
      x.up();
    });
    x.up();
  }

  finish() {
    this.xml.up().up().end();
  }
}

function leaf(x: XMLBuilderCB, name: string, text: string) {
  x.ele(name).txt(text).up();
}
