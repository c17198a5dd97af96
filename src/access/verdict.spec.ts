import type { Permission } from './permissions';
import { Role, Scope } from './roles';
import { Verdict, verdict } from './verdict';
import { CASE_PERMISSIONS, client, PROFILES, user } from 'test/fixtures/verdict-profiles';

const PROFILE_NAMES = Object.keys(PROFILES);
const V: Record<string, Verdict> = { A: 'allowed', F: 'forbidden', N: 'not_found' };
const ALL_F = 'F F F F F F F F F';

//                   otherLa inLa team lead coW rInLa rTeam rLead rCoW
const FH_PRACTITIONER = {
  read: 'N A A A A N N A A',
  work: 'N F A A F N N A F',
  team: 'N F A A F N N A F',
};
const FH_MANAGER = {
  read: 'N A A A A N A A A',
  work: 'N F A A F N A A F',
  team: 'N F A A F N A A F',
};
const ECPP = {
  read: 'N A A A A N N A A',
  work: 'N F F A A N N A A',
  coWorking: 'N F F F A N N F A',
};
const CP_READ = 'N A A A A A A A A';
/** A service manager opens no restricted case, except as its lead or co-worker. */
const SM_READ = 'N A A A A N N A A';

/** Expected verdict letters per role × case permission (A allowed, F 403, N 404). */
const ROLE_TABLE: Record<Role, Partial<Record<Permission, string>>> = {
  platform_admin: {},
  family_help_practitioner: {
    'case.read': FH_PRACTITIONER.read,
    'decision.read': FH_PRACTITIONER.read,
    'timescale.read': FH_PRACTITIONER.read,
    'case.note': FH_PRACTITIONER.work,
    'case.plan': FH_PRACTITIONER.work,
    'case.reopen': FH_PRACTITIONER.work,
    'closure.propose': FH_PRACTITIONER.team,
    'case.child_add': FH_PRACTITIONER.team,
    'cp_plan.write': FH_PRACTITIONER.team,
    'concern.raise': FH_PRACTITIONER.team,
    'activity.record': FH_PRACTITIONER.team,
    'decision.request': FH_PRACTITIONER.team,
    'decision.challenge': FH_PRACTITIONER.team,
    'plan.read': FH_PRACTITIONER.read,
    'plan.partners': FH_PRACTITIONER.read,
    'fgdm.record': FH_PRACTITIONER.team,
    'fgdm_referral.read': FH_PRACTITIONER.read,
    'proceedings.record': FH_PRACTITIONER.team,
    'family_network_plan.write': FH_PRACTITIONER.team,
    'document.read': FH_PRACTITIONER.read,
    'document.upload': FH_PRACTITIONER.work,
    'assessment.record': FH_PRACTITIONER.team,
    'representation.read': FH_PRACTITIONER.read,
    'representation.record': FH_PRACTITIONER.team,
    'strategy_discussion.read': FH_PRACTITIONER.read,
    'strategy_discussion.request': FH_PRACTITIONER.team,
    'family_access.propose': 'N F F A F N N A F',
    'family_access.manage': FH_PRACTITIONER.work,
    'family_summary.write': FH_PRACTITIONER.team,
  },
  family_help_manager: {
    'case.read': FH_MANAGER.read,
    'decision.read': FH_MANAGER.read,
    'timescale.read': FH_MANAGER.read,
    'case.update': FH_MANAGER.team,
    'case.note': FH_MANAGER.work,
    'case.plan': FH_MANAGER.work,
    'case.close': FH_MANAGER.team,
    'case.reopen': FH_MANAGER.work,
    'closure.propose': FH_MANAGER.team,
    'closure.authorise': FH_MANAGER.team,
    'case.child_add': FH_MANAGER.team,
    'cp_plan.write': FH_MANAGER.team,
    'concern.raise': FH_MANAGER.team,
    'activity.record': FH_MANAGER.team,
    'decision.request': FH_MANAGER.team,
    'decision.challenge': FH_MANAGER.team,
    'timescale.overdue': FH_MANAGER.team,
    'indicators.read': FH_MANAGER.read,
    'plan.read': FH_MANAGER.read,
    'plan.partners': FH_MANAGER.read,
    'fgdm.record': FH_MANAGER.team,
    'fgdm_referral.read': FH_MANAGER.read,
    'proceedings.record': FH_MANAGER.team,
    'family_network_plan.write': FH_MANAGER.team,
    'information_sharing.read': FH_MANAGER.team,
    'document.read': FH_MANAGER.read,
    'document.upload': FH_MANAGER.work,
    'assessment.record': FH_MANAGER.team,
    'assessment.authorise': FH_MANAGER.team,
    'representation.read': FH_MANAGER.read,
    'representation.record': FH_MANAGER.team,
    'strategy_discussion.read': FH_MANAGER.read,
    'strategy_discussion.request': FH_MANAGER.team,
    'family_access.propose': 'N F F A F N F A F',
    'family_access.approve': FH_MANAGER.team,
    'family_access.manage': FH_MANAGER.work,
    'family_summary.write': FH_MANAGER.team,
  },
  ecpp: {
    'case.read': ECPP.read,
    'decision.read': ECPP.read,
    'timescale.read': ECPP.read,
    'case.note': ECPP.work,
    'case.child_add': ECPP.coWorking,
    'cp_plan.write': ECPP.coWorking,
    'concern.raise': ECPP.coWorking,
    'activity.record': ECPP.coWorking,
    'decision.record': ECPP.coWorking,
    'closure.agree': ECPP.coWorking,
    'plan.read': ECPP.read,
    'plan.partners': ECPP.read,
    'fgdm.record': ECPP.coWorking,
    'fgdm_referral.read': ECPP.read,
    'proceedings.record': ECPP.coWorking,
    'community_safety_plan.decide': ECPP.coWorking,
    'document.read': ECPP.read,
    'document.upload': ECPP.work,
    'assessment.authorise': ECPP.coWorking,
    'representation.read': ECPP.read,
    'representation.record': ECPP.coWorking,
    'strategy_discussion.read': ECPP.read,
    'strategy_discussion.run': ECPP.coWorking,
    'strategy_discussion.contribute': ECPP.coWorking,
    'information_request.send': ECPP.coWorking,
    'family_access.approve': ECPP.coWorking,
    'family_access.manage': ECPP.work,
    'family_summary.write': ECPP.coWorking,
  },
  cp_manager: {
    'case.read': CP_READ,
    'decision.read': CP_READ,
    'timescale.read': CP_READ,
    'case.note': CP_READ,
    'coworker.assign': CP_READ,
    'conference.schedule': CP_READ,
    'coworker.end': CP_READ,
    'timescale.overdue': 'N F F F A F F F A',
    'indicators.read': CP_READ,
    'plan.read': CP_READ,
    'plan.partners': CP_READ,
    'information_sharing.read': 'N F F F A F F F A',
    'document.read': CP_READ,
    'document.upload': CP_READ,
    'representation.read': CP_READ,
    'strategy_discussion.read': CP_READ,
    'strategy_discussion.run': CP_READ,
    'information_request.send': CP_READ,
    'family_access.manage': CP_READ,
  },
  /** A partner sees no case as such: only records it is named on (src/plans/plan-verdict.spec.ts). */
  partner: { 'plan.read': 'N N N N N N N N N' },
  la_admin: {},
  /** An auditor reads information-sharing records without reading cases (a role scope), and
   * indicators' aggregates without any drill-down row. */
  auditor: {
    'information_sharing.read': 'N N N N N N N N N',
    'indicators.read': 'N N N N N N N N N',
  },
  trainer: {},
  /** A MACPT member sees no case through these relations (macptOpen is false in every profile:
   * see "verdict: a MACPT member" in verdict-invariants.spec.ts). */
  macpt_member: {
    'case.read': 'N N N N N N N N N',
    'decision.read': 'N N N N N N N N N',
    'timescale.read': 'N N N N N N N N N',
    'strategy_discussion.read': 'N N N N N N N N N',
    'strategy_discussion.contribute': 'N N N N N N N N N',
    'cp_plan.write': 'N N N N N N N N N',
  },
  /** A family member reads no case: only their own grant's family view (src/family-view). */
  family_member: {},
  /** A chair sees no case as such: only the conferences they chair (a record row). */
  conference_chair: {},
  /** A service manager reads the LA's unrestricted cases and records legal gateway meetings;
   * authorising an exemption is a row of the exemption's record kind (src/proceedings). */
  service_manager: {
    'case.read': SM_READ,
    'decision.read': SM_READ,
    'timescale.read': SM_READ,
    'indicators.read': SM_READ,
    'plan.read': SM_READ,
    'document.read': SM_READ,
    'representation.read': SM_READ,
    'strategy_discussion.read': SM_READ,
    'fgdm_referral.read': SM_READ,
    'proceedings.record': SM_READ,
  },
  /** A coordinator sees no case: only the referrals made to them (a record row). */
  fgdm_coordinator: { 'fgdm_referral.read': 'N N N N N N N N N' },
};

