import type { CaseHistoryEntry } from 'src/case-history/case-types';

export const TIMESCALE_KINDS = [
  'assessment',
  'initial_cp_conference',
  'review_cp_conference',
  'core_group',
  'visit',
  'care_proceedings',
  'pre_proceedings',
  'pre_proceedings_review',
  'family_network_plan_review',
] as const;
export type TimescaleKind = (typeof TIMESCALE_KINDS)[number];
export const TIMESCALE_STATUSES = ['due', 'overdue', 'met', 'met_late'] as const;
export type TimescaleStatus = (typeof TIMESCALE_STATUSES)[number];

/** Local policy, configurable per local authority. */
export interface TimescaleSettings {
  coreGroupIntervalWeeks: number;
  visitIntervalWorkingDays: number;
  /** The length of pre-proceedings from the letter (the LA's `preProceedingsWeeks`; 16 when
   * not given). */
  preProceedingsWeeks?: number;
}

export const DEFAULT_TIMESCALE_SETTINGS: Readonly<TimescaleSettings> = Object.freeze({
  coreGroupIntervalWeeks: 4,
  visitIntervalWorkingDays: 10,
  preProceedingsWeeks: 16,
});

/** Statutory figures (Working Together 2023; Children Act 1989 s32(1)(a)). */
export const STATUTORY_TIMESCALES = Object.freeze({
  assessmentWorkingDays: 45,
  initialConferenceWorkingDays: 15,
  firstReviewMonths: 3,
  laterReviewMonths: 6,
  firstCoreGroupWorkingDays: 10,
  careProceedingsWeeks: 26,
});

/** Local practice (docs/before-proceedings.md, "Proceedings timescales"): a pre-proceedings
 * review meeting is expected within 6 weeks of the letter before proceedings. */
export const PRE_PROCEEDINGS_REVIEW_WEEKS = 6;

export interface TimescaleInput {
  today: string;
  /** The current referral (the case's, or the latest reopening's). */
  referralDate: string;
  assessmentCompletedAt: string | null;
  /** Referrals before the current one (a case reopened), oldest first. */
  earlierReferrals?: { referralDate: string; assessmentCompletedAt: string | null }[];
  /** The case's history (concerns, decisions, closures, reopenings) in recorded order. */
  history: readonly CaseHistoryEntry[];
  /** Dates of initial CP conferences held (meetings recorded). */
  initialConferences?: string[];
  /** Dates of review CP conferences held. */
  reviewConferences: string[];
  /** Dates of core group meetings held. */
  coreGroups: string[];
  visits: { childId: string; date: string; seenAlone: boolean }[];
  familyNetworkPlanReviews: FnpReviewInput[];
  /** Letters before proceedings: the pre-proceedings they belong to (its start) and sent. */
  letters?: LetterInput[];
  /** Dates of pre-proceedings review meetings held. */
  preProceedingsReviews?: string[];
  settings: TimescaleSettings;
}

/** A letter before proceedings: `startedOn` names its pre-proceedings (the decision's date). */
export interface LetterInput {
  startedOn: string;
  sentOn: string;
}

/** A Family Network Plan review due: `since` is the day it became required (the plan's
 * creation, or the review before it), so a report as at an earlier day leaves it out. */
export interface FnpReviewInput {
  planId: string;
  reviewDate: string;
  reviewedAt: string | null;
  since?: string;
}

export interface Timescale {
  kind: TimescaleKind;
  childId?: string;
  planId?: string;
  dueDate: string;
  status: TimescaleStatus;
  metAt?: string;
  /** Calendar days after the due date it was met (`met_late` only). */
  daysLate?: number;
  /** A conference booked for this date and not yet held. */
  scheduledFor?: string;
  /** The episode (referral, enquiry, plan) this item belongs to ended on this date: history. */
  endedOn?: string;
}
