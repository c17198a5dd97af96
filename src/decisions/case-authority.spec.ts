import type { Role, Scope } from 'src/access/roles';
import { ROLES, SCOPES } from 'src/access/roles';
import {
  CASE_ACTIONS,
  CaseAction,
  CaseActor,
  CaseRelation,
  Verdict,
  mayAct,
} from './case-authority';

/** The caller's relation to the case, from "another LA" to "co-working ECPP". */
const PROFILES: Record<string, CaseRelation> = {
  otherLa: { sameLa: false, canRead: false, teamMember: false, coWorker: false },
  sameLaHidden: { sameLa: true, canRead: false, teamMember: false, coWorker: false },
  visible: { sameLa: true, canRead: true, teamMember: false, coWorker: false },
  teamMember: { sameLa: true, canRead: true, teamMember: true, coWorker: false },
  coWorker: { sameLa: true, canRead: true, teamMember: false, coWorker: true },
};
const PROFILE_NAMES = Object.keys(PROFILES);

const V: Record<string, Verdict> = { A: 'allowed', F: 'forbidden', N: 'not_found' };
const ALL_F = 'F F F F F';

/**
 * Expected verdicts, one letter per profile in PROFILES order (otherLa, sameLaHidden, visible,
 * teamMember, coWorker): A allowed, F forbidden (403), N not found (404).
 */
const ROLE_TABLE: Record<Role, Record<CaseAction, string>> = {
  platform_admin: {
    raise_concern: ALL_F,
    assign_co_worker: ALL_F,
    end_co_working: ALL_F,
    request_decision: ALL_F,
    record_decision: ALL_F,
    challenge_decision: ALL_F,
    record_activity: ALL_F,
    read_case_records: ALL_F,
  },
  family_help_practitioner: {
    raise_concern: 'N N F A F',
    assign_co_worker: ALL_F,
    end_co_working: ALL_F,
    request_decision: 'N N F A F',
    record_decision: ALL_F,
    challenge_decision: 'N N F A F',
    record_activity: 'N N F A F',
    read_case_records: 'N N A A A',
  },
  family_help_manager: {
    raise_concern: 'N N F A F',
    assign_co_worker: ALL_F,
    end_co_working: ALL_F,
    request_decision: 'N N F A F',
    record_decision: ALL_F,
    challenge_decision: 'N N F A F',
    record_activity: 'N N F A F',
    read_case_records: 'N N A A A',
  },
  ecpp: {
    raise_concern: 'N N F F A',
    assign_co_worker: ALL_F,
    end_co_working: ALL_F,
    request_decision: ALL_F,
    record_decision: 'N N F F A',
    challenge_decision: ALL_F,
    record_activity: 'N N F F A',
    read_case_records: 'N N A A A',
  },
  cp_manager: {
    raise_concern: ALL_F,
    assign_co_worker: 'N A A A A',
    end_co_working: 'N A A A A',
    request_decision: ALL_F,
    record_decision: ALL_F,
    challenge_decision: ALL_F,
    record_activity: ALL_F,
    read_case_records: 'N N A A A',
  },
  partner: Object.fromEntries(CASE_ACTIONS.map((a) => [a, ALL_F])) as Record<CaseAction, string>,
  la_admin: Object.fromEntries(CASE_ACTIONS.map((a) => [a, ALL_F])) as Record<CaseAction, string>,
  auditor: Object.fromEntries(CASE_ACTIONS.map((a) => [a, ALL_F])) as Record<CaseAction, string>,
  trainer: Object.fromEntries(CASE_ACTIONS.map((a) => [a, ALL_F])) as Record<CaseAction, string>,
};

const readOnly = (read: string) =>
  Object.fromEntries(
    CASE_ACTIONS.map((a) => [a, a === 'read_case_records' ? read : ALL_F]),
  ) as Record<CaseAction, string>;

/** API clients (client-credentials tokens) by scope: never a decision, never co-working. */
const SCOPE_TABLE: Record<Scope, Record<CaseAction, string>> = {
  'families:read': readOnly(ALL_F),
  'families:write': readOnly(ALL_F),
  'cases:read': readOnly('N N A A A'),
  'cases:write': readOnly('N N A A A'),
  'export:read': readOnly('N N A A A'),
  'events:read': readOnly(ALL_F),
};

const user = (...roles: Role[]): CaseActor => ({ kind: 'user', roles, scopes: [] });
const client = (...scopes: Scope[]): CaseActor => ({ kind: 'client', roles: [], scopes });