const CLIENT_READ = 'N A A A A N N N N';
const SCOPE_TABLE: Record<Scope, Partial<Record<Permission, string>>> = {
  'families:read': {},
  'families:write': {},
  'cases:read': {
    'case.read': CLIENT_READ,
    'decision.read': CLIENT_READ,
    'timescale.read': CLIENT_READ,
    'document.read': CLIENT_READ,
    'representation.read': CLIENT_READ,
    'strategy_discussion.read': CLIENT_READ,
  },
  'cases:write': {
    'case.read': CLIENT_READ,
    'decision.read': CLIENT_READ,
    'timescale.read': CLIENT_READ,
    'document.read': CLIENT_READ,
    'representation.read': CLIENT_READ,
    'strategy_discussion.read': CLIENT_READ,
    'case.note': CLIENT_READ,
  },
  'evaluation:read': {},
  'export:read': {},
  'events:read': {},
};

function rows(table: Record<string, Partial<Record<Permission, string>>>) {
  return Object.entries(table).flatMap(([who, perms]) =>
    CASE_PERMISSIONS.flatMap((permission) => {
      const letters = (perms[permission] ?? ALL_F).split(' ');
      if (letters.length !== PROFILE_NAMES.length) throw new Error(`${who} ${permission}`);
      return PROFILE_NAMES.map((profile, i) => [who, permission, profile, V[letters[i]]] as const);
    }),
  );
}

describe('verdict: every single-role user × case permission × relation', () => {
  it.each(rows(ROLE_TABLE))('%s %s on %s → %s', (role, permission, profile, expected) => {
    const f = PROFILES[profile];
    expect(verdict(user(role as Role), permission, f)).toBe(expected);
  });
});

describe('verdict: API clients, every scope × case permission × relation', () => {
  it.each(rows(SCOPE_TABLE))('%s %s on %s → %s', (scope, permission, profile, expected) => {
    const f = PROFILES[profile];
    expect(verdict(client(scope as Scope), permission, f)).toBe(expected);
  });
});
