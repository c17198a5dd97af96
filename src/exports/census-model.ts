import { LA_CHILD_ID_PATTERN } from 'src/cases/cin-codes';
import type { Episode } from './child-facts';
import { preProceedingsBlock, type CensusPreProceedings } from './census-pre-proceedings';

/**
 * The Children in Need census as plain data (pure): one `CensusChild` per child, one
 * `CinDetails` per episode open at some point in the census year, holding only the modules of
 * that episode active in the year. The XML (`cin-census.ts`) and the DfE rule checker
 * (`cin-rules.ts`) both read this model, so what is checked is what is written.
 */
export type { CensusYear } from './census-year';
import type { CensusYear } from './census-year';

export interface CensusAssessment {
  startDate: string;
  authorisationDate: string | null;
  factors: string[];
}

export interface CensusSection47 {
  startDate: string;
  icpcTarget: string | null;
  icpcDate: string | null;
  icpcNotRequired: boolean;
}

export interface CensusCpPlan {
  startDate: string;
  endDate: string | null;
  initialCategory: string;
  latestCategory: string;
  numberOfPreviousCpp: number;
  reviewDates: string[];
}

export interface CensusCinPlan {
  startDate: string;
  endDate: string | null;
}

export interface CinDetails {
  referralDate: string;
  referralSource: string;
  primaryNeed: string | null;
  closureDate: string | null;
  reasonForClosure: string | null;
  assessments: CensusAssessment[];
  /** The child's periods on the Family Help plan (CINPlanDates) active in the year. */
  cinPlans: CensusCinPlan[];
  section47s: CensusSection47[];
  referralNfa: boolean;
  cpPlans: CensusCpPlan[];
  /** From the 2026-27 collection, where the episode holds the data (else null). */
  preProceedings: CensusPreProceedings | null;
}

export interface CensusChild {
  laChildId: string;
  upn: string | null;
  upnUnknown: string | null;
  birthDate: string | null;
  expectedBirthDate: string | null;
  sex: 'M' | 'F' | 'U';
  ethnicity: string;
  disabilities: string[];
  details: CinDetails[];
}

/** The census year of collection year `year` (2027: 1 April 2026 to 31 March 2027). */
export function censusYear(year: number): CensusYear {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

/**
 * The child's LAchildID: the LA's own id, exactly as recorded (never truncated or altered; one
 * the census would refuse is reported by the rule checker, not hidden); without one, Tandem's
 * id in 20 letters and digits ("T" and the first 19 hex digits of its UUID).
 */
export function laChildId(laPersonId: string | null, personId: string): string {
  if (laPersonId) return laPersonId;
  return `T${personId.replace(/-/g, '').slice(0, 19)}`.toUpperCase();
}

export const isCensusChildId = (id: string) => LA_CHILD_ID_PATTERN.test(id);

const inYear = (d: string | null, y: CensusYear): d is string => !!d && d >= y.start && d <= y.end;
const upTo = (d: string | null, y: CensusYear) => (d && d <= y.end ? d : null);

function details(e: Episode, y: CensusYear): CinDetails {
  const r = e.row;
  // A closure after the reference date has not happened yet, as the census sees it.
  const closureDate = r.closed && r.closedOn && r.closedOn <= y.end ? r.closedOn : null;
  const assessments = r.assessments
    .filter((a) => a.startedOn <= y.end && (!a.authorisedOn || a.authorisedOn >= y.start))
    .map((a) => {
      const authorisationDate = upTo(a.authorisedOn, y);
      return {
        startDate: a.startedOn,
        authorisationDate,
        // Factors belong to a completed (authorised) assessment only.
        factors: authorisationDate ? (a.factors ?? []) : [],
      };
    });
  const section47s = e.section47s
    .filter((s) => {
      const ended = s.icpcDate ?? s.nfaDate;
      return s.startDate <= y.end && (!ended || ended >= y.start);
    })
    .map((s) => ({
      startDate: s.startDate,
      icpcTarget: s.icpcTarget,
      icpcDate: upTo(s.icpcDate, y),
      icpcNotRequired: !!s.nfaDate && s.nfaDate <= y.end && !s.icpcDate,
    }));
  const cpPlans = e.cpPlans
    .filter((p) => p.startDate <= y.end && (!p.endDate || p.endDate >= y.start))
    .map((p) => ({
      startDate: p.startDate,
      endDate: upTo(p.endDate, y),
      initialCategory: p.initialCategory ?? 'MUL',
      latestCategory: p.latestCategory ?? p.initialCategory ?? 'MUL',
      numberOfPreviousCpp: r.cpPlanStarts.filter((s) => s < p.startDate).length,
      reviewDates: p.reviewDates.filter((d) => d > p.startDate && inYear(d, y)),
    }));
  const cinPlans = e.cinPlans
    .filter((p) => p.startDate <= y.end && (!p.endDate || p.endDate >= y.start))
    .map((p) => ({ startDate: p.startDate, endDate: upTo(p.endDate, y) }));
  // No further action on the referral itself: the episode closed with nothing after it (no
  // assessment, enquiry or plan), and the referral fell within the year.
  const referralNfa =
    !!closureDate &&
    r.assessments.length === 0 &&
    e.cinPlans.length === 0 &&
    e.section47s.length === 0 &&
    e.cpPlans.length === 0 &&
    r.referralDate >= y.start;
  const assessedNeed = [...r.assessments].reverse().find((a) => a.primaryNeed)?.primaryNeed;
  return {
    referralDate: r.referralDate,
    referralSource: r.referralSource,
    // Not recorded yet (a referral still being assessed): N0, the DfE's "not stated".
    primaryNeed:
      (closureDate ? r.primaryNeed : null) ?? assessedNeed ?? (referralNfa ? null : 'N0'),
    closureDate,
    reasonForClosure: closureDate ? r.closureReason : null,
    assessments,
    cinPlans,
    section47s,
    referralNfa,
    cpPlans,
    preProceedings: preProceedingsBlock(e, y),
  };
}

/** One child of the census from its episodes (any order; listed oldest referral first). */
export function censusChild(episodes: Episode[], y: CensusYear): CensusChild {
  const r = episodes[0].row;
  const ordered = [...episodes].sort(
    (a, b) =>
      a.row.referralDate.localeCompare(b.row.referralDate) ||
      a.row.caseId.localeCompare(b.row.caseId) ||
      a.row.seq - b.row.seq,
  );
  const unborn = !r.dateOfBirth && !!r.expectedDateOfBirth;
  const sex = unborn ? 'U' : r.sex === 'M' || r.sex === 'F' ? r.sex : 'U';
  return {
    laChildId: laChildId(r.laPersonId, r.personId),
    upn: r.upn,
    upnUnknown: r.upn ? null : r.upnUnknownReason,
    birthDate: r.dateOfBirth,
    expectedBirthDate: r.dateOfBirth ? null : r.expectedDateOfBirth,
    sex,
    // Not yet chosen is what the DfE's NOBT says; a code is never guessed.
    ethnicity: r.ethnicity ?? 'NOBT',
    disabilities: r.disabilities ?? [],
    details: ordered.map((e) => details(e, y)),
  };
}
