/**
 * Child protection conferences, the pure part (docs/conferences.md): types, which outcomes each
 * type may record, quorum, and the checks on an outcome. Plain data, no Nest, no database.
 */
import type { CpCategory } from 'src/case-history/case-types';
import { FORUM_AGENCIES } from 'src/common/forum-agencies';

export const CONFERENCE_TYPES = ['initial', 'review', 'transfer_in', 'pre_birth'] as const;
export type ConferenceType = (typeof CONFERENCE_TYPES)[number];

/** The agencies of a conference: the forums' shared list. */
export const CONFERENCE_AGENCIES = FORUM_AGENCIES;
export type ConferenceAgency = (typeof CONFERENCE_AGENCIES)[number];

export const PLAN_OUTCOMES = ['start', 'continue', 'end', 'none'] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];

/** The outcomes a conference of each type can reach for a child. */
export const OUTCOMES_BY_TYPE: Readonly<Record<ConferenceType, readonly PlanOutcome[]>> = {
  initial: ['start', 'none'],
  transfer_in: ['start', 'none'],
  pre_birth: ['start', 'none'],
  review: ['continue', 'end'],
};

/** Types whose `start` outcome a `start_child_protection_plan` decision may cite. */
export const PLAN_STARTING_TYPES: readonly ConferenceType[] = [
  'initial',
  'transfer_in',
  'pre_birth',
];

export interface Attendance {
  agency: ConferenceAgency;
  attended: boolean;
}

/**
 * Quorate: social care and at least `otherAgencies` other agencies attended (Working Together:
 * enough agencies to share information and decide safely; local policy, default 2).
 */
export function isQuorate(attendance: readonly Attendance[], otherAgencies = 2): boolean {
  const present = new Set(attendance.filter((a) => a.attended).map((a) => a.agency));
  if (!present.has('social_care')) return false;
  return [...present].filter((a) => a !== 'social_care').length >= otherAgencies;
}

export interface ChildOutcome {
  childId: string;
  plan: PlanOutcome;
  category?: CpCategory;
  endReason?: string;
}

export interface OutcomeInput {
  type: ConferenceType;
  conferenceChildIds: readonly string[];
  children: readonly ChildOutcome[];
  coreGroup: readonly string[];
  nextReviewBy?: string;
  heldOn: string;
  /** Must be in the core group when a child is (or stays) on a plan. */
  leadPractitionerId: string;
  accountableEcppId: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Field problems with an outcome (400): one outcome for each child of the conference and no
 * other; each outcome allowed for the conference type; a category for `start`; while a child
 * is on a plan, a next review date after the conference and a core group with the lead
 * practitioner and the accountable ECPP.
 */
export function outcomeProblems(o: OutcomeInput): FieldProblem[] {
  const out: FieldProblem[] = [];
  const named = o.children.map((c) => c.childId);
  const missing = o.conferenceChildIds.filter((id) => !named.includes(id));
  const extra = named.filter((id) => !o.conferenceChildIds.includes(id));
  const dupes = named.filter((id, i) => named.indexOf(id) !== i);
  if (missing.length || extra.length || dupes.length) {
    out.push({
      field: 'children',
      message: `one outcome for each child of the conference (${[
        missing.length ? `missing ${missing.join(', ')}` : '',
        extra.length ? `not in the conference ${extra.join(', ')}` : '',
        dupes.length ? `twice ${dupes.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')})`,
    });
  }
  o.children.forEach((c, i) => {
    const allowed = OUTCOMES_BY_TYPE[o.type];
    if (!allowed.includes(c.plan)) {
      out.push({
        field: `children[${i}].plan`,
        message: `a ${o.type} conference decides ${allowed.join(' or ')}`,
      });
    }
    if (c.plan === 'start' && !c.category) {
      out.push({ field: `children[${i}].category`, message: 'a plan starts with a category' });
    }
    if (c.plan !== 'start' && c.plan !== 'continue' && c.category) {
      out.push({ field: `children[${i}].category`, message: `no category for plan: ${c.plan}` });
    }
    if (c.plan !== 'end' && c.endReason) {
      out.push({
        field: `children[${i}].endReason`,
        message: 'only an ended plan has an end reason',
      });
    }
  });
  const onPlan = o.children.some((c) => c.plan === 'start' || c.plan === 'continue');
  if (onPlan) {
    if (!o.nextReviewBy) {
      out.push({ field: 'nextReviewBy', message: 'a child on a plan needs the next review date' });
    } else if (o.nextReviewBy <= o.heldOn) {
      out.push({ field: 'nextReviewBy', message: `must be after the conference (${o.heldOn})` });
    }
    const needed = [o.leadPractitionerId, o.accountableEcppId].filter(
      (id): id is string => id !== null,
    );
    const absent = needed.filter((id) => !o.coreGroup.includes(id));
    if (absent.length) {
      out.push({
        field: 'coreGroup',
        message: `the core group includes the lead practitioner and the accountable ECPP (missing ${absent.join(', ')})`,
      });
    }
  }
  return out;
}
