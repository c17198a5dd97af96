import type { CaseHistoryEntry } from 'src/case-history/case-types';
import { TimescaleInput } from './timescale-types';
import { compareDates } from 'src/common/working-days';

export const onOrBefore = (a: string, b: string | null) => b === null || compareDates(a, b) <= 0;

/** The date an entry of the history happened on (a decision's effective date). */
function happenedOn(entry: CaseHistoryEntry): string {
  return entry.kind === 'decision' ? entry.effectiveDate : entry.at;
}

/**
 * The input as it stood at the end of `input.today`: what happened after that day (history,
 * referrals, reviews, assessments) is left out, so a report for a past date never changes
 * when later work is recorded. Null when no referral had been made by then (pure).
 */
export function asAt(input: TimescaleInput): TimescaleInput | null {
  const { today } = input;
  const happened = (d: string | null | undefined): d is string => !!d && onOrBefore(d, today);
  const referrals = [
    ...(input.earlierReferrals ?? []),
    { referralDate: input.referralDate, assessmentCompletedAt: input.assessmentCompletedAt },
  ]
    .filter((r) => happened(r.referralDate))
    .map((r) => ({
      referralDate: r.referralDate,
      assessmentCompletedAt: happened(r.assessmentCompletedAt) ? r.assessmentCompletedAt : null,
    }));
  const current = referrals.pop();
  if (!current) return null;
  return {
    ...input,
    referralDate: current.referralDate,
    assessmentCompletedAt: current.assessmentCompletedAt,
    earlierReferrals: referrals,
    history: input.history.filter((e) => happened(happenedOn(e))),
    familyNetworkPlanReviews: input.familyNetworkPlanReviews
      .filter((r) => r.since === undefined || happened(r.since))
      .map((r) => ({ ...r, reviewedAt: happened(r.reviewedAt) ? r.reviewedAt : null })),
  };
}
