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
  'conference_chair',
] as const;
export type Role = (typeof ROLES)[number];

/** The Family Help staff roles (a case's lead is one of them; they ask for and challenge
 * decisions). */
export const FAMILY_HELP_ROLES: readonly Role[] = [
  'family_help_practitioner',
  'family_help_manager',
];

/** Roles an LA can grant; platform_admin exists only through the bootstrap. */
export const LA_ROLES = ROLES.filter((r) => r !== 'platform_admin');

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

export const TEAM_KINDS = ['family_help', 'child_protection'] as const;
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
