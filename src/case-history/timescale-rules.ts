/**
 * Statutory and local-policy timescales for one case (docs/domain.md, "Statutory timescales" and
 * "Dates and timescale statuses that inspectors can trust"), computed from the case's history
 * (its child-protection episodes, `episodes.ts`) and the dates of meetings and visits held.
 * Pure: the caller loads the data and supplies `today`.
 */
import { CpEpisode, PlanPeriod, caseEpisodes } from './episodes';
import { addCalendarMonths, addWorkingDays, compareDates } from 'src/common/working-days';
import {
  TimescaleSettings,
  STATUTORY_TIMESCALES,
  TimescaleInput,
  Timescale,
} from './timescale-types';
import { asAt, onOrBefore } from './timescale-as-at';
import { addWeeksOnWorkingDay, heldWithin, item, series, timescaleStatus } from './timescale-items';
import { proceedingsItems } from './proceedings-timescales';
export { timescaleStatus };
export {
  type TimescaleInput,
  type FnpReviewInput,
  type LetterInput,
  type TimescaleSettings,
  STATUTORY_TIMESCALES,
  TIMESCALE_KINDS,
  TIMESCALE_STATUSES,
  type TimescaleKind,
  type TimescaleStatus,
  DEFAULT_TIMESCALE_SETTINGS,
  type Timescale,
} from './timescale-types';

