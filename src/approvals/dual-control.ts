import type { Actor } from 'src/access/actor';
import { ROLE_PERMISSIONS, SCOPE_PERMISSIONS } from 'src/access/permissions';
import { SCOPES, type Role, type Scope } from 'src/access/roles';

/**
 * Dual control (four eyes) for power: what one administrator may not grant alone. Pure: no
 * database, no Nest. The approval records and routes are in approval.service.ts.
 */

/** Roles that decide about children or administer the LA: granting one needs a second
 * approver. */
export const POWER_ROLES: readonly Role[] = ['la_admin', 'ecpp', 'cp_manager'];

export const APPROVAL_KINDS = [
  'user.create',
  'user.roles',
  'team.member',
  'api_client.scopes',
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** The power roles in `after` that `before` did not hold (sorted). */
export function grantedPowerRoles(before: readonly Role[], after: readonly Role[]): Role[] {
  const held = new Set(before);
  return POWER_ROLES.filter((r) => after.includes(r) && !held.has(r));
}

/** Whether the platform admin asks: the bootstrap account, outside every LA. Its grants take
 * effect at once (it is the LA's first approver: the first la_admin of an LA has nobody else
 * to ask) and are privileged audit events like every other grant. */
export const isPlatformAdmin = (actor: Actor) =>
  actor.kind === 'user' && actor.roles.includes('platform_admin');

/** Whether this actor's grant of power needs a second approver. */
export const needsSecondApprover = (actor: Actor) => !isPlatformAdmin(actor);

/**
 * The scopes a creator may grant an API client alone: those whose every permission the
 * creator itself holds through its roles. An `la_admin` holds `export.read` and `event.read`,
 * so `export:read` and `events:read` are within its reach; the case-content scopes
 * (`families:*`, `cases:*`) and `evaluation:read` are not: they need a second approver.
 */
export function scopesWithinReach(roles: readonly Role[], scopes: readonly Scope[]): Scope[] {
  const held = new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
  return scopes.filter((s) => SCOPE_PERMISSIONS[s].every((p) => held.has(p)));
}

/** Scopes in their canonical order (SCOPES), without duplicates. */
export const canonicalScopes = (scopes: readonly Scope[]): Scope[] =>
  SCOPES.filter((s) => scopes.includes(s));

/** The scopes beyond the creator's reach (sorted as asked). */
export function scopesBeyondReach(roles: readonly Role[], scopes: readonly Scope[]): Scope[] {
  const within = new Set(scopesWithinReach(roles, scopes));
  return scopes.filter((s) => !within.has(s));
}

/** Why this actor may not decide this approval, or null when it may: never the requester,
 * never the account the approval grants power to. (Same LA is the caller's 404.) */
export function approverConflict(
  actor: Pick<Actor, 'id'>,
  approval: { requestedById: string; subjectUserId: string | null },
): string | null {
  if (actor.id === approval.requestedById)
    return 'A second approver must decide: you asked for this change';
  if (approval.subjectUserId && actor.id === approval.subjectUserId)
    return 'A second approver must decide: this change grants power to you';
  return null;
}
