import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidNhsNumber } from '../nhs-number';
import { isValidUpn } from '../upn';

/** Today's date in England (`YYYY-MM-DD`, Europe/London). */
export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The earliest date of birth (and other past date) Tandem accepts. */
export const DOB_MIN = '1900-01-01';

/** A real calendar date written `YYYY-MM-DD` (2027-02-30 is not). */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A valid NHS number (ten digits, or 3-3-4 with one space/hyphen; modulus 11 check digit). */
export function IsNhsNumber(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNhsNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a valid NHS number (10 digits with a correct check digit)`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidNhsNumber(value),
      },
    });
}

/**
 * A calendar date `YYYY-MM-DD` from 1900-01-01 up to today (England) — never in the future.
 * For dates of birth, referral dates, review dates that already happened.
 */
export function IsPastDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPastDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a date YYYY-MM-DD, not in the future`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          isDateOnly(value) && value >= '1900-01-01' && value <= todayInLondon(),
      },
    });
}

/** A calendar date `YYYY-MM-DD` between 1900 and 2099 (past or future: due and review dates). */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) =>
          isDateOnly(value) && value >= '1900-01-01' && value <= '2099-12-31',
      },
    });
}

/** A Unique Pupil Number with its correct check letter (DfE rules 1510, 1540, 1550). */
export function IsUpn(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isUpn',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a UPN: a check letter, 11 digits, then a digit or a letter (not I, O, S), with a correct check letter`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidUpn(value) },
    });
}
