/**
 * Statutory and local-policy timescales for one case (DOMAIN.md, "Statutory timescales"),
 * computed from the derived case state and the dates of meetings and visits held. Pure:
 * the caller loads the data and supplies `today`.
 */
import { CaseState } from 'src/case-history/case-types';
import { addCalendarMonths, addWeeks, addWorkingDays, compareDates } from './working-days';

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
export type TimescaleStatus = 'due' | 'met' | 'overdue';

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
  referralDate: string;
  assessmentCompletedAt: string | null;
  /** From `replay()` of the case history. */
  state: CaseState;
  /** When the initial CP conference was held; falls back to `state.icpc.heldAt`. */
  icpcHeldAt: string | null;
  /** Dates of review CP conferences held. */
  reviewConferences: string[];
  /** Dates of core group meetings held. */
  coreGroups: string[];
  visits: { childId: string; date: string; seenAlone: boolean }[];
  familyNetworkPlanReviews: { planId: string; reviewDate: string; reviewedAt: string | null }[];
  settings: TimescaleSettings;
}

export interface Timescale {
  kind: TimescaleKind;
  childId?: string;
  planId?: string;
  dueDate: string;
  status: TimescaleStatus;
  metAt?: string;
}

/** `met` once done (on time or late); otherwise `overdue` only after the due date. */
export function timescaleStatus(
  dueDate: string,
  today: string,
  metAt?: string | null,
): TimescaleStatus {
  if (metAt) return 'met';
  return compareDates(today, dueDate) > 0 ? 'overdue' : 'due';
}

function item(
  kind: TimescaleKind,
  dueDate: string,
  today: string,
  metAt: string | null = null,
  extra: { childId?: string; planId?: string } = {},
): Timescale {
  const status = timescaleStatus(dueDate, today, metAt);
  return { kind, ...extra, dueDate, status, ...(metAt ? { metAt } : {}) };
}

/** Distinct dates on or after `from`, oldest first. */
function heldSince(dates: readonly string[], from: string): string[] {
  return [...new Set(dates)].filter((d) => compareDates(d, from) >= 0).sort(compareDates);
}

/**
 * A recurring meeting: one `met` item per meeting held (each against the due date it
 * answered), then the next one outstanding.
 */
function series(
  kind: TimescaleKind,
  firstDue: string,
  held: readonly string[],
  nextDue: (lastHeld: string) => string,
  today: string,
): Timescale[] {
  const items: Timescale[] = [];
  let due = firstDue;
  for (const date of held) {
    items.push(item(kind, due, today, date));
    due = nextDue(date);
  }
  items.push(item(kind, due, today));
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
    cmp(a.planId ?? '', b.planId ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Initial, review, core-group and visit timescales of the child-protection episode. */
function childProtection(input: TimescaleInput, heldAt: string | null): Timescale[] {
  const { state, today, settings } = input;
  const items: Timescale[] = [];
  const strategy = state.s47.strategyDiscussionDate;
  const awaitingIcpc = state.s47.active && state.stage === 'child_protection';
  if (strategy && (heldAt || awaitingIcpc)) {
    const due = addWorkingDays(strategy, STATUTORY_TIMESCALES.initialConferenceWorkingDays);
    items.push(item('initial_cp_conference', due, today, heldAt));
  }

  const children = Object.keys(state.cpPlans).sort();
  if (children.length === 0) return items;

  if (heldAt) {
    items.push(
      ...series(
        'review_cp_conference',
        addCalendarMonths(heldAt, STATUTORY_TIMESCALES.firstReviewMonths),
        heldSince(input.reviewConferences, heldAt),
        (last) => addCalendarMonths(last, STATUTORY_TIMESCALES.laterReviewMonths),
        today,
      ),
      ...series(
        'core_group',
        addWorkingDays(heldAt, STATUTORY_TIMESCALES.firstCoreGroupWorkingDays),
        heldSince(input.coreGroups, heldAt),
        (last) => addWeeks(last, settings.coreGroupIntervalWeeks),
        today,
      ),
    );
  }

  for (const childId of children) {
    const since = state.cpPlans[childId].startedAt;
    const visits = heldSince(
      input.visits.filter((v) => v.childId === childId).map((v) => v.date),
      since,
    );
    const last = visits.length > 0 ? visits[visits.length - 1] : since;
    const due = addWorkingDays(last, settings.visitIntervalWorkingDays);
    items.push(item('visit', due, today, null, { childId }));
  }
  return items;
}

/**
 * Every timescale of one case, sorted by due date then kind: met ones as history, the
 * rest `due` or `overdue` against `today`. On a closed case nothing is outstanding, so
 * only met items remain.
 */
export function computeTimescales(input: TimescaleInput): Timescale[] {
  validateSettings(input.settings);
  const { state, today } = input;
  const heldAt = input.icpcHeldAt ?? state.icpc.heldAt;
  const items: Timescale[] = [];

  items.push(
    item(
      'assessment',
      addWorkingDays(input.referralDate, STATUTORY_TIMESCALES.assessmentWorkingDays),
      today,
      input.assessmentCompletedAt,
    ),
  );
  items.push(...childProtection(input, heldAt));

  if (state.stage === 'care_proceedings' && state.careProceedings) {
    const due = addWeeks(
      state.careProceedings.startedAt,
      STATUTORY_TIMESCALES.careProceedingsWeeks,
    );
    items.push(item('care_proceedings', due, today));
  }

  for (const review of input.familyNetworkPlanReviews) {
    items.push(
      item('family_network_plan_review', review.reviewDate, today, review.reviewedAt, {
        planId: review.planId,
      }),
    );
  }

  const shown = state.stage === 'closed' ? items.filter((t) => t.status === 'met') : items;
  return shown.sort(byDueDateThenKind);
}
