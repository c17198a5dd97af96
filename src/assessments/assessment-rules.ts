/**
 * Child and family assessment rules (pure): the 45-working-day due date, what a completion
 * must carry, and who may authorise.
 */
import type { FieldError } from 'src/common/domain-error';
import { STATUTORY_TIMESCALES } from 'src/case-history/timescale-rules';
import { addWorkingDays, compareDates } from 'src/common/working-days';

/** Due 45 working days after the referral (Working Together 2023). */
export function assessmentDueDate(referralDate: string): string {
  return addWorkingDays(referralDate, STATUTORY_TIMESCALES.assessmentWorkingDays);
}

/** Field errors for a completion (empty when acceptable). A late completion needs a reason. */
export function completionErrors(c: {
  startedOn: string;
  completedOn: string;
  dueDate: string;
  lateReason: string | null | undefined;
}): FieldError[] {
  const errors: FieldError[] = [];
  if (compareDates(c.completedOn, c.startedOn) < 0)
    errors.push({ field: 'completedOn', message: `cannot be before the start (${c.startedOn})` });
  if (isLate(c.completedOn, c.dueDate) && !c.lateReason?.trim())
    errors.push({
      field: 'lateReason',
      message: `required: completed after the due date ${c.dueDate} (45 working days from the referral)`,
    });
  return errors;
}

export function isLate(completedOn: string, dueDate: string): boolean {
  return compareDates(completedOn, dueDate) > 0;
}
