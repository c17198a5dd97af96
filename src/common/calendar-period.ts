/**
 * Report periods are calendar periods (pure): "12 months up to today" starts on the first day
 * of the month 11 months back, and "3 years after 1 January 2023" is 1 January 2026, whatever
 * day of the week either falls on. Unlike the statutory "within N months" of the timescales,
 * nothing here moves to a working day.
 */

/** `date` plus `n` calendar months (negative: back); a day the month lacks becomes its last. */
export function plusCalendarMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`n must be a whole number, got ${n}`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1;
  const d = Number(date.slice(8, 10));
  const index = y * 12 + m + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The default report period's first day: the first of the month 11 months before `to`'s. */
export function twelveMonthsUpTo(to: string): string {
  return plusCalendarMonths(`${to.slice(0, 7)}-01`, -11);
}

/** Whether `to` is more than `years` calendar years after `from` (exactly that many is fine). */
export function longerThanYears(from: string, to: string, years: number): boolean {
  return plusCalendarMonths(from, 12 * years) < to;
}
