/**
 * Statutory and local-policy timescales for one case (docs/domain.md, "Statutory timescales" and
 * "Dates and timescale statuses that inspectors can trust"), computed from the case's history
 * (its child-protection episodes, `episodes.ts`) and the dates of meetings and visits held.
 * Pure: the caller loads the data and supplies `today`.
 */
import { CpEpisode, PlanPeriod, caseEpisodes } from './episodes';
import {
  addCalendarMonths,
  addWeeks,
  addWorkingDays,
  compareDates,
  workingDayOnOrBefore,
} from 'src/common/working-days';
import {
  TimescaleKind,
  TimescaleStatus,
  TimescaleSettings,
  STATUTORY_TIMESCALES,
  TimescaleInput,
  Timescale,
} from './timescale-types';
import { asAt, onOrBefore } from './timescale-as-at';
export {
  type TimescaleInput,
  type FnpReviewInput,
  type TimescaleSettings,
  STATUTORY_TIMESCALES,
  TIMESCALE_KINDS,
  TIMESCALE_STATUSES,
  type TimescaleKind,
  type TimescaleStatus,
  DEFAULT_TIMESCALE_SETTINGS,
  type Timescale,
} from './timescale-types';

/**
 * `met` when done on or before the due date, `met_late` when done after it; otherwise
 * `overdue` only after the due date, else `due`.
 */
export function timescaleStatus(
  dueDate: string,
  today: string,
  metAt?: string | null,
): TimescaleStatus {
  if (metAt) return compareDates(metAt, dueDate) > 0 ? 'met_late' : 'met';
  return compareDates(today, dueDate) > 0 ? 'overdue' : 'due';
}

/** Calendar days from `a` to `b`. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

interface Extra {
  childId?: string;
  planId?: string;
  scheduledFor?: string | null;
  endedOn?: string | null;
}

function item(
  kind: TimescaleKind,
  dueDate: string,
  today: string,
  metAt: string | null = null,
  extra: Extra = {},
): Timescale {
  const status = timescaleStatus(dueDate, today, metAt);
  const { scheduledFor, endedOn, ...ids } = extra;
  return {
    kind,
    ...ids,
    dueDate,
    status,
    ...(metAt ? { metAt } : {}),
    ...(status === 'met_late' && metAt ? { daysLate: daysBetween(dueDate, metAt) } : {}),
    ...(scheduledFor && !metAt ? { scheduledFor } : {}),
    ...(endedOn ? { endedOn } : {}),
  };
}

/** Distinct dates in [from, until] (until null: no end) and not after today, oldest first. */
function heldWithin(
  dates: readonly string[],
  from: string,
  until: string | null,
  today: string,
): string[] {
  return [...new Set(dates)]
    .filter((d) => compareDates(d, from) >= 0 && onOrBefore(d, until) && onOrBefore(d, today))
    .sort(compareDates);
}

/**
 * A recurring requirement over a period: one item per occurrence held (each against the due
 * date it answered: `met` or `met_late`, so a missed interval stays visible), then the next
 * one outstanding. When the period has ended (`until`), the outstanding one is listed only if
 * it fell due on or before the end (it was missed: a visit due on the step-down day and not made stays listed); otherwise it was no longer required.
 */
function series(
  kind: TimescaleKind,
  firstDue: string,
  held: readonly string[],
  nextDue: (lastHeld: string) => string,
  today: string,
  until: string | null,
  extra: Extra = {},
): Timescale[] {
  const items: Timescale[] = [];
  let due = firstDue;
  for (const date of held) {
    items.push(item(kind, due, today, date, { ...extra, endedOn: until }));
    due = nextDue(date);
  }
  if (until === null || compareDates(due, until) <= 0) {
    items.push(item(kind, due, today, null, { ...extra, endedOn: until }));
  }
  return items;
}

function validateSettings(settings: TimescaleSettings): void {
  for (const [name, value] of Object.entries(settings)) {
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

/** "Within N weeks": N weeks later, moved back to the last working day. */
export function addWeeksOnWorkingDay(date: string, weeks: number): string {
  return workingDayOnOrBefore(addWeeks(date, weeks));
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

  if (state.stage === 'care_proceedings' && state.careProceedings) {
    const due = addWeeksOnWorkingDay(
      state.careProceedings.startedAt,
      STATUTORY_TIMESCALES.careProceedingsWeeks,
    );
    items.push(item('care_proceedings', due, today));
  }

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
