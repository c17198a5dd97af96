import { lazyModule } from 'src/common/lazy-module';
import type { XMLBuilderCreateOptions } from 'xmlbuilder2/lib/interfaces';
import type { Episode } from './child-facts';
import type { CensusPreProceedings } from './census-pre-proceedings';
import {
  censusChild as censusModel,
  censusYear,
  type CensusChild,
  type CinDetails,
} from './census-model';

const xmlbuilder2 = lazyModule(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require('xmlbuilder2') as typeof import('xmlbuilder2'),
);

/** The census year: `year` 2027 is the collection covering 1 April 2026 – 31 March 2027. */
export function censusPeriod(year: number): { start: string; end: string } {
  return censusYear(year);
}

export interface CensusHeader {
  year: number;
  /** The LA's three-digit DfE number. */
  lea: string;
  /** This return's serial number for the LA and year (1, 2, … ; written with at least 3 digits). */
  serialNo: number;
  generatedAt: Date;
}

/** An element tree in xmlbuilder2's object form: keys are element names, in schema order. */
type Tree = { [name: string]: string | string[] | Tree | Tree[] };

/** Drops absent optional elements, so the object form never emits an empty one for them. */
function present(
  entries: [string, string | string[] | Tree | Tree[] | null | undefined | false][],
): Tree {
  const out: Tree = {};
  for (const [k, v] of entries)
    if (v !== null && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0))
      out[k] = v;
  return out;
}

/** xmlbuilder2 serialises (and escapes) one element tree, indented `depth` levels deep. */
function serialise(tree: Tree, depth: number): string {
  return (
    xmlbuilder2()
      .fragment(tree as XMLBuilderCreateOptions)
      .end({ prettyPrint: true, offset: depth }) + '\n'
  );
}

/** The opening of the document up to and including `<Children>` (the Header module). */
export function censusOpening(h: CensusHeader): string {
  const { end } = censusPeriod(h.year);
  const header = {
    Header: {
      CollectionDetails: { Collection: 'CIN', Year: String(h.year), ReferenceDate: end },
      Source: {
        SourceLevel: 'L',
        LEA: h.lea,
        SoftwareCode: 'Tandem',
        Release: '1',
        SerialNo: String(h.serialNo).padStart(3, '0'),
        DateTime: h.generatedAt.toISOString().slice(0, 19),
      },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n${serialise(header, 1)}  <Children>\n`;
}

export const CENSUS_CLOSING = '  </Children>\n</Message>\n';

const yes = (b: boolean) => (b ? 'true' : 'false');

function cinDetails(d: CinDetails): Tree {
  return present([
    ['CINreferralDate', d.referralDate],
    ['ReferralSource', d.referralSource],
    ['PrimaryNeedCode', d.primaryNeed],
    ['CINclosureDate', d.closureDate],
    ['ReasonForClosure', d.reasonForClosure],
    [
      'Assessments',
      d.assessments.map((a) =>
        present([
          ['AssessmentActualStartDate', a.startDate],
          ['AssessmentAuthorisationDate', a.authorisationDate],
          [
            'FactorsIdentifiedAtAssessment',
            a.factors.length > 0 && { AssessmentFactors: a.factors },
          ],
        ]),
      ),
    ],
    [
      'CINPlanDates',
      d.cinPlans.map((p) =>
        present([
          ['CINPlanStartDate', p.startDate],
          ['CINPlanEndDate', p.endDate],
        ]),
      ),
    ],
    [
      'Section47',
      d.section47s.map((s) =>
        present([
          ['S47ActualStartDate', s.startDate],
          ['InitialCPCtarget', s.icpcTarget],
          ['DateOfInitialCPC', s.icpcDate],
          ['ICPCnotRequired', yes(s.icpcNotRequired)],
        ]),
      ),
    ],
    ['ReferralNFA', yes(d.referralNfa)],
    [
      'ChildProtectionPlans',
      d.cpPlans.map((p) =>
        present([
          ['CPPstartDate', p.startDate],
          ['CPPendDate', p.endDate],
          ['InitialCategoryOfAbuse', p.initialCategory],
          ['LatestCategoryOfAbuse', p.latestCategory],
          ['NumberOfPreviousCPP', String(p.numberOfPreviousCpp)],
          ['Reviews', p.reviewDates.length > 0 && { CPPreviewDate: p.reviewDates }],
        ]),
      ),
    ],
    ['PreProceedingsandFGDM', d.preProceedings && preProceedings(d.preProceedings)],
  ]);
}

/** The 2026-27 block (Tandem's reading: schema/cin-census-2026-27.xsd). */
function preProceedings(p: CensusPreProceedings): Tree {
  return present([
    ['FGDMOfferDate', p.fgdmOfferDate],
    ['FGDMOfferAccepted', p.fgdmOfferAccepted !== null && yes(p.fgdmOfferAccepted)],
    ['FGDMMeetingDate', p.fgdmMeetingDate],
    ['FGDMExemptionDate', p.fgdmExemptionDate],
    ['FGDMExemptionScope', p.fgdmExemptionScope],
    ['PreProceedingsStartDate', p.preProceedingsStartDate],
    ['PreProceedingsEndDate', p.preProceedingsEndDate],
    ['PreProceedingsOutcome', p.preProceedingsOutcome],
    ['CareProceedingsIssueDate', p.careProceedingsIssueDate],
  ]);
}

/**
 * One `<Child>` of the Children in Need census (the DfE module structure: ChildIdentifiers,
 * ChildCharacteristics and one CINdetails per episode, oldest referral first), built by
 * xmlbuilder2 from its object form and serialised as one string: one small tree per child keeps
 * the builder's per-call cost off every element and the response gets one write per batch.
 */
export function censusChildXml(c: CensusChild): string {
  return serialise(
    {
      Child: {
        ChildIdentifiers: present([
          ['LAchildID', c.laChildId],
          ['UPN', c.upn],
          ['UPNunknown', c.upnUnknown],
          ['PersonBirthDate', c.birthDate],
          ['ExpectedPersonBirthDate', c.expectedBirthDate],
          ['Sex', c.sex],
        ]),
        ChildCharacteristics: present([
          ['Ethnicity', c.ethnicity],
          ['Disabilities', c.disabilities.length > 0 && { Disability: c.disabilities }],
        ]),
        CINdetails: c.details.map(cinDetails),
      },
    },
    2,
  );
}

/** The census XML of one child's episodes in collection year `year`. */
export function censusChild(episodes: Episode[], year: number): string {
  return censusChildXml(censusModel(episodes, censusYear(year)));
}
