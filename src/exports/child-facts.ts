import { addWorkingDays, type IsoDate } from 'src/common/working-days';

/** One child on one case, as the export query returns it. */
export interface EpisodeRow {
  personId: string;
  caseId: string;
  laPersonId: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  gender: string | null;
  ethnicity: string | null;
  referralDate: string;
  referralSource: string;
  closedOn: string | null;
  closureReason: string | null;
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
  }[];
  meetings: { kind: string; date: string }[];
  lastVisit: { date: string; seenAlone: boolean } | null;
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
  icpcDate: string | null;
  icpcNotRequired: boolean;
}

/** Everything the returns say about one episode, derived from its facts (pure). */
export interface Episode {
  row: EpisodeRow;
  section47s: Section47[];
  cpPlans: CpPlan[];
}

const ICPC_WORKING_DAYS = 15;

export function episodeOf(row: EpisodeRow): Episode {
  const section47s: Section47[] = [];
  const cpPlans: CpPlan[] = [];
  const icpcs = row.meetings.filter((m) => m.kind === 'initial_cp_conference').map((m) => m.date);
  const reviews = row.meetings.filter((m) => m.kind === 'review_cp_conference').map((m) => m.date);
  for (const d of row.decisions) {
    if (d.type === 'start_section_47_enquiry') {
      const sd = d.strategyDiscussionDate ?? d.date;
      section47s.push({
        strategyDiscussionDate: d.strategyDiscussionDate,
        startDate: d.date,
        icpcTarget: addWorkingDays(sd as IsoDate, ICPC_WORKING_DAYS),
        icpcDate: null,
        icpcNotRequired: false,
      });
    }
    const open = section47s[section47s.length - 1];
    if (d.type === 'convene_initial_cp_conference' && open && !open.icpcDate)
      open.icpcDate = d.conferenceDate ?? icpcs.find((m) => m >= open.startDate) ?? null;
    if (d.type === 'no_further_action' && open && !open.icpcDate) open.icpcNotRequired = true;
    if (d.type === 'start_child_protection_plan') {
      if (open && !open.icpcDate) open.icpcDate = icpcs.find((m) => m >= open.startDate) ?? d.date;
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
  return { row, section47s, cpPlans };
}

/** Whole years between a date of birth and a date (null when unknown). */
export function ageOn(dateOfBirth: string | null, on: string): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
}

/** The child's identifier in returns: the LA's own id when recorded, else Tandem's. */
export const childUniqueId = (r: EpisodeRow) => r.laPersonId ?? r.personId;

/** CIN census GenderCurrent: 1 male, 2 female, 0 not known, 9 not stated. */
export function censusGender(r: EpisodeRow): string {
  const v = (r.sex ?? r.gender ?? '').toLowerCase();
  if (v.startsWith('m')) return '1';
  if (v.startsWith('f')) return '2';
  return v ? '9' : '0';
}
