/**
 * Builders for case history entries, for tests, seeds and examples. Ids are generated
 * (`decision-1`, `decision-2`, …) unless given; every field can be overridden.
 */
import {
  CaseHistoryEntry,
  ClosedEntry,
  ConcernRaisedEntry,
  DecisionEntry,
  DecisionType,
  ReopenedEntry,
} from './case-types';

let counter = 0;

export function decisionEntry(
  type: DecisionType,
  over: Partial<DecisionEntry> = {},
): DecisionEntry {
  counter += 1;
  return {
    kind: 'decision',
    id: `decision-${counter}`,
    type,
    childIds: ['child-1'],
    effectiveDate: '2027-02-01',
    ...over,
  };
}

export function concernEntry(over: Partial<ConcernRaisedEntry> = {}): ConcernRaisedEntry {
  return {
    kind: 'concern_raised',
    id: 'concern-1',
    childIds: ['child-1'],
    at: '2027-01-04',
    ...over,
  };
}

export function closedEntry(at = '2027-06-01', reason = 'work complete'): ClosedEntry {
  return { kind: 'closed', at, reason };
}

export function reopenedEntry(at = '2027-07-01'): ReopenedEntry {
  return { kind: 'reopened', at };
}

/** A concern, then a s47 enquiry started from a strategy discussion on `strategy`. */
export function inSection47(strategy: string, childIds = ['child-1']): CaseHistoryEntry[] {
  return [
    concernEntry({ childIds, at: strategy }),
    decisionEntry('start_section_47_enquiry', {
      childIds,
      effectiveDate: strategy,
      strategyDiscussionDate: strategy,
    }),
  ];
}

/**
 * As `inSection47`, then an initial conference convened for `icpc` (on the strategy
 * discussion's day) that put `childIds` on a plan (category NEG) on `icpc`.
 */
export function onCpPlan(
  strategy: string,
  icpc: string,
  childIds = ['child-1'],
): CaseHistoryEntry[] {
  return [
    ...inSection47(strategy, childIds),
    decisionEntry('convene_initial_cp_conference', {
      childIds,
      effectiveDate: strategy,
      conferenceDate: icpc,
    }),
    decisionEntry('start_child_protection_plan', {
      childIds,
      category: 'NEG',
      effectiveDate: icpc,
    }),
  ];
}
