/** The agencies of a multi-agency forum (strategy discussions, conferences): the seven partner
 * agencies and `other`. Plain data. */
export const FORUM_AGENCIES = [
  'social_care',
  'police',
  'health',
  'education',
  'youth_justice',
  'housing',
  'voluntary',
  'other',
] as const;
export type ForumAgency = (typeof FORUM_AGENCIES)[number];
