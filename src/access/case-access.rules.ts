/**
 * Record-level access to a case, as a pure rule table: given who the caller is and the facts
 * about them and the case (same LA? lead? co-worker? team member?), may they read or write it?
 * The AccessService gathers the facts with one set-based query and asks this function.
 *
 * - Nobody outside the case's local authority, ever.
 * - Case roles (`family_help_practitioner`, `family_help_manager`, `ecpp`, `cp_manager`) read
 *   every case of their LA; API clients whose scopes grant `case.read` too (never restricted
 *   ones). Other roles (la_admin, auditor, trainer, partner, platform_admin) never read case
 *   content here (partners see shared plans through their own path).
 * - Write (notes, plan, close, reopen, …): Family Help staff who are members of the case's team,
 *   the lead practitioner, an `ecpp` assigned as active co-worker, a `cp_manager` of the LA
 *   (who oversees CP work and may note), and API clients holding `cases:write`.
 * - Restricted cases: only the lead practitioner, active co-workers, a `family_help_manager`
 *   who is a member of the case's team, and a `cp_manager` of the LA. API clients never.
 *   Everyone else gets 404 and the attempt is audited with outcome `denied`.
 */
import type { Actor } from './actor';
import type { Role, Scope } from './roles';

export type AccessMode = 'read' | 'write';

export interface CaseAccessFacts {
  sameLa: boolean;
  restricted: boolean;
  isLead: boolean;
  isActiveCoWorker: boolean;
  /** A member of the case's (Family Help) team. */
  isTeamMember: boolean;
}

export type CaseAccessOutcome =
  | 'allowed'
  /** Invisible: another LA, a role that never sees cases, or restricted → 404. */
  | 'hidden'
  /** Restricted and the caller is not one of the few who may see it → 404, audited. */
  | 'restricted'
  /** Visible, but the caller may not change it → 403. */
  | 'read_only';

export const CASE_ROLES: readonly Role[] = [
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
];
const CASE_READ_SCOPES: readonly Scope[] = ['cases:read', 'cases:write', 'export:read'];

type Caller = Pick<Actor, 'kind' | 'roles' | 'scopes'>;

const has = (c: Caller, r: Role) => c.kind === 'user' && c.roles.includes(r);

/** May this caller ever see case content (before looking at any one case)? */
export function canSeeCases(caller: Caller): boolean {
  if (caller.kind === 'client') return caller.scopes.some((s) => CASE_READ_SCOPES.includes(s));
  return caller.roles.some((r) => CASE_ROLES.includes(r));
}

/** Whether a restricted case is visible to this caller. */
export function mayOpenRestricted(caller: Caller, f: CaseAccessFacts): boolean {
  if (caller.kind === 'client') return false;
  return (
    f.isLead ||
    f.isActiveCoWorker ||
    (has(caller, 'family_help_manager') && f.isTeamMember) ||
    has(caller, 'cp_manager')
  );
}

function mayWriteCase(caller: Caller, f: CaseAccessFacts): boolean {
  if (caller.kind === 'client') return caller.scopes.includes('cases:write');
  if (f.isLead) return true;
  if (
    (has(caller, 'family_help_practitioner') || has(caller, 'family_help_manager')) &&
    f.isTeamMember
  )
    return true;
  if (has(caller, 'ecpp') && f.isActiveCoWorker) return true;
  return has(caller, 'cp_manager');
}

/** The rule table: what a caller may do with one case. */
export function caseAccess(
  caller: Caller,
  f: CaseAccessFacts,
  mode: AccessMode,
): CaseAccessOutcome {
  if (!f.sameLa || !canSeeCases(caller)) return 'hidden';
  if (f.restricted && !mayOpenRestricted(caller, f)) return 'restricted';
  if (mode === 'read') return 'allowed';
  return mayWriteCase(caller, f) ? 'allowed' : 'read_only';
}

/** Roles/scopes that may read family records of their LA. */
export function canSeeFamilies(caller: Caller): boolean {
  if (caller.kind === 'client')
    return caller.scopes.some(
      (s) => s === 'families:read' || s === 'families:write' || CASE_READ_SCOPES.includes(s),
    );
  return caller.roles.some((r) => CASE_ROLES.includes(r));
}
