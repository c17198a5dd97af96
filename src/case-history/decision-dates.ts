/**
 * Date rules of a key decision (docs/domain.md, "Dates and timescale statuses that inspectors can
 * trust"): what happened is dated on or before today (England) and never before what it
 * depends on. Pure; each failure is a field error naming the field and the date it conflicts
 * with (400). A conference may be booked for a future date (`conferenceDate`): that is
 * scheduled work, never counted as held.
 */
import type { CaseHistoryEntry, CaseState, DecisionEntry } from './case-types';
import type { FieldError } from 'src/common/domain-error';

export interface DateContext {
  /** Today in England (`Clock.today()`). */
  today: string;
  /** The case's current referral (the decision cannot precede it). */
  referralDate: string;
}

const after = (a: string, b: string) => a > b; // ISO dates compare as strings

/** The s47 strategy discussion date when it differs from the effective date, else undefined. */
const separateStrategyDate = (d: DecisionEntry): string | undefined =>
  d.type === 'start_section_47_enquiry' && d.strategyDiscussionDate !== d.effectiveDate
    ? d.strategyDiscussionDate
    : undefined;

/** Field errors for dates of `d` that are in the future (nothing else needs the case state). */
export function futureDateErrors(d: DecisionEntry, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (after(d.effectiveDate, today)) {
    errors.push({
      field: 'effectiveDate',
      message: `${d.effectiveDate} is in the future (today is ${today}): record a decision once it is made`,
    });
  }
  // A strategy discussion on the enquiry's own date (the default) is reported once, above.
  const strategy = separateStrategyDate(d);
  if (strategy) {
    if (after(strategy, today)) {
      errors.push({
        field: 'strategyDiscussionDate',
        message: `${strategy} is in the future (today is ${today})`,
      });
    }
  }
  return errors;
}

/** The dates the open concerns of `state` were raised, from the history. */
function openConcernDates(history: readonly CaseHistoryEntry[], state: CaseState): string[] {
  const open = new Set(state.openConcernIds);
  return history
    .filter((e) => e.kind === 'concern_raised' && open.has(e.id))
    .map((e) => (e as { at: string }).at)
    .sort();
}

function notBefore(
  errors: FieldError[],
  field: string,
  value: string | undefined,
  floor: string | null | undefined,
  what: string,
): void {
  if (value && floor && value < floor) {
    errors.push({ field, message: `${value} is before ${what} (${floor})` });
  }
}

/**
 * Field errors for the dates of `d`, checked against what it depends on in `before` (the
 * state it applies to; for a superseding decision, the state without the decision it
 * replaces). Run after the stage rules allowed `d`.
 */
export function dependencyDateErrors(
  history: readonly CaseHistoryEntry[],
  before: CaseState,
  d: DecisionEntry,
  ctx: DateContext,
): FieldError[] {
  const errors: FieldError[] = [];
  const at = d.effectiveDate;
  notBefore(errors, 'effectiveDate', at, ctx.referralDate, 'the referral');
  const concerns = openConcernDates(history, before);
  switch (d.type) {
    case 'start_section_47_enquiry': {
      const first = concerns[0];
      notBefore(errors, 'effectiveDate', at, first, 'the concern of significant harm it follows');
      notBefore(
        errors,
        'strategyDiscussionDate',
        separateStrategyDate(d),
        first,
        'the concern of significant harm it discussed',
      );
      break;
    }
    case 'no_further_action':
      if (before.s47.active) {
        notBefore(
          errors,
          'effectiveDate',
          at,
          before.s47.startedAt,
          'the section 47 enquiry it ends',
        );
      } else {
        notBefore(
          errors,
          'effectiveDate',
          at,
          concerns[concerns.length - 1],
          'the concern of significant harm it closes',
        );
      }
      break;
    case 'convene_initial_cp_conference':
      notBefore(errors, 'effectiveDate', at, before.s47.startedAt, 'the section 47 enquiry');
      notBefore(
        errors,
        'conferenceDate',
        d.conferenceDate,
        before.s47.strategyDiscussionDate,
        'the strategy discussion that started the enquiry',
      );
      break;
    case 'start_child_protection_plan':
      notBefore(
        errors,
        'effectiveDate',
        at,
        before.icpc.conferenceDate,
        'the initial child protection conference it comes from',
      );
      break;
    case 'end_child_protection_plan': {
      const starts = d.childIds.map((id) => before.cpPlans[id]?.startedAt).filter(Boolean);
      notBefore(errors, 'effectiveDate', at, starts.sort().pop(), 'the plan it ends');
      break;
    }
    case 'apply_for_care_proceedings':
      notBefore(errors, 'effectiveDate', at, before.preProceedings?.startedAt, 'pre-proceedings');
      break;
    case 'end_pre_proceedings':
      notBefore(errors, 'effectiveDate', at, before.preProceedings?.startedAt, 'pre-proceedings');
      break;
    case 'conclude_care_proceedings':
      notBefore(errors, 'effectiveDate', at, before.careProceedings?.startedAt, 'the application');
      break;
    case 'end_community_safety_plan': {
      const starts = d.childIds.map((id) => before.safetyPlans[id]?.startedAt).filter(Boolean);
      notBefore(errors, 'effectiveDate', at, starts.sort().pop(), 'the safety plan it ends');
      break;
    }
    default:
      break;
  }
  return errors;
}
