/**
 * Who may do what on a case in the child-protection co-working model (DOMAIN.md, "Roles" and
 * "Key decisions"). Pure: the caller supplies the actor's roles/scopes and its relation to the
 * case; the answer is the HTTP outcome class — allowed, forbidden (403: the role or the
 * relation does not allow it) or not_found (404: the case is not visible to the caller).
 *
 * The order matters and mirrors the request pipeline: the route guard's role → permission
 * check first (403 without looking at the case), then tenancy (another LA's case is 404),
 * then the record-level rule.
 */
import type { Actor } from 'src/access/actor';
import { isGranted, Permission } from 'src/access/permissions';
import type { Role } from 'src/access/roles';

export const CASE_ACTIONS = [
  'raise_concern',
  'assign_co_worker',
  'end_co_working',
  'request_decision',
  'record_decision',
  'challenge_decision',
  'record_activity',
  'read_case_records',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The permission each action's routes declare (checked by the global guard). */
export const ACTION_PERMISSION: Readonly<Record<CaseAction, Permission>> = Object.freeze({
  raise_concern: 'concern.raise',
  assign_co_worker: 'coworker.assign',
  end_co_working: 'coworker.end',
  request_decision: 'decision.request',
  record_decision: 'decision.record',
  challenge_decision: 'decision.challenge',
  record_activity: 'activity.record',
  read_case_records: 'decision.read',
});

/** The caller's relation to one case, established by queries before the rule is applied. */
export interface CaseRelation {
  /** The case belongs to the caller's local authority. */
  sameLa: boolean;
  /** The case is visible to the caller (AccessService 'read'). */
  canRead: boolean;
  /** A member of the case's Family Help team (the lead practitioner is one). */
  teamMember: boolean;
  /** Currently assigned (not ended) as the case's co-working ECPP. */
  coWorker: boolean;
}

export type Verdict = 'allowed' | 'forbidden' | 'not_found';

export type CaseActor = Pick<Actor, 'kind' | 'roles' | 'scopes'>;

const FAMILY_HELP_ROLES: readonly Role[] = ['family_help_practitioner', 'family_help_manager'];

const holds = (actor: CaseActor, roles: readonly Role[]) =>
  actor.kind === 'user' && actor.roles.some((r) => roles.includes(r));

/** A Family Help practitioner or manager working in the case's team. */
const familyHelpOnCase = (actor: CaseActor, rel: CaseRelation) =>
  holds(actor, FAMILY_HELP_ROLES) && rel.teamMember;

/** The ECPP co-working this case. */
const coWorkingEcpp = (actor: CaseActor, rel: CaseRelation) =>
  holds(actor, ['ecpp']) && rel.coWorker;

/** Not allowed here: 403 if the caller can see the case, else 404 (existence is not leaked). */
const deny = (rel: CaseRelation): Verdict => (rel.canRead ? 'forbidden' : 'not_found');

/**
 * May `actor` perform `action` on a case it stands in relation `rel` to?
 *
 * - record_decision: only the ECPP assigned as co-worker on this case. Anyone else in the
 *   LA — a manager, another ECPP, an administrator — is refused with 403 (404 only when the
 *   case is hidden from them: a restricted case).
 * - assign_co_worker / end_co_working: a `cp_manager` of the case's LA.
 * - request_decision / challenge_decision: Family Help practitioners and managers of the
 *   case's team (the ECPP decides; Family Help asks and may disagree).
 * - raise_concern / record_activity (meetings, visits, assessment): the case's Family Help
 *   team or its co-working ECPP.
 * - read_case_records (decisions, concerns, requests, meetings, visits, timescales): anyone
 *   with the read permission to whom the case is visible.
 */
export function mayAct(actor: CaseActor, action: CaseAction, rel: CaseRelation): Verdict {
  if (!isGranted(actor as Actor, ACTION_PERMISSION[action])) return 'forbidden';
  if (!rel.sameLa) return 'not_found';
  switch (action) {
    case 'record_decision':
      return coWorkingEcpp(actor, rel) ? 'allowed' : deny(rel);
    case 'assign_co_worker':
    case 'end_co_working':
      return holds(actor, ['cp_manager']) ? 'allowed' : 'forbidden';
    case 'request_decision':
    case 'challenge_decision':
      return familyHelpOnCase(actor, rel) ? 'allowed' : deny(rel);
    case 'raise_concern':
    case 'record_activity':
      return familyHelpOnCase(actor, rel) || coWorkingEcpp(actor, rel) ? 'allowed' : deny(rel);
    case 'read_case_records':
      return rel.canRead ? 'allowed' : 'not_found';
    default:
      return assertNever(action);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown case action: ${String(value)}`);
}
