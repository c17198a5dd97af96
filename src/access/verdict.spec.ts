import type { Actor } from './actor';
import { isGranted, PERMISSIONS, Permission } from './permissions';
import type { Caller, CaseFacts } from './predicates';
import { ROLES, Role, SCOPES, Scope } from './roles';
import { CASE_NOTE } from 'src/cases/record-kinds';
import { CASE_RULES, Verdict, verdict } from './verdict';
import { familyVerdict, teamVerdict } from './verdict-scopes';

/**
 * The caller's relation to one case (and, for `shared`, to a record inside it). Columns of the
 * tables below, in this order.
 */
const base: CaseFacts = {
  sameLa: true,
  restricted: false,
  lead: false,
  coWorker: false,
  teamMember: false,
  coWorked: false,
  macptOpen: false,
  record: null,
};
const PROFILES: Record<string, CaseFacts> = {
  otherLa: { ...base, sameLa: false, teamMember: true, lead: true },
  inLa: base,
  team: { ...base, teamMember: true },
  lead: { ...base, teamMember: true, lead: true },
  coWorker: { ...base, coWorker: true, coWorked: true },
  rInLa: { ...base, restricted: true },
  rTeam: { ...base, restricted: true, teamMember: true },
  rLead: { ...base, restricted: true, teamMember: true, lead: true },
  rCoWorker: { ...base, restricted: true, coWorker: true, coWorked: true },
};
const PROFILE_NAMES = Object.keys(PROFILES);
const V: Record<string, Verdict> = { A: 'allowed', F: 'forbidden', N: 'not_found' };
const ALL_F = 'F F F F F F F F F';

/** The case permissions (those with a row in CASE_RULES). */
const CASE_PERMISSIONS = Object.keys(CASE_RULES) as Permission[];

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
    'concern.raise': FH_PRACTITIONER.team,
    'activity.record': FH_PRACTITIONER.team,
    'decision.request': FH_PRACTITIONER.team,
    'decision.challenge': FH_PRACTITIONER.team,
    'plan.read': FH_PRACTITIONER.read,
    'plan.partners': FH_PRACTITIONER.read,
    'fgdm.record': FH_PRACTITIONER.team,
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
    'concern.raise': FH_MANAGER.team,
    'activity.record': FH_MANAGER.team,
    'decision.request': FH_MANAGER.team,
    'decision.challenge': FH_MANAGER.team,
    'timescale.overdue': FH_MANAGER.team,
    'indicators.read': FH_MANAGER.read,
    'plan.read': FH_MANAGER.read,
    'plan.partners': FH_MANAGER.read,
    'fgdm.record': FH_MANAGER.team,
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
    'concern.raise': ECPP.coWorking,
    'activity.record': ECPP.coWorking,
    'decision.record': ECPP.coWorking,
    'closure.agree': ECPP.coWorking,
    'plan.read': ECPP.read,
    'plan.partners': ECPP.read,
    'fgdm.record': ECPP.coWorking,
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
   * see "verdict: a MACPT member" below). */
  macpt_member: {
    'case.read': 'N N N N N N N N N',
    'decision.read': 'N N N N N N N N N',
    'timescale.read': 'N N N N N N N N N',
    'strategy_discussion.read': 'N N N N N N N N N',
    'strategy_discussion.contribute': 'N N N N N N N N N',
  },
  /** A family member reads no case: only their own grant's family view (src/family-view). */
  family_member: {},
  /** A chair sees no case as such: only the conferences they chair (a record row). */
  conference_chair: {},
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

const user = (...roles: Role[]): Caller => ({ kind: 'user', roles, scopes: [] });
const client = (...scopes: Scope[]): Caller => ({ kind: 'client', roles: [], scopes });

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

describe('verdict: a note (record rows)', () => {
  const note = (author: boolean): CaseFacts => ({
    ...PROFILES.team,
    record: { kind: CASE_NOTE, author, shared: false, ownAgency: false },
  });
  it.each([
    ['family_help_practitioner', true, 'allowed'],
    ['family_help_practitioner', false, 'forbidden'],
    ['ecpp', true, 'forbidden'],
    ['cp_manager', true, 'allowed'],
    ['cp_manager', false, 'forbidden'],
  ] as const)('%s correcting a note (author: %s) of a team case → %s', (role, author, expected) => {
    expect(verdict(user(role), 'case.note', note(author))).toBe(expected);
  });
  it('the author of a note on a restricted case they may no longer open: 404', () => {
    const f: CaseFacts = {
      ...PROFILES.rTeam,
      record: { kind: CASE_NOTE, author: true, shared: false, ownAgency: false },
    };
    expect(verdict(user('family_help_practitioner'), 'case.note', f)).toBe('not_found');
  });
});

