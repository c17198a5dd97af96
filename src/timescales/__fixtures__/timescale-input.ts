/** Shared fixtures for the timescale-rule specs (test-only; not built). */
import { CaseHistoryEntry, DecisionEntry, DecisionType } from 'src/cases/case-state';
import { decisionEntry, onCpPlan } from 'src/cases/case-history.builders';
import { DEFAULT_TIMESCALE_SETTINGS, Timescale, TimescaleInput } from '../timescale-rules';

export const C1 = 'child-1';
export const C2 = 'child-2';

/** A decision for both children, dated 18 December 2026 unless given. */
export const decision = (type: DecisionType, over: Partial<DecisionEntry> = {}): DecisionEntry =>
  decisionEntry(type, { childIds: [C1, C2], effectiveDate: '2026-12-18', ...over });
/** A case whose ICPC on `icpc` put both children on a plan. */
export const onPlan = (strategy: string, icpc: string) => onCpPlan(strategy, icpc, [C1, C2]);

export function input(
  history: CaseHistoryEntry[],
  over: Partial<TimescaleInput> = {},
): TimescaleInput {
  return {
    today: '2027-01-04',
    referralDate: '2026-12-01',
    assessmentCompletedAt: '2026-12-10',
    history,
    initialConferences: [],
    reviewConferences: [],
    coreGroups: [],
    visits: [],
    familyNetworkPlanReviews: [],
    settings: { ...DEFAULT_TIMESCALE_SETTINGS },
    ...over,
  };
}

export const ofKind = (items: Timescale[], kind: Timescale['kind']) =>
  items.filter((t) => t.kind === kind);
export const one = (items: Timescale[], kind: Timescale['kind']): Timescale => {
  const found = ofKind(items, kind);
  expect(found).toHaveLength(1);
  return found[0];
};
