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
    concernChildIds: {},
    s47ChildIds: [],
    s47: { ...NO_S47 },
    icpc: { ...NO_ICPC },
  };
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
