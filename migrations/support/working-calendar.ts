import type Holidays from 'date-holidays';

/**
 * The England & Wales working-day calendar as the migrations that write the `working_day` table
 * know it: Monday to Friday and not a bank holiday (`date-holidays`, `GB`/`ENG`, holidays of type
 * `public`, substitute days included). Migrations are history and import nothing from `src/`,
 * so this is the migrations' own copy of the rule; `test/working-day-calendar.e2e-spec.ts`
 * proves the table it wrote equals the application's `isWorkingDay` day by day. The package is
 * required on first use, not on import: every start loads the migrations, and the running
 * service no longer loads `date-holidays` otherwise (~5 MiB of live heap).
 */
const DAY_MS = 86_400_000;

/** `date` (`YYYY-MM-DD`) plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

let source: Holidays | null = null;
const byYear = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let days = byYear.get(year);
  if (!days) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('date-holidays') as typeof Holidays | { default: typeof Holidays };
    source ??= new ('default' in m ? m.default : m)('GB', 'ENG');
    days = new Set(
      source
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    byYear.set(year, days);
  }
  return days;
}

/** Monday to Friday and not an England & Wales bank holiday. */
export function isWorkingDay(date: string): boolean {
  const day = new Date(`${date}T00:00:00.000Z`);
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays(day.getUTCFullYear()).has(date);
}
