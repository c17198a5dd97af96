/**
 * The key decisions' rules (docs/domain.md, "Key decisions"): when each decision is allowed
 * (`checkDecision`, in `decision-checks.ts`) and what it does to the derived case state (`applyDecision`).
 * Pure functions over plain data; the case's history is folded in `src/cases/case-state.ts`.
 */
import type { CaseState, DecisionEntry } from './case-types';
import { assertNever, checkDecision, hasCpPlan } from './decision-checks';

export { checkDecision };

const NO_S47: CaseState['s47'] = { active: false, strategyDiscussionDate: null, startedAt: null };
const NO_ICPC: CaseState['icpc'] = { convened: false, conferenceDate: null, heldAt: null };

/** Ends the child-protection episode: concerns closed, s47 ended, ICPC cleared. */
function stepDown(state: CaseState): CaseState {
  return {
    ...state,
    stage: 'family_help',
    openConcernIds: [],
    concernChildIds: {},
    s47ChildIds: [],
    s47: { ...NO_S47 },
    icpc: { ...NO_ICPC },
  };
}

/** Out of pre-proceedings or care proceedings (`end_pre_proceedings`,
 * `conclude_care_proceedings`): back to child protection while a child is on a plan, else to
 * Family Help (the child-protection episode ended, as at any step-down). The lead is unchanged. */
function leaveProceedings(state: CaseState): CaseState {
  return Object.keys(state.cpPlans).length > 0
    ? { ...state, stage: 'child_protection' }
    : stepDown(state);
}

function without<T>(record: Record<string, T>, ids: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([id]) => !ids.includes(id)));
}

/** Only the named children's enquiries end (others' enquiries or plans continue). */
function endChildEnquiries(state: CaseState, d: DecisionEntry): CaseState {
  const s47ChildIds = state.s47ChildIds.filter((id) => !d.childIds.includes(id));
  const closing = Object.entries(state.concernChildIds)
    .filter(([, ids]) => ids.length > 0 && ids.every((id) => d.childIds.includes(id)))
    .map(([id]) => id);
  const next: CaseState = {
    ...state,
    s47ChildIds,
    openConcernIds: state.openConcernIds.filter((id) => !closing.includes(id)),
    concernChildIds: without(state.concernChildIds, closing),
  };
  if (s47ChildIds.length > 0 || hasCpPlan(next)) return next;
  return { ...next, s47: { ...NO_S47 }, icpc: { ...NO_ICPC } }; // the enquiry ended
}

function startS47(state: CaseState, d: DecisionEntry): CaseState {
  const at = d.effectiveDate;
  const s47ChildIds = [...new Set([...state.s47ChildIds, ...d.childIds])];
  const stage = state.stage === 'family_help' ? 'child_protection' : state.stage;
  if (!state.s47.active) {
    const s47 = {
      active: true,
      strategyDiscussionDate: d.strategyDiscussionDate ?? at,
      startedAt: at,
    };
    return { ...state, stage, s47ChildIds, s47 };
  }
  // A further child's enquiry in the same episode (a sibling): the episode goes on; once its
  // initial conference was held, the new enquiry needs a conference of its own.
  const icpc = state.icpc.heldAt === null ? state.icpc : { ...NO_ICPC };
  return { ...state, stage, s47ChildIds, icpc };
}

/**
 * The state after decision `d`, without checking whether it was allowed (replay applies
 * history as recorded). Returns a new object; `state` is not modified.
 */
export function applyDecision(state: CaseState, d: DecisionEntry): CaseState {
  const at = d.effectiveDate;
  switch (d.type) {
    case 'start_section_47_enquiry':
      return startS47(state, d);
    case 'no_further_action':
      // The whole enquiry ends (legacy rule) unless a plan or proceedings go on.
      if (state.stage === 'family_help') return stepDown(state);
      if (state.stage === 'child_protection' && !hasCpPlan(state)) return stepDown(state);
      return endChildEnquiries(state, d);
    case 'convene_initial_cp_conference':
      return {
        ...state,
        icpc: { ...state.icpc, convened: true, conferenceDate: d.conferenceDate ?? at },
      };
    case 'start_child_protection_plan': {
      const category = d.category;
      if (category === undefined) {
        return state; // cannot be recorded (category_required); never invent a category
      }
      const cpPlans = { ...state.cpPlans };
      for (const childId of d.childIds) {
        // A plan reinstated (its mistaken end superseded) continues from its start.
        const current = cpPlans[childId];
        cpPlans[childId] = current
          ? { ...current, category }
          : { category, startedAt: at, decisionId: d.id };
      }
      // The plan is the conference's outcome: the conference was held on its date.
      const icpc =
        state.icpc.heldAt === null
          ? {
              convened: true,
              conferenceDate: state.icpc.conferenceDate ?? at,
              heldAt: state.icpc.conferenceDate ?? at,
            }
          : state.icpc;
      // The enquiries this conference considered concluded in it (a child with outcome
      // `none` too); a sibling's later enquiry starts afresh.
      return { ...state, cpPlans, icpc, s47ChildIds: [] };
    }
    case 'end_child_protection_plan': {
      const next = { ...state, cpPlans: without(state.cpPlans, d.childIds) };
      const noneLeft = Object.keys(next.cpPlans).length === 0;
      // A sibling's enquiry still open keeps the case in child protection.
      return noneLeft && state.stage === 'child_protection' && state.s47ChildIds.length === 0
        ? stepDown(next)
        : next;
    }
    case 'initiate_pre_proceedings':
      return { ...state, stage: 'pre_proceedings', preProceedings: { startedAt: at } };
    case 'apply_for_care_proceedings':
      return { ...state, stage: 'care_proceedings', careProceedings: { startedAt: at } };
    case 'end_pre_proceedings':
    case 'conclude_care_proceedings':
      return leaveProceedings(state);
    case 'start_community_safety_plan': {
      const safetyPlans = { ...state.safetyPlans };
      for (const childId of d.childIds) {
        safetyPlans[childId] = { startedAt: at, decisionId: d.id };
      }
      return { ...state, safetyPlans };
    }
    case 'end_community_safety_plan':
      return { ...state, safetyPlans: without(state.safetyPlans, d.childIds) };
    default:
      return assertNever(d.type);
  }
}
