/**
 * The building blocks of a timescale list (src/case-history/timescale-rules.ts): an item's
 * status, an item, the dates held within a period, a recurring series. Pure.
 */
import { addWeeks, compareDates, workingDayOnOrBefore } from 'src/common/working-days';
import type { Timescale, TimescaleKind, TimescaleStatus } from './timescale-types';
import { onOrBefore } from './timescale-as-at';

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

export interface Extra {
  childId?: string;
  planId?: string;
  scheduledFor?: string | null;
  endedOn?: string | null;
}

export function item(
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
export function heldWithin(
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
export function series(
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

/** "Within N weeks": N weeks later, moved back to the last working day. */
export function addWeeksOnWorkingDay(date: string, weeks: number): string {
  return workingDayOnOrBefore(addWeeks(date, weeks));
}
