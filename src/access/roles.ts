export const ROLES = [
  'platform_admin',
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
  'partner',
  'la_admin',
  'auditor',
  'trainer',
  'macpt_member',
  'family_member',
  'conference_chair',
  'service_manager',
  'fgdm_coordinator',
] as const;
export type Role = (typeof ROLES)[number];

/** The Family Help staff roles (a case's lead is one of them; they ask for and challenge
 * decisions). */
export const FAMILY_HELP_ROLES: readonly Role[] = [
  'family_help_practitioner',
  'family_help_manager',
];

/** Roles an LA can grant; platform_admin exists only through the bootstrap, and family_member
 * only through an approved family-access grant (docs/family-view.md). */
export const LA_ROLES = ROLES.filter((r) => r !== 'platform_admin' && r !== 'family_member');

export const AGENCIES = [
  'social_care',
  'police',
  'health',
  'education',
  'youth_justice',
  'housing',
  'voluntary',
] as const;
export type Agency = (typeof AGENCIES)[number];

export const SCOPES = [
  'families:read',
  'families:write',
  'cases:read',
  'cases:write',
  'export:read',
  'events:read',
  'evaluation:read',
] as const;
export type Scope = (typeof SCOPES)[number];

export const TEAM_KINDS = ['family_help', 'child_protection', 'front_door'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const PROFESSIONS = [
  'social_worker',
  'family_support_worker',
  'health_visitor',
  'school_nurse',
  'education',
  'police',
  'youth_justice',
  'domestic_abuse',
  'substance_misuse',
  'manager',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

/** MACPT membership (child_protection teams): the member's agency and statutory role. The team
 * is constituted when each core statutory role has an active member. */
export const MACPT_AGENCIES = ['social_care', 'police', 'health', 'education', 'other'] as const;
export type MacptAgency = (typeof MACPT_AGENCIES)[number];
export const STATUTORY_ROLES = [
  'social_worker',
  'police',
  'health',
  'education',
  'additional',
] as const;
export type StatutoryRole = (typeof STATUTORY_ROLES)[number];
export const CORE_STATUTORY_ROLES: readonly StatutoryRole[] = [
  'social_worker',
  'police',
  'health',
  'education',
];
