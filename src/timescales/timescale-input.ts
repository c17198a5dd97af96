/**
 * Assembles one case's `TimescaleInput` from facts a caller loaded itself (pure): the case
 * responses fetch these inside their one page query. `TimescaleRepository.loadTimescaleInputs`
 * builds the same input from its set-based queries.
 */
import type { CaseHistoryEntry } from 'src/case-history/case-types';
import { earlierReferrals, ReferralEventRow } from './timescale.repository';
import type { FnpReviewInput, TimescaleInput, TimescaleSettings } from './timescale-rules';

export interface TimescaleFacts {
  referralDate: string;
  assessmentCompletedAt: string | null;
  history: CaseHistoryEntry[];
  meetings: { kind: string; date: string }[];
  visits: { childId: string; date: string; seenAlone: boolean }[];
  /** The case's `case_created` / `case_reopened` / `assessment_completed` timeline rows, in order. */
  referralEvents: ReferralEventRow[];
  /** The Family Network Plan reviews held and due (`FNP_REVIEW_ITEMS_SQL`). */
  fnpReviews?: FnpReviewInput[];
  settings: TimescaleSettings;
}

export function buildTimescaleInput(f: TimescaleFacts, today: string): TimescaleInput {
  const held = (kind: string) => f.meetings.filter((x) => x.kind === kind).map((x) => x.date);
  return {
    today,
    referralDate: f.referralDate,
    assessmentCompletedAt: f.assessmentCompletedAt,
    earlierReferrals: earlierReferrals(f.referralEvents),
    history: f.history,
    initialConferences: held('initial_cp_conference'),
    reviewConferences: held('review_cp_conference'),
    coreGroups: held('core_group'),
    visits: f.visits.map((v) => ({ childId: v.childId, date: v.date, seenAlone: v.seenAlone })),
    familyNetworkPlanReviews: f.fnpReviews ?? [],
    settings: f.settings,
  };
}
