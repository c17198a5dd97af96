/**
 * The key decisions' rules (docs/domain.md, "Key decisions"): when each decision is allowed
 * (`checkDecision`) and what it does to the derived case state (`applyDecision`).
 * Pure functions over plain data; the case's history is folded in `src/cases/case-state.ts`.
 */
import { CASE_CLOSED } from './case-closed';
import {
  ALLOWED,
  Allowed,
  CP_CATEGORIES,
  CaseState,
  DecisionEntry,
  Refusal,
  refuse,
} from './case-types';

const hasCpPlan = (state: CaseState): boolean => Object.keys(state.cpPlans).length > 0;

function checkChildren(d: DecisionEntry, caseChildIds: readonly string[]): Allowed | Refusal {
  if (d.childIds.length === 0) {
    return refuse('child_not_in_case', 'a decision must name at least one child of the case');
  }
  const outside = d.childIds.filter((id) => !caseChildIds.includes(id));
  if (outside.length > 0) {
    return refuse('child_not_in_case', `not children of this case: ${outside.join(', ')}`);
  }
  return ALLOWED;
}

function requireStage(
  state: CaseState,
  d: DecisionEntry,
  allowed: CaseState['stage'][],
): Allowed | Refusal {
  return allowed.includes(state.stage)
    ? ALLOWED
    : refuse(
        'stage_not_allowed',
        `${d.type} needs stage ${allowed.join(' or ')}; the case is in ${state.stage}`,
      );
}

function checkNoFurtherAction(state: CaseState): Allowed | Refusal {
  if (state.stage === 'family_help') {
    return state.openConcernIds.length > 0
      ? ALLOWED
      : refuse('no_open_concern', 'no_further_action in family_help needs an open concern');
  }
  if (state.stage === 'child_protection') {
    if (!state.s47.active) {
      return refuse('no_active_s47', 'no section 47 enquiry is active');
    }
    return hasCpPlan(state)
      ? refuse('plan_active', 'a child protection plan is active: end it instead')
      : ALLOWED;
  }
  return refuse(
    'stage_not_allowed',
    `no_further_action needs stage family_help or child_protection; the case is in ${state.stage}`,
  );
}

function checkConvene(state: CaseState, d: DecisionEntry): Allowed | Refusal {
  const stage = requireStage(state, d, ['child_protection']);
  if (!stage.ok) return stage;
  if (!state.s47.active) return refuse('no_active_s47', 'no section 47 enquiry is active');
  if (hasCpPlan(state)) return refuse('plan_active', 'a child protection plan already exists');
  return state.icpc.convened
    ? refuse('conference_already_convened', 'the initial conference is already convened')
    : ALLOWED;
}

function checkStartCpPlan(
  state: CaseState,
  d: DecisionEntry,
  reinstating: readonly string[],
): Allowed | Refusal {
  const stage = requireStage(state, d, ['child_protection']);
  if (!stage.ok) return stage;
  if (d.category === undefined || !CP_CATEGORIES.includes(d.category)) {
    return refuse('category_required', `category must be one of ${CP_CATEGORIES.join(', ')}`);
  }
  if (!state.icpc.convened) {
    return refuse(
      'no_conference_convened',
      'a child protection plan is the outcome of an initial conference: convene one in this enquiry first',
    );
  }
  const already = d.childIds.filter((id) => id in state.cpPlans && !reinstating.includes(id));
  return already.length > 0
    ? refuse('child_already_on_plan', `already on a child protection plan: ${already.join(', ')}`)
    : ALLOWED;
}

function checkEndCpPlan(state: CaseState, d: DecisionEntry): Allowed | Refusal {
  const notOn = d.childIds.filter((id) => !(id in state.cpPlans));
  return notOn.length > 0
    ? refuse('child_not_on_plan', `not on a child protection plan: ${notOn.join(', ')}`)
    : ALLOWED;
}

function checkApplyForCare(state: CaseState, d: DecisionEntry): Allowed | Refusal {
  if (state.stage === 'pre_proceedings') return ALLOWED;
  if (state.stage === 'child_protection') {
    return d.urgent === true
      ? ALLOWED
      : refuse('not_urgent', 'from child_protection, care proceedings need urgent: true');
  }
  return requireStage(state, d, ['pre_proceedings', 'child_protection']);
}