function rows(table: Record<string, Record<CaseAction, string>>) {
  return Object.entries(table).flatMap(([who, actions]) =>
    CASE_ACTIONS.flatMap((action) => {
      const letters = actions[action].split(' ');
      expect(letters).toHaveLength(PROFILE_NAMES.length);
      return PROFILE_NAMES.map((profile, i) => [who, action, profile, V[letters[i]]] as const);
    }),
  );
}

describe('mayAct: every role × action × relation (single-role users)', () => {
  it('covers every role', () => {
    expect(Object.keys(ROLE_TABLE).sort()).toEqual([...ROLES].sort());
  });
  it.each(rows(ROLE_TABLE))('%s %s on a %s case → %s', (role, action, profile, expected) => {
    expect(mayAct(user(role as Role), action, PROFILES[profile])).toBe(expected);
  });
});

describe('mayAct: API clients, every scope × action × relation', () => {
  it('covers every scope', () => {
    expect(Object.keys(SCOPE_TABLE).sort()).toEqual([...SCOPES].sort());
  });
  it.each(rows(SCOPE_TABLE))('%s %s on a %s case → %s', (scope, action, profile, expected) => {
    expect(mayAct(client(scope as Scope), action, PROFILES[profile])).toBe(expected);
  });
  it('a client with every scope still cannot decide, even if it were linked as co-worker', () => {
    expect(mayAct(client(...SCOPES), 'record_decision', PROFILES.coWorker)).toBe('forbidden');
  });
});

/** Every subset of roles × every relation flag combination × every action. */
describe('mayAct: invariants over every role combination and relation', () => {
  const roleSets: Role[][] = [];
  for (let mask = 0; mask < 1 << ROLES.length; mask++) {
    roleSets.push(ROLES.filter((_, i) => mask & (1 << i)));
  }
  const relations: CaseRelation[] = [];
  for (let mask = 0; mask < 16; mask++) {
    relations.push({
      sameLa: !!(mask & 1),
      canRead: !!(mask & 2),
      teamMember: !!(mask & 4),
      coWorker: !!(mask & 8),
    });
  }

  it('only an ECPP assigned to the case, in the same LA, may record a decision', () => {
    const wrong: unknown[] = [];
    for (const roles of roleSets) {
      for (const rel of relations) {
        const expected = roles.includes('ecpp') && rel.coWorker && rel.sameLa;
        const allowed = mayAct(user(...roles), 'record_decision', rel) === 'allowed';
        if (allowed !== expected) wrong.push({ roles, rel, allowed });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('nothing is ever allowed on another LA’s case', () => {
    const wrong: unknown[] = [];
    for (const roles of roleSets) {
      for (const rel of relations.filter((r) => !r.sameLa)) {
        for (const action of CASE_ACTIONS) {
          const verdict = mayAct(user(...roles), action, rel);
          if (verdict === 'allowed') wrong.push({ roles, rel, action });
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('cp_manager assigns and ends co-working but never decides in place of the ECPP', () => {
    for (const rel of relations.filter((r) => r.sameLa)) {
      expect(mayAct(user('cp_manager'), 'assign_co_worker', rel)).toBe('allowed');
      expect(mayAct(user('cp_manager'), 'end_co_working', rel)).toBe('allowed');
      expect(mayAct(user('cp_manager'), 'record_decision', rel)).toBe('forbidden');
    }
  });

  it('holding more roles never takes a permission away (monotone in roles)', () => {
    const rank: Record<Verdict, number> = { forbidden: 0, not_found: 0, allowed: 1 };
    const wrong: unknown[] = [];
    for (const roles of roleSets) {
      for (const extra of ROLES.filter((r) => !roles.includes(r))) {
        for (const rel of relations) {
          for (const action of CASE_ACTIONS) {
            const less = rank[mayAct(user(...roles), action, rel)];
            const more = rank[mayAct(user(...roles, extra), action, rel)];
            if (more < less) wrong.push({ roles, extra, rel, action });
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a Family Help practitioner who is also an ECPP cannot decide on a case they only lead', () => {
    const both = user('family_help_practitioner', 'ecpp');
    expect(mayAct(both, 'record_decision', PROFILES.teamMember)).toBe('forbidden');
    expect(mayAct(both, 'request_decision', PROFILES.teamMember)).toBe('allowed');
    expect(mayAct(both, 'record_decision', PROFILES.coWorker)).toBe('allowed');
  });
});
