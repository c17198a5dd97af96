/** Lawful bases a share may rest on (UK GDPR / DPA 2018 and the Children Acts). */
export const LAWFUL_BASES = [
  'children_act_1989_s17',
  'children_act_1989_s47',
  'children_act_2004_s10',
  'children_act_2004_s11',
  'crime_and_disorder_act_1998_s115',
  'uk_gdpr_6_1_e_public_task',
  'dpa_2018_sch1_safeguarding',
  'consent',
] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** Every basis an information-sharing record may name: a share's lawful basis, or the statutory
 * gateway of an information request (src/multi-agency checks its gateways are among these). */
export const RECORDED_BASES = [
  ...LAWFUL_BASES,
  'children_act_1989_s47_9',
  'children_act_2004_s16LA',
] as const;
export type RecordedBasis = (typeof RECORDED_BASES)[number];

/** The UK GDPR conditions an information request records beside its gateway. */
export const UK_GDPR_CONDITIONS = [
  'uk_gdpr_6_1_c_legal_obligation',
  'uk_gdpr_6_1_e_public_task',
  'uk_gdpr_6_1_e_and_dpa_2018_sch1_para18_safeguarding',
  'uk_gdpr_6_1_d_vital_interests',
  'consent',
] as const;
export type UkGdprCondition = (typeof UK_GDPR_CONDITIONS)[number];
