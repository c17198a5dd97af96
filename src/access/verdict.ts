/**
 * THE VERDICT TABLE: every record-level decision of Tandem, as one pure function
 * `verdict(caller, permission, facts) → allowed | forbidden | not_found`, keyed by the route's
 * permission (the vocabulary of `@Can`). The gate (`AccessService`) loads the facts with one
 * query and asks this; list filters are rendered from the same rules (`caseFilterSql`,
 * `familyFilterSql`). See docs/architecture.md, "The access gate", for the table in words.
 *
 * Order, mirroring the request pipeline: the role → permission map first (403 without looking
 * at the record), then tenancy and visibility (404: existence never leaks), then what the
 * caller may do with a record it can see (403). No one may write to, or learn anything about,
 * a record they may not read: every rule's `see` is at least the case's read verdict.
 *
 * To add a permission: a row in `CASE_RULES`. A record kind inside a case (a plan, an FGDM
 * meeting) declares its own facts SQL and rows in its feature folder (`record-kinds.ts`, an
 * `InCaseKind`), built from the vocabulary of `verdict-vocabulary.ts` (`SEES_CASE`, `SHARED`, …).
 */
import type { Actor } from './actor';
import { isGranted, Permission } from './permissions';
import { all, any, Caller, CaseFacts, NO_CASE, Pred, RecordRows, Rule, role } from './predicates';
import {
  contributesToDiscussion,
  coWorked,
  COWORKING_ECPP,
  ecppDecidesSafetyPlan,
  FAMILY_HELP_ON_CASE,
  familyHelpOrEcpp,
  familyHelpWritesPlan,
  lead,
  MACPT_SEES,
  read,
  runsStrategyDiscussion,
  SEES_CASE,
  sendsInformationRequest,
  teamMember,
  WORKS_ON_CASE,
} from './verdict-vocabulary';

export type Verdict = 'allowed' | 'forbidden' | 'not_found';
export type { Rule };

const work: Rule = { see: SEES_CASE, act: WORKS_ON_CASE, why: 'You are not working on this case' };
const familyHelpAsks: Rule = {
  see: SEES_CASE,
  act: FAMILY_HELP_ON_CASE,
  why: "Only the case's Family Help team may request or challenge a decision",
};
const cpManages: Rule = {
  see: SEES_CASE,
  act: role('cp_manager'),
  why: 'Only a child-protection manager assigns or ends ECPP co-working',
};

/** Permission → rule on a case (the case itself, or any of its records without a row of its
 * kind's own). */
