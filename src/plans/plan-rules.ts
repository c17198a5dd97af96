/**
 * The plans' rules (docs/domain.md, "Family group decision making and Family Network Plans" and
 * "Child Community Safety Plans"): the Family Network Plan status machine, which agreements a
 * version needs, versioning on edit, and the safety-plan action status machine. Plain functions
 * over plain data, no Nest, no database; the services load the facts and apply these.
 */
import { CASE_CLOSED } from 'src/case-history/case-closed';
import type { Stage } from 'src/case-history/case-types';

export const FNP_STATUSES = ['draft', 'agreed', 'active', 'ended'] as const;
export type FnpStatus = (typeof FNP_STATUSES)[number];

/** Who agrees a Family Network Plan's support package. */
export const AGREEMENT_ROLES = ['family_help_manager', 'ecpp'] as const;
export type AgreementRole = (typeof AGREEMENT_ROLES)[number];

export const CSP_STATUSES = ['active', 'ended'] as const;
export type CspStatus = (typeof CSP_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const HARM_TYPES = [
  'criminal_exploitation',
  'sexual_exploitation',
  'serious_youth_violence',
  'peer_on_peer_abuse',
  'online_harm',
  'trafficking_modern_slavery',
  'radicalisation',
] as const;
export type HarmType = (typeof HARM_TYPES)[number];

export { LAWFUL_BASES, type LawfulBasis } from 'src/sharing/lawful-basis';

export type RuleResult<T = undefined> =
  { ok: true; value: T } | { ok: false; code: string; detail: string };

const ok = <T>(value: T): RuleResult<T> => ({ ok: true, value });
const no = (code: string, detail: string): RuleResult<never> => ({ ok: false, code, detail });

/** Stages in which the co-working ECPP must agree too ("child_protection or later"). */
const ECPP_AGREES_IN: readonly Stage[] = [
  'child_protection',
  'pre_proceedings',
  'care_proceedings',
];

/** The agreements a version needs on a case in `stage`. */
export function requiredAgreements(stage: Stage): AgreementRole[] {
  return ECPP_AGREES_IN.includes(stage) ? ['family_help_manager', 'ecpp'] : ['family_help_manager'];
}

/** Agreed when every required agreement exists for the version. */
export function isFullyAgreed(stage: Stage, agreedRoles: readonly AgreementRole[]): boolean {
  return requiredAgreements(stage).every((r) => agreedRoles.includes(r));
}

/**
 * A new agreement (by `role`) to the plan's current version: allowed on an open case while
 * that version awaits agreement (a draft plan, or a new version of an agreed or active plan:
 * `awaiting`), once per role and version. The result is the plan's status afterwards: a draft
 * becomes `agreed` once fully agreed; an agreed or active plan keeps its status (the new
 * version simply comes into force).
 */
export function agree(
  plan: {
    status: FnpStatus;
    stage: Stage;
    agreedRoles: readonly AgreementRole[];
    awaiting?: boolean;
  },
  role: AgreementRole,
): RuleResult<FnpStatus> {
  if (plan.stage === 'closed') return no(CASE_CLOSED.code, CASE_CLOSED.detail);
  if (plan.status === 'ended' || (plan.status !== 'draft' && !plan.awaiting)) {
    return no(
      'plan_not_draft',
      `only a draft plan or a new version awaiting agreement is agreed; this plan is ${plan.status}` +
        (plan.status === 'ended' ? '' : ' and its current version is in force'),
    );
  }
  if (plan.agreedRoles.includes(role)) {
    return no('already_agreed', `this version is already agreed by the ${role}`);
  }
  if (plan.status !== 'draft') return ok(plan.status);
  const roles = [...plan.agreedRoles, role];
  return ok(isFullyAgreed(plan.stage, roles) ? 'agreed' : 'draft');
}

/** Status transitions other than agreement: activate (agreed → active) and end. */
export function transition(
  status: FnpStatus,
  to: 'active' | 'ended',
  stage: Stage,
): RuleResult<FnpStatus> {
  if (status === 'ended') return no('plan_ended', 'the plan has ended');
  if (to === 'active') {
    if (stage === 'closed') return no(CASE_CLOSED.code, CASE_CLOSED.detail);
    if (status === 'active') return no('plan_already_active', 'the plan is already active');
    if (status !== 'agreed') {
      return no('plan_not_agreed', 'a plan becomes active only once every agreement exists');
    }
    return ok('active');
  }
  return ok('ended');
}

/**
 * Editing the plan's content: always a new version (history kept, each version readable),
 * which needs fresh agreement. The plan keeps its status: an agreed or active plan stays in
 * force with its agreed version until the new one is agreed; a draft stays a draft. Not on an
 * ended plan or a closed case.
 */
export function edit(plan: {
  status: FnpStatus;
  stage: Stage;
  currentVersion: number;
}): RuleResult<{ status: FnpStatus; versionNumber: number }> {
  if (plan.status === 'ended') return no('plan_ended', 'an ended plan cannot be changed');
  if (plan.stage === 'closed') return no(CASE_CLOSED.code, CASE_CLOSED.detail);
  return ok({ status: plan.status, versionNumber: plan.currentVersion + 1 });
}

/** A review of a plan: not of an ended plan; the next review date, if given, after it. */
export function review(
  status: FnpStatus | CspStatus,
  reviewedOn: string,
  nextReviewDate: string | null,
): RuleResult {
  if (status === 'ended') return no('plan_ended', 'an ended plan is not reviewed');
  if (status === 'draft') return no('plan_not_agreed', 'a draft plan is not in place to review');
  if (nextReviewDate !== null && nextReviewDate <= reviewedOn) {
    return no('review_date_order', 'nextReviewDate must be after reviewedOn');
  }
  return ok(undefined);
}

/** Safety-plan actions: open ↔ in_progress → done | cancelled; done and cancelled are final. */
export function changeActionStatus(
  planStatus: CspStatus,
  from: ActionStatus,
  to: ActionStatus,
): RuleResult<ActionStatus> {
  if (planStatus === 'ended') return no('plan_ended', 'the safety plan has ended');
  if (from === 'done' || from === 'cancelled') {
    return no('action_closed', `the action is ${from} and cannot change`);
  }
  if (from === to) return no('status_unchanged', `the action is already ${from}`);
  return ok(to);
}
