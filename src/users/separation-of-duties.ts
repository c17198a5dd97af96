import { ROLE_PERMISSIONS, type Permission } from 'src/access/permissions';
import type { Role } from 'src/access/roles';
import { badRequest, DomainError } from 'src/common/domain-error';

/** Permissions that read case content (families, cases, notes, decisions, timescales). */
const CASE_CONTENT: readonly Permission[] = [
  'family.read',
  'case.read',
  'decision.read',
  'timescale.read',
  // An FGDM coordinator reads the family's names and the concern written for them.
  'fgdm_referral.read',
];

/** Roles that read case content: any role granted a case-content permission, and `partner`
 * (who reads what is shared with them through record-level sharing, not a role permission). */
export const CASE_CONTENT_ROLES: readonly Role[] = (Object.keys(ROLE_PERMISSIONS) as Role[])
  .filter((r) => r === 'partner' || ROLE_PERMISSIONS[r].some((p) => CASE_CONTENT.includes(p)))
  .sort();

/** Roles that administer or oversee: never held together with a case-content role, nor with
 * each other (an administrator does not audit their own changes). */
export const OVERSIGHT_ROLES: readonly Role[] = ['la_admin', 'auditor'];

/** The staff roles a partner never holds with its own. */
export const PARTNER_EXCLUDED: readonly Role[] = [
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
  'trainer',
];

/** The separation-of-duties conflicts in a set of roles, as human-readable pairs; [] when
 * the combination is allowed. Pure: no database, no Nest. */
export function roleConflicts(roles: readonly Role[]): string[] {
  const held = new Set(roles);
  const conflicts: string[] = [];
  for (const o of OVERSIGHT_ROLES) {
    if (!held.has(o)) continue;
    for (const r of CASE_CONTENT_ROLES) if (held.has(r)) conflicts.push(`${o} + ${r}`);
  }
  if (held.has('la_admin') && held.has('auditor')) conflicts.push('la_admin + auditor');
  // A partner is another agency's user, seeing only what is shared with it by name: never also
  // Tandem staff (a share and a staff role would mix two ways in).
  if (held.has('partner'))
    for (const r of PARTNER_EXCLUDED) if (held.has(r)) conflicts.push(`partner + ${r}`);
  return conflicts;
}

/** Whether two role lists hold the same roles (order and duplicates ignored). */
export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((r) => y.has(r));
}

/** 400 `role_conflict` naming the roles that separation of duties keeps apart. */
export function assertNoRoleConflict(roles: readonly Role[]): void {
  const conflicts = roleConflicts(roles);
  if (!conflicts.length) return;
  const message = `separation of duties: these roles are never held together: ${conflicts.join(', ')}`;
  throw badRequest('role_conflict', `roles: ${message}`, [{ field: 'roles', message }]);
}

/** Nobody changes their own roles, team memberships or active flag (403). */
export const selfAdministration = (what: string) =>
  new DomainError(
    403,
    'self_administration',
    `You cannot change your own ${what}; another administrator must do it`,
  );
