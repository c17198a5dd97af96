import { HistoryRow, toEntry } from 'src/case-history/case-history.repository';
import type { Stage } from 'src/case-history/case-types';
import { caseView, ChildRow } from './case-view';
import {
  CLOSURE_REASONS,
  REFERRAL_SOURCES,
  type ClosureReason,
  type ReferralSource,
} from './cin-codes';
import type { EpisodeView } from './case.repository';
import type { CaseResponse, EpisodeResponse } from './dto/case.responses';
import type { ReferralEventRow } from 'src/case-history/timescale-input';
import type { LetterInput } from 'src/case-history/timescale-types';
import { toFnpReviewItem } from 'src/case-history/family-network-plan-review.query';

export interface CaseRow {
  id: string;
  stage: Stage;
  familyId: string;
  teamId: string;
  leadPractitionerId: string;
  leadPractitionerName: string;
  childIds: string[];
  children: ChildRow[];
  coWorkers: { userId: string; name: string; role: string; assignedAt: string }[];
  history: HistoryRow[];
  meetings: { kind: string; date: string }[];
  visits: { childId: string; date: string; seenAlone: boolean }[];
  referralEvents: ReferralEventRow[];
  fnpReviews: {
    planId: string;
    reviewDate: string;
    reviewedAt: string | null;
    since: string | null;
  }[];
  safetyPlans: { startDecisionId: string; id: string }[];
  coreGroupIntervalWeeks: number;
  visitIntervalWorkingDays: number;
  preProceedingsWeeks: number;
  letters: LetterInput[];
  preProceedingsReviews: string[];
  referralDate: string;
  referralSource: ReferralSource;
  restricted: boolean;
  needsEcpp: boolean;
  closureReason: ClosureReason | null;
  closedAt: Date | null;
  closedEvent: { closedOn: string; authorisedBy: string | null } | null;
  episodes: EpisodeView[];
  assessmentCompletedAt: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  cursorAt: string;
  lastActivityAt: Date;
}

export function toCaseResponse(r: CaseRow, today: string): CaseResponse {
  const view = caseView(
    {
      referralDate: r.referralDate,
      assessmentCompletedAt: r.assessmentCompletedAt,
      history: r.history.map(toEntry),
      meetings: r.meetings,
      visits: r.visits,
      referralEvents: r.referralEvents,
      fnpReviews: r.fnpReviews.map(toFnpReviewItem),
      safetyPlans: r.safetyPlans,
      settings: {
        coreGroupIntervalWeeks: r.coreGroupIntervalWeeks,
        visitIntervalWorkingDays: r.visitIntervalWorkingDays,
        preProceedingsWeeks: r.preProceedingsWeeks,
      },
      letters: r.letters,
      preProceedingsReviews: r.preProceedingsReviews,
      children: r.children,
    },
    today,
  );
  return {
    id: r.id,
    stage: r.stage,
    familyId: r.familyId,
    teamId: r.teamId,
    leadPractitionerId: r.leadPractitionerId,
    leadPractitioner: { id: r.leadPractitionerId, name: r.leadPractitionerName },
    childIds: r.childIds,
    children: view.children,
    coWorkers: r.coWorkers.map((w) => ({
      userId: w.userId,
      name: w.name,
      role: w.role,
      assignedAt: new Date(w.assignedAt).toISOString(),
    })),
    referral: {
      date: r.referralDate,
      source: r.referralSource,
      sourceLabel: REFERRAL_SOURCES[r.referralSource],
    },
    restricted: r.restricted,
    needsEcpp: r.needsEcpp,
    closure:
      r.closureReason && r.closedAt
        ? {
            reason: r.closureReason,
            reasonLabel: CLOSURE_REASONS[r.closureReason],
            closedOn:
              r.episodes[r.episodes.length - 1]?.closedOn ?? r.closedEvent?.closedOn ?? null,
            primaryNeed: r.episodes[r.episodes.length - 1]?.primaryNeedAtClosure ?? null,
            closedAt: new Date(r.closedAt).toISOString(),
            authorisedBy: r.closedEvent?.authorisedBy ?? null,
          }
        : null,
    episodes: r.episodes.map(episodeResponse),
    assessmentCompletedAt: r.assessmentCompletedAt,
    nextTimescale: view.nextTimescale,
    overdueCount: view.overdueCount,
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    lastActivityAt: new Date(r.lastActivityAt).toISOString(),
  };
}

/** One episode of the case response (labels beside the codes). */
export function episodeResponse(e: EpisodeView): EpisodeResponse {
  const source = e.referralSource as ReferralSource;
  return {
    seq: e.seq,
    referralDate: e.referralDate,
    source,
    sourceLabel: REFERRAL_SOURCES[source],
    closed: e.closed,
    closedOn: e.closedOn,
    reason: e.closureReason,
    primaryNeed: e.primaryNeedAtClosure,
  };
}
