/** Children in Need census code lists Tandem records (source of referral, reason for closure). */

/**
 * CIN census "source of referral" codes with the DfE's labels. Until 2026-12 Tandem labelled
 * 1A-1D one place off (1A "Individual", 1B family member, 1C acquaintance, 1D self); the codes
 * stored then are kept as stored (see docs/integrators.md, "Referral sources 1A-1D").
 */
export const REFERRAL_SOURCES = {
  '1A': 'Individual: Family member/relative/carer',
  '1B': 'Individual: Acquaintance (including neighbours and child minders)',
  '1C': 'Individual: Self',
  '1D': 'Individual: Other (including strangers)',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health services: GP',
  '3B': 'Health services: Health visitor',
  '3C': 'Health services: School nurse',
  '3D': 'Health services: Other primary health services',
  '3E': 'Health services: A&E',
  '3F': 'Health services: Other',
  '4': 'Housing',
  '5A': "LA services: Social care (e.g. adults' social care)",
  '5B': 'LA services: Other internal',
  '5C': "LA services: External (e.g. another LA's services)",
  '5D': 'LA services: Early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
} as const;
export type ReferralSource = keyof typeof REFERRAL_SOURCES;
export const REFERRAL_SOURCE_CODES = Object.keys(REFERRAL_SOURCES) as ReferralSource[];

/** CIN census "reason for closure" codes with their labels. */
export const CLOSURE_REASONS = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to services of another local authority',
  RC6: 'Transferred to adult social care services',
  RC7: 'Services ceased for any other reason, including child no longer in need',
  RC8: 'Case closed after assessment, no further action',
  RC9: 'Case closed after assessment, referred to early help',
} as const;
export type ClosureReason = keyof typeof CLOSURE_REASONS;
export const CLOSURE_REASON_CODES = Object.keys(CLOSURE_REASONS) as ClosureReason[];

/** CIN census "primary need" codes (recorded at assessment and at closure). */
export const PRIMARY_NEEDS = {
  N0: 'Not stated',
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
} as const;
export type PrimaryNeed = keyof typeof PRIMARY_NEEDS;
export const PRIMARY_NEED_CODES = Object.keys(PRIMARY_NEEDS) as PrimaryNeed[];

/** `'a','b'` for a CHECK constraint's IN list. */
export const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(',');
