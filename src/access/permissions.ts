import type { Actor } from './actor';
import type { Role, Scope } from './roles';

/**
 * Every permission a route can declare. `public` needs no token; `authenticated` any valid
 * caller. Record-level checks (same LA, team member, assigned co-worker, shared partner) are
 * the AccessService's job after this role check.
 */
export const PERMISSIONS = [
  'public',
  'authenticated',
  'local_authority.create',
  'local_authority.read',
  'local_authority.settings',
  'user.create',
  'user.read',
  'user.update',
  'team.create',
  'team.read',
  'team.members',
  'api_client.create',
  'api_client.read',
  'api_client.update',
  'family.create',
  'family.read',
  'family.update',
  'case.create',
  'case.read',
  'case.update',
  'case.note',
  'case.plan',
  'case.close',
  'case.reopen',
  'concern.raise',
  'concern.read_unallocated',
  'coworker.assign',
  'coworker.end',
  'decision.request',
  'decision.record',
  'decision.read',
  'decision.challenge',
  'activity.record',
  'timescale.read',
  'timescale.overdue',
  'audit.read',
  'security_event.read',
  'indicators.read',
  'evaluation.read',
  'training.manage',
  'event.read',
  'webhook.manage',
  'export.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CASE_READ: Permission[] = ['family.read', 'case.read', 'decision.read', 'timescale.read'];
const FAMILY_HELP: Permission[] = [
  ...CASE_READ,
  'family.create',
  'family.update',
  'case.create',
  'case.note',
  'case.plan',
  'case.close',
  'case.reopen',
  'concern.raise',
  'decision.request',
  'decision.challenge',
  'activity.record',
  'team.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_admin: [
    'local_authority.create',
    'local_authority.read',
    'user.create',
    'user.read',
    'user.update',
    'security_event.read',
  ],
  family_help_practitioner: FAMILY_HELP,
  family_help_manager: [...FAMILY_HELP, 'case.update', 'timescale.overdue', 'indicators.read'],
  ecpp: [
    ...CASE_READ,
    'case.note',
    'concern.raise',
    'decision.record',
    'activity.record',
    'team.read',
  ],
  cp_manager: [
    ...CASE_READ,
    'case.note',
    'concern.read_unallocated',
    'coworker.assign',
    'coworker.end',
    'timescale.overdue',
    'indicators.read',
    'team.read',
  ],
  partner: [],
  la_admin: [
    'local_authority.read',
    'local_authority.settings',
    'user.create',
    'user.read',
    'user.update',
    'team.create',
    'team.read',
    'team.members',
    'api_client.create',
    'api_client.read',
    'api_client.update',
    'event.read',
    'webhook.manage',
    'export.read',
  ],
  auditor: ['audit.read', 'indicators.read', 'evaluation.read'],
  trainer: ['training.manage'],
};

export const SCOPE_PERMISSIONS: Record<Scope, readonly Permission[]> = {
  'families:read': ['family.read'],
  'families:write': ['family.read', 'family.create', 'family.update'],
  'cases:read': CASE_READ,
  'cases:write': [...CASE_READ, 'case.create', 'case.note'],
  'export:read': [...CASE_READ, 'export.read'],
  'events:read': ['event.read'],
  'evaluation:read': ['evaluation.read'],
};

/** Role (or scope) → permission: pure, no database. */
export function isGranted(actor: Actor, permission: Permission): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  if (actor.kind === 'client')
    return actor.scopes.some((s) => SCOPE_PERMISSIONS[s]?.includes(permission));
  return actor.roles.some((r) => ROLE_PERMISSIONS[r]?.includes(permission));
}
