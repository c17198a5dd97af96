/**
 * What a practitioner UI shows on a case beside its record (pure): each child's current plan
 * status and safety-plan link (replayed from the case history, the same replay the decision
 * rules use) and the next outstanding timescale item (the same rules as
 * `GET /cases/:id/timescales`).
 */
import { buildTimescaleInput, TimescaleFacts } from 'src/case-history/timescale-input';
import { computeTimescales, timescaleSummary } from 'src/case-history/timescale-rules';
import { replay } from 'src/case-history/case-state';

export interface ChildRow {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
}

export interface CaseChildView extends ChildRow {
  onPlan: { category: string; since: string } | null;
  safetyPlanId: string | null;
}

export interface CaseViewFacts extends TimescaleFacts {
  children: ChildRow[];
  /** The case's Child Community Safety Plans by the decision that started each. */
  safetyPlans?: { startDecisionId: string; id: string }[];
}

export interface CaseView {
  children: CaseChildView[];
  nextTimescale: { kind: string; childId?: string; dueDate: string; status: string } | null;
  overdueCount: number;
}

export function caseView(f: CaseViewFacts, today: string): CaseView {
  const input = buildTimescaleInput(f, today);
  const state = replay(f.history);
  const children = f.children.map((c) => {
    const plan = state.cpPlans[c.id];
    const safety = state.safetyPlans[c.id];
    return {
      ...c,
      onPlan: plan ? { category: plan.category, since: plan.startedAt } : null,
      safetyPlanId: safety
        ? (f.safetyPlans?.find((p) => p.startDecisionId === safety.decisionId)?.id ?? null)
        : null,
    };
  });
  // The same engine and the same "outstanding" and "overdue" as the timescales routes.
  const { next, overdueCount } = timescaleSummary(computeTimescales(input));
  return {
    children,
    nextTimescale: next
      ? {
          kind: next.kind,
          ...(next.childId ? { childId: next.childId } : {}),
          dueDate: next.dueDate,
          status: next.status,
        }
      : null,
    overdueCount,
  };
}
