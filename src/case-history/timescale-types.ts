import type { CaseHistoryEntry } from 'src/case-history/case-types';

export const TIMESCALE_KINDS = [
  'assessment',
  'initial_cp_conference',
  'review_cp_conference',
  'core_group',
  'visit',
  'care_proceedings',
  'family_network_plan_review',
] as const;
export type TimescaleKind = (typeof TIMESCALE_KINDS)[number];
export const TIMESCALE_STATUSES = ['due', 'overdue', 'met', 'met_late'] as const;
export type TimescaleStatus = (typeof TIMESCALE_STATUSES)[number];

/** Local policy, configurable per local authority. */
export interface TimescaleSettings {
  coreGroupIntervalWeeks: number;
  visitIntervalWorkingDays: number;
}

export const DEFAULT_TIMESCALE_SETTINGS: Readonly<TimescaleSettings> = Object.freeze({
  coreGroupIntervalWeeks: 4,
  visitIntervalWorkingDays: 10,
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
  settings: TimescaleSettings;
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
