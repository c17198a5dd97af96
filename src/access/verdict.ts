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
 * `InCaseKind`), built from the vocabulary exported here (`SEES_CASE`, `SHARED`, …).
 */
import type { Actor } from './actor';
import { isGranted, Permission } from './permissions';
import { FAMILY_HELP_ROLES } from './roles';
import {
  all,
  any,
  Caller,
  CaseFacts,
  fact,
  granted,
  NO_CASE,
  not,
  Pred,
  readsEveryCase,
  recordFact,
  RecordRows,
  Rule,
  role,
  scope,
} from './predicates';

export type Verdict = 'allowed' | 'forbidden' | 'not_found';
export type { Rule };

const restricted = fact('restricted');
export const lead = fact('lead');
const coWorker = fact('coWorker');
export const teamMember = fact('teamMember');
const coWorked = fact('coWorked');
const FAMILY_HELP = role(...FAMILY_HELP_ROLES);

/** Opens a restricted case: its lead, its active co-workers, a family_help_manager of its team,
 * a cp_manager of the LA. Never an API client, never a share. */
export const OPENS_RESTRICTED = any(
  lead,
  coWorker,
  all(role('family_help_manager'), teamMember),
  role('cp_manager'),
);

/** A MACPT member (police, health, education) while a strategy discussion or s47 enquiry of its
 * team is open on the case; never a restricted case. */
export const MACPT_SEES = all(role('macpt_member'), fact('macptOpen'), not(restricted));

/** Reads the case: a case reader by the role map (`case.read`), and, if restricted, one of the
 * few who open it; or a MACPT member while its team's work on the case is open. The floor of
 * every case rule. */
export const SEES_CASE = any(
  all(granted('case.read'), readsEveryCase(), any(not(restricted), OPENS_RESTRICTED)),
  MACPT_SEES,
);

/** Works on the case (notes, plan, close, reopen): its lead, Family Help staff of its team, its
 * co-working ECPP, a cp_manager of the LA, an API client with `cases:write`. */
export const WORKS_ON_CASE = any(
  lead,
  all(FAMILY_HELP, teamMember),
  all(role('ecpp'), coWorker),
  role('cp_manager'),
  scope('cases:write'),
);
/** Family Help practitioner or manager of the case's team (its lead counts). */
export const FAMILY_HELP_ON_CASE = all(FAMILY_HELP, any(teamMember, lead));
/** The ECPP co-working this case. */
export const COWORKING_ECPP = all(role('ecpp'), coWorker);
/** A partner named on the targeted record (plans, FGDM meetings): for record kinds' rows. */
export const SHARED = recordFact('shared');

export const read: Rule = { see: SEES_CASE };
const work: Rule = { see: SEES_CASE, act: WORKS_ON_CASE, why: 'You are not working on this case' };
export const familyHelpOrEcpp: Rule = {
  see: SEES_CASE,
  act: any(FAMILY_HELP_ON_CASE, COWORKING_ECPP),
  why: "Only the case's Family Help team or its co-working ECPP may do this",
};
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

/** Permission → rule on a case (the case itself, or any of its records without a row below). */
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

export function contributesToDiscussion(): Rule {
  return {
    see: SEES_CASE,
    act: any(all(role('macpt_member'), fact('macptOpen')), COWORKING_ECPP),
    why: "Only a MACPT member of the discussion's team, or the co-working ECPP, contributes",
  };
}

export function sendsInformationRequest(): Rule {
  return {
    see: SEES_CASE,
    act: any(COWORKING_ECPP, role('cp_manager')),
    why: "Only the case's co-working ECPP or a child-protection manager requests information",
  };
}

export function runsStrategyDiscussion(): Rule {
  return {
    see: SEES_CASE,
    act: any(COWORKING_ECPP, role('cp_manager')),
    why: "Only the case's co-working ECPP or a child-protection manager runs a strategy discussion",
  };
}

export function familyHelpWritesPlan(): Rule {
  return {
    see: SEES_CASE,
    act: FAMILY_HELP_ON_CASE,
    why: "Only the case's Family Help team writes a Family Network Plan",
  };
}

export function ecppDecidesSafetyPlan(): Rule {
  return {
    see: SEES_CASE,
    act: COWORKING_ECPP,
    why: 'Only the ECPP co-working this case starts or ends a community safety plan',
  };
}

/** Partners see a record only when named on it (an active share); staff by the case's read. */
export const SEES_SHARED: Pred = any(SEES_CASE, all(role('partner'), SHARED));

/** Rows every record partners may be named on has: reading it, sharing it, listing its shares. */
export const SHARED_RECORD: Readonly<Partial<Record<Permission, Rule>>> = {
  'plan.read': { see: SEES_SHARED },
  'plan.share': {
    see: SEES_CASE,
    act: any(lead, COWORKING_ECPP),
    why: 'Only the lead practitioner or the co-working ECPP shares a record with a partner',
  },
  'plan.partners': read,
};

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
