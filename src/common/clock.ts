import { todayIso } from 'src/common/working-days';
import { validationFailed } from './domain-error';

/**
 * "Today" for the date rules (docs/domain.md: what happened is dated on or before today, in
 * England). Provided globally by the config module; `TANDEM_TODAY` fixes the date, which the
 * configuration accepts only when NODE_ENV=test (reproducible tests, never in service).
 */
export class Clock {
  constructor(private readonly fixed?: string) {}

  /** Today's calendar date in England (Europe/London), `YYYY-MM-DD`. */
  today(): string {
    return this.fixed ?? todayIso();
  }
}

/** 400 naming `field` when `date` (something planned) is not after `floor` (`what`). */
export function requireDateAfter(field: string, date: string, floor: string, what: string): void {
  if (date <= floor) throw validationFailed(field, `${date} must be after ${what} (${floor})`);
}

/**
 * 400 naming `field` when `date` (something that happened) is after `today` or before
 * `floor` (what it depends on, described by `what`).
 */
export function requireDateInRange(
  field: string,
  date: string,
  today: string,
  floor: string | null,
  what: string,
): void {
  if (date > today) {
    throw validationFailed(
      field,
      `${date} is in the future (today is ${today}): only what has happened can be recorded`,
    );
  }
  if (floor && date < floor) {
    throw validationFailed(field, `${date} is before ${what} (${floor})`);
  }
}
