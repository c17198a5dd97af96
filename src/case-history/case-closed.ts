/**
 * "A closed case is read-only": the one code and the one message, wherever a write meets a
 * closed case (the access gate's `open` option, the stage machine, the decision rules, the
 * plan rules). Pure.
 */
export const CASE_CLOSED = {
  code: 'case_closed',
  detail: 'The case is closed and read-only; reopen it first',
} as const;