/** Every combination of the boolean facts (sameLa true), with and without a share. */
function allFacts(): CaseFacts[] {
  const out: CaseFacts[] = [];
  for (let bits = 0; bits < 64; bits++)
    out.push({
      sameLa: true,
      restricted: !!(bits & 1),
      lead: !!(bits & 2),
      coWorker: !!(bits & 4),
      teamMember: !!(bits & 8),
      coWorked: !!(bits & 16) || !!(bits & 4),
      macptOpen: !!(bits & 32),
      record: null,
    });
  return out;
}
const ROLE_SETS: Role[][] = [
  ...ROLES.map((r) => [r]),
  ['family_help_practitioner', 'ecpp'],
  ['family_help_manager', 'cp_manager'],
  ['ecpp', 'cp_manager'],
  ['partner', 'family_help_practitioner'],
  ['macpt_member', 'family_help_practitioner'],
];

describe('verdict: a MACPT member reads a case only while its team’s discussion or s47 is open', () => {
  const macpt = user('macpt_member');
  const open: CaseFacts = { ...base, macptOpen: true };
  it.each([
    ['case.read', 'allowed'],
    ['decision.read', 'allowed'],
    ['timescale.read', 'allowed'],
    ['strategy_discussion.read', 'allowed'],
    ['strategy_discussion.contribute', 'allowed'],
    ['decision.record', 'forbidden'],
    ['strategy_discussion.run', 'forbidden'],
    ['case.note', 'forbidden'],
    ['family.read', 'forbidden'],
  ] as const)('macpt_member %s on a case its team’s work is open on → %s', (p, expected) => {
    expect(verdict(macpt, p, open)).toBe(expected);
  });
  it.each(['case.read', 'strategy_discussion.read', 'strategy_discussion.contribute'] as const)(
    'macpt_member %s once the work is closed, on a restricted case, or in another LA → 404',
    (p) => {
      expect(verdict(macpt, p, base)).toBe('not_found');
      expect(verdict(macpt, p, { ...open, restricted: true })).toBe('not_found');
      expect(verdict(macpt, p, { ...open, sameLa: false })).toBe('not_found');
    },
  );
  it('macptOpen changes nothing for any caller without the macpt_member role', () => {
    for (const roles of ROLE_SETS.filter((r) => !r.includes('macpt_member')))
      for (const f of allFacts())
        for (const p of PERMISSIONS)
          expect(verdict(user(...roles), p, { ...f, macptOpen: true })).toBe(
            verdict(user(...roles), p, { ...f, macptOpen: false }),
          );
  });
  it('an API client never gets the MACPT fact', () => {
    expect(verdict(client('cases:read'), 'case.read', { ...open, restricted: true })).toBe(
      'not_found',
    );
  });
});

describe('verdict: invariants over every fact combination', () => {
  it.each(ROLE_SETS.map((r) => [r.join('+')]))(
    '%s: nothing is allowed on a case it may not read, and a hidden case is 404, never 403',
    (roles) => {
      const caller = user(...(roles.split('+') as Role[]));
      for (const f of allFacts())
        for (const p of CASE_PERMISSIONS) {
          const read = verdict(caller, 'case.read', f);
          const got = verdict(caller, p, f);
          if (got === 'allowed') expect(read).toBe('allowed');
          if (read === 'not_found' && isGranted(caller as Actor, p)) expect(got).toBe('not_found');
        }
    },
  );

  it.each(ROLE_SETS.map((r) => [r.join('+')]))(
    '%s: a partner share on a record grants nothing that no row names (no row uses SHARED yet)',
    (roles) => {
      const caller = user(...(roles.split('+') as Role[]));
      for (const f of allFacts())
        for (const p of PERMISSIONS) {
          const note = {
            kind: CASE_NOTE,
            author: false,
            shared: false,
            ownAgency: false,
          };
          expect(verdict(caller, p, { ...f, record: { ...note, shared: true } })).toBe(
            verdict(caller, p, { ...f, record: note }),
          );
        }
    },
  );

  it.each(ROLE_SETS.map((r) => [r.join('+')]))(
    '%s: another local authority is 404 (403 only when the role lacks the permission)',
    (roles) => {
      const caller = user(...(roles.split('+') as Role[]));
      for (const f of allFacts())
        for (const p of CASE_PERMISSIONS)
          expect(verdict(caller, p, { ...f, sameLa: false })).toBe(
            isGranted(caller as Actor, p) ? 'not_found' : 'forbidden',
          );
    },
  );

  it('adding a role never takes a verdict away (allowed stays allowed)', () => {
    for (const roles of ROLE_SETS)
      for (const extra of ROLES)
        for (const f of allFacts())
          for (const p of CASE_PERMISSIONS)
            if (verdict(user(...roles), p, f) === 'allowed')
              expect(verdict(user(...roles, extra), p, f)).toBe('allowed');
  });

  it('only permissions with a case row reach a case (everything else is refused)', () => {
    const others = PERMISSIONS.filter((p) => !CASE_PERMISSIONS.includes(p));
    for (const p of others)
      for (const roles of ROLE_SETS)
        expect(verdict(user(...roles), p, PROFILES.lead)).not.toBe('allowed');
  });
});

