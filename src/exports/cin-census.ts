import { lazyModule } from 'src/common/lazy-module';
import type { XMLBuilderCreateOptions } from 'xmlbuilder2/lib/interfaces';
import { censusGender, childUniqueId, type Episode } from './child-facts';

const xmlbuilder2 = lazyModule(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require('xmlbuilder2') as typeof import('xmlbuilder2'),
);

/** The census year: `year` 2027 is the collection covering 1 April 2026 – 31 March 2027. */
export function censusPeriod(year: number): { start: string; end: string } {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

export interface CensusHeader {
  year: number;
  laCode: string;
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
        LEA: h.laCode,
        SoftwareCode: 'Tandem',
        Release: '1',
        SerialNo: '1',
        DateTime: h.generatedAt.toISOString().slice(0, 19),
      },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n${serialise(header, 1)}  <Children>\n`;
}

export const CENSUS_CLOSING = '  </Children>\n</Message>\n';

function cinDetails(e: Episode): Tree {
  const r = e.row;
  const icpc = e.section47s.find((s) => s.icpcDate)?.icpcDate;
  return present([
    ['CINreferralDate', r.referralDate],
    ['ReferralSource', r.referralSource],
    ['CINclosureDate', r.closedOn],
    ['ReasonForClosure', r.closedOn && r.closureReason],
    ['DateOfInitialCPC', icpc],
    [
      'Assessments',
      r.assessmentCompletedOn && { AssessmentAuthorisationDate: r.assessmentCompletedOn },
    ],
    [
      'Section47',
      e.section47s.map((s) =>
        present([
          ['S47ActualStartDate', s.startDate],
          ['InitialCPCtarget', s.icpcTarget],
          ['DateOfInitialCPC', s.icpcDate],
          ['ICPCnotRequired', s.icpcNotRequired ? 'true' : 'false'],
        ]),
      ),
    ],
    [
      'ChildProtectionPlans',
      e.cpPlans.map((p, i) =>
        present([
          ['CPPstartDate', p.startDate],
          ['CPPendDate', p.endDate],
          ['InitialCategoryOfAbuse', p.initialCategory],
          ['LatestCategoryOfAbuse', p.latestCategory],
          ['NumberOfPreviousCPP', String(i)],
          ['Reviews', p.reviewDates.length > 0 && { CPPreviewDate: p.reviewDates }],
        ]),
      ),
    ],
  ]);
}

/**
 * One `<Child>` of the Children in Need census (the DfE module structure: ChildIdentifiers,
 * ChildCharacteristics and one CINdetails per episode, oldest referral first, with Assessments,
 * Section47 and ChildProtectionPlans), built by xmlbuilder2 from its object form and serialised
 * as one string: one small tree per child keeps the builder's per-call cost off every element
 * and the response gets one write per batch instead of one per tag.
 */
export function censusChild(episodes: Episode[]): string {
  const r = episodes[0].row;
  const ordered = [...episodes].sort((a, b) =>
    a.row.referralDate.localeCompare(b.row.referralDate),
  );
  return serialise(
    {
      Child: {
        ChildIdentifiers: present([
          ['LAchildID', childUniqueId(r).slice(0, 15)],
          ['PersonBirthDate', r.dateOfBirth],
          ['GenderCurrent', censusGender(r)],
        ]),
        ChildCharacteristics: present([['Ethnicity', r.ethnicity?.slice(0, 4).toUpperCase()]]),
        CINdetails: ordered.map(cinDetails),
      },
    },
    2,
  );
}
