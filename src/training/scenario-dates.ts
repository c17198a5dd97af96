/**
 * Scenario dates are relative to the day a scenario is loaded, so its timescales look live
 * whenever it is loaded: `today`, `-20wd` (twenty working days ago: England & Wales bank
 * holidays and weekends skipped, counted by `src/timescales/working-days.ts`), `-3m` (three
 * months back by the statutory "within N months" rule: same day of month, else the month's
 * last day, moved back to a working day), `-2w`, `-5d`, `-9y` (a date of birth), `+10wd`
 * (something booked ahead), or a fixed `YYYY-MM-DD`. Pure.
 */
import {
  addCalendarMonths,
  addDays,
  addWeeks,
  addWorkingDays,
  IsoDate,
  isIsoDate,
} from 'src/common/working-days';

const RELATIVE = /^([+-])(\d{1,4})(wd|d|w|m|y)$/;

export const DATE_HELP = 'use today, -20wd, -3m, -2w, -5d, -9y, +10wd or YYYY-MM-DD';

export function isScenarioDate(value: string): boolean {
  return value === 'today' || RELATIVE.test(value) || isIsoDate(value);
}

/** The calendar date `value` names, counted from `today`. Throws on an unknown form. */
export function resolveScenarioDate(value: string, today: IsoDate): IsoDate {
  if (value === 'today') return today;
  if (isIsoDate(value)) return value;
  const m = RELATIVE.exec(value);
  if (!m) throw new RangeError(`not a scenario date: ${value} (${DATE_HELP})`);
  const n = (m[1] === '-' ? -1 : 1) * Number(m[2]);
  switch (m[3]) {
    case 'wd':
      return addWorkingDays(today, n);
    case 'd':
      return addDays(today, n);
    case 'w':
      return addWeeks(today, n);
    case 'm':
      return addCalendarMonths(today, n);
    default:
      return addCalendarMonths(today, 12 * n);
  }
}
