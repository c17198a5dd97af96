import { ValidationOptions, registerDecorator } from 'class-validator';
import { isIsoDate } from 'src/common/working-days';

/** The years Tandem accepts for recorded dates (bank-holiday data is computed per year). */
export const MIN_DATE = '2000-01-01';
export const MAX_DATE = '2099-12-31';

/** True for a real calendar date written `YYYY-MM-DD` between 2000 and 2099. */
export function isCalendarDate(value: unknown): value is string {
  return isIsoDate(value) && value >= MIN_DATE && value <= MAX_DATE;
}

/** A real calendar date `YYYY-MM-DD` (2000–2099); 2027-02-30 is refused. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a calendar date YYYY-MM-DD between ${MIN_DATE} and ${MAX_DATE}`,
        ...options,
      },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** A date-time (ISO 8601) whose day is within the years Tandem accepts (2000–2099, UTC). */
export function IsInstantInRange(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstantInRange',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must fall between ${MIN_DATE} and ${MAX_DATE}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const ms = Date.parse(value);
          if (Number.isNaN(ms)) return false;
          const day = new Date(ms).toISOString().slice(0, 10);
          return day >= MIN_DATE && day <= MAX_DATE;
        },
      },
    });
}
