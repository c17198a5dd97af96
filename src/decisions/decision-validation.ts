/**
 * Field rules of a decision that depend on its type (docs/domain.md "Key decisions"): which
 * optional fields belong to which type. Pure; failures are 400 with a field error.
 */
import type { DecisionEntry } from 'src/case-history/case-types';
import { FieldError } from 'src/common/domain-error';
import type { RecordDecisionDto } from './dto/decision.dto';

const ONLY_FOR: Record<string, DecisionEntry['type']> = {
  category: 'start_child_protection_plan',
  strategyDiscussionDate: 'start_section_47_enquiry',
  strategyDiscussionId: 'start_section_47_enquiry',
  overrideReason: 'start_section_47_enquiry',
  conferenceDate: 'convene_initial_cp_conference',
  urgent: 'apply_for_care_proceedings',
  exception: 'end_child_protection_plan',
  exceptionReason: 'end_child_protection_plan',
  legalGatewayId: 'initiate_pre_proceedings',
  issuedOn: 'apply_for_care_proceedings',
  court: 'apply_for_care_proceedings',
  courtCaseNumber: 'apply_for_care_proceedings',
  outcome: 'end_pre_proceedings',
  orders: 'conclude_care_proceedings',
  concludedOn: 'conclude_care_proceedings',
};
const PLAN_TYPES: readonly string[] = ['start_child_protection_plan', 'end_child_protection_plan'];

export function decisionFieldErrors(
  dto: RecordDecisionDto,
  caseChildIds: readonly string[],
): FieldError[] {
  const errors: FieldError[] = [];
  const outside = dto.childIds.filter((id) => !caseChildIds.includes(id));
  if (outside.length > 0) {
    errors.push({ field: 'childIds', message: `not children of this case: ${outside.join(', ')}` });
  }
  for (const [field, type] of Object.entries(ONLY_FOR)) {
    const value = (dto as unknown as Record<string, unknown>)[field];
    if (value !== undefined && dto.type !== type) {
      errors.push({ field, message: `${field} applies only to ${type}` });
    }
  }
  if (dto.conferenceId !== undefined && !PLAN_TYPES.includes(dto.type)) {
    errors.push({
      field: 'conferenceId',
      message: 'conferenceId applies only to starting or ending a child protection plan',
    });
  }
  if (dto.exception !== undefined && dto.conferenceId !== undefined) {
    errors.push({
      field: 'exception',
      message: 'cite a review conference or an exception, not both',
    });
  }
  if ((dto.exception === undefined) !== (dto.exceptionReason === undefined)) {
    errors.push({
      field: dto.exception === undefined ? 'exception' : 'exceptionReason',
      message: 'an exception and its reason go together',
    });
  }
  if (dto.type === 'apply_for_care_proceedings' && !dto.supersedesId) {
    if (dto.issuedOn === undefined)
      errors.push({ field: 'issuedOn', message: 'issuedOn is required for an application' });
    else if (dto.issuedOn < dto.effectiveDate)
      errors.push({
        field: 'issuedOn',
        message: `${dto.issuedOn} is before the decision to apply (${dto.effectiveDate})`,
      });
    if (dto.court === undefined)
      errors.push({ field: 'court', message: 'court is required for an application' });
  }
  if (dto.type === 'end_pre_proceedings' && !dto.supersedesId && dto.outcome === undefined)
    errors.push({ field: 'outcome', message: 'outcome is required to end pre-proceedings' });
  if (dto.type === 'conclude_care_proceedings' && !dto.supersedesId) {
    if (dto.orders === undefined)
      errors.push({ field: 'orders', message: 'orders are required to conclude proceedings' });
    else if (dto.orders.length > 1) {
      const alone = dto.orders.find((o) => o === 'no_order' || o === 'withdrawn');
      if (alone) errors.push({ field: 'orders', message: `${alone} stands alone` });
    }
    if (dto.concludedOn === undefined)
      errors.push({
        field: 'concludedOn',
        message: 'concludedOn is required to conclude proceedings',
      });
    else if (dto.concludedOn > dto.effectiveDate)
      errors.push({
        field: 'concludedOn',
        message: `${dto.concludedOn} is after the decision recording it (${dto.effectiveDate})`,
      });
  }
  if (dto.type === 'start_child_protection_plan' && dto.category === undefined) {
    errors.push({ field: 'category', message: 'category is required for a child protection plan' });
  }
  if (dto.type === 'start_section_47_enquiry') {
    if (dto.strategyDiscussionId !== undefined && dto.strategyDiscussionDate !== undefined)
      errors.push({
        field: 'strategyDiscussionDate',
        message: "comes from the cited strategy discussion's heldOn: leave it out",
      });
    if (
      dto.strategyDiscussionId === undefined &&
      dto.overrideReason !== undefined &&
      dto.strategyDiscussionDate === undefined
    )
      errors.push({
        field: 'strategyDiscussionDate',
        message:
          'with overrideReason and no strategy discussion cited, give the date the initial conference clock runs from',
      });
  }
  if (
    dto.strategyDiscussionDate !== undefined &&
    dto.type === 'start_section_47_enquiry' &&
    dto.strategyDiscussionDate > dto.effectiveDate
  ) {
    errors.push({
      field: 'strategyDiscussionDate',
      message: 'the strategy discussion cannot be after the enquiry it started (effectiveDate)',
    });
  }
  return errors;
}

/**
 * The history entry a validated request would add (id given once inserted). A s47 enquiry's
 * `strategyDiscussionDate` is the cited discussion's `heldOn` (or, with an override, the date
 * given): never defaulted.
 */
export function toEntry(
  id: string,
  dto: RecordDecisionDto,
  strategyDiscussionDate?: string,
): DecisionEntry {
  return {
    kind: 'decision',
    id,
    type: dto.type,
    childIds: dto.childIds,
    effectiveDate: dto.effectiveDate,
    ...(dto.category ? { category: dto.category } : {}),
    ...(dto.type === 'start_section_47_enquiry' && strategyDiscussionDate
      ? { strategyDiscussionDate }
      : {}),
    ...(dto.type === 'convene_initial_cp_conference'
      ? { conferenceDate: dto.conferenceDate ?? dto.effectiveDate }
      : {}),
    ...(dto.urgent ? { urgent: true } : {}),
    supersedesId: dto.supersedesId ?? null,
  };
}