export const CASE_RULES: Readonly<Partial<Record<Permission, Rule>>> = Object.freeze({
  'case.read': read,
  'decision.read': read,
  'timescale.read': read,
  'case.update': {
    see: SEES_CASE,
    act: all(role('family_help_manager'), teamMember),
    why: "Only a family_help_manager of the case's team may do this",
  },
  'case.note': work,
  'case.plan': work,
  /** Closing at once (`POST /cases/:id/close`) is a manager's authority (docs/conferences.md). */
  'case.close': {
    see: SEES_CASE,
    act: all(role('family_help_manager'), teamMember),
    why: "Only a family_help_manager of the case's team closes a case; practitioners propose closure",
  },
  'case.reopen': work,
  /** Closure with authority (src/closures): proposed by the Family Help team, authorised by its
   * manager, agreed by the co-working (accountable) ECPP. */
  'closure.propose': {
    see: SEES_CASE,
    act: FAMILY_HELP_ON_CASE,
    why: "Only the case's Family Help team proposes closure",
  },
  'closure.authorise': {
    see: SEES_CASE,
    act: all(role('family_help_manager'), teamMember),
    why: "Only a family_help_manager of the case's team authorises closure",
  },
  'closure.agree': {
    see: SEES_CASE,
    act: COWORKING_ECPP,
    why: "Only the case's co-working ECPP agrees a closure",
  },
  /** Adding a child to the case, or recording an unborn child's birth (src/cases/children). */
  'case.child_add': familyHelpOrEcpp,
  /** The CP plan's content (src/conferences): the case's staff or an agency's MACPT member may
   * try; the service admits only the core group the latest conference named. */
  'cp_plan.write': {
    see: SEES_CASE,
    act: any(FAMILY_HELP_ON_CASE, COWORKING_ECPP, MACPT_SEES),
    why: "Only the plan's core group writes its content",
  },
  'concern.raise': familyHelpOrEcpp,
  'activity.record': familyHelpOrEcpp,
  'decision.request': familyHelpAsks,
  'decision.challenge': familyHelpAsks,
  'decision.record': {
    see: SEES_CASE,
    act: COWORKING_ECPP,
    why: 'Only the ECPP assigned as co-worker on this case may record its decisions',
  },
  /** Practice records (issue 14): documents, assessments, parental representation. */
  'document.read': read,
  'document.upload': work,
  'assessment.record': familyHelpOrEcpp,
  /** The team's family_help_manager, or the co-working ECPP (the service adds: on a case in
   * child protection, which is not a gate fact). */
  'assessment.authorise': {
    see: SEES_CASE,
    act: any(all(role('family_help_manager'), teamMember), COWORKING_ECPP),
    why: "Only a family_help_manager of the case's team, or the ECPP co-working a case in child protection, may authorise",
  },
  'representation.read': read,
  'representation.record': familyHelpOrEcpp,
  'coworker.assign': cpManages,
  /** Conferences (src/conferences): the cp_manager schedules; reading and chairing one are
   * rows of the record kind below. */
  'conference.schedule': {
    see: SEES_CASE,
    act: role('cp_manager'),
    why: 'Only a child-protection manager schedules a conference',
  },
  'coworker.end': cpManages,
  /** Whose overdue timescales: a family_help_manager's teams' cases, a cp_manager's co-worked
   * cases (a list scope; a case outside it is simply not listed). */
  'timescale.overdue': {
    see: SEES_CASE,
    act: any(all(role('family_help_manager'), teamMember), all(role('cp_manager'), coWorked)),
    why: 'This case is not in your overdue scope',
  },
  /** A case behind a practice indicator (the drill-down list): shown only to those who may read
   * the case, so a restricted case counts in the aggregates but is listed only to those who open
   * it; an auditor (no case.read) sees the aggregates only. */
  'indicators.read': read,
  /** Plans on a case (src/plans, docs/plans.md): listing them, and creating them. */
  'plan.read': read,
  'plan.partners': read,
  'fgdm.record': familyHelpOrEcpp,
  /** Before proceedings (src/proceedings, docs/before-proceedings.md): legal gateway and
   * pre-proceedings meetings; the FGDM referrals of a case (a coordinator's own referral is a
   * row of the record kind). */
  'proceedings.record': {
    see: SEES_CASE,
    act: any(FAMILY_HELP_ON_CASE, COWORKING_ECPP, role('service_manager')),
    why: "Only the case's Family Help team, its co-working ECPP or a service manager records this",
  },
  'fgdm_referral.read': read,
  'family_network_plan.write': familyHelpWritesPlan(),
  'community_safety_plan.decide': ecppDecidesSafetyPlan(),
  /** Whose information-sharing records (a list scope): a family_help_manager's, their teams'
   * cases; a cp_manager's, the co-worked cases. (An auditor reads the LA's, as it reads the
   * audit trail, without reading cases: `LA_WIDE_LISTS` below.) */
  'information_sharing.read': {
    see: SEES_CASE,
    act: any(all(role('family_help_manager'), teamMember), all(role('cp_manager'), coWorked)),
    why: 'This case is not in your information-sharing scope',
  },
  /** Multi-agency child protection (src/multi-agency, docs/multi-agency.md). */
  'strategy_discussion.read': read,
  'strategy_discussion.run': runsStrategyDiscussion(),
  'strategy_discussion.contribute': contributesToDiscussion(),
  'information_request.send': sendsInformationRequest(),
  'strategy_discussion.request': {
    see: SEES_CASE,
    act: FAMILY_HELP_ON_CASE,
    why: "Only the case's Family Help team may request a strategy discussion",
  },
  /** The family's own view (src/family-view, docs/family-view.md). The lead practitioner
   * proposes a grant; the team's family_help_manager or the co-working ECPP approves it (the
   * service adds which of the two, by the case's stage, which is not a gate fact); anyone working
   * on the case suspends or revokes; the Family Help team or the ECPP writes family summaries
   * and decision explanations. */
  'family_access.propose': {
    see: SEES_CASE,
    act: lead,
    why: 'Only the lead practitioner proposes family access',
  },
  'family_access.approve': {
    see: SEES_CASE,
    act: any(all(role('family_help_manager'), teamMember), COWORKING_ECPP),
    why: "Only a family_help_manager of the case's team, or its co-working ECPP, approves family access",
  },
  'family_access.manage': work,
  'family_summary.write': familyHelpOrEcpp,
});

/** Permission → who reads the whole LA's list without a case rule: an auditor reads the LA's
 * information-sharing records as it reads the audit trail (it has no case.read). */
const LA_WIDE_LISTS: Readonly<Partial<Record<Permission, Pred>>> = Object.freeze({
  'information_sharing.read': role('auditor'),
});

/** The row for `permission`: the targeted record kind's own row, else the case's. */
export function ruleFor(permission: Permission, record: RecordRows | null): Rule | undefined {
  return (record && record.rules[permission]) || CASE_RULES[permission];
}

/** The verdict on one case (or one record inside it) for a caller and a permission. */
export function verdict(caller: Caller, permission: Permission, facts: CaseFacts): Verdict {
  if (!isGranted(caller as Actor, permission)) return 'forbidden';
  const rule = ruleFor(permission, facts.record?.kind ?? null);
  if (!rule || !facts.sameLa || !rule.see.test(caller, facts)) return 'not_found';
  return !rule.act || rule.act.test(caller, facts) ? 'allowed' : 'forbidden';
}

/** The 403 detail for a forbidden verdict. */
export function forbiddenReason(caller: Caller, permission: Permission, facts: CaseFacts): string {
  if (!isGranted(caller as Actor, permission)) return `Your role does not allow ${permission}`;
  return ruleFor(permission, facts.record?.kind ?? null)?.why ?? 'Not permitted on this case';
}

/**
 * The list form of `verdict(…) === 'allowed'` over case_record `alias` of the caller's LA (the
 * caller filters the LA): the same rule's predicates, written as SQL. Pushes the caller's id
 * onto `params` when the SQL needs it.
 */
export function caseFilterSql(
  actor: Pick<Actor, 'kind' | 'id' | 'roles' | 'scopes'>,
  permission: Permission,
  alias: string,
  params: unknown[],
): string {
  const rule = CASE_RULES[permission];
  if (!rule || !isGranted(actor as Actor, permission)) return 'FALSE';
  if (LA_WIDE_LISTS[permission]?.test(actor, NO_CASE)) return 'TRUE';
  const me = `$${params.length + 1}::uuid`;
  const sql = all(rule.see, rule.act ?? all()).sql(actor, { c: alias, me });
  if (sql.includes(me)) params.push(actor.id);
  return sql;
}
