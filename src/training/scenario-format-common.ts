/** The building blocks of the scenario format (`scenario-format.ts`): keys, texts, dates and
 * what every event has. */
import { z } from 'zod';
import { DATE_HELP, isScenarioDate } from './scenario-dates';

export const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a key is lower-case letters, digits and dashes');
export const text = (max = 10000) =>
  z.string().trim().min(1, 'must not be blank').max(max, `at most ${max} characters`);
export const date = z.string().refine(isScenarioDate, { message: `not a date: ${DATE_HELP}` });
export const keys = z.array(key).min(1);
export const rationale = z.string().min(20, 'a rationale is at least 20 characters').max(20000);

/** Every event: when it happened, who did it (a user key), and an optional name (`ref`). */
export const base = { on: date, by: key, ref: key.optional(), case: key };
