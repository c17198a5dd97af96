/**
 * The case stage machine, derived purely from the case's history (docs/domain.md, "The case:
 * one continuous record" and "Key decisions"). Stage and per-child plan status are never
 * stored as editable fields: `replay` folds the history, and the `check*` functions say
 * whether a new entry is allowed before it is written.
 */
import { CASE_CLOSED } from './case-closed';
import { applyDecision, checkDecision } from './decision-rules';
import { ClosureBlock, closureBlockers } from './closure-rules';
import {
  ALLOWED,
  Allowed,
  CaseHistoryEntry,
  CaseState,
  DecisionEntry,
  Refusal,
  refuse,
} from './case-types';

export * from './case-types';
export * from './closure-rules';
export { applyDecision, checkDecision };

export function initialState(): CaseState {
  return {
    stage: 'family_help',
    stageBeforeClose: null,
    openConcernIds: [],
    concernChildIds: {},
    s47ChildIds: [],
    s47: { active: false, strategyDiscussionDate: null, startedAt: null },
    icpc: { convened: false, conferenceDate: null, heldAt: null },
    cpPlans: {},
    safetyPlans: {},
    careProceedings: null,
    preProceedings: null,
  };
}

/**
 * The ids of decisions that some decision in `history` supersedes. A superseded decision
 * stays superseded even if the decision that superseded it is itself superseded later.
 */
export function supersededIds(history: readonly CaseHistoryEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of history) {
    if (entry.kind === 'decision' && entry.supersedesId) {
      ids.add(entry.supersedesId);
    }
  }
  return ids;
}

function applyEntry(state: CaseState, entry: CaseHistoryEntry): CaseState {
  switch (entry.kind) {
    case 'concern_raised':
      return state.openConcernIds.includes(entry.id)
        ? state
        : {
            ...state,
            openConcernIds: [...state.openConcernIds, entry.id],
            concernChildIds: { ...state.concernChildIds, [entry.id]: entry.childIds },
          };
    case 'decision':
      return applyDecision(state, entry);
    case 'closed':
      // The episode ends: nothing stays open on a closed case (a CP plan or a community
      // safety plan cannot be active at closure, see checkClose).
      return {
        ...initialState(),
        stage: 'closed',
        stageBeforeClose: state.stage === 'closed' ? state.stageBeforeClose : state.stage,
        cpPlans: state.cpPlans,
        safetyPlans: state.safetyPlans,
      };
    case 'reopened':
      return { ...state, stage: 'family_help', stageBeforeClose: null };
  }
}

/**
 * The case state after `history`, folded in order. Decisions that another decision in the
 * history supersedes are skipped; the superseding decision takes effect at its own
 * position. Rules are not re-checked.
 */
export function replay(
  history: readonly CaseHistoryEntry[],
  alsoSkip: ReadonlySet<string> = new Set(),
): CaseState {
  const skipped = supersededIds(history);
  return history.reduce(
    (state, entry) =>
      entry.kind === 'decision' && (skipped.has(entry.id) || alsoSkip.has(entry.id))
        ? state
        : applyEntry(state, entry),
    initialState(),
  );
}

/**
 * Whether a new decision `d` may be added to `history`, and the state it leads to. A
 * superseding decision is checked as if the decision it replaces had not been made; the
 * replaced decision must be a decision of this history that nothing has superseded yet.
 * A plan ended by mistake is corrected by a `start_child_protection_plan` that supersedes
 * the `end_child_protection_plan`: the plan of those children continues from its start.
 */
export function checkNewDecision(
  history: readonly CaseHistoryEntry[],
  d: DecisionEntry,
  caseChildIds: readonly string[],
): { ok: true; next: CaseState } | Refusal {
  let before: CaseState;
  let reinstating: string[] = [];
  if (d.supersedesId) {
    const targetId = d.supersedesId;
    const target = history.find((e) => e.kind === 'decision' && e.id === targetId);
    if (!target) {
      return refuse('superseded_unknown', `no decision ${targetId} on this case`);
    }
    if (supersededIds(history).has(targetId)) {
      return refuse('superseded_unknown', `decision ${targetId} is already superseded`);
    }
    before = replay(history, new Set([targetId]));
    if (
      target.kind === 'decision' &&
      target.type === 'end_child_protection_plan' &&
      d.type === 'start_child_protection_plan'
    ) {
      reinstating = target.childIds;
    }
  } else {
    before = replay(history);
  }
  const allowed = checkDecision(before, d, caseChildIds, reinstating);
  if (!allowed.ok) {
    return allowed;
  }
  return { ok: true, next: replay([...history, d]) };
}

/**
 * A case can be closed unless it is closed already or something of its child-protection process
 * is unfinished (`closureBlockers`: an open concern, an open s47 enquiry, a child on a CP or
 * safety plan, proceedings). The refusal's code is the first blocker; `reasons` lists them all.
 */
export function checkClose(state: CaseState): Allowed | (Refusal & { reasons: ClosureBlock[] }) {
  if (state.stage === 'closed') {
    return { ...refuse(CASE_CLOSED.code, CASE_CLOSED.detail), reasons: [] };
  }
  const reasons = closureBlockers(state);
  if (reasons.length === 0) return ALLOWED;
  return {
    ...refuse(reasons[0].code, reasons.map((r) => `${r.code}: ${r.detail}`).join('; ')),
    reasons,
  };
}

/** Only a closed case can be reopened; it reopens in `family_help`. */
export function checkReopen(state: CaseState): Allowed | Refusal {
  return state.stage === 'closed'
    ? ALLOWED
    : refuse('stage_not_allowed', `only a closed case can be reopened; it is ${state.stage}`);
}

/** A concern of significant harm can be raised on any open case. */
export function checkConcern(state: CaseState): Allowed | Refusal {
  return state.stage === 'closed' ? refuse(CASE_CLOSED.code, CASE_CLOSED.detail) : ALLOWED;
}
