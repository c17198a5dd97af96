import type { Actor } from './actor';
import { isGranted, Permission } from './permissions';
import { all, Caller, CaseFacts, NO_CASE, role } from './predicates';
import type { Verdict } from './verdict';
import { teamMember, OPENS_RESTRICTED, COWORKING_ECPP } from './verdict-vocabulary';

/**
 * Who authorises an assessment (`assessment.authorise`'s act, with the one fact the gate does
 * not load, the case's stage): the team's family_help_manager, or the ECPP co-working a case in
 * child protection.
 */
export function authorisesAssessment(
  caller: Caller,
  f: { teamMember: boolean; coWorker: boolean; stage: string },
): boolean {
  const facts: CaseFacts = { ...NO_CASE, sameLa: true, ...f };
  return (
    all(role('family_help_manager'), teamMember).test(caller, facts) ||
    (f.stage === 'child_protection' && COWORKING_ECPP.test(caller, facts))
  );
}

/** Reads practice indicators over the whole LA (no team filter): a cp_manager, an auditor or a
 * service_manager;
 * a family_help_manager reads its own teams'. */
const READS_LA_INDICATORS = role('cp_manager', 'auditor', 'service_manager');
export function readsLaIndicators(caller: Caller): boolean {
  return READS_LA_INDICATORS.test(caller, NO_CASE);
}

/** A partner-only user: a partner agency user sees only what was shared with them by name, so
 * to them nothing else exists and a refusal by the role map is a 404 (docs/domain.md). */
export function isPartnerOnly(caller: Caller): boolean {
  return (
    caller.kind === 'user' && caller.roles.length > 0 && caller.roles.every((r) => r === 'partner')
  );
}

/** What the gate knows about a team used as a filter: it is of the caller's LA, and the caller
 * is a member of it. */
export interface TeamFacts {
  sameLa: boolean;
  member: boolean;
}

/** Permission → who may filter a list by a team (else the team is "not found"). */
export const TEAM_RULES: Readonly<
  Partial<Record<Permission, (c: Caller, f: TeamFacts) => boolean>>
> = Object.freeze({
  /** A cp_manager: any team of the LA (co-worked cases cross teams); a family_help_manager:
   * their own teams. */
  'timescale.overdue': (c: Caller, f: TeamFacts) =>
    role('cp_manager').test(c, NO_CASE) ||
    (role('family_help_manager').test(c, NO_CASE) && f.member),
  /** Practice indicators: a cp_manager, an auditor or a service_manager any team of the LA; a family_help_manager
   * their own teams. */
  'indicators.read': (c: Caller, f: TeamFacts) =>
    READS_LA_INDICATORS.test(c, NO_CASE) ||
    (role('family_help_manager').test(c, NO_CASE) && f.member),
});

/** The verdict on filtering a list by a team. */
export function teamVerdict(caller: Caller, permission: Permission, f: TeamFacts): Verdict {
  if (!isGranted(caller as Actor, permission)) return 'forbidden';
  const rule = TEAM_RULES[permission];
  return f.sameLa && rule?.(caller, f) ? 'allowed' : 'not_found';
}

/** What the gate knows about a family: same LA, and whether one of its cases is restricted and
 * closed to the caller (its members are that case's children). */
export interface FamilyFacts {
  sameLa: boolean;
  hasCaseClosedToCaller: boolean;
}

/** The verdict on a family: a family reader (role map) of its LA, unless a restricted case of
 * the family is closed to the caller (then the family is hidden too). */
export function familyVerdict(caller: Caller, permission: Permission, f: FamilyFacts): Verdict {
  if (!isGranted(caller as Actor, permission)) return 'forbidden';
  if (!f.sameLa || !isGranted(caller as Actor, 'family.read') || f.hasCaseClosedToCaller)
    return 'not_found';
  return 'allowed';
}

/** SQL for "a restricted case of family `alias` is closed to the caller" (the
 * `hasCaseClosedToCaller` fact), from `OPENS_RESTRICTED`. */
export function familyClosedSql(
  actor: Pick<Actor, 'kind' | 'id' | 'roles' | 'scopes'>,
  alias: string,
  params: unknown[],
): string {
  const me = `$${params.length + 1}::uuid`;
  const opens = OPENS_RESTRICTED.sql(actor, { c: 'rc', me });
  if (opens === 'TRUE') return 'FALSE';
  if (opens.includes(me)) params.push(actor.id);
  return `EXISTS (SELECT 1 FROM case_record rc WHERE rc.family_id = ${alias}.id AND rc.restricted AND NOT ${opens})`;
}

/** The list form of the family verdict (the LA is filtered by the caller). */
export function familyFilterSql(
  actor: Pick<Actor, 'kind' | 'id' | 'roles' | 'scopes'>,
  alias: string,
  params: unknown[],
): string {
  const closed = familyClosedSql(actor, alias, params);
  return closed === 'FALSE' ? 'TRUE' : `NOT ${closed}`;
}
