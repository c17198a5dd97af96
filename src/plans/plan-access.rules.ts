/**
 * Record-level access to plans, FGDM meetings and their shares, as one pure verdict table.
 * The facts are gathered by one query (`PlanAccessService`); a *share* (an active
 * information-sharing record naming the caller on this record) is a first-class fact, so a
 * partner agency user is a row of this table rather than a separate checker.
 *
 * | action          | case staff who can read the case                      | partner with a share | anyone else |
 * |-----------------|--------------------------------------------------------|----------------------|-------------|
 * | read            | allowed                                                | allowed              | 404         |
 * | record_meeting  | the case's Family Help team or its co-working ECPP     | 403                  | 404         |
 * | draft           | the case's Family Help team (FNP write, activate, end) | 403                  | 404         |
 * | agree           | a family_help_manager of the team; the co-working ECPP | 403                  | 404         |
 * | decide          | the co-working ECPP only                               | 403                  | 404         |
 * | contribute      | the case's Family Help team or its co-working ECPP     | 403                  | 404         |
 * | update_action   | the case's Family Help team or its co-working ECPP     | own agency's actions | 404         |
 * | share           | the lead practitioner or the co-working ECPP           | 403                  | 404         |
 * | read_shares     | allowed                                                | 403                  | 404         |
 *
 * "Case staff who can read the case" is the case rule table's read verdict (same LA, a case
 * role, restricted cases only for the few); staff it hides get 404, like a partner without a
 * share. Staff denied an action on a record they can read get 403.
 */
import type { Actor } from 'src/access/actor';
import { CASE_ROLES } from 'src/access/case-access.rules';
import type { Agency } from 'src/access/roles';

export const PLAN_ACTIONS = [
  'read',
  'record_meeting',
  'draft',
  'agree',
  'decide',
  'contribute',
  'update_action',
  'share',
  'read_shares',
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PlanFacts {
  /** The case rule table lets this (staff) caller read the record's case. */
  caseReadable: boolean;
  isLead: boolean;
  /** A member of the case's (Family Help) team. */
  isTeamMember: boolean;
  /** Assigned (not ended) as the case's co-working ECPP. */
  isCoWorker: boolean;
  /** The caller's active share of this record (null: none, or ended). */
  share: { agency: Agency } | null;
  /** For update_action: the agency owning the action. */
  actionAgency?: Agency | null;
}

export type PlanVerdict = 'allowed' | 'forbidden' | 'not_found';

type Caller = Pick<Actor, 'kind' | 'roles'>;

const holds = (c: Caller, ...roles: string[]) =>
  c.kind === 'user' && c.roles.some((r) => roles.includes(r));

const isStaff = (c: Caller) => c.kind === 'user' && c.roles.some((r) => CASE_ROLES.includes(r));

const familyHelpTeam = (c: Caller, f: PlanFacts) =>
  holds(c, 'family_help_practitioner', 'family_help_manager') && (f.isTeamMember || f.isLead);

const coWorkingEcpp = (c: Caller, f: PlanFacts) => holds(c, 'ecpp') && f.isCoWorker;

function staffVerdict(c: Caller, action: PlanAction, f: PlanFacts): boolean {
  switch (action) {
    case 'read':
    case 'read_shares':
      return true;
    case 'draft':
      return familyHelpTeam(c, f);
    case 'agree':
      return (holds(c, 'family_help_manager') && f.isTeamMember) || coWorkingEcpp(c, f);
    case 'decide':
      return coWorkingEcpp(c, f);
    case 'share':
      return f.isLead || coWorkingEcpp(c, f);
    case 'record_meeting':
    case 'contribute':
    case 'update_action':
      return familyHelpTeam(c, f) || coWorkingEcpp(c, f);
    default:
      return assertNever(action);
  }
}

function partnerVerdict(action: PlanAction, f: PlanFacts): PlanVerdict {
  if (!f.share) return 'not_found';
  if (action === 'read') return 'allowed';
  if (action === 'update_action') {
    return f.actionAgency && f.actionAgency === f.share.agency ? 'allowed' : 'forbidden';
  }
  return 'forbidden';
}

/** Case staff who can read the case: answered by the staff column (else the share column). */
export function isStaffReader(caller: Caller, f: PlanFacts): boolean {
  return isStaff(caller) && f.caseReadable;
}

/** The verdict: may `caller` perform `action` on the record the facts describe? */
export function planVerdict(caller: Caller, action: PlanAction, f: PlanFacts): PlanVerdict {
  if (isStaffReader(caller, f)) {
    return staffVerdict(caller, action, f) ? 'allowed' : 'forbidden';
  }
  if (holds(caller, 'partner')) return partnerVerdict(action, f);
  return 'not_found';
}

function assertNever(value: never): never {
  throw new Error(`unknown plan action: ${String(value)}`);
}
