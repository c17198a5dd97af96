import type { Actor } from './actor';
import type { Role, Scope } from './roles';

import { PERMISSIONS, type Permission } from './permission-list';

export { PERMISSIONS, type Permission };

const CASE_READ: Permission[] = [
  'people.lookup',
  'family.read',
  'case.read',
  'conference.read',
  'decision.read',
  'timescale.read',
  'document.read',
  'representation.read',
  'strategy_discussion.read',
];
/** Plans (src/plans): their record-level rows are in verdict.ts (docs/plans.md). */
const PLAN_STAFF: Permission[] = [
  'plan.read',
  'plan.partners',
  'plan.share',
  'plan.action_update',
  'fgdm.record',
  'fgdm_referral.read',
  'proceedings.record',
  'community_safety_plan.contribute',
];
const FAMILY_HELP: Permission[] = [
  ...CASE_READ,
  ...PLAN_STAFF,
  'family_network_plan.write',
  'family.create',
  'family.update',
  'case.create',
  'case.note',
  'case.plan',
  'case.reopen',
  'case.child_add',
  'closure.propose',
  'conference.report',
  'cp_plan.write',
  'concern.raise',
  'decision.request',
  'decision.challenge',
  'activity.record',
  'document.upload',
  'assessment.record',
  'representation.record',
  'team.read',
  'strategy_discussion.request',
  // The front door (src/front-door): the gate admits only members of a front_door team.
  'contact.create',
  'contact.read',
  'contact.screen',
  'family_access.propose',
  'family_access.manage',
  'family_summary.write',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_admin: [
    'local_authority.create',
    'local_authority.read',
    'user.create',
    'user.read',
    'user.update',
    'security_event.read',
    'approval.read',
    'approval.decide',
  ],
  family_help_practitioner: FAMILY_HELP,
  family_help_manager: [
    ...FAMILY_HELP,
    'case.update',
    'case.close',
    'closure.authorise',
    'timescale.overdue',
    'family_network_plan.agree',
    'information_sharing.read',
    'assessment.authorise',
    'indicators.read',
    'contact.authorise',
    'family_access.approve',
  ],
  ecpp: [
    ...CASE_READ,
    ...PLAN_STAFF,
    'family_network_plan.agree',
    'community_safety_plan.decide',
    'closure.agree',
    'case.child_add',
    'conference.report',
    'cp_plan.write',
    'case.note',
    'concern.raise',
    'decision.record',
    'activity.record',
    'document.upload',
    'assessment.authorise',
    'representation.record',
    'team.read',
    'strategy_discussion.run',
    'strategy_discussion.contribute',
    'information_request.send',
    'information_request.read',
    'family_access.approve',
    'family_access.manage',
    'family_summary.write',
  ],
  cp_manager: [
    ...CASE_READ,
    'case.note',
    'document.upload',
    'concern.read_unallocated',
    'conference.schedule',
    'coworker.assign',
    'coworker.end',
    'timescale.overdue',
    'indicators.read',
    'team.read',
    'plan.read',
    'plan.partners',
    'information_sharing.read',
    'strategy_discussion.run',
    'information_request.send',
    'information_request.read',
    // Contacts decided for a strategy discussion or immediate protection (their queue).
    'contact.read',
    'family_access.manage',
  ],
  partner: [
    'people.lookup',
    'plan.read',
    'plan.action_update',
    'partner.shared',
    'contact.create',
    'contact.read',
    'information_request.read',
    'information_request.respond',
  ],
  la_admin: [
    'people.lookup',
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
    'approval.read',
    'approval.decide',
    'event.read',
    'webhook.manage',
    'export.read',
  ],
  auditor: [
    'people.lookup',
    'audit.read',
    'information_sharing.read',
    'indicators.read',
    'evaluation.read',
  ],
  trainer: ['people.lookup', 'training.manage'],
  /** A police, health or education member of a MACPT: reads a case only while a strategy
   * discussion or s47 enquiry of its team is open on it (the `macptOpen` fact, verdict.ts);
   * contributes; never decides. */
  macpt_member: [
    'people.lookup',
    'case.read',
    'decision.read',
    'timescale.read',
    'strategy_discussion.read',
    'strategy_discussion.contribute',
    'conference.read',
    'conference.report',
    'cp_plan.write',
    'team.read',
    'information_request.read',
    'information_request.respond',
  ],
  /** A parent, carer or young person with an active grant: their own family view, nothing else
   * (docs/family-view.md). */
  family_member: ['family_view.read', 'family_view.respond'],
  /** An independent chair: only the conferences they chair (src/conferences). */
  conference_chair: ['people.lookup', 'conference.read', 'conference.chair'],
  /** Authorises FGDM exemptions and chairs legal gateway meetings (docs/before-proceedings.md);
   * reads the LA's cases. */
  service_manager: [
    ...CASE_READ,
    'plan.read',
    'fgdm_referral.read',
    'fgdm_exemption.authorise',
    'proceedings.record',
    'indicators.read',
    'team.read',
  ],
  /** An FGDM coordinator: only the referrals made to them (family and network names, the
   * summary written for the family), never the case (docs/before-proceedings.md). */
  fgdm_coordinator: ['people.lookup', 'fgdm_referral.read', 'fgdm_referral.update'],
};

export const SCOPE_PERMISSIONS: Record<Scope, readonly Permission[]> = {
  'families:read': ['family.read'],
  'families:write': ['family.read', 'family.create', 'family.update'],
  'cases:read': CASE_READ,
  'cases:write': [...CASE_READ, 'case.create', 'case.note'],
  // Exports only: an export client reads no case, family or document through the case routes.
  'export:read': ['export.read'],
  'events:read': ['event.read'],
  'evaluation:read': ['evaluation.read'],
};

/** The tables above as sets, built once: `isGranted` runs on every request (the guard) and a
 * role's list is long (a linear `includes` per role showed in the request profile, issue 31). */
const asSets = <K extends string>(table: Record<K, readonly Permission[]>) =>
  new Map<string, ReadonlySet<Permission>>(
    (Object.entries(table) as [K, readonly Permission[]][]).map(([k, ps]) => [k, new Set(ps)]),
  );
const ROLE_SETS = asSets(ROLE_PERMISSIONS);
const SCOPE_SETS = asSets(SCOPE_PERMISSIONS);

/** Role (or scope) → permission: pure, no database. */
export function isGranted(actor: Actor, permission: Permission): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  if (actor.kind === 'client')
    return actor.scopes.some((s) => SCOPE_SETS.get(s)?.has(permission) ?? false);
  return actor.roles.some((r) => ROLE_SETS.get(r)?.has(permission) ?? false);
}
