/**
 * Calendar and working-day arithmetic on ISO calendar dates (`YYYY-MM-DD` strings).
 *
 * Dates carry no time or time zone: all arithmetic is done on UTC midnights, so daylight
 * saving never shifts a day. A working day is Monday to Friday and not an England & Wales
 * bank holiday (substitute days included), as published by the `date-holidays` package
 * (`GB`/`ENG`, holidays of type `public`; observances such as Mother's Day are ignored). The
 * years 2000–2050 are read from a table generated from that package
 * (`bank-holidays-table.ts`, checked against it by a test); the package itself (~5 MiB of live
 * heap) is loaded only for a year outside them.
 *
 * Counting follows docs/domain.md: the day of the triggering event is day 0 and "within N
 * working days" is the Nth working day after it.
 */
import type Holidays from 'date-holidays';
import { lazyModule } from './lazy-module';
import { BANK_HOLIDAY_YEARS, ENGLAND_BANK_HOLIDAYS } from './bank-holidays-table';

/** The package's class (its CommonJS export is the class itself). */
const holidaysClass = lazyModule(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require('date-holidays') as typeof Holidays | { default: typeof Holidays };
  return 'default' in m ? m.default : m;
});

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') {
    return false;
  }
  const match = ISO_DATE.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return (
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day
  );
}

/** UTC midnight of an ISO date; throws a RangeError on anything but a real `YYYY-MM-DD`. */
function toUtc(date: IsoDate): Date {
  if (!isIsoDate(date)) {
    throw new RangeError(`not an ISO calendar date (YYYY-MM-DD): ${String(date)}`);
  }
  return new Date(`${date}T00:00:00.000Z`);
}

function fromUtc(value: Date): IsoDate {
  return value.toISOString().slice(0, 10);
}

function requireInteger(n: number, name: string): void {
  if (!Number.isInteger(n)) {
    throw new RangeError(`${name} must be an integer, got ${n}`);
  }
}

/** `date` plus `n` calendar days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'n');
  return fromUtc(new Date(toUtc(date).getTime() + n * DAY_MS));
}

/** `date` plus `n` calendar weeks (7n days; no working-day adjustment). */
export function addWeeks(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'n');
  return addDays(date, 7 * n);
}

/** Real calendar dates seen before (bounded), so comparing needs no parsing. */
const knownDates = new Set<IsoDate>();

function requireIsoDate(date: IsoDate): void {
  if (knownDates.has(date)) return;
  toUtc(date); // throws on anything but a real YYYY-MM-DD
  if (knownDates.size >= 50_000) knownDates.clear();
  knownDates.add(date);
}

/**
 * Negative, zero or positive as `a` is before, equal to or after `b`. Real `YYYY-MM-DD` dates
 * order as strings; anything else is a RangeError.
 */
export function compareDates(a: IsoDate, b: IsoDate): number {
  requireIsoDate(a);
  requireIsoDate(b);
  return a === b ? 0 : a < b ? -1 : 1;
}

let holidaysSource: Holidays | null = null;
const bankHolidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

/** The England & Wales bank holidays (substitute days included) of one year, cached. */
export function bankHolidays(year: number): ReadonlySet<IsoDate> {
  requireInteger(year, 'year');
  const cached = bankHolidaysByYear.get(year);
  if (cached) {
    return cached;
  }
  const dates = new Set(
    year >= BANK_HOLIDAY_YEARS.first && year <= BANK_HOLIDAY_YEARS.last
      ? ENGLAND_BANK_HOLIDAYS[year].split(' ').map((monthDay) => `${year}-${monthDay}`)
      : publishedBankHolidays(year),
  );
  bankHolidaysByYear.set(year, dates);
  return dates;
}

/** The year's bank holidays from the `date-holidays` package itself (loaded on first use). */
export function publishedBankHolidays(year: number): IsoDate[] {
  holidaysSource ??= new (holidaysClass())('GB', 'ENG');
  return holidaysSource
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => holiday.date.slice(0, 10));
}

const bankHolidayTimesByYear = new Map<number, ReadonlySet<number>>();

