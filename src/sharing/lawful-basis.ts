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
