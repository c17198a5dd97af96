/**
 * The front door's rules, pure: the one-working-day decision timescale, the state machine, who
 * must decide (the repeat-contact rule), and how a described child is matched to a person.
 * Plain functions over plain data (docs/front-door.md).
 */
import { addWorkingDays, compareDates, todayIso } from 'src/common/working-days';
import { timescaleStatus, type TimescaleStatus } from 'src/case-history/timescale-rules';

export const CONTACT_STATUSES = ['received', 'screening', 'decided', 'feedback_sent'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const CONTACT_OUTCOMES = [
  'nfa',
  'advice',
  'family_help_assessment',
  'strategy_discussion',
  'immediate_protection',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const URGENCIES = ['routine', 'urgent', 'immediate'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Statutory: a referral is decided within one working day of receipt (Working Together 2023). */
export const DECISION_WORKING_DAYS = 1;

/** Local policy (configurable per deployment, `FRONT_DOOR_REPEAT_CONTACTS` and
 * `FRONT_DOOR_REPEAT_MONTHS`): the Nth contact about a child within M months needs a manager's
 * decision. */
export interface RepeatRule {
  contacts: number;
  months: number;
}
export const DEFAULT_REPEAT_RULE: Readonly<RepeatRule> = Object.freeze({ contacts: 3, months: 12 });

/** The date in England (Europe/London) of an instant. */
export const londonDate = (at: Date): string => todayIso(at);

/** Due by the end of the first working day after the day of receipt (a contact received on a
 * Friday is due on Monday; one received on a Saturday, on Monday). */
export function decisionDueBy(receivedAt: Date): string {
  return addWorkingDays(londonDate(receivedAt), DECISION_WORKING_DAYS);
}

export interface DecisionTimescale {
  kind: 'referral_decision';
  dueDate: string;
  status: TimescaleStatus;
  metAt?: string;
}

/** The `referral_decision` timescale: met on the date the decision took effect (authorised). */
export function decisionTimescale(
  dueDate: string,
  today: string,
  decidedOn: string | null,
): DecisionTimescale {
  return {
    kind: 'referral_decision',
    dueDate,
    status: timescaleStatus(dueDate, today, decidedOn),
    ...(decidedOn ? { metAt: decidedOn } : {}),
  };
}

/** The months before `date` (same day of month, clamped), as a date: the repeat window's start. */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The repeat rule: `earlier` is how many other contacts about the same child were received in
 * the window before this one (the largest count over the contact's children). This contact is
 * number `earlier + 1`; from `rule.contacts` on, a manager decides.
 */
export const needsManager = (earlier: number, rule: RepeatRule = DEFAULT_REPEAT_RULE): boolean =>
  earlier + 1 >= rule.contacts;

/** Which transitions each action makes; anything else is 409 `contact_state`. */
export const ACTION_FROM: Record<'link' | 'decide' | 'authorise' | 'feedback', ContactStatus[]> = {
  link: ['received', 'screening'],
  decide: ['received', 'screening'],
  authorise: ['screening'],
  feedback: ['decided'],
};

export const mayAct = (action: keyof typeof ACTION_FROM, status: ContactStatus): boolean =>
  ACTION_FROM[action].includes(status);

/** Outcomes that need a case to be named (`caseId`) or a family linked. */
export const OUTCOME_LABELS: Record<ContactOutcome, string> = {
  nfa: 'No further action',
  advice: 'Advice and signposting',
  family_help_assessment: 'Family Help assessment',
  strategy_discussion: 'Strategy discussion requested',
  immediate_protection: 'Immediate protection',
};

// ---- Matching ------------------------------------------------------------------------------

/** Names compared without case, accents, spaces, hyphens or apostrophes. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** A typo allowance, by the longer name's length: none up to 3 letters, 1 up to 7, else 2. */
export const nameTolerance = (name: string): number =>
  name.length <= 3 ? 0 : name.length <= 7 ? 1 : 2;

export const namesClose = (a: string, b: string): boolean => {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (!x || !y) return false;
  return editDistance(x, y) <= nameTolerance(x.length > y.length ? x : y);
};

/** The same date with day and month swapped (when that is a date), else null. */
export function transposedDate(date: string): string | null {
  const [y, m, d] = date.split('-');
  if (m === d || Number(d) > 12) return null;
  const swapped = `${y}-${d}-${m}`;
  const t = new Date(`${swapped}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== swapped ? null : swapped;
}

export type MatchReason =
  'nhs_number' | 'name_and_date_of_birth' | 'name_and_transposed_date_of_birth';

export interface Described {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  nhsNumber: string | null;
}
export interface Candidate {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  nhsNumber: string | null;
}

/**
 * Why `candidate` may be the described child, or null. An equal NHS number is a match on its
 * own (the strongest). Otherwise both names within the typo allowance (or first and last
 * swapped) and the date of birth equal, or equal with day and month transposed. A described
 * child without a date of birth matches on name only when its NHS number is given: names alone
 * are never enough.
 */
export function matchReason(described: Described, candidate: Candidate): MatchReason | null {
  if (described.nhsNumber && candidate.nhsNumber === described.nhsNumber) return 'nhs_number';
  if (!described.dateOfBirth || !candidate.dateOfBirth) return null;
  const names =
    (namesClose(described.firstName, candidate.firstName) &&
      namesClose(described.lastName, candidate.lastName)) ||
    (namesClose(described.firstName, candidate.lastName) &&
      namesClose(described.lastName, candidate.firstName));
  if (!names) return null;
  if (compareDates(described.dateOfBirth, candidate.dateOfBirth) === 0)
    return 'name_and_date_of_birth';
  if (transposedDate(described.dateOfBirth) === candidate.dateOfBirth)
    return 'name_and_transposed_date_of_birth';
  return null;
}

export const MATCH_RANK: Record<MatchReason, number> = {
  nhs_number: 0,
  name_and_date_of_birth: 1,
  name_and_transposed_date_of_birth: 2,
};