describe('familyVerdict', () => {
  it.each([
    ...ROLES.map(
      (r) =>
        [
          r,
          false,
          ['family_help_practitioner', 'family_help_manager', 'ecpp', 'cp_manager'].includes(r)
            ? 'allowed'
            : 'forbidden',
        ] as const,
    ),
    ['family_help_practitioner', true, 'not_found'] as const,
  ])(
    '%s reading a family (a restricted case closed to them: %s) → %s',
    (role, closed, expected) => {
      expect(
        familyVerdict(user(role), 'family.read', { sameLa: true, hasCaseClosedToCaller: closed }),
      ).toBe(expected);
    },
  );
  it('client events:read (the event feed only) may not read families', () => {
    expect(
      familyVerdict(client('events:read'), 'family.read', {
        sameLa: true,
        hasCaseClosedToCaller: false,
      }),
    ).toBe('forbidden');
  });
  it('client evaluation:read reads no family (the extract is its only door)', () => {
    expect(
      familyVerdict(client('evaluation:read'), 'family.read', {
        sameLa: true,
        hasCaseClosedToCaller: false,
      }),
    ).toBe('forbidden');
  });
  it.each(
    SCOPES.filter((s) => !['events:read', 'evaluation:read', 'export:read'].includes(s)).map(
      (s) => [s],
    ),
  )('client %s reads families of its LA only', (s) => {
    const c = client(s);
    expect(familyVerdict(c, 'family.read', { sameLa: true, hasCaseClosedToCaller: false })).toBe(
      'allowed',
    );
    expect(familyVerdict(c, 'family.read', { sameLa: false, hasCaseClosedToCaller: false })).toBe(
      'not_found',
    );
  });
});

describe('teamVerdict: filtering the overdue list by a team', () => {
  it.each([
    ['family_help_manager', true, true, 'allowed'],
    ['family_help_manager', true, false, 'not_found'],
    ['family_help_manager', false, true, 'not_found'],
    ['cp_manager', true, false, 'allowed'],
    ['cp_manager', false, false, 'not_found'],
    ['family_help_practitioner', true, true, 'forbidden'],
    ['ecpp', true, true, 'forbidden'],
  ] as const)('%s (team of the LA: %s, member: %s) → %s', (r, sameLa, member, expected) => {
    expect(teamVerdict(user(r), 'timescale.overdue', { sameLa, member })).toBe(expected);
  });
});

describe('teamVerdict: filtering practice indicators by a team', () => {
  it.each([
    ['family_help_manager', true, true, 'allowed'],
    ['family_help_manager', true, false, 'not_found'],
    ['cp_manager', true, false, 'allowed'],
    ['auditor', true, false, 'allowed'],
    ['auditor', false, false, 'not_found'],
    ['la_admin', true, true, 'forbidden'],
    ['family_help_practitioner', true, true, 'forbidden'],
    ['ecpp', true, true, 'forbidden'],
  ] as const)('%s (team of the LA: %s, member: %s) → %s', (r, sameLa, member, expected) => {
    expect(teamVerdict(user(r), 'indicators.read', { sameLa, member })).toBe(expected);
  });
});
