/**
 * What the steps that generate one family share (`bulk-rows.ts` runs them in order): the output
 * tables, the staff, the calendar, the family's random stream and what earlier steps created.
 * Every step draws from the same stream in a fixed order, so a family's rows depend only on its
 * index: a step may not draw before the steps ahead of it in the original sequence.
 */
import type { IsoDate } from 'src/common/working-days';
import type { Tables } from './bulk-columns';

export interface Staff {
  la: string;
  fhTeam: string;
  practitioners: string[];
  ecpps: string[];
  cpManager: string;
  /** Agrees Family Network Plans; without one, generated plans stay drafts. */
  fhManager: string | null;
}

export type Stage = 'family_help' | 'nfa' | 's47' | 'cp_plan' | 'pre_proceedings' | 'closed';

/** The output, the staff and the family's random stream. */
export interface FamilyContext {
  out: Tables;
  staff: Staff;
  la: string;
  today: IsoDate;
  /** The date `k` working days ago (k >= 0). */
  ago: (k: number) => IsoDate;
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  push: (table: string, row: Record<string, unknown>) => void;
  /** A timestamp on day `d`, ordered within the day by `seq`. */
  ts: (d: IsoDate, seq: number) => string;
}

/** The family's people: its lead practitioner, adults, children and wider network. */
export interface FamilyPeople {
  lead: string;
  familyId: string;
  adults: string[];
  children: string[];
  network: { id: string; person: string }[];
}

/** A timeline event on the case and its audit event. */
export type CaseEventFn = (
  at: string,
  type: string,
  actor: string,
  summary: string,
  recordType: string,
  recordId: string,
  action: string,
) => void;

/** The family's case, once opened. */
export interface FamilyCase extends FamilyContext, FamilyPeople {
  caseId: string;
  stage: Stage;
  referral: IsoDate;
  referralAgo: number;
  event: CaseEventFn;
}
