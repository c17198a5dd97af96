/**
 * `from`/`to` of the audit views take a date (`YYYY-MM-DD`, a calendar day in England, i.e.
 * Europe/London) or a timestamp with a zone. A date `from` starts at that day's midnight; a date
 * `to` includes the whole day (up to, not including, the next midnight). Pure.
 */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const londonHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The UTC instant (ms) of midnight in London starting `date`. Clock changes happen at 01:00
 * UTC, so London's offset at 00:00 UTC of a day is its offset at that day's local midnight. */
export function londonMidnight(date: string): number {
  const utc = Date.parse(`${date}T00:00:00Z`);
  const offsetHours = Number(londonHour.format(new Date(utc)));
  return utc - offsetHours * 3_600_000;
}

export interface AuditWindow {
  /** at >= from */
  from?: string;
  /** at <= to (a timestamp `to`) */
  to?: string;
  /** at < before (a date `to`: the next day's midnight) */
  before?: string;
}

export function auditWindow(from?: string, to?: string): AuditWindow {
  const w: AuditWindow = {};
  if (from) w.from = DATE_ONLY.test(from) ? new Date(londonMidnight(from)).toISOString() : from;
  if (to) {
    if (DATE_ONLY.test(to)) {
      const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      w.before = new Date(londonMidnight(next)).toISOString();
    } else w.to = to;
  }
  return w;
}

/** Whether the window is empty by construction (from after to). */
export function windowInverted(w: AuditWindow): boolean {
  if (!w.from) return false;
  const start = Date.parse(w.from);
  if (w.to) return start > Date.parse(w.to);
  if (w.before) return start >= Date.parse(w.before);
  return false;
}