function validateSettings(settings: TimescaleSettings): void {
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive whole number, got ${value}`);
    }
  }
}

function byDueDateThenKind(a: Timescale, b: Timescale): number {
  return (
    compareDates(a.dueDate, b.dueDate) ||
    cmp(a.kind, b.kind) ||
    cmp(a.childId ?? '', b.childId ?? '') ||
    cmp(a.planId ?? '', b.planId ?? '') ||
    cmp(a.metAt ?? '', b.metAt ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** When the initial conference of `episode` was held, as at `today`; null if not (yet). */
function icpcHeldAt(episode: CpEpisode, meetings: readonly string[], today: string): string | null {
  const [meeting] = heldWithin(meetings, episode.strategyDiscussionDate, episode.endedOn, today);
  if (meeting) return meeting;
  const held = episode.planConferenceHeldAt;
  return held && onOrBefore(held, today) ? held : null;
}

/** The end of the plan requirements: the episode's end, or the last plan's end. */
function plansEnd(episode: CpEpisode): string | null {
  if (episode.endedOn) return episode.endedOn;
  if (episode.plans.some((p) => p.endedOn === null)) return null;
  const ends = episode.plans.map((p) => p.endedOn as string).sort(compareDates);
  return ends[ends.length - 1] ?? null;
}

function visitItems(input: TimescaleInput, period: PlanPeriod): Timescale[] {
  const { today, settings } = input;
  const visits = input.visits.filter((v) => v.childId === period.childId).map((v) => v.date);
  const interval = settings.visitIntervalWorkingDays;
  return series(
    'visit',
    addWorkingDays(period.startedAt, interval),
    heldWithin(visits, period.startedAt, period.endedOn, today),
    (last) => addWorkingDays(last, interval),
    today,
    period.endedOn,
    { childId: period.childId },
  );
}

/**
 * The initial conference of each sibling's later enquiry in the episode, per child: met by the
 * first initial conference held from its strategy discussion, or by the child's plan starting.
 */
function laterEnquiryItems(input: TimescaleInput, episode: CpEpisode): Timescale[] {
  const { today } = input;
  const items: Timescale[] = [];
  for (const enquiry of episode.laterEnquiries) {
    const due = addWorkingDays(
      enquiry.strategyDiscussionDate,
      STATUTORY_TIMESCALES.initialConferenceWorkingDays,
    );
    const meetings = heldWithin(
      input.initialConferences ?? [],
      enquiry.strategyDiscussionDate,
      episode.endedOn,
      today,
    );
    for (const childId of enquiry.childIds) {
      const planStart = episode.plans.find(
        (p) => p.childId === childId && compareDates(p.startedAt, enquiry.startedAt) >= 0,
      )?.startedAt;
      const held = meetings[0] ?? (planStart && onOrBefore(planStart, today) ? planStart : null);
      if (held || episode.endedOn === null || compareDates(due, episode.endedOn) < 0) {
        items.push(
          item('initial_cp_conference', due, today, held, { childId, endedOn: episode.endedOn }),
        );
      }
    }
  }
  return items;
}

/** Initial, review, core-group and visit timescales of one child-protection episode. */
function episodeItems(input: TimescaleInput, episode: CpEpisode): Timescale[] {
  const { today, settings } = input;
  const items: Timescale[] = [];
  const held = icpcHeldAt(episode, input.initialConferences ?? [], today);
  const icpcDue = addWorkingDays(
    episode.strategyDiscussionDate,
    STATUTORY_TIMESCALES.initialConferenceWorkingDays,
  );
  const ended = episode.endedOn;
  // After the enquiry ended without a conference, the ICPC is listed only if it was missed.
  if (held || ended === null || compareDates(icpcDue, ended) < 0) {
    items.push(
      item('initial_cp_conference', icpcDue, today, held, {
        scheduledFor: episode.conferenceDate,
        endedOn: ended,
      }),
    );
  }
  items.push(...laterEnquiryItems(input, episode));
  if (!held || episode.plans.length === 0) return items;

  const until = plansEnd(episode);
  items.push(
    ...series(
      'review_cp_conference',
      addCalendarMonths(held, STATUTORY_TIMESCALES.firstReviewMonths),
      heldWithin(input.reviewConferences, held, until, today),
      (last) => addCalendarMonths(last, STATUTORY_TIMESCALES.laterReviewMonths),
      today,
      until,
    ),
    ...series(
      'core_group',
      addWorkingDays(held, STATUTORY_TIMESCALES.firstCoreGroupWorkingDays),
      heldWithin(input.coreGroups, held, until, today),
      (last) => addWeeksOnWorkingDay(last, settings.coreGroupIntervalWeeks),
      today,
      until,
    ),
  );
  for (const period of episode.plans) items.push(...visitItems(input, period));
  return items;
}

/** One assessment item per referral; a referral ends when the case is next closed. */
function assessmentItems(input: TimescaleInput, closures: readonly string[]): Timescale[] {
  const referrals = [
    ...(input.earlierReferrals ?? []),
    { referralDate: input.referralDate, assessmentCompletedAt: input.assessmentCompletedAt },
  ];
  const items: Timescale[] = [];
  referrals.forEach((r, i) => {
    const ended = closures[i] ?? null;
    const due = addWorkingDays(r.referralDate, STATUTORY_TIMESCALES.assessmentWorkingDays);
    const done =
      r.assessmentCompletedAt && onOrBefore(r.assessmentCompletedAt, input.today)
        ? r.assessmentCompletedAt
        : null;
    if (done || ended === null || compareDates(due, ended) < 0) {
      items.push(item('assessment', due, input.today, done, { endedOn: ended }));
    }
  });
  return items;
}

/**
 * Every timescale of one case as at `today`, sorted by due date then kind: the current
 * episode's items `due` or `overdue`, everything done by then as `met` or `met_late` history,
 * and the items of episodes ended by then (step-down, closure, an earlier referral) kept with
 * their statuses and `endedOn`. Only what had happened by `today` counts (`asAt`).
 */
export function computeTimescales(full: TimescaleInput): Timescale[] {
  validateSettings(full.settings);
  const input = asAt(full);
  if (!input) return [];
  const { today } = input;
  const { cp, closures, state } = caseEpisodes(input.history);
  const items: Timescale[] = [...assessmentItems(input, closures)];
  for (const episode of cp) items.push(...episodeItems(input, episode));

  items.push(...proceedingsItems(input));

  // On a closed case nothing is outstanding: reviews held remain, and a review not held that
  // fell due before the closure stays as missed history (`endedOn`), like any ended episode's.
  const closedOn = state.stage === 'closed' ? (closures[closures.length - 1] ?? null) : null;
  for (const review of input.familyNetworkPlanReviews) {
    if (closedOn && !review.reviewedAt && compareDates(review.reviewDate, closedOn) >= 0) continue;
    items.push(
      item('family_network_plan_review', review.reviewDate, today, review.reviewedAt, {
        planId: review.planId,
        endedOn: closedOn && !review.reviewedAt ? closedOn : null,
      }),
    );
  }
  return items.sort(byDueDateThenKind);
}

/** Items still to act on: not done and not of an ended episode. */
export const isOutstanding = (t: Timescale): boolean =>
  (t.status === 'due' || t.status === 'overdue') && !t.endedOn;

/** Overdue work: outstanding and past its due date. The one answer to "is it overdue?" that
 * the case view, the caseload's `overdue` filter and the managers' overdue list all use. */
export const isOverdue = (t: Timescale): boolean => t.status === 'overdue' && isOutstanding(t);

/** What a case shows beside its record: the earliest outstanding item and how many are overdue. */
export function timescaleSummary(items: readonly Timescale[]): {
  next: Timescale | null;
  overdueCount: number;
} {
  return {
    next: items.find(isOutstanding) ?? null,
    overdueCount: items.filter(isOverdue).length,
  };
}
