/**
 * The vocabulary of the case stage machine: stages, decision types, history entries, the
 * derived state and refusals. Plain data only; see `case-state.ts` for the functions.
 */

export const STAGES = [
  'family_help',
  'child_protection',
  'pre_proceedings',
  'care_proceedings',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];

export const DECISION_TYPES = [
  'start_section_47_enquiry',
  'no_further_action',
  'convene_initial_cp_conference',
  'start_child_protection_plan',
  'end_child_protection_plan',
  'initiate_pre_proceedings',
  'apply_for_care_proceedings',
  'start_community_safety_plan',
  'end_community_safety_plan',
  'end_pre_proceedings',
  'conclude_care_proceedings',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** How pre-proceedings end without an application (`end_pre_proceedings`). */
export const PRE_PROCEEDINGS_OUTCOMES = [
  'step_down_child_protection',
  'step_down_family_help',
  'issue_proceedings_declined',
] as const;
export type PreProceedingsOutcome = (typeof PRE_PROCEEDINGS_OUTCOMES)[number];

/** The orders care proceedings conclude with (`conclude_care_proceedings`). */
export const CARE_PROCEEDINGS_ORDERS = [
  'care_order',
  'supervision_order',
  'special_guardianship_order',
  'child_arrangements_order',
  'placement_order',
  'no_order',
  'withdrawn',
] as const;
export type CareProceedingsOrder = (typeof CARE_PROCEEDINGS_ORDERS)[number];

/** Children in Need census categories of abuse for a child protection plan. */
export const CP_CATEGORIES = ['NEG', 'PHY', 'EMO', 'SAB', 'MUL'] as const;
export type CpCategory = (typeof CP_CATEGORIES)[number];

export interface ConcernRaisedEntry {
  kind: 'concern_raised';
  id: string;
  childIds: string[];
  /** ISO date the concern of significant harm was raised (`raisedOn`). */
  at: string;
}

export interface DecisionEntry {
  kind: 'decision';
  id: string;
  type: DecisionType;
  childIds: string[];
  effectiveDate: string;
  /** Required for `start_child_protection_plan`. */
  category?: CpCategory;
  /** For `start_section_47_enquiry`; defaults to `effectiveDate`. */
  strategyDiscussionDate?: string;
  /** For `convene_initial_cp_conference`; defaults to `effectiveDate`. */
  conferenceDate?: string;
  /** For `apply_for_care_proceedings` straight from `child_protection`. */
  urgent?: boolean;
  /** For `apply_for_care_proceedings`: the day the court issued the application (the 26 weeks
   * run from it; kept in `proceedings_decision_detail`). */
  issuedOn?: string;
  /** For `conclude_care_proceedings`: the day the court made its final orders. */
  concludedOn?: string;
  /** The decision this one corrects; that decision then has no effect. */
  supersedesId?: string | null;
}

export interface ClosedEntry {
  kind: 'closed';
  at: string;
  reason: string;
}

export interface ReopenedEntry {
  kind: 'reopened';
  at: string;
}

export type CaseHistoryEntry = ConcernRaisedEntry | DecisionEntry | ClosedEntry | ReopenedEntry;

export interface CaseState {
  stage: Stage;
  /** The stage the case was in when it was closed; null while the case is open. */
  stageBeforeClose: Stage | null;
  openConcernIds: string[];
  /** The children each open concern names, by concern id (a concern naming none names all). */
  concernChildIds: Record<string, string[]>;
  /**
   * Children whose own section 47 enquiry is open and not yet concluded by a plan (one enquiry
   * per child: a sibling's new enquiry may start while the case is already in child protection).
   */
  s47ChildIds: string[];
  s47: { active: boolean; strategyDiscussionDate: string | null; startedAt: string | null };
  icpc: { convened: boolean; conferenceDate: string | null; heldAt: string | null };
  /** Children currently on a child protection plan, by child id. */
  cpPlans: Record<string, { category: CpCategory; startedAt: string; decisionId: string }>;
  /** Children currently on a Child Community Safety Plan, by child id. */
  safetyPlans: Record<string, { startedAt: string; decisionId: string }>;
  careProceedings: { startedAt: string } | null;
  preProceedings: { startedAt: string } | null;
}

export const REFUSAL_CODES = [
  'stage_not_allowed',
  'no_open_concern',
  'child_already_on_plan',
  'child_not_on_plan',
  'child_not_in_case',
  'no_active_s47',
  'plan_active',
  'conference_already_convened',
  'no_conference_convened',
  'case_closed',
  'not_urgent',
  'no_safety_plan',
  'safety_plan_active',
  'category_required',
  'superseded_unknown',
  'concern_open',
  's47_open',
  'proceedings_open',
  's47_already_open',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type Refusal = { ok: false; code: RefusalCode; detail: string };
export type Allowed = { ok: true };

export function refuse(code: RefusalCode, detail: string): Refusal {
  return { ok: false, code, detail };
}

export const ALLOWED: Allowed = Object.freeze({ ok: true as const });
