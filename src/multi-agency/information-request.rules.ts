/**
 * Information requests, as plain rules (no Nest, no database): the statutory gateways and UK
 * GDPR conditions (recorded separately), the states and which response each allows, and
 * `overdue`, which is derived (never stored). Refusals are `{ ok: false, code, detail }` (409).
 */
import type { RecordedBasis } from 'src/sharing/lawful-basis';
import type { Result } from './strategy-discussion.rules';

/** The statutory gateway a request rests on (each a basis an information-sharing record may
 * name). */
export const GATEWAYS = [
  'children_act_1989_s47_9',
  'children_act_2004_s16LA',
  'children_act_1989_s47',
  'children_act_2004_s11',
  'crime_and_disorder_act_1998_s115',
] as const satisfies readonly RecordedBasis[];
export type Gateway = (typeof GATEWAYS)[number];

/** The UK GDPR condition for processing (with the DPA 2018 safeguarding condition): the list
 * lives with the information-sharing records that also carry it. */
export { UK_GDPR_CONDITIONS, type UkGdprCondition } from 'src/sharing/lawful-basis';

export const REQUEST_STATUSES = [
  'sent',
  'acknowledged',
  'answered',
  'declined',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Still waiting for the addressee. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['sent', 'acknowledged'];

export type Response = 'acknowledge' | 'answer' | 'decline' | 'withdraw';

const ok: Result = { ok: true, value: true };

/** What a state allows: the addressee acknowledges (once), answers or declines an open
 * request; the sender withdraws an open one. Anything else is 409 `request_closed` (or
 * `already_acknowledged`). */
export function checkResponse(status: RequestStatus, response: Response): Result {
  if (!OPEN_STATUSES.includes(status))
    return {
      ok: false,
      code: 'request_closed',
      detail: `the request is ${status}: nothing more can be recorded on it`,
    };
  if (response === 'acknowledge' && status === 'acknowledged')
    return { ok: false, code: 'already_acknowledged', detail: 'already acknowledged' };
  return ok;
}

/** Overdue: still open after its due time. */
export function isOverdue(status: RequestStatus, dueAt: Date | string, now: Date): boolean {
  return OPEN_STATUSES.includes(status) && new Date(dueAt).getTime() < now.getTime();
}