/** The bank holidays of one year as UTC-midnight timestamps (for day-by-day walks). */
function bankHolidayTimes(year: number): ReadonlySet<number> {
  let times = bankHolidayTimesByYear.get(year);
  if (!times) {
    times = new Set([...bankHolidays(year)].map((d) => toUtc(d).getTime()));
    bankHolidayTimesByYear.set(year, times);
  }
  return times;
}

export function isBankHoliday(date: IsoDate): boolean {
  const day = toUtc(date);
  return bankHolidays(day.getUTCFullYear()).has(date);
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = toUtc(date).getUTCDay();
  return weekday === 0 || weekday === 6;
}

const workingDayCache = new Map<IsoDate, boolean>();

/** Monday to Friday and not an England & Wales bank holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  const cached = workingDayCache.get(date);
  if (cached !== undefined) return cached;
  const result = !isWeekend(date) && !isBankHoliday(date);
  if (workingDayCache.size >= 50_000) workingDayCache.clear();
  workingDayCache.set(date, result);
  return result;
}

/**
 * The `n`th working day after `date` (day 0). `date` itself need not be a working day:
 * from Saturday, one working day is the next Monday (if it is not a bank holiday).
 * `n = 0` returns `date` unchanged; a negative `n` counts back to the |n|th working day
 * before `date`.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'n');
  const key = `${date}|${n}`;
  const cached = workingDaysCache.get(key);
  if (cached !== undefined) return cached;
  const step = n < 0 ? -DAY_MS : DAY_MS;
  let time = toUtc(date).getTime();
  for (let remaining = Math.abs(n); remaining > 0;) {
    time += step;
    const day = new Date(time);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !bankHolidayTimes(day.getUTCFullYear()).has(time)) {
      remaining--;
    }
  }
  const current = fromUtc(new Date(time));
  if (workingDaysCache.size >= WORKING_DAYS_CACHE_SIZE) workingDaysCache.clear();
  workingDaysCache.set(key, current);
  return current;
}

/**
 * Results of `addWorkingDays` (pure: bank holidays are fixed per year), so that listing
 * timescales across many cases does not walk the calendar day by day again. Bounded.
 */
const WORKING_DAYS_CACHE_SIZE = 50_000;
const workingDaysCache = new Map<string, IsoDate>();

/**
 * Working days after `a` up to and including `b`; negative when `b` is before `a`. The
 * inverse of `addWorkingDays`: `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  const order = compareDates(a, b);
  if (order === 0) {
    return 0;
  }
  const [from, to] = order < 0 ? [a, b] : [b, a];
  let count = 0;
  for (let current = addDays(from, 1); compareDates(current, to) <= 0;) {
    if (isWorkingDay(current)) {
      count++;
    }
    current = addDays(current, 1);
  }
  return order < 0 ? count : -count;
}

/** The latest working day on or before `date`. */
export function workingDayOnOrBefore(date: IsoDate): IsoDate {
  let current = date;
  while (!isWorkingDay(current)) {
    current = addDays(current, -1);
  }
  return current;
}

/**
 * "Within N months": the same calendar day `n` months later (or that month's last day if
 * it has none), moved back to the last working day if it falls on a non-working day.
 * A negative `n` counts months back, with the same clamping and roll-back.
 */
export function addCalendarMonths(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'n');
  const start = toUtc(date);
  const monthIndex = start.getUTCFullYear() * 12 + start.getUTCMonth() + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay)));
  return workingDayOnOrBefore(fromUtc(target));
}

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let lastMinute = NaN;
let lastDate = '';

/**
 * Today's calendar date in England (Europe/London), where the service's users work: at
 * 00:30 BST on 1 June the date is 1 June even though UTC still says 31 May.
 */
export function todayIso(now: Date = new Date()): IsoDate {
  // The date in London changes only on a minute boundary (offsets are whole hours), so one
  // formatting per minute serves every request in it (formatToParts showed as 1-3% of a case
  // read's CPU profile when run per request).
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute === lastMinute) return lastDate;
  const parts = LONDON_DATE.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  lastDate = `${part('year')}-${part('month')}-${part('day')}`;
  lastMinute = minute;
  return lastDate;
}
