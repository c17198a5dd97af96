/**
 * The vocabulary of the verdict table (`verdict.ts`): who a caller is to a case — the predicates
 * over the gate's facts (`lead`, `teamMember`, `SEES_CASE`, `COWORKING_ECPP`, `SHARED`, …) — and
 * the rules shared by the case rows (`CASE_RULES`) and the record kinds' own rows, which every
 * feature's `record-kinds.ts` (an `InCaseKind`) builds its rows from. Pure: no SQL of its own
 * beyond each predicate's list form.
 */
import type { Permission } from './permissions';
import { FAMILY_HELP_ROLES } from './roles';
import {
  all,
  any,
  fact,
  granted,
  not,
  Pred,
  readsEveryCase,
  recordFact,
  Rule,
  role,
  scope,
} from './predicates';

const restricted = fact('restricted');
export const lead = fact('lead');
const coWorker = fact('coWorker');
export const teamMember = fact('teamMember');
export const coWorked = fact('coWorked');
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

/* Rules shared by the case rows (`CASE_RULES`) and the record kinds' own rows. */
export const read: Rule = { see: SEES_CASE };
export const familyHelpOrEcpp: Rule = {
  see: SEES_CASE,
  act: any(FAMILY_HELP_ON_CASE, COWORKING_ECPP),
  why: "Only the case's Family Help team or its co-working ECPP may do this",
};

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
