import { addWorkingDays, type IsoDate } from 'src/common/working-days';

/** One child in one episode of a case (referral → closure), as the export query returns it. */
export interface EpisodeRow {
  personId: string;
  caseId: string;
  /** The episode's number within its case (1 for the first referral). */
  seq: number;
  laPersonId: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  gender: string | null;
  ethnicity: string | null;
  disabilities: string[] | null;
  upn: string | null;
  upnUnknownReason: string | null;
  expectedDateOfBirth: string | null;
  referralDate: string;
  referralSource: string;
  closed: boolean;
  /** The closure date the practitioner gave; null while open (or never recorded). */
  closedOn: string | null;
  closureReason: string | null;
  /** CIN primary need at closure (N0-N9), when recorded. */
  primaryNeed: string | null;
  /** When the Family Help plan (CIN plan) started in this episode; null when it never did. */
  cinPlanStartedOn: string | null;
  assessmentCompletedOn: string | null;
  stage: string;
  teamName: string;
  workerName: string;
  /** This child's decisions on the case (superseded ones left out), oldest first. */
  decisions: {
    type: string;
    date: string;
    category: string | null;
    strategyDiscussionDate: string | null;
    conferenceDate: string | null;
    /** `end_pre_proceedings`: its outcome. */
    outcome?: string | null;
    /** `apply_for_care_proceedings`: the day the application was issued. */
    issuedOn?: string | null;
  }[];
  meetings: { kind: string; date: string }[];
  /** This child's assessments started within the episode, oldest first. */
  assessments: {
    startedOn: string;
    completedOn: string | null;
    authorisedOn: string | null;
    factors: string[] | null;
    primaryNeed: string | null;
    /** The assessment's outcome once completed (`no_further_action`, …). */
    outcome?: string | null;
  }[];
  lastVisit: { date: string; seenAlone: boolean } | null;
  /** Every CP plan start of this child in the LA, across all its cases and episodes. */
  cpPlanStarts: string[];
  /** The FGDM offers, meetings and exemptions about this child, and the letters before
   * proceedings, within the episode (the census PreProceedingsandFGDM block). */
  fgdm?: EpisodeFgdm | null;
}

/** The FGDM facts of one child's episode, as the export query returns them. */
export interface EpisodeFgdm {
  offers: { offeredOn: string; response: string | null; respondedOn: string | null }[] | null;
  meetings: string[] | null;
  exemptions: { authorisedOn: string; scope: 'offer' | 'meeting' }[] | null;
  letters: { startedOn: string; sentOn: string }[] | null;
}

export interface CpPlan {
  startDate: string;
  endDate: string | null;
  initialCategory: string | null;
  latestCategory: string | null;
  reviewDates: string[];
}

export interface Section47 {
  strategyDiscussionDate: string | null;
  startDate: string;
  icpcTarget: string | null;
  /** The initial child protection conference held for it. */
  icpcDate: string | null;
  /** No further action ended it before any conference. */
  nfaDate: string | null;
  icpcNotRequired: boolean;
}

/** One period of a child on the Family Help plan (the census's CINPlanDates). */
export interface CinPlanPeriod {
  startDate: string;
  endDate: string | null;
}

/** Everything the returns say about one episode, derived from its facts (pure). */
export interface Episode {
  row: EpisodeRow;
  section47s: Section47[];
  cpPlans: CpPlan[];
  cinPlans: CinPlanPeriod[];
}

/**
 * A child's periods on the Family Help plan within one episode (pure): from the plan's start
 * to the episode's closure, minus the child's child protection plans — a CP plan starting ends
 * the period that day (step-up), its end starts the next (step-down to Family Help, when the
 * case stays open). Empty periods (a step-up on the plan's first day) are left out, so the
 * periods never overlap each other or a CP plan, as the DfE rules 4001, 4014, 4016 and 4017 ask.
 */
export function cinPlanPeriods(
  startedOn: string | null | undefined,
  cpPlans: Pick<CpPlan, 'startDate' | 'endDate'>[],
  closedOn: string | null,
): CinPlanPeriod[] {
  if (!startedOn || (closedOn && closedOn < startedOn)) return [];
  const periods: CinPlanPeriod[] = [];
  let from: string | null = startedOn;
  const plans = [...cpPlans].sort((a, b) => a.startDate.localeCompare(b.startDate));
  for (const p of plans) {
    if (from === null) break;
    if (p.endDate !== null && p.endDate < from) continue; // over before the plan started
    if (p.startDate > from) periods.push({ startDate: from, endDate: p.startDate });
    from = p.endDate;
  }
  if (from !== null && (!closedOn || closedOn > from))
    periods.push({ startDate: from, endDate: closedOn });
  return periods;
}

const ICPC_WORKING_DAYS = 15;

export function episodeOf(row: EpisodeRow): Episode {
  const section47s: Section47[] = [];
  const cpPlans: CpPlan[] = [];
  const icpcs = row.meetings.filter((m) => m.kind === 'initial_cp_conference').map((m) => m.date);
  const reviews = row.meetings.filter((m) => m.kind === 'review_cp_conference').map((m) => m.date);
  const starts = row.decisions.filter((d) => d.type === 'start_section_47_enquiry');
  for (const d of row.decisions) {
    if (d.type === 'start_section_47_enquiry') {
      const sd = d.strategyDiscussionDate ?? d.date;
      const next = starts[starts.indexOf(d) + 1]?.date ?? '9999-12-31';
      section47s.push({
        strategyDiscussionDate: d.strategyDiscussionDate,
        startDate: d.date,
        icpcTarget: addWorkingDays(sd as IsoDate, ICPC_WORKING_DAYS),
        // The initial conference held for this enquiry (before the next one started).
        icpcDate: icpcs.find((m) => m >= d.date && m < next) ?? null,
        nfaDate: null,
        icpcNotRequired: false,
      });
    }
    const open = section47s[section47s.length - 1];
    if (d.type === 'no_further_action' && open && !open.icpcDate && !open.nfaDate) {
      open.nfaDate = d.date;
      open.icpcNotRequired = true;
    }
    if (d.type === 'start_child_protection_plan') {
      // A plan without a recorded conference meeting: its conference is the plan's own date.
      if (open && !open.icpcDate && !open.nfaDate) open.icpcDate = d.conferenceDate ?? d.date;
      const current = cpPlans[cpPlans.length - 1];
      if (current && !current.endDate) {
        current.latestCategory = d.category; // a correction or re-categorisation
        continue;
      }
      cpPlans.push({
        startDate: d.date,
        endDate: null,
        initialCategory: d.category,
        latestCategory: d.category,
        reviewDates: [],
      });
    }
    if (d.type === 'end_child_protection_plan') {
      const plan = cpPlans[cpPlans.length - 1];
      if (plan && !plan.endDate) plan.endDate = d.date;
    }
  }
  for (const plan of cpPlans)
    plan.reviewDates = reviews.filter(
      (r) => r >= plan.startDate && (!plan.endDate || r <= plan.endDate),
    );
  const closedOn = row.closed ? row.closedOn : null;
  const cinPlans = cinPlanPeriods(row.cinPlanStartedOn, cpPlans, closedOn);
  return { row, section47s, cpPlans, cinPlans };
}

/** Whole years between a date of birth and a date (null when unknown). */
export function ageOn(dateOfBirth: string | null, on: string): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
}
