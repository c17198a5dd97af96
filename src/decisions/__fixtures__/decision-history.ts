/** Shared decision-history fixtures for the decision-rule specs (test-only; not built). */
import { CaseHistoryEntry, DecisionEntry, DecisionType } from 'src/cases/case-state';
import { concernEntry, decisionEntry } from 'src/cases/case-history.builders';

export const C1 = 'child-1';
export const C2 = 'child-2';
export const CHILDREN = [C1, C2];

/** A decision for child-1; a CP plan defaults to category NEG. */
export const decision = (type: DecisionType, over: Partial<DecisionEntry> = {}): DecisionEntry =>
  decisionEntry(type, {
    ...(type === 'start_child_protection_plan' ? { category: 'NEG' as const } : {}),
    ...over,
  });
export const concern = (id = 'concern-1', at = '2027-01-04'): CaseHistoryEntry =>
  concernEntry({ id, at });
export const s47 = (over: Partial<DecisionEntry> = {}) =>
  decision('start_section_47_enquiry', { effectiveDate: '2027-01-05', ...over });
export const plan = (over: Partial<DecisionEntry> = {}) =>
  decision('start_child_protection_plan', { effectiveDate: '2027-01-20', ...over });

export const FIXTURES: Record<string, CaseHistoryEntry[]> = {
  family_help: [],
  family_help_with_concern: [concern()],
  child_protection: [concern(), s47()],
  child_protection_convened: [concern(), s47(), decision('convene_initial_cp_conference')],
  child_protection_on_plan: [concern(), s47(), plan()],
  pre_proceedings: [concern(), decision('initiate_pre_proceedings')],
  pre_proceedings_on_plan: [concern(), s47(), plan(), decision('initiate_pre_proceedings')],
  care_proceedings: [
    concern(),
    decision('initiate_pre_proceedings'),
    decision('apply_for_care_proceedings'),
  ],
  closed: [concern(), { kind: 'closed', at: '2027-01-10', reason: 'moved away' }],
};
