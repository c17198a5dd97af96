import type { Episode } from './child-facts';
import type { CensusYear } from './census-year';

/**
 * The 2026-27 census `PreProceedingsandFGDM` block of one child's episode (pure): Tandem's
 * reading of the collection pending the DfE's final specification (docs/integrators.md,
 * schema/cin-census-2026-27.xsd). Written from the 2026-27 collection on (`year` 2027), only
 * where the episode holds the data: an FGDM offer, meeting or authorised exemption about the
 * child, or a pre-proceedings or care proceedings decision. Every date is on or before the
 * reference date (what happened after it has not happened yet, as the census sees it).
 */
export interface CensusPreProceedings {
  /** The first FGDM offer about the child in the episode. */
  fgdmOfferDate: string | null;
  /** Whether any offer about the child was accepted (with an offer only). */
  fgdmOfferAccepted: boolean | null;
  /** The first FGDM meeting about the child in the episode. */
  fgdmMeetingDate: string | null;
  /** The first authorised exemption covering the child: when, and from what. */
  fgdmExemptionDate: string | null;
  fgdmExemptionScope: 'offer' | 'meeting' | null;
  /** The latest pre-proceedings begun in the episode: the letter's date (else the decision's). */
  preProceedingsStartDate: string | null;
  preProceedingsEndDate: string | null;
  preProceedingsOutcome: PreProceedingsOutcome | null;
  /** The day the (first) application for care proceedings in the episode was issued. */
  careProceedingsIssueDate: string | null;
}

export type PreProceedingsOutcome =
  | 'step_down_child_protection'
  | 'step_down_family_help'
  | 'issue_proceedings_declined'
  | 'care_proceedings_issued';

/** The first collection year that carries the block (2026-27). */
export const PRE_PROCEEDINGS_FROM_YEAR = 2027;

const ENDS = ['end_pre_proceedings', 'apply_for_care_proceedings'];
const OUTCOMES = new Set([
  'step_down_child_protection',
  'step_down_family_help',
  'issue_proceedings_declined',
]);

export function preProceedingsBlock(e: Episode, y: CensusYear): CensusPreProceedings | null {
  if (Number(y.end.slice(0, 4)) < PRE_PROCEEDINGS_FROM_YEAR) return null;
  const by = (d: string | null | undefined): d is string => !!d && d <= y.end;
  const f = e.row.fgdm;
  const offers = (f?.offers ?? []).filter((o) => by(o.offeredOn));
  const meetings = (f?.meetings ?? []).filter(by).sort();
  const exemptions = (f?.exemptions ?? []).filter((x) => by(x.authorisedOn));
  const decisions = e.row.decisions.filter((d) => by(d.date));
  const start = [...decisions].reverse().find((d) => d.type === 'initiate_pre_proceedings');
  const end =
    start && decisions.find((d) => ENDS.includes(d.type) && d.date >= start.date && d !== start);
  const application = decisions.find(
    (d) => d.type === 'apply_for_care_proceedings' && by(d.issuedOn),
  );
  if (!offers.length && !meetings.length && !exemptions.length && !start && !application)
    return null;
  // The letter of that pre-proceedings (recorded against the day it began).
  const letter =
    start &&
    (f?.letters ?? [])
      .filter((l) => l.startedOn >= start.date)
      .sort((a, b) => a.startedOn.localeCompare(b.startedOn))[0];
  const outcome = !end
    ? null
    : end.type === 'apply_for_care_proceedings'
      ? 'care_proceedings_issued'
      : OUTCOMES.has(end.outcome ?? '')
        ? (end.outcome as PreProceedingsOutcome)
        : null;
  const exemption = exemptions.sort((a, b) => a.authorisedOn.localeCompare(b.authorisedOn))[0];
  return {
    fgdmOfferDate: offers.map((o) => o.offeredOn).sort()[0] ?? null,
    fgdmOfferAccepted: offers.length
      ? offers.some((o) => o.response === 'accepted' && by(o.respondedOn))
      : null,
    fgdmMeetingDate: meetings[0] ?? null,
    fgdmExemptionDate: exemption?.authorisedOn ?? null,
    fgdmExemptionScope: exemption?.scope ?? null,
    preProceedingsStartDate: start
      ? letter && by(letter.sentOn)
        ? letter.sentOn
        : start.date
      : null,
    preProceedingsEndDate: end?.date ?? null,
    preProceedingsOutcome: outcome,
    careProceedingsIssueDate: application?.issuedOn ?? null,
  };
}
