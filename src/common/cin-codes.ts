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

/** CIN census sex (from 2024-25): M male, F female, U unknown or indeterminate. */
export const CENSUS_SEXES = { M: 'Male', F: 'Female', U: 'Unknown or indeterminate' } as const;
export type CensusSex = keyof typeof CENSUS_SEXES;
export const CENSUS_SEX_CODES = Object.keys(CENSUS_SEXES) as CensusSex[];

/** The DfE's 20 ethnicity codes (CIN census, Annex A). */
export const ETHNICITIES = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
} as const;
export type Ethnicity = keyof typeof ETHNICITIES;
export const ETHNICITY_CODES = Object.keys(ETHNICITIES) as Ethnicity[];

/** CIN census disability codes: `NONE`, or one or more of the others. */
export const DISABILITIES = {
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Autism',
  DDA: 'Other',
} as const;
export type Disability = keyof typeof DISABILITIES;
export const DISABILITY_CODES = Object.keys(DISABILITIES) as Disability[];

/**
 * CIN census reasons a UPN is not given, `UN1`-`UN10` (labels as the DfE's code set gives them;
 * Tandem only holds the code). UN1: not of school age and no UPN yet; UN7: referral with no
 * further action (refused by the census when an episode went on to further action).
 */
export const UPN_UNKNOWN_REASONS = {
  UN1: 'Not of school age and not yet assigned a UPN',
  UN2: 'DfE reason UN2 (see the CIN census code set)',
  UN3: 'DfE reason UN3 (see the CIN census code set)',
  UN4: 'DfE reason UN4 (see the CIN census code set)',
  UN5: 'DfE reason UN5 (see the CIN census code set)',
  UN6: 'DfE reason UN6 (see the CIN census code set)',
  UN7: 'Referral with no further action',
  UN8: 'DfE reason UN8 (see the CIN census code set)',
  UN9: 'DfE reason UN9 (see the CIN census code set)',
  UN10: 'DfE reason UN10 (see the CIN census code set)',
} as const;
export type UpnUnknownReason = keyof typeof UPN_UNKNOWN_REASONS;
export const UPN_UNKNOWN_REASON_CODES = Object.keys(UPN_UNKNOWN_REASONS) as UpnUnknownReason[];

/** A UPN: a letter, 11 digits, then a digit or a letter (13 characters). */
export const UPN_PATTERN = /^[A-Z][0-9]{11}[0-9A-Z]$/;

/** An LA child id as the census takes it: letters and digits, at most 20 (never truncated). */
export const LA_CHILD_ID_PATTERN = /^[A-Za-z0-9]{1,20}$/;

/** CIN census factors identified at assessment (1A ... 24A; 21 = no factors, alone). */
export const ASSESSMENT_FACTOR_CODES = [
  '1A',
  '1B',
  '1C',
  '2A',
  '2B',
  '2C',
  '3A',
  '3B',
  '3C',
  '4A',
  '4B',
  '4C',
  '5A',
  '5B',
  '5C',
  '6A',
  '6B',
  '6C',
  '7A',
  '8B',
  '8C',
  '8D',
  '8E',
  '8F',
  '9A',
  '10A',
  '11A',
  '12A',
  '13A',
  '14A',
  '15A',
  '16A',
  '17A',
  '18B',
  '18C',
  '19B',
  '19C',
  '20',
  '21',
  '22A',
  '23A',
  '24A',
] as const;
export type AssessmentFactor = (typeof ASSESSMENT_FACTOR_CODES)[number];
