import { laChildId } from './census-model';
import { ageOn } from './child-facts';
import { Cell, GENDER, SOURCE, date, ethnicity } from './annex-a';

/** One child of one contact, for list 1. */
export interface ContactListRow {
  laPersonId: string | null;
  /** The matched person; null for a child not yet matched (then the contact child's id). */
  personId: string | null;
  contactChildId: string;
  sex: string | null;
  ethnicity: string | null;
  dateOfBirth: string | null;
  contactDate: string;
  source: string;
}

/** List 1's row for one child of one contact: age at the contact. */
export const annexAContactRow = (r: ContactListRow): Cell[] => [
  laChildId(r.laPersonId, r.personId ?? r.contactChildId),
  GENDER[r.sex ?? ''] ?? 'c) Not stated/recorded',
  ethnicity(r.ethnicity),
  date(r.dateOfBirth),
  ageOn(r.dateOfBirth, r.contactDate) ?? '',
  date(r.contactDate),
  SOURCE[r.source] ?? r.source,
];
