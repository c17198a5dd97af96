/**
 * When each key decision is allowed (`checkDecision`, docs/domain.md "Key decisions", "allowed
 * when"); what it does is `applyDecision` in `decision-rules.ts`. Pure.
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

export const hasCpPlan = (state: CaseState): boolean => Object.keys(state.cpPlans).length > 0;

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

/** The open enquiries among `d`'s children; refuses children on a plan or without one. */
function checkChildEnquiriesEnd(state: CaseState, d: DecisionEntry): Allowed | Refusal {
  const onPlan = d.childIds.filter((id) => id in state.cpPlans);
  if (onPlan.length > 0) {
    return refuse(
      'plan_active',
      `on a child protection plan (end it instead): ${onPlan.join(', ')}`,
    );
  }
  const without = d.childIds.filter((id) => !state.s47ChildIds.includes(id));
  return without.length > 0
    ? refuse('no_active_s47', `no section 47 enquiry is open for: ${without.join(', ')}`)
    : ALLOWED;
}

function checkNoFurtherAction(state: CaseState, d: DecisionEntry): Allowed | Refusal {
  if (state.stage === 'family_help') {
    return state.openConcernIds.length > 0
      ? ALLOWED
      : refuse('no_open_concern', 'no_further_action in family_help needs an open concern');
  }
  if (state.stage === 'child_protection') {
    if (!state.s47.active) {
      return refuse('no_active_s47', 'no section 47 enquiry is active');
    }
    // With no plan on the case, the whole enquiry ends (every child); else only the named
    // children's own enquiries (a sibling's enquiry beside a plan) end.
    return hasCpPlan(state) ? checkChildEnquiriesEnd(state, d) : ALLOWED;
  }
  if (state.s47ChildIds.length > 0 && state.stage !== 'closed') {
    return checkChildEnquiriesEnd(state, d); // an enquiry started during proceedings
  }
  return refuse(
    'stage_not_allowed',
    `no_further_action needs stage family_help or child_protection (or an open s47 enquiry); the case is in ${state.stage}`,
  );
}

function checkStartS47(state: CaseState, d: DecisionEntry): Allowed | Refusal {
  if (state.openConcernIds.length === 0) {
    return refuse('no_open_concern', 'a section 47 enquiry needs an open concern');
  }
  // A further enquiry beside one already open (a new allegation about a sibling) needs a
  // concern about each of its children; the first enquiry answers any open concern.
  if (state.s47.active) {
    const named = Object.values(state.concernChildIds);
    const concerned = new Set(named.flat());
    const without = named.some((ids) => ids.length === 0)
      ? []
      : d.childIds.filter((id) => !concerned.has(id));
    if (without.length > 0) {
      return refuse(
        'no_open_concern',
        `a further section 47 enquiry needs an open concern about each child; none for: ${without.join(', ')}`,
      );
    }
  }
  const open = d.childIds.filter((id) => state.s47ChildIds.includes(id));
  return open.length > 0
    ? refuse('s47_already_open', `a section 47 enquiry is already open for: ${open.join(', ')}`)
    : ALLOWED;
}

function checkConvene(state: CaseState, d: DecisionEntry): Allowed | Refusal {
  const stage = requireStage(state, d, ['child_protection']);
  if (!stage.ok) return stage;
  if (!state.s47.active) return refuse('no_active_s47', 'no section 47 enquiry is active');
  // The conference is for the children whose enquiry is open and who are not on a plan.
  const enquired = state.s47ChildIds.filter((id) => !(id in state.cpPlans));
  if (enquired.length === 0 && hasCpPlan(state)) {
    return refuse('plan_active', 'a child protection plan already exists');
  }
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
    case 'start_section_47_enquiry':
      return checkStartS47(state, d);
    case 'no_further_action':
      return checkNoFurtherAction(state, d);
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

export function assertNever(value: never): never {
  throw new Error(`unknown decision type: ${String(value)}`);
}