function checkSafetyPlan(state: CaseState, d: DecisionEntry, starting: boolean): Allowed | Refusal {
  if (starting) {
    const already = d.childIds.filter((id) => id in state.safetyPlans);
    return already.length > 0
      ? refuse('safety_plan_active', `already on a community safety plan: ${already.join(', ')}`)
      : ALLOWED;
  }
  const without = d.childIds.filter((id) => !(id in state.safetyPlans));
  return without.length > 0
    ? refuse('no_safety_plan', `no community safety plan for: ${without.join(', ')}`)
    : ALLOWED;
}

/**
 * Whether decision `d` is allowed on a case in `state` whose children are `caseChildIds`
 * (docs/domain.md "allowed when"). Never allowed on a closed case; the children must be a
 * non-empty subset of the case's children. `reinstating`: children whose plan the decision
 * `d` supersedes ended by mistake (a `start_child_protection_plan` superseding an
 * `end_child_protection_plan` continues their plan).
 */
export function checkDecision(
  state: CaseState,
  d: DecisionEntry,
  caseChildIds: readonly string[],
  reinstating: readonly string[] = [],
): Allowed | Refusal {
  if (state.stage === 'closed') {
    return refuse(CASE_CLOSED.code, CASE_CLOSED.detail);
  }
  const children = checkChildren(d, caseChildIds);
  if (!children.ok) return children;

  switch (d.type) {
    case 'start_section_47_enquiry': {
      const stage = requireStage(state, d, ['family_help']);
      if (!stage.ok) return stage;
      return state.openConcernIds.length > 0
        ? ALLOWED
        : refuse('no_open_concern', 'a section 47 enquiry needs an open concern');
    }
    case 'no_further_action':
      return checkNoFurtherAction(state);
    case 'convene_initial_cp_conference':
      return checkConvene(state, d);
    case 'start_child_protection_plan':
      return checkStartCpPlan(state, d, reinstating);
    case 'end_child_protection_plan':
      return checkEndCpPlan(state, d);
    case 'initiate_pre_proceedings':
      return requireStage(state, d, ['family_help', 'child_protection']);
    case 'apply_for_care_proceedings':
      return checkApplyForCare(state, d);
    case 'end_pre_proceedings':
      return requireStage(state, d, ['pre_proceedings']);
    case 'conclude_care_proceedings':
      return requireStage(state, d, ['care_proceedings']);
    case 'start_community_safety_plan':
      return checkSafetyPlan(state, d, true);
    case 'end_community_safety_plan':
      return checkSafetyPlan(state, d, false);
    default:
      return assertNever(d.type);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown decision type: ${String(value)}`);
}

const NO_S47: CaseState['s47'] = { active: false, strategyDiscussionDate: null, startedAt: null };
const NO_ICPC: CaseState['icpc'] = { convened: false, conferenceDate: null, heldAt: null };

/** Ends the child-protection episode: concerns closed, s47 ended, ICPC cleared. */
function stepDown(state: CaseState): CaseState {
  return {
    ...state,
    stage: 'family_help',
    openConcernIds: [],
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

/**
 * The state after decision `d`, without checking whether it was allowed (replay applies
 * history as recorded). Returns a new object; `state` is not modified.
 */
export function applyDecision(state: CaseState, d: DecisionEntry): CaseState {
  const at = d.effectiveDate;
  switch (d.type) {
    case 'start_section_47_enquiry':
      return {
        ...state,
        stage: 'child_protection',
        s47: {
          active: true,
          strategyDiscussionDate: d.strategyDiscussionDate ?? at,
          startedAt: at,
        },
      };
    case 'no_further_action':
      return stepDown(state);
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
      return { ...state, cpPlans, icpc };
    }
    case 'end_child_protection_plan': {
      const next = { ...state, cpPlans: without(state.cpPlans, d.childIds) };
      const noneLeft = Object.keys(next.cpPlans).length === 0;
      return noneLeft && state.stage === 'child_protection' ? stepDown(next) : next;
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
